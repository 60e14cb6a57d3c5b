// The judgement simulation: pairs of real models from the same training code with different
// seeds (fixtures/judgement/<dataset>/seed-NN/<split>.csv, written by
// fixtures/scenarios/headline-source/make_headline.py), compared under the default rules. With
// no real change, the share of pass / warn / fail is the gate's false-alarm rate; with damage
// injected into the head's predictions, the share flagged is its detection rate.
// Shared by bench/judgement.bench.ts and test/scenarios/headline-judgement.test.ts.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareReports } from '../../src/core/compare/compare.js';
import { parseRules } from '../../src/core/compare/rules.js';
import type { Verdict } from '../../src/core/compare/types.js';
import { mergeReplicates } from '../../src/core/report/replicates.js';
import type { Report } from '../../src/core/report/types.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';

export const JUDGEMENT_DIR = path.resolve('fixtures/judgement');
const SPLITS = ['train', 'validation', 'test'];
const HELD_OUT = ['validation', 'test'];

/** One model's predictions: per split, the true and predicted class names, example by example. */
export interface SeedRun {
  name: string;
  splits: Record<string, { labels: string[]; preds: string[] }>;
}

export function datasets(): string[] {
  return readdirSync(JUDGEMENT_DIR).sort();
}

/** The committed seed runs of a data set, in seed order. Class names hold no comma or quote. */
export function readSeeds(dataset: string): SeedRun[] {
  const dir = path.join(JUDGEMENT_DIR, dataset);
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const splits: SeedRun['splits'] = {};
      for (const s of SPLITS) {
        const rows = readFileSync(path.join(dir, name, `${s}.csv`), 'utf8')
          .trim()
          .split(/\r?\n/)
          .slice(1);
        splits[s] = { labels: rows.map((r) => r.split(',')[0]), preds: rows.map((r) => r.split(',')[1]) };
      }
      return { name, splits };
    });
}

/** Damage injected into a head: `heldout` turns `share` of the right validation and test answers wrong; `class` makes the largest class lose `share` of the examples it found there. */
export interface Damage {
  kind: 'heldout' | 'class';
  share: number;
}

/** A copy of `run` with the damage injected; deterministic (every k-th right answer is turned). */
export function injectDamage(run: SeedRun, damage: Damage, classes: string[]): SeedRun {
  const out: SeedRun = { name: `${run.name}+${damage.kind}`, splits: { ...run.splits } };
  const counts = new Map<string, number>();
  for (const l of run.splits.validation.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const largest = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const wrong = (l: string) => classes[(classes.indexOf(l) + 1) % classes.length];
  for (const s of HELD_OUT) {
    const { labels, preds } = run.splits[s];
    const right = labels.map((l, i) => i).filter((i) => labels[i] === preds[i]);
    const eligible = damage.kind === 'heldout' ? right : right.filter((i) => labels[i] === largest);
    const turn = Math.round(eligible.length * damage.share);
    const next = [...preds];
    for (let k = 0; k < turn; k++) {
      const i = eligible[Math.floor((k * eligible.length) / turn)];
      next[i] = wrong(labels[i]);
    }
    out.splits[s] = { labels, preds: next };
  }
  return out;
}

/** Evaluates a run through the real pipeline (CSV files in a temporary folder). */
export async function reportOf(run: SeedRun, classes: string[]): Promise<Report> {
  const dir = mkdtempSync(path.join(tmpdir(), 'modelgate-judgement-'));
  try {
    const files = SPLITS.map((s) => {
      const p = path.join(dir, `${s}.csv`);
      const { labels, preds } = run.splits[s];
      writeFileSync(p, `label,pred\n${labels.map((l, i) => `${l},${preds[i]}`).join('\n')}\n`);
      return { name: s, path: p };
    });
    return await evaluatePredictionFiles(files, { classes, createdAt: '2026-01-01T00:00:00.000Z' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Tally {
  pairs: number;
  pass: number;
  warn: number;
  fail: number;
}

export interface JudgementOptions {
  /** Null pairs: 'all' pairs of seeds, or the first `n` consecutive pairs (seed i vs i + 1). */
  pairs: 'all' | number;
  damage?: Damage;
  /** Bootstrap resamples (default: the rules' default, 1,000). */
  resamples?: number;
}

/** Compares pairs of seed runs of one data set under the default rules; counts the verdicts. */
export async function judgeSeedPairs(dataset: string, opts: JudgementOptions): Promise<Tally> {
  const runs = readSeeds(dataset);
  const classes = [...new Set(runs[0].splits.train.labels)].sort();
  const reports = await Promise.all(runs.map((r) => reportOf(r, classes)));
  const pairs: [number, number][] = [];
  if (opts.pairs === 'all')
    for (let i = 0; i < runs.length; i++) for (let j = i + 1; j < runs.length; j++) pairs.push([i, j]);
  else for (let i = 0; i + 1 < runs.length && pairs.length < opts.pairs; i++) pairs.push([i, i + 1]);
  const rules = parseRules(
    opts.resamples ? { bootstrap: { resamples: opts.resamples } } : {},
    'judgement',
    'multiclass',
  );
  const tally: Tally = { pairs: 0, pass: 0, warn: 0, fail: 0 };
  for (const [i, j] of pairs) {
    const head = opts.damage ? await reportOf(injectDamage(runs[j], opts.damage, classes), classes) : reports[j];
    const v: Verdict = compareReports(reports[i], head, rules).verdict;
    tally.pairs++;
    if (v === 'pass' || v === 'warn' || v === 'fail') tally[v]++;
  }
  return tally;
}

/**
 * Seed replicates: the runs in groups of `k` consecutive seeds (0-2, 3-5, ...), each group merged
 * with `merge --replicates`; every pair of groups compared (damage, when given, injected into
 * every run of the head group). Counts the verdicts.
 */
export async function judgeReplicateGroups(
  dataset: string,
  opts: { k: number; damage?: Damage; resamples?: number },
): Promise<Tally> {
  const runs = readSeeds(dataset);
  const classes = [...new Set(runs[0].splits.train.labels)].sort();
  const reports = await Promise.all(runs.map((r) => reportOf(r, classes)));
  const groups: number[][] = [];
  for (let i = 0; i + opts.k <= runs.length; i += opts.k) groups.push(Array.from({ length: opts.k }, (_, j) => i + j));
  const merged = (seeds: number[], rs: Report[]) =>
    mergeReplicates(
      rs,
      seeds.map((s) => `seed-${s}`),
    );
  const rules = parseRules(
    opts.resamples ? { bootstrap: { resamples: opts.resamples } } : {},
    'judgement',
    'multiclass',
  );
  const tally: Tally = { pairs: 0, pass: 0, warn: 0, fail: 0 };
  for (let a = 0; a < groups.length; a++)
    for (let b = a + 1; b < groups.length; b++) {
      const base = merged(
        groups[a],
        groups[a].map((s) => reports[s]),
      );
      const headRuns = opts.damage
        ? await Promise.all(groups[b].map((s) => reportOf(injectDamage(runs[s], opts.damage!, classes), classes)))
        : groups[b].map((s) => reports[s]);
      const v = compareReports(base, merged(groups[b], headRuns), rules).verdict;
      tally.pairs++;
      if (v === 'pass' || v === 'warn' || v === 'fail') tally[v]++;
    }
  return tally;
}
