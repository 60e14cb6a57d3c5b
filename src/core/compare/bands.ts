// The per-class judgement seen in aggregate, per judged split. One-by-one tests miss damage
// spread thinly over many classes (335 rare labels losing 15 points each, none significant on
// its own), so two aggregate views are added:
//  - direction: how many classes fell and how many rose, with an exact two-sided sign test;
//  - support bands: classes grouped by base support (default <10, 10-99, 100-999, >=1000
//    positives), the band's macro recall base -> head with an interval on its change (paired
//    bootstrap on the same examples, otherwise an unpaired adjusted Wald interval). A band that
//    fell significantly and by more than its limit warns or fails.

import type { Report } from '../report/types.js';
import { binomialUpperTail } from '../stats/binomial.js';
import { percentileInterval } from '../stats/bootstrap.js';
import { normalQuantile } from '../stats/special.js';
import type { Finding } from './classes.js';
import { pts } from './format.js';
import type { ClassUnion, PairedSplit } from './pairing.js';
import { bootstrapBandRecall } from './resample.js';
import { allowedWorsening, type GateRules } from './rules.js';
import { seedAdjusted, type RunValue } from './seeds.js';
import type { BandDelta, ClassAggregate, ClassDelta, Interval, Level } from './types.js';

const EPS = 1e-12;

/** Statuses of classes that were not judged: they are left out of the counts and the bands. */
const NOT_JUDGED = new Set(['ignored', 'added', 'removed']);

/**
 * Exact two-sided sign test: under "no systematic direction" each class that moved fell with
 * probability 1/2. Equal to scipy.stats.binomtest(k, n, 0.5).pvalue (two-sided): the sum of the
 * probabilities of outcomes no more likely than k, which for p = 1/2 is twice the smaller tail.
 */
export function signTestTwoSided(k: number, n: number): number {
  if (n === 0) return 1;
  const far = Math.max(k, n - k);
  if (2 * far === n) return 1;
  return Math.min(1, 2 * binomialUpperTail(far, n, 0.5));
}

/** Band index of a base support: band i holds supports in [edges[i-1], edges[i]). */
export function bandIndex(support: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && support >= edges[i]) i++;
  return i;
}

/**
 * Interval on a change of macro recall between two independent sets of counts (different
 * examples): Price and Bonett's (2004) adjusted Wald interval for a linear function of m
 * binomial proportions, each proportion adjusted by 2/m successes in 4/m more trials (for m = 2
 * this is Agresti-Caffo). The contrast is mean(head recalls) - mean(base recalls).
 */
export function unpairedMacroInterval(
  base: readonly { found: number; support: number }[],
  head: readonly { found: number; support: number }[],
  level: number,
): Interval {
  const m = base.length + head.length;
  const z = normalQuantile(1 - (1 - level) / 2);
  let estimate = 0;
  let variance = 0;
  const add = (sides: readonly { found: number; support: number }[], sign: number) => {
    const c = 1 / sides.length;
    for (const s of sides) {
      const n = s.support + 4 / m;
      const p = (s.found + 2 / m) / n;
      estimate += sign * c * p;
      variance += (c * c * p * (1 - p)) / n;
    }
  };
  add(head, 1);
  add(base, -1);
  const half = z * Math.sqrt(variance);
  return { lo: estimate - half, hi: estimate + half, level };
}

interface Counted {
  union: number;
  base: { found: number; support: number };
  head: { found: number; support: number };
  band: number;
}

/** Judged classes of a split with positives on both sides, each with its band. */
function countedClasses(rows: ClassDelta[], union: ClassUnion, edges: readonly number[]): Counted[] {
  const at = new Map(union.names.map((n, i) => [n, i]));
  const out: Counted[] = [];
  for (const r of rows) {
    if (NOT_JUDGED.has(r.status) || r.delta === null || !r.base || !r.head) continue;
    if (r.base.support === 0 || r.head.support === 0) continue;
    out.push({ union: at.get(r.name)!, base: r.base, head: r.head, band: bandIndex(r.base.support, edges) });
  }
  return out;
}

/** A band's macro recall in one run: the mean of its classes' tp / support (a replicate has the same data). */
function bandRun(split: string, inBand: Counted[], index: ArrayLike<number>, side: 'base' | 'head'): RunValue {
  return (splits) => {
    const tp = splits[split]?.perClass?.tp;
    if (!tp) return null;
    let sum = 0;
    for (const c of inBand) {
      const found = tp[index[c.union]];
      if (found === undefined) return null;
      sum += found / c[side].support;
    }
    return sum / inBand.length;
  };
}

/** "<10", "10–99", "≥1,000". */
export const bandName = (min: number, max: number | null): string =>
  max === null ? `≥${min.toLocaleString('en-US')}` : min === 0 ? `<${max}` : `${min}–${max - 1}`;

/** "classes with <10 positives", "labels with 10–99 positives". */
export function bandLabel(b: { min: number; max: number | null }, many: string): string {
  return `${many} with ${bandName(b.min, b.max)} positives`;
}

/**
 * Fewest positives a band needs to be judged: a percentile bootstrap of a handful of positives
 * that all moved one way is degenerate ([-100, -100]), so a band is judged only when losing all
 * its positives would be significant by the exact paired test: 0.5^n <= (1 - confidence) / 2.
 */
export function minBandPositives(confidence: number): number {
  return Math.ceil(Math.log2(2 / (1 - confidence)) - 1e-9);
}

function judgeBand(band: BandDelta, rules: GateRules, split: string, many: string): { level: Level; reason?: string } {
  const th = rules.classes.bands!.maxDrop;
  const drop = -band.delta;
  if (band.tooFew) return { level: 'ok' };
  // Only a significant fall counts: the whole interval below 0.
  if (!band.ci || !(band.ci.hi < 0) || !(drop > EPS)) return { level: 'ok' };
  const failAt = th.fail ? allowedWorsening(th.fail, band.base) : null;
  const warnAt = th.warn ? allowedWorsening(th.warn, band.base) : null;
  const limit =
    failAt !== null && drop > failAt + EPS ? failAt : warnAt !== null && drop > warnAt + EPS ? warnAt : null;
  if (limit === null) return { level: 'ok' };
  const signed = (x: number) => `${x > 0 ? '+' : ''}${pts(x)}`;
  const ci = `[${signed(band.ci.lo)}, ${signed(band.ci.hi)}]`;
  return {
    level: limit === failAt ? 'fail' : 'warn',
    reason: `${split}: ${bandLabel(band, many)} (${band.classes}) lost ${pts(drop)} pts of macro recall ${ci}, beyond the ${pts(limit)} pt limit`,
  };
}

/** Per band, the interval on its change and how it was made. */
function bandIntervals(
  counted: Counted[],
  nBands: number,
  pairedSplit: PairedSplit | null,
  split: string,
  rules: GateRules,
  unpairedWhy: string,
): { cis: (Interval | undefined)[]; how: string } {
  const conf = rules.bootstrap.confidence;
  if (pairedSplit && rules.bootstrap.resamples >= 2) {
    const bandOf = new Int32Array(pairedSplit.classes).fill(-1);
    for (const c of counted) bandOf[c.union] = c.band;
    const values = bootstrapBandRecall(
      pairedSplit,
      split,
      rules.bootstrap.resamples,
      rules.bootstrap.seed,
      bandOf,
      nBands,
    );
    return {
      cis: values.map((v) => percentileInterval(v, conf) ?? undefined),
      how: 'paired bootstrap over the examples (the resamples of the headline intervals)',
    };
  }
  const cis = Array.from({ length: nBands }, (_, b) => {
    const inBand = counted.filter((c) => c.band === b);
    if (!inBand.length) return undefined;
    return unpairedMacroInterval(
      inBand.map((c) => c.base),
      inBand.map((c) => c.head),
      conf,
    );
  });
  return { cis, how: `unpaired adjusted Wald interval on the class counts (${unpairedWhy})` };
}

/**
 * Aggregates the per-class rows of every split in `splits`. `paired.get(split)` is the split's
 * paired examples or null, `why.get(split)` why not.
 */
export function judgeClassAggregates(
  base: Report,
  head: Report,
  union: ClassUnion,
  splits: string[],
  rows: ClassDelta[],
  paired: Map<string, PairedSplit | null>,
  why: Map<string, string>,
  rules: GateRules,
): { aggregates: ClassAggregate[]; findings: Finding[] } {
  const many = base.task === 'multilabel' ? 'labels' : 'classes';
  const edges = rules.classes.bands?.edges ?? [];
  const aggregates: ClassAggregate[] = [];
  const findings: Finding[] = [];
  for (const split of splits) {
    const counted = countedClasses(
      rows.filter((r) => r.split === split),
      union,
      edges,
    );
    const fell = counted.filter((c) => c.head.found / c.head.support < c.base.found / c.base.support).length;
    const rose = counted.filter((c) => c.head.found / c.head.support > c.base.found / c.base.support).length;
    const agg: ClassAggregate = {
      split,
      fell,
      rose,
      unchanged: counted.length - fell - rose,
      signP: signTestTwoSided(fell, fell + rose),
      bands: [],
      interval: '',
      oneBand: false,
    };
    aggregates.push(agg);
    if (!rules.classes.bands || counted.length === 0) continue;
    const nBands = edges.length + 1;
    const populated = new Set(counted.map((c) => c.band));
    // One band is the macro recall itself, which the headline judges: no second verdict on it.
    agg.oneBand = populated.size < 2;
    if (agg.oneBand) continue;
    const { cis, how } = bandIntervals(
      counted,
      nBands,
      paired.get(split) ?? null,
      split,
      rules,
      why.get(split) ?? 'no per-example data',
    );
    agg.interval = how;
    for (let b = 0; b < nBands; b++) {
      const inBand = counted.filter((c) => c.band === b);
      if (!inBand.length) continue;
      const mean = (f: (c: Counted) => number) => inBand.reduce((s, c) => s + f(c), 0) / inBand.length;
      const band: BandDelta = {
        min: b === 0 ? 0 : edges[b - 1],
        max: b < edges.length ? edges[b] : null,
        classes: inBand.length,
        positives: inBand.reduce((s, c) => s + c.base.support, 0),
        base: mean((c) => c.base.found / c.base.support),
        head: mean((c) => c.head.found / c.head.support),
        delta: 0,
        level: 'ok',
      };
      band.delta = band.head - band.base;
      if (band.positives < minBandPositives(rules.bootstrap.confidence)) band.tooFew = true;
      if (cis[b]) band.ci = cis[b];
      // Over the seeds, like every other change: means over the runs, the interval widened by their spread.
      const seeds = seedAdjusted(
        base,
        head,
        bandRun(split, inBand, union.inBase, 'base'),
        bandRun(split, inBand, union.inHead, 'head'),
        cis[b],
        rules.bootstrap.confidence,
      );
      if (seeds) {
        Object.assign(band, { base: seeds.base, head: seeds.head, delta: seeds.delta });
        if (seeds.ci) band.ci = seeds.ci;
      }
      const judged = judgeBand(band, rules, split, many);
      band.level = judged.level;
      if (judged.reason) {
        band.reason = judged.reason;
        findings.push({ level: judged.level, category: 3, rank: band.delta, text: judged.reason });
      }
      agg.bands.push(band);
    }
  }
  return { aggregates, findings };
}
