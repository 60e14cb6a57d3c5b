// The contract between input readers (shell) and metric accumulators (core).
// A reader streams one split's file in batches of class indices; it never holds the file.

import type { ClassIndex } from '../core/classes.js';
import type { FileFingerprint, Task } from '../core/report/types.js';

export type { ExampleBatch } from '../core/metrics/batch.js';
import type { ExampleBatch } from '../core/metrics/batch.js';
import type { ScoreSink } from '../core/metrics/score-histograms.js';

/** Rows between two `onProgress` calls of a reader. */
export const PROGRESS_EVERY = 100_000;

export interface ReadOptions {
  /** Shared by all splits of one evaluation; fixed when the user gave --classes. */
  classes: ClassIndex;
  /** Forces the task; otherwise detected (sets or a matrix of labels = multilabel). */
  task?: Task;
  /** Multi-label decision threshold (score >= threshold); default DEFAULT_THRESHOLD (src/core/threshold.ts). */
  threshold?: number;
  perClassThreshold?: Record<string, number>;
  /** Examples per batch; readers may use fewer. */
  batchSize?: number;
  /**
   * Receives every score of every example as it is read (class index, value), then the example's
   * truth; files with predicted names instead of scores never call it.
   */
  scores?: ScoreSink;
  /** Called now and then with rows read so far, for progress lines. */
  onProgress?: (rows: number) => void;
}

/** What a reader yields: the detected task, then batches; the file fingerprint once fully read. */
export interface PredictionStream {
  task: Task;
  batches: AsyncIterable<ExampleBatch>;
  /** Resolves after the last batch was consumed: sha256 and size of the bytes read. */
  fingerprint(): FileFingerprint;
  /** Hands back a batch nothing reads any more, so its arrays hold a later one (./batcher.ts). */
  recycle?(batch: ExampleBatch): void;
}

/**
 * A bad input: always names the file, the place (line, array, entry) and what was expected.
 * The CLI and the action print `message` alone (no stack trace) and exit with code 2.
 */
export class InputError extends Error {
  constructor(
    public readonly file: string,
    public readonly where: string | null,
    public readonly expected: string,
  ) {
    super(`${file}${where ? `:${where}` : ''}: ${expected}`);
    this.name = 'InputError';
  }
}
