// A batch of examples as readers and the model runner hand them to accumulators,
// in the ClassIndex's index space.

export type ExampleBatch =
  | { task: 'multiclass'; n: number; truth: Uint32Array; pred: Uint32Array }
  | {
      task: 'multilabel';
      n: number;
      /** CSR: the labels of example i are indices[offsets[i] .. offsets[i+1]), sorted, unique. */
      truthOffsets: Uint32Array;
      truthIndices: Uint32Array;
      predOffsets: Uint32Array;
      predIndices: Uint32Array;
    };
