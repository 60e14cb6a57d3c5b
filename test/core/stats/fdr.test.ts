import { adjustPValues, bhScreen } from '../../../src/core/stats/fdr.js';
import { expectClose, oracle } from './oracle.js';

describe('FDR adjustment against statsmodels multipletests', () => {
  it.each(['bh', 'by'] as const)('%s adjusted values equal fdr_%s', (method) => {
    for (const v of oracle.fdr) {
      const q = adjustPValues(v.p, method);
      const want: number[] = v[method];
      expect(q).toHaveLength(want.length);
      q.forEach((x, i) => expectClose(x, want[i], 1e-12, 1e-15));
    }
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => adjustPValues([0.2, 1.2])).toThrow(RangeError);
    expect(() => adjustPValues([NaN])).toThrow(RangeError);
  });
});

describe("the family's screen (bhScreen)", () => {
  /** The definition, directly: for each K ending a run of ties, the ranks i <= K with minP_(i) * K <= alpha * i. */
  function bruteForce(minP: number[], alpha: number) {
    const sorted = [...minP].sort((a, b) => a - b);
    let [K, best] = [0, 0];
    for (let k = 1; k <= sorted.length; k++) {
      if (k < sorted.length && sorted[k] === sorted[k - 1]) continue;
      let count = 0;
      for (let i = 1; i <= k; i++) if (sorted[i - 1] * k <= alpha * i) count++;
      if (count > best) [K, best] = [k, count];
    }
    return { K, testable: minP.map((p) => K > 0 && p <= sorted[K - 1]) };
  }

  it('keeps every hypothesis when all can reach alpha / m', () => {
    const minP = new Array(10).fill(1e-6);
    expect(bhScreen(minP, 0.05)).toEqual({ K: 10, testable: new Array(10).fill(true) });
  });

  it('drops the hypotheses that cannot reach significance at any rank', () => {
    // 3 strong (0.5^20), 5 weak (0.5^3 = 0.125 > alpha): the family is the 3 strong ones.
    const minP = [0.5 ** 20, 0.125, 0.5 ** 20, 0.125, 0.125, 0.5 ** 20, 0.125, 0.125];
    const { K, testable } = bhScreen(minP, 0.05);
    expect(K).toBe(3);
    expect(testable).toEqual(minP.map((p) => p < 0.01));
  });

  it("keeps 600 tests at 0.5^12 that Tarone's screen dropped all of (it stops at K = 205, where none is left)", () => {
    const minP = new Array(600).fill(0.5 ** 12);
    expect(bhScreen(minP, 0.05)).toEqual({ K: 600, testable: new Array(600).fill(true) });
    // BH over them: every q is 0.5^12, all significant.
    expect(adjustPValues(minP).every((q) => q === 0.5 ** 12)).toBe(true);
  });

  it('leaves out classes that did not move, so a rare class that did is not diluted (digits, class 9)', () => {
    // b = 5, c = 0 (1/32) beside 16 classes without a discordant example (minimum p 1).
    const minP = [1 / 32, ...new Array(16).fill(1)];
    const { K, testable } = bhScreen(minP, 0.05);
    expect(K).toBe(1);
    expect(testable).toEqual([true, ...new Array(16).fill(false)]);
  });

  it('brute force: the smallest K at the end of a run of ties with the most tests rejectable at their minimum p', () => {
    let s = 7;
    const r = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let t = 0; t < 300; t++) {
      const minP = Array.from({ length: 1 + Math.floor(r() * 60) }, () => 0.5 ** Math.floor(r() * 16));
      expect(bhScreen(minP, 0.05)).toEqual(bruteForce(minP, 0.05));
    }
    expect(bhScreen([], 0.05)).toEqual({ K: 0, testable: [] });
  });
});
