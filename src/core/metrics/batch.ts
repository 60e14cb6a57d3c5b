// A batch of examples as readers and the model runner hand them to accumulators, in the
// ClassIndex's index space. It has the same shape as a split's per-example predictions
// (multiclass: truth/pred arrays; multi-label: CSR label sets), so the two share one type.
import type { SplitExamples } from '../report/types.js';

export type ExampleBatch = SplitExamples;
