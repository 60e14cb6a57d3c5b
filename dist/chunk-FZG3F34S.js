import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  ScoreHistograms,
  openPredictions,
  teeSinks
} from "./chunk-23XBZCLM.js";
import {
  DEFAULT_THRESHOLD,
  checkThresholdKeys,
  parseThreshold,
  tuningSummary
} from "./chunk-E2WPSSV3.js";
import {
  ownedRows,
  pickExamples,
  shardSize
} from "./chunk-J5VWRRYV.js";
import {
  VERSION
} from "./chunk-R5665HUH.js";
import {
  buildReport,
  createAccumulator
} from "./chunk-LIN75FJA.js";
import {
  InputError
} from "./chunk-R7VUTDUK.js";
import {
  orderSplits
} from "./chunk-GVEIAIM2.js";
import {
  ClassIndex,
  UnknownClassError
} from "./chunk-GODDRDQM.js";
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/core/diagnostics/hash64.ts
var SEED_1 = 3735928559;
var SEED_2 = 1103547991;
function finish(h1, h2, out) {
  h1 = Math.imul(h1 ^ h1 >>> 16, 2246822507);
  h1 ^= Math.imul(h2 ^ h2 >>> 13, 3266489909);
  h2 = Math.imul(h2 ^ h2 >>> 16, 2246822507);
  h2 ^= Math.imul(h1 ^ h1 >>> 13, 3266489909);
  out.hi = h1 >>> 0;
  out.lo = h2 >>> 0;
  return out;
}
function hashBytes(b, start, end, out = { hi: 0, lo: 0 }) {
  const len = end - start;
  let h1 = SEED_1 ^ len;
  let h2 = SEED_2 ^ len;
  for (let i = start; i < end; i++) {
    const c = b[i];
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
    h1 ^= h1 >>> 15;
    h2 ^= h2 >>> 15;
  }
  return finish(h1, h2, out);
}
function hashWords(words, start, len, out = { hi: 0, lo: 0 }) {
  let h1 = SEED_1 ^ len;
  let h2 = SEED_2 ^ len;
  for (let i = start, end = start + len; i < end; i++) {
    const w = words[i];
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
    h1 ^= h1 >>> 15;
    h2 ^= h2 >>> 15;
  }
  return finish(h1, h2, out);
}

// src/core/diagnostics/leakage.ts
var LEAKAGE_MAX_KEYS = 4e6;
var LEAKAGE_EXAMPLES = 5;
var KeySet = class _KeySet {
  hi;
  lo;
  /** How many examples have the key of each slot. */
  counts;
  size = 0;
  constructor(capacity) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.counts = new Uint32Array(cap);
  }
  slot(hi, lo) {
    const mask = this.hi.length - 1;
    let i = (lo ^ Math.imul(hi, 2654435761)) & mask;
    while (this.hi[i] !== 0 || this.lo[i] !== 0) {
      if (this.hi[i] === hi && this.lo[i] === lo) return i;
      i = i + 1 & mask;
    }
    return i;
  }
  add(hi, lo, times = 1) {
    if (hi === 0 && lo === 0) lo = 1;
    const i = this.slot(hi, lo);
    if (this.hi[i] === 0 && this.lo[i] === 0) {
      this.hi[i] = hi;
      this.lo[i] = lo;
      this.size++;
    }
    this.counts[i] += times;
  }
  /** Examples with this key. */
  count(hi, lo) {
    if (hi === 0 && lo === 0) lo = 1;
    return this.counts[this.slot(hi, lo)];
  }
  has(hi, lo) {
    return this.count(hi, lo) > 0;
  }
  /** Examples of this set whose key `other` holds. */
  examplesIn(other) {
    let n = 0;
    for (let i = 0; i < this.hi.length; i++)
      if (this.counts[i] > 0 && other.has(this.hi[i], this.lo[i])) n += this.counts[i];
    return n;
  }
  /** The keys kept by a stricter sampling level. */
  filtered(keep) {
    const out = new _KeySet(this.size);
    for (let i = 0; i < this.hi.length; i++)
      if (this.counts[i] > 0 && keep(this.hi[i])) out.add(this.hi[i], this.lo[i], this.counts[i]);
    return out;
  }
};
var KeyList = class {
  hi = new Uint32Array(1024);
  lo = new Uint32Array(1024);
  length = 0;
  push(hi, lo) {
    if (this.length === this.hi.length) {
      const h = new Uint32Array(this.length * 2);
      const l = new Uint32Array(this.length * 2);
      h.set(this.hi);
      l.set(this.lo);
      this.hi = h;
      this.lo = l;
    }
    this.hi[this.length] = hi;
    this.lo[this.length++] = lo;
  }
  filter(keep) {
    let w = 0;
    for (let i = 0; i < this.length; i++)
      if (keep(this.hi[i])) {
        this.hi[w] = this.hi[i];
        this.lo[w++] = this.lo[i];
      }
    this.length = w;
  }
};
var LeakageTracker = class {
  /**
   * `order` puts two split names in reading order (train before validation before test): each
   * pair counts the examples of the later one found in the earlier one, whatever the order the
   * splits were read in.
   */
  constructor(key, order = () => 0, maxKeys = LEAKAGE_MAX_KEYS) {
    this.key = key;
    this.order = order;
    this.maxKeys = maxKeys;
  }
  key;
  order;
  maxKeys;
  done = [];
  current = null;
  /** Keys are kept when their top `level` bits are zero. */
  level = 0;
  pairs = [];
  kept = (hi) => this.level === 0 || hi >>> 32 - this.level === 0;
  beginSplit(name) {
    if (this.current) throw new Error("LeakageTracker: a split is already open");
    this.current = { name, examples: 0, keys: new KeyList(), named: this.done.map(() => []) };
  }
  /** One example of the open split; `label` names it (only called when it leaked and is listed). */
  add(key, label) {
    const cur = this.current;
    cur.examples++;
    const { hi, lo } = key;
    for (let d = 0; d < this.done.length; d++)
      if (cur.named[d].length < LEAKAGE_EXAMPLES && this.done[d].keys.has(hi, lo)) cur.named[d].push(label());
    if (!this.kept(hi)) return;
    cur.keys.push(hi, lo);
    if (this.total() + cur.keys.length > this.maxKeys) this.tighten();
  }
  total() {
    return this.done.reduce((a, d) => a + d.keys.size, 0);
  }
  /** Halves the sampled share until the keys fit under the cap. */
  tighten() {
    const cur = this.current;
    while (this.level < 32 && this.total() + cur.keys.length > this.maxKeys) {
      this.level++;
      for (const d of this.done) d.keys = d.keys.filtered(this.kept);
      cur.keys.filter(this.kept);
    }
  }
  endSplit() {
    const cur = this.current;
    this.current = null;
    const scale = 2 ** this.level;
    const keys = new KeySet(cur.keys.length);
    for (let i = 0; i < cur.keys.length; i++) keys.add(cur.keys.hi[i], cur.keys.lo[i]);
    this.done.forEach((d, k) => {
      const reversed = this.order(cur.name, d.name) < 0;
      const [first, later] = reversed ? [cur, d] : [d, cur];
      const hits = reversed ? d.keys.examplesIn(keys) : keys.examplesIn(d.keys);
      const count = Math.min(later.examples, Math.round(hits * scale));
      this.pairs.push({
        splits: [first.name, later.name],
        count,
        share: later.examples ? count / later.examples : 0,
        // The examples named are those read second; by id (or content) they are in both splits.
        examples: count > 0 ? cur.named[k] : []
      });
    });
    this.done.push({ name: cur.name, examples: cur.examples, keys });
  }
  result() {
    let falseMatches = 0;
    for (let a = 0; a < this.done.length; a++)
      for (let b = a + 1; b < this.done.length; b++)
        falseMatches += this.done[a].examples * this.done[b].examples / 2 ** 64;
    return { key: this.key, sampled: 2 ** -this.level, falseMatches, pairs: this.pairs };
  }
};

// src/core/diagnostics/scores.ts
var SCORE_BINS = 2400;
var LOG2_ODDS_RANGE = 18;
var ECE_BINS = 15;
var LOG_LOSS_EPS = 2220446049250313e-31;
var SCALE = SCORE_BINS / (2 * LOG2_ODDS_RANGE);
var BITS = new Float64Array(1);
var HIGH = new Uint32Array(BITS.buffer, 4, 1);
function fastLog2(x) {
  BITS[0] = x;
  const hi = HIGH[0];
  return (hi >>> 20) - 1023 + (hi & 1048575) / 1048576;
}
var FLOOR = 2 ** -19;
function scoreBin(s) {
  if (s < FLOOR) return 0;
  if (s >= 1) return SCORE_BINS - 1;
  const z = s <= 0.5 ? fastLog2(s) + 2 * s : -(fastLog2(1 - s) + 2 * (1 - s));
  const b = Math.floor((z + LOG2_ODDS_RANGE) * SCALE);
  return b < 0 ? 0 : b >= SCORE_BINS ? SCORE_BINS - 1 : b;
}
var clip = (p) => p < LOG_LOSS_EPS ? LOG_LOSS_EPS : p > 1 - LOG_LOSS_EPS ? 1 - LOG_LOSS_EPS : p;
var ScoreAccumulator = class {
  /** Set once the split's task is known, before its first example ends. */
  constructor(task = "multiclass") {
    this.task = task;
  }
  task;
  /**
   * Positives' and negatives' counts, bin-major ([bin * cap + class]): most scores of an example
   * fall in a few bins, so consecutive classes touch neighbouring counts (4x faster than class-major).
   */
  pos = new Uint32Array(0);
  neg = new Uint32Array(0);
  cap = 0;
  /** Class indices that were scored (1) and so have a histogram. */
  scored = new Uint8Array(0);
  isTrue = new Uint8Array(0);
  pendingClass = new Uint32Array(64);
  pendingValue = new Float64Array(64);
  pending = 0;
  /** One more than the largest class index scored so far. */
  top = 0;
  logLossSum = 0;
  /**
   * Multi-label: the product of the likelihoods not yet in logLossSum. One Math.log per few hundred
   * scores instead of one per score (`npm run bench -- speed`), and more accurate than a running sum
   * of 48.5M logs: on the bench's 100k x 485 data, 4e-15 from an exact sum (math.fsum) instead of 1e-10.
   */
  likelihood = 1;
  /** Multiclass: examples; multi-label: label decisions (example x scored class). */
  decisions = 0;
  eceCount = new Float64Array(ECE_BINS);
  eceConf = new Float64Array(ECE_BINS);
  eceHit = new Float64Array(ECE_BINS);
  /** Examples that came with scores. */
  examples = 0;
  /** Why no threshold-free metric can be given (set once; later scores are ignored). */
  problem = null;
  score(cls, value) {
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
  scores(values, from, n, cls) {
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
  end(truth, from, to) {
    const n = this.pending;
    this.pending = 0;
    if (this.problem !== null || n === 0) return;
    let top = this.top;
    for (let i = from; i < to; i++) if (truth[i] >= top) top = truth[i] + 1;
    this.reserve(top);
    for (let i = from; i < to; i++) this.isTrue[truth[i]] = 1;
    if (this.task === "multiclass") this.endMulticlass(n);
    else this.endMultilabel(n);
    for (let i = from; i < to; i++) this.isTrue[truth[i]] = 0;
    this.examples++;
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
    this.neg = restride(this.neg);
    this.scored = grown(this.scored, cap);
    this.isTrue = grown(this.isTrue, cap);
    this.cap = cap;
  }
  /** One class's histogram (positives or negatives) by bin. */
  column(h, c) {
    const out = new Float64Array(SCORE_BINS);
    for (let bin = 0; bin < SCORE_BINS; bin++) out[bin] = h[bin * this.cap + c];
    return out;
  }
  endMulticlass(n) {
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
  endMultilabel(n) {
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
      if (likelihood < 1e-280) {
        this.logLossSum -= Math.log(likelihood);
        likelihood = 1;
      }
      const b = s * ECE_BINS >= ECE_BINS - 1 ? ECE_BINS - 1 : Math.floor(s * ECE_BINS);
      eceCount[b]++;
      eceConf[b] += s;
      eceHit[b] += y;
    }
    this.likelihood = likelihood;
    this.decisions += n;
  }
  calibrate(conf, hit) {
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
      eceBins: ECE_BINS
    };
  }
};
function grown(a, length) {
  const next = new a.constructor(length);
  next.set(a);
  return next;
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

// src/core/diagnostics/collect.ts
var ID_MAX = 200;
var UTF8 = new TextDecoder();
var DiagnosticsCollector = class {
  constructor(keyKind) {
    this.keyKind = keyKind;
    this.tracker = new LeakageTracker(keyKind, (a, b) => a === b ? 0 : orderSplits([a, b])[0] === a ? -1 : 1);
  }
  keyKind;
  tracker;
  key = { hi: 0, lo: 0 };
  splits = 0;
  /** False once a split had examples without a key: leakage cannot be told then. */
  keyed = true;
  current = null;
  /** Starts a split; its scores accumulator is the reader's (or runner's) ScoreSink, then goes to the report builder. */
  beginSplit(name) {
    this.tracker.beginSplit(name);
    this.splits++;
    this.current = { name, keyed: 0, examples: 0, rows: 0 };
    return new ScoreAccumulator();
  }
  /** A batch of decisions (with its ids when the reader had them). */
  batch(b) {
    const cur = this.current;
    cur.examples += b.n;
    if (this.keyKind !== "id" || !b.ids) return;
    const { bytes, ends } = b.ids;
    for (let i = 0, start = 0; i < ends.length; start = ends[i++]) {
      const [s, e] = [start, ends[i]];
      this.tracker.add(hashBytes(bytes, s, e, this.key), () => {
        const id = UTF8.decode(bytes.subarray(s, e));
        return id.length > ID_MAX ? `${id.slice(0, ID_MAX - 1)}\u2026` : id;
      });
    }
    cur.keyed += ends.length;
  }
  /** Model runs: `n` examples' features (row-major float32, `size` per example), keyed by their bits. */
  features(x, n, size) {
    const cur = this.current;
    const split = cur.name;
    const words = new Uint32Array(x.buffer, x.byteOffset, n * size);
    for (let i = 0; i < n; i++) {
      const row = ++cur.rows;
      this.tracker.add(hashWords(words, i * size, size, this.key), () => `${split} row ${row}`);
    }
    cur.keyed += n;
  }
  endSplit() {
    const cur = this.current;
    if (cur.keyed !== cur.examples && this.keyKind === "id") this.keyed = false;
    this.tracker.endSplit();
    this.current = null;
  }
  /** Leakage between the splits, when there were two or more and every example had a key. */
  leakage() {
    return this.splits > 1 && this.keyed ? this.tracker.result() : void 0;
  }
};

// src/io/shard.ts
async function* ownBatches(batches, s, pick) {
  let first = 0;
  for await (const b of batches) {
    const rows = ownedRows(s, first, b.n);
    first += b.n;
    if (rows.length) yield pick(b, rows);
  }
}
function shardPredictions(stream, s) {
  return {
    ...stream,
    batches: ownBatches(stream.batches, s, pickExamples),
    fingerprint: () => stream.fingerprint()
  };
}
function pickFeatures(featureSize) {
  return (b, rows) => {
    const x = new Float32Array(rows.length * featureSize);
    rows.forEach((r, i) => x.set(b.x.subarray(r * featureSize, (r + 1) * featureSize), i * featureSize));
    if (b.truth) return { n: rows.length, x, truth: Uint32Array.from(rows, (r) => b.truth[r]) };
    const labels = pickExamples(
      {
        task: "multilabel",
        n: b.n,
        truthOffsets: b.truthOffsets,
        truthIndices: b.truthIndices,
        predOffsets: b.truthOffsets,
        predIndices: b.truthIndices
      },
      rows
    );
    return { n: rows.length, x, truthOffsets: labels.truthOffsets, truthIndices: labels.truthIndices };
  };
}
function shardFeatures(stream, s) {
  const featureSize = stream.featureShape.reduce((a, b) => a * b, 1);
  return {
    featureShape: stream.featureShape,
    task: stream.task,
    count: stream.count === null ? null : shardSize(s, stream.count),
    batches: ownBatches(stream.batches, s, pickFeatures(featureSize)),
    close: () => stream.close(),
    fingerprints: () => stream.fingerprints()
  };
}

// src/pipeline/threshold-tuning.ts
var TUNING_SPLITS = { from: "validation", to: "test" };
var ThresholdTuning = class {
  /** `enabled` false (a shard, whose rows the readers see whole) gathers nothing. */
  constructor(enabled = true) {
    this.enabled = enabled;
  }
  enabled;
  hist = /* @__PURE__ */ new Map();
  examples = /* @__PURE__ */ new Map();
  /** The sink for a split's scores, or undefined when the split or the task cannot use one. */
  sinkFor(split, task) {
    if (!this.enabled || task === "multiclass") return void 0;
    if (split !== TUNING_SPLITS.from && split !== TUNING_SPLITS.to) return void 0;
    const h = new ScoreHistograms();
    this.hist.set(split, h);
    return h;
  }
  /** Examples of a split once read: every one must have been scored. */
  finished(split, examples) {
    this.examples.set(split, examples);
  }
  /** The summary, when both splits were multi-label scores throughout and every threshold is on the grid. */
  summary(task, classNames, threshold, perClass) {
    if (task !== "multilabel") return void 0;
    const from = this.hist.get(TUNING_SPLITS.from);
    const to = this.hist.get(TUNING_SPLITS.to);
    if (!from || !to) return void 0;
    for (const [name, h] of [[TUNING_SPLITS.from, from], [TUNING_SPLITS.to, to]])
      if (h.examples === 0 || h.examples !== this.examples.get(name)) return void 0;
    const current = classNames.map((n) => perClass && Object.hasOwn(perClass, n) ? perClass[n] : threshold);
    return tuningSummary({ from, to }, TUNING_SPLITS, current) ?? void 0;
  }
};

// src/pipeline/evaluate.ts
function checkSplitNames(splits) {
  if (splits.length === 0) throw new UsageError("no splits to evaluate; give at least one split as NAME=PATH");
  const names = /* @__PURE__ */ new Set();
  for (const s of splits) {
    if (!s.name || !s.name.trim())
      throw new UsageError(`split name is empty for ${JSON.stringify(s.path)}; expected NAME=PATH`);
    if (s.name in Object.prototype)
      throw new UsageError(`split name ${JSON.stringify(s.name)} is reserved; choose another name (e.g. test)`);
    if (names.has(s.name))
      throw new UsageError(`split ${JSON.stringify(s.name)} is given twice; split names must be unique`);
    names.add(s.name);
  }
}
async function evaluatePredictionFiles(splits, opts = {}) {
  checkSplitNames(splits);
  const threshold = parseThreshold(opts.threshold ?? DEFAULT_THRESHOLD, "threshold");
  const classes = new ClassIndex(opts.classes ?? [], opts.classes !== void 0);
  const checkKeys = () => opts.perClassThreshold && checkThresholdKeys(opts.perClassThreshold, classes.names, opts.perClassThresholdFile ?? "per-class thresholds");
  if (opts.classes) checkKeys();
  let task = opts.task;
  let taskFrom = "--task";
  const done = [];
  const diagnostics = new DiagnosticsCollector("id");
  const tuning = new ThresholdTuning(!opts.shard);
  for (const { name, path } of splits) {
    const scores = diagnostics.beginSplit(name);
    const opened = await openPredictions(path, {
      scores: teeSinks(opts.shard ? void 0 : scores, tuning.sinkFor(name, task)),
      classes,
      task,
      threshold,
      perClassThreshold: opts.perClassThreshold,
      onProgress: opts.onProgress && ((rows) => opts.onProgress(name, rows))
    });
    const stream = opts.shard ? shardPredictions(opened, opts.shard) : opened;
    if (task === void 0) {
      task = stream.task;
      taskFrom = `split ${JSON.stringify(name)}`;
    } else if (stream.task !== task) {
      throw new InputError(
        path,
        null,
        `holds ${stream.task} predictions but ${taskFrom} is ${task}; use one task for every split (--task)`
      );
    }
    const acc = createAccumulator(task);
    scores.task = task;
    try {
      for await (const batch of stream.batches) {
        acc.update(batch);
        diagnostics.batch(batch);
      }
    } catch (e) {
      if (e instanceof UnknownClassError)
        throw new InputError(path, null, `class ${JSON.stringify(e.className)} is not in the class list`);
      throw e;
    }
    diagnostics.endSplit();
    opts.onProgress?.(name, acc.examples);
    tuning.finished(name, acc.examples);
    done.push({ name, acc, files: [stream.fingerprint()], scores });
  }
  checkKeys();
  const thresholdTuning = tuning.summary(task, classes.names, threshold, opts.perClassThreshold);
  const report = buildReport({
    task,
    classes,
    splits: done,
    ...task === "multilabel" && {
      thresholds: {
        default: threshold,
        ...opts.perClassThreshold && Object.keys(opts.perClassThreshold).length > 0 && { perClass: { ...opts.perClassThreshold } }
      }
    },
    commit: opts.commit,
    source: opts.source ?? "predictions",
    createdAt: opts.createdAt ?? (/* @__PURE__ */ new Date()).toISOString(),
    toolVersion: VERSION,
    keepPredictions: opts.keepPredictions,
    leakage: diagnostics.leakage(),
    shard: opts.shard
  });
  if (thresholdTuning) report.thresholdTuning = thresholdTuning;
  return report;
}

export {
  DiagnosticsCollector,
  shardFeatures,
  ThresholdTuning,
  checkSplitNames,
  evaluatePredictionFiles
};
