// Every figure of the report against scikit-learn (fixtures/metrics/make_oracle.py).
import { readFileSync } from 'node:fs';
import { ClassIndex } from '../../../src/core/classes.js';
import { createAccumulator } from '../../../src/core/metrics/accumulator.js';
import { buildReport } from '../../../src/core/report/build.js';
import { cuts, rng, sliceBatch } from './batches.js';

interface Avg {
  precision: number;
  recall: number;
  f1: number;
}
interface Case {
  name: string;
  task: 'multiclass' | 'multilabel';
  classes: number;
  truth: number[] | number[][];
  pred: number[] | number[][];
  accuracy?: number;
  correct?: number;
  subsetAccuracy?: number;
  hammingLoss?: number;
  confusion?: number[];
  tp: number[];
  fp: number[];
  fn: number[];
  emptyTruth?: number;
  emptyPred?: number;
  meanTrueLabels?: number;
  meanPredLabels?: number;
  perClass: Avg & { support: number[] } & Record<string, number[]>;
  micro: Avg;
  weighted: Avg;
  macro: Avg;
  macroClasses: number;
  macroExcluded: number;
  reportMacroAllLabels: Record<string, number>;
  reportMacroSupportLabels: Record<string, number>;
  reportWeighted: Record<string, number>;
}

const oracle = JSON.parse(readFileSync(new URL('../../../fixtures/metrics/oracle.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};
const TOL = 1e-12;

function expectClose(actual: number[] | number, expected: number[] | number, what: string) {
  const a = Array.isArray(actual) ? actual : [actual];
  const e = Array.isArray(expected) ? expected : [expected];
  expect({ what, length: a.length }).toEqual({ what, length: e.length });
  const bad = a.map((x, i) => [i, x, e[i]] as const).filter(([, x, y]) => !(Math.abs(x - y) <= TOL));
  expect({ what, bad }).toEqual({ what, bad: [] });
}

describe.each(oracle.cases.map((c) => [c.name, c] as const))('oracle case %s', (_name, c) => {
  const names = Array.from({ length: c.classes }, (_, i) => `c${i}`);
  const acc = createAccumulator(c.task);
  const n = c.truth.length;
  const r = rng(c.classes * 7 + n);
  const cut = cuts(n, 5, r);
  for (let i = 0; i + 1 < cut.length; i++) acc.update(sliceBatch(c.task, c.truth, c.pred, cut[i], cut[i + 1]));
  const report = buildReport({
    task: c.task,
    classes: new ClassIndex(names, true),
    splits: [{ name: 'test', acc, files: [] }],
    createdAt: '2026-01-01T00:00:00.000Z',
    toolVersion: 'test',
  });
  const s = report.splits.test;

  it('has the raw per-class counts', () => {
    expect(s.examples).toBe(n);
    expect(s.perClass.tp).toEqual(c.tp);
    expect(s.perClass.fp).toEqual(c.fp);
    expect(s.perClass.fn).toEqual(c.fn);
    expect(s.perClass.support).toEqual(c.perClass.support);
    expect(s.perClass.predicted).toEqual(c.tp.map((t, i) => t + c.fp[i]));
  });

  it('has per-class precision, recall and f1', () => {
    expectClose(s.perClass.precision, c.perClass.precision, 'precision');
    expectClose(s.perClass.recall, c.perClass.recall, 'recall');
    expectClose(s.perClass.f1, c.perClass.f1, 'f1');
  });

  it('has micro and weighted averages over all classes', () => {
    const m = s.metrics;
    expectClose(
      [m.precision_micro, m.recall_micro, m.f1_micro],
      [c.micro.precision, c.micro.recall, c.micro.f1],
      'micro',
    );
    expectClose(
      [m.precision_weighted, m.recall_weighted, m.f1_weighted],
      [c.weighted.precision, c.weighted.recall, c.weighted.f1],
      'weighted',
    );
    const w = c.reportWeighted;
    expectClose(
      [m.precision_weighted, m.recall_weighted, m.f1_weighted],
      [w.precision, w.recall, w['f1-score']],
      'report weighted',
    );
  });

  it('has macro averages over the classes with support, and counts the excluded ones', () => {
    const m = s.metrics;
    expectClose(
      [m.precision_macro, m.recall_macro, m.f1_macro],
      [c.macro.precision, c.macro.recall, c.macro.f1],
      'macro',
    );
    const rm = c.reportMacroSupportLabels;
    expectClose(
      [m.precision_macro, m.recall_macro, m.f1_macro],
      [rm.precision, rm.recall, rm['f1-score']],
      'report macro',
    );
    expect(s.macro).toEqual({ classes: c.macroClasses, excluded: c.macroExcluded });
    if (c.macroExcluded > 0) {
      // The documented difference: classification_report over every class counts zero-support classes as 0.
      expect(Math.abs(m.recall_macro - c.reportMacroAllLabels.recall)).toBeGreaterThan(1e-6);
    }
  });

  if (c.task === 'multiclass') {
    it('has accuracy and the confusion matrix', () => {
      expectClose(s.metrics.accuracy!, c.accuracy!, 'accuracy');
      expect(s.counts).toEqual({ correct: c.correct });
      expect(s.confusion).toEqual({ format: 'dense', counts: c.confusion });
    });

    it('lists the top wrong predictions of each class from the confusion matrix', () => {
      const C = c.classes;
      for (let t = 0; t < C; t++) {
        const row = c.confusion!.slice(t * C, t * C + C);
        const wrong = row
          .map((v, p) => [p, v] as [number, number])
          .filter(([p, v]) => p !== t && v > 0)
          .sort((a, b) => b[1] - a[1] || a[0] - b[0])
          .slice(0, 3);
        expect(s.topConfusions![t]).toEqual(wrong);
      }
    });
  } else {
    it('has subset accuracy, hamming loss and label-set figures', () => {
      expectClose(s.metrics.subset_accuracy!, c.subsetAccuracy!, 'subset accuracy');
      expectClose(s.metrics.hamming_loss!, c.hammingLoss!, 'hamming loss');
      expect(s.multilabel!.emptyTruth).toBe(c.emptyTruth);
      expect(s.multilabel!.emptyPred).toBe(c.emptyPred);
      expectClose(s.multilabel!.meanTrueLabels, c.meanTrueLabels!, 'mean true labels');
      expectClose(s.multilabel!.meanPredLabels, c.meanPredLabels!, 'mean pred labels');
      expect(s.counts!.hammingErrors).toBe(Math.round(c.hammingLoss! * n * c.classes));
      expect(s.counts!.subsetCorrect).toBe(Math.round(c.subsetAccuracy! * n));
      expect(s.confusion).toBeUndefined();
    });
  }
});
