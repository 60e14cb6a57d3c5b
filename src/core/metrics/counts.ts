// The raw integer counts one split's accumulator holds. Every reported figure is computed from
// these (and, for the confusion matrix, from the per-example predictions), so merging shards
// only ever adds integers.

import type { Task } from '../report/types.js';

export interface SplitCounts {
  task: Task;
  examples: number;
  /** Per class, in the accumulator's index space; may be shorter than the class list (missing = 0). */
  tp: number[];
  fp: number[];
  fn: number[];
  /** Multiclass: truth == prediction. Multi-label: the predicted set equals the true set. */
  correct: number;
  /** Multi-label: wrong label decisions (|truth xor prediction| summed over examples). */
  hammingErrors: number;
  /** Multi-label: labels in the truth / in the predictions, summed over examples. */
  trueLabels: number;
  predLabels: number;
  /** Multi-label: examples with no true label / no predicted label. */
  emptyTruth: number;
  emptyPred: number;
}

/** Counts moved into another index space: `map[old] = new`; the result has `size` classes. */
export function remapCounts(c: SplitCounts, map: ArrayLike<number>, size: number): SplitCounts {
  const move = (a: number[]) => {
    const out = new Array<number>(size).fill(0);
    for (let i = 0; i < a.length; i++) out[map[i]] += a[i];
    return out;
  };
  return { ...c, tp: move(c.tp), fp: move(c.fp), fn: move(c.fn) };
}
