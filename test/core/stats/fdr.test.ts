import { adjustPValues, taroneScreen } from '../../../src/core/stats/fdr.js';
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

describe("Tarone's screen", () => {
  it('keeps every hypothesis when all can reach alpha / m', () => {
    const minP = new Array(10).fill(1e-6);
    expect(taroneScreen(minP, 0.05)).toEqual({ K: 10, testable: new Array(10).fill(true) });
  });

  it('drops the hypotheses that cannot reach alpha / K', () => {
    // 3 strong (0.5^20), 5 weak (0.5^3 = 0.125 > alpha): K = 3, threshold 0.0167.
    const minP = [0.5 ** 20, 0.125, 0.5 ** 20, 0.125, 0.125, 0.5 ** 20, 0.125, 0.125];
    const { K, testable } = taroneScreen(minP, 0.05);
    expect(K).toBe(3);
    expect(testable).toEqual(minP.map((p) => p < 0.01));
  });

  it('brute force: K is the smallest with count(minP <= alpha/K) <= K', () => {
    let s = 7;
    const r = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let t = 0; t < 50; t++) {
      const minP = Array.from({ length: 1 + Math.floor(r() * 40) }, () => 0.5 ** Math.floor(1 + r() * 15));
      let K = 1;
      while (minP.filter((p) => p <= 0.05 / K).length > K) K++;
      expect(taroneScreen(minP, 0.05).K).toBe(K);
    }
  });
});
