// Evaluating prediction files: every split is streamed through its reader into an accumulator
// over one shared class index, then the report is built. Memory grows with the classes and the
// compact per-example predictions, never with the file size.

import { ClassIndex, UnknownClassError } from '../core/classes.js';
import { UsageError } from '../core/errors.js';
import { DiagnosticsCollector } from '../core/diagnostics/collect.js';
import type { ScoreAccumulator } from '../core/diagnostics/scores.js';
import { checkThresholdKeys, DEFAULT_THRESHOLD, parseThreshold } from '../core/threshold.js';
import { createAccumulator, type Accumulator } from '../core/metrics/accumulator.js';
import { buildReport } from '../core/report/build.js';
import type { FileFingerprint, Report, Task } from '../core/report/types.js';
import { openPredictions } from '../io/predictions.js';
import { shardPredictions, shardScores } from '../io/shard.js';
import type { ShardSpec } from '../core/shard.js';
import { InputError, type ExampleBatch, type PredictionStream } from '../io/types.js';
import type { ScoreSink } from '../core/metrics/score-histograms.js';
import { VERSION } from '../version.js';
import { ThresholdTuning } from './threshold-tuning.js';
import { ScoreThread, scoreThreadFor } from './score-thread.js';

export interface EvaluateOptions {
  /** The class list; fixes the class order and makes unknown names an error. */
  classes?: string[];
  task?: Task;
  /** Multi-label decision threshold (score >= threshold); default DEFAULT_THRESHOLD. */
  threshold?: number;
  perClassThreshold?: Record<string, number>;
  /** Where perClassThreshold came from, for errors about its keys. */
  perClassThresholdFile?: string;
  commit?: string;
  source?: string;
  onProgress?: (split: string, rows: number) => void;
  /** Keep per-example predictions in the report; default true. */
  keepPredictions?: boolean;
  /** Evaluate only this shard of every split (a partial report, see src/core/shard.ts). */
  shard?: ShardSpec;
  /** For tests: the report time. */
  createdAt?: string;
  /** Files from this size on have their scores counted in a worker thread (default SCORE_THREAD_MIN_BYTES). */
  scoreThreadMinBytes?: number;
  /** Cores the evaluation may use (default os.availableParallelism()): scoreThreadFor decides by them. */
  cores?: number;
  /** false: no threshold-free metrics nor threshold tuning (`npm run bench -- diagnostics` measures their cost). */
  scoreDiagnostics?: boolean;
}

/** Split names every evaluation accepts (predictions or a model's data): present, unique, usable as keys. */
export function checkSplitNames(splits: { name: string; path: string }[]): void {
  if (splits.length === 0) throw new UsageError('no splits to evaluate; give at least one split as NAME=PATH');
  const names = new Set<string>();
  for (const s of splits) {
    if (!s.name || !s.name.trim())
      throw new UsageError(`split name is empty for ${JSON.stringify(s.path)}; expected NAME=PATH`);
    // Splits are keys of plain objects in the report; a name like "__proto__" would vanish.
    if (s.name in Object.prototype)
      throw new UsageError(`split name ${JSON.stringify(s.name)} is reserved; choose another name (e.g. test)`);
    if (names.has(s.name))
      throw new UsageError(`split ${JSON.stringify(s.name)} is given twice; split names must be unique`);
    names.add(s.name);
  }
}

export async function evaluatePredictionFiles(
  splits: { name: string; path: string }[],
  opts: EvaluateOptions = {},
): Promise<Report> {
  checkSplitNames(splits);
  const threshold = parseThreshold(opts.threshold ?? DEFAULT_THRESHOLD, 'threshold');

  const classes = new ClassIndex(opts.classes ?? [], opts.classes !== undefined);
  const checkKeys = () =>
    opts.perClassThreshold &&
    checkThresholdKeys(opts.perClassThreshold, classes.names, opts.perClassThresholdFile ?? 'per-class thresholds');
  // With a class list a wrong key is refused before any file is read; else once the data named them.
  if (opts.classes) checkKeys();
  let task = opts.task;
  let taskFrom = '--task';
  const done: { name: string; acc: Accumulator; files: FileFingerprint[]; scores: ScoreAccumulator }[] = [];
  const diagnostics = new DiagnosticsCollector('id');
  const withScores = opts.scoreDiagnostics !== false;
  const tuning = new ThresholdTuning(!opts.shard && withScores);
  /**
   * One split's file read through, its scores to `sink` (counted by `scores`, whose task is set
   * once the file's is known); the task checked against the splits before.
   */
  const readSplit = async (name: string, path: string, scores: ScoreAccumulator, sink: ScoreSink | undefined) => {
    const opened = await openPredictions(path, {
      scores: sink,
      classes,
      task,
      threshold,
      perClassThreshold: opts.perClassThreshold,
      onProgress: opts.onProgress && ((rows) => opts.onProgress!(name, rows)),
    });
    // Every row is keyed for leakage, a shard's others too (it reads them anyway): each shard then
    // finds the whole evaluation's leakage, and the merge keeps it (src/core/report/merge.ts).
    const keyed = { ...opened, batches: keyedBatches(opened.batches, diagnostics) };
    const stream = opts.shard ? shardPredictions(keyed, opts.shard) : keyed;
    if (task === undefined) {
      task = stream.task;
      taskFrom = `split ${JSON.stringify(name)}`;
    } else if (stream.task !== task) {
      throw new InputError(
        path,
        null,
        `holds ${stream.task} predictions but ${taskFrom} is ${task}; use one task for every split (--task)`,
      );
    }
    const acc = createAccumulator(task);
    scores.task = task;
    try {
      for await (const batch of stream.batches) {
        acc.update(batch);
        // Copied what they keep (the store deflates, leakage keeps the ids).
        stream.recycle?.(batch);
      }
    } catch (e) {
      // Readers name the line of an unknown class; this is the fallback should one not.
      if (e instanceof UnknownClassError)
        throw new InputError(path, null, `class ${JSON.stringify(e.className)} is not in the class list`);
      throw e;
    }
    return { acc, stream };
  };
  for (const { name, path } of splits) {
    // A shard's reader hands over every row's scores: only the shard's own are counted.
    const scores = diagnostics.beginSplit(name);
    const workerFile = opts.shard || !withScores ? null : scoreThreadFor(path, opts.scoreThreadMinBytes, opts.cores);
    const thread = workerFile ? new ScoreThread(workerFile, scores) : undefined;
    let read: { acc: Accumulator; stream: PredictionStream };
    try {
      const own = withScores ? scores : undefined;
      read = await readSplit(name, path, scores, thread ?? (opts.shard && own ? shardScores(own, opts.shard) : own));
      thread?.finish();
    } finally {
      // The worker started with the thread: stopped whatever failed (the file, the task, a line).
      thread?.stop();
    }
    const { acc, stream } = read;
    diagnostics.endSplit();
    opts.onProgress?.(name, acc.examples);
    tuning.finished(name, scores, acc.examples);
    done.push({ name, acc, files: [stream.fingerprint()], scores });
  }
  checkKeys();

  const thresholdTuning = tuning.summary(task!, classes.names, threshold, opts.perClassThreshold);
  const report = buildReport({
    task: task!,
    classes,
    splits: done,
    ...(task === 'multilabel' && {
      thresholds: {
        default: threshold,
        ...(opts.perClassThreshold &&
          Object.keys(opts.perClassThreshold).length > 0 && { perClass: { ...opts.perClassThreshold } }),
      },
    }),
    commit: opts.commit,
    source: opts.source ?? 'predictions',
    createdAt: opts.createdAt ?? new Date().toISOString(),
    toolVersion: VERSION,
    keepPredictions: opts.keepPredictions,
    leakage: diagnostics.leakage(),
    shard: opts.shard,
  });
  if (thresholdTuning) report.thresholdTuning = thresholdTuning;
  return report;
}

/** The batches, each keyed for leakage between splits (its ids) before it goes on. */
async function* keyedBatches(batches: AsyncIterable<ExampleBatch>, diagnostics: DiagnosticsCollector) {
  for await (const b of batches) {
    diagnostics.batch(b);
    yield b;
  }
}
