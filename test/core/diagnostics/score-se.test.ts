// The threshold-free metrics' standard errors against numpy on real models' probabilities
// (fixtures/diagnostics/make_se_oracle.py wrote se-oracle.json from make_oracle.py's files).
// modelgate's come from its histograms: log-loss's and the calibration error's are exact;
// ROC-AUC's (DeLong's) counts the pairs inside a bin as ties, so it is compared within a share;
// average precision's follows from the binned AP (within its bound of the exact one).
import { readFileSync } from 'node:fs';
import { classCurves } from '../../../src/core/diagnostics/scores.js';
import { evaluatePredictionFiles } from '../../../src/pipeline/evaluate.js';
import type { ScoreMetrics } from '../../../src/core/report/types.js';

interface SeOracle {
  rocAucSe: (number | null)[];
  averagePrecisionSe: (number | null)[];
  logLossSe: number;
  eceSe?: number;
  /** The ECE's standard deviation over resamples of the examples (numpy). */
  eceSeBootstrap?: number;
  /** A file outside fixtures/diagnostics, and its classes. */
  path?: string;
  classes?: string[];
}
const oracle = JSON.parse(readFileSync('fixtures/diagnostics/se-oracle.json', 'utf8')) as Record<string, SeOracle>;
const classesOf = (name: string) =>
  (JSON.parse(readFileSync('fixtures/diagnostics/oracle.json', 'utf8')) as Record<string, { classes: string[] }>)[name]
    .classes;

describe.each(Object.keys(oracle))('%s: standard errors equal to numpy', (name) => {
  const want = oracle[name];
  let got: ScoreMetrics;
  beforeAll(async () => {
    const r = await evaluatePredictionFiles(
      [{ name: 'test', path: want.path ?? `fixtures/diagnostics/${name}.csv` }],
      { classes: want.classes ?? classesOf(name) },
    );
    got = r.splits.test.scores!;
  });

  it("log-loss's (examples as the unit) and the calibration error's are exact; multi-label has no ECE one", () => {
    expect(got.logLossSe).toBeGreaterThan(0);
    expect(Math.abs(got.logLossSe! - want.logLossSe)).toBeLessThan(1e-9 * want.logLossSe);
    // A multi-label ECE averages label decisions, not independent draws: the oracle's formula
    // (decisions as the unit) is not given for it.
    if (name === 'wine-multilabel') expect(got.eceSe).toBeUndefined();
    else expect(Math.abs(got.eceSe! - want.eceSe!)).toBeLessThan(1e-12);
  });

  it("the calibration error's is near a bootstrap's over the examples (the scores' spread counted, not only the hits')", () => {
    if (name === 'wine-multilabel') return expect(want.eceSeBootstrap).toBeUndefined();
    // wine-seed-00-validation: every top label right, so a bin's hits alone vary by nothing
    // (that formula gave 0.0010 against the bootstrap's 0.0164).
    const ratio = got.eceSe! / want.eceSeBootstrap!;
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.35);
  });

  it("ROC-AUC's is DeLong's within 3% (ties in a bin), and null exactly where the AUC is", () => {
    want.rocAucSe.forEach((se, k) => {
      expect(got.rocAucSe![k] === null).toBe(se === null);
      if (se !== null) expect(Math.abs(got.rocAucSe![k]! - se)).toBeLessThanOrEqual(0.03 * se + 1e-4);
    });
  });

  it("average precision's is the binomial one of the binned AP (within what its bound allows)", () => {
    want.averagePrecisionSe.forEach((se, k) => {
      expect(got.averagePrecisionSe![k] === null).toBe(se === null);
      if (se === null) return;
      const ap = got.averagePrecision[k]!;
      // A class ranked perfectly (AP 1): nothing varies.
      if (ap === 1) return expect([got.averagePrecisionSe![k], se]).toEqual([0, 0]);
      const positives = Math.round((ap * (1 - ap)) / got.averagePrecisionSe![k]! ** 2);
      expect(got.averagePrecisionSe![k]).toBeCloseTo(Math.sqrt((ap * (1 - ap)) / positives), 12);
      // The binned AP is within its bound of the exact one; the SE moves less than the AP does there.
      expect(Math.abs(got.averagePrecisionSe![k]! - se)).toBeLessThanOrEqual(got.averagePrecisionBound[k]! + 1e-3);
    });
  });
});

describe('classCurves: DeLong from the histogram', () => {
  it('is 0 for a perfect separation, and equals the closed form of one tied bin', () => {
    const pos = new Uint32Array(4);
    const neg = new Uint32Array(4);
    pos[3] = 5;
    neg[0] = 5;
    expect(classCurves(pos, neg).aucSe).toBe(0);
    // Every example in one bin: each placement is 1/2, no variance.
    expect(classCurves(Uint32Array.of(0, 4), Uint32Array.of(0, 6)).aucSe).toBe(0);
    // 2 positives (bins 1 and 2) and 2 negatives (bins 0 and 2): V10 = (1/2, 3/4)... by hand.
    const r = classCurves(Uint32Array.of(0, 1, 1), Uint32Array.of(1, 0, 1));
    // positives: below 1 -> 1/2, 1.5 -> 3/4; negatives: above 2 -> 1, 0.5 -> 1/4; AUC 5/8.
    const v10 = [0.5, 0.75];
    const v01 = [1, 0.25];
    const variance = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
    };
    expect(r.auc).toBe(0.625);
    expect(r.aucSe).toBeCloseTo(Math.sqrt(variance(v10) / 2 + variance(v01) / 2), 14);
    expect(r.apSe).toBeCloseTo(Math.sqrt((r.ap! * (1 - r.ap!)) / 2), 14);
  });
});
