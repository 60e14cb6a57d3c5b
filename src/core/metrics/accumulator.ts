// Metric accumulators, torchmetrics style: `update` with batches, `merge` shards, and read the
// raw counts (`counts`) and per-example predictions (`predictions`) that the report is computed
// from. Indices are those of one shared ClassIndex whose size may grow between updates.

import type { ClassIndex } from '../classes.js';
import { UnknownClassError } from '../classes.js';
import { UsageError } from '../errors.js';
import { decodeExamples } from '../report/examples.js';
import type { SplitExamples, SplitReport, Task } from '../report/types.js';
import type { ExampleBatch } from './batch.js';
import type { SplitCounts } from './counts.js';
import { Counts, IndexList, maxOf } from './growable.js';
import { remapExamples } from './remap.js';

export interface Accumulator {
  readonly task: Task;
  /** Adds a batch; indices into one shared ClassIndex. */
  update(batch: ExampleBatch): void;
  /** Adds another accumulator of the same task and index space; its examples come after ours. */
  merge(other: Accumulator): void;
  readonly examples: number;
  /** A copy of the per-example truth and predictions, in update order. */
  predictions(): SplitExamples;
  /** The raw integer counts; per-class arrays are as long as the largest index seen + 1. */
  counts(): SplitCounts;
}

export function createAccumulator(task: Task): Accumulator {
  return task === 'multiclass' ? new MulticlassAccumulator() : new MultilabelAccumulator();
}

function wrongTask(expected: Task, got: string): Error {
  return new Error(`a ${expected} accumulator cannot take ${got} examples`);
}

class MulticlassAccumulator implements Accumulator {
  readonly task = 'multiclass' as const;
  private readonly tp = new Counts();
  private readonly fp = new Counts();
  private readonly fn = new Counts();
  private correct = 0;
  private readonly truth = new IndexList();
  private readonly pred = new IndexList();

  get examples(): number {
    return this.truth.length;
  }

  update(batch: ExampleBatch): void {
    if (batch.task !== 'multiclass') throw wrongTask('multiclass', batch.task);
    const n = batch.n;
    if (n === 0) return;
    const truth = batch.truth.subarray(0, n);
    const pred = batch.pred.subarray(0, n);
    const maxT = maxOf(truth);
    const maxP = maxOf(pred);
    const size = Math.max(maxT, maxP) + 1;
    this.tp.ensure(size);
    this.fp.ensure(size);
    this.fn.ensure(size);
    const tp = this.tp.raw;
    const fp = this.fp.raw;
    const fn = this.fn.raw;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const t = truth[i];
      const p = pred[i];
      if (t === p) {
        tp[t]++;
        correct++;
      } else {
        fn[t]++;
        fp[p]++;
      }
    }
    this.correct += correct;
    this.truth.append(truth, maxT);
    this.pred.append(pred, maxP);
  }

  merge(other: Accumulator): void {
    if (!(other instanceof MulticlassAccumulator)) throw wrongTask('multiclass', other.task);
    this.tp.add(other.tp);
    this.fp.add(other.fp);
    this.fn.add(other.fn);
    this.correct += other.correct;
    this.truth.append(other.truth.toUint32());
    this.pred.append(other.pred.toUint32());
  }

  predictions(): SplitExamples {
    return { task: 'multiclass', n: this.examples, truth: this.truth.toUint32(), pred: this.pred.toUint32() };
  }

  counts(): SplitCounts {
    return {
      task: 'multiclass',
      examples: this.examples,
      tp: this.tp.toArray(),
      fp: this.fp.toArray(),
      fn: this.fn.toArray(),
      correct: this.correct,
      hammingErrors: this.examples - this.correct,
      trueLabels: this.examples,
      predLabels: this.examples,
      emptyTruth: 0,
      emptyPred: 0,
    };
  }
}

class MultilabelAccumulator implements Accumulator {
  readonly task = 'multilabel' as const;
  private readonly tp = new Counts();
  private readonly fp = new Counts();
  private readonly fn = new Counts();
  private correct = 0;
  private hammingErrors = 0;
  private emptyTruth = 0;
  private emptyPred = 0;
  private n = 0;
  // CSR, offsets are global (start at 0, one more entry than examples).
  private readonly truthOffsets = new IndexList(1024, true);
  private readonly truthIndices = new IndexList();
  private readonly predOffsets = new IndexList(1024, true);
  private readonly predIndices = new IndexList();

  constructor() {
    this.truthOffsets.push(0);
    this.predOffsets.push(0);
  }

  get examples(): number {
    return this.n;
  }

  update(batch: ExampleBatch): void {
    if (batch.task !== 'multilabel') throw wrongTask('multilabel', batch.task);
    const { n, truthOffsets: to, predOffsets: po } = batch;
    const ti = batch.truthIndices.subarray(to[0], to[n]);
    const pi = batch.predIndices.subarray(po[0], po[n]);
    const maxT = maxOf(ti);
    const maxP = maxOf(pi);
    // No label at all in the batch: no class to make room for.
    const size = ti.length + pi.length > 0 ? Math.max(maxT, maxP) + 1 : 0;
    this.tp.ensure(size);
    this.fp.ensure(size);
    this.fn.ensure(size);
    const tp = this.tp.raw;
    const fp = this.fp.raw;
    const fn = this.fn.raw;
    const T = batch.truthIndices;
    const P = batch.predIndices;
    for (let i = 0; i < n; i++) {
      let a = to[i];
      const aEnd = to[i + 1];
      let b = po[i];
      const bEnd = po[i + 1];
      if (a === aEnd) this.emptyTruth++;
      if (b === bEnd) this.emptyPred++;
      let errors = 0;
      let lastT = -1;
      let lastP = -1;
      // Two-pointer walk over the sorted label lists: shared = tp, truth only = fn, prediction only = fp.
      while (a < aEnd || b < bEnd) {
        const t = a < aEnd ? T[a] : Infinity;
        const p = b < bEnd ? P[b] : Infinity;
        if (t === p) {
          if (t <= lastT || p <= lastP) throw unsorted();
          tp[t]++;
          lastT = t;
          lastP = p;
          a++;
          b++;
        } else if (t < p) {
          if (t <= lastT) throw unsorted();
          fn[t]++;
          lastT = t;
          errors++;
          a++;
        } else {
          if (p <= lastP) throw unsorted();
          fp[p]++;
          lastP = p;
          errors++;
          b++;
        }
      }
      if (errors === 0) this.correct++;
      this.hammingErrors += errors;
    }
    const baseT = this.truthIndices.length - to[0];
    const baseP = this.predIndices.length - po[0];
    for (let i = 1; i <= n; i++) {
      this.truthOffsets.push(to[i] + baseT);
      this.predOffsets.push(po[i] + baseP);
    }
    this.truthIndices.append(ti, maxT);
    this.predIndices.append(pi, maxP);
    this.n += n;
  }

  merge(other: Accumulator): void {
    if (!(other instanceof MultilabelAccumulator)) throw wrongTask('multilabel', other.task);
    const ex = other.predictions();
    if (ex.task !== 'multilabel') throw wrongTask('multilabel', ex.task);
    this.tp.add(other.tp);
    this.fp.add(other.fp);
    this.fn.add(other.fn);
    this.correct += other.correct;
    this.hammingErrors += other.hammingErrors;
    this.emptyTruth += other.emptyTruth;
    this.emptyPred += other.emptyPred;
    const baseT = this.truthIndices.length;
    const baseP = this.predIndices.length;
    for (let i = 1; i <= ex.n; i++) {
      this.truthOffsets.push(ex.truthOffsets[i] + baseT);
      this.predOffsets.push(ex.predOffsets[i] + baseP);
    }
    this.truthIndices.append(ex.truthIndices);
    this.predIndices.append(ex.predIndices);
    this.n += ex.n;
  }

  predictions(): SplitExamples {
    return {
      task: 'multilabel',
      n: this.n,
      truthOffsets: this.truthOffsets.toUint32(),
      truthIndices: this.truthIndices.toUint32(),
      predOffsets: this.predOffsets.toUint32(),
      predIndices: this.predIndices.toUint32(),
    };
  }

  counts(): SplitCounts {
    return {
      task: 'multilabel',
      examples: this.n,
      tp: this.tp.toArray(),
      fp: this.fp.toArray(),
      fn: this.fn.toArray(),
      correct: this.correct,
      hammingErrors: this.hammingErrors,
      trueLabels: this.truthIndices.length,
      predLabels: this.predIndices.length,
      emptyTruth: this.emptyTruth,
      emptyPred: this.emptyPred,
    };
  }
}

function unsorted(): Error {
  return new Error('multi-label batch: the labels of each example must be sorted and unique');
}

/** An accumulator fed with already collected per-example predictions (one batch). */
export function accumulatorFromExamples(ex: SplitExamples): Accumulator {
  const acc = createAccumulator(ex.task);
  acc.update(ex);
  return acc;
}

/**
 * Rebuilds a split's accumulator from a report's per-example predictions, moving class indices
 * from the report's `classes` into the shared index `into` (matched by name). Used by `merge`.
 */
export function accumulatorFromSplit(split: SplitReport, task: Task, classes: string[], into: ClassIndex): Accumulator {
  if (!split.predictions) {
    throw new UsageError(
      'the split has no per-example predictions (the report was written without them); cannot rebuild it',
    );
  }
  let ex: SplitExamples;
  try {
    ex = decodeExamples(split.predictions, classes.length);
  } catch (e) {
    throw new UsageError(`per-example predictions are damaged: ${(e as Error).message}`);
  }
  if (ex.task !== task) throw new UsageError(`per-example predictions are ${ex.task} but the report's task is ${task}`);
  const map = new Uint32Array(classes.length);
  for (let i = 0; i < classes.length; i++) {
    try {
      map[i] = into.indexOf(classes[i]);
    } catch (e) {
      if (e instanceof UnknownClassError)
        throw new UsageError(`class ${JSON.stringify(classes[i])} is not in the class list`);
      throw e;
    }
  }
  return accumulatorFromExamples(remapExamples(ex, map));
}
