// Leakage between splits: exact counts on a leaked shard, none on disjoint splits, the sampled
// fallback beyond the memory cap, and the 64-bit keys' collision rate.
import { hashString, hashWords } from '../../../src/core/diagnostics/hash64.js';
import { LEAKAGE_EXAMPLES, LeakageTracker } from '../../../src/core/diagnostics/leakage.js';

function track(splits: [string, string[]][], cap?: number) {
  const t = new LeakageTracker('id', undefined, cap);
  for (const [name, ids] of splits) {
    t.beginSplit(name);
    for (const id of ids) t.add(hashString(id), () => id);
    t.endSplit();
  }
  return t.result();
}
const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe('LeakageTracker', () => {
  it('counts the examples of a later split found in an earlier one, and names a few', () => {
    // test holds a shard of 30 training examples among its 100.
    const train = range('x', 0, 500);
    const test = [...range('x', 1000, 1070), ...range('x', 200, 230)];
    const r = track([
      ['train', train],
      ['validation', range('x', 2000, 2100)],
      ['test', test],
    ]);
    expect(r.sampled).toBe(1);
    expect(r.pairs).toEqual([
      { splits: ['train', 'validation'], count: 0, share: 0, examples: [] },
      { splits: ['train', 'test'], count: 30, share: 0.3, examples: range('x', 200, 200 + LEAKAGE_EXAMPLES) },
      { splits: ['validation', 'test'], count: 0, share: 0, examples: [] },
    ]);
    expect(r.falseMatches).toBeLessThan(1e-12);
  });

  it('counts the held-out split against the training split whatever order they were read in', () => {
    const t = new LeakageTracker('id', (a, b) => (a === b ? 0 : a === 'train' ? -1 : 1));
    const read = (name: string, ids: string[]) => {
      t.beginSplit(name);
      for (const id of ids) t.add(hashString(id), () => id);
      t.endSplit();
    };
    read('test', [...range('y', 0, 10), ...range('z', 0, 10)]);
    read('train', range('y', 0, 1000));
    expect(t.result().pairs).toEqual([
      { splits: ['train', 'test'], count: 10, share: 0.5, examples: range('y', 0, LEAKAGE_EXAMPLES) },
    ]);
  });

  it('finds nothing in disjoint splits, and counts each repeated leaked example', () => {
    expect(
      track([
        ['a', range('k', 0, 1000)],
        ['b', range('k', 1000, 2000)],
      ]).pairs[0].count,
    ).toBe(0);
    expect(
      track([
        ['a', ['u', 'v']],
        ['b', ['u', 'u', 'w']],
      ]).pairs[0],
    ).toMatchObject({ count: 2, share: 2 / 3 });
  });

  it('beyond the cap, estimates from a sample chosen by key, so both sides keep the same examples', () => {
    const train = range('s', 0, 20_000);
    const test = [...range('s', 50_000, 54_000), ...range('s', 0, 4_000)];
    const exact = track([
      ['train', train],
      ['test', test],
    ]).pairs[0].count;
    expect(exact).toBe(4000);
    const r = track(
      [
        ['train', train],
        ['test', test],
      ],
      3000,
    );
    expect(r.sampled).toBeLessThan(1);
    expect(r.sampled).toBeLessThanOrEqual(3000 / 28_000);
    // A binomial sample of 4000 at rate p: the estimate is within 5 standard errors.
    const p = r.sampled;
    const se = Math.sqrt((4000 * (1 - p)) / p);
    expect(Math.abs(r.pairs[0].count - 4000)).toBeLessThan(5 * se);
  });
});

describe('64-bit keys', () => {
  it('show no collision among 100,000 distinct ids and feature rows', () => {
    const seen = new Set<string>();
    const key = { hi: 0, lo: 0 };
    for (let i = 0; i < 50_000; i++) {
      hashString(`id-${i}`, key);
      seen.add(`${key.hi}:${key.lo}`);
    }
    const rows = new Float32Array(50_000 * 4);
    for (let i = 0; i < rows.length; i++) rows[i] = (i % 4) + Math.floor(i / 4) / 1024;
    const words = new Uint32Array(rows.buffer);
    for (let i = 0; i < 50_000; i++) {
      hashWords(words, i * 4, 4, key);
      seen.add(`${key.hi}:${key.lo}`);
    }
    expect(seen.size).toBe(100_000);
    // Equal content, equal key; one bit apart, another key.
    expect(hashString('abc')).toEqual(hashString('abc'));
    expect(hashString('abc')).not.toEqual(hashString('abd'));
  });
});
