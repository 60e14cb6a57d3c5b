// Runs a loaded model over one split's feature stream: preprocess (the evaluation's single
// Preprocess), predict one bounded batch at a time, turn scores into class indices (argmax, or
// score >= threshold for multi-label and single-sigmoid binary models) and hand ExampleBatches
// to the caller's sink. Every tensor is disposed before the next batch; sanity is tracked.

import type { FeatureStream } from '../io/data/types.js';
import { InputError, type ExampleBatch } from '../io/types.js';
import type { SanityFinding } from '../core/report/types.js';
import type { TF } from './backend.js';
import type { LoadedModel } from './load.js';
import { Preprocess } from './preprocess.js';
import { SanityTracker } from './sanity.js';

/**
 * Examples per model call. Measured on 2 cores (bench/model.bench.ts): wasm runs a 784-512-512-10
 * MLP at ~27-28k examples/s with 64-256, 24k at 512, and falls to 12k at 1024 and 8k at 10,000
 * (the activations no longer fit in cache); 128 was the best or near it every time.
 */
export const DEFAULT_BATCH_SIZE = 128;

export interface Progress {
  split: string;
  done: number;
  /** Examples in the split when the reader knows it up front. */
  total: number | null;
  perSecond: number;
  /** Seconds left, when total is known. */
  etaSeconds: number | null;
}

export interface RunOptions {
  split: string;
  /** Where the split came from, for error messages. */
  file: string;
  /** Classes in the evaluation (model outputs, or 2 for a single sigmoid output). */
  classes: number;
  /** Class names by index, so findings can name a class rather than an index. */
  classNames?: readonly string[];
  preprocess: Preprocess;
  /** Multi-label (and single-output binary) decision threshold; default 0.5. */
  threshold?: number;
  /** Per class index; overrides `threshold`. */
  thresholds?: Float32Array;
  /** Examples per model call; the reader's batches are cut to this size. Default DEFAULT_BATCH_SIZE (128). */
  batchSize?: number;
  /** Check scores are probabilities: 'auto' trusts the model's last activation. */
  expectProbabilities?: 'auto' | boolean;
  onProgress?: (p: Progress) => void;
}

export interface RunResult {
  examples: number;
  sanity: SanityFinding[];
}

function shapeText(s: readonly (number | null)[]): string {
  return `[${s.map((d) => (d == null ? '?' : d)).join(', ')}]`;
}

/** The per-example shape to feed: the data's, or the model's when only the layout differs (e.g. 64 -> 8x8x1). */
export function inputShapeFor(model: LoadedModel, featureShape: readonly number[], file: string): number[] {
  const want = model.inputShape;
  const size = featureShape.reduce((a, b) => a * b, 1);
  const fits = want.length === featureShape.length && want.every((d, i) => d === null || d === featureShape[i]);
  if (fits) return [...featureShape];
  const known = want.every((d) => d !== null);
  if (known && want.reduce<number>((a, b) => a * (b as number), 1) === size) return want as number[];
  throw new InputError(
    file,
    null,
    `examples have shape ${shapeText(featureShape)} but the model expects input ${shapeText([null, ...want]).replace('[?', '[batch')}`,
  );
}

/** Scores of a chunk of n preprocessed examples (n x outputs, row-major). */
export type Scorer = (x: Float32Array, n: number, shape: number[]) => Promise<Float32Array>;

/**
 * Runs the model over a split. `scorer` replaces in-thread prediction (a worker pool), with up
 * to `inFlight` chunks outstanding; predictions still reach `sink` in input order.
 */
export async function runModel(
  tf: TF,
  model: LoadedModel,
  stream: FeatureStream,
  opts: RunOptions,
  sink: (batch: ExampleBatch) => void,
  scorer?: { score: Scorer; inFlight: number },
): Promise<RunResult> {
  const shape = inputShapeFor(model, stream.featureShape, opts.file);
  const featureSize = shape.reduce((a, b) => a * b, 1);
  const apply = opts.preprocess.bind(shape);
  const outputs = model.outputSize ?? opts.classes;
  const binary = stream.task === 'multiclass' && outputs === 1;
  if (!binary && outputs !== opts.classes)
    throw new InputError(
      model.label,
      null,
      `model has ${outputs} outputs but the evaluation has ${opts.classes} classes`,
    );
  const probabilistic =
    opts.expectProbabilities === true ||
    (opts.expectProbabilities !== false && (model.activation === 'softmax' || model.activation === 'sigmoid'));
  const expect = !probabilistic
    ? null
    : model.activation === 'softmax' && !binary && stream.task === 'multiclass'
      ? 'softmax'
      : 'sigmoid';
  const sanity = new SanityTracker({
    split: opts.split,
    task: stream.task,
    outputs,
    classes: opts.classes,
    classNames: opts.classNames,
    expect,
  });
  const thr = opts.thresholds ?? new Float32Array(Math.max(outputs, 1)).fill(opts.threshold ?? 0.5);
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const started = performance.now();
  let done = 0;
  const score: Scorer =
    scorer?.score ??
    (async (x, n, shp) => {
      const y = tf.tidy(() => model.predict(tf.tensor(x, [n, ...shp], 'float32')));
      try {
        return (await y.data()) as Float32Array;
      } finally {
        y.dispose();
      }
    });
  const inFlight = Math.max(1, scorer?.inFlight ?? 1);

  /** Turns one chunk's scores into predictions, in input order. */
  const finish = (
    scores: Float32Array,
    n: number,
    truth?: Uint32Array,
    offsets?: Uint32Array,
    indices?: Uint32Array,
  ) => {
    if (scores.length !== n * outputs)
      throw new InputError(
        model.label,
        null,
        `model gave ${scores.length / n} scores per example; expected ${outputs}`,
      );
    sanity.observeOutputs(scores, n);
    if (stream.task === 'multiclass') {
      const pred = new Uint32Array(n);
      if (binary) for (let i = 0; i < n; i++) pred[i] = scores[i] >= thr[0] ? 1 : 0;
      else
        for (let i = 0; i < n; i++) {
          let best = 0;
          let bv = scores[i * outputs];
          for (let j = 1; j < outputs; j++) {
            const v = scores[i * outputs + j];
            // NaN never wins over a number.
            if (v > bv || (bv !== bv && v === v)) {
              bv = v;
              best = j;
            }
          }
          pred[i] = best;
        }
      sanity.observeClasses(truth!, pred, n);
      sink({ task: 'multiclass', n, truth: truth!, pred });
    } else {
      const predOffsets = new Uint32Array(n + 1);
      const idx: number[] = [];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < outputs; j++) if (scores[i * outputs + j] >= thr[j]) idx.push(j);
        predOffsets[i + 1] = idx.length;
      }
      sink({
        task: 'multilabel',
        n,
        truthOffsets: offsets!,
        truthIndices: indices!,
        predOffsets,
        predIndices: Uint32Array.from(idx),
      });
    }
    done += n;
    if (opts.onProgress) {
      const secs = (performance.now() - started) / 1000;
      const perSecond = secs > 0 ? done / secs : 0;
      const total = stream.count;
      opts.onProgress({
        split: opts.split,
        done,
        total,
        perSecond,
        etaSeconds: total !== null && perSecond > 0 ? (total - done) / perSecond : null,
      });
    }
  };

  // Chunks in flight (more than one only with a worker pool); results are finished in order.
  const pending: {
    scores: Promise<Float32Array>;
    n: number;
    truth?: Uint32Array;
    offsets?: Uint32Array;
    indices?: Uint32Array;
  }[] = [];
  const drainOne = async () => {
    const c = pending.shift()!;
    finish(await c.scores, c.n, c.truth, c.offsets, c.indices);
  };
  try {
    for await (const b of stream.batches) {
      for (let s = 0; s < b.n; s += batchSize) {
        const m = Math.min(batchSize, b.n - s);
        // Copy: preprocessing works in place and the reader's buffer is not ours.
        const x = b.x.slice(s * featureSize, (s + m) * featureSize);
        apply(x);
        const scores = score(x, m, shape);
        scores.catch(() => {}); // rejections surface when drained, in order
        if (stream.task === 'multiclass') pending.push({ scores, n: m, truth: b.truth!.subarray(s, s + m) });
        else {
          const off = b.truthOffsets!;
          const base = off[s];
          const offsets = new Uint32Array(m + 1);
          for (let i = 0; i <= m; i++) offsets[i] = off[s + i] - base;
          pending.push({ scores, n: m, offsets, indices: b.truthIndices!.slice(base, off[s + m]) });
        }
        while (pending.length >= inFlight) await drainOne();
      }
    }
    while (pending.length) await drainOne();
  } finally {
    // On error, let chunks still in flight settle before the caller tears the pool down.
    await Promise.allSettled(pending.map((p) => p.scores));
  }
  return { examples: done, sanity: sanity.findings() };
}
