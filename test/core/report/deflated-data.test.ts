// Predictions built in this process keep their deflated pieces; the report file gets their base64,
// slice by slice, which must join to the base64 of the whole whatever the pieces' and slices' sizes.
import { DeflatedData } from '../../../src/core/report/deflated-data.js';
import { Rng } from '../../../src/core/stats/rng.js';

function pieces(rng: Rng, count: number): Uint8Array[] {
  return Array.from({ length: count }, () => {
    const n = [0, 1, 2, 3, 4, 5][Math.floor(rng.uniform() * 6)] ?? 0;
    const big = rng.uniform() < 0.3 ? Math.floor(rng.uniform() * 5000) : n;
    return Uint8Array.from({ length: big }, () => Math.floor(rng.uniform() * 256));
  });
}

describe('DeflatedData', () => {
  it('gives the base64 of the joined pieces in slices, for any sizes of either', () => {
    const rng = new Rng(21);
    for (let trial = 0; trial < 200; trial++) {
      const parts = pieces(rng, 1 + Math.floor(rng.uniform() * 12));
      const whole = Buffer.concat(parts);
      const chars = [1, 4, 5, 8, 12, 100, 1 << 20][trial % 7];
      const data = new DeflatedData(parts);
      const slices = [...data.base64(chars)];
      expect(slices.join('')).toBe(whole.toString('base64'));
      // Every slice but the last is whole groups of 4 characters, none over the size asked (or 4).
      for (const s of slices.slice(0, -1)) expect(s.length % 4).toBe(0);
      expect(slices.every((s) => s.length <= Math.max(4, chars))).toBe(true);
      expect(Buffer.from(data.bytes()).equals(whole)).toBe(true);
    }
  });

  it('is written whole by JSON.stringify, and can be written more than once', () => {
    const data = new DeflatedData([Uint8Array.of(1, 2), Uint8Array.of(3, 4, 5, 6)]);
    const want = Buffer.from([1, 2, 3, 4, 5, 6]).toString('base64');
    expect(JSON.stringify({ data })).toBe(JSON.stringify({ data: want }));
    expect([...data.base64(8)].join('')).toBe(want);
    expect([...data.base64(8)].join('')).toBe(want);
  });
});
