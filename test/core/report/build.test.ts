import { createHash } from 'node:crypto';
import { ClassIndex } from '../../../src/core/classes.js';
import { createAccumulator } from '../../../src/core/metrics/accumulator.js';
import { buildReport } from '../../../src/core/report/build.js';
import { decodeExamples } from '../../../src/core/report/examples.js';
import type { Task } from '../../../src/core/report/types.js';
import { validateReport } from '../../../src/core/report/validate.js';
import { rng } from '../metrics/batches.js';
import { fakeFile, NAMES, randomNamedSplit, reportOf } from './helpers.js';

function shuffled<T>(xs: T[], seed: number): T[] {
  const r = rng(seed);
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe.each<Task>(['multiclass', 'multilabel'])('buildReport (%s)', (task) => {
  const splits = {
    train: randomNamedSplit(task, 300, NAMES, 1),
    validation: randomNamedSplit(task, 120, NAMES, 2),
    test: randomNamedSplit(task, 150, NAMES.slice(0, 6), 3),
  };

  it('does not depend on the order in which classes were first seen', () => {
    const base = reportOf(task, new ClassIndex(), splits);
    expect(base.classes).toEqual(['bird', 'c1', 'c2', 'c10', 'c20', 'cat', 'dog', 'Émile']);
    for (let seed = 1; seed <= 5; seed++) {
      // Registering the names in another order first changes every index the accumulators see.
      const other = reportOf(task, new ClassIndex(shuffled(NAMES, seed)), splits);
      expect(other).toEqual(base);
    }
  });

  it('keeps the given order of a fixed class list', () => {
    const fixed = reportOf(task, new ClassIndex(NAMES, true), splits);
    expect(fixed.classes).toEqual(NAMES);
    const sorted = reportOf(task, new ClassIndex(), splits);
    // Same figures, per class, matched by name.
    for (const s of Object.keys(splits)) {
      NAMES.forEach((name, i) => {
        const j = sorted.classes.indexOf(name);
        expect(fixed.splits[s].perClass.recall[i]).toBe(sorted.splits[s].perClass.recall[j]);
        expect(fixed.splits[s].perClass.tp[i]).toBe(sorted.splits[s].perClass.tp[j]);
      });
      // Averages sum the classes in another order: equal up to rounding.
      for (const [k, v] of Object.entries(sorted.splits[s].metrics))
        expect(Math.abs(fixed.splits[s].metrics[k as 'f1_macro'] - v)).toBeLessThan(1e-15);
      expect(fixed.splits[s].fingerprints.labels).toBe(sorted.splits[s].fingerprints.labels);
    }
  });

  it('keeps per-example predictions in the report class order, unless told not to', () => {
    const report = reportOf(task, new ClassIndex(shuffled(NAMES, 9)), splits);
    const ex = decodeExamples(report.splits.test.predictions!, report.classes.length);
    const truthNames =
      ex.task === 'multiclass'
        ? Array.from(ex.truth, (i) => report.classes[i])
        : Array.from({ length: ex.n }, (_, i) =>
            Array.from(ex.truthIndices.subarray(ex.truthOffsets[i], ex.truthOffsets[i + 1]), (k) => report.classes[k]),
          );
    const expected =
      task === 'multiclass'
        ? splits.test.truth
        : splits.test.truth.map((t) =>
            [...(t as string[])].sort((a, b) => report.classes.indexOf(a) - report.classes.indexOf(b)),
          );
    expect(truthNames).toEqual(expected);
    const lean = reportOf(task, new ClassIndex(), splits, { keepPredictions: false });
    expect(lean.splits.test.predictions).toBeUndefined();
    expect(lean.splits.test.perClass).toEqual(reportOf(task, new ClassIndex(), splits).splits.test.perClass);
  });

  it('fingerprints the true label names of every example', () => {
    const report = reportOf(task, new ClassIndex(), splits);
    const text = splits.validation.truth
      .map((t) => (typeof t === 'string' ? t : [...t].sort().join('\u001f')) + '\n')
      .join('');
    expect(report.splits.validation.fingerprints.labels).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(report.splits.validation.fingerprints.files).toEqual([fakeFile('validation', splits.validation)]);
  });

  it('computes the gaps between split pairs for every headline metric', () => {
    const report = reportOf(task, new ClassIndex(), splits);
    const tv = report.gaps['train-validation']!;
    const vt = report.gaps['validation-test']!;
    const keys = Object.keys(report.splits.train.metrics);
    expect(Object.keys(tv).sort()).toEqual([...keys].sort());
    for (const k of keys as (keyof typeof tv)[]) {
      expect(tv[k]).toBe(report.splits.train.metrics[k]! - report.splits.validation.metrics[k]!);
      expect(vt[k]).toBe(report.splits.validation.metrics[k]! - report.splits.test.metrics[k]!);
    }
    const noTrain = reportOf(task, new ClassIndex(), { validation: splits.validation, holdout: splits.test });
    expect(noTrain.gaps).toEqual({});
  });

  it('produces a report that passes validation', () => {
    const report = reportOf(task, new ClassIndex(), splits, {
      commit: 'abc',
      source: 'predictions',
      thresholds: task === 'multilabel' ? { default: 0.5, perClass: { cat: 0.3 } } : undefined,
      sanity: [{ level: 'warn', code: 'constant-output', message: 'm' }],
    });
    const written = JSON.parse(JSON.stringify(report));
    expect(validateReport(written, 'r.json')).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('buildReport edge cases', () => {
  it('pads classes that no split saw and handles an empty split', () => {
    const index = new ClassIndex(['a', 'b', 'c'], true);
    const acc = createAccumulator('multiclass');
    const empty = createAccumulator('multiclass');
    acc.update({ task: 'multiclass', n: 2, truth: Uint32Array.from([0, 0]), pred: Uint32Array.from([0, 1]) });
    const r = buildReport({
      task: 'multiclass',
      classes: index,
      splits: [
        { name: 'test', acc, files: [] },
        { name: 'train', acc: empty, files: [] },
      ],
      createdAt: 'x',
      toolVersion: 'y',
    });
    expect(r.splits.test.perClass.support).toEqual([2, 0, 0]);
    expect(r.splits.test.macro).toEqual({ classes: 1, excluded: 2 });
    expect(r.splits.train.examples).toBe(0);
    expect(r.splits.train.metrics.accuracy).toBe(0);
    expect(validateReport(JSON.parse(JSON.stringify(r)), 'r.json').splits.train.examples).toBe(0);
  });

  it('uses the sparse confusion format above 1024 classes and still validates', () => {
    const names = Array.from({ length: 1500 }, (_, i) => `k${i}`);
    const index = new ClassIndex(names, true);
    const acc = createAccumulator('multiclass');
    acc.update({
      task: 'multiclass',
      n: 4,
      truth: Uint32Array.from([0, 1499, 1499, 3]),
      pred: Uint32Array.from([0, 2, 2, 1499]),
    });
    const r = buildReport({
      task: 'multiclass',
      classes: index,
      splits: [{ name: 'test', acc, files: [] }],
      createdAt: 'x',
      toolVersion: 'y',
    });
    expect(r.splits.test.confusion).toEqual({
      format: 'sparse',
      cells: [
        [1499, 2, 2],
        [3, 1499, 1],
      ],
      truncated: 0,
    });
    expect(r.splits.test.predictions!.width).toBe('u16');
    validateReport(JSON.parse(JSON.stringify(r)), 'big.json');
  });
});
