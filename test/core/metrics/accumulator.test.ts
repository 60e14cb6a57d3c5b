import { ClassIndex } from '../../../src/core/classes.js';
import { accumulatorFromSplit, createAccumulator, type Accumulator } from '../../../src/core/metrics/accumulator.js';
import type { ExampleBatch } from '../../../src/core/metrics/batch.js';
import { buildReport } from '../../../src/core/report/build.js';
import { cuts, multiclassBatch, multilabelBatch, rng, sliceBatch } from './batches.js';

type Task = 'multiclass' | 'multilabel';

function randomData(task: Task, n: number, C: number, r: () => number): { truth: unknown[]; pred: unknown[] } {
  if (task === 'multiclass') {
    const truth = Array.from({ length: n }, () => Math.floor(r() ** 2 * C));
    const pred = truth.map((t) => (r() < 0.7 ? t : Math.floor(r() * C)));
    return { truth, pred };
  }
  const set = () => [...new Set(Array.from({ length: Math.floor(r() * 4) }, () => Math.floor(r() ** 2 * C)))];
  const truth = Array.from({ length: n }, set);
  const pred = truth.map((t) => (r() < 0.5 ? t : set()));
  return { truth, pred };
}

function feed(
  acc: Accumulator,
  task: Task,
  d: { truth: unknown[]; pred: unknown[] },
  from: number,
  to: number,
  r: () => number,
) {
  const c = cuts(to - from, 3, r).map((x) => x + from);
  for (let i = 0; i + 1 < c.length; i++) acc.update(sliceBatch(task, d.truth, d.pred, c[i], c[i + 1]));
}

describe.each<Task>(['multiclass', 'multilabel'])('%s accumulator', (task) => {
  it.each([1, 2, 3, 7])('merging %i shards equals one pass exactly (counts and predictions)', (k) => {
    for (let trial = 0; trial < 20; trial++) {
      const r = rng(1000 * k + trial + (task === 'multiclass' ? 0 : 77));
      const n = Math.floor(r() * 400);
      const C = 1 + Math.floor(r() * (trial % 2 ? 300 : 12)); // some trials widen indices past one byte
      const d = randomData(task, n, C, r);
      const one = createAccumulator(task);
      feed(one, task, d, 0, n, r);
      const c = cuts(n, k, r);
      const shards = Array.from({ length: k }, (_, i) => {
        const a = createAccumulator(task);
        feed(a, task, d, c[i], c[i + 1], r);
        return a;
      });
      const merged = shards[0];
      for (const s of shards.slice(1)) merged.merge(s);
      expect(merged.examples).toBe(n);
      expect(merged.counts()).toEqual(one.counts());
      expect(merged.predictions()).toEqual(one.predictions());
    }
  });

  it('takes batches whose class count grows between updates', () => {
    const acc = createAccumulator(task);
    if (task === 'multiclass') {
      acc.update(multiclassBatch([0, 1], [1, 1]));
      acc.update(multiclassBatch([300, 2], [300, 70000]));
    } else {
      acc.update(multilabelBatch([[0], []], [[0, 1], []]));
      acc.update(multilabelBatch([[2, 300]], [[300, 70000]]));
    }
    const c = acc.counts();
    expect(c.tp.length).toBe(70001);
    expect(c.tp[300]).toBe(1);
    expect(c.fp[70000]).toBe(1);
    expect(c.fn[2]).toBe(1);
    const ex = acc.predictions();
    if (ex.task === 'multiclass') {
      expect(Array.from(ex.truth)).toEqual([0, 1, 300, 2]);
      expect(Array.from(ex.pred)).toEqual([1, 1, 300, 70000]);
    } else {
      expect(Array.from(ex.truthOffsets)).toEqual([0, 1, 1, 3]);
      expect(Array.from(ex.truthIndices)).toEqual([0, 2, 300]);
      expect(Array.from(ex.predOffsets)).toEqual([0, 2, 2, 4]);
      expect(Array.from(ex.predIndices)).toEqual([0, 1, 300, 70000]);
    }
  });

  it('refuses a batch of the other task', () => {
    const acc = createAccumulator(task);
    const other: ExampleBatch = task === 'multiclass' ? multilabelBatch([[0]], [[0]]) : multiclassBatch([0], [0]);
    expect(() => acc.update(other)).toThrow(/cannot take/);
    expect(() => acc.merge(createAccumulator(task === 'multiclass' ? 'multilabel' : 'multiclass'))).toThrow(
      /cannot take/,
    );
  });

  it('rebuilds from a report, matching classes by name into another index', () => {
    const r = rng(task === 'multiclass' ? 5 : 6);
    const d = randomData(task, 200, 9, r);
    const acc = createAccumulator(task);
    feed(acc, task, d, 0, 200, r);
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const report = buildReport({
      task,
      classes: new ClassIndex(names, true),
      splits: [{ name: 'test', acc, files: [] }],
      createdAt: 'x',
      toolVersion: 't',
    });
    // Another index holding the same names reversed, plus one more.
    const into = new ClassIndex(['z', ...[...names].reverse()], true);
    const back = accumulatorFromSplit(report.splits.test, task, report.classes, into);
    const c0 = acc.counts();
    const c1 = back.counts();
    names.forEach((name, i) => {
      const j = into.indexOf(name);
      expect([c1.tp[j] ?? 0, c1.fp[j] ?? 0, c1.fn[j] ?? 0]).toEqual([c0.tp[i] ?? 0, c0.fp[i] ?? 0, c0.fn[i] ?? 0]);
    });
    expect(c1.correct).toBe(c0.correct);
    expect(c1.hammingErrors).toBe(c0.hammingErrors);
    expect(() => accumulatorFromSplit(report.splits.test, task, report.classes, new ClassIndex(['a'], true))).toThrow(
      /class "b" is not in the class list/,
    );
    const { predictions: _p, ...without } = report.splits.test;
    expect(() => accumulatorFromSplit(without, task, report.classes, into)).toThrow(/no per-example predictions/);
  });
});

describe('multi-label updates', () => {
  it('rejects labels that are not sorted and unique within an example', () => {
    const acc = createAccumulator('multilabel');
    const bad: ExampleBatch = {
      task: 'multilabel',
      n: 1,
      truthOffsets: Uint32Array.from([0, 2]),
      truthIndices: Uint32Array.from([3, 3]),
      predOffsets: Uint32Array.from([0, 0]),
      predIndices: new Uint32Array(0),
    };
    expect(() => acc.update(bad)).toThrow(/sorted and unique/);
  });

  it('reads batches whose offsets do not start at 0 (a window of a larger CSR)', () => {
    const acc = createAccumulator('multilabel');
    acc.update({
      task: 'multilabel',
      n: 2,
      truthOffsets: Uint32Array.from([2, 3, 5]),
      truthIndices: Uint32Array.from([9, 9, 1, 0, 4]),
      predOffsets: Uint32Array.from([1, 1, 2]),
      predIndices: Uint32Array.from([9, 4]),
    });
    const ex = acc.predictions();
    expect(ex).toEqual(multilabelBatch([[1], [0, 4]], [[], [4]]));
    expect(acc.counts()).toMatchObject({
      correct: 0,
      hammingErrors: 2,
      emptyPred: 1,
      emptyTruth: 0,
      trueLabels: 3,
      predLabels: 1,
    });
  });
});

describe('empty input', () => {
  it.each<Task>(['multiclass', 'multilabel'])(
    'a %s split without examples or labels makes room for no class',
    (task) => {
      const acc = createAccumulator(task);
      acc.update(task === 'multiclass' ? multiclassBatch([], []) : multilabelBatch([[], []], [[], []]));
      expect(acc.counts().tp).toEqual([]);
      const r = buildReport({
        task,
        classes: new ClassIndex(),
        splits: [{ name: 'test', acc, files: [] }],
        createdAt: 'x',
        toolVersion: 'y',
      });
      expect(r.classes).toEqual([]);
      expect(r.splits.test.examples).toBe(task === 'multiclass' ? 0 : 2);
    },
  );
});
