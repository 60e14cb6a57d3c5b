import {
  newcombeInterval,
  newcombeMinP,
  newcombeOneSidedP,
  wilsonInterval,
} from '../../../src/core/stats/proportions.js';
import { expectClose, oracle } from './oracle.js';

describe('unpaired proportions', () => {
  it('Wilson equals statsmodels proportion_confint(method="wilson")', () => {
    for (const c of oracle.wilson) {
      const w = wilsonInterval(c.x, c.n, c.level);
      expectClose(w.lo, c.lo, 1e-11, 1e-14);
      expectClose(w.hi, c.hi, 1e-11, 1e-14);
    }
  });

  it('Newcombe hybrid interval equals the hand-coded reference', () => {
    for (const c of oracle.newcombe) {
      const w = newcombeInterval(c.x1, c.n1, c.x2, c.n2, c.level);
      expectClose(w.lo, c.lo, 1e-11, 1e-14);
      expectClose(w.hi, c.hi, 1e-11, 1e-14);
    }
  });

  it('the one-sided p-value inverts the interval: at confidence 1 - 2p the upper bound is 0', () => {
    for (const [x1, n1, x2, n2] of [
      [41, 52, 30, 52],
      [90, 100, 80, 100],
      [10, 10, 4, 12],
      [500, 1000, 470, 1000],
    ]) {
      const p = newcombeOneSidedP(x1, n1, x2, n2);
      expect(p).toBeLessThan(0.5);
      const iv = newcombeInterval(x1, n1, x2, n2, 1 - 2 * p);
      expect(Math.abs(iv.hi)).toBeLessThan(1e-9);
    }
  });

  it('is 1/2 with no change, above 1/2 for an improvement, and monotone in the drop', () => {
    expect(newcombeOneSidedP(5, 10, 5, 10)).toBe(0.5);
    expect(newcombeOneSidedP(5, 10, 8, 10)).toBeGreaterThan(0.5);
    let prev = 1;
    for (let x2 = 50; x2 >= 0; x2 -= 5) {
      const p = newcombeOneSidedP(50, 50, x2, 50);
      expect(p).toBeLessThan(prev);
      prev = p;
    }
    expect(newcombeMinP(1)).toBeGreaterThan(0.05);
    expect(newcombeMinP(30)).toBeLessThan(1e-6);
  });
});
