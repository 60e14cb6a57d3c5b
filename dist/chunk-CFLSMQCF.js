import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  ECE_BINS,
  SCORE_BINS,
  TUNING_BINS,
  decodeClassCounts,
  eceBin,
  encodeClassCounts,
  labelGrid,
  scoreBin,
  tuningCut
} from "./chunk-PCX6QANG.js";
import {
  ExampleScores
} from "./chunk-K6E74BIK.js";

// src/core/diagnostics/scores.ts
var LOG_LOSS_EPS = 2220446049250313e-31;
var bit = (b) => b | 0;
var ECE_LANE_BITS = 2;
var ECE_LANE_MASK = (1 << ECE_LANE_BITS) - 1;
var FLUSH_EXAMPLES = 65535;
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
   * Positives' and all examples' counts since the last flush, cell-major ([cell * cap + class]):
   * most scores of an example fall in a few cells, so consecutive classes touch neighbouring counts
   * (4x faster than class-major). 16 bits: half the cache of 32 (a score costs about 15% less in
   * an interleaved micro-benchmark); flushed into the totals before any count can pass 2^16 - 1.
   */
  pos = new Uint16Array(0);
  all = new Uint16Array(0);
  /** The counts up to the last flush (allocated then). */
  posTotal = new Uint32Array(0);
  allTotal = new Uint32Array(0);
  /** Examples counted since the last flush. */
  sinceFlush = 0;
  /** Multi-label: per class, the last example (examples + 1) that counted it as a positive. */
  truthSeen = new Float64Array(0);
  cap = 0;
  /** One more than the largest class index scored. */
  classes = 0;
  /** Multi-label: the cells (null: multiclass, counted by octave bin); fixed at the first score. */
  grid = null;
  /** Shards' counts added (add), by octave bin: they hold no cells. */
  added = null;
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
  /**
   * Per calibration bin b and lane l, at (b << ECE_LANE_BITS) | l: scores, their sum, true ones.
   * A multi-label score adds to eceConf only: its count and truth are in its cell.
   */
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
   * Multi-label: each score is a decision, counted as a negative here, in its cell (cellOf,
   * inlined). Branch-free where the data decides (bins, clipping), and the calibration sums spread
   * over lanes (consecutive scores add to different ones), as this runs once per score. Returns
   * the index of a score outside [0, 1], or -1.
   */
  labelScores(values, from, n, cls) {
    const { all, cap, eceConf } = this;
    let likelihood = this.likelihood;
    for (let j = 0; j < n; j++) {
      const c = cls ? cls[j] | 0 : j;
      const s = values[from + j];
      if (!(s >= 0 && s <= 1)) return j;
      const e = eceBin(s);
      all[(scoreBin(s) + e + tuningCut(s)) * cap + c]++;
      likelihood *= 1 - clipped(s);
      if (likelihood < 1e-280) {
        this.logLossSum -= Math.log(likelihood);
        likelihood = 1;
      }
      eceConf[e << ECE_LANE_BITS | j & ECE_LANE_MASK] += s;
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
      if (++this.sinceFlush === FLUSH_EXAMPLES) this.flush();
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
  /** The true classes' scores were counted as negatives: now as positives (each class once). */
  endMultilabel(truth, from, to) {
    const stamp = this.examples + 1;
    if (this.truthSeen.length < this.cap) this.truthSeen = new Float64Array(this.cap);
    for (let i = from; i < to; i++) {
      const t = truth[i];
      const s = this.example.of(t);
      if (s !== s || this.truthSeen[t] === stamp) continue;
      this.truthSeen[t] = stamp;
      this.pos[(scoreBin(s) + eceBin(s) + tuningCut(s)) * this.cap + t]++;
      const p = clipped(s);
      this.likelihood *= p / (1 - p);
      if (this.likelihood < 1e-280 || this.likelihood > 1e280) {
        this.logLossSum -= Math.log(this.likelihood);
        this.likelihood = 1;
      }
    }
  }
  /** Class indices the histograms have room for (every scored class index is below it). */
  classSlots() {
    return this.cap;
  }
  /** Cells per class: the label grid's, or the octave bins. */
  cells() {
    return this.grid ? this.grid.cells : SCORE_BINS;
  }
  reserve(classes) {
    if (classes > this.classes) this.classes = classes;
    if (classes <= this.cap) return;
    if (this.cap === 0 && this.task === "multilabel") this.grid = labelGrid();
    const cap = Math.max(classes, this.cap * 2);
    const restride = (a, cells) => {
      const b = new a.constructor(cap * cells);
      for (let cell = 0; cell < cells && a.length > 0; cell++)
        b.set(a.subarray(cell * this.cap, (cell + 1) * this.cap), cell * cap);
      return b;
    };
    this.pos = restride(this.pos, this.cells());
    this.all = restride(this.all, this.cells());
    if (this.allTotal.length > 0) {
      this.posTotal = restride(this.posTotal, this.cells());
      this.allTotal = restride(this.allTotal, this.cells());
    }
    if (this.added)
      this.added = { pos: restride(this.added.pos, SCORE_BINS), all: restride(this.added.all, SCORE_BINS) };
    this.cap = cap;
  }
  /** Adds the 16-bit counts into the totals (allocated at the first flush) and zeroes them. */
  flush() {
    this.sinceFlush = 0;
    if (this.cap === 0) return;
    if (this.allTotal.length === 0) {
      this.posTotal = new Uint32Array(this.pos.length);
      this.allTotal = new Uint32Array(this.all.length);
    }
    const { pos, all, posTotal, allTotal } = this;
    for (let i = 0; i < all.length; i++)
      if (all[i] !== 0) {
        posTotal[i] += pos[i];
        allTotal[i] += all[i];
      }
    pos.fill(0);
    all.fill(0);
  }
  /** Every count so far (by cell, cell-major): the totals, once flushed. */
  totals() {
    if (this.sinceFlush > 0 || this.allTotal.length === 0) this.flush();
    return { pos: this.posTotal, all: this.allTotal };
  }
  /**
   * Each class's positives and negatives by octave bin, TILE classes at a time: the counts are
   * cell-major, so reading one class's column alone would touch a cache line per cell.
   */
  *columns() {
    const pos = new Float64Array(TILE * SCORE_BINS);
    const neg = new Float64Array(TILE * SCORE_BINS);
    const binOf = this.grid?.bin;
    const counted = this.totals();
    for (let c0 = 0; c0 < this.cap; c0 += TILE) {
      const width = Math.min(TILE, this.cap - c0);
      pos.fill(0);
      neg.fill(0);
      const gather = (p, a, cells, bins) => {
        for (let cell = 0; cell < cells; cell++) {
          const bin = bins ? bins[cell] : cell;
          for (let k = 0, at = cell * this.cap + c0; k < width; k++, at++) {
            pos[k * SCORE_BINS + bin] += p[at];
            neg[k * SCORE_BINS + bin] += a[at] - p[at];
          }
        }
      };
      gather(counted.pos, counted.all, this.cells(), binOf);
      if (this.added) gather(this.added.pos, this.added.all, SCORE_BINS);
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
  /** Per calibration bin: the scores (decisions), the sum of their scores, the true ones. */
  calibration() {
    const lanes = (a) => Array.from(
      { length: ECE_BINS },
      (_, b) => a.subarray(b << ECE_LANE_BITS, b + 1 << ECE_LANE_BITS).reduce((x, y) => x + y, 0)
    );
    const out = { count: lanes(this.eceCount), conf: lanes(this.eceConf), hit: lanes(this.eceHit) };
    const counted = this.totals();
    if (this.grid)
      for (let cell = 0; cell < this.grid.cells; cell++) {
        let all = 0;
        let pos = 0;
        for (let c = 0, at = cell * this.cap; c < this.cap; c++, at++) {
          all += counted.all[at];
          pos += counted.pos[at];
        }
        out.count[this.grid.ece[cell]] += all;
        out.hit[this.grid.ece[cell]] += pos;
      }
    return out;
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
    const { count, conf, hit } = this.calibration();
    let ece = 0;
    for (let b = 0; b < ECE_BINS; b++) if (count[b] > 0) ece += Math.abs(hit[b] - conf[b]) / this.decisions;
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
    for (const { c, pos, neg } of this.columns()) {
      if (c >= perm.length) break;
      const out = classes[perm[c]];
      for (let bin = 0; bin < SCORE_BINS; bin++) if (pos[bin] + neg[bin] > 0) out.push(bin, pos[bin], neg[bin]);
    }
    return {
      bins: SCORE_BINS,
      examples: this.examples,
      decisions: this.decisions,
      logLossSum: this.logLossSum - Math.log(this.likelihood),
      ece: this.calibration(),
      classes: C,
      data: encodeClassCounts(classes)
    };
  }
  /**
   * The floating-point sums since the last call ([log-loss sum, then the calibration bins'
   * scores' sums]), which start again from zero. A worker thread counts blocks of examples and
   * this thread takes some when the worker is behind: each block's sums are taken alone and
   * added in the blocks' order (addSums), so the figures do not depend on which thread counted what.
   */
  blockSums() {
    const out = new Float64Array(1 + ECE_BINS);
    out[0] = this.logLossSum - Math.log(this.likelihood);
    for (let l = 0; l < this.eceConf.length; l++) out[1 + (l >> ECE_LANE_BITS)] += this.eceConf[l];
    this.logLossSum = 0;
    this.likelihood = 1;
    this.eceConf.fill(0);
    return out;
  }
  /** Adds sums blockSums() took (here or on another thread). */
  addSums(sums) {
    this.logLossSum += sums[0];
    for (let b = 0; b < ECE_BINS; b++) this.eceConf[b << ECE_LANE_BITS] += sums[1 + b];
  }
  /** Adds a shard's counts; `index[i]` is this accumulator's class index of the counts' class i. */
  add(counts, index) {
    const classes = decodeClassCounts(counts.data, counts.classes, SCORE_BINS);
    if (typeof classes === "string") throw new Error(`score counts: the data ${classes}`);
    let top = 0;
    for (let i = 0; i < classes.length; i++) top = Math.max(top, index[i] + 1);
    this.added ??= { pos: new Uint32Array(this.cap * SCORE_BINS), all: new Uint32Array(this.cap * SCORE_BINS) };
    this.reserve(top);
    const { pos, all } = this.added;
    classes.forEach((triples, i) => {
      const c = index[i];
      for (let k = 0; k < triples.length; k += 3) {
        const at = triples[k] * this.cap + c;
        pos[at] += triples[k + 1];
        all[at] += triples[k + 1] + triples[k + 2];
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
  /**
   * Multi-label: the threshold histograms of the tuning summary (cuts 0.001 apart, as
   * score-histograms.ts's DEFAULT_BINS), summed from the cells; null for multiclass scores, when
   * a problem stopped the counting, or after shards' counts were added (they hold no cells).
   */
  tuningCounts() {
    const grid = this.grid;
    if (!grid || this.problem !== null || this.added) return null;
    const counted = this.totals();
    const slots = TUNING_BINS + 2;
    const pos = new Uint32Array(slots * this.cap);
    const all = new Uint32Array(slots * this.cap);
    for (let cell = 0; cell < grid.cells; cell++)
      for (let c = 0, at = cell * this.cap, to = grid.slot[cell] * this.cap; c < this.cap; c++, at++, to++) {
        pos[to] += counted.pos[at];
        all[to] += counted.all[at];
      }
    return { bins: TUNING_BINS, cap: this.cap, classes: this.classes, pos, all, examples: this.examples };
  }
  /** Everything counted, as plain data (its arrays are this accumulator's own: transfer them, then drop it). */
  state() {
    const { task, cap, classes, eceCount, eceConf, eceHit } = this;
    const { pos, all } = this.totals();
    const { logLossSum, likelihood, decisions, examples, problem } = this;
    return {
      task,
      cap,
      classes,
      pos,
      all,
      eceCount,
      eceConf,
      eceHit,
      logLossSum,
      likelihood,
      decisions,
      examples,
      problem
    };
  }
  /**
   * Adds what another accumulator of the same task counted (a worker thread's). Into an empty
   * accumulator the figures come out bit for bit as the other's: every sum starts from 0 here.
   */
  merge(other) {
    if (other.task !== this.task) throw new Error(`cannot merge ${other.task} score counts into ${this.task}`);
    this.problem ??= other.problem;
    if (!this.added && this.allTotal.length === 0 && (this.cap === 0 || this.cap === other.cap)) this.adopt(other);
    else {
      this.reserve(other.classes);
      const cells = this.cells();
      const { pos, all } = this.totals();
      for (let cell = 0; cell < cells; cell++)
        for (let c = 0, at = cell * this.cap, from = cell * other.cap; c < other.classes; c++, at++, from++) {
          pos[at] += other.pos[from];
          all[at] += other.all[from];
        }
    }
    for (let l = 0; l < this.eceCount.length; l++) {
      this.eceCount[l] += other.eceCount[l];
      this.eceConf[l] += other.eceConf[l];
      this.eceHit[l] += other.eceHit[l];
    }
    this.logLossSum += other.logLossSum - Math.log(other.likelihood);
    this.decisions += other.decisions;
    this.examples += other.examples;
  }
  /**
   * No totals here yet (only 16-bit counts, or none): the other's totals become these as they
   * are, and this accumulator's own counts are flushed into them later (one pass, not two).
   */
  adopt(other) {
    if (this.cap === 0) {
      if (other.task === "multilabel") this.grid = labelGrid();
      this.cap = other.cap;
      this.pos = new Uint16Array(other.pos.length);
      this.all = new Uint16Array(other.all.length);
    }
    this.classes = Math.max(this.classes, other.classes);
    this.posTotal = other.pos;
    this.allTotal = other.all;
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
  ScoreAccumulator
};
