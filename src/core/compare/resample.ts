// Paired bootstrap of the headline metrics of one split: every resample reweights examples
// (the same weight for base and head: that is what makes it paired) and recomputes both
// models' metrics from weighted per-class tp/fp/fn. The metric definitions follow the report:
// precision of a class never predicted is 0, macro and weighted averages run over the classes
// with support > 0 (in the resample), hamming loss divides by each report's own class count.
// A resample that drew no example is undefined (NaN) and left out of the intervals.

import { GroupBuilder, poissonBootstrap, pointEstimate, type WeightedGroups } from '../stats/bootstrap.js';
import { Rng } from '../stats/rng.js';
import { METRIC_NAMES, type MetricName } from '../report/types.js';
import type { SplitExamples } from '../report/types.js';
import type { PairedSplit } from './pairing.js';

/** The bootstrap computes every report metric. */
export const BOOT_METRICS = METRIC_NAMES;
export type BootMetric = MetricName;
const M = BOOT_METRICS.length;

/**
 * Accumulator layout for U union classes. Each (example, class) pair where the class is in the
 * truth or either prediction is one event with flags 1 = truth, 2 = base predicts, 4 = head
 * predicts; the accumulator counts weighted events per class and flag (stride 8), from which
 * both sides' tp/fp/fn follow. Then three scalars: examples, exact matches of base and of head.
 * (Hamming errors are the total fp + fn, so they need no counter of their own.)
 */
function layout(U: number) {
  return { N: 8 * U, bExact: 8 * U + 1, hExact: 8 * U + 2, width: 8 * U + 3 };
}

/** Groups the split's examples by their events (multiclass: by truth, base and head prediction). */
export function buildGroups(p: PairedSplit): WeightedGroups {
  const U = p.classes;
  const L = layout(U);
  const gb = new GroupBuilder(L.width);
  if (p.task === 'multiclass') {
    const numericKey = U * U * U < Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < p.n; i++) {
      const t = p.truth[i];
      const pb = p.base[i];
      const ph = p.head[i];
      const key = numericKey ? (t * U + pb) * U + ph : `${t},${pb},${ph}`;
      gb.add(key, (push) => {
        // Exact matches and N are sums of these events in the multiclass case (see sideMetrics).
        push(8 * t + (1 | (pb === t ? 2 : 0) | (ph === t ? 4 : 0)), 1);
        if (pb !== t) push(8 * pb + (2 | (ph === pb ? 4 : 0)), 1);
        if (ph !== t && ph !== pb) push(8 * ph + 4, 1);
      });
    }
    return gb.build();
  }
  const flags = new Uint8Array(U);
  const touched: number[] = [];
  for (let i = 0; i < p.n; i++) {
    const mark = (idx: Uint32Array, s: number, e: number, bit: number) => {
      for (let j = s; j < e; j++) {
        const k = idx[j];
        if (!flags[k]) touched.push(k);
        flags[k] |= bit;
      }
    };
    mark(p.truth, p.truthOffsets[i], p.truthOffsets[i + 1], 1);
    mark(p.base, p.baseOffsets[i], p.baseOffsets[i + 1], 2);
    mark(p.head, p.headOffsets[i], p.headOffsets[i + 1], 4);
    touched.sort((a, b) => a - b);
    let key = '';
    for (const k of touched) key += `${k}:${flags[k]},`;
    const events = touched.map((k) => 8 * k + flags[k]);
    for (const k of touched) flags[k] = 0;
    touched.length = 0;
    gb.add(key, (push) => {
      push(L.N, 1);
      let bErr = 0;
      let hErr = 0;
      for (const e of events) {
        const f = e & 7;
        push(e, 1);
        bErr += (f & 1) ^ ((f >> 1) & 1);
        hErr += (f & 1) ^ ((f >> 2) & 1);
      }
      if (bErr === 0) push(L.bExact, 1);
      if (hErr === 0) push(L.hExact, 1);
    });
  }
  return gb.build();
}

const div = (a: number, b: number) => (b > 0 ? a / b : 0);

// Event flags (1 truth, 2 base, 4 head) that make a tp / fp / fn of each side.
const SIDES = {
  base: { tp: [3, 7], fp: [2, 6], fn: [1, 5] },
  head: { tp: [5, 7], fp: [4, 6], fn: [1, 3] },
} as const;

/** Metrics of one side from the event counts; `out[off + m]` in BOOT_METRICS order. */
function sideMetrics(
  acc: Float64Array,
  U: number,
  side: (typeof SIDES)['base' | 'head'],
  N: number,
  exact: number | null,
  hamClasses: number,
  out: Float64Array,
  off: number,
): void {
  const [t1, t2] = side.tp,
    [p1, p2] = side.fp,
    [n1, n2] = side.fn;
  let TP = 0,
    FP = 0,
    FN = 0;
  let pMacro = 0,
    rMacro = 0,
    fMacro = 0,
    k = 0;
  let pW = 0,
    rW = 0,
    fW = 0,
    S = 0;
  for (let c = 0, o = 0; c < U; c++, o += 8) {
    const tp = acc[o + t1] + acc[o + t2],
      fp = acc[o + p1] + acc[o + p2],
      fn = acc[o + n1] + acc[o + n2];
    TP += tp;
    FP += fp;
    FN += fn;
    const support = tp + fn;
    if (support > 0) {
      const pr = div(tp, tp + fp);
      const rc = tp / support;
      const f1 = div(2 * tp, 2 * tp + fp + fn);
      pMacro += pr;
      rMacro += rc;
      fMacro += f1;
      k++;
      pW += support * pr;
      rW += support * rc;
      fW += support * f1;
      S += support;
    }
  }
  // Multiclass: every example has one truth, so N = total support and exact matches = total tp.
  const n = exact === null ? TP + FN : N;
  const ex = exact === null ? TP : exact;
  // A resample that drew no example has no metrics: NaN, which percentileInterval leaves out
  // (scoring it 0 for both sides would read as "no change" and pull every interval towards 0).
  if (n === 0) {
    out.fill(NaN, off, off + M);
    return;
  }
  out[off + 0] = div(ex, n); // accuracy (multiclass)
  out[off + 1] = div(ex, n); // subset accuracy (multi-label)
  out[off + 2] = div(FP + FN, n * hamClasses); // hamming loss: every fp and fn is one wrong label
  out[off + 3] = div(TP, TP + FP);
  out[off + 4] = div(TP, TP + FN);
  out[off + 5] = div(2 * TP, 2 * TP + FP + FN);
  out[off + 6] = k ? pMacro / k : 0;
  out[off + 7] = k ? rMacro / k : 0;
  out[off + 8] = k ? fMacro / k : 0;
  out[off + 9] = div(pW, S);
  out[off + 10] = div(rW, S);
  out[off + 11] = div(fW, S);
}

function statisticFor(p: PairedSplit, baseClasses: number, headClasses: number) {
  const U = p.classes;
  const L = layout(U);
  const ml = p.task === 'multilabel';
  return (acc: Float64Array, out: Float64Array) => {
    const N = acc[L.N];
    sideMetrics(acc, U, SIDES.base, N, ml ? acc[L.bExact] : null, baseClasses, out, 0);
    sideMetrics(acc, U, SIDES.head, N, ml ? acc[L.hExact] : null, headClasses, out, M);
  };
}

export interface SplitBootstrap {
  resamples: number;
  /** Per metric, the metric's value in each resample, for base and for head. */
  base: Record<BootMetric, Float64Array>;
  head: Record<BootMetric, Float64Array>;
  /** The metrics recomputed on the data itself (weights 1), base and head. */
  point: { base: Record<BootMetric, number>; head: Record<BootMetric, number> };
}

/**
 * Runs the paired Poisson bootstrap of one split. `baseClasses` / `headClasses` are each
 * report's class count (the hamming loss denominator). The stream is seeded by (seed, split).
 */
export function bootstrapSplit(
  p: PairedSplit,
  split: string,
  resamples: number,
  seed: number,
  baseClasses: number,
  headClasses: number,
): SplitBootstrap {
  const groups = buildGroups(p);
  const stat = statisticFor(p, baseClasses, headClasses);
  const values = poissonBootstrap(groups, resamples, new Rng(seed, `split:${split}`), 2 * M, stat);
  const point = pointEstimate(groups, 2 * M, stat);
  const pick = <T>(f: (i: number) => T) =>
    Object.fromEntries(BOOT_METRICS.map((m, i) => [m, f(i)])) as Record<BootMetric, T>;
  return {
    resamples,
    base: pick((i) => values[i]),
    head: pick((i) => values[M + i]),
    point: { base: pick((i) => point[i]), head: pick((i) => point[M + i]) },
  };
}

/**
 * One report's own examples as a PairedSplit whose base and head are the same predictions, in
 * the union class space (`toUnion` maps the report's class indices). Lets the unpaired bootstrap
 * reuse the paired machinery: each side is resampled on its own.
 */
export function selfPaired(ex: SplitExamples, toUnion: Uint32Array, classes: number): PairedSplit {
  const map = (a: Uint32Array) => a.map((i) => toUnion[i]);
  if (ex.task === 'multiclass') {
    const pred = map(ex.pred);
    return { task: 'multiclass', n: ex.n, classes, truth: map(ex.truth), base: pred, head: pred };
  }
  const pred = map(ex.predIndices);
  return {
    task: 'multilabel',
    n: ex.n,
    classes,
    truthOffsets: ex.truthOffsets,
    truth: map(ex.truthIndices),
    baseOffsets: ex.predOffsets,
    base: pred,
    headOffsets: ex.predOffsets,
    head: pred,
  };
}

/**
 * Unpaired bootstrap of one split whose two reports saw different examples: base and head are
 * resampled independently (own seeded streams), so resample r of the difference head − base
 * draws from the sampling distribution of both sides.
 */
export function bootstrapUnpaired(
  base: PairedSplit,
  head: PairedSplit,
  split: string,
  resamples: number,
  seed: number,
  baseClasses: number,
  headClasses: number,
): SplitBootstrap {
  const b = bootstrapSplit(base, `${split}/base`, resamples, seed, baseClasses, headClasses);
  const h = bootstrapSplit(head, `${split}/head`, resamples, seed, baseClasses, headClasses);
  return { resamples, base: b.base, head: h.head, point: { base: b.point.base, head: h.point.head } };
}

// --- Support bands (the per-class judgement in aggregate, ./bands.ts) ---

/**
 * Paired bootstrap of the macro recall of groups of classes ("support bands"): `bandOf[u]` is the
 * band of union class u, or -1 for a class outside every band. Runs on the same groups and the
 * same seeded stream as bootstrapSplit, so a band's interval comes from the very resamples the
 * headline intervals use. Returns, per band, head minus base macro recall in every resample; a
 * resample that drew no positive of any class of a band is NaN for that band (left out).
 */
export function bootstrapBandRecall(
  p: PairedSplit,
  split: string,
  resamples: number,
  seed: number,
  bandOf: Int32Array,
  bands: number,
): Float64Array[] {
  const groups = buildGroups(p);
  const sumBase = new Float64Array(bands);
  const sumHead = new Float64Array(bands);
  const count = new Float64Array(bands);
  const stat = (acc: Float64Array, out: Float64Array) => {
    sumBase.fill(0);
    sumHead.fill(0);
    count.fill(0);
    for (let c = 0, o = 0; c < p.classes; c++, o += 8) {
      const band = bandOf[c];
      if (band < 0) continue;
      // Truth flag 1 set: 1 = both missed, 3 = base found, 5 = head found, 7 = both found.
      const support = acc[o + 1] + acc[o + 3] + acc[o + 5] + acc[o + 7];
      if (support === 0) continue;
      sumBase[band] += (acc[o + 3] + acc[o + 7]) / support;
      sumHead[band] += (acc[o + 5] + acc[o + 7]) / support;
      count[band]++;
    }
    for (let b = 0; b < bands; b++) out[b] = count[b] ? (sumHead[b] - sumBase[b]) / count[b] : NaN;
  };
  return poissonBootstrap(groups, resamples, new Rng(seed, `split:${split}`), bands, stat);
}
