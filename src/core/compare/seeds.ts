// Seed variance: when a report carries replicate runs (the same code and data, several seeds;
// src/core/report/replicates.ts), a change (a headline metric, a generalization gap, a class's
// recall) is judged on the means over the seeds and its interval adds the between-seed spread
// to the sampling interval of the two reports' own runs (bootstrap, or the class's test):
//   half-width = sqrt(bootstrap half-width^2 + (z * sd * sqrt(1/k_base + 1/k_head))^2)
// with sd the between-seed standard deviation pooled over the sides that have two runs or more
// and k the runs of each side (1 for a side without replicates: its one run varies by sd too).
// Both terms count the models' disagreement on the same examples in part, so the sum is
// conservative: "same code, different seed" is what it must not flag (docs/rules.md).

import type { MetricName, Replicate, Report } from '../report/types.js';
import { normalCdf, normalQuantile } from '../stats/special.js';
import type { Interval } from './types.js';

export interface SeedSpread {
  /** Runs behind each side's figure. */
  base: number;
  head: number;
  /** Between-seed standard deviation of the metric, pooled over the sides with two runs or more. */
  sd: number;
}

export interface SeedAdjusted {
  base: number;
  head: number;
  delta: number;
  ci?: Interval;
  seeds: SeedSpread;
}

/** The splits of one run: the report's own (a SplitReport is one), or a replicate's. */
export type RunSplits = Replicate['splits'];

/** A quantity of one run (a metric, a gap, a class's recall), or null when the run lacks it. */
export type RunValue = (splits: RunSplits) => number | null;

/** `metric` on `split`. */
export function metricRun(split: string, metric: string): RunValue {
  return (splits) => {
    const v = splits[split]?.metrics[metric as MetricName];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
}

/** The quantity in every run of the report: its replicates (when all have it), or its one run. */
export function runValues(r: Report, value: RunValue): number[] {
  const runs = r.replicates?.map((rep) => value(rep.splits));
  if (runs && runs.every((v) => v !== null)) return runs as number[];
  const own = value(r.splits);
  return own === null ? [] : [own];
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const squares = (v: number[]) => {
  const m = mean(v);
  return v.reduce((a, x) => a + (x - m) * (x - m), 0);
};

/**
 * The change of a quantity over the seeds (`baseValue` of each base run, `headValue` of each
 * head run: they differ when the sides index classes differently), or null when neither side
 * has two runs. `ci` is the sampling interval of the two reports' own runs (undefined: none).
 */
export function seedAdjusted(
  base: Report,
  head: Report,
  baseValue: RunValue,
  headValue: RunValue,
  ci: Interval | undefined,
  level: number,
): SeedAdjusted | null {
  const b = runValues(base, baseValue);
  const h = runValues(head, headValue);
  if (b.length === 0 || h.length === 0 || (b.length < 2 && h.length < 2)) return null;
  const df = b.length - 1 + (h.length - 1);
  const sd = Math.sqrt((squares(b) + squares(h)) / df);
  const delta = mean(h) - mean(b);
  const out: SeedAdjusted = { base: mean(b), head: mean(h), delta, seeds: { base: b.length, head: h.length, sd } };
  if (!ci) return out;
  const own = (h[0] ?? 0) - (b[0] ?? 0);
  const seedHalf = normalQuantile(1 - (1 - level) / 2) * sd * Math.sqrt(1 / b.length + 1 / h.length);
  const widen = (half: number) => Math.sqrt(half * half + seedHalf * seedHalf);
  out.ci = { lo: delta - widen(own - ci.lo), hi: delta + widen(ci.hi - own), level: ci.level };
  return out;
}

/**
 * One-sided p-values of a seed-adjusted change read off its interval as a normal one: `down`
 * for "the quantity fell", `up` for "it rose" (each side's half-width is z standard errors).
 * How a test judged by p-values (per-class recall) takes the between-seed spread.
 */
export function seedPValues(s: SeedAdjusted & { ci: Interval }): { down: number; up: number } {
  const z = normalQuantile(1 - (1 - s.ci.level) / 2);
  const p = (toward: number, half: number) => (half > 0 ? normalCdf(-toward / (half / z)) : toward > 0 ? 0 : 1);
  return { down: p(-s.delta, s.ci.hi - s.delta), up: p(s.delta, s.delta - s.ci.lo) };
}
