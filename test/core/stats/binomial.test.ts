import { binomialUpperTail, mcnemarMinP, mcnemarOneSided } from '../../../src/core/stats/binomial.js';
import { expectClose, oracle } from './oracle.js';

describe('exact binomial tails', () => {
  it('McNemar p equals scipy binomtest(b, b+c, 0.5, alternative="greater") for n up to 1e6', () => {
    expect(oracle.binomtest.length).toBeGreaterThan(40);
    for (const { b, n, p } of oracle.binomtest) {
      const got = mcnemarOneSided(b, n - b);
      if (p < 1e-300) expect(got).toBeLessThan(1e-300);
      else expectClose(got, p, 1e-9, 1e-14);
    }
  });

  it('upper tails with p != 1/2 equal scipy binom.sf(k-1, n, p)', () => {
    for (const { k, n, prob, tail } of oracle.binomTail) expectClose(binomialUpperTail(k, n, prob), tail, 1e-9, 1e-14);
  });

  it('is monotone in b and stays within [0, 1] for n = 1e6', () => {
    let prev = 1;
    for (let b = 480000; b <= 520000; b += 1000) {
      const p = mcnemarOneSided(b, 1000000 - b);
      expect(p).toBeLessThanOrEqual(prev);
      expect(p).toBeGreaterThanOrEqual(0);
      prev = p;
    }
  });

  it('edge cases: no discordant pairs is p = 1; the minimum attainable p is 0.5^n', () => {
    expect(mcnemarOneSided(0, 0)).toBe(1);
    expect(mcnemarOneSided(0, 7)).toBe(1);
    expect(mcnemarOneSided(4, 0)).toBe(0.0625);
    expect(mcnemarMinP(4)).toBe(0.0625);
    expect(() => binomialUpperTail(1.5, 3)).toThrow(RangeError);
  });
});
