// Builds a report from the accumulators of every split: figures from raw counts, confusion
// from per-example predictions, gaps between splits, fingerprints. A discovered (not fixed)
// class list is sorted naturally first and every per-class array, confusion cell and
// per-example index is moved to the sorted order, so the report does not depend on the order
// in which classes were first seen.

import type { ClassIndex } from '../classes.js';
import type { ScoreAccumulator } from '../diagnostics/scores.js';
import type { Accumulator } from '../metrics/accumulator.js';
import { confusionOfPieces } from '../metrics/confusion.js';
import { computeSplit } from '../metrics/compute.js';
import { remapCounts } from '../metrics/counts.js';
import { TUNING_SPLITS } from '../metrics/tune-thresholds.js';
import { isIdentity, remapStore } from '../metrics/remap.js';
import type { ShardSpec } from '../shard.js';
import { widthFor } from './example-store.js';
import { labelFingerprint } from './fingerprint.js';
import { withReportSanity } from './sanity.js';
import {
  GAP_PAIRS,
  REPORT_SCHEMA,
  type FileFingerprint,
  type Leakage,
  type MetricName,
  type Report,
  type SanityFinding,
  type SplitExamples,
  type SplitReport,
  type Task,
} from './types.js';

export interface BuildArgs {
  task: Task;
  classes: ClassIndex;
  splits: { name: string; acc: Accumulator; files: FileFingerprint[]; scores?: ScoreAccumulator }[];
  thresholds?: Report['thresholds'];
  commit?: string;
  source?: string;
  createdAt: string;
  toolVersion: string;
  /** What the model runner observed (raw outputs); the findings every report gets are added here (./sanity.ts). */
  sanity?: SanityFinding[];
  /** Keep per-example predictions in the report (needed for paired tests and merge). Default true. */
  keepPredictions?: boolean;
  /** Examples shared between splits (src/core/diagnostics/leakage.ts). */
  leakage?: Leakage;
  /** A partial report of a sharded evaluation. */
  shard?: ShardSpec;
}

export function buildReport(args: BuildArgs): Report {
  const perm = args.classes.sortedOrder();
  const C = args.classes.size;
  const classes = new Array<string>(C);
  for (let i = 0; i < C; i++) classes[perm[i]] = args.classes.names[i];
  const identity = isIdentity(perm);

  const splits: Record<string, SplitReport> = {};
  const observed: SanityFinding[] = [...(args.sanity ?? [])];
  for (const { name, acc, files, scores } of args.splits) {
    if (acc.task !== args.task)
      throw new Error(`split ${JSON.stringify(name)} is ${acc.task} but the report is ${args.task}`);
    if (Object.hasOwn(splits, name)) throw new Error(`split ${JSON.stringify(name)} appears twice`);
    const raw = acc.counts();
    const counts = identity ? raw : remapCounts(raw, perm, C);
    // Read piece by piece: memory stays at the store's compressed size (issue 14).
    const store = identity && acc.store.width === widthFor(C) ? acc.store : remapStore(acc.store, perm, C);
    // Encoded first, while little else is allocated: the encoding and its base64 are the build's largest strings.
    const predictions = (args.keepPredictions ?? true) ? store.encode() : undefined;
    const computed = computeSplit(counts, C);
    const split: SplitReport = {
      ...computed,
      fingerprints: { labels: labelFingerprint(store.pieces(), classes), files },
    };
    if (store.task === 'multiclass') {
      const pieces = store.pieces() as Iterable<Extract<SplitExamples, { task: 'multiclass' }>>;
      const { confusion, topConfusions } = confusionOfPieces(pieces, C);
      split.confusion = confusion;
      split.topConfusions = topConfusions;
    }
    if (predictions) split.predictions = predictions;
    const threshFree = scores?.result(perm, C, acc.examples);
    if (threshFree) split.scores = threshFree;
    // A shard's counts, so that the merge of the shards has the one-pass metrics.
    const scoreCounts = args.shard && threshFree && scores?.counts(perm, C, acc.examples);
    if (scoreCounts) split.scoreCounts = scoreCounts;
    else if (scores?.problem)
      observed.push({
        level: 'info',
        split: name,
        code: 'no-threshold-free-metrics',
        message: `no ROC-AUC, average precision, log-loss or calibration: ${scores.problem}`,
      });
    // And the threshold histograms of the tuning summary's splits, for the merge's summary.
    const tuningCounts =
      args.shard && threshFree && isTuningSplit(name) && scores?.tuningClassCounts(perm, C, acc.examples);
    if (tuningCounts) split.tuningCounts = tuningCounts;
    splits[name] = split;
  }

  const sanity = withReportSanity(observed, args.task, classes, splits);
  const report: Report = {
    schema: REPORT_SCHEMA,
    tool: { name: 'modelgate', version: args.toolVersion },
    createdAt: args.createdAt,
    ...(args.commit !== undefined && { commit: args.commit }),
    ...(args.source !== undefined && { source: args.source }),
    task: args.task,
    classes,
    ...(args.thresholds !== undefined && { thresholds: args.thresholds }),
    splits,
    gaps: computeGaps(splits),
    ...(args.shard && { shard: { index: args.shard.index, count: args.shard.count } }),
    ...(sanity.length > 0 && { sanity }),
    ...(args.leakage && { leakage: args.leakage }),
  };
  return report;
}

/** Headline differences minuend - subtrahend for every GAP_PAIR whose two splits exist. */
export function computeGaps(splits: Record<string, SplitReport>): Report['gaps'] {
  const gaps: Report['gaps'] = {};
  for (const g of GAP_PAIRS) {
    if (!Object.hasOwn(splits, g.minuend) || !Object.hasOwn(splits, g.subtrahend)) continue;
    const a = splits[g.minuend];
    const b = splits[g.subtrahend];
    const out: Partial<Record<MetricName, number>> = {};
    for (const k of Object.keys(a.metrics) as MetricName[]) {
      const x = a.metrics[k];
      const y = b.metrics[k];
      if (typeof x === 'number' && typeof y === 'number') out[k] = x - y;
    }
    gaps[g.name] = out;
  }
  return gaps;
}

/** A split the tuning summary reads (chosen on one, checked on the other). */
function isTuningSplit(name: string): boolean {
  return name === TUNING_SPLITS.from || name === TUNING_SPLITS.to;
}
