// The WebAssembly multi-label decisions against the plain comparison they replace
// (score >= threshold, every score finite), on float32 and float64 rows of every width class
// (SIMD groups and a tail), with thresholds that fall between two float32 values.
import { f32AtLeast, ThresholdKernel } from '../../src/core/threshold-kernel.js';
import { Rng } from '../../src/core/stats/rng.js';

const rng = new Rng(14);

/** The float32 next to float32 x toward +infinity (up) or -infinity (down). */
function step32(x: number, up: boolean): number {
  if (x === 0) return up ? 2 ** -149 : -(2 ** -149);
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer);
  u[0] += x > 0 === up ? 1 : -1;
  return f[0];
}

/** A float32 just below, at and above t (t rounded to float32 first). */
function around32(t: number): number[] {
  const at = Math.fround(t);
  return [step32(at, false), at, step32(at, true)];
}

/** Thresholds of C classes: round ones, ones between two float32 values, 0 and 1. */
function thresholdsOf(C: number): number[] {
  return Array.from({ length: C }, (_, j) =>
    j % 5 === 0 ? 0.5 : j % 5 === 1 ? 0.1 : j % 5 === 2 ? rng.uniform() : j % 5 === 3 ? 0 : 1,
  );
}

/** rows x C scores: each class's threshold's float32 neighbours often, random scores otherwise. */
function scoresOf(rows: number, thresholds: number[], Kind: typeof Float32Array | typeof Float64Array) {
  const C = thresholds.length;
  const s = new Kind(rows * C);
  for (let i = 0; i < s.length; i++) {
    const t = thresholds[i % C];
    const near = [...around32(t), t, t - 1e-17, Math.min(1, t + 2 ** -40)];
    s[i] = rng.uniform() < 0.5 ? near[rng.below(near.length)] : rng.uniform();
  }
  return s;
}

/** The hits the plain comparison gives, row by row, as the kernel's take() lists them. */
function plain(scores: Float32Array | Float64Array, thresholds: number[]): number[][] {
  const C = thresholds.length;
  return Array.from({ length: scores.length / C }, (_, r) =>
    thresholds.flatMap((t, j) => (scores[r * C + j] >= t ? [j] : [])),
  );
}

function taken(kernel: ThresholdKernel, rows: number, C: number): number[][] {
  const cols = Array.from({ length: C }, (_, j) => j);
  return Array.from({ length: rows }, (_, r) => {
    const got: number[] = [];
    kernel.take(r, cols, { add: (c) => got.push(c) });
    return got;
  });
}

const bytesOf = (a: Float32Array | Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('f32AtLeast', () => {
  it('is the smallest float32 at or above t', () => {
    const ts = [0, 1, 0.5, 0.1, 1 / 3, 1e-46, 1e-40, 2 ** -149, -0.1, -1e-46, 3.5e38, ...thresholdsOf(200)];
    for (const t of ts) {
      const f = f32AtLeast(t);
      const [below] = around32(f);
      expect(Math.fround(f)).toBe(f);
      expect(f >= t && !(below >= t)).toBe(true);
    }
    expect(f32AtLeast(0.1)).toBeGreaterThan(0.1);
    expect(f32AtLeast(1e-46)).toBe(2 ** -149);
  });
});

describe.each([
  ['float32', Float32Array, 4],
  ['float64', Float64Array, 8],
] as const)('ThresholdKernel on %s rows', (_, Kind, itemSize) => {
  it.each([1, 2, 3, 4, 5, 7, 8, 485])('finds the scores at or above their thresholds, %i classes', (C) => {
    const thresholds = thresholdsOf(C);
    const kernel = new ThresholdKernel(thresholds, itemSize);
    const rows = Math.ceil(4000 / C);
    const scores = scoresOf(rows, thresholds, Kind);
    kernel.scan(bytesOf(scores), rows);
    const want = plain(scores, thresholds);
    expect(kernel.badRow).toBe(-1);
    expect(taken(kernel, rows, C)).toEqual(want);
    // Hits and misses on both sides of the thresholds.
    expect(want.flat().length).toBeGreaterThan(rows * C * 0.2);
    expect(want.flat().length).toBeLessThan(rows * C * 0.8);
  });

  it('skips rows not taken, and a later scan (larger, then smaller) starts afresh', () => {
    const thresholds = thresholdsOf(13);
    const kernel = new ThresholdKernel(thresholds, itemSize);
    for (const rows of [5, 40_000, 3]) {
      const scores = scoresOf(rows, thresholds, Kind);
      kernel.scan(bytesOf(scores), rows);
      const want = plain(scores, thresholds);
      const got: number[] = [];
      kernel.take(
        rows - 1,
        Array.from({ length: 13 }, (_, j) => j),
        { add: (c) => got.push(c) },
      );
      expect(got).toEqual(want[rows - 1]);
    }
  });

  it.each([
    [NaN, 0, 0],
    [Infinity, 2, 4],
    [-Infinity, 2, 6],
    [NaN, 9, 4],
  ])('%s at row %i column %i: badRow names the first such row', (v, r, j) => {
    const C = 7;
    const thresholds = thresholdsOf(C);
    const kernel = new ThresholdKernel(thresholds, itemSize);
    const scores = scoresOf(12, thresholds, Kind);
    scores[r * C + j] = v;
    scores[11 * C + 6] = NaN;
    kernel.scan(bytesOf(scores), 12);
    expect(kernel.badRow).toBe(r);
    // The rows before it are decided as usual.
    expect(taken(kernel, r, C)).toEqual(plain(scores.subarray(0, r * C), thresholds));
  });

  it('refuses bytes that are not whole rows', () => {
    const kernel = new ThresholdKernel([0.5, 0.5, 0.5], itemSize);
    expect(() => kernel.scan(new Uint8Array(itemSize * 4), 1)).toThrow('are not 1 rows of 3 scores');
  });
});

describe('ThresholdKernel.indicator: the 1s of one-byte 0/1 label rows', () => {
  /** rows x C labels, a 1 with probability p, at every alignment of a 16-byte group. */
  const labelsOf = (rows: number, C: number, p: number) =>
    Uint8Array.from({ length: rows * C }, () => (rng.uniform() < p ? 1 : 0));
  const ones = (labels: Uint8Array, C: number) =>
    Array.from({ length: labels.length / C }, (_, r) =>
      Array.from({ length: C }, (_, j) => j).filter((j) => labels[r * C + j] === 1),
    );

  it.each([1, 15, 16, 17, 33, 485])('%i columns: the same 1s as a plain loop, sparse and dense', (C) => {
    const kernel = ThresholdKernel.indicator(C);
    for (const p of [0.01, 0.5, 1]) {
      const labels = labelsOf(300, C, p);
      kernel.scan(labels, 300);
      expect(kernel.badRow).toBe(-1);
      expect(taken(kernel, 300, C)).toEqual(ones(labels, C));
    }
  });

  it.each([
    [2, 0, 0],
    [255, 3, 16],
    [7, 3, 484],
    [128, 9, 200],
  ])('a byte %i at row %i column %i: badRow names the first such row (in a group or the tail)', (v, r, j) => {
    const C = 485;
    const kernel = ThresholdKernel.indicator(C);
    const labels = labelsOf(12, C, 0.05);
    labels[r * C + j] = v;
    labels[11 * C + 5] = 3;
    kernel.scan(labels, 12);
    expect(kernel.badRow).toBe(r);
    expect(taken(kernel, r, C)).toEqual(ones(labels.subarray(0, r * C), C));
  });
});
