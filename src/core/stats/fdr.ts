// Multiple comparisons: Benjamini-Hochberg and Benjamini-Yekutieli adjusted p-values (q-values,
// as statsmodels' multipletests 'fdr_bh' / 'fdr_by'), and a screen for discrete tests that
// cannot reach significance (Tarone's idea, which Gilbert 2005 applied to FDR control, fitted to
// BH's thresholds).

export type FdrMethod = 'bh' | 'by';

/** Adjusted p-values in the input order: q_(i) = min_{j >= i} p_(j) * m * c(m) / j, capped at 1; c(m) = 1 (BH) or sum 1/k (BY). */
export function adjustPValues(p: readonly number[], method: FdrMethod = 'bh'): number[] {
  const m = p.length;
  if (m === 0) return [];
  for (const v of p) if (!(v >= 0 && v <= 1)) throw new RangeError(`p-value out of [0, 1]: ${v}`);
  let cm = 1;
  if (method === 'by') {
    cm = 0;
    for (let k = 1; k <= m; k++) cm += 1 / k;
  }
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const q = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r];
    running = Math.min(running, (p[i] * m * cm) / (r + 1));
    q[i] = running;
  }
  return q;
}

/**
 * The family for Benjamini-Hochberg among discrete tests, from their smallest attainable p-values
 * alone: the K tests of smallest minP (tied ones kept together), for the K under which the most
 * tests could be rejected were each to reach its minP (test i, the i-th smallest, by BH's
 * step-up threshold at its rank: minP_i <= alpha * i / K); the smallest such K. Tarone's screen
 * asks the same of Bonferroni's single threshold alpha / K, and under BH it can drop every test:
 * 600 tests at minP 0.5^12 (just above 0.05 / 205) all leave its family, though BH over them gives
 * q = 0.5^12. Like Tarone's, the family depends on the minPs only (for McNemar, on each test's
 * discordant total), on which the tests are conditional, so BH on it keeps its FDR guarantee.
 */
export function bhScreen(minP: readonly number[], alpha: number): { K: number; testable: boolean[] } {
  const m = minP.length;
  const order = minP.map((_, i) => i).sort((a, b) => minP[a] - minP[b] || a - b);
  // Test of rank i counts for every K in [i, alpha * i / minP_i]: a difference array over K.
  const diff = new Float64Array(m + 2);
  order.forEach((t, r) => {
    const i = r + 1;
    let last = minP[t] > 0 ? Math.min(m, Math.floor((alpha * i) / minP[t])) : m;
    // The division may round across an integer: settle `last` by the comparison itself.
    while (last < m && minP[t] * (last + 1) <= alpha * i) last++;
    while (last >= i && minP[t] * last > alpha * i) last--;
    if (last >= i) {
      diff[i]++;
      diff[last + 1]--;
    }
  });
  let K = 0;
  let best = 0;
  for (let k = 1, count = 0; k <= m; k++) {
    count += diff[k];
    // A family ends between two different minPs: ties go in or out together.
    const boundary = k === m || minP[order[k]] > minP[order[k - 1]];
    if (boundary && count > best) [K, best] = [k, count];
  }
  const testable = new Array<boolean>(m).fill(false);
  for (let r = 0; r < K; r++) testable[order[r]] = true;
  return { K, testable };
}
