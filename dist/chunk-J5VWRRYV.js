import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/core/shard.ts
var MAX_SHARDS = 256;
function parseShard(text, what) {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count)
    throw new UsageError(
      `${what}: expected i/n with 1 <= i <= n <= ${MAX_SHARDS} (e.g. 3/8), got ${JSON.stringify(text)}`
    );
  return { index, count };
}
function formatShard(s) {
  return `${s.index}/${s.count}`;
}
function ownsExample(s, k) {
  return k % s.count === s.index - 1;
}
function shardSize(s, total) {
  return Math.max(0, Math.ceil((total - (s.index - 1)) / s.count));
}
function ownedRows(s, first, n) {
  const rows = [];
  let r = ((s.index - 1 - first) % s.count + s.count) % s.count;
  for (; r < n; r += s.count) rows.push(r);
  return rows;
}
function pickExamples(ex, rows) {
  if (ex.task === "multiclass") {
    return {
      task: "multiclass",
      n: rows.length,
      truth: Uint32Array.from(rows, (r) => ex.truth[r]),
      pred: Uint32Array.from(rows, (r) => ex.pred[r])
    };
  }
  const pick = (offsets, indices) => {
    const outOffsets = new Uint32Array(rows.length + 1);
    let size = 0;
    rows.forEach((r, i) => outOffsets[i + 1] = size += offsets[r + 1] - offsets[r]);
    const outIndices = new Uint32Array(size);
    rows.forEach((r, i) => outIndices.set(indices.subarray(offsets[r], offsets[r + 1]), outOffsets[i]));
    return [outOffsets, outIndices];
  };
  const [truthOffsets, truthIndices] = pick(ex.truthOffsets, ex.truthIndices);
  const [predOffsets, predIndices] = pick(ex.predOffsets, ex.predIndices);
  return { task: "multilabel", n: rows.length, truthOffsets, truthIndices, predOffsets, predIndices };
}
function interleaveExamples(shards) {
  const count = shards.length;
  const total = shards.reduce((a, s) => a + s.n, 0);
  if (shards.every((s) => s.task === "multiclass")) {
    const truth2 = new Uint32Array(total);
    const pred2 = new Uint32Array(total);
    for (let k = 0; k < total; k++) {
      const ex = shards[k % count];
      const r = Math.floor(k / count);
      truth2[k] = ex.truth[r];
      pred2[k] = ex.pred[r];
    }
    return { task: "multiclass", n: total, truth: truth2, pred: pred2 };
  }
  const ml = shards;
  const truth = weave(
    total,
    ml.map((e) => [e.truthOffsets, e.truthIndices])
  );
  const pred = weave(
    total,
    ml.map((e) => [e.predOffsets, e.predIndices])
  );
  return {
    task: "multilabel",
    n: total,
    truthOffsets: truth[0],
    truthIndices: truth[1],
    predOffsets: pred[0],
    predIndices: pred[1]
  };
}
function weave(total, csr) {
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

export {
  MAX_SHARDS,
  parseShard,
  formatShard,
  ownsExample,
  shardSize,
  ownedRows,
  pickExamples,
  interleaveExamples
};
