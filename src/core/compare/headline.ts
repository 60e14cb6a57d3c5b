// Headline metrics and generalization gaps: point changes from the reports, paired-bootstrap
// intervals when the examples allow, and the warn/fail limits. A fail needs the whole interval
// beyond the limit; without an interval the point estimate is held against the limit, and the
// reason says so.

import { GAP_PAIRS, LOWER_IS_BETTER, type Report } from '../report/types.js';
import { percentileInterval } from '../stats/bootstrap.js';
import type { Finding } from './classes.js';
import { pts } from './format.js';
import type { SplitBootstrap, BootMetric } from './resample.js';
import { allowedWorsening, gapThreshold, headlineThreshold, type GateRules, type Threshold } from './rules.js';
import type { GapDelta, Interval, Level, MetricDelta } from './types.js';

const EPS = 1e-12;

/** Why a split that was bootstrapped still has no interval (fewer than two resamples drew an example). */
const NO_RESAMPLE_WHY = 'too few examples for a bootstrap interval';

/** Per split: its bootstrap, or why there is none. */
export type Boots = Map<string, { boot: SplitBootstrap } | { why: string }>;

function metricOf(r: Report | null, split: string, metric: string): number | null {
  const v = r?.splits[split]?.metrics[metric as keyof Report['splits'][string]['metrics']];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function ivl(values: Float64Array, level: number): Interval | undefined {
  return percentileInterval(values, level) ?? undefined;
}

const signed = (x: number) => `${x > 0 ? '+' : ''}${pts(x)}`;
const showCi = (ci: Interval) => `[${signed(ci.lo)}, ${signed(ci.hi)}]`;
const showLimit = (allowed: number) => `${pts(allowed)} pt limit`;

/**
 * Level and reason for a change. `worseUp` = a rise is bad. `label` names the quantity;
 * `verb` describes a worsening ("fell", "widened").
 */
export function judgeChange(
  delta: number,
  base: number | null,
  worseUp: boolean,
  th: Threshold,
  ci: Interval | undefined,
  label: string,
  verb: string,
  noCiWhy: string | null,
): { level: Level; reason?: string } {
  const worsening = worseUp ? delta : -delta;
  if (!(worsening > EPS)) return { level: 'ok' };
  const text = `${label} ${verb} ${pts(Math.abs(delta))} pts${ci ? ` ${showCi(ci)}` : ''}`;
  const failAt = th.fail ? allowedWorsening(th.fail, base) : null;
  const warnAt = th.warn ? allowedWorsening(th.warn, base) : null;
  if (failAt !== null && worsening > failAt + EPS) {
    if (ci) {
      const leastWorsening = worseUp ? ci.lo : -ci.hi;
      if (leastWorsening > failAt + EPS) return { level: 'fail', reason: `${text}, beyond the ${showLimit(failAt)}` };
      return {
        level: 'warn',
        reason: `${text}: past the ${showLimit(failAt)}, but the ${Math.round(ci.level * 100)}% interval does not exclude it`,
      };
    }
    return {
      level: 'fail',
      reason: `${text}, beyond the ${showLimit(failAt)} (no interval: ${noCiWhy ?? 'no per-example data'})`,
    };
  }
  if (warnAt !== null && worsening > warnAt + EPS)
    return {
      level: 'warn',
      reason: `${text}, past the ${showLimit(warnAt)}${ci ? '' : ` (no interval: ${noCiWhy ?? 'no per-example data'})`}`,
    };
  return { level: 'ok' };
}

export function judgeHeadline(
  base: Report | null,
  head: Report,
  splits: string[],
  rules: GateRules,
  boots: Boots,
): { rows: MetricDelta[]; findings: Finding[] } {
  const rows: MetricDelta[] = [];
  const findings: Finding[] = [];
  const conf = rules.bootstrap.confidence;
  for (const split of splits) {
    const b = boots.get(split);
    for (const metric of rules.headline.metrics) {
      const hv = metricOf(head, split, metric);
      const bv = base ? metricOf(base, split, metric) : null;
      const higherIsBetter = !LOWER_IS_BETTER.has(metric);
      if (!base) {
        if (hv !== null) rows.push({ split, metric, higherIsBetter, base: null, head: hv, delta: null, level: 'ok' });
        continue;
      }
      if (hv === null && bv === null) continue;
      const row: MetricDelta = { split, metric, higherIsBetter, base: bv, head: hv, delta: null, level: 'ok' };
      rows.push(row);
      if (hv === null || bv === null) continue;
      row.delta = hv - bv;
      if (b && 'boot' in b) {
        const m = metric as BootMetric;
        const d = b.boot.head[m].map((h, r) => h - b.boot.base[m][r]);
        row.ci = ivl(d, conf);
      }
      const j = judgeChange(
        row.delta,
        bv,
        !higherIsBetter,
        headlineThreshold(rules, split, metric),
        row.ci,
        `${split} ${metric}`,
        higherIsBetter ? 'fell' : 'rose',
        b && 'why' in b ? b.why : b ? NO_RESAMPLE_WHY : null,
      );
      row.level = j.level;
      if (j.reason) {
        row.reason = j.reason;
        findings.push({ level: j.level, category: 2, rank: -Math.abs(row.delta), text: j.reason });
      }
    }
  }
  return { rows, findings };
}

/** Gap = metric(minuend split) - metric(subtrahend split), e.g. train - validation. */
function gapOf(r: Report | null, minuend: string, subtrahend: string, metric: string): number | null {
  const a = metricOf(r, minuend, metric);
  const b = metricOf(r, subtrahend, metric);
  return a === null || b === null ? null : a - b;
}

export function judgeGaps(
  base: Report | null,
  head: Report,
  rules: GateRules,
  boots: Boots,
): { rows: GapDelta[]; findings: Finding[] } {
  const rows: GapDelta[] = [];
  const findings: Finding[] = [];
  const conf = rules.bootstrap.confidence;
  for (const g of GAP_PAIRS) {
    for (const metric of rules.gaps.metrics) {
      const hv = gapOf(head, g.minuend, g.subtrahend, metric);
      const bv = base ? gapOf(base, g.minuend, g.subtrahend, metric) : null;
      // A wider gap is worse for a higher-is-better metric; for hamming loss the gap (train - val) falls as it worsens.
      const lowerBetter = LOWER_IS_BETTER.has(metric);
      const higherIsBetter = lowerBetter;
      if (hv === null && bv === null) continue;
      const row: GapDelta = { gap: g.name, metric, higherIsBetter, base: bv, head: hv, delta: null, level: 'ok' };
      rows.push(row);
      if (!base || hv === null || bv === null) continue;
      row.delta = hv - bv;
      const b1 = boots.get(g.minuend);
      const b2 = boots.get(g.subtrahend);
      let why: string | null = null;
      if (b1 && 'boot' in b1 && b2 && 'boot' in b2) {
        // The two splits are resampled independently (separate streams); resample r of each is paired base/head.
        const m = metric as BootMetric;
        const R = Math.min(b1.boot.resamples, b2.boot.resamples);
        const d = new Float64Array(R);
        for (let r = 0; r < R; r++)
          d[r] = b1.boot.head[m][r] - b2.boot.head[m][r] - (b1.boot.base[m][r] - b2.boot.base[m][r]);
        row.ci = ivl(d, conf);
        if (!row.ci) why = NO_RESAMPLE_WHY;
      } else {
        const w = [b1, b2].find((x) => x && 'why' in x) as { why: string } | undefined;
        why = w ? w.why : 'no per-example data for both splits';
      }
      const j = judgeChange(
        row.delta,
        bv,
        !higherIsBetter,
        gapThreshold(rules, g.name, metric),
        row.ci,
        `${g.name} gap in ${metric}`,
        'widened',
        why,
      );
      row.level = j.level;
      if (j.reason) {
        row.reason = j.reason;
        findings.push({ level: j.level, category: 4, rank: -Math.abs(row.delta), text: j.reason });
      }
    }
  }
  return { rows, findings };
}
