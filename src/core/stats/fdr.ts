// Multiple comparisons: Benjamini-Hochberg and Benjamini-Yekutieli adjusted p-values (q-values,
// as statsmodels' multipletests 'fdr_bh' / 'fdr_by'), and Tarone's screen for discrete tests
// that cannot reach significance whatever the data (Gilbert 2005 applied it to FDR control).

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
 * Tarone's number of testable hypotheses for discrete tests: the smallest K such that at most
 * K hypotheses have a minimum attainable p-value <= alpha / K. Hypotheses whose minimum
 * attainable p exceeds alpha / K can never be rejected and are left out of the family (which
 * keeps them from diluting the others). Returns K and which hypotheses are testable.
 */
export function taroneScreen(minP: readonly number[], alpha: number): { K: number; testable: boolean[] } {
  const m = minP.length;
  if (m === 0) return { K: 0, testable: [] };
  const sorted = [...minP].sort((a, b) => a - b);
  // count(K) = #{minP <= alpha/K} is non-increasing in K; find the smallest K with count(K) <= K.
  let K = 1;
  let count = m;
  for (; K <= m; K++) {
    const t = alpha / K;
    while (count > 0 && sorted[count - 1] > t) count--;
    if (count <= K) break;
  }
  const t = alpha / K;
  return { K, testable: minP.map((v) => v <= t) };
}
