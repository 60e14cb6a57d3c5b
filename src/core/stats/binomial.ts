// Exact binomial tails and the one-sided McNemar test built on them. Terms are summed
// relative to the first one (a stable ratio recurrence) and scaled by an exact log pmf, so
// n in the millions neither overflows nor loses precision in small p-values.

import { logBinomPmf } from './special.js';

/** Stop summing once a term is this small relative to the running sum (below double precision). */
const NEGLIGIBLE = 1e-17;

/** Sum of P(X = k) over k = from, from+1, ... (up) or from, from-1, ... (down), for X ~ Bin(n, p). */
function tailFrom(from: number, n: number, p: number, up: boolean): number {
  const logFirst = logBinomPmf(from, n, p);
  if (logFirst === -Infinity) return 0;
  const odds = p / (1 - p);
  let term = 1;
  let sum = 1;
  if (up) {
    for (let k = from; k < n; k++) {
      term *= ((n - k) / (k + 1)) * odds;
      sum += term;
      if (term < sum * NEGLIGIBLE) break;
    }
  } else {
    for (let k = from; k > 0; k--) {
      term *= k / (n - k + 1) / odds;
      sum += term;
      if (term < sum * NEGLIGIBLE) break;
    }
  }
  return Math.exp(logFirst + Math.log(sum));
}

/**
 * P(X >= k) for X ~ Binomial(n, p). Exact: above the mean the tail is summed directly (full
 * relative precision for tiny values); at or below the mean it is 1 - P(X <= k-1), which is >= ~1/2.
 */
export function binomialUpperTail(k: number, n: number, p = 0.5): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0)
    throw new RangeError('binomial tail needs integer k and n >= 0');
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (k > n * p) return Math.min(1, tailFrom(k, n, p, true));
  return Math.max(0, 1 - tailFrom(k - 1, n, p, false));
}

/**
 * Exact one-sided McNemar test for "head is worse": b = pairs base got right and head got
 * wrong, c = the reverse. Under no change each discordant pair is b or c with probability 1/2,
 * so p = P(X >= b | X ~ Bin(b + c, 1/2)) (= scipy.stats.binomtest(b, b+c, 0.5, alternative='greater')).
 * With no discordant pairs there is no evidence: p = 1.
 */
export function mcnemarOneSided(b: number, c: number): number {
  return binomialUpperTail(b, b + c, 0.5);
}

/** The smallest p-value McNemar can give with `positives` pairs: all of them lost (b = n, c = 0). */
export function mcnemarMinP(positives: number): number {
  return Math.pow(0.5, positives);
}
