import { confusionOf, DENSE_MAX } from '../../../src/core/metrics/confusion.js';
import { rng } from './batches.js';

describe('confusion', () => {
  it('is dense (row = truth, column = prediction) up to DENSE_MAX classes', () => {
    const { confusion, topConfusions } = confusionOf(
      Uint32Array.from([0, 0, 1, 2, 2, 2]),
      Uint32Array.from([0, 1, 1, 0, 1, 1]),
      6,
      3,
    );
    expect(confusion).toEqual({ format: 'dense', counts: [1, 1, 0, 0, 1, 0, 1, 2, 0] });
    expect(topConfusions).toEqual([
      [[1, 1]],
      [],
      [
        [1, 2],
        [0, 1],
      ],
    ]);
  });

  it('keeps the largest off-diagonal cells, capped, above DENSE_MAX classes', () => {
    const C = DENSE_MAX + 200;
    const r = rng(3);
    const n = 20000;
    const truth = Uint32Array.from({ length: n }, () => Math.floor(r() ** 3 * C));
    const pred = Uint32Array.from(truth, (t) => (r() < 0.5 ? t : Math.floor(r() ** 3 * C)));
    const cap = 50;
    const { confusion, topConfusions } = confusionOf(truth, pred, n, C, cap);
    // Brute force: every off-diagonal cell.
    const all = new Map<string, number>();
    for (let i = 0; i < n; i++)
      if (truth[i] !== pred[i]) all.set(`${truth[i]},${pred[i]}`, (all.get(`${truth[i]},${pred[i]}`) ?? 0) + 1);
    const sorted = [...all]
      .map(([k, v]) => [...k.split(',').map(Number), v] as [number, number, number])
      .sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
    expect(confusion.format).toBe('sparse');
    expect(confusion.cells).toEqual(sorted.slice(0, cap));
    expect(confusion.truncated).toBe(sorted.length - cap);
    expect(confusion.counts).toBeUndefined();
    // Top confusions come from every cell, not only the kept ones.
    expect(topConfusions.length).toBe(C);
    for (let t = 0; t < C; t += 37)
      expect(topConfusions[t]).toEqual(
        sorted
          .filter((c) => c[0] === t)
          .slice(0, 3)
          .map((c) => [c[1], c[2]]),
      );
  });
});
