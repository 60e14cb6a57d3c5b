// Confusion matrix and most frequent wrong predictions of a multiclass split, from its
// per-example predictions. Dense up to DENSE_MAX classes; above that only the largest
// off-diagonal cells are kept (the full matrix would be C^2 numbers).

import type { Confusion, TopConfusions } from '../report/types.js';

export const DENSE_MAX = 1024;
export const SPARSE_CELL_CAP = 10_000;
export const TOP_CONFUSIONS = 3;

export function confusionOf(
  truth: Uint32Array,
  pred: Uint32Array,
  n: number,
  numClasses: number,
  cap = SPARSE_CELL_CAP,
): { confusion: Confusion; topConfusions: TopConfusions } {
  return confusionOfPieces([{ truth, pred, n }], numClasses, cap);
}

/** The same from consecutive pieces of the examples (a split's store, ../report/example-store.ts). */
export function confusionOfPieces(
  pieces: Iterable<{ truth: Uint32Array; pred: Uint32Array; n: number }>,
  numClasses: number,
  cap = SPARSE_CELL_CAP,
): { confusion: Confusion; topConfusions: TopConfusions } {
  const C = numClasses;
  // Off-diagonal cells as [truth, pred, count]; from a dense array or a map keyed truth * C + pred.
  const cells: [number, number, number][] = [];
  let confusion: Confusion;
  if (C <= DENSE_MAX) {
    const m = new Float64Array(C * C);
    for (const { truth, pred, n } of pieces) for (let i = 0; i < n; i++) m[truth[i] * C + pred[i]]++;
    for (let t = 0; t < C; t++)
      for (let p = 0; p < C; p++) if (t !== p && m[t * C + p] > 0) cells.push([t, p, m[t * C + p]]);
    confusion = { format: 'dense', counts: Array.from(m) };
  } else {
    const map = new Map<number, number>();
    for (const { truth, pred, n } of pieces)
      for (let i = 0; i < n; i++) {
        if (truth[i] === pred[i]) continue;
        const k = truth[i] * C + pred[i];
        map.set(k, (map.get(k) ?? 0) + 1);
      }
    for (const [k, v] of map) cells.push([Math.floor(k / C), k % C, v]);
    confusion = { format: 'sparse' };
  }
  // Largest first; ties by truth then prediction index so the output is deterministic.
  cells.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  if (confusion.format === 'sparse') {
    confusion.cells = cells.slice(0, cap);
    confusion.truncated = Math.max(0, cells.length - cap);
  }
  const topConfusions: TopConfusions = Array.from({ length: C }, () => []);
  for (const [t, p, v] of cells) if (topConfusions[t].length < TOP_CONFUSIONS) topConfusions[t].push([p, v]);
  return { confusion, topConfusions };
}
