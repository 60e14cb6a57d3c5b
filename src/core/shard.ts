// Sharded evaluation: shard i of n (1-based) holds the examples whose index k (0-based, in file
// order, per split) has k mod n = i - 1. Round robin rather than contiguous blocks because a
// shard then streams its files once in order and keeps what is its own without knowing how many
// examples there are (CSV, JSON lines and gzip do not say before the end), every shard is within
// one example of the others' size, and each holds a spread of the whole file (files sorted by
// class give every shard every class). Every shard still reads and hashes all bytes of its files
// (the fingerprint proves that all shards saw the same data), but only its own examples are
// decoded (image folders), run through the model and kept. Merging interleaves the shards back
// into file order.

import { UsageError } from './errors.js';
import type { SplitExamples } from './report/types.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** More shards than any Actions matrix can run (256 jobs) is surely a typo. */
export const MAX_SHARDS = 256;

/** "3/8" -> { index: 3, count: 8 }; `what` names the flag or input in the error. */
export function parseShard(text: string, what: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count)
    throw new UsageError(
      `${what}: expected i/n with 1 <= i <= n <= ${MAX_SHARDS} (e.g. 3/8), got ${JSON.stringify(text)}`,
    );
  return { index, count };
}

export function formatShard(s: ShardSpec): string {
  return `${s.index}/${s.count}`;
}

/** Whether example `k` (0-based) belongs to shard `s`. */
export function ownsExample(s: ShardSpec, k: number): boolean {
  return k % s.count === s.index - 1;
}

/** Examples of a split of `total` examples that shard `s` holds. */
export function shardSize(s: ShardSpec, total: number): number {
  return Math.max(0, Math.ceil((total - (s.index - 1)) / s.count));
}

/**
 * Indices into a batch of `n` rows whose first row is example `first` of the split, of the rows
 * shard `s` holds.
 */
export function ownedRows(s: ShardSpec, first: number, n: number): number[] {
  const rows: number[] = [];
  let r = (((s.index - 1 - first) % s.count) + s.count) % s.count;
  for (; r < n; r += s.count) rows.push(r);
  return rows;
}

/** The given rows of a batch (same task and layout, fresh arrays). */
export function pickExamples(ex: SplitExamples, rows: readonly number[]): SplitExamples {
  if (ex.task === 'multiclass') {
    return {
      task: 'multiclass',
      n: rows.length,
      truth: Uint32Array.from(rows, (r) => ex.truth[r]),
      pred: Uint32Array.from(rows, (r) => ex.pred[r]),
    };
  }
  const pick = (offsets: Uint32Array, indices: Uint32Array) => {
    const outOffsets = new Uint32Array(rows.length + 1);
    let size = 0;
    rows.forEach((r, i) => (outOffsets[i + 1] = size += offsets[r + 1] - offsets[r]));
    const outIndices = new Uint32Array(size);
    rows.forEach((r, i) => outIndices.set(indices.subarray(offsets[r], offsets[r + 1]), outOffsets[i]));
    return [outOffsets, outIndices] as const;
  };
  const [truthOffsets, truthIndices] = pick(ex.truthOffsets, ex.truthIndices);
  const [predOffsets, predIndices] = pick(ex.predOffsets, ex.predIndices);
  return { task: 'multilabel', n: rows.length, truthOffsets, truthIndices, predOffsets, predIndices };
}

/**
 * The examples of every shard (shards[i] = shard i+1 of shards.length, one task) back in file
 * order: example k comes from shard k mod n, position floor(k / n). Sizes must fit (see shardSize).
 */
export function interleaveExamples(shards: SplitExamples[]): SplitExamples {
  const count = shards.length;
  const total = shards.reduce((a, s) => a + s.n, 0);
  if (shards.every((s) => s.task === 'multiclass')) {
    const truth = new Uint32Array(total);
    const pred = new Uint32Array(total);
    for (let k = 0; k < total; k++) {
      const ex = shards[k % count] as Extract<SplitExamples, { task: 'multiclass' }>;
      const r = Math.floor(k / count);
      truth[k] = ex.truth[r];
      pred[k] = ex.pred[r];
    }
    return { task: 'multiclass', n: total, truth, pred };
  }
  const ml = shards as Extract<SplitExamples, { task: 'multilabel' }>[];
  const truth = weave(
    total,
    ml.map((e) => [e.truthOffsets, e.truthIndices]),
  );
  const pred = weave(
    total,
    ml.map((e) => [e.predOffsets, e.predIndices]),
  );
  return {
    task: 'multilabel',
    n: total,
    truthOffsets: truth[0],
    truthIndices: truth[1],
    predOffsets: pred[0],
    predIndices: pred[1],
  };
}

/** Round-robin interleaving of CSR label sets: [offsets, indices] of every shard. */
function weave(total: number, csr: (readonly [Uint32Array, Uint32Array])[]): [Uint32Array, Uint32Array] {
  const count = csr.length;
  const offsets = new Uint32Array(total + 1);
  for (let k = 0; k < total; k++) {
    const [o] = csr[k % count];
    const r = Math.floor(k / count);
    offsets[k + 1] = offsets[k] + o[r + 1] - o[r];
  }
  const indices = new Uint32Array(offsets[total]);
  for (let k = 0; k < total; k++) {
    const [o, idx] = csr[k % count];
    const r = Math.floor(k / count);
    indices.set(idx.subarray(o[r], o[r + 1]), offsets[k]);
  }
  return [offsets, indices];
}
