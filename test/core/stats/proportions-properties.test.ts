// Properties of the unpaired one-sided p-value that the per-class judgement relies on.

import { newcombeInterval, newcombeOneSidedP } from '../../../src/core/stats/proportions.js';
import { Rng } from '../../../src/core/stats/rng.js';

describe('newcombeOneSidedP on random counts, including 0, n and n = 1', () => {
  const rng = new Rng(3, 'newcombe-properties');
  const draw = () => {
    const n1 = 1 + Math.floor(rng.uniform() * 40);
    const n2 = 1 + Math.floor(rng.uniform() * 40);
    return [Math.floor(rng.uniform() * (n1 + 1)), n1, Math.floor(rng.uniform() * (n2 + 1)), n2] as const;
  };
  it('p <= alpha exactly when the one-sided (1 - alpha) upper bound is below 0; the two directions sum to 1', () => {
    for (let rep = 0; rep < 500; rep++) {
      const [x1, n1, x2, n2] = draw();
      const p = newcombeOneSidedP(x1, n1, x2, n2);
      const up = newcombeOneSidedP(x2, n2, x1, n1);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      if (x1 / n1 === x2 / n2) expect(p).toBe(0.5);
      else expect(p + up).toBeCloseTo(1, 10);
      for (const alpha of [0.01, 0.05, 0.2]) {
        // A two-sided (1 - 2 alpha) interval has the one-sided (1 - alpha) upper bound.
        const hi = newcombeInterval(x1, n1, x2, n2, 1 - 2 * alpha).hi;
        if (Math.abs(p - alpha) > 1e-9) expect(p <= alpha).toBe(hi < 0);
      }
    }
  });
  it('a bigger loss never has a bigger p', () => {
    for (let x2 = 20; x2 > 0; x2--)
      expect(newcombeOneSidedP(20, 20, x2 - 1, 20)).toBeLessThan(newcombeOneSidedP(20, 20, x2, 20));
  });
});
