import { pairSplit, unionClasses, type PairedSplit } from '../../../src/core/compare/pairing.js';
import { BOOT_METRICS, bootstrapSplit } from '../../../src/core/compare/resample.js';
import { expectClose, oracle } from '../stats/oracle.js';
import { makeReport, mc, ml } from '../../helpers/stats-reports.js';
import { decodedFromReport } from '../../../src/core/compare/pairing.js';
import type { Report } from '../../../src/core/report/types.js';

function paired(
  task: 'multiclass' | 'multilabel',
  data: { classes: number; truth: never[]; base: never[]; head: never[] },
) {
  const names = Array.from({ length: data.classes }, (_, k) => `c${k}`);
  const mk = (pred: never[]): Report =>
    makeReport(task, names, { test: task === 'multiclass' ? mc(data.truth, pred) : ml(data.truth, pred) });
  const b = mk(data.base);
  const h = mk(data.head);
  const r = pairSplit(b, h, 'test', unionClasses(b.classes, h.classes), decodedFromReport);
  if (!('paired' in r)) throw new Error(r.why);
  return { p: r.paired as PairedSplit, C: data.classes };
}

describe('bootstrap metric definitions against scikit-learn', () => {
  it.each(['multiclass', 'multilabel'] as const)(
    '%s: the weight-1 estimate equals sklearn for base and head',
    (task) => {
      const data = oracle[task];
      const { p, C } = paired(task, data);
      const boot = bootstrapSplit(p, 'test', 10, 1, C, C);
      for (const side of ['base', 'head'] as const) {
        const want = data[`${side}Metrics`];
        for (const m of BOOT_METRICS) if (m in want) expectClose(boot.point[side][m], want[m], 1e-12, 1e-15);
      }
    },
  );
});

describe('paired Poisson bootstrap', () => {
  const data = oracle.multiclass;
  const { p, C } = paired('multiclass', data);

  it('is deterministic for a seed and changes with the seed', () => {
    const a = bootstrapSplit(p, 'test', 200, 5, C, C);
    const b = bootstrapSplit(p, 'test', 200, 5, C, C);
    const c = bootstrapSplit(p, 'test', 200, 6, C, C);
    expect(a.head.recall_macro).toEqual(b.head.recall_macro);
    expect(a.head.recall_macro).not.toEqual(c.head.recall_macro);
  });

  it('the spread of accuracy matches the binomial standard error', () => {
    const boot = bootstrapSplit(p, 'test', 2000, 9, C, C);
    const acc = boot.base.accuracy;
    const mean = acc.reduce((a, b) => a + b, 0) / acc.length;
    const sd = Math.sqrt(acc.reduce((a, b) => a + (b - mean) ** 2, 0) / (acc.length - 1));
    const a0 = data.baseMetrics.accuracy;
    const se = Math.sqrt((a0 * (1 - a0)) / data.truth.length);
    expect(Math.abs(mean - a0)).toBeLessThan(0.005);
    expect(sd / se).toBeGreaterThan(0.9);
    expect(sd / se).toBeLessThan(1.1);
  });

  it('pairs base and head: the change is far less variable than either side', () => {
    // Head = base with 5% of the predictions redrawn: most examples are shared outcomes.
    let s = 99;
    const r = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const truth = Array.from({ length: 2000 }, () => Math.floor(r() * 4));
    const basePred = truth.map((t) => (r() < 0.8 ? t : Math.floor(r() * 4)));
    const headPred = basePred.map((b) => (r() < 0.05 ? Math.floor(r() * 4) : b));
    const names = ['a', 'b', 'c', 'd'];
    const bRep = makeReport('multiclass', names, { test: mc(truth, basePred) });
    const hRep = makeReport('multiclass', names, { test: mc(truth, headPred) });
    const pr = pairSplit(bRep, hRep, 'test', unionClasses(names, names), decodedFromReport);
    if (!('paired' in pr)) throw new Error(pr.why);
    const boot = bootstrapSplit(pr.paired, 'test', 500, 2, 4, 4);
    const sd = (x: ArrayLike<number>) => {
      const a = Array.from(x);
      const m = a.reduce((t, v) => t + v, 0) / a.length;
      return Math.sqrt(a.reduce((t, v) => t + (v - m) ** 2, 0) / (a.length - 1));
    };
    const d = boot.head.accuracy.map((h, i) => h - boot.base.accuracy[i]);
    // Unpaired, var(d) would be var(b) + var(h); paired, the shared outcomes cancel.
    expect(sd(d) ** 2).toBeLessThan(0.2 * (sd(boot.base.accuracy) ** 2 + sd(boot.head.accuracy) ** 2));
    expect(boot.point.base.accuracy).toBeCloseTo(bRep.splits.test.metrics.accuracy!, 12);
  });
});
