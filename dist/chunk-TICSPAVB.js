import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  ExampleScores
} from "./chunk-OCEMFDAI.js";

// src/core/diagnostics/score-counts.ts
import { deflateRawSync, inflateRawSync } from "node:zlib";
function encodeClassCounts(classes) {
  const size = classes.reduce((a, t) => a + 1 + t.length, 0);
  const words = new Uint32Array(size);
  let w = 0;
  for (const t of classes) {
    words[w++] = t.length / 3;
    for (let k = 0, prev = 0; k < t.length; prev = t[k], k += 3) {
      words[w++] = t[k] - prev;
      words[w++] = t[k + 1];
      words[w++] = t[k + 2];
    }
  }
  return deflateRawSync(new Uint8Array(words.buffer)).toString("base64");
}
function decodeClassCounts(data, classes, bins) {
  let bytes;
  try {
    bytes = inflateRawSync(Buffer.from(data, "base64"));
  } catch {
    return "is not base64 of deflated data";
  }
  if (bytes.length % 4 !== 0) return "does not hold whole uint32 values";
  const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const out = [];
  let w = 0;
  for (let c = 0; c < classes; c++) {
    if (w >= words.length) return `ends before class ${c}`;
    const k = words[w++];
    if (w + 3 * k > words.length) return `ends inside class ${c}'s ${k} bins`;
    const t = [];
    for (let i = 0, bin = 0; i < k; i++) {
      const step = words[w++];
      if (i > 0 && step === 0) return `repeats a bin of class ${c}`;
      bin += step;
      if (bin >= bins) return `has bin ${bin} for class ${c}; expected bins below ${bins}`;
      t.push(bin, words[w++], words[w++]);
    }
    out.push(t);
  }
  if (w !== words.length) return `has ${words.length - w} values beyond the ${classes} classes`;
  return out;
}

// src/core/diagnostics/scores.ts
var OCTAVE_BINS = 64;
var LOW_OCTAVES = 20;
var MIDDLE = (LOW_OCTAVES - 1) * OCTAVE_BINS;
var SCORE_BINS = 2 * MIDDLE + 1;
var ECE_BINS = 15;
var LOG_LOSS_EPS = 2220446049250313e-31;
function scoreBin(s) {
  const high = s > 0.5 | 0;
  let q = (s + high * (1 - 2 * s)) * 2147483648 | 0;
  q += 2048 - q & q - 2048 >> 31;
  const k = Math.clz32(q);
  const lo = (20 - k << 6) + (q << k >>> 25) - 64;
  return lo + high * (2432 - 2 * lo);
}
var bit = (b) => b | 0;
function eceBin(s) {
  return Math.min(s * ECE_BINS | 0, ECE_BINS - 1);
}
var ECE_LANE_BITS = 2;
var ECE_LANE_MASK = (1 << ECE_LANE_BITS) - 1;
var TILE = 64;
function clipped(p) {
  return p + bit(p < LOG_LOSS_EPS) * (LOG_LOSS_EPS - p) + bit(p > 1 - LOG_LOSS_EPS) * (1 - LOG_LOSS_EPS - p);
}
var ScoreAccumulator = class {
  /** Set once the split's task is known, before its first score. */
  constructor(task = "multiclass") {
    this.task = task;
  }
  task;
  /**
   * Positives' and all examples' counts, bin-major ([bin * cap + class]): most scores of an example
   * fall in a few bins, so consecutive classes touch neighbouring counts (4x faster than class-major).
   */
  pos = new Uint32Array(0);
  all = new Uint32Array(0);
  cap = 0;
  /** The current example's scores. */
  example = new ExampleScores();
  /** Multiclass, the current example: the sum of its clipped scores, its first highest score and class. */
  sum = 0;
  best = -1;
  bestClass = -1;
  logLossSum = 0;
  /**
   * The product of the likelihoods not yet in logLossSum. One Math.log per few hundred scores
   * instead of one per score (`npm run bench -- speed`), and more accurate than a running sum of
   * 48.5M logs: on the bench's 100k x 485 data, 4e-15 from an exact sum (math.fsum) instead of 1e-10.
   */
  likelihood = 1;
  /** Multiclass: examples; multi-label: label decisions (example x scored class). */
  decisions = 0;
  /** Per calibration bin b and lane l, at (b << ECE_LANE_BITS) | l: scores, their sum, true ones. */
  eceCount = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  eceConf = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  eceHit = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  /** Examples that came with scores. */
  examples = 0;
  /** Why no threshold-free metric can be given (set once; later scores are ignored). */
  problem = null;
  /** The scores of one example (see ScoreSink). */
  scores(values, from, n, cls) {
    if (this.problem !== null) return;
    this.reserve(this.example.set(values, from, n, cls));
    if (n === 0) return;
    const bad = this.task === "multilabel" ? this.labelScores(values, from, n, cls) : this.classScores(values, from, n, cls);
    if (bad >= 0) this.problem = `scores are not probabilities (a score of ${values[from + bad]} is outside [0, 1])`;
  }
  /**
   * Multi-label: each score is a decision, counted as a negative here. Branch-free where the data
   * decides (bins, clipping), and the calibration sums spread over lanes (consecutive scores add
   * to different ones), as this runs once per score. Returns the index of a score outside [0, 1], or -1.
   */
  labelScores(values, from, n, cls) {
    const { all, cap, eceCount, eceConf } = this;
    let likelihood = this.likelihood;
    for (let j = 0; j < n; j++) {
      const c = cls ? cls[j] | 0 : j;
      const s = values[from + j];
      if (!(s >= 0 && s <= 1)) return j;
      all[scoreBin(s) * cap + c]++;
      likelihood *= 1 - clipped(s);
      if (likelihood < 1e-280) {
        this.logLossSum -= Math.log(likelihood);
        likelihood = 1;
      }
      const e = eceBin(s) << ECE_LANE_BITS | j & ECE_LANE_MASK;
      eceCount[e]++;
      eceConf[e] += s;
    }
    this.likelihood = likelihood;
    this.decisions += n;
    return -1;
  }
  /** Multiclass: the sum of the clipped scores and the first highest; see labelScores. */
  classScores(values, from, n, cls) {
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
  end(truth, from, to) {
    if (this.problem === null && this.example.n > 0) {
      if (this.task === "multiclass") this.endMulticlass(truth, from, to);
      else this.endMultilabel(truth, from, to);
      this.examples++;
    }
    this.example.n = 0;
  }
  endMulticlass(truth, from, to) {
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
  endMultilabel(truth, from, to) {
    for (let i = from; i < to; i++) {
      const t = truth[i];
      const s = this.example.of(t);
      if (s !== s) continue;
      this.pos[scoreBin(s) * this.cap + t]++;
      const p = clipped(s);
      this.likelihood *= p / (1 - p);
      if (this.likelihood < 1e-280 || this.likelihood > 1e280) {
        this.logLossSum -= Math.log(this.likelihood);
        this.likelihood = 1;
      }
      this.eceHit[eceBin(s) << ECE_LANE_BITS]++;
    }
  }
  /** Class indices the histograms have room for (every scored class index is below it). */
  classSlots() {
    return this.cap;
  }
  reserve(classes) {
    if (classes <= this.cap) return;
    const cap = Math.max(classes, this.cap * 2);
    const restride = (a) => {
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
  *columns() {
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
  calibrate(conf, hit) {
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
  result(perm, C, examples) {
    if (this.problem !== null || this.examples === 0) return null;
    if (this.examples !== examples) {
      this.problem = `only ${this.examples} of ${examples} examples came with scores`;
      return null;
    }
    const rocAuc = new Array(C).fill(null);
    const rocAucBound = new Array(C).fill(null);
    const averagePrecision = new Array(C).fill(null);
    const averagePrecisionBound = new Array(C).fill(null);
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
      const [count, conf, hit] = [this.eceCount, this.eceConf, this.eceHit].map(
        (lanes) => lanes.subarray(b << ECE_LANE_BITS, b + 1 << ECE_LANE_BITS).reduce((x, y) => x + y, 0)
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
      eceBins: ECE_BINS
    };
  }
  /**
   * The counts behind `result`, for a shard's report (in the report's class order, like `result`):
   * adding every shard's with `add` gives the one-pass metrics. Null when `result` would be.
   */
  counts(perm, C, examples) {
    if (this.problem !== null || this.examples === 0 || this.examples !== examples) return null;
    const classes = Array.from({ length: C }, () => []);
    for (let c = 0; c < Math.min(this.cap, perm.length); c++) {
      const out = classes[perm[c]];
      for (let bin = 0, at = c; bin < SCORE_BINS; bin++, at += this.cap)
        if (this.all[at] > 0) out.push(bin, this.pos[at], this.all[at] - this.pos[at]);
    }
    const lanes = (a) => Array.from(
      { length: ECE_BINS },
      (_, b) => a.subarray(b << ECE_LANE_BITS, b + 1 << ECE_LANE_BITS).reduce((x, y) => x + y, 0)
    );
    return {
      bins: SCORE_BINS,
      examples: this.examples,
      decisions: this.decisions,
      logLossSum: this.logLossSum - Math.log(this.likelihood),
      ece: { count: lanes(this.eceCount), conf: lanes(this.eceConf), hit: lanes(this.eceHit) },
      classes: C,
      data: encodeClassCounts(classes)
    };
  }
  /** Adds a shard's counts; `index[i]` is this accumulator's class index of the counts' class i. */
  add(counts, index) {
    const classes = decodeClassCounts(counts.data, counts.classes, SCORE_BINS);
    if (typeof classes === "string") throw new Error(`score counts: the data ${classes}`);
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
};
function mean(values) {
  let s = 0;
  let k = 0;
  for (const v of values)
    if (v !== null) {
      s += v;
      k++;
    }
  return k ? s / k : null;
}
function classCurves(pos, neg) {
  let P = 0;
  let N = 0;
  for (let b = 0; b < pos.length; b++) {
    P += pos[b];
    N += neg[b];
  }
  let auc = null;
  let aucBound = null;
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
    aucBound = 0.5 * ties / (P * N);
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
      ap += pos[b] / P * v;
      apBound += pos[b] / P * Math.max(hi - v, v - lo);
    }
    T0 = T1;
    F0 = F1;
  }
  return { auc, aucBound, ap: Math.min(1, ap), apBound: Math.min(1, apBound) };
}

export {
  decodeClassCounts,
  SCORE_BINS,
  ECE_BINS,
  ScoreAccumulator
};
