import type { ExampleBatch } from '../../src/core/metrics/batch.js';
import type { FeatureBatch, FeatureStream } from '../../src/io/data/types.js';
import { shardFeatures, shardPredictions } from '../../src/io/shard.js';

/** Batches of the given sizes over examples 0..; example k has truth k and prediction 1000 + k. */
async function* predictionBatches(sizes: number[]): AsyncIterable<ExampleBatch> {
  let k = 0;
  for (const n of sizes) {
    // Readers may hand arrays longer than n (reused buffers): pad to check only n rows are read.
    const truth = new Uint32Array(n + 4).fill(9999);
    const pred = new Uint32Array(n + 4).fill(9999);
    for (let i = 0; i < n; i++, k++) [truth[i], pred[i]] = [k, 1000 + k];
    yield { task: 'multiclass', n, truth, pred };
  }
}

async function* featureBatches(sizes: number[]): AsyncIterable<FeatureBatch> {
  let k = 0;
  for (const n of sizes) {
    const x = new Float32Array(n * 2);
    const truth = new Uint32Array(n);
    for (let i = 0; i < n; i++, k++) [x[2 * i], x[2 * i + 1], truth[i]] = [k, -k, k % 3];
    yield { n, x, truth };
  }
}

const SIZES = [3, 7, 1, 11, 2, 13];
const shard = { index: 3, count: 4 };
const mine = Array.from({ length: 37 }, (_, k) => k).filter((k) => k % 4 === 2);

describe('a shard of a stream', () => {
  it('predictions: only rows k mod n = i - 1 reach the accumulator; the fingerprint is the whole file', async () => {
    const fp = { path: 'p.csv', sha256: 'a'.repeat(64), bytes: 10 };
    const s = shardPredictions({ task: 'multiclass', batches: predictionBatches(SIZES), fingerprint: () => fp }, shard);
    const truth: number[] = [];
    const pred: number[] = [];
    for await (const b of s.batches) {
      if (b.task !== 'multiclass') throw new Error('multiclass');
      truth.push(...b.truth.subarray(0, b.n));
      pred.push(...b.pred.subarray(0, b.n));
    }
    expect(truth).toEqual(mine);
    expect(pred).toEqual(mine.map((k) => 1000 + k));
    expect(s.fingerprint()).toBe(fp);
  });

  it('predictions: each kept row keeps its own id (ids of varied lengths, across batches)', async () => {
    const idOf = (k: number) => 'x'.repeat(k % 5) + String(k);
    async function* withIds(): AsyncIterable<ExampleBatch> {
      let k = 0;
      for await (const b of predictionBatches(SIZES)) {
        const text = Array.from({ length: b.n }, () => idOf(k++));
        const bytes = Buffer.from(text.join(''));
        const ends = new Uint32Array(b.n);
        text.reduce((end, t, i) => (ends[i] = end + t.length), 0);
        yield { ...b, ids: { bytes, ends } };
      }
    }
    const s = shardPredictions({ task: 'multiclass', batches: withIds(), fingerprint: () => ({}) as never }, shard);
    const ids: string[] = [];
    for await (const b of s.batches) {
      const { bytes, ends } = b.ids!;
      expect(ends).toHaveLength(b.n);
      ends.forEach((end, i) => ids.push(Buffer.from(bytes.subarray(i === 0 ? 0 : ends[i - 1], end)).toString()));
    }
    expect(ids).toEqual(mine.map(idOf));
  });

  it('features: rows of x and their truth, and the count of the shard', async () => {
    let closed = false;
    const stream: FeatureStream = {
      featureShape: [2],
      task: 'multiclass',
      count: 37,
      batches: featureBatches(SIZES),
      close: async () => void (closed = true),
      fingerprints: () => [],
    };
    const s = shardFeatures(stream, shard);
    expect(s.count).toBe(mine.length);
    const x: number[] = [];
    const truth: number[] = [];
    for await (const b of s.batches) {
      x.push(...b.x);
      truth.push(...b.truth!);
    }
    expect(x).toEqual(mine.flatMap((k) => [k, -k]));
    expect(truth).toEqual(mine.map((k) => k % 3));
    await s.close();
    expect(closed).toBe(true);
  });
});
