// Merging reports of pieces of the same evaluation: classes are matched by name, every count is
// rebuilt from the per-example predictions and added exactly, and the report is rebuilt
// (figures, confusion, gaps, fingerprints) as if evaluated in one pass. Two kinds of pieces:
// reports of different files of the same splits (examples concatenated in the order the parts
// are given), and the shard reports of a sharded evaluation (`--shard i/n`, src/core/shard.ts:
// every shard once, the same files, examples interleaved back into file order).

import { ClassIndex } from '../classes.js';
import { UsageError } from '../errors.js';
import { accumulatorFromExamples, accumulatorFromSplit, type Accumulator } from '../metrics/accumulator.js';
import { formatShard, interleaveExamples, shardSize } from '../shard.js';
import { decodeClassCounts } from '../diagnostics/score-counts.js';
import { TUNING_BINS } from '../diagnostics/score-grid.js';
import { ScoreAccumulator } from '../diagnostics/scores.js';
import { ScoreHistograms } from '../metrics/score-histograms.js';
import { TUNING_SPLITS, tuningSummary, type TuningSummary } from '../metrics/tune-thresholds.js';
import { thresholdFor } from '../threshold.js';
import { buildReport } from './build.js';
import type { FileFingerprint, Leakage, Report, SanityFinding } from './types.js';

export interface MergeOptions {
  /** Default: the latest createdAt of the parts. */
  createdAt?: string;
  /** Default: the first part's tool version. */
  toolVersion?: string;
}

export function mergeReports(parts: Report[], origins: string[], opts: MergeOptions = {}): Report {
  if (parts.length === 0) throw new UsageError('merge needs at least one report');
  if (origins.length !== parts.length) throw new Error('mergeReports: one origin per part');
  checkOneEvaluation(parts, origins);
  return parts.some((p) => p.shard) ? mergeShards(parts, origins, opts) : mergeFiles(parts, origins, opts);
}

function checkOneEvaluation(parts: Report[], origins: string[]): void {
  const first = parts[0];
  for (let k = 1; k < parts.length; k++) {
    const p = parts[k];
    if (p.task !== first.task)
      throw new UsageError(
        `${origins[k]}: task is ${p.task} but ${origins[0]} is ${first.task}; only shards of one evaluation can be merged`,
      );
    if (!sameThresholds(p.thresholds, first.thresholds))
      throw new UsageError(
        `${origins[k]}: thresholds ${JSON.stringify(p.thresholds ?? null)} differ from ${origins[0]}'s ${JSON.stringify(first.thresholds ?? null)}`,
      );
    if (p.commit !== first.commit)
      throw new UsageError(
        `${origins[k]}: commit ${JSON.stringify(p.commit ?? null)} differs from ${origins[0]}'s ${JSON.stringify(first.commit ?? null)}`,
      );
  }
}

/** Parts that evaluated different files of the same splits: examples concatenated in part order. */
function mergeFiles(parts: Report[], origins: string[], opts: MergeOptions): Report {
  const first = parts[0];
  const index = sharedClassIndex(parts);
  const splits = new Map<string, { acc: Accumulator; files: FileFingerprint[] }>();
  // The same file in two parts of a split would count its examples twice: almost surely a mistake.
  const fileOrigin = new Map<string, number>();
  parts.forEach((p, k) => {
    for (const [name, split] of Object.entries(p.splits)) {
      for (const f of split.fingerprints.files) {
        const key = `${name}\u0000${f.sha256}`;
        const prev = fileOrigin.get(key);
        if (prev !== undefined && prev !== k)
          throw new UsageError(
            `${origins[k]}: split ${JSON.stringify(name)} was evaluated from the same file as in ${origins[prev]} (sha256 ${f.sha256.slice(0, 12)}); each shard must be merged once`,
          );
        fileOrigin.set(key, k);
      }
      const acc = splitAccumulator(p, origins[k], name, index);
      const into = splits.get(name);
      if (into) {
        into.acc.merge(acc);
        into.files.push(...split.fingerprints.files);
      } else splits.set(name, { acc, files: [...split.fingerprints.files] });
    }
  });

  const sanity = keptSanity(parts);
  const sources = new Set(parts.map((p) => p.source));
  return buildReport({
    task: first.task,
    classes: index,
    splits: [...splits].map(([name, s]) => ({ name, ...s })),
    thresholds: first.thresholds,
    commit: first.commit,
    source: sources.size === 1 ? first.source : undefined,
    createdAt: opts.createdAt ?? latest(parts),
    toolVersion: opts.toolVersion ?? first.tool.version,
    sanity,
  });
}

/** The same class list everywhere keeps its order; otherwise the union is sorted naturally. */
function sharedClassIndex(parts: Report[]): ClassIndex {
  const first = parts[0];
  const sameClasses = parts.every(
    (p) => p.classes.length === first.classes.length && p.classes.every((c, i) => c === first.classes[i]),
  );
  const index = new ClassIndex(sameClasses ? first.classes : [], sameClasses);
  if (!sameClasses) for (const p of parts) for (const c of p.classes) if (!index.has(c)) index.indexOf(c);
  return index;
}

/** The parts' findings, once each; those computed from the report itself are recomputed by buildReport. */
function keptSanity(parts: Report[]): SanityFinding[] {
  const sanity: SanityFinding[] = [];
  const seen = new Set<string>();
  for (const p of parts)
    for (const f of p.sanity ?? []) {
      const key = JSON.stringify([f.level, f.split, f.code, f.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      sanity.push(f);
    }
  return sanity;
}

/** A part's split as an accumulator in the shared index; errors name the part and split. */
function splitAccumulator(p: Report, origin: string, name: string, index: ClassIndex): Accumulator {
  try {
    return accumulatorFromSplit(p.splits[name], p.task, p.classes, index);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${origin}: split ${JSON.stringify(name)}: ${e.message}`);
    throw e;
  }
}

/** Shard reports in shard order, checked to be every shard 1..n exactly once. */
function shardsInOrder(parts: Report[], origins: string[]): { part: Report; origin: string }[] {
  const whole = parts.findIndex((p) => !p.shard);
  if (whole >= 0)
    throw new UsageError(
      `${origins[whole]} is a whole report but ${origins[parts.findIndex((p) => p.shard)]} is a shard; merge the shards of one evaluation only`,
    );
  const count = parts[0].shard!.count;
  const slots: ({ part: Report; origin: string } | undefined)[] = new Array(count);
  parts.forEach((p, k) => {
    const s = p.shard!;
    if (s.count !== count)
      throw new UsageError(
        `${origins[k]} is shard ${formatShard(s)} but ${origins[0]} is shard ${formatShard(parts[0].shard!)}; the shards of one evaluation share the count`,
      );
    const prev = slots[s.index - 1];
    if (prev) throw new UsageError(`shard ${formatShard(s)} is given twice: ${prev.origin} and ${origins[k]}`);
    slots[s.index - 1] = { part: p, origin: origins[k] };
  });
  const missing = [...slots.keys()].filter((i) => !slots[i]).map((i) => `${i + 1}/${count}`);
  if (missing.length)
    throw new UsageError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: a merge needs every shard 1/${count} to ${count}/${count} once`,
    );
  return slots as { part: Report; origin: string }[];
}

/** Every shard evaluated the same files (fingerprints) with the same model description. */
function checkSameInputs(shards: { part: Report; origin: string }[]): void {
  const { part: first, origin: firstOrigin } = shards[0];
  const names = Object.keys(first.splits).sort();
  for (const { part, origin } of shards.slice(1)) {
    const at = `${origin} (shard ${formatShard(part.shard!)})`;
    const own = Object.keys(part.splits).sort();
    if (JSON.stringify(own) !== JSON.stringify(names))
      throw new UsageError(
        `${at} has splits ${own.join(', ')} but ${firstOrigin} has ${names.join(', ')}; every shard evaluates every split`,
      );
    for (const name of names) {
      const a = JSON.stringify(first.splits[name].fingerprints.files.map((f) => [f.sha256, f.bytes]));
      const b = JSON.stringify(part.splits[name].fingerprints.files.map((f) => [f.sha256, f.bytes]));
      if (a !== b)
        throw new UsageError(
          `${at}: split ${JSON.stringify(name)} was read from other data (sha256 ${part.splits[name].fingerprints.files[0]?.sha256.slice(0, 12)}) than in ${firstOrigin} (sha256 ${first.splits[name].fingerprints.files[0]?.sha256.slice(0, 12)}); every shard must read the same files`,
        );
    }
    if (JSON.stringify(part.model ?? null) !== JSON.stringify(first.model ?? null))
      throw new UsageError(
        `${at}: model ${JSON.stringify(part.model ?? null)} differs from ${firstOrigin}'s ${JSON.stringify(first.model ?? null)}`,
      );
  }
}

/**
 * Shards of one evaluation (src/core/shard.ts): every shard 1..n once, the same files; every
 * split's examples are interleaved back into file order, so the result is the one-pass report.
 */
function mergeShards(parts: Report[], origins: string[], opts: MergeOptions): Report {
  const shards = shardsInOrder(parts, origins);
  checkSameInputs(shards);
  const first = shards[0].part;
  const index = sharedClassIndex(parts);
  const splits = Object.keys(first.splits).map((name) => {
    const total = shards.reduce((a, s) => a + s.part.splits[name].examples, 0);
    const examples = shards.map(({ part, origin }) => {
      const want = shardSize(part.shard!, total);
      if (part.splits[name].examples !== want)
        throw new UsageError(
          `${origin}: shard ${formatShard(part.shard!)} of split ${JSON.stringify(name)} has ${part.splits[name].examples} examples; expected ${want} of the ${total} in all`,
        );
      return splitAccumulator(part, origin, name, index).predictions();
    });
    const acc = accumulatorFromExamples(interleaveExamples(examples));
    return { name, acc, files: first.splits[name].fingerprints.files, scores: addedScores(shards, name, index) };
  });
  const report = buildReport({
    task: first.task,
    classes: index,
    splits,
    thresholds: first.thresholds,
    commit: first.commit,
    source: new Set(parts.map((p) => p.source)).size === 1 ? first.source : undefined,
    createdAt: opts.createdAt ?? latest(parts),
    toolVersion: opts.toolVersion ?? first.tool.version,
    sanity: keptSanity(parts),
    leakage: shardsLeakage(shards),
  });
  if (first.model) report.model = first.model;
  const tuning = shardsTuning(shards, index);
  if (tuning) report.thresholdTuning = tuning;
  return report;
}

/**
 * The tuning summary from the shards' threshold histograms of its two splits added up (each
 * example is in one shard, so the sums are the one-pass histograms), when every shard has both.
 */
function shardsTuning(shards: { part: Report; origin: string }[], index: ClassIndex): TuningSummary | undefined {
  const first = shards[0].part;
  if (first.task !== 'multilabel') return undefined;
  const C = index.size;
  const histograms = (split: string): ScoreHistograms | null => {
    if (!shards.every(({ part }) => part.splits[split]?.tuningCounts)) return null;
    // Every shard's counts added into one table (slot-major, the merged class order).
    const [pos, all] = [new Uint32Array((TUNING_BINS + 2) * C), new Uint32Array((TUNING_BINS + 2) * C)];
    let examples = 0;
    for (const { part, origin } of shards) {
      const tc = part.splits[split].tuningCounts!;
      const classes = decodeClassCounts(tc.data, tc.classes, tc.bins + 2);
      // Read reports were validated; one built in memory is checked here.
      if (typeof classes === 'string' || tc.bins !== TUNING_BINS || tc.classes !== part.classes.length)
        throw new UsageError(`${origin}: split ${JSON.stringify(split)}: tuningCounts are not the tuning summary's`);
      classes.forEach((t, i) => {
        const c = index.indexOf(part.classes[i]);
        for (let k = 0; k < t.length; k += 3) {
          pos[t[k] * C + c] += t[k + 1];
          all[t[k] * C + c] += t[k + 1] + t[k + 2];
        }
      });
      examples += tc.examples;
    }
    const h = new ScoreHistograms(TUNING_BINS);
    h.add({ bins: TUNING_BINS, cap: C, classes: C, pos, all, examples });
    return h;
  };
  const [from, to] = [histograms(TUNING_SPLITS.from), histograms(TUNING_SPLITS.to)];
  if (!from || !to) return undefined;
  const t = first.thresholds;
  const current = index.names.map((n) => thresholdFor(n, t?.default, t?.perClass));
  return tuningSummary({ from, to }, TUNING_SPLITS, current) ?? undefined;
}

/**
 * Shards of prediction files each key every row for leakage (src/pipeline/evaluate.ts), so each
 * finds the whole evaluation's and the merge keeps it, once every shard says the same: it is a
 * finding the rules gate on, so one shard's edited or missing leakage must not pass unnoticed.
 * Shards of a model run carry none (each decodes only its own examples).
 */
function shardsLeakage(shards: { part: Report; origin: string }[]): Leakage | undefined {
  const { part: first, origin: firstOrigin } = shards[0];
  const want = JSON.stringify(first.leakage ?? null);
  for (const { part, origin } of shards.slice(1)) {
    if (JSON.stringify(part.leakage ?? null) === want) continue;
    const how = !first.leakage ? 'is there but not in' : part.leakage ? 'differs from' : 'is missing but is in';
    throw new UsageError(
      `${origin} (shard ${formatShard(part.shard!)}): its leakage ${how} ${firstOrigin} (shard ${formatShard(first.shard!)}); every shard of one evaluation finds the same leakage between its splits (shards of different modelgate versions, or an edited report?)`,
    );
  }
  return first.leakage;
}

/**
 * The threshold-free metrics' counts of every shard added up (their sum is the one-pass counts:
 * each example is in one shard), when every shard has them; otherwise none.
 */
function addedScores(
  shards: { part: Report; origin: string }[],
  name: string,
  index: ClassIndex,
): ScoreAccumulator | undefined {
  if (!shards.every(({ part }) => part.splits[name].scoreCounts)) return undefined;
  const scores = new ScoreAccumulator(shards[0].part.task);
  for (const { part } of shards)
    scores.add(
      part.splits[name].scoreCounts!,
      part.classes.map((c) => index.indexOf(c)),
    );
  return scores;
}

function latest(parts: Report[]): string {
  return parts
    .map((p) => p.createdAt)
    .sort()
    .at(-1)!;
}

function sameThresholds(a: Report['thresholds'], b: Report['thresholds']): boolean {
  if (!a || !b) return a === b;
  if (a.default !== b.default) return false;
  const pa = a.perClass ?? {};
  const pb = b.perClass ?? {};
  const ka = Object.keys(pa);
  return ka.length === Object.keys(pb).length && ka.every((k) => Object.hasOwn(pb, k) && pa[k] === pb[k]);
}
