// Threshold-free metrics from the scores, streamed in memory O(classes x bins): per class, the
// positives' and negatives' scores are counted in SCORE_BINS fixed bins of the log-odds
// log(s / (1 - s)), so millions of examples cost no more than a thousand. ROC-AUC and average
// precision are then exact for the binned scores; the difference to the exact values is bounded
// from the histograms (ties inside a bin), and the bound is reported next to each value.
// Log-loss and the expected calibration error need no histogram and are exact.
// Indices are those of one shared ClassIndex; `result` maps them to the report's class order.

import type { ScoreMetrics, Task } from '../report/types.js';
import type { ExampleBatch } from '../metrics/batch.js';

/** Histogram bins per class, equal width on the log-odds scale over [-LOGIT_RANGE, LOGIT_RANGE]. */
export const SCORE_BINS = 2400;
export const LOGIT_RANGE = 12;
/** Calibration bins (Guo et al. 2017 use 15). */
export const ECE_BINS = 15;
/** Log-loss clips probabilities to [EPS, 1 - EPS], as scikit-learn 1.2 does for float64 (eps="auto"). */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

const SCALE = SCORE_BINS / (2 * LOGIT_RANGE);

/** The bin of a probability: log-odds bins, the ends (0, 1 and beyond the range) in the outer bins. */
export function scoreBin(s: number): number {
  if (s <= 0) return 0;
  if (s >= 1) return SCORE_BINS - 1;
  const b = Math.floor((Math.log(s / (1 - s)) + LOGIT_RANGE) * SCALE);
  return b < 0 ? 0 : b >= SCORE_BINS ? SCORE_BINS - 1 : b;
}

const clip = (p: number) => (p < LOG_LOSS_EPS ? LOG_LOSS_EPS : p > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : p);

export class ScoreAccumulator {
  private pos = new Uint32Array(0);
  private neg = new Uint32Array(0);
  /** Class indices that have a score column (1) and so a histogram. */
  private scored = new Uint8Array(0);
  private logLossSum = 0;
  /** Multiclass: examples; multi-label: label decisions (example x scored class). */
  private decisions = 0;
  private readonly eceCount = new Float64Array(ECE_BINS);
  private readonly eceConf = new Float64Array(ECE_BINS);
  private readonly eceHit = new Float64Array(ECE_BINS);
  private examples = 0;
  private withScores = 0;
  /** Why no threshold-free metric can be given (set once, then updates are ignored). */
  problem: string | null = null;

  constructor(readonly task: Task) {}

  private ensure(classes: Uint32Array): void {
    let size = this.scored.length;
    for (const c of classes) if (c + 1 > size) size = c + 1;
    if (size > this.scored.length) {
      const grow = <T extends Uint32Array | Uint8Array>(a: T, make: (n: number) => T, per: number): T => {
        const b = make(size * per);
        b.set(a);
        return b;
      };
      this.pos = grow(this.pos, (n) => new Uint32Array(n), SCORE_BINS);
      this.neg = grow(this.neg, (n) => new Uint32Array(n), SCORE_BINS);
      this.scored = grow(this.scored, (n) => new Uint8Array(n), 1);
    }
    for (const c of classes) this.scored[c] = 1;
  }

  update(batch: ExampleBatch): void {
    this.examples += batch.n;
    const sc = batch.scores;
    if (this.problem !== null || !sc || batch.n === 0) return;
    this.withScores += batch.n;
    const { classes, values } = sc;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!(v >= 0 && v <= 1)) {
        this.problem = `scores are not probabilities (a score of ${v} is outside [0, 1])`;
        return;
      }
    }
    this.ensure(classes);
    if (batch.task === 'multiclass') this.updateMulticlass(batch.n, batch.truth, classes, values);
    else this.updateMultilabel(batch.n, batch.truthOffsets, batch.truthIndices, classes, values);
  }

  private updateMulticlass(n: number, truth: Uint32Array, classes: Uint32Array, v: ArrayLike<number>): void {
    const w = classes.length;
    const { pos, neg } = this;
    for (let i = 0; i < n; i++) {
      const t = truth[i];
      const row = i * w;
      let best = -1;
      let bi = 0;
      let sum = 0;
      let pt = 0;
      for (let k = 0; k < w; k++) {
        const s = v[row + k];
        const c = classes[k];
        const at = c * SCORE_BINS + scoreBin(s);
        if (c === t) {
          pos[at]++;
          pt = s;
        } else neg[at]++;
        if (s > best) {
          best = s;
          bi = k;
        }
        sum += clip(s);
      }
      this.logLossSum -= Math.log(clip(pt) / sum);
      this.calibrate(best, classes[bi] === t ? 1 : 0);
    }
    this.decisions += n;
  }

  private updateMultilabel(
    n: number,
    offsets: Uint32Array,
    indices: Uint32Array,
    classes: Uint32Array,
    v: ArrayLike<number>,
  ): void {
    const w = classes.length;
    const { pos, neg } = this;
    const truthOf = new Uint8Array(this.scored.length);
    for (let i = 0; i < n; i++) {
      for (let j = offsets[i]; j < offsets[i + 1]; j++) if (indices[j] < truthOf.length) truthOf[indices[j]] = 1;
      const row = i * w;
      for (let k = 0; k < w; k++) {
        const s = v[row + k];
        const c = classes[k];
        const y = truthOf[c];
        const at = c * SCORE_BINS + scoreBin(s);
        if (y) pos[at]++;
        else neg[at]++;
        this.logLossSum -= Math.log(y ? clip(s) : 1 - clip(s));
        this.calibrate(s, y);
      }
      for (let j = offsets[i]; j < offsets[i + 1]; j++) if (indices[j] < truthOf.length) truthOf[indices[j]] = 0;
    }
    this.decisions += n * w;
  }

  private calibrate(conf: number, hit: number): void {
    const b = Math.min(Math.floor(conf * ECE_BINS), ECE_BINS - 1);
    this.eceCount[b]++;
    this.eceConf[b] += conf;
    this.eceHit[b] += hit;
  }

  /**
   * The metrics in the report's class order (`perm[i]` = report index of ClassIndex index i;
   * `C` classes), or null when no example had scores. Throws nothing: `problem` says why not.
   */
  result(perm: Uint32Array, C: number): ScoreMetrics | null {
    if (this.problem !== null || this.withScores === 0) return null;
    if (this.withScores !== this.examples) {
      this.problem = `only ${this.withScores} of ${this.examples} examples came with scores`;
      return null;
    }
    const rocAuc = new Array<number | null>(C).fill(null);
    const rocAucBound = new Array<number | null>(C).fill(null);
    const averagePrecision = new Array<number | null>(C).fill(null);
    const averagePrecisionBound = new Array<number | null>(C).fill(null);
    for (let c = 0; c < this.scored.length; c++) {
      if (!this.scored[c]) continue;
      const r = classCurves(
        this.pos.subarray(c * SCORE_BINS, (c + 1) * SCORE_BINS),
        this.neg.subarray(c * SCORE_BINS, (c + 1) * SCORE_BINS),
      );
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
      logLoss: this.logLossSum / this.decisions,
      ece,
      eceBins: ECE_BINS,
    };
  }
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
  pos: Uint32Array,
  neg: Uint32Array,
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
    auc = sum / (P * N);
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
  return { auc, aucBound, ap, apBound };
}
