// Seed variance: when a report carries replicate runs (the same code and data, several seeds;
// src/core/report/replicates.ts), a headline change is judged on the means over the seeds and
// its interval adds the between-seed spread to the sampling interval of the bootstrap:
//   half-width = sqrt(bootstrap half-width^2 + (z * sd * sqrt(1/k_base + 1/k_head))^2)
// with sd the between-seed standard deviation pooled over the sides that have two runs or more
// and k the runs of each side (1 for a side without replicates: its one run varies by sd too).
// Both terms count the models' disagreement on the same examples in part, so the sum is
// conservative: "same code, different seed" is what it must not flag (docs/rules.md).

import type { MetricName, Report, SplitMetrics } from '../report/types.js';
import { normalQuantile } from '../stats/special.js';
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

/** The metric on the split in every run of the report: its replicates, or its one run. */
function runsOf(r: Report, split: string, metric: string): number[] {
  const one = (m: SplitMetrics | undefined) => {
    const v = m?.[metric as MetricName];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const runs = r.replicates?.map((rep) => one(rep.splits[split]?.metrics));
  if (runs && runs.every((v) => v !== null)) return runs as number[];
  const own = one(r.splits[split]?.metrics);
  return own === null ? [] : [own];
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const squares = (v: number[]) => {
  const m = mean(v);
  return v.reduce((a, x) => a + (x - m) * (x - m), 0);
};

/**
 * The change of `metric` on `split` over the seeds, or null when neither side has two runs.
 * `ci` is the bootstrap interval of the two reports' own runs (undefined: none could be had).
 */
export function seedAdjusted(
  base: Report,
  head: Report,
  split: string,
  metric: string,
  ci: Interval | undefined,
  level: number,
): SeedAdjusted | null {
  const b = runsOf(base, split, metric);
  const h = runsOf(head, split, metric);
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
