// Test helpers: batches built directly from index arrays / label sets, and a seeded RNG.
import type { ExampleBatch } from '../../../src/core/metrics/batch.js';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

export function multiclassBatch(truth: number[], pred: number[]): ExampleBatch {
  return { task: 'multiclass', n: truth.length, truth: Uint32Array.from(truth), pred: Uint32Array.from(pred) };
}

function csr(sets: number[][]): { offsets: Uint32Array; indices: Uint32Array } {
  const offsets = new Uint32Array(sets.length + 1);
  const flat: number[] = [];
  sets.forEach((s, i) => {
    flat.push(...[...s].sort((a, b) => a - b));
    offsets[i + 1] = flat.length;
  });
  return { offsets, indices: Uint32Array.from(flat) };
}

export function multilabelBatch(truth: number[][], pred: number[][]): ExampleBatch {
  const t = csr(truth);
  const p = csr(pred);
  return {
    task: 'multilabel',
    n: truth.length,
    truthOffsets: t.offsets,
    truthIndices: t.indices,
    predOffsets: p.offsets,
    predIndices: p.indices,
  };
}

/** Batches of the examples [from, to) of a case. */
export function sliceBatch(
  task: 'multiclass' | 'multilabel',
  truth: unknown[],
  pred: unknown[],
  from: number,
  to: number,
): ExampleBatch {
  return task === 'multiclass'
    ? multiclassBatch(truth.slice(from, to) as number[], pred.slice(from, to) as number[])
    : multilabelBatch(truth.slice(from, to) as number[][], pred.slice(from, to) as number[][]);
}

/** Random cut points splitting [0, n) into `parts` contiguous pieces (some possibly empty). */
export function cuts(n: number, parts: number, r: () => number): number[] {
  const c = Array.from({ length: parts - 1 }, () => Math.floor(r() * (n + 1))).sort((a, b) => a - b);
  return [0, ...c, n];
}
