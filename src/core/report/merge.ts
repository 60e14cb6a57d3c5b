// Merging reports of shards of the same evaluation (the same splits evaluated in pieces):
// classes are matched by name, every count is rebuilt from the per-example predictions and
// added exactly, examples are concatenated in the order the parts are given, and the report
// is rebuilt (figures, confusion, gaps, fingerprints) as if evaluated in one pass.

import { ClassIndex } from '../classes.js';
import { UsageError } from '../errors.js';
import { accumulatorFromSplit, type Accumulator } from '../metrics/accumulator.js';
import { buildReport } from './build.js';
import type { FileFingerprint, Report, SanityFinding } from './types.js';

export interface MergeOptions {
  /** Default: the latest createdAt of the parts. */
  createdAt?: string;
  /** Default: the first part's tool version. */
  toolVersion?: string;
}

export function mergeReports(parts: Report[], origins: string[], opts: MergeOptions = {}): Report {
  if (parts.length === 0) throw new UsageError('merge needs at least one report');
  if (origins.length !== parts.length) throw new Error('mergeReports: one origin per part');
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

  // The same class list everywhere keeps its order; otherwise the union is sorted naturally.
  const sameClasses = parts.every(
    (p) => p.classes.length === first.classes.length && p.classes.every((c, i) => c === first.classes[i]),
  );
  const index = new ClassIndex(sameClasses ? first.classes : [], sameClasses);
  if (!sameClasses) for (const p of parts) for (const c of p.classes) if (!index.has(c)) index.indexOf(c);

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
      let acc: Accumulator;
      try {
        acc = accumulatorFromSplit(split, p.task, p.classes, index);
      } catch (e) {
        if (e instanceof UsageError) throw new UsageError(`${origins[k]}: split ${JSON.stringify(name)}: ${e.message}`);
        throw e;
      }
      const into = splits.get(name);
      if (into) {
        into.acc.merge(acc);
        into.files.push(...split.fingerprints.files);
      } else splits.set(name, { acc, files: [...split.fingerprints.files] });
    }
  });

  const sanity: SanityFinding[] = [];
  const seen = new Set<string>();
  for (const p of parts)
    for (const f of p.sanity ?? []) {
      const key = JSON.stringify([f.level, f.split, f.code, f.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      sanity.push(f);
    }
  const sources = new Set(parts.map((p) => p.source));
  return buildReport({
    task: first.task,
    classes: index,
    splits: [...splits].map(([name, s]) => ({ name, ...s })),
    thresholds: first.thresholds,
    commit: first.commit,
    source: sources.size === 1 ? first.source : undefined,
    createdAt:
      opts.createdAt ??
      parts
        .map((p) => p.createdAt)
        .sort()
        .at(-1)!,
    toolVersion: opts.toolVersion ?? first.tool.version,
    sanity,
  });
}

function sameThresholds(a: Report['thresholds'], b: Report['thresholds']): boolean {
  if (!a || !b) return a === b;
  if (a.default !== b.default) return false;
  const pa = a.perClass ?? {};
  const pb = b.perClass ?? {};
  const ka = Object.keys(pa);
  return ka.length === Object.keys(pb).length && ka.every((k) => Object.hasOwn(pb, k) && pa[k] === pb[k]);
}
