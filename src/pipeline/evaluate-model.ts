// Evaluates a model itself (instead of reading its predictions): picks the backend, loads the
// model (from the file system or from a git commit), streams every split's features through the
// one Preprocess of this evaluation, and feeds the predictions into the same accumulators and
// report as predictions files do. Used for the head model and for `baseline: evaluate`, where the
// base commit's model is evaluated on the head's data.

import { ClassIndex } from '../core/classes.js';
import { DiagnosticsCollector } from '../core/diagnostics/collect.js';
import type { ScoreAccumulator } from '../core/diagnostics/scores.js';
import { createAccumulator, type Accumulator } from '../core/metrics/accumulator.js';
import { buildReport } from '../core/report/build.js';
import type { FileFingerprint, Report, SanityFinding, Task } from '../core/report/types.js';
import { imageClassNames, openFeatures, type FeatureStream } from '../io/data/index.js';
import { detectDataFormat } from '../io/data/index.js';
import { InputError } from '../io/types.js';
import { selectBackend, type Backend, type BackendRequest } from '../model/backend.js';
import { loadModel, type LoadedModel } from '../model/load.js';
import { describePreprocess } from '../model/describe-preprocess.js';
import { Preprocess, type PreprocessSpec } from '../model/preprocess.js';
import { DEFAULT_BATCH_SIZE, inputShapeFor, runModel, type Progress } from '../model/run.js';
import { defaultWorkers, findWorkerFile, spawnWorkerPool, WORKER_FILE, type WorkerPool } from '../model/parallel.js';
import type { ModelSource } from '../model/source.js';
import { UsageError } from '../core/errors.js';
import { checkThresholdKeys, DEFAULT_THRESHOLD, parseThreshold, thresholdFor } from '../core/threshold.js';
import { checkSplitNames } from './evaluate.js';
import { ThresholdTuning } from './threshold-tuning.js';
import { ownsExample, type ShardSpec } from '../core/shard.js';
import { shardFeatures } from '../io/shard.js';
import { VERSION } from '../version.js';

export type { Progress } from '../model/run.js';

export interface EvaluateModelOptions {
  /** A model.json, its directory, a SavedModel directory (tfjs-node), or a file at a git commit. */
  model: ModelSource;
  /** The splits, in order (e.g. train, validation, test). */
  data: { name: string; path: string }[];
  backend?: BackendRequest;
  /** Examples per model call; default 256, fewer when one call's input would pass 64 MB (defaultBatchSize; docs/models.md has the measurements). */
  batchSize?: number;
  /** One object for every split: the same transformation by construction. */
  preprocess?: Preprocess | PreprocessSpec;
  task?: Task;
  /** Class names in the order of the model's outputs; default: image folder names, else "0".."C-1". */
  classes?: string[];
  /** Multi-label (and single-sigmoid binary) decision threshold; default DEFAULT_THRESHOLD. */
  threshold?: number;
  perClassThreshold?: Record<string, number>;
  /** Where perClassThreshold came from, for errors about its keys. */
  perClassThresholdFile?: string;
  /** CSV label column (name or index); default `label`, else the last column. */
  labelColumn?: string | number;
  /** 'auto' (default) checks probabilities when the model ends in softmax/sigmoid. */
  expectProbabilities?: 'auto' | boolean;
  commit?: string;
  /** report.source; default "model:<path>". */
  source?: string;
  keepPredictions?: boolean;
  /** Run the model on this shard of every split only (a partial report, see src/core/shard.ts). */
  shard?: ShardSpec;
  createdAt?: string;
  onProgress?: (p: Progress) => void;
  log?: (line: string) => void;
  /**
   * Threads computing inference (wasm/cpu only; native TensorFlow has its own threads): this one
   * plus workers-1 worker threads. 'auto' (default): one per core when the model has at least
   * PARALLEL_MIN_PARAMETERS weights and dist/model-worker.js is there; 1 = in this thread only.
   */
  workers?: number | 'auto';
  /** An already selected backend (the demo evaluates two models on one). */
  backendHandle?: Backend;
}

/** Below this many weights a model is so cheap that starting workers costs more than it saves. */
export const PARALLEL_MIN_PARAMETERS = 100_000;

export interface ModelEvaluation {
  report: Report;
  backend: Backend['name'];
  /** Threads that computed inference: the main thread plus the workers (1 = main thread only). */
  workers: number;
  examples: number;
  seconds: number;
}

/** One progress line: split, examples done, examples/s, time left. */
export function formatProgress(p: Progress): string {
  const total = p.total !== null ? `/${p.total}` : '';
  const eta = p.etaSeconds !== null ? `, ${Math.ceil(p.etaSeconds)} s left` : '';
  return `${p.split}: ${p.done}${total} examples, ${Math.round(p.perSecond)} examples/s${eta}`;
}

async function resolveClasses(
  opts: EvaluateModelOptions,
  model: LoadedModel,
  outputs: number,
  task: Task,
): Promise<ClassIndex> {
  const binary = task === 'multiclass' && outputs === 1;
  const want = binary ? 2 : outputs;
  let names = opts.classes;
  let origin = 'the configured classes';
  if (!names) {
    const images = [];
    for (const d of opts.data) if ((await detectDataFormat(d.path)) === 'images') images.push(d.path);
    if (images.length) {
      names = await imageClassNames(images[0]);
      origin = `the class folders of ${images[0]}`;
    } else names = Array.from({ length: want }, (_, i) => String(i));
  }
  if (names.length !== want)
    throw new InputError(
      model.label,
      null,
      `model has ${outputs} output${outputs === 1 ? '' : 's'}${binary ? ' (binary: 2 classes)' : ''} but ${origin} name ${names.length} classes`,
    );
  return new ClassIndex(names, true);
}

/** Output columns of a model that does not declare them: one probe on a zero example. */
function probeOutputs(backend: Backend, model: LoadedModel, stream: FeatureStream, file: string): number {
  const shape = inputShapeFor(model, stream.featureShape, file);
  const { tf } = backend;
  const y = tf.tidy(() => model.predict(tf.zeros([1, ...shape], model.inputDtype)));
  const c = y.shape[1] as number;
  y.dispose();
  return c;
}

async function maybeStartPool(
  opts: EvaluateModelOptions,
  backend: Backend,
  model: LoadedModel,
): Promise<WorkerPool | null> {
  const requested = opts.workers ?? 'auto';
  if (requested !== 'auto' && (!Number.isInteger(requested) || requested < 1))
    throw new UsageError(`workers must be a positive integer or auto, got ${requested}`);
  if (requested === 1) return null;
  const why = (reason: string) => {
    opts.log?.(`inference in the main thread: ${reason}`);
    return null;
  };
  if (backend.name === 'tensorflow') return why('the tensorflow backend runs its own threads');
  if (!model.artifacts) return why('the model is not a layers or graph model');
  const n = requested === 'auto' ? defaultWorkers() : requested;
  if (n < 2 && requested === 'auto') return why('one core');
  if (requested === 'auto' && (model.parameters ?? 0) < PARALLEL_MIN_PARAMETERS)
    return why(`small model (${model.parameters} weights < ${PARALLEL_MIN_PARAMETERS})`);
  const workerFile = findWorkerFile();
  if (!workerFile) return why(`${WORKER_FILE} not found next to the program (run npm run build)`);
  // The workers load their copies in the background while this thread reads and scores the
  // first batches itself (measured in bench/model.bench.ts: faster on 2 cores than 2 workers
  // with an idle main thread, and their start costs no waiting).
  const pool = spawnWorkerPool({
    label: model.label,
    artifacts: model.artifacts,
    graph: model.kind === 'graph',
    dtype: model.inputDtype,
    backend: backend.name,
    workers: n - 1,
    workerFile,
    mainComputes: true,
  });
  // This thread carries on alone then; say so rather than fail an evaluation it can finish.
  pool.ready.catch((e: Error) => opts.log?.(`inference in the main thread only: ${e.message}`));
  opts.log?.(`inference in ${n} threads on ${backend.name} (this one and ${n - 1} worker${n > 2 ? 's' : ''})`);
  return pool;
}

export async function evaluateModel(opts: EvaluateModelOptions): Promise<ModelEvaluation> {
  checkSplitNames(opts.data);
  const threshold = parseThreshold(opts.threshold ?? DEFAULT_THRESHOLD, 'threshold');
  const started = performance.now();
  const backend = opts.backendHandle ?? (await selectBackend(opts.backend ?? 'auto', opts.log));
  const { tf } = backend;
  const preprocess = opts.preprocess instanceof Preprocess ? opts.preprocess : new Preprocess(opts.preprocess ?? {});
  const model = await loadModel(tf, opts.model);
  const batchSize = opts.batchSize;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
    throw new UsageError(`batch-size must be a positive integer, got ${opts.batchSize}`);
  let pool: WorkerPool | null = null;
  try {
    pool = await maybeStartPool(opts, backend, model);
    opts.log?.(
      `model: ${model.label} (${model.kind}, input [batch, ${model.inputShape?.map((d) => d ?? '?').join(', ') ?? '…'}], ${model.outputSize ?? '?'} outputs, ${model.activation})`,
    );
    let classes: ClassIndex | null = null;
    let task: Task | null = opts.task ?? null;
    const splits: { name: string; acc: Accumulator; files: FileFingerprint[]; scores: ScoreAccumulator }[] = [];
    const diagnostics = new DiagnosticsCollector('features');
    const sanity: SanityFinding[] = [];
    let examples = 0;
    const tuning = new ThresholdTuning(!opts.shard);
    for (const d of opts.data) {
      // The first split fixes the task and classes; every later split must fit them.
      const provisional = classes ?? new ClassIndex([], false);
      const open = (c: ClassIndex, t?: Task) =>
        openFeatures(d.path, {
          classes: c,
          task: t,
          batchSize: Math.max(batchSize ?? DEFAULT_BATCH_SIZE, 1024),
          labelColumn: opts.labelColumn,
          image: preprocess.image,
          keep: opts.shard && ((k: number) => ownsExample(opts.shard!, k)),
        });
      let stream: FeatureStream;
      if (!classes) {
        const peek = await open(provisional, task ?? undefined);
        task ??= peek.task;
        const outputs = model.outputSize ?? probeOutputs(backend, model, peek, d.path);
        await peek.close();
        classes = await resolveClasses(opts, model, outputs, task);
        stream = await open(classes, task);
      } else stream = await open(classes, task ?? undefined);
      if (opts.shard) stream = shardFeatures(stream, opts.shard);
      if (stream.task !== task)
        throw new InputError(d.path, null, `split is ${stream.task} but the first split is ${task}`);
      const acc = createAccumulator(task);
      const scores = diagnostics.beginSplit(d.name);
      scores.task = task;
      let thresholds: Float32Array | undefined;
      if (opts.perClassThreshold) {
        const file = opts.perClassThresholdFile ?? 'per-class thresholds';
        checkThresholdKeys(opts.perClassThreshold, classes.names, file);
        thresholds = Float32Array.from(classes.names, (n) => thresholdFor(n, threshold, opts.perClassThreshold));
      }
      const r = await runModel(
        tf,
        model,
        // A shard decodes only its own examples: their features cannot show leakage with the others'.
        opts.shard ? stream : keyedByFeatures(stream, diagnostics),
        {
          split: d.name,
          file: d.path,
          classes: classes.size,
          classNames: classes.names,
          preprocess,
          threshold,
          thresholds,
          batchSize,
          expectProbabilities: opts.expectProbabilities,
          onProgress: opts.onProgress,
          scores,
        },
        (b) => {
          acc.update(b);
          diagnostics.batch(b);
        },
        pool ?? undefined,
      );
      diagnostics.endSplit();
      examples += r.examples;
      tuning.finished(d.name, scores, acc.examples);
      sanity.push(...r.sanity);
      splits.push({ name: d.name, acc, files: stream.fingerprints(), scores });
      opts.log?.(`${d.name}: ${r.examples} examples evaluated`);
    }
    const thresholdTuning = tuning.summary(task!, classes!.names, threshold, opts.perClassThreshold);
    const report = buildReport({
      task: task!,
      classes: classes!,
      splits,
      thresholds:
        task === 'multilabel'
          ? { default: threshold, ...(opts.perClassThreshold && { perClass: opts.perClassThreshold }) }
          : undefined,
      commit: opts.commit,
      source: opts.source ?? `model:${model.label}`,
      createdAt: opts.createdAt ?? new Date().toISOString(),
      toolVersion: VERSION,
      sanity,
      keepPredictions: opts.keepPredictions,
      leakage: opts.shard ? undefined : diagnostics.leakage(),
      shard: opts.shard,
    });
    if (thresholdTuning) report.thresholdTuning = thresholdTuning;
    report.model = {
      ...(model.parameters !== undefined && { parameters: model.parameters }),
      preprocess: describePreprocess(preprocess.spec),
    };
    return {
      report,
      backend: backend.name,
      workers: pool ? pool.size + 1 : 1,
      examples,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await pool?.close();
    model.dispose();
  }
}

/** The stream with every batch's raw features (before preprocessing) keyed for leakage between splits. */
function keyedByFeatures(stream: FeatureStream, diagnostics: DiagnosticsCollector): FeatureStream {
  const size = stream.featureShape.reduce((a, b) => a * b, 1);
  async function* batches() {
    for await (const b of stream.batches) {
      diagnostics.features(b.x, b.n, size);
      yield b;
    }
  }
  // The stream as it is (its row numbers and names for messages too), the batches passed through.
  return { ...stream, batches: batches() };
}

/** The signature the action wires: evaluates the model on every split and returns the report. */
export async function evaluateModelSplits(opts: EvaluateModelOptions): Promise<Report> {
  return (await evaluateModel(opts)).report;
}
