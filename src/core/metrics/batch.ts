// A batch of examples as readers and the model runner hand them to accumulators, in the
// ClassIndex's index space. It has the same shape as a split's per-example predictions
// (multiclass: truth/pred arrays; multi-label: CSR label sets), so the two share one type.
// Readers that see more than the decisions add what the diagnostics need: the scores the
// decisions came from, and each example's id (leakage between splits).
import type { SplitExamples } from '../report/types.js';

export interface BatchScores {
  /** Class index of each score column. */
  classes: Uint32Array;
  /** Row-major n x classes.length scores. */
  values: Float64Array | Float32Array;
}

export interface BatchExtras {
  scores?: BatchScores;
  /** The `id` of every example, when the file has an id column. */
  ids?: string[];
}

export type ExampleBatch = SplitExamples & BatchExtras;
