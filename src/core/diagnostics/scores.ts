// Threshold-free metrics from the scores, streamed in memory O(classes x bins): per class, the
// positives' and negatives' scores are counted in SCORE_BINS fixed bins of the log-odds
// log2(s / (1 - s)), so millions of examples cost no more than a thousand. ROC-AUC and average
// precision are then exact for the binned scores; the difference to the exact values is bounded
// from the histograms (ties inside a bin), and the bound is reported next to each value.
// Log-loss and the expected calibration error need no histogram and are exact.
// Indices are those of one shared ClassIndex; `result` maps them to the report's class order.

import type { ScoreMetrics, Task } from '../report/types.js';
import type { ScoreSink } from '../metrics/score-histograms.js';

/**
 * Histogram bins per class, equal width on a base-2 log-odds scale over [-LOG2_ODDS_RANGE,
 * LOG2_ODDS_RANGE] (0.015 wide: the odds change by about 1% from one bin to the next).
 */
export const SCORE_BINS = 2400;
export const LOG2_ODDS_RANGE = 18;
/** Calibration bins (Guo et al. 2017 use 15). */
export const ECE_BINS = 15;
/** Log-loss clips probabilities to [EPS, 1 - EPS], as scikit-learn 1.2 does for float64 (eps="auto"). */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

const SCALE = SCORE_BINS / (2 * LOG2_ODDS_RANGE);
const BITS = new Float64Array(1);
const HIGH = new Uint32Array(BITS.buffer, 4, 1);

/**
 * log2(x) for x > 0, read from the float's bits: the exponent plus the linear interpolation of
 * the mantissa (exact at powers of two, at most 0.086 off between them, and increasing), so no
 * Math.log per score: the hot loop of the threshold-free metrics (`npm run bench -- diagnostics`).
 */
function fastLog2(x: number): number {
  BITS[0] = x;
  const hi = HIGH[0];
  return (hi >>> 20) - 1023 + (hi & 0xfffff) / 0x100000;
}

/** Below this, every score is in bin 0 (its log2-odds are below -19): no bits to read. */
const FLOOR = 2 ** -19;

/**
 * The bin of a probability: log2-odds bins, the ends (0, 1 and beyond the range) in the outer
 * bins. log2(1 - s) for s <= 0.5 is -2s on fastLog2's interpolation (1 - s lies in [0.5, 1)),
 * so each score costs one read of its bits; the two halves mirror each other around s = 0.5.
 */
export function scoreBin(s: number): number {
  if (s < FLOOR) return 0;
  if (s >= 1) return SCORE_BINS - 1;
  const z = s <= 0.5 ? fastLog2(s) + 2 * s : -(fastLog2(1 - s) + 2 * (1 - s));
  const b = Math.floor((z + LOG2_ODDS_RANGE) * SCALE);
  return b < 0 ? 0 : b >= SCORE_BINS ? SCORE_BINS - 1 : b;
}

const clip = (p: number) => (p < LOG_LOSS_EPS ? LOG_LOSS_EPS : p > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : p);

/**
 * A ScoreSink (the readers' and the model runner's one way of handing over scores): per example,
 * its scores one by one, then its true classes.
 */
export class ScoreAccumulator implements ScoreSink {
  /**
   * Positives' and negatives' counts, bin-major ([bin * cap + class]): most scores of an example
   * fall in a few bins, so consecutive classes touch neighbouring counts (4x faster than class-major).
   */
  private pos = new Uint32Array(0);
  private neg = new Uint32Array(0);
  private cap = 0;
  /** Class indices that were scored (1) and so have a histogram. */
  private scored = new Uint8Array(0);
  private isTrue = new Uint8Array(0);
  private pendingClass = new Uint32Array(64);
  private pendingValue = new Float64Array(64);
  private pending = 0;
  /** One more than the largest class index scored so far. */
  private top = 0;
  private logLossSum = 0;
  /**
   * Multi-label: the product of the likelihoods not yet in logLossSum. One Math.log per few hundred
   * scores instead of one per score (`npm run bench -- speed`), and more accurate than a running sum
   * of 48.5M logs: on the bench's 100k x 485 data, 4e-15 from an exact sum (math.fsum) instead of 1e-10.
   */
  private likelihood = 1;
  /** Multiclass: examples; multi-label: label decisions (example x scored class). */
  private decisions = 0;
  private readonly eceCount = new Float64Array(ECE_BINS);
  private readonly eceConf = new Float64Array(ECE_BINS);
  private readonly eceHit = new Float64Array(ECE_BINS);
  /** Examples that came with scores. */
  examples = 0;
  /** Why no threshold-free metric can be given (set once; later scores are ignored). */
  problem: string | null = null;

  /** Set once the split's task is known, before its first example ends. */
  constructor(public task: Task = 'multiclass') {}

  score(cls: number, value: number): void {
    if (this.problem !== null) return;
    if (!(value >= 0 && value <= 1)) {
      this.problem = `scores are not probabilities (a score of ${value} is outside [0, 1])`;
      return;
    }
    if (this.pending === this.pendingClass.length) {
      this.pendingClass = grown(this.pendingClass, this.pending * 2);
      this.pendingValue = grown(this.pendingValue, this.pending * 2);
    }
    this.pendingClass[this.pending] = cls;
    this.pendingValue[this.pending++] = value;
    if (cls >= this.top) this.top = cls + 1;
  }

  /** score() n times, inlined: this runs once per score of every example (`npm run bench -- speed`). */
  scores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): void {
    if (this.problem !== null) return;
    while (this.pending + n > this.pendingClass.length) {
      this.pendingClass = grown(this.pendingClass, this.pendingClass.length * 2);
      this.pendingValue = grown(this.pendingValue, this.pendingValue.length * 2);
    }
    const { pendingClass, pendingValue } = this;
    let k = this.pending;
    let top = this.top;
    for (let j = 0; j < n; j++) {
      const c = cls ? cls[j] : j;
      const value = values[from + j];
      if (!(value >= 0 && value <= 1)) {
        this.score(c, value);
        return;
      }
      pendingClass[k] = c;
      pendingValue[k++] = value;
      if (c >= top) top = c + 1;
    }
    this.pending = k;
    this.top = top;
  }

  end(truth: ArrayLike<number>, from: number, to: number): void {
    const n = this.pending;
    this.pending = 0;
    if (this.problem !== null || n === 0) return;
    let top = this.top;
    for (let i = from; i < to; i++) if (truth[i] >= top) top = truth[i] + 1;
    this.reserve(top);
    for (let i = from; i < to; i++) this.isTrue[truth[i]] = 1;
    if (this.task === 'multiclass') this.endMulticlass(n);
    else this.endMultilabel(n);
    for (let i = from; i < to; i++) this.isTrue[truth[i]] = 0;
    this.examples++;
  }

  private reserve(classes: number): void {
    if (classes <= this.cap) return;
    const cap = Math.max(classes, this.cap * 2);
    const restride = (a: Uint32Array) => {
      const b = new Uint32Array(cap * SCORE_BINS);
      for (let bin = 0; bin < SCORE_BINS; bin++) b.set(a.subarray(bin * this.cap, (bin + 1) * this.cap), bin * cap);
      return b;
    };
    this.pos = restride(this.pos);
    this.neg = restride(this.neg);
    this.scored = grown(this.scored, cap);
    this.isTrue = grown(this.isTrue, cap);
    this.cap = cap;
  }

  /** One class's histogram (positives or negatives) by bin. */
  private column(h: Uint32Array, c: number): Float64Array {
    const out = new Float64Array(SCORE_BINS);
    for (let bin = 0; bin < SCORE_BINS; bin++) out[bin] = h[bin * this.cap + c];
    return out;
  }

  private endMulticlass(n: number): void {
    const { pos, neg, isTrue, scored, pendingClass, pendingValue, cap } = this;
    let best = -1;
    let bestTrue = 0;
    let sum = 0;
    let pt = 0;
    for (let k = 0; k < n; k++) {
      const c = pendingClass[k];
      const s = pendingValue[k];
      scored[c] = 1;
      const at = scoreBin(s) * cap + c;
      if (isTrue[c]) {
        pos[at]++;
        pt = s;
      } else neg[at]++;
      // The first highest score is the prediction, as the readers take it.
      if (s > best) {
        best = s;
        bestTrue = isTrue[c];
      }
      sum += clip(s);
    }
    this.logLossSum -= Math.log(clip(pt) / sum);
    this.calibrate(best, bestTrue);
    this.decisions++;
  }

  /** Every score of the example; long, with the fields in locals, as it runs once per score (`npm run bench -- speed`). */
  private endMultilabel(n: number): void {
    const { pos, neg, isTrue, scored, pendingClass, pendingValue, cap, eceCount, eceConf, eceHit } = this;
    let likelihood = this.likelihood;
    for (let k = 0; k < n; k++) {
      const c = pendingClass[k];
      const s = pendingValue[k];
      scored[c] = 1;
      const y = isTrue[c];
      const at = scoreBin(s) * cap + c;
      if (y) pos[at]++;
      else neg[at]++;
      likelihood *= y ? clip(s) : 1 - clip(s);
      // Each factor is >= LOG_LOSS_EPS, so the product stays a normal double until its log is taken.
      if (likelihood < 1e-280) {
        this.logLossSum -= Math.log(likelihood);
        likelihood = 1;
      }
      // calibrate(s, y), inlined.
      const b = s * ECE_BINS >= ECE_BINS - 1 ? ECE_BINS - 1 : Math.floor(s * ECE_BINS);
      eceCount[b]++;
      eceConf[b] += s;
      eceHit[b] += y;
    }
    this.likelihood = likelihood;
    this.decisions += n;
  }

  private calibrate(conf: number, hit: number): void {
    const b = Math.min(Math.floor(conf * ECE_BINS), ECE_BINS - 1);
    this.eceCount[b]++;
    this.eceConf[b] += conf;
    this.eceHit[b] += hit;
  }

  /**
   * The metrics in the report's class order (`perm[i]` = report index of ClassIndex index i;
   * `C` classes) for a split of `examples` examples, or null when not every example had scores
   * (`problem` then says why, unless none had any).
   */
  result(perm: Uint32Array, C: number, examples: number): ScoreMetrics | null {
    if (this.problem !== null || this.examples === 0) return null;
    if (this.examples !== examples) {
      this.problem = `only ${this.examples} of ${examples} examples came with scores`;
      return null;
    }
    const rocAuc = new Array<number | null>(C).fill(null);
    const rocAucBound = new Array<number | null>(C).fill(null);
    const averagePrecision = new Array<number | null>(C).fill(null);
    const averagePrecisionBound = new Array<number | null>(C).fill(null);
    for (let c = 0; c < this.scored.length; c++) {
      if (!this.scored[c]) continue;
      const r = classCurves(this.column(this.pos, c), this.column(this.neg, c));
      const at = perm[c];
      rocAuc[at] = r.auc;
      rocAucBound[at] = r.aucBound;
      averagePrecision[at] = r.ap;
      averagePrecisionBound[at] = r.apBound;
    }
    let ece = 0;
    for (let b = 0; b < ECE_BINS; b++)
      if (this.eceCount[b] > 0) ece += Math.abs(this.eceHit[b] - this.eceConf[b]) / this.decisions;
    return {
      bins: SCORE_BINS,
      rocAuc,
      rocAucBound,
      averagePrecision,
      averagePrecisionBound,
      rocAucMacro: mean(rocAuc),
      averagePrecisionMacro: mean(averagePrecision),
      logLoss: (this.logLossSum - Math.log(this.likelihood)) / this.decisions,
      ece,
      eceBins: ECE_BINS,
    };
  }
}

function grown<T extends Float64Array | Uint32Array | Uint8Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a);
  return next;
}

function mean(values: (number | null)[]): number | null {
  let s = 0;
  let k = 0;
  for (const v of values)
    if (v !== null) {
      s += v;
      k++;
    }
  return k ? s / k : null;
}

/**
 * ROC-AUC and average precision of one class from its histograms, with their binning bounds.
 * AUC: pairs (positive, negative) in one bin count one half; the exact value may count each 0 or
 * 1, so |error| <= sum_b pos_b * neg_b / (2 P N). AP (scikit-learn's step sum): the binned value
 * gives every positive of a bin the precision at the bin's lower edge; the exact precision of a
 * positive inside the bin lies in [(T0+1)/(T0+1+F1), T1/(T1+F0)] (T0, F0 above the bin; T1, F1
 * down to its lower edge), which bounds the error bin by bin.
 */
export function classCurves(
  pos: ArrayLike<number>,
  neg: ArrayLike<number>,
): { auc: number | null; aucBound: number | null; ap: number | null; apBound: number | null } {
  let P = 0;
  let N = 0;
  for (let b = 0; b < pos.length; b++) {
    P += pos[b];
    N += neg[b];
  }
  let auc: number | null = null;
  let aucBound: number | null = null;
  if (P > 0 && N > 0) {
    let below = 0;
    let sum = 0;
    let ties = 0;
    for (let b = 0; b < pos.length; b++) {
      sum += pos[b] * (below + 0.5 * neg[b]);
      ties += pos[b] * neg[b];
      below += neg[b];
    }
    auc = Math.min(1, sum / (P * N));
    aucBound = (0.5 * ties) / (P * N);
  }
  if (P === 0) return { auc, aucBound, ap: null, apBound: null };
  let T0 = 0;
  let F0 = 0;
  let ap = 0;
  let apBound = 0;
  for (let b = pos.length - 1; b >= 0; b--) {
    const T1 = T0 + pos[b];
    const F1 = F0 + neg[b];
    if (pos[b] > 0) {
      const v = T1 / (T1 + F1);
      const lo = (T0 + 1) / (T0 + 1 + F1);
      const hi = T1 / (T1 + F0);
      ap += (pos[b] / P) * v;
      apBound += (pos[b] / P) * Math.max(hi - v, v - lo);
    }
    T0 = T1;
    F0 = F1;
  }
  // Sums of rounded fractions may pass 1 by an ulp; the report's schema holds fractions.
  return { auc, aucBound, ap: Math.min(1, ap), apBound: Math.min(1, apBound) };
}
