import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  wasmModule
} from "./chunk-J4X2SOEV.js";
import {
  ECE_BINS,
  SCORE_BINS,
  TUNING_BINS,
  TUNING_CUTS,
  decodeClassCounts,
  eceBin,
  encodeClassCounts,
  labelGrid,
  scoreBin,
  tuningCut
} from "./chunk-3Q6HRQ5E.js";
import {
  ExampleScores,
  MAX_COUNTS_BYTES
} from "./chunk-L4A26YP5.js";

// src/core/diagnostics/score-kernel.wasm.ts
var WASM_BASE64 = "AGFzbQEAAAABHQRgAXwBfGAHf39/f39/fwF/YAN/f38AYAJ8fAF8AgwBBG1hdGgDbG9nAAADBQQBAgMBBQMBAAEGIAV/AEEAC38AQYDAAAt/AEGAxAALfwBBgIABC38BQQALB0MIBm1lbW9yeQIABGN1dHMDAAVsYW5lcwMBBXN0YXRlAwIEZGF0YQMDBXdyYXBzAwQGbGFiZWxzAAEHY2xhc3NlcwAECsQYBIYOCAF/AXwDfwF8An8BfgF/EXsgBEEBdP0RIR0gA/0RIR4jAf0R/QwAAAAACAAAABAAAAAYAAAA/a4BIR/9DAAAAAAAAPA/AAAAAAAA8D8jAisDAP0iACEg/QwAAAAAAADwPwAAAAAAAPA/ISECQANAIAdBBGogAksNASAAIAdBA3Rq/QAEACERIAAgB0EDdGr9AAQQIRIgEf0MAAAAAAAAAAAAAAAAAAAAAP1MIBH9DAAAAAAAAPA/AAAAAAAA8D/9S/1OIBL9DAAAAAAAAAAAAAAAAAAAAAD9TCAS/QwAAAAAAADwPwAAAAAAAPA//Uv9Tv1O/cMBRQ0BIBH97AEhESAS/ewBIRIgEf0MAAAAAABAj0AAAAAAAECPQP3yAf0MAAAAAAAAMEMAAAAAAAAwQ/3wASEXIBL9DAAAAAAAQI9AAAAAAABAj0D98gH9DAAAAAAAADBDAAAAAAAAMEP98AEhGCAXIBEgF/0MAAAAAAAAMEMAAAAAAAAwQ/3xAf0MAAAAAABAj0AAAAAAAECPQP3zAf1J/c4BIRcgGCASIBj9DAAAAAAAADBDAAAAAAAAMEP98QH9DAAAAAAAQI9AAAAAAABAj0D98wH9Sf3OASEYIBH9DAAAAAAAAC5AAAAAAAAALkD98gH9df0MAAAAAAAALEAAAAAAAAAsQP32Af0MAAAAAAAAMEMAAAAAAAAwQ/3wASEZIBL9DAAAAAAAAC5AAAAAAAAALkD98gH9df0MAAAAAAAALEAAAAAAAAAsQP32Af0MAAAAAAAAMEMAAAAAAAAwQ/3wASEaIBkgGv0NAAECAwgJCgsQERITGBkaGyEbIBH9DAAAAAAAAOA/AAAAAAAA4D/9SiEVIBL9DAAAAAAAAOA/AAAAAAAA4D/9SiEWIBUgFv1Q/VMhDSARIRMgEiEUIA0EQP0MAAAAAAAA8D8AAAAAAADwPyAR/fEBIBEgFf1SIRP9DAAAAAAAAPA/AAAAAAAA8D8gEv3xASASIBb9UiEUCyATQS79zQEgFEEu/c0B/Q0AAQIDCAkKCxAREhMYGRob/QzA+gAAwPoAAMD6AADA+gAA/bEB/QwAAAAAAAAAAAAAAAAAAAAA/bgBIRwgDQRA/QyACQAAgAkAAIAJAACACQAAIBz9sQEgHCAVIBb9DQABAgMICQoLEBESExgZGhv9UiEcCyAGIAdBAnRqIB0gHCAb/a4BIBcgGP0NAAECAwgJCgsQERITGBkaG/2uAf21ASAeIAEgB0ECdGr9AAQAQQH9qwH9rgH9rgH9CwQAICD9DAAAAAAAAPA/AAAAAAAA8D8gEf3xAf0MAAAAAAAAsDwAAAAAAACwPP33Af0M/v//////7z/+///////vP/32Af3yASEgICH9DAAAAAAAAPA/AAAAAAAA8D8gEv3xAf0MAAAAAAAAsDwAAAAAAACwPP33Af0M/v//////7z/+///////vP/32Af3yASEhICAgIf32Af0MhOuRpBULzQWE65GkFQvNBf1J/VMEQCMCIwIrAwggIP0hABAAoSAg/SEBEAChICH9IQAQAKEgIf0hARAAoTkDCP0MAAAAAAAA8D8AAAAAAADwPyEg/QwAAAAAAADwPwAAAAAAAPA/ISELIBtBBf2rASAf/a4BIRsgG/0bACELIAsgCysDACAR/SEAoDkDACAb/RsBIQsgCyALKwMAIBH9IQGgOQMAIBv9GwIhCyALIAsrAwAgEv0hAKA5AwAgG/0bAyELIAsgCysDACAS/SEBoDkDACAHQQRqIQcMAAsLIAYgByAFEAIgIP0hACEMIAwgIP0hARADIQwgDCAh/SEAEAMhDCAMICH9IQEQAyEMAkADQCAHIAJPDQEgACAHQQN0aisDACEIIAhEAAAAAAAAAABmIAhEAAAAAAAA8D9lcUUEQCMCIAw5AwAgBw8LIAiZIQggCEQAAAAAAAAuQKL8AiEJIAlBDiAJQQ5IGyEJIAhEAAAAAABAj0CinvwCIQogCiAIIApBA3QrAwBjayEKIAhEAAAAAAAA4D9kIQ1EAAAAAAAA8D8gCKG9IAi9IA0bQi6Ip0HA9QNrIQ4gDkEAIA5BAEobIQ5BgBMgDmsgDiANGyEOIAMgDiAJIApqaiAEbCABIAdBAnRqKAIAakEBdGohCyALLwEAQQFqIRAgCyAQOwEAIBBBgIAERgRAIAUjBEECdGogCzYCACMEQQFqJAQLRAAAAAAAAPA/IAihvSEPIA9CgICAgICAgNg8IA9CgICAgICAgNg8VRshDyAPQv7////////3PyAPQv7////////3P1MbIQ8gDCAPvxADIQwjASAJQQJ0IAdBA3FyQQN0aiELIAsgCysDACAIoDkDACAHQQFqIQcMAAsLIwIgDDkDAEF/C1YBA38CQANAIAMgAU8NASAAIANBAnRqKAIAIQQgBC8BAEEBaiEFIAQgBTsBACAFQYCABEYEQCACIwRBAnRqIAQ2AgAjBEEBaiQECyADQQFqIQMMAAsLCysAIAAgAaJEhOuRpBULzQVjBHwjAiMCKwMIIAAQAKE5AwggAQUgACABogsLtgkKAX8BfAJ/AnwDfwF+AX8OewJ8An8jAisDACELIwIrAwghDCMCKwMQ/AIhDSAEQQF0/REhGSAD/REhGkQAAAAAAADwv/0UIRz9DAAAAAAAAAAAAQAAAAAAAAAhHgJAA0AgB0EEaiACSw0BIAAgB0EDdGr9AAQAIRIgACAHQQN0av0ABBAhEyAS/QwAAAAAAAAAAAAAAAAAAAAA/UwgEv0MAAAAAAAA8D8AAAAAAADwP/1L/U4gE/0MAAAAAAAAAAAAAAAAAAAAAP1MIBP9DAAAAAAAAPA/AAAAAAAA8D/9S/1O/U79wwFFDQEgEv3sASESIBP97AEhEyAS/QwAAAAAAADgPwAAAAAAAOA//UohFiAT/QwAAAAAAADgPwAAAAAAAOA//UohFyAWIBf9UP1TIQ4gEiEUIBMhFSAOBED9DAAAAAAAAPA/AAAAAAAA8D8gEv3xASASIBb9UiEU/QwAAAAAAADwPwAAAAAAAPA/IBP98QEgEyAX/VIhFQsgFEEu/c0BIBVBLv3NAf0NAAECAwgJCgsQERITGBkaG/0MwPoAAMD6AADA+gAAwPoAAP2xAf0MAAAAAAAAAAAAAAAAAAAAAP24ASEYIA4EQP0MgAkAAIAJAACACQAAgAkAACAY/bEBIBggFiAX/Q0AAQIDCAkKCxAREhMYGRob/VIhGAsgBiAHQQJ0aiAZIBj9tQEgGiABIAdBAnRq/QAEAEEB/asB/a4B/a4B/QsEACAbIBL9DAAAAAAAALA8AAAAAAAAsDz99wH9DP7//////+8//v//////7z/99gEgE/0MAAAAAAAAsDwAAAAAAACwPP33Af0M/v//////7z/+///////vP/32Af3wAf3wASEbIBMgEv1KIR8gEyASIB/9UiEUIB79DAIAAAAAAAAAAgAAAAAAAAD9zgEgHiAf/VIhFSAUIBz9SiEfIBQgHCAf/VIhHCAVIB0gH/1SIR0gHv0MBAAAAAAAAAAEAAAAAAAAAP3OASEeIAdBBGohBwwACwsgBiAHIAUQAiALIBv9IQCgIBv9IQGgIQsgHP0hACEgIBz9IQEhISAd/R0ApyEiIB39HQGnISMgISAgZCAhICBhICMgIkhxcgRAICEhICAjISILICAgDGQEQCAgIQwgASAiQQJ0aigCACENCwJAA0AgByACTw0BIAAgB0EDdGorAwAhCCAIRAAAAAAAAAAAZiAIRAAAAAAAAPA/ZXFFDQEgCJkhCCABIAdBAnRqKAIAIQkgCEQAAAAAAADgP2QhDkQAAAAAAADwPyAIob0gCL0gDhtCLoinQcD1A2shDyAPQQAgD0EAShshD0GAEyAPayAPIA4bIQ8gAyAPIARsIAlqQQF0aiEKIAovAQBBAWohESAKIBE7AQAgEUGAgARGBEAgBSMEQQJ0aiAKNgIAIwRBAWokBAsgCL0hECAQQoCAgICAgIDYPCAQQoCAgICAgIDYPFUbIRAgEEL+////////9z8gEEL+////////9z9TGyEQIAsgEL+gIQsgCCAMZARAIAghDCAJIQ0LIAdBAWohBwwACwsjAiALOQMAIwIgDDkDCCMCIA23OQMQQX8gByAHIAJGGws=";

// src/core/diagnostics/score-kernel.ts
var PAGE = 65536;
var kernelModule = wasmModule(WASM_BASE64);
var ScoreKernel = class {
  x;
  f64 = new Float64Array(0);
  i32 = new Int32Array(0);
  /** The state (f64[3]) a loop starts from and leaves. */
  state = new Float64Array(0);
  /** The counts (cell-major, cap classes a cell) modulo 2^16: a view of the kernel's memory, valid until reserve(). */
  counts = new Uint16Array(0);
  /** How many times each count (by index in `counts`) wrapped past 2^16 - 1: rare, so a map. */
  wraps = /* @__PURE__ */ new Map();
  cap = 0;
  /**
   * Byte addresses of the scratch (room for `room` scores, their classes, the counts they wrap
   * and their counts' addresses: an example's, or a part of a longer one) and, after it, of the counts.
   */
  valuesAt;
  clsAt = 0;
  wrapsAt = 0;
  addrsAt = 0;
  countsAt = 0;
  room = 0;
  /** The class map in the scratch ('identity': none given, 0..n-1) and how many of its entries. */
  clsOf = null;
  clsLength = 0;
  constructor() {
    const instance = new WebAssembly.Instance(kernelModule(), { math: { log: Math.log } });
    this.x = instance.exports;
    this.valuesAt = this.x.data.value;
    this.views();
    this.f64.set(TUNING_CUTS, this.x.cuts.value >> 3);
  }
  /**
   * Zeroed counts for cap classes of `cells` cells, in place of the old ones (copy those and
   * their wraps first: the memory may grow, which empties every view of it).
   */
  reserve(cap, cells) {
    this.cap = cap;
    this.room = cap;
    this.clsOf = null;
    this.clsAt = this.valuesAt + 8 * cap;
    this.wrapsAt = this.clsAt + 4 * cap;
    this.addrsAt = this.wrapsAt + 4 * cap;
    this.countsAt = align8(this.addrsAt + 4 * cap);
    const need = this.countsAt + 2 * cap * cells;
    const have = this.x.memory.buffer.byteLength;
    if (need > have) this.x.memory.grow(Math.ceil((need - have) / PAGE));
    this.views();
    this.counts = new Uint16Array(this.x.memory.buffer, this.countsAt, cap * cells).fill(0);
    return this.counts;
  }
  /**
   * Multi-label: counts n scores (from `values[from]`) of the classes `cls` (or 0..n-1) as
   * negatives, each factor of their likelihood into `likelihood` (reserve() first made room for
   * every class). Returns the product, the log-loss taken out of it on the way (`loss`), and the
   * index of the first score outside [0, 1] (`bad`; -1: none).
   */
  labels(values, from, n, cls, likelihood) {
    const bad = this.run(true, values, from, n, cls, likelihood, 0, 0);
    return { bad, likelihood: this.state[0], loss: this.state[1] };
  }
  /** Multiclass: counts the scores (see labels); returns their clipped sum and the first highest score and its class. */
  classes(values, from, n, cls) {
    const bad = this.run(false, values, from, n, cls, 0, -1, -1);
    return { bad, sum: this.state[0], best: this.state[1], bestClass: this.state[2] };
  }
  /** The calibration sums since the last call, added into `into` lane by lane (as the .wat spreads them), then zeroed. */
  drainLanes(into) {
    const at = this.x.lanes.value >> 3;
    const lanes = this.f64.subarray(at, at + into.length);
    for (let l = 0; l < into.length; l++) into[l] += lanes[l];
    lanes.fill(0);
  }
  /**
   * The loop over the scores from the state (s0, s1, s2), a part at a time if there are more than
   * classes (a class listed twice); returns the index of the first score outside [0, 1], or -1.
   */
  run(multilabel, values, from, n, cls, s0, s1, s2) {
    this.state[0] = s0;
    this.state[1] = s1;
    this.state[2] = s2;
    for (let k = 0; k < n; k += this.room) {
      const m = Math.min(this.room, n - k);
      this.copyIn(values, from + k, m, cls, k);
      const bad = multilabel ? this.x.labels(this.valuesAt, this.clsAt, m, this.countsAt, this.cap, this.wrapsAt, this.addrsAt) : this.x.classes(this.valuesAt, this.clsAt, m, this.countsAt, this.cap, this.wrapsAt, this.addrsAt);
      this.takeWraps();
      if (bad >= 0) return k + bad;
    }
    return -1;
  }
  /** The counts the last loop wrapped, into `wraps`. */
  takeWraps() {
    const n = this.x.wraps.value;
    if (n === 0) return;
    const at = this.wrapsAt >> 2;
    for (let k = 0; k < n; k++) {
      const i = this.i32[at + k] - this.countsAt >> 1;
      this.wraps.set(i, (this.wraps.get(i) ?? 0) + 1);
    }
    this.x.wraps.value = 0;
  }
  /** m scores from values[from], and their classes from cls[k] on, into the scratch. */
  copyIn(values, from, m, cls, k) {
    const at = this.valuesAt >> 3;
    if (values instanceof Float64Array || values instanceof Float32Array)
      this.f64.set(values.subarray(from, from + m), at);
    else for (let j = 0; j < m; j++) this.f64[at + j] = values[from + j];
    const of = cls ?? "identity";
    if (k === 0 && of === this.clsOf && m <= this.clsLength) return;
    const to = this.clsAt >> 2;
    if (cls) for (let j = 0; j < m; j++) this.i32[to + j] = cls[k + j];
    else for (let j = 0; j < m; j++) this.i32[to + j] = k + j;
    this.clsOf = k === 0 ? of : null;
    this.clsLength = m;
  }
  /** Views of the memory (growing it empties the old ones). */
  views() {
    this.f64 = new Float64Array(this.x.memory.buffer);
    this.i32 = new Int32Array(this.x.memory.buffer);
    const at = this.x.state.value >> 3;
    this.state = this.f64.subarray(at, at + 3);
  }
};
function align8(n) {
  return n + 7 & ~7;
}

// src/core/diagnostics/scores.ts
var LOG_LOSS_EPS = 2220446049250313e-31;
var bit = (b) => b | 0;
var ECE_LANE_BITS = 2;
var BLOCK_SUMS = 2 + 3 * ECE_BINS;
var TILE = 64;
var WIDE_TILE = 512;
var WIDE_FROM = 4096;
var CELL_BLOCK = 64;
function clipped(p) {
  const low = bit(p < LOG_LOSS_EPS);
  const high = bit(p > 1 - LOG_LOSS_EPS);
  return low * LOG_LOSS_EPS + high * (1 - LOG_LOSS_EPS) + (1 - low - high) * p;
}
function gatherCells(p, a, cap, cells, bins, c0, width, pos, neg) {
  for (let b0 = 0; b0 < cells; b0 += CELL_BLOCK) {
    const b1 = Math.min(cells, b0 + CELL_BLOCK);
    for (let k = 0; k < width; k++) {
      const out = k * SCORE_BINS;
      for (let cell = b0, at = b0 * cap + c0 + k; cell < b1; cell++, at += cap) {
        const all = a[at];
        if (all === 0) continue;
        const bin = out + (bins ? bins[cell] : cell);
        pos[bin] += p[at];
        neg[bin] += all - p[at];
      }
    }
  }
}
var ScoreAccumulator = class {
  /** Set once the split's task is known, before its first score. */
  constructor(task = "multiclass") {
    this.task = task;
  }
  task;
  /**
   * Positives' and all examples' counts, cell-major ([cell * cap + class]): most scores of an
   * example fall in a few cells, so consecutive classes touch neighbouring counts (4x faster than
   * class-major). 16 bits: half the cache of 32 (a score costs about 15% less in an interleaved
   * micro-benchmark), and no 32-bit copy: a count that wraps past 2^16 - 1 is noted in posWraps
   * (all's: the kernel's `wraps`), which a million examples of a long tail fill with a few
   * thousand entries, so memory is 2 bytes a count (issue 14's RSS goal).
   */
  pos = new Uint16Array(0);
  all = new Uint16Array(0);
  posWraps = /* @__PURE__ */ new Map();
  /** Multi-label: per class, the last example (examples + 1) that counted it as a positive. */
  truthSeen = new Float64Array(0);
  cap = 0;
  /** One more than the largest class index scored. */
  classes = 0;
  /** Multi-label: the cells (null: multiclass, counted by octave bin); fixed at the first score. */
  grid = null;
  /** The loops that count the scores (score-kernel.wat), in whose memory `all` is (unless adopted). */
  kernel = null;
  /** all's wraps while `all` is another accumulator's, adopted by merge (no kernel yet). */
  adoptedWraps = /* @__PURE__ */ new Map();
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
  /**
   * The sum of the squares of the examples' losses (an example's: minus its log-likelihood, over
   * all its decisions), for log-loss's standard error: NaN once a shard without it was added.
   * `lossBefore`: the log-loss sum when the current example started (multi-label; what is added
   * from elsewhere, a block's sums or another accumulator's, is added to it too).
   */
  lossSquares = 0;
  lossBefore = 0;
  /** Multiclass: examples; multi-label: label decisions (example x scored class). */
  decisions = 0;
  /**
   * Per calibration bin b and lane l, at (b << ECE_LANE_BITS) | l: scores, their sum, true ones.
   * A multi-label score adds to eceConf only: its count and truth are in its cell.
   */
  eceCount = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  eceConf = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  eceHit = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  /**
   * Multiclass, per calibration bin: the sum of the true top scores and of the top scores'
   * squares, for the calibration error's standard error (calibrationSe); NaN once a shard
   * without them was added.
   */
  eceHitConf = new Float64Array(ECE_BINS);
  eceConfSq = new Float64Array(ECE_BINS);
  /** Examples that came with scores. */
  examples = 0;
  /** Why no threshold-free metric can be given (set once; later scores are ignored). */
  problem = null;
  /** The scores of one example (see ScoreSink). */
  scores(values, from, n, cls) {
    if (this.problem !== null || !this.reserve(this.example.set(values, from, n, cls)) || n === 0) return;
    const bad = this.task === "multilabel" ? this.labelScores(values, from, n, cls) : this.classScores(values, from, n, cls);
    if (bad >= 0) this.problem = `scores are not probabilities (a score of ${values[from + bad]} is outside [0, 1])`;
  }
  /**
   * Multi-label: each score is a decision, counted as a negative here, in its cell (cellOf), by
   * the WebAssembly loop of score-kernel.wat. Returns the index of a score outside [0, 1], or -1.
   */
  labelScores(values, from, n, cls) {
    const counted = this.kernel.labels(values, from, n, cls, this.likelihood);
    this.likelihood = counted.likelihood;
    this.logLossSum += counted.loss;
    if (counted.bad < 0) this.decisions += n;
    return counted.bad;
  }
  /** Multiclass: each score counted in its octave bin; the sum of the clipped scores and the first highest kept. */
  classScores(values, from, n, cls) {
    const counted = this.kernel.classes(values, from, n, cls);
    this.sum = counted.sum;
    this.best = counted.best;
    this.bestClass = counted.bestClass;
    return counted.bad;
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
      this.countPositive(scoreBin(s) * this.cap + t);
      pt = s;
      if (t === this.bestClass) bestTrue = 1;
    }
    const loss = -Math.log(clipped(pt) / this.sum);
    this.logLossSum += loss;
    this.lossSquares += loss * loss;
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
      this.countPositive((scoreBin(s) + eceBin(s) + tuningCut(s)) * this.cap + t);
      const p = clipped(s);
      this.likelihood *= p / (1 - p);
      if (this.likelihood < 1e-280 || this.likelihood > 1e280) {
        this.logLossSum -= Math.log(this.likelihood);
        this.likelihood = 1;
      }
    }
    const total = this.logLossSum - Math.log(this.likelihood);
    const loss = total - this.lossBefore;
    this.lossSquares += loss * loss;
    this.lossBefore = total;
  }
  /** Class indices the histograms have room for (every scored class index is below it). */
  classSlots() {
    return this.cap;
  }
  /** Cells per class: the label grid's, or the octave bins. */
  cells() {
    return this.grid ? this.grid.cells : SCORE_BINS;
  }
  /**
   * Room for classes 0..classes-1; false (with `problem` set) when that is more than
   * MAX_COUNTS_BYTES allows: 155,750 multi-label classes, 220,662 multiclass. More classes get no
   * threshold-free metrics and an info finding saying why, instead of memory the runner may not
   * have (and, past WebAssembly's 4 GiB, a failed grow).
   */
  reserve(classes) {
    const adopted = this.kernel === null && this.cap > 0;
    if (classes <= this.cap && !adopted) {
      if (classes > this.classes) this.classes = classes;
      return true;
    }
    const perClass = this.task === "multilabel" ? labelGrid().cells : SCORE_BINS;
    const most = Math.floor(MAX_COUNTS_BYTES / (2 * perClass));
    if (classes > most) {
      this.problem = `${classes.toLocaleString("en")} classes are more than the score histograms hold (${most.toLocaleString("en")}: ${perClass.toLocaleString("en")} 16-bit counts a class, ${MAX_COUNTS_BYTES / 2 ** 30} GiB a table)`;
      return false;
    }
    if (classes > this.classes) this.classes = classes;
    if (this.cap === 0 && this.task === "multilabel") this.grid = labelGrid();
    const cap = classes <= this.cap ? this.cap : Math.min(most, Math.max(classes, this.cap * 2));
    const restride = (a, cells, into) => {
      const b = into ?? new a.constructor(cap * cells);
      for (let cell = 0; cell < cells && a.length > 0; cell++)
        b.set(a.subarray(cell * this.cap, (cell + 1) * this.cap), cell * cap);
      return b;
    };
    const wraps = (m) => restrideWraps(m, this.cap, cap);
    this.pos = restride(this.pos, this.cells());
    this.posWraps = wraps(this.posWraps);
    const [all, allWraps] = [this.all.slice(), wraps(this.allWraps())];
    this.all = restride(all, this.cells(), this.newCounts(cap));
    this.kernel.wraps = allWraps;
    if (this.added)
      this.added = { pos: restride(this.added.pos, SCORE_BINS), all: restride(this.added.all, SCORE_BINS) };
    this.cap = cap;
    return true;
  }
  /** One more positive at `at` (an index of pos). */
  countPositive(at) {
    if (++this.pos[at] === 65536) this.posWraps.set(at, (this.posWraps.get(at) ?? 0) + 1);
  }
  /** Zeroed 16-bit counts of every cell for cap classes, in the kernel's memory. */
  newCounts(cap) {
    this.kernel ??= new ScoreKernel();
    return this.kernel.reserve(cap, this.cells());
  }
  /** The calibration sums, the kernel's added in. */
  confSums() {
    this.kernel?.drainLanes(this.eceConf);
    return this.eceConf;
  }
  /** all's wraps (the kernel's, or those adopted with it). */
  allWraps() {
    return this.kernel?.wraps ?? this.adoptedWraps;
  }
  /**
   * Each class's positives and negatives by octave bin, a tile of classes at a time: the counts are
   * cell-major, so reading one class's column alone would touch a cache line per cell.
   */
  *columns() {
    const tile = this.cap > WIDE_FROM ? WIDE_TILE : TILE;
    const pos = new Float64Array(tile * SCORE_BINS);
    const neg = new Float64Array(tile * SCORE_BINS);
    const binOf = this.grid?.bin;
    for (let c0 = 0; c0 < this.cap; c0 += tile) {
      const width = Math.min(tile, this.cap - c0);
      pos.fill(0);
      neg.fill(0);
      gatherCells(this.pos, this.all, this.cap, this.cells(), binOf, c0, width, pos, neg);
      for (const [cell, c, amount] of wrapped(this.posWraps, this.cap))
        if (c >= c0 && c < c0 + width) {
          const at = (c - c0) * SCORE_BINS + (binOf ? binOf[cell] : cell);
          pos[at] += amount;
          neg[at] -= amount;
        }
      for (const [cell, c, amount] of wrapped(this.allWraps(), this.cap))
        if (c >= c0 && c < c0 + width) neg[(c - c0) * SCORE_BINS + (binOf ? binOf[cell] : cell)] += amount;
      if (this.added) gatherCells(this.added.pos, this.added.all, this.cap, SCORE_BINS, void 0, c0, width, pos, neg);
      for (let k = 0; k < width; k++) {
        const [from, to] = [k * SCORE_BINS, (k + 1) * SCORE_BINS];
        yield { c: c0 + k, pos: pos.subarray(from, to), neg: neg.subarray(from, to) };
      }
    }
  }
  calibrate(conf, hit) {
    const bin = eceBin(conf);
    const b = bin << ECE_LANE_BITS;
    this.eceCount[b]++;
    this.eceConf[b] += conf;
    this.eceHit[b] += hit;
    this.eceHitConf[bin] += hit * conf;
    this.eceConfSq[bin] += conf * conf;
  }
  /**
   * Per calibration bin: the scores (decisions), the sum of their scores, the true ones; for
   * multiclass also the true ones' scores summed and the scores' squares summed.
   */
  calibration() {
    const lanes = (a) => Array.from(
      { length: ECE_BINS },
      (_, b) => a.subarray(b << ECE_LANE_BITS, b + 1 << ECE_LANE_BITS).reduce((x, y) => x + y, 0)
    );
    const out = {
      count: lanes(this.eceCount),
      conf: lanes(this.confSums()),
      hit: lanes(this.eceHit),
      ...this.task === "multiclass" && { hitConf: [...this.eceHitConf], confSq: [...this.eceConfSq] }
    };
    const grid = this.grid;
    if (grid) {
      for (let cell = 0; cell < grid.cells; cell++) {
        let all = 0;
        let pos = 0;
        for (let c = 0, at = cell * this.cap; c < this.cap; c++, at++) {
          all += this.all[at];
          pos += this.pos[at];
        }
        out.count[grid.ece[cell]] += all;
        out.hit[grid.ece[cell]] += pos;
      }
      for (const [cell, , amount] of wrapped(this.allWraps(), this.cap)) out.count[grid.ece[cell]] += amount;
      for (const [cell, , amount] of wrapped(this.posWraps, this.cap)) out.hit[grid.ece[cell]] += amount;
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
    const rocAucSe = new Array(C).fill(null);
    const averagePrecisionSe = new Array(C).fill(null);
    for (const { c, pos, neg } of this.columns()) {
      if (c >= perm.length) break;
      const r = classCurves(pos, neg);
      const at = perm[c];
      rocAuc[at] = r.auc;
      rocAucBound[at] = r.aucBound;
      averagePrecision[at] = r.ap;
      averagePrecisionBound[at] = r.apBound;
      rocAucSe[at] = r.aucSe;
      averagePrecisionSe[at] = r.apSe;
    }
    const calibration = this.calibration();
    const { count, conf, hit } = calibration;
    let ece = 0;
    for (let b = 0; b < ECE_BINS; b++) if (count[b] > 0) ece += Math.abs(hit[b] - conf[b]) / this.decisions;
    const logLoss = (this.logLossSum - Math.log(this.likelihood)) / this.decisions;
    const logLossSe = meanLossSe(logLoss * this.decisions, this.lossSquares, this.examples, this.decisions);
    const eceSe = this.task === "multiclass" ? calibrationSe(calibration, this.decisions) : null;
    return {
      bins: SCORE_BINS,
      rocAuc,
      rocAucBound,
      averagePrecision,
      averagePrecisionBound,
      rocAucMacro: mean(rocAuc),
      averagePrecisionMacro: mean(averagePrecision),
      logLoss,
      ece,
      eceBins: ECE_BINS,
      rocAucSe,
      averagePrecisionSe,
      ...logLossSe === null ? {} : { logLossSe },
      // Multi-label: none. Its calibration error averages label decisions, which are not
      // independent draws (a review measured this formula 3x below a bootstrap over the
      // examples); the right one needs each example's residuals by bin. The cut-off alone decides.
      ...eceSe === null ? {} : { eceSe }
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
      lossSquares: this.lossSquares,
      ece: this.calibration(),
      classes: C,
      data: encodeClassCounts(classes)
    };
  }
  /**
   * The floating-point sums since the last call ([log-loss sum, the calibration bins' scores'
   * sums, the sum of the examples' losses' squares, then (multiclass) the calibration bins' true
   * scores' sums and squares' sums]), which start again from zero. A worker thread counts blocks of examples and
   * this thread takes some when the worker is behind: each block's sums are taken alone and
   * added in the blocks' order (addSums), so the figures do not depend on which thread counted what.
   */
  blockSums() {
    const out = new Float64Array(BLOCK_SUMS);
    out[0] = this.logLossSum - Math.log(this.likelihood);
    const conf = this.confSums();
    for (let l = 0; l < conf.length; l++) out[1 + (l >> ECE_LANE_BITS)] += conf[l];
    out[1 + ECE_BINS] = this.lossSquares;
    out.set(this.eceHitConf, 2 + ECE_BINS);
    out.set(this.eceConfSq, 2 + 2 * ECE_BINS);
    this.logLossSum = 0;
    this.likelihood = 1;
    this.lossSquares = 0;
    this.lossBefore = 0;
    this.eceConf.fill(0);
    this.eceHitConf.fill(0);
    this.eceConfSq.fill(0);
    return out;
  }
  /** Adds sums blockSums() took (here or on another thread). */
  addSums(sums) {
    this.logLossSum += sums[0];
    this.lossBefore += sums[0];
    for (let b = 0; b < ECE_BINS; b++) this.eceConf[b << ECE_LANE_BITS] += sums[1 + b];
    this.lossSquares += sums[1 + ECE_BINS];
    for (let b = 0; b < ECE_BINS; b++) {
      this.eceHitConf[b] += sums[2 + ECE_BINS + b];
      this.eceConfSq[b] += sums[2 + 2 * ECE_BINS + b];
    }
  }
  /** Adds a shard's counts; `index[i]` is this accumulator's class index of the counts' class i. */
  add(counts, index) {
    const classes = decodeClassCounts(counts.data, counts.classes, SCORE_BINS);
    if (typeof classes === "string") throw new Error(`score counts: the data ${classes}`);
    let top = 0;
    for (let i = 0; i < classes.length; i++) top = Math.max(top, index[i] + 1);
    if (this.problem !== null) return;
    this.added ??= { pos: new Uint32Array(this.cap * SCORE_BINS), all: new Uint32Array(this.cap * SCORE_BINS) };
    if (!this.reserve(top)) return;
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
      this.eceHitConf[b] += counts.ece.hitConf?.[b] ?? NaN;
      this.eceConfSq[b] += counts.ece.confSq?.[b] ?? NaN;
    }
    this.logLossSum += counts.logLossSum;
    this.lossBefore += counts.logLossSum;
    this.lossSquares += counts.lossSquares ?? NaN;
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
    const slots = TUNING_BINS + 2;
    const pos = new Uint32Array(slots * this.cap);
    const all = new Uint32Array(slots * this.cap);
    for (let cell = 0; cell < grid.cells; cell++)
      for (let c = 0, at = cell * this.cap, to = grid.slot[cell] * this.cap; c < this.cap; c++, at++, to++) {
        pos[to] += this.pos[at];
        all[to] += this.all[at];
      }
    for (const [cell, c, amount] of wrapped(this.posWraps, this.cap)) pos[grid.slot[cell] * this.cap + c] += amount;
    for (const [cell, c, amount] of wrapped(this.allWraps(), this.cap)) all[grid.slot[cell] * this.cap + c] += amount;
    return { bins: TUNING_BINS, cap: this.cap, classes: this.classes, pos, all, examples: this.examples };
  }
  /**
   * tuningCounts() for a shard's report, per class in the report's order (`perm[c]`: class c's
   * place), when every one of the split's `examples` was counted; a merge of the shards adds them.
   */
  tuningClassCounts(perm, C, examples) {
    const counts = this.tuningCounts();
    if (!counts || counts.examples === 0 || counts.examples !== examples) return null;
    const { bins, cap, pos, all } = counts;
    const classes = Array.from({ length: C }, () => []);
    for (let c = 0; c < Math.min(cap, perm.length); c++) {
      const out = classes[perm[c]];
      for (let slot = 0; slot < bins + 2; slot++) {
        const [p, a] = [pos[slot * cap + c], all[slot * cap + c]];
        if (a > 0) out.push(slot, p, a - p);
      }
    }
    return { bins, examples, classes: C, data: encodeClassCounts(classes) };
  }
  /**
   * Everything counted, as plain data (its arrays are this accumulator's own, all's a copy out of
   * the kernel's memory: transfer them, then drop it).
   */
  state() {
    const { task, cap, classes, eceCount, eceHit, eceHitConf, eceConfSq, pos, posWraps } = this;
    const eceConf = this.confSums();
    const { logLossSum, likelihood, lossSquares, decisions, examples, problem } = this;
    return {
      task,
      cap,
      classes,
      pos,
      all: this.all.slice(),
      posWraps,
      allWraps: this.allWraps(),
      eceCount,
      eceConf,
      eceHit,
      eceHitConf,
      eceConfSq,
      logLossSum,
      likelihood,
      lossSquares,
      decisions,
      examples,
      problem
    };
  }
  /**
   * Adds what another accumulator of the same task counted (a worker thread's). Into an empty
   * accumulator the figures come out bit for bit as the other's: every sum starts from 0 here.
   * An empty accumulator takes `other`'s count arrays as its own (a state is handed over, as
   * state() says, not shared).
   */
  merge(other) {
    if (other.task !== this.task) throw new Error(`cannot merge ${other.task} score counts into ${this.task}`);
    this.problem ??= other.problem;
    if (other.classes > 0) {
      if (this.cap === 0 && this.examples === 0 && !this.added) {
        if (this.task === "multilabel") this.grid = labelGrid();
        this.cap = other.cap;
        this.classes = other.classes;
        this.pos = other.pos;
        this.all = other.all;
        this.posWraps = new Map(other.posWraps);
        this.adoptedWraps = new Map(other.allWraps);
      } else {
        if (!this.reserve(other.classes)) return;
        const add = (into, wraps, from, fromWraps) => addCounts(
          { counts: into, wraps, cap: this.cap },
          { counts: from, wraps: fromWraps, cap: other.cap },
          other.classes
        );
        add(this.pos, this.posWraps, other.pos, other.posWraps);
        add(this.all, this.allWraps(), other.all, other.allWraps);
      }
    }
    for (let l = 0; l < this.eceCount.length; l++) {
      this.eceCount[l] += other.eceCount[l];
      this.eceConf[l] += other.eceConf[l];
      this.eceHit[l] += other.eceHit[l];
    }
    for (let b = 0; b < ECE_BINS; b++) {
      this.eceHitConf[b] += other.eceHitConf[b];
      this.eceConfSq[b] += other.eceConfSq[b];
    }
    this.logLossSum += other.logLossSum - Math.log(other.likelihood);
    this.lossBefore += other.logLossSum - Math.log(other.likelihood);
    this.lossSquares += other.lossSquares;
    this.decisions += other.decisions;
    this.examples += other.examples;
  }
};
function addCounts(into, from, classes) {
  const cells = into.counts.length / into.cap;
  for (let cell = 0; cell < cells; cell++)
    for (let c = 0, at = cell * into.cap, j = cell * from.cap; c < classes; c++, at++, j++) {
      const sum = into.counts[at] + from.counts[j];
      if (sum > 65535) into.wraps.set(at, (into.wraps.get(at) ?? 0) + 1);
      into.counts[at] = sum;
    }
  for (const [j, n] of restrideWraps(from.wraps, from.cap, into.cap)) into.wraps.set(j, (into.wraps.get(j) ?? 0) + n);
}
function restrideWraps(wraps, oldCap, cap) {
  const out = /* @__PURE__ */ new Map();
  for (const [i, n] of wraps) out.set(Math.floor(i / oldCap) * cap + i % oldCap, n);
  return out;
}
function* wrapped(wraps, cap) {
  for (const [i, n] of wraps) yield [Math.floor(i / cap), i % cap, n * 65536];
}
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
function meanLossSe(total, squares, examples, decisions) {
  if (!(examples >= 2) || !Number.isFinite(squares)) return null;
  const mean2 = total / examples;
  const variance = Math.max(0, (squares - examples * mean2 * mean2) / (examples - 1));
  return Math.sqrt(examples * variance) / decisions;
}
function calibrationSe(ece, examples) {
  const { count, conf, hit, hitConf, confSq } = ece;
  if (!hitConf || !confSq || !(examples >= 2)) return null;
  let sum = 0;
  let squares = 0;
  for (let b = 0; b < count.length; b++) {
    if (count[b] === 0) continue;
    sum += Math.abs(hit[b] - conf[b]);
    squares += hit[b] - 2 * hitConf[b] + confSq[b];
  }
  if (!Number.isFinite(squares)) return null;
  const variance = Math.max(0, (squares - sum * sum / examples) / (examples - 1));
  return Math.sqrt(variance / examples);
}
function classCurves(pos, neg) {
  let P = 0;
  let N = 0;
  let sum = 0;
  let ties = 0;
  let below2 = 0;
  for (let b = 0; b < pos.length; b++) {
    const p = pos[b];
    const n = neg[b];
    P += p;
    const v = N + 0.5 * n;
    sum += p * v;
    below2 += p * v * v;
    ties += p * n;
    N += n;
  }
  let auc = null;
  let aucBound = null;
  if (P > 0 && N > 0) {
    auc = Math.min(1, sum / (P * N));
    aucBound = 0.5 * ties / (P * N);
  }
  if (P === 0) return { auc, aucBound, ap: null, apBound: null, aucSe: null, apSe: null };
  let above2 = 0;
  let T0 = 0;
  let F0 = 0;
  let ap = 0;
  let apBound = 0;
  for (let b = pos.length - 1; b >= 0; b--) {
    const T1 = T0 + pos[b];
    const F1 = F0 + neg[b];
    const w = T0 + 0.5 * pos[b];
    above2 += neg[b] * w * w;
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
  const apValue = Math.min(1, ap);
  return {
    auc,
    aucBound,
    ap: apValue,
    apBound: Math.min(1, apBound),
    aucSe: auc === null ? null : delongSe(auc, P, N, below2, above2),
    apSe: Math.sqrt(apValue * (1 - apValue) / P)
  };
}
function delongSe(auc, P, N, below2, above2) {
  const v10 = P > 1 ? Math.max(0, (below2 / (N * N) - P * auc * auc) / (P - 1)) : 0;
  const v01 = N > 1 ? Math.max(0, (above2 / (P * P) - N * auc * auc) / (N - 1)) : 0;
  return Math.sqrt(v10 / P + v01 / N);
}

export {
  ScoreAccumulator
};
