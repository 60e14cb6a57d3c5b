// Threshold-free metrics from the scores, streamed in memory O(classes x bins): per class, the
// positives' and negatives' scores are counted in SCORE_BINS fixed bins, logarithmic in s near 0
// and in 1 - s near 1 (see scoreBin), so millions of examples cost no more than a thousand. ROC-AUC and average
// precision are then exact for the binned scores; the difference to the exact values is bounded
// from the histograms (ties inside a bin), and the bound is reported next to each value.
// Log-loss and the expected calibration error need no histogram and are exact.
// Indices are those of one shared ClassIndex; `result` maps them to the report's class order.

import type { ScoreCounts, ScoreMetrics, Task } from '../report/types.js';
import { ExampleScores, type ScoreSink } from '../metrics/score-histograms.js';
import { decodeClassCounts, encodeClassCounts } from './score-counts.js';

/**
 * Histogram bins per class, on the binary logarithm of the score below 1/2 and of its complement
 * above (the log-odds' two asymptotes): OCTAVE_BINS per octave from 2^-LOW_OCTAVES to 1/2 (the
 * middle bin), mirrored above on 1 - s; the first and last bins take the rest (0 and 1 included). A bin is
 * about 1.1% of the score (or of 1 - s) wide, and is read from the score with a few integer
 * operations: this is the hot loop of the threshold-free metrics (`npm run bench -- diagnostics`).
 */
export const OCTAVE_BINS = 64;
/** 2^-LOW_OCTAVES is the lowest score (or 1 - s) with bins of its own: 19 octaves up to 1/2. */
export const LOW_OCTAVES = 20;
/** The middle bin, 1/2's. */
const MIDDLE = (LOW_OCTAVES - 1) * OCTAVE_BINS;
export const SCORE_BINS = 2 * MIDDLE + 1;
/** Calibration bins (Guo et al. 2017 use 15). */
export const ECE_BINS = 15;
/** Log-loss clips probabilities to [EPS, 1 - EPS], as scikit-learn 1.2 does for float64 (eps="auto"). */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/**
 * The bin of a probability, monotone in it (as the AUC and AP bounds need). u = min(s, 1 - s)
 * (1 - s is exact for s >= 1/2) is read as the integer q = u * 2^31: its leading one gives the
 * octave, the 6 bits after it the bin inside the octave (q >= 2^11 keeps 11 bits of u).
 */
export function scoreBin(s: number): number {
  // Branch-free (selects by arithmetic): scores of 0 mixed with others would mispredict (3x slower).
  // Literals, not the constants above (V8 reads module constants from memory: 1.4x slower here):
  // 2048 = 2^(31 - LOW_OCTAVES) (below it, the first bin), 20 = LOW_OCTAVES, 64 = OCTAVE_BINS,
  // 2432 = 2 * MIDDLE (the tests check the ends and the middle).
  const high = ((s > 0.5) as unknown as number) | 0;
  // 1 - 2s and s + (1 - 2s) = 1 - s are exact for s >= 1/2.
  let q = ((s + high * (1 - 2 * s)) * 2147483648) | 0;
  q += (2048 - q) & ((q - 2048) >> 31);
  const k = Math.clz32(q);
  // The 7 bits from the leading one, less the leading one: the bin in the octave.
  const lo = ((20 - k) << 6) + ((q << k) >>> 25) - 64;
  return lo + high * (2432 - 2 * lo);
}

/** 1 or 0 as an int32: a select without a branch (`+b` or `Number(b)` compile to one). */
const bit = (b: boolean): number => (b as unknown as number) | 0;

/** The calibration bin of a score in [0, 1] (1 in the last). */
function eceBin(s: number): number {
  return Math.min((s * ECE_BINS) | 0, ECE_BINS - 1);
}

/** 2^ECE_LANE_BITS copies of the calibration sums: consecutive scores add to different ones. */
const ECE_LANE_BITS = 2;
const ECE_LANE_MASK = (1 << ECE_LANE_BITS) - 1;
/** Classes whose histograms result() reads at once (see columns). */
const TILE = 64;

/** p clipped to [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS], without a branch (0 and 1 are common scores). */
function clipped(p: number): number {
  return p + bit(p < LOG_LOSS_EPS) * (LOG_LOSS_EPS - p) + bit(p > 1 - LOG_LOSS_EPS) * (1 - LOG_LOSS_EPS - p);
}

/**
 * A ScoreSink (the readers' and the model runner's one way of handing over scores). Each score is
 * counted at once as if its class were not true (`all`, the likelihood of a negative, the
 * calibration bins); end() moves the few true classes' scores to the positives. So a score costs
 * a bin and a few adds, and an example O(its true classes) more (`npm run bench -- diagnostics`).
 */
export class ScoreAccumulator implements ScoreSink {
  /**
   * Positives' and all examples' counts, bin-major ([bin * cap + class]): most scores of an example
   * fall in a few bins, so consecutive classes touch neighbouring counts (4x faster than class-major).
   */
  private pos = new Uint32Array(0);
  private all = new Uint32Array(0);
  private cap = 0;
  /** The current example's scores. */
  private readonly example = new ExampleScores();
  /** Multiclass, the current example: the sum of its clipped scores, its first highest score and class. */
  private sum = 0;
  private best = -1;
  private bestClass = -1;
  private logLossSum = 0;
  /**
   * The product of the likelihoods not yet in logLossSum. One Math.log per few hundred scores
   * instead of one per score (`npm run bench -- speed`), and more accurate than a running sum of
   * 48.5M logs: on the bench's 100k x 485 data, 4e-15 from an exact sum (math.fsum) instead of 1e-10.
   */
  private likelihood = 1;
  /** Multiclass: examples; multi-label: label decisions (example x scored class). */
  private decisions = 0;
  /** Per calibration bin b and lane l, at (b << ECE_LANE_BITS) | l: scores, their sum, true ones. */
  private readonly eceCount = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  private readonly eceConf = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  private readonly eceHit = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  /** Examples that came with scores. */
  examples = 0;
  /** Why no threshold-free metric can be given (set once; later scores are ignored). */
  problem: string | null = null;

  /** Set once the split's task is known, before its first score. */
  constructor(public task: Task = 'multiclass') {}

  /** The scores of one example (see ScoreSink). */
  scores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): void {
    if (this.problem !== null) return;
    this.reserve(this.example.set(values, from, n, cls));
    if (n === 0) return;
    const bad =
      this.task === 'multilabel' ? this.labelScores(values, from, n, cls) : this.classScores(values, from, n, cls);
    if (bad >= 0) this.problem = `scores are not probabilities (a score of ${values[from + bad]} is outside [0, 1])`;
  }

  /**
   * Multi-label: each score is a decision, counted as a negative here. Branch-free where the data
   * decides (bins, clipping), and the calibration sums spread over lanes (consecutive scores add
   * to different ones), as this runs once per score. Returns the index of a score outside [0, 1], or -1.
   */
  private labelScores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): number {
    const { all, cap, eceCount, eceConf } = this;
    let likelihood = this.likelihood;
    for (let j = 0; j < n; j++) {
      // | 0: an int32 index (a Uint32Array element may not be one for V8, and is slower).
      const c = cls ? cls[j] | 0 : j;
      const s = values[from + j];
      if (!(s >= 0 && s <= 1)) return j;
      all[scoreBin(s) * cap + c]++;
      likelihood *= 1 - clipped(s);
      // Each factor is >= LOG_LOSS_EPS, so the product stays a normal double until its log is taken.
      if (likelihood < 1e-280) {
        this.logLossSum -= Math.log(likelihood);
        likelihood = 1;
      }
      const e = (eceBin(s) << ECE_LANE_BITS) | (j & ECE_LANE_MASK);
      eceCount[e]++;
      eceConf[e] += s;
    }
    this.likelihood = likelihood;
    this.decisions += n;
    return -1;
  }

  /** Multiclass: the sum of the clipped scores and the first highest; see labelScores. */
  private classScores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): number {
    const { all, cap } = this;
    let sum = 0;
    let best = -1;
    let bestClass = -1;
    for (let j = 0; j < n; j++) {
      const c = cls ? cls[j] | 0 : j;
      const s = values[from + j];
      if (!(s >= 0 && s <= 1)) return j;
      all[scoreBin(s) * cap + c]++;
      sum += clipped(s);
      // The first highest score is the prediction, as the readers take it.
      if (s > best) {
        best = s;
        bestClass = c;
      }
    }
    this.sum = sum;
    this.best = best;
    this.bestClass = bestClass;
    return -1;
  }

  end(truth: ArrayLike<number>, from: number, to: number): void {
    if (this.problem === null && this.example.n > 0) {
      if (this.task === 'multiclass') this.endMulticlass(truth, from, to);
      else this.endMultilabel(truth, from, to);
      this.examples++;
    }
    this.example.n = 0;
  }

  private endMulticlass(truth: ArrayLike<number>, from: number, to: number): void {
    let pt = 0;
    let bestTrue = 0;
    for (let i = from; i < to; i++) {
      const t = truth[i];
      const s = this.example.of(t);
      if (s !== s) continue;
      this.pos[scoreBin(s) * this.cap + t]++;
      pt = s;
      if (t === this.bestClass) bestTrue = 1;
    }
    this.logLossSum -= Math.log(clipped(pt) / this.sum);
    this.calibrate(this.best, bestTrue);
    this.decisions++;
  }

  /** The true classes' scores were counted as negatives: now as positives. */
  private endMultilabel(truth: ArrayLike<number>, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const t = truth[i];
      const s = this.example.of(t);
      if (s !== s) continue;
      this.pos[scoreBin(s) * this.cap + t]++;
      const p = clipped(s);
      // Factors within [LOG_LOSS_EPS, 1 / LOG_LOSS_EPS]: the product is checked both ways.
      this.likelihood *= p / (1 - p);
      if (this.likelihood < 1e-280 || this.likelihood > 1e280) {
        this.logLossSum -= Math.log(this.likelihood);
        this.likelihood = 1;
      }
      this.eceHit[eceBin(s) << ECE_LANE_BITS]++;
    }
  }

  /** Class indices the histograms have room for (every scored class index is below it). */
  classSlots(): number {
    return this.cap;
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
    this.all = restride(this.all);
    this.cap = cap;
  }

  /**
   * Each class's positives and negatives by bin, TILE classes at a time: the counts are bin-major,
   * so reading one class's column alone would touch a cache line per bin (2,433 per class).
   */
  private *columns(): Generator<{ c: number; pos: Float64Array; neg: Float64Array }> {
    const pos = new Float64Array(TILE * SCORE_BINS);
    const neg = new Float64Array(TILE * SCORE_BINS);
    for (let c0 = 0; c0 < this.cap; c0 += TILE) {
      const width = Math.min(TILE, this.cap - c0);
      for (let bin = 0; bin < SCORE_BINS; bin++)
        for (let k = 0, at = bin * this.cap + c0; k < width; k++, at++) {
          pos[k * SCORE_BINS + bin] = this.pos[at];
          neg[k * SCORE_BINS + bin] = this.all[at] - this.pos[at];
        }
      for (let k = 0; k < width; k++) {
        const [from, to] = [k * SCORE_BINS, (k + 1) * SCORE_BINS];
        yield { c: c0 + k, pos: pos.subarray(from, to), neg: neg.subarray(from, to) };
      }
    }
  }

  private calibrate(conf: number, hit: number): void {
    const b = eceBin(conf) << ECE_LANE_BITS;
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
    // A class never scored has empty histograms, so null curves (as the arrays start).
    for (const { c, pos, neg } of this.columns()) {
      if (c >= perm.length) break;
      const r = classCurves(pos, neg);
      const at = perm[c];
      rocAuc[at] = r.auc;
      rocAucBound[at] = r.aucBound;
      averagePrecision[at] = r.ap;
      averagePrecisionBound[at] = r.apBound;
    }
    let ece = 0;
    for (let b = 0; b < ECE_BINS; b++) {
      const [count, conf, hit] = [this.eceCount, this.eceConf, this.eceHit].map((lanes) =>
        lanes.subarray(b << ECE_LANE_BITS, (b + 1) << ECE_LANE_BITS).reduce((x, y) => x + y, 0),
      );
      if (count > 0) ece += Math.abs(hit - conf) / this.decisions;
    }
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

  /**
   * The counts behind `result`, for a shard's report (in the report's class order, like `result`):
   * adding every shard's with `add` gives the one-pass metrics. Null when `result` would be.
   */
  counts(perm: Uint32Array, C: number, examples: number): ScoreCounts | null {
    if (this.problem !== null || this.examples === 0 || this.examples !== examples) return null;
    const classes: number[][] = Array.from({ length: C }, () => []);
    for (let c = 0; c < Math.min(this.cap, perm.length); c++) {
      const out = classes[perm[c]];
      for (let bin = 0, at = c; bin < SCORE_BINS; bin++, at += this.cap)
        if (this.all[at] > 0) out.push(bin, this.pos[at], this.all[at] - this.pos[at]);
    }
    const lanes = (a: Float64Array) =>
      Array.from({ length: ECE_BINS }, (_, b) =>
        a.subarray(b << ECE_LANE_BITS, (b + 1) << ECE_LANE_BITS).reduce((x, y) => x + y, 0),
      );
    return {
      bins: SCORE_BINS,
      examples: this.examples,
      decisions: this.decisions,
      logLossSum: this.logLossSum - Math.log(this.likelihood),
      ece: { count: lanes(this.eceCount), conf: lanes(this.eceConf), hit: lanes(this.eceHit) },
      classes: C,
      data: encodeClassCounts(classes),
    };
  }

  /** Adds a shard's counts; `index[i]` is this accumulator's class index of the counts' class i. */
  add(counts: ScoreCounts, index: ArrayLike<number>): void {
    const classes = decodeClassCounts(counts.data, counts.classes, SCORE_BINS);
    if (typeof classes === 'string') throw new Error(`score counts: the data ${classes}`);
    let top = 0;
    for (let i = 0; i < classes.length; i++) top = Math.max(top, index[i] + 1);
    this.reserve(top);
    classes.forEach((triples, i) => {
      const c = index[i];
      for (let k = 0; k < triples.length; k += 3) {
        const at = triples[k] * this.cap + c;
        this.pos[at] += triples[k + 1];
        this.all[at] += triples[k + 1] + triples[k + 2];
      }
    });
    for (let b = 0; b < ECE_BINS; b++) {
      this.eceCount[b << ECE_LANE_BITS] += counts.ece.count[b];
      this.eceConf[b << ECE_LANE_BITS] += counts.ece.conf[b];
      this.eceHit[b << ECE_LANE_BITS] += counts.ece.hit[b];
    }
    this.logLossSum += counts.logLossSum;
    this.decisions += counts.decisions;
    this.examples += counts.examples;
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
