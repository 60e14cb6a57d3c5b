import { Rng, fillPoisson, poisson, poisson1 } from '../../../src/core/stats/rng.js';
import { oracle } from './oracle.js';

describe('seeded PRNG', () => {
  it('is deterministic per (seed, stream) and differs across seeds and streams', () => {
    const take = (r: Rng) => Array.from({ length: 5 }, () => r.nextU32());
    expect(take(new Rng(42, 'a'))).toEqual(take(new Rng(42, 'a')));
    expect(take(new Rng(42, 'a'))).not.toEqual(take(new Rng(43, 'a')));
    expect(take(new Rng(42, 'a'))).not.toEqual(take(new Rng(42, 'b')));
  });

  it('uniform() is in [0, 1) with mean 1/2 and below() has no bias', () => {
    const r = new Rng(1);
    let s = 0;
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      counts[r.below(7)]++;
    }
    expect(Math.abs(s / 70000 - 0.5)).toBeLessThan(0.005);
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500); // ~5 sd
  });
});

/** Pearson chi-square of draws against the scipy pmf, tail cells pooled so every expected count >= 5. */
function chiSquare(draws: number[], pmf: number[]): { stat: number; df: number } {
  const n = draws.length;
  const obs = new Array(pmf.length).fill(0);
  for (const d of draws) obs[Math.min(d, pmf.length - 1)]++;
  const cells: [number, number][] = [];
  let o = 0,
    e = 0;
  for (let k = 0; k < pmf.length; k++) {
    o += obs[k];
    e += k === pmf.length - 1 ? n * (1 - pmf.slice(0, -1).reduce((a, b) => a + b, 0)) : n * pmf[k];
    if (e >= 5) {
      cells.push([o, e]);
      o = 0;
      e = 0;
    }
  }
  if (e > 0 && cells.length) {
    cells[cells.length - 1][0] += o;
    cells[cells.length - 1][1] += e;
  }
  return { stat: cells.reduce((s, [a, b]) => s + (a - b) ** 2 / b, 0), df: cells.length - 1 };
}

describe('exact Poisson sampler', () => {
  it.each([1, 3.5, 15, 250])('lambda %p fits the scipy pmf (chi-square well inside 99.9%)', (lambda) => {
    const { pmf } = oracle.poissonPmf.find((x: { lambda: number }) => x.lambda === lambda);
    const r = new Rng(7, `poisson-${lambda}`);
    const draws = Array.from({ length: 40000 }, () => (lambda === 1 ? poisson1(r) : poisson(r, lambda)));
    const { stat, df } = chiSquare(draws, pmf);
    // 99.9% quantile of chi-square is below df + 3.1 sqrt(2 df) + 10 for these df.
    expect(stat).toBeLessThan(df + 3.1 * Math.sqrt(2 * df) + 10);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / draws.length));
  });

  it('the bootstrap fast path draws exactly what poisson1 / poisson draw from the same stream', () => {
    const counts = Float64Array.from({ length: 200000 }, (_, i) => (i % 1000 === 0 ? 37 : i % 777 === 0 ? 4.0 : 1));
    const fast = new Int32Array(counts.length);
    fillPoisson(new Rng(5, 'x'), counts, fast);
    const r = new Rng(5, 'x');
    const slow = Int32Array.from(counts, (c) => (c === 1 ? poisson1(r) : poisson(r, c)));
    expect(fast).toEqual(slow);
    expect(fast.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThan(5);
  });

  it('large lambda keeps mean and variance (sum of 1e6 Poisson(1) weights)', () => {
    const r = new Rng(3);
    const xs = Array.from({ length: 20000 }, () => poisson(r, 1e6));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
    expect(Math.abs(mean - 1e6)).toBeLessThan(5 * Math.sqrt(1e6 / xs.length));
    expect(Math.abs(v / 1e6 - 1)).toBeLessThan(0.05);
  });
});
