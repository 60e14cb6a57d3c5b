import { UsageError } from '../../src/core/errors.js';
import { interleaveExamples, ownedRows, parseShard, pickExamples, shardSize } from '../../src/core/shard.js';
import type { SplitExamples } from '../../src/core/report/types.js';

type Multilabel = Extract<SplitExamples, { task: 'multilabel' }>;

/** Multi-label example k holds the labels {k mod 3, 3 + k mod 5} minus those equal mod 4 to k (0 to 2 labels). */
function multilabel(n: number): Multilabel {
  const sets = Array.from({ length: n }, (_, k) => [k % 3, 3 + (k % 5)].filter((c) => c % 4 !== k % 4));
  const csr = (rows: number[][]) => {
    const offsets = new Uint32Array(rows.length + 1);
    rows.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length));
    return [offsets, Uint32Array.from(rows.flat())] as const;
  };
  const [truthOffsets, truthIndices] = csr(sets);
  const [predOffsets, predIndices] = csr(sets.map((s) => s.slice(1)));
  return { task: 'multilabel', n, truthOffsets, truthIndices, predOffsets, predIndices };
}

function rowsOf(ex: Multilabel): number[][][] {
  return Array.from({ length: ex.n }, (_, i) => [
    [...ex.truthIndices.subarray(ex.truthOffsets[i], ex.truthOffsets[i + 1])],
    [...ex.predIndices.subarray(ex.predOffsets[i], ex.predOffsets[i + 1])],
  ]);
}

describe('shard partition', () => {
  it('parses i/n and refuses anything else with the flag named', () => {
    expect(parseShard(' 3 / 8 ', '--shard')).toEqual({ index: 3, count: 8 });
    for (const bad of ['0/8', '9/8', '3', '3/0', '1/257', '-1/2', '1.5/2', 'a/b'])
      expect(() => parseShard(bad, 'input shard')).toThrow(
        new UsageError(`input shard: expected i/n with 1 <= i <= n <= 256 (e.g. 3/8), got ${JSON.stringify(bad)}`),
      );
  });

  it('gives every example index to exactly one shard, k mod n = i - 1, across any batch boundaries', () => {
    const n = 5;
    const total = 53;
    const owner = new Array<number>(total).fill(0);
    for (let index = 1; index <= n; index++) {
      let first = 0;
      let mine = 0;
      // Batch sizes that are not multiples of n, so a batch's first index varies mod n.
      for (const size of [3, 7, 1, 11, 2, 13, 16]) {
        for (const r of ownedRows({ index, count: n }, first, size)) {
          owner[first + r] += index;
          expect((first + r) % n).toBe(index - 1);
          mine++;
        }
        first += size;
      }
      expect(first).toBe(total);
      expect(mine).toBe(shardSize({ index, count: n }, total));
    }
    expect(owner).toEqual(Array.from({ length: total }, (_, k) => (k % n) + 1));
  });

  it('shard sizes: 53 examples in 5 shards are 11, 11, 11, 10, 10', () => {
    expect([1, 2, 3, 4, 5].map((index) => shardSize({ index, count: 5 }, 53))).toEqual([11, 11, 11, 10, 10]);
    expect(shardSize({ index: 8, count: 8 }, 3)).toBe(0);
  });

  it('interleaving the picked shards gives back every multi-label and multiclass example in order', () => {
    const ml = multilabel(23);
    const mc: SplitExamples = {
      task: 'multiclass',
      n: 23,
      truth: Uint32Array.from({ length: 23 }, (_, k) => k % 7),
      pred: Uint32Array.from({ length: 23 }, (_, k) => (k * 3) % 7),
    };
    for (const count of [1, 4, 8, 30]) {
      const split = (ex: SplitExamples) =>
        Array.from({ length: count }, (_, i) => pickExamples(ex, ownedRows({ index: i + 1, count }, 0, ex.n)));
      expect(rowsOf(interleaveExamples(split(ml)) as Multilabel)).toEqual(rowsOf(ml));
      expect(interleaveExamples(split(mc))).toEqual(mc);
    }
  });
});
