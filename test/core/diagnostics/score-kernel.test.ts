// The WebAssembly counting loops against the JavaScript definitions of what they compute:
// score-grid.ts's bins, scores.ts's clipping and sums (the binary against its source: ../wasm-module.test.ts).
import { cellOf, ECE_BINS, eceBin, labelGrid, SCORE_BINS, scoreBin } from '../../../src/core/diagnostics/score-grid.js';
import { ScoreKernel } from '../../../src/core/diagnostics/score-kernel.js';
import { LOG_LOSS_EPS } from '../../../src/core/diagnostics/scores.js';
import { Rng } from '../../../src/core/stats/rng.js';
import { edgeScores } from '../../helpers/edge-scores.js';

const scores = Float64Array.from(edgeScores());
const N = scores.length;
/** The scores as one example with a class map (`cls[j]`: score j's class) of K classes, each listed many times. */
const K = 61;
const cls = Int32Array.from({ length: N }, (_, j) => (N - j) % K);

const clipped = (s: number) => Math.min(Math.max(s, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);

/** The sum of f over the scores, with Neumaier's compensation (`sum + lost`). */
function compensated(values: Float64Array, f: (s: number) => number): { sum: number; lost: number } {
  let sum = 0;
  let lost = 0;
  for (const s of values) {
    const term = f(s);
    const t = sum + term;
    lost += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return { sum, lost };
}

describe('ScoreKernel: multi-label', () => {
  const grid = labelGrid();
  const kernel = new ScoreKernel();
  const counts = kernel.reserve(K, grid.cells);
  const out = kernel.labels(scores, 0, N, cls, 1);

  it("counts every score once, in cellOf's cell of its class", () => {
    const expected = new Uint16Array(K * grid.cells);
    scores.forEach((s, j) => expected[cellOf(s) * K + cls[j]]++);
    expect(N).toBeGreaterThan(100_000);
    expect(out.bad).toBe(-1);
    let mismatches = 0;
    for (let i = 0; i < expected.length; i++) if (counts[i] !== expected[i]) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('multiplies the negatives’ likelihoods, taking the log out before the product underflows', () => {
    // -log of the product: the per-score logs summed with compensation (Neumaier's), exact to a few ulps.
    const { sum, lost } = compensated(scores, (s) => -Math.log(1 - clipped(s)));
    expect(out.loss).toBeGreaterThan(0);
    expect(out.likelihood).toBeGreaterThanOrEqual(1e-280);
    expect(Math.abs(out.loss - Math.log(out.likelihood) - (sum + lost))).toBeLessThan(1e-13 * (sum + lost));
  });

  it('sums each calibration bin’s scores', () => {
    const lanes = new Float64Array(ECE_BINS * 4);
    kernel.drainLanes(lanes);
    const bySum = new Float64Array(ECE_BINS);
    scores.forEach((s) => (bySum[eceBin(s)] += s));
    for (let b = 0; b < ECE_BINS; b++) {
      const sum = lanes.subarray(4 * b, 4 * b + 4).reduce((x, y) => x + y, 0);
      expect(sum).toBeCloseTo(bySum[b], 9);
    }
    // Drained: the next call adds to nothing.
    const again = new Float64Array(ECE_BINS * 4);
    kernel.drainLanes(again);
    expect(again.every((x) => x === 0)).toBe(true);
  });
});

describe('ScoreKernel: multiclass', () => {
  const kernel = new ScoreKernel();
  const counts = kernel.reserve(K, SCORE_BINS);
  const out = kernel.classes(scores, 0, N, cls);

  it("counts every score in scoreBin's bin of its class", () => {
    const expected = new Uint16Array(K * SCORE_BINS);
    scores.forEach((s, j) => expected[scoreBin(s) * K + cls[j]]++);
    let mismatches = 0;
    for (let i = 0; i < expected.length; i++) if (counts[i] !== expected[i]) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('sums the clipped scores and keeps the first highest and its class', () => {
    const { sum, lost } = compensated(scores, clipped);
    expect(Math.abs(out.sum - (sum + lost))).toBeLessThan(1e-13 * (sum + lost));
    const first = scores.indexOf(1);
    expect(out.best).toBe(1);
    expect(out.bestClass).toBe(cls[first]);
  });
});

describe('ScoreKernel: parts, classes and bad scores', () => {
  it('counts an example with more scores than classes (a class listed twice) as one', () => {
    const rng = new Rng(3);
    const values = Float64Array.from({ length: 50 }, () => rng.uniform());
    const cls = Int32Array.from({ length: 50 }, (_, j) => j % 20);
    const kernel = new ScoreKernel();
    const counts = kernel.reserve(20, SCORE_BINS);
    const out = kernel.classes(values, 0, 50, cls);
    const expected = new Uint16Array(20 * SCORE_BINS);
    values.forEach((s, j) => expected[scoreBin(s) * 20 + cls[j]]++);
    expect(Array.from(counts)).toEqual(Array.from(expected));
    expect(out.best).toBe(Math.max(...values));
    expect(out.bestClass).toBe(cls[values.indexOf(out.best)]);
  });

  it('keeps the first of tied highest scores, whichever lane of which loop holds it', () => {
    // Lengths 1-13 (the loop of four, and the one-at-a-time rest), few distinct values: many ties.
    const rng = new Rng(8);
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + (trial % 13);
      const values = Array.from({ length: n }, () => [0, 0.3, 0.7, 1][Math.floor(rng.uniform() * 4)]);
      const cls = Array.from({ length: n }, (_, j) => (j * 5 + trial) % n);
      const kernel = new ScoreKernel();
      kernel.reserve(n, SCORE_BINS);
      const out = kernel.classes(values, 0, n, cls);
      const first = values.indexOf(Math.max(...values));
      expect([trial, out.best, out.bestClass]).toEqual([trial, values[first], cls[first]]);
    }
  });

  it('reads plain arrays, float32 arrays and an offset, and takes no map as classes 0..n-1', () => {
    const values = [0.2, 0.9, 0.4];
    const ways = [values, Float32Array.from([7, ...values]).subarray(1), [9, 9, ...values]];
    const results = ways.map((v, i) => {
      const kernel = new ScoreKernel();
      const counts = kernel.reserve(3, SCORE_BINS);
      const out = kernel.classes(v, i === 2 ? 2 : 0, 3, undefined);
      return { counts: Array.from(counts), bestClass: out.bestClass };
    });
    expect(results[0].bestClass).toBe(1);
    expect(results[0].counts[scoreBin(0.4) * 3 + 2]).toBe(1);
    expect(results[2]).toEqual(results[0]);
    // float32's 0.2 and 0.4 are other numbers, in the same bins here.
    expect(results[1]).toEqual(results[0]);
  });

  it('lists the counts that wrap past 2^16 - 1, and how many times, in both loops', () => {
    for (const [loop, cells] of [
      ['labels', labelGrid().cells],
      ['classes', SCORE_BINS],
    ] as const) {
      const kernel = new ScoreKernel();
      const counts = kernel.reserve(2, cells);
      // 150,000 and 100,000 times the same score: the first four of each call in the loop that
      // takes four at a time, the fifth in the one-at-a-time loop.
      const values = [0.3, 0.3, 0.3, 0.3, 0.3];
      const classes = [0, 0, 1, 0, 1];
      for (let k = 0; k < 50_000; k++) {
        if (loop === 'labels') kernel.labels(values, 0, 5, classes, 1);
        else kernel.classes(values, 0, 5, classes);
      }
      const at = (c: number) => (loop === 'labels' ? cellOf(0.3) : scoreBin(0.3)) * 2 + c;
      expect([counts[at(0)], kernel.wraps.get(at(0))]).toEqual([150_000 - 2 * 65_536, 2]);
      expect([counts[at(1)], kernel.wraps.get(at(1))]).toEqual([100_000 - 65_536, 1]);
      expect(kernel.wraps.size).toBe(2);
    }
  });

  it('names the first score outside [0, 1], having counted those before it, wherever it is', () => {
    // Nine scores: two rounds of the loop that takes four at a time, then one alone.
    for (const bad of [NaN, -0.1, 1.5, -Infinity])
      for (let at = 0; at < 9; at++) {
        const values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
        values[at] = bad;
        const kernel = new ScoreKernel();
        const counts = kernel.reserve(9, labelGrid().cells);
        expect(kernel.labels(values, 0, 9, undefined, 1).bad).toBe(at);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(at);
        const multiclass = new ScoreKernel();
        const binned = multiclass.reserve(9, SCORE_BINS);
        expect(multiclass.classes(values, 0, 9, undefined).bad).toBe(at);
        expect(binned.reduce((a, b) => a + b, 0)).toBe(at);
      }
  });

  it('counts a score of -0 as 0, wherever it is (its sign bit once read as a bin past the counts)', () => {
    // -0 is in [0, 1] (a CSV's "-0", a float array's negative zero); each position of 9 in turn.
    for (let at = 0; at < 9; at++) {
      const plain = [0.05, 0.2, 0.3, 0.45, 0.5, 0.6, 0.75, 0.8, 0.95];
      const [zero, negative] = [[...plain], [...plain]];
      zero[at] = 0;
      negative[at] = -0;
      const run = (values: number[]) => {
        const kernel = new ScoreKernel();
        const counts = kernel.reserve(9, labelGrid().cells);
        const out = kernel.labels(values, 0, 9, undefined, 1);
        const lanes = new Float64Array(ECE_BINS * 4);
        kernel.drainLanes(lanes);
        const multiclass = new ScoreKernel();
        const binned = multiclass.reserve(9, SCORE_BINS);
        const best = multiclass.classes(values, 0, 9, undefined);
        return { counts: Array.from(counts), out, lanes: Array.from(lanes), binned: Array.from(binned), best };
      };
      const [want, got] = [run(zero), run(negative)];
      expect(got.out.bad).toBe(-1);
      expect(got.best.bad).toBe(-1);
      expect(got).toEqual(want);
      expect(want.counts[cellOf(0) * 9 + at]).toBe(1);
    }
  });
});
