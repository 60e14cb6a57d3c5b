// The histogram search against a brute force over the raw scores (every distinct score as a
// threshold, counted directly), on small random data: equal on scores of the grid, and within one
// bin's examples otherwise, for both objectives.
import { ScoreHistograms } from '../../../src/core/metrics/score-histograms.js';
import { bestCut, chooseThresholds, macroAt, type Objective } from '../../../src/core/metrics/tune-thresholds.js';
import { Rng } from '../../../src/core/stats/rng.js';

interface Example {
  score: number;
  positive: boolean;
}

/** Objective value of threshold t over the raw examples; null when t misses the precision floor. */
function valueAt(data: Example[], t: number, o: Objective): number | null {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (const e of data) {
    if (e.positive) positives++;
    if (e.score >= t && e.positive) tp++;
    else if (e.score >= t) fp++;
  }
  if (o.kind === 'f1') return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + positives - tp);
  return tp + fp > 0 && tp / (tp + fp) >= o.minPrecision ? tp : null;
}

function bruteForce(data: Example[], o: Objective): { t: number; value: number } | null {
  let best: { t: number; value: number } | null = null;
  for (const t of [...new Set(data.map((e) => e.score))].sort((a, b) => b - a)) {
    const v = valueAt(data, t, o);
    if (v !== null && (best === null || v > best.value)) best = { t, value: v };
  }
  return best;
}

function histogramOf(data: Example[], bins: number): ScoreHistograms {
  const h = new ScoreHistograms(bins);
  for (const e of data) {
    h.scores([e.score], 0, 1);
    h.end(e.positive ? [0] : [], 0, e.positive ? 1 : 0);
  }
  return h;
}

const OBJECTIVES: Objective[] = [
  { kind: 'f1' },
  { kind: 'recall-at-precision', minPrecision: 0.5 },
  { kind: 'recall-at-precision', minPrecision: 0.9 },
];

function randomData(rng: Rng, n: number, grid: number | null): Example[] {
  return Array.from({ length: n }, () => {
    const positive = rng.uniform() < 0.3;
    let score = Math.min(1, Math.max(0, (positive ? 0.3 : 0) + 0.7 * rng.uniform()));
    if (grid) score = Math.round(score * grid) / grid;
    return { score, positive };
  });
}

describe('bestCut', () => {
  it.each(OBJECTIVES)('finds the brute-force threshold on grid scores (%j)', (o) => {
    const rng = new Rng(3);
    for (let trial = 0; trial < 200; trial++) {
      const bins = [10, 20, 1000][trial % 3];
      const data = randomData(rng, 5 + (trial % 40), bins);
      const h = histogramOf(data, bins);
      const want = bruteForce(data, o);
      const positives = data.filter((e) => e.positive).length;
      const b = bestCut(h.atOrAbove(0, true), h.atOrAbove(0, false), positives, o);
      if (want === null || positives === 0) {
        if (want === null) expect(b).toBe(-1);
        continue;
      }
      expect([trial, b / bins]).toEqual([trial, want.t]);
      expect(valueAt(data, b / bins, o)).toBe(want.value);
    }
  });

  it.each(OBJECTIVES)('on continuous scores, is the best grid threshold counted over the raw scores (%j)', (o) => {
    const rng = new Rng(5);
    const bins = 50;
    for (let trial = 0; trial < 100; trial++) {
      const data = randomData(rng, 60, null);
      const h = histogramOf(data, bins);
      const positives = data.filter((e) => e.positive).length;
      const b = bestCut(h.atOrAbove(0, true), h.atOrAbove(0, false), positives, o);
      let grid: { t: number; value: number } | null = null;
      for (let k = bins; k >= 0; k--) {
        const v = valueAt(data, k / bins, o);
        if (v !== null && (grid === null || v > grid.value)) grid = { t: k / bins, value: v };
      }
      expect([trial, b < 0 ? null : b / bins]).toEqual([trial, grid?.t ?? null]);
      const exact = bruteForce(data, o);
      if (o.kind !== 'f1' || exact === null) continue;
      // F1: the exact optimum's bin holds every example a grid threshold can count differently.
      const inBin = data.filter((e) => Math.floor(e.score * bins) === Math.floor(exact.t * bins)).length;
      expect(exact.value - grid!.value).toBeLessThanOrEqual((2 * inBin) / positives + 1e-12);
    }
  });
});

describe('chooseThresholds and macroAt', () => {
  it('keeps the global threshold for few positives and an unreachable floor, and averages over classes with positives', () => {
    const h = new ScoreHistograms(10);
    const add = (scores: number[], truth: number[]) => {
      h.scores(scores, 0, scores.length);
      h.end(truth, 0, truth.length);
    };
    // class 0: 6 positives at 0.3, negatives at 0.1 -> tuned to 0.3; class 1: 2 positives;
    // class 2: 6 positives at 0.2 and 12 negatives at 0.9 -> precision never reaches 0.5.
    for (let i = 0; i < 6; i++) add([0.3, 0.1, 0.2], i < 2 ? [0, 1, 2] : [0, 2]);
    for (let i = 0; i < 12; i++) add([0.1, 0.1, 0.9], []);
    const chosen = chooseThresholds(h, 3, {
      objective: { kind: 'recall-at-precision', minPrecision: 0.5 },
      globalThreshold: 0.5,
      minPositives: 5,
    });
    expect(chosen).toEqual([
      { threshold: 0.3, tuned: true, positives: 6 },
      { threshold: 0.5, tuned: false, kept: 'few-positives', positives: 2 },
      { threshold: 0.5, tuned: false, kept: 'unreachable', positives: 6 },
    ]);
    expect(macroAt(h, [0.5, 0.5, 0.5])).toEqual({ recall: 0, precision: 0, classes: 3 });
    expect(
      macroAt(
        h,
        chosen.map((c) => c.threshold),
      ),
    ).toEqual({ recall: 1 / 3, precision: 1 / 3, classes: 3 });
  });
});
