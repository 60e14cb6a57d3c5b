// The diagnostics' noise on real models: pairs of the judgement bench's seed models with their
// scores (fixtures/judgement-scores/<dataset>/seed-NN/{validation,test}.csv, written by
// fixtures/judgement-scores/make_seed_scores.py), compared under the default rules. With no real
// change, the share of pairs whose comment shows a threshold-free metric as worse (or a ranking
// drop) is the diagnostics' false-alarm rate; with damage injected into the head's scores, the
// share that shows one is its detection rate. Shared by bench/judgement.bench.ts and
// test/scenarios/diagnostics-noise.test.ts.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareReports } from '../../src/core/compare/compare.js';
import { parseRules } from '../../src/core/compare/rules.js';
import type { Comparison } from '../../src/core/compare/types.js';
import type { Report, Task } from '../../src/core/report/types.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';

export const SCORES_DIR = path.resolve('fixtures/judgement-scores');
const SPLITS = ['validation', 'test'];

export function scoredDatasets(): string[] {
  return readdirSync(SCORES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function seedsOf(dataset: string): string[] {
  return readdirSync(path.join(SCORES_DIR, dataset)).sort();
}

/**
 * Damage to a head's scores on both held-out splits, every k-th example (k = 1 / share):
 * `rows`: the example's scores move one class along (its top score now on the wrong class: a
 * confident mistake, which worsens every threshold-free metric); `sharpen`: every example's
 * scores squared and renormalized (multiclass) or its logits doubled (multi-label): the same
 * ranking per class, overconfident probabilities (log-loss and calibration worsen).
 */
export interface ScoreDamage {
  kind: 'rows' | 'sharpen';
  share: number;
}

function damaged(csv: string, damage: ScoreDamage, task: Task): string {
  const lines = csv.trimEnd().split('\n');
  const every = Math.max(1, Math.round(1 / damage.share));
  return (
    lines
      .map((line, i) => {
        if (i === 0) return line;
        const cells = line.split(',');
        const scores = cells.slice(2).map(Number);
        let out: number[];
        if (damage.kind === 'rows') {
          if ((i - 1) % every !== 0) return line;
          out = scores.map((_, j) => scores[(j + scores.length - 1) % scores.length]);
        } else if (task === 'multiclass') {
          const sq = scores.map((s) => s * s);
          const sum = sq.reduce((a, b) => a + b, 0);
          out = sq.map((s) => s / sum);
        } else out = scores.map((s) => (s * s) / (s * s + (1 - s) * (1 - s)));
        return [...cells.slice(0, 2), ...out.map((v) => String(Number(v.toPrecision(6))))].join(',');
      })
      .join('\n') + '\n'
  );
}

function taskOf(dataset: string): Task {
  const head = readFileSync(path.join(SCORES_DIR, dataset, seedsOf(dataset)[0], 'test.csv'), 'utf8').split('\n')[0];
  return head.split(',')[1] === 'labels' ? 'multilabel' : 'multiclass';
}

/** Evaluates one seed's files through the real pipeline (a damaged copy in a temporary folder). */
export async function scoredReport(dataset: string, seed: string, damage?: ScoreDamage): Promise<Report> {
  const dir = path.join(SCORES_DIR, dataset, seed);
  const task = taskOf(dataset);
  if (!damage)
    return evaluatePredictionFiles(
      SPLITS.map((s) => ({ name: s, path: path.join(dir, `${s}.csv`) })),
      { createdAt: '2026-01-01T00:00:00.000Z', task },
    );
  const tmp = mkdtempSync(path.join(tmpdir(), 'modelgate-noise-'));
  try {
    const files = SPLITS.map((s) => {
      const p = path.join(tmp, `${s}.csv`);
      writeFileSync(p, damaged(readFileSync(path.join(dir, `${s}.csv`), 'utf8'), damage, task));
      return { name: s, path: p };
    });
    return await evaluatePredictionFiles(files, { createdAt: '2026-01-01T00:00:00.000Z', task });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** What a comparison's comment shows of the threshold-free metrics: the lines of worse metrics and of ranking drops. */
export function shownWorse(cmp: Comparison): string[] {
  const d = cmp.diagnostics;
  if (!d) return [];
  return [
    ...d.scores.filter((r) => r.worse).map((r) => `${r.split} ${r.metric}`),
    ...(d.rankingDrops ?? []).map((r) => `${r.split} ranking ${r.className}`),
  ];
}

export interface NoiseTally {
  pairs: number;
  /** Pairs whose comment shows at least one worse threshold-free metric or ranking drop. */
  shown: number;
  /** Pairs per metric line shown ("test log_loss": 3). */
  byLine: Map<string, number>;
}

/**
 * Every pair of seeds (or the first `pairs` consecutive ones, seed i against i + 1), the head
 * damaged when `damage` is given; counts the pairs whose comment shows a worse metric.
 */
export async function diagnosticsNoise(
  dataset: string,
  opts: { pairs: 'all' | number; damage?: ScoreDamage },
): Promise<NoiseTally> {
  const seeds = seedsOf(dataset);
  const reports = await Promise.all(seeds.map((s) => scoredReport(dataset, s)));
  const pairs: [number, number][] = [];
  if (opts.pairs === 'all')
    for (let i = 0; i < seeds.length; i++) for (let j = i + 1; j < seeds.length; j++) pairs.push([i, j]);
  else for (let i = 0; i + 1 < seeds.length && pairs.length < opts.pairs; i++) pairs.push([i, i + 1]);
  const rules = parseRules({}, 'noise', taskOf(dataset));
  const tally: NoiseTally = { pairs: 0, shown: 0, byLine: new Map() };
  for (const [i, j] of pairs) {
    const head = opts.damage ? await scoredReport(dataset, seeds[j], opts.damage) : reports[j];
    const lines = shownWorse(compareReports(reports[i], head, rules));
    tally.pairs++;
    if (lines.length) tally.shown++;
    for (const l of new Set(lines.map((x) => x.replace(/ ranking .*/, ' ranking drop'))))
      tally.byLine.set(l, (tally.byLine.get(l) ?? 0) + 1);
  }
  return tally;
}
