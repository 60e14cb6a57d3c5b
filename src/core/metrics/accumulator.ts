// Metric accumulators, torchmetrics style: `update` with batches, `merge` shards, and read the
// raw counts (`counts`) and per-example predictions (`predictions`) that the report is computed
// from. Indices are those of one shared ClassIndex whose size may grow between updates.

import type { ClassIndex } from '../classes.js';
import { UnknownClassError } from '../classes.js';
import { UsageError } from '../errors.js';
import { ExampleStore } from '../report/example-store.js';
import { decodeExamples } from '../report/examples.js';
import type { SplitExamples, SplitReport, Task } from '../report/types.js';
import type { ExampleBatch } from './batch.js';
import type { SplitCounts } from './counts.js';
import { Counts, maxOf } from './growable.js';
import { remapExamples } from './remap.js';

export interface Accumulator {
  readonly task: Task;
  /** Adds a batch; indices into one shared ClassIndex. */
  update(batch: ExampleBatch): void;
  /** Adds another accumulator of the same task and index space; its examples come after ours. */
  merge(other: Accumulator): void;
  readonly examples: number;
  /** The per-example truth and predictions in update order, compact; read it, do not append to it. */
  readonly store: ExampleStore;
  /** A copy of the per-example truth and predictions as arrays, in update order. */
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

/** What both tasks count: per-class true and false positives and false negatives, exact matches, and every example. */
abstract class ConfusionAccumulator {
  protected readonly tp = new Counts();
  protected readonly fp = new Counts();
  protected readonly fn = new Counts();
  protected correct = 0;
  readonly store: ExampleStore;

  constructor(task: Task) {
    this.store = new ExampleStore(task);
  }

  get examples(): number {
    return this.store.examples;
  }

  /** Room in every per-class count for class indices below `size`; the raw arrays after it. */
  protected ensure(size: number): { tp: Float64Array; fp: Float64Array; fn: Float64Array } {
    this.tp.ensure(size);
    this.fp.ensure(size);
    this.fn.ensure(size);
    return { tp: this.tp.raw, fp: this.fp.raw, fn: this.fn.raw };
  }

  /** Adds what both tasks count of `other` (the same task); its examples come after ours. */
  protected mergeCounts(other: ConfusionAccumulator): void {
    this.tp.add(other.tp);
    this.fp.add(other.fp);
    this.fn.add(other.fn);
    this.correct += other.correct;
    this.store.appendStore(other.store);
  }

  predictions(): SplitExamples {
    return this.store.toExamples();
  }

  /** The counts both tasks report. */
  protected sharedCounts(): Pick<SplitCounts, 'examples' | 'tp' | 'fp' | 'fn' | 'correct'> {
    return {
      examples: this.examples,
      tp: this.tp.toArray(),
      fp: this.fp.toArray(),
      fn: this.fn.toArray(),
      correct: this.correct,
    };
  }
}

class MulticlassAccumulator extends ConfusionAccumulator implements Accumulator {
  readonly task = 'multiclass' as const;

  constructor() {
    super('multiclass');
  }

  update(batch: ExampleBatch): void {
    if (batch.task !== 'multiclass') throw wrongTask('multiclass', batch.task);
    const n = batch.n;
    if (n === 0) return;
    const truth = batch.truth.subarray(0, n);
    const pred = batch.pred.subarray(0, n);
    const maxT = maxOf(truth);
    const maxP = maxOf(pred);
    const { tp, fp, fn } = this.ensure(Math.max(maxT, maxP) + 1);
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
    this.store.append(batch);
  }

  merge(other: Accumulator): void {
    if (!(other instanceof MulticlassAccumulator)) throw wrongTask('multiclass', other.task);
    this.mergeCounts(other);
  }

  counts(): SplitCounts {
    return {
      task: 'multiclass',
      ...this.sharedCounts(),
      hammingErrors: this.examples - this.correct,
      trueLabels: this.examples,
      predLabels: this.examples,
      emptyTruth: 0,
      emptyPred: 0,
    };
  }
}

class MultilabelAccumulator extends ConfusionAccumulator implements Accumulator {
  readonly task = 'multilabel' as const;
  private hammingErrors = 0;
  private emptyTruth = 0;
  private emptyPred = 0;

  constructor() {
    super('multilabel');
  }

  update(batch: ExampleBatch): void {
    if (batch.task !== 'multilabel') throw wrongTask('multilabel', batch.task);
    const { n, truthOffsets: to, predOffsets: po } = batch;
    const ti = batch.truthIndices.subarray(to[0], to[n]);
    const pi = batch.predIndices.subarray(po[0], po[n]);
    const maxT = maxOf(ti);
    const maxP = maxOf(pi);
    // No label at all in the batch: no class to make room for.
    const { tp, fp, fn } = this.ensure(ti.length + pi.length > 0 ? Math.max(maxT, maxP) + 1 : 0);
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
    this.store.append(batch);
  }

  merge(other: Accumulator): void {
    if (!(other instanceof MultilabelAccumulator)) throw wrongTask('multilabel', other.task);
    this.mergeCounts(other);
    this.hammingErrors += other.hammingErrors;
    this.emptyTruth += other.emptyTruth;
    this.emptyPred += other.emptyPred;
  }

  counts(): SplitCounts {
    return {
      task: 'multilabel',
      ...this.sharedCounts(),
      hammingErrors: this.hammingErrors,
      trueLabels: this.store.trueLabels,
      predLabels: this.store.predLabels,
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
