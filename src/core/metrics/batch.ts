// A batch of examples as readers and the model runner hand them to accumulators, in the
// ClassIndex's index space. It has the same shape as a split's per-example predictions
// (multiclass: truth/pred arrays; multi-label: CSR label sets), so the two share one type.
// Readers of files with ids add each example's id (leakage between splits); scores go to a
// ScoreSink (./score-histograms.ts) instead, as they are read.
import type { SplitExamples } from '../report/types.js';

export interface BatchExtras {
  /** The `id` of every example, when the file has ids: UTF-8 bytes back to back, id i ending at ends[i]. */
  ids?: { bytes: Uint8Array; ends: Uint32Array };
}

export type ExampleBatch = SplitExamples & BatchExtras;
