// The contract between feature readers (CSV, NumPy, image folders) and the model runner:
// a split streamed as batches of float features plus their true labels as class indices.

import type { ClassIndex } from '../../core/classes.js';
import type { FileFingerprint, Task } from '../../core/report/types.js';

/** One batch: n examples, row-major features (n * featureSize) and the truth in the ClassIndex's space. */
export interface FeatureBatch {
  n: number;
  x: Float32Array;
  /** Multiclass: one class index per example. */
  truth?: Uint32Array;
  /** Multi-label: CSR, labels of example i are truthIndices[truthOffsets[i] .. truthOffsets[i+1]), sorted, unique. */
  truthOffsets?: Uint32Array;
  truthIndices?: Uint32Array;
}

export interface FeatureStream {
  /** Shape of one example, e.g. [64] or [28, 28, 1]. */
  featureShape: number[];
  task: Task;
  /** Number of examples when known before reading (progress lines); null otherwise. */
  count: number | null;
  batches: AsyncIterable<FeatureBatch>;
  /** Releases the files when the stream is dropped before its end (reaching the end releases them too). */
  close(): Promise<void>;
  /** After the last batch: fingerprints of the files read. */
  fingerprints(): FileFingerprint[];
  /** The file row (0-based) of the stream's k-th example, when they are not consecutive (a shard's); absent: k. */
  fileRow?: (k: number) => number;
  /** What names a row (0-based) in messages besides its number, where one exists: an image's path in its folder. */
  rowName?: (row: number) => string;
}

export interface ImageOptions {
  /** Target [height, width]; images of another size are resized bilinearly. Required when sizes differ. */
  resize?: [number, number];
  /** 1 = grayscale (luma), 3 = RGB. Default 3. */
  channels?: 1 | 3;
}

export interface DataOptions {
  /** The class list of this evaluation (fixed when it comes from the model's output size or config). */
  classes: ClassIndex;
  task?: Task;
  batchSize?: number;
  /** CSV: the label column, by header name or 0-based index (negative counts from the end). Default `label`, else the last column. */
  labelColumn?: string | number;
  /** CSV: columns to leave out of the features (e.g. an id column), by name or index. */
  dropColumns?: (string | number)[];
  /** Image folders: decoding options (from the Preprocess of the evaluation). */
  image?: ImageOptions;
  /**
   * Sharded runs: the examples (by 0-based index) that will be kept. Readers may skip the costly
   * part of the others (image folders skip decoding; they still hash every file), whose rows
   * are then left as zeros for the shard filter to drop.
   */
  keep?: (index: number) => boolean;
}

/** The most a reader's batch of features holds (float32): the model's own calls stay within 64 MB too (model/run.ts). */
export const MAX_READ_BATCH_BYTES = 64 << 20;

/**
 * Examples a reader's batch holds: the batch asked for (256 by default), fewer when the examples
 * are large (1,024 images of 512x512x3 took 3.2 GB; at least one example a batch).
 */
export function readBatchRows(asked: number | undefined, featureSize: number): number {
  const fit = Math.floor(MAX_READ_BATCH_BYTES / (4 * Math.max(1, featureSize)));
  return Math.max(1, Math.min(asked ?? 256, fit));
}

/** Largest image decoded (and largest resize): 8192 x 8192 (64 Mpx, 256 MB of RGBA); a 1 MB PNG can claim 32768 x 32768. */
export const MAX_IMAGE_PIXELS = 8192 * 8192;
