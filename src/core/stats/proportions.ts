// Unpaired intervals on proportions: Wilson score for one proportion and Newcombe's hybrid
// score interval (method 10 of Newcombe 1998) for a difference of two, plus the one-sided
// p-value obtained by inverting that interval, so unpaired tests can join the FDR family; and a
// Wald interval on a paired difference.

import { normalCdf, normalQuantile } from './special.js';

/** A two-sided interval at confidence `level` (structurally the comparison's Interval). */
export interface Interval {
  lo: number;
  hi: number;
  level: number;
}

/** Wilson score interval for x successes in n trials at two-sided level `level` (as statsmodels' proportion_confint(method='wilson')). */
export function wilsonInterval(x: number, n: number, level = 0.95): Interval {
  const z = normalQuantile(1 - (1 - level) / 2);
  const [lo, hi] = wilsonAt(x, n, z);
  return { lo, hi, level };
}

function wilsonAt(x: number, n: number, z: number): [number, number] {
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const dist = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [center - dist, center + dist];
}

/** Bounds of Newcombe's interval on p2 - p1 at critical value z. */
function newcombeAt(x1: number, n1: number, x2: number, n2: number, z: number): [number, number] {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilsonAt(x1, n1, z);
  const [l2, u2] = wilsonAt(x2, n2, z);
  const d = p2 - p1;
  return [d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)];
}

/**
 * Newcombe hybrid score interval on p2 - p1 (p1 = x1/n1 is the base, p2 = x2/n2 the head).
 * Both n must be > 0.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, level = 0.95): Interval {
  const z = normalQuantile(1 - (1 - level) / 2);
  const [lo, hi] = newcombeAt(x1, n1, x2, n2, z);
  return { lo, hi, level };
}

/**
 * One-sided p-value for "p2 < p1" that agrees with the interval: the alpha at which the
 * one-sided Newcombe upper bound (critical value z = Phi^-1(1 - alpha)) just reaches 0.
 * So p <= alpha exactly when the one-sided (1 - alpha) Newcombe interval lies below zero.
 * p = 1/2 when the proportions are equal, > 1/2 when the head is higher.
 */
export function newcombeOneSidedP(x1: number, n1: number, x2: number, n2: number): number {
  const d = x2 / n2 - x1 / n1;
  if (d === 0) return 0.5;
  // upper(z) rises with z from d at z = 0; lower(z) falls from d. Find z* where the bound crosses 0.
  const bound =
    d < 0 ? (z: number) => newcombeAt(x1, n1, x2, n2, z)[1] : (z: number) => -newcombeAt(x1, n1, x2, n2, z)[0];
  let lo = 0;
  let hi = 40;
  if (bound(hi) < 0) return d < 0 ? normalCdf(-hi) : 1 - normalCdf(-hi);
  for (let i = 0; i < 100 && hi - lo > 1e-13; i++) {
    const mid = 0.5 * (lo + hi);
    if (bound(mid) < 0) lo = mid;
    else hi = mid;
  }
  const z = 0.5 * (lo + hi);
  return d < 0 ? normalCdf(-z) : 1 - normalCdf(-z);
}

/**
 * Wald interval on a paired difference of proportions over the same n examples, (c - b) / n,
 * from the discordant counts (b: only the first had it, c: only the second). Used only to add
 * the between-seed spread to (src/core/compare/seeds.ts); the paired test itself is McNemar's.
 */
export function pairedWaldInterval(b: number, c: number, n: number, level = 0.95): Interval {
  const z = normalQuantile(1 - (1 - level) / 2);
  const d = (c - b) / n;
  const se = Math.sqrt(Math.max(0, b + c - (b - c) ** 2 / n)) / n;
  return { lo: d - z * se, hi: d + z * se, level };
}

/** The smallest p-value newcombeOneSidedP can give for a class of `support` on both sides: all found before, none now. */
export function newcombeMinP(support: number): number {
  return support > 0 ? newcombeOneSidedP(support, support, 0, support) : 1;
}
