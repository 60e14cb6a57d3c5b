// The noise band of the split-level threshold-free lines (src/core/compare/diagnostics.ts): its
// arithmetic, and what happens with reports from before the standard errors were kept.
import { judgeDiagnostics, macroSe, noiseBand } from '../../../src/core/compare/diagnostics.js';
import { compareReports } from '../../../src/core/compare/compare.js';
import { defaultRules } from '../../../src/core/compare/rules.js';
import type { Report } from '../../../src/core/report/types.js';
import { evaluatePredictionFiles } from '../../../src/pipeline/evaluate.js';

describe('noiseBand and macroSe', () => {
  it('z times the root of the summed variances; one side unknown stands in for both; neither: null', () => {
    expect(noiseBand(0.03, 0.04, 2)).toBeCloseTo(0.1, 14);
    expect(noiseBand(null, 0.04, 1.96)).toBeCloseTo(1.96 * Math.sqrt(2) * 0.04, 14);
    expect(noiseBand(0.03, null, 1.96)).toBeCloseTo(1.96 * Math.sqrt(2) * 0.03, 14);
    expect(noiseBand(null, null, 1.96)).toBeNull();
  });

  it('a macro standard error at its bound, the mean of the classes\' with a value; unknown if one of them has none', () => {
    expect(macroSe([0.9, null, 0.8], [0.03, null, 0.04])).toBeCloseTo(0.035, 14);
    expect(macroSe([0.9, 0.8], [0.03, null])).toBeNull();
    expect(macroSe([0.9, 0.8], undefined)).toBeNull();
    expect(macroSe([null], [null])).toBeNull();
  });
});

describe('a log-loss rise on digits (LogisticRegression probabilities, 540 examples)', () => {
  let base: Report;
  beforeAll(async () => {
    base = await evaluatePredictionFiles([{ name: 'test', path: 'fixtures/diagnostics/digits.csv' }]);
  });

  // Both sides' log-loss standard error as a split of ~100 examples would have it (the file's is
  // 0.018, which puts the band below the 10% cut-off of its log-loss of 0.546).
  const SE = 0.05;
  const Z = 1.959963984540054;

  /** The head: the same report with its log-loss raised by `rise`; `strip`: whose standard errors to drop. */
  function judged(rise: number, strip: 'none' | 'base' | 'both' = 'none') {
    const head: Report = structuredClone(base);
    const s = head.splits.test.scores!;
    s.logLoss += rise;
    s.logLossSe = SE;
    const b: Report = structuredClone(base);
    b.splits.test.scores!.logLossSe = SE;
    if (strip !== 'none') delete b.splits.test.scores!.logLossSe;
    if (strip === 'both') delete s.logLossSe;
    const rules = defaultRules('multiclass');
    const cmp = compareReports(b, head, rules);
    return judgeDiagnostics(b, head, cmp, rules).diagnostics.scores.find((r) => r.metric === 'log_loss')!;
  }

  it('past the 10% cut-off but within the band: not worse; past both: worse', () => {
    const band = Z * Math.sqrt(2) * SE;
    const cut = 0.1 * base.splits.test.scores!.logLoss;
    expect(base.splits.test.scores!.logLossSe).toBeGreaterThan(0);
    expect(band).toBeGreaterThan(cut); // room between the two
    const within = judged((cut + band) / 2);
    expect(within.noise).toBeCloseTo(band, 12);
    expect(within.worse).toBe(false);
    expect(judged(band * 1.05).worse).toBe(true);
  });

  it('an older base without standard errors takes the head\'s; with neither, the cut-off alone decides', () => {
    const band = Z * Math.sqrt(2) * SE;
    const cut = 0.1 * base.splits.test.scores!.logLoss;
    const rise = (cut + band) / 2;
    expect(judged(rise, 'base').noise).toBeCloseTo(band, 12);
    expect(judged(rise, 'base').worse).toBe(false);
    const old = judged(rise, 'both');
    expect(old.noise).toBeNull();
    expect(old.worse).toBe(true);
  });
});
