// Runs a loaded model over one split's feature stream: preprocess (the evaluation's single
// Preprocess), predict one bounded batch at a time, turn scores into class indices (argmax, or
// score >= threshold for multi-label and single-sigmoid binary models) and hand ExampleBatches
// to the caller's sink. Every tensor is disposed before the next batch; sanity is tracked.

import type { FeatureBatch, FeatureStream } from '../io/data/types.js';
import { InputError, type ExampleBatch } from '../io/types.js';
import { DEFAULT_THRESHOLD } from '../core/threshold.js';
import type { SanityFinding } from '../core/report/types.js';
import type { ScoreSink } from '../core/metrics/score-histograms.js';
import type { TF } from './backend.js';
import type { LoadedModel } from './load.js';
import { Preprocess } from './preprocess.js';
import { SanityTracker } from './sanity.js';
import { checkIntegers, inputTensor, type IntegerInput } from './input.js';
import { messageSize, type WorkerPool } from './parallel.js';

/**
 * Examples per model call. Measured on 2 cores (bench/model.bench.ts, 784-512-512-10 MLP, wasm):
 * one thread runs batches of 64 to 1,024 within 5% of each other (~42-44 GFLOP/s); main thread +
 * 1 worker takes 0.63 s for 30,000 at 128 and 0.58-0.59 s at 256 or 512 (worker start included).
 */
export const DEFAULT_BATCH_SIZE = 256;
/** ...but one call's input stays within this (224x224x3 images: 111 examples, not 256). */
export const MAX_BATCH_BYTES = 64 * 2 ** 20;

/** The default batch for examples of `featureSize` float32 values. */
export function defaultBatchSize(featureSize: number): number {
  return Math.max(1, Math.min(DEFAULT_BATCH_SIZE, Math.floor(MAX_BATCH_BYTES / (4 * Math.max(1, featureSize)))));
}

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
  /** Receives every example's probabilities (when the model gives probabilities), then its truth. */
  scores?: ScoreSink;
  /** Where the split came from, for error messages. */
  file: string;
  /** Classes in the evaluation (model outputs, or 2 for a single sigmoid output). */
  classes: number;
  /** Class names by index, so findings can name a class rather than an index. */
  classNames?: readonly string[];
  preprocess: Preprocess;
  /** Multi-label (and single-output binary) decision threshold; default DEFAULT_THRESHOLD. */
  threshold?: number;
  /** Per class index; overrides `threshold`. */
  thresholds?: Float32Array;
  /** Examples per model call; the reader's batches are cut to this size. Default defaultBatchSize() (256, less for large inputs). */
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
  // A model that does not say takes the data as it is (its first call says otherwise, by name).
  if (want === null) return [...featureShape];
  const size = featureShape.reduce((a, b) => a * b, 1);
  const fits = want.length === featureShape.length && want.every((d, i) => d === null || d === featureShape[i]);
  if (fits) return [...featureShape];
  const known = want.every((d) => d !== null);
  const expects = shapeText([null, ...want]).replace('[?', '[batch');
  if (known && want.reduce<number>((a, b) => a * (b as number), 1) === size) {
    // Read as they are, the values fit another layout only when one side is flat (a CSV row, a
    // Flatten input) or only size-1 axes differ: [4, 4, 3] read as [3, 4, 4] would be scrambled.
    const axes = (s: readonly (number | null)[]) => s.filter((d) => d !== 1).join(',');
    if (featureShape.length === 1 || want.length === 1 || axes(want) === axes(featureShape)) return want as number[];
    throw new InputError(
      file,
      null,
      `examples have shape ${shapeText(featureShape)} but the model expects input ${expects}: the same size in another order, ` +
        "which reading the data as it is would scramble; transpose the data to the model's order (a channels-first model: " +
        'np.transpose(x, (0, 3, 1, 2)))',
    );
  }
  throw new InputError(
    file,
    null,
    `examples have shape ${shapeText(featureShape)} but the model expects input ${expects}`,
  );
}

/** What running a model over a split is set up with, checked against the model once. */
interface RunPlan {
  /** Per-example input shape and its size. */
  shape: number[];
  featureSize: number;
  outputs: number;
  /** A single sigmoid output for a two-class multiclass task. */
  binary: boolean;
  /** Decision threshold per output (multi-label, binary). */
  thr: Float32Array;
  batchSize: number;
}

function planRun(model: LoadedModel, stream: FeatureStream, opts: RunOptions): RunPlan {
  const shape = inputShapeFor(model, stream.featureShape, opts.file);
  const featureSize = shape.reduce((a, b) => a * b, 1);
  const outputs = model.outputSize ?? opts.classes;
  const binary = stream.task === 'multiclass' && outputs === 1;
  if (!binary && outputs !== opts.classes)
    throw new InputError(
      model.label,
      null,
      `model has ${outputs} outputs but the evaluation has ${opts.classes} classes`,
    );
  // A binary model's one output is class 1's probability: class 1's threshold decides it.
  const given = binary && opts.thresholds ? opts.thresholds.subarray(1, 2) : opts.thresholds;
  const thr = given?.length ? given : new Float32Array(Math.max(outputs, 1)).fill(opts.threshold ?? DEFAULT_THRESHOLD);
  const batchSize = Math.max(1, opts.batchSize ?? defaultBatchSize(featureSize));
  return { shape, featureSize, outputs, binary, thr, batchSize };
}

/** Hands n examples' probabilities to the sink, one per class (a single sigmoid s is 1 - s and s). */
function feedScores(
  sink: ScoreSink,
  scores: Float32Array,
  n: number,
  { outputs, binary }: RunPlan,
  truth: Uint32Array | null,
  offsets: Uint32Array | undefined,
  indices: Uint32Array | undefined,
): void {
  const pair = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    if (binary) {
      pair[0] = 1 - scores[i];
      pair[1] = scores[i];
      sink.scores(pair, 0, 2);
    } else sink.scores(scores, i * outputs, outputs);
    if (truth) sink.end(truth, i, i + 1);
    else sink.end(indices!, offsets![i], offsets![i + 1]);
  }
}

/**
 * Refuses outputs outside [0, 1] where a threshold will decide on them (a binary model's one
 * output, every output of a multi-label model) and the model does not end in a sigmoid or softmax:
 * they are logits or margins, and logits thresholded at 0.5 decide wrongly (a logit of 0.3 is a
 * probability of 0.57, read as "no"). NaN is the sanity findings' (observeOutputs).
 */
function checkDecidable(
  label: string,
  scores: Float32Array,
  outputs: number,
  before: number,
  fileRow: (k: number) => number,
): void {
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i];
    if (v < 0 || v > 1)
      throw new InputError(
        label,
        null,
        `output ${v} (example ${fileRow(before + Math.floor(i / outputs)) + 1}) is not a probability, and a threshold decides on ` +
          `probabilities; the model does not end in a sigmoid or softmax: add a sigmoid to its last layer ` +
          '(logits thresholded as probabilities would be decided wrongly)',
      );
  }
}

/** Which check of the scores applies: probabilities summing to one, each in [0, 1], or none. */
function expectedScores(model: LoadedModel, task: FeatureStream['task'], binary: boolean, opts: RunOptions) {
  const probabilistic =
    opts.expectProbabilities === true ||
    (opts.expectProbabilities !== false && (model.activation === 'softmax' || model.activation === 'sigmoid'));
  if (!probabilistic) return null;
  return model.activation === 'softmax' && !binary && task === 'multiclass' ? 'softmax' : 'sigmoid';
}

/** Multiclass predictions from n rows of scores: the arg-max, or score >= threshold for one sigmoid output. */
export function classPredictions(scores: Float32Array, n: number, { outputs, binary, thr }: RunPlan): Uint32Array {
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
  return pred;
}

/** Multi-label predictions from n rows of scores as CSR: every class whose score reaches its threshold. */
export function labelPredictions(
  scores: Float32Array,
  n: number,
  { outputs, thr }: RunPlan,
): { predOffsets: Uint32Array; predIndices: Uint32Array } {
  const predOffsets = new Uint32Array(n + 1);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < outputs; j++) if (scores[i * outputs + j] >= thr[j]) idx.push(j);
    predOffsets[i + 1] = idx.length;
  }
  return { predOffsets, predIndices: Uint32Array.from(idx) };
}

/** Reports progress after each chunk: examples done, rate and time left when the total is known. */
function progressReporter(opts: RunOptions, total: number | null): (done: number) => void {
  const started = performance.now();
  return (done) => {
    if (!opts.onProgress) return;
    const secs = (performance.now() - started) / 1000;
    const perSecond = secs > 0 ? done / secs : 0;
    opts.onProgress({
      split: opts.split,
      done,
      total,
      perSecond,
      etaSeconds: total !== null && perSecond > 0 ? (total - done) / perSecond : null,
    });
  };
}

/** A slice of model calls in input order; a worker's chunk settles when its reply arrives. */
interface Chunk {
  scores: Float32Array | null;
  failed?: unknown;
  wait?: Promise<void>;
  n: number;
  truth?: Uint32Array;
  offsets?: Uint32Array;
  indices?: Uint32Array;
}

/** The chunk of examples [s, s + m) of a batch, with its truth (multi-label offsets rebased to 0). */
function chunkOf(b: FeatureBatch, task: FeatureStream['task'], s: number, m: number): Chunk {
  const c: Chunk = { scores: null, n: m };
  if (task === 'multiclass') c.truth = b.truth!.subarray(s, s + m);
  else {
    const off = b.truthOffsets!;
    const base = off[s];
    const offsets = new Uint32Array(m + 1);
    for (let i = 0; i <= m; i++) offsets[i] = off[s + i] - base;
    c.offsets = offsets;
    c.indices = b.truthIndices!.slice(base, off[s + m]);
  }
  return c;
}

/** Scores a batch in this thread: dataSync, no await per batch (the workers' replies are let in explicitly). */
function localPredictor(tf: TF, model: LoadedModel, shape: number[]): (x: Float32Array, n: number) => Float32Array {
  return (x, n) => {
    const y = tf.tidy(() => model.predict(inputTensor(tf, x, n, shape, model.inputDtype)));
    try {
      return y.dataSync() as Float32Array;
    } finally {
      y.dispose();
    }
  };
}

/** Chunks in input order, finished (turned into predictions) strictly in that order. */
class InOrder {
  private readonly chunks: Chunk[] = [];
  constructor(private readonly finish: (c: Chunk) => void) {}
  get length(): number {
    return this.chunks.length;
  }
  push(c: Chunk): void {
    this.chunks.push(c);
  }
  private finishHead(): void {
    const c = this.chunks.shift()!;
    if (c.failed !== undefined) throw c.failed;
    this.finish(c);
  }
  private static settled(c: Chunk): boolean {
    return c.scores !== null || c.failed !== undefined;
  }
  /** Finishes every chunk at the head that has its scores. */
  drainSettled(): void {
    while (this.chunks.length && InOrder.settled(this.chunks[0])) this.finishHead();
  }
  async waitHead(): Promise<void> {
    await this.chunks[0].wait;
    this.finishHead();
  }
  async finishAll(): Promise<void> {
    while (this.chunks.length) {
      if (InOrder.settled(this.chunks[0])) this.finishHead();
      else await this.waitHead();
    }
  }
  /** Waits for chunks still in flight (errors ignored). */
  async settleAll(): Promise<void> {
    await Promise.allSettled(this.chunks.map((c) => c.wait));
  }
}

/** Turns each chunk's scores into predictions for `sink` (and probabilities for the score sink), counting them. */
function chunkFinisher(
  model: LoadedModel,
  stream: FeatureStream,
  plan: RunPlan,
  opts: RunOptions,
  sink: (batch: ExampleBatch) => void,
): { finish: (c: Chunk) => void; done: () => number; sanity: SanityTracker } {
  const { outputs } = plan;
  const expect = expectedScores(model, stream.task, plan.binary, opts);
  const sanity = new SanityTracker({ split: opts.split, outputs, expect });
  // Probabilities (only) go to the threshold-free metrics.
  const scoreSink = expect !== null ? opts.scores : undefined;
  const progress = progressReporter(opts, stream.count);
  let done = 0;
  const finish = ({ scores, n, truth, offsets, indices }: Chunk) => {
    if (scores!.length !== n * outputs)
      throw new InputError(
        model.label,
        null,
        `model gave ${scores!.length / n} scores per example; expected ${outputs}`,
      );
    sanity.observeOutputs(scores!, n);
    // A threshold decides on probabilities: a model without a sigmoid or softmax at its end is
    // taken at its word only while its outputs are ones.
    if (expect === null && (plan.binary || stream.task === 'multilabel'))
      checkDecidable(model.label, scores!, outputs, done, stream.fileRow ?? ((k) => k));
    if (scoreSink)
      feedScores(scoreSink, scores!, n, plan, stream.task === 'multiclass' ? truth! : null, offsets, indices);
    if (stream.task === 'multiclass') {
      const pred = classPredictions(scores!, n, plan);
      sink({ task: 'multiclass', n, truth: truth!, pred });
    } else {
      const { predOffsets, predIndices } = labelPredictions(scores!, n, plan);
      sink({ task: 'multilabel', n, truthOffsets: offsets!, truthIndices: indices!, predOffsets, predIndices });
    }
    done += n;
    progress(done);
  };
  return { finish, done: () => done, sanity };
}

/** Where runModel's chunks go: the workers (while the pool has room) or this thread, kept in order. */
interface Dispatch {
  task: FeatureStream['task'];
  pool: WorkerPool | undefined;
  /** Whether this thread scores batches itself (no pool, or the pool says so). */
  mainComputes: boolean;
  local: (x: Float32Array, n: number) => Float32Array;
  apply: (x: Float32Array) => void;
  shape: number[];
  featureSize: number;
  batchSize: number;
  /** Examples a chunk for a worker holds (several model calls). */
  chunkSize: number;
  pending: InOrder;
  /** Finished-or-not chunks kept in order: bounds memory. */
  maxPending: number;
  /** An integer input: each batch's features are checked to be integers in its range (src/model/input.ts). */
  ints: IntegerInput | undefined;
  /** Examples dispatched so far, the file row (0-based) of the stream's k-th, and the split's file: for that check's messages. */
  seen: number;
  fileRow: (k: number) => number;
  rowName: ((row: number) => string) | undefined;
  file: string;
}

/** One reader batch, cut into chunks for the workers or model calls here, each pushed in order. */
async function dispatchBatch(b: FeatureBatch, d: Dispatch): Promise<void> {
  const { pool, pending } = d;
  for (let s = 0; s < b.n;) {
    pending.drainSettled();
    const toWorker = !!pool && pool.hasRoom();
    if (!toWorker && !d.mainComputes) {
      const failed = pool!.failed();
      if (failed) throw failed;
      // Nothing in flight: the workers are still starting.
      if (pending.length) await pending.waitHead();
      else await pool!.ready;
      continue;
    }
    const m = Math.min(toWorker ? d.chunkSize : d.batchSize, b.n - s);
    // Copy: preprocessing works in place and the reader's buffer is not ours.
    const x = b.x.slice(s * d.featureSize, (s + m) * d.featureSize);
    d.apply(x);
    if (d.ints) {
      const first = d.seen;
      checkIntegers(x, d.featureSize, (k) => d.fileRow(first + k), d.file, d.ints, d.rowName);
    }
    d.seen += m;
    const c = chunkOf(b, d.task, s, m);
    pending.push(c);
    s += m;
    if (toWorker)
      c.wait = pool!.send(x, m, d.shape, d.batchSize).then(
        (v) => void (c.scores = v),
        (e: unknown) => void (c.failed = e ?? new Error('model worker failed')),
      );
    else {
      c.scores = d.local(x, m);
      pending.drainSettled();
      // Lets worker replies (and 'ready') in between batches computed here.
      if (pool) await new Promise<void>((r) => setImmediate(r));
    }
    while (pending.length >= d.maxPending) await pending.waitHead();
  }
}

/**
 * Runs the model over a split. With a worker pool, chunks of several model calls go to the
 * workers while they have room; the main thread scores batches itself meanwhile when the pool
 * says so (pool.mainComputes), else waits. Predictions reach `sink` in input order.
 */
export async function runModel(
  tf: TF,
  model: LoadedModel,
  stream: FeatureStream,
  opts: RunOptions,
  sink: (batch: ExampleBatch) => void,
  pool?: WorkerPool,
): Promise<RunResult> {
  const plan = planRun(model, stream, opts);
  const { shape, featureSize, batchSize } = plan;
  const apply = opts.preprocess.bind(shape);
  const { finish, done, sanity } = chunkFinisher(model, stream, plan, opts, sink);
  const chunkSize = messageSize(batchSize);
  const pending = new InOrder(finish);
  const dispatch: Dispatch = {
    task: stream.task,
    pool,
    mainComputes: !pool || pool.mainComputes,
    local: localPredictor(tf, model, shape),
    apply,
    shape,
    featureSize,
    batchSize,
    chunkSize,
    pending,
    // Scores of local batches are small; a pool's chunks in flight are bounded by its size.
    maxPending: pool ? 4 * pool.size * (chunkSize / batchSize) + 4 : 1,
    ints: model.inputInts,
    seen: 0,
    fileRow: stream.fileRow ?? ((k) => k),
    rowName: stream.rowName,
    file: opts.file,
  };
  try {
    for await (const b of stream.batches) await dispatchBatch(b, dispatch);
    await pending.finishAll();
  } finally {
    // On error, let chunks still in flight settle before the caller tears the pool down.
    await pending.settleAll();
  }
  return { examples: done(), sanity: sanity.findings() };
}
