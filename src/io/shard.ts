// One shard of a split as it streams by (see src/core/shard.ts for the partition): the reader
// still reads, parses and hashes every row (the file fingerprint covers the whole file), and
// only the shard's own rows (with their ids) go on to the accumulator or the model.

import type { ScoreSink } from '../core/metrics/score-histograms.js';
import { ownedRows, ownsExample, pickExamples, shardSize, type ShardSpec } from '../core/shard.js';
import type { FeatureBatch, FeatureStream } from './data/types.js';
import type { ExampleBatch, PredictionStream } from './types.js';

async function* ownBatches<B extends { n: number }>(
  batches: AsyncIterable<B>,
  s: ShardSpec,
  pick: (b: B, rows: number[]) => B,
): AsyncIterable<B> {
  let first = 0;
  for await (const b of batches) {
    const rows = ownedRows(s, first, b.n);
    first += b.n;
    if (rows.length) yield pick(b, rows);
  }
}

/** The given rows of a batch, with their ids when the batch has them. */
function pickBatch(b: ExampleBatch, rows: number[]): ExampleBatch {
  const picked: ExampleBatch = pickExamples(b, rows);
  if (b.ids) picked.ids = pickIds(b.ids, rows);
  return picked;
}

function pickIds({ bytes, ends }: NonNullable<ExampleBatch['ids']>, rows: number[]): NonNullable<ExampleBatch['ids']> {
  const start = (r: number) => (r === 0 ? 0 : ends[r - 1]);
  const outEnds = new Uint32Array(rows.length);
  let size = 0;
  rows.forEach((r, i) => (outEnds[i] = size += ends[r] - start(r)));
  const out = new Uint8Array(size);
  rows.forEach((r, i) => out.set(bytes.subarray(start(r), ends[r]), i === 0 ? 0 : outEnds[i - 1]));
  return { bytes: out, ends: outEnds };
}

export function shardPredictions(stream: PredictionStream, s: ShardSpec): PredictionStream {
  return {
    ...stream,
    batches: ownBatches<ExampleBatch>(stream.batches, s, pickBatch),
    fingerprint: () => stream.fingerprint(),
  };
}

function pickFeatures(featureSize: number): (b: FeatureBatch, rows: number[]) => FeatureBatch {
  return (b, rows) => {
    const x = new Float32Array(rows.length * featureSize);
    rows.forEach((r, i) => x.set(b.x.subarray(r * featureSize, (r + 1) * featureSize), i * featureSize));
    if (b.truth) return { n: rows.length, x, truth: Uint32Array.from(rows, (r) => b.truth![r]) };
    const labels = pickExamples(
      {
        task: 'multilabel',
        n: b.n,
        truthOffsets: b.truthOffsets!,
        truthIndices: b.truthIndices!,
        predOffsets: b.truthOffsets!,
        predIndices: b.truthIndices!,
      },
      rows,
    ) as Extract<ExampleBatch, { task: 'multilabel' }>;
    return { n: rows.length, x, truthOffsets: labels.truthOffsets, truthIndices: labels.truthIndices };
  };
}

export function shardFeatures(stream: FeatureStream, s: ShardSpec): FeatureStream {
  const featureSize = stream.featureShape.reduce((a, b) => a * b, 1);
  return {
    featureShape: stream.featureShape,
    task: stream.task,
    count: stream.count === null ? null : shardSize(s, stream.count),
    batches: ownBatches(stream.batches, s, pickFeatures(featureSize)),
    // Shard i of n owns rows i - 1, i - 1 + n, ... (core/shard.ts's ownedRows).
    fileRow: (k) => s.index - 1 + k * s.count,
    ...(stream.rowName ? { rowName: stream.rowName } : {}),
    close: () => stream.close(),
    fingerprints: () => stream.fingerprints(),
  };
}

/** The sink, handed the scores of the shard's own examples only (the reader hands over every row's). */
export function shardScores(sink: ScoreSink, s: ShardSpec): ScoreSink {
  let k = 0;
  return {
    scores: (values, from, n, cls) => {
      if (ownsExample(s, k)) sink.scores(values, from, n, cls);
    },
    // The readers end every example once, with or without scores.
    end: (truth, from, to) => {
      if (ownsExample(s, k++)) sink.end(truth, from, to);
    },
  };
}
