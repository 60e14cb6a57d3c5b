// Moving per-example predictions from one class index space to another (natural sorting of a
// discovered class list, matching classes by name across reports). Multi-label rows are
// re-sorted because the CSR contract wants each example's labels sorted.

import { ExampleStore } from '../report/example-store.js';
import type { SplitExamples } from '../report/types.js';

export function remapExamples(ex: SplitExamples, map: ArrayLike<number>): SplitExamples {
  const mapAll = (a: Uint32Array) => {
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = map[a[i]];
    return out;
  };
  if (ex.task === 'multiclass') {
    return {
      task: 'multiclass',
      n: ex.n,
      truth: mapAll(ex.truth.subarray(0, ex.n)),
      pred: mapAll(ex.pred.subarray(0, ex.n)),
    };
  }
  const sortRows = (offsets: Uint32Array, indices: Uint32Array) => {
    const out = mapAll(indices.subarray(0, offsets[ex.n]));
    for (let i = 0; i < ex.n; i++) if (offsets[i + 1] - offsets[i] > 1) out.subarray(offsets[i], offsets[i + 1]).sort();
    return out;
  };
  return {
    task: 'multilabel',
    n: ex.n,
    truthOffsets: ex.truthOffsets.slice(0, ex.n + 1),
    truthIndices: sortRows(ex.truthOffsets, ex.truthIndices),
    predOffsets: ex.predOffsets.slice(0, ex.n + 1),
    predIndices: sortRows(ex.predOffsets, ex.predIndices),
  };
}

/** A store's examples in another index space, at the width of `numClasses` classes, piece by piece. */
export function remapStore(store: ExampleStore, map: ArrayLike<number>, numClasses: number): ExampleStore {
  const out = new ExampleStore(store.task, numClasses);
  for (const piece of store.pieces()) out.append(remapExamples(piece, map));
  return out;
}

/** Is `map` the identity on [0, size)? */
export function isIdentity(map: ArrayLike<number>): boolean {
  for (let i = 0; i < map.length; i++) if (map[i] !== i) return false;
  return true;
}
