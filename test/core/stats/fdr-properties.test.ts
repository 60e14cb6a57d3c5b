// Properties of the FDR adjustment and the family's screen that must hold for any input.

import { adjustPValues, bhScreen } from '../../../src/core/stats/fdr.js';
import { Rng } from '../../../src/core/stats/rng.js';

describe('adjusted p-values: invariants on random vectors with ties', () => {
  const rng = new Rng(11, 'fdr-properties');
  it('q >= p, q <= 1, ordered like p, equal for equal p, and BY >= BH', () => {
    for (let rep = 0; rep < 200; rep++) {
      const m = 1 + Math.floor(rng.uniform() * 30);
      // Draw from a small grid so ties are common; include 0 and 1.
      const p = Array.from({ length: m }, () => Math.floor(rng.uniform() * 11) / 10);
      const bh = adjustPValues(p, 'bh');
      const by = adjustPValues(p, 'by');
      for (let i = 0; i < m; i++) {
        expect(bh[i]).toBeGreaterThanOrEqual(p[i] * (1 - 1e-15));
        expect(bh[i]).toBeLessThanOrEqual(1);
        expect(by[i]).toBeGreaterThanOrEqual(bh[i] - 1e-15);
        if (p[i] === 1) expect(bh[i]).toBe(1);
        for (let j = 0; j < m; j++) {
          if (p[i] === p[j]) expect(bh[i]).toBe(bh[j]);
          if (p[i] < p[j]) expect(bh[i]).toBeLessThanOrEqual(bh[j]);
        }
      }
    }
  });
});

describe('the screen at the boundary', () => {
  it('a minimum p exactly at alpha * i / K is testable; just above is not', () => {
    expect(bhScreen([0.0625], 0.0625).testable).toEqual([true]);
    expect(bhScreen([0.0625 * (1 + 1e-12)], 0.0625).testable).toEqual([false]);
    // Two tests whose minimum p equals alpha / 2 exactly: K = 2, both testable.
    expect(bhScreen([0.025, 0.025], 0.05)).toEqual({ K: 2, testable: [true, true] });
    // alpha * i / minP computed in floating point lands just below 3 (0.15 / 0.05): still K = 3.
    expect(bhScreen([0.05, 0.05, 0.05], 0.05).K).toBe(3);
  });
});
