import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  openPredictions
} from "./chunk-JU3MACUJ.js";
import {
  ownedRows,
  ownsExample,
  pickExamples,
  shardSize
} from "./chunk-J5VWRRYV.js";
import {
  DEFAULT_THRESHOLD,
  checkThresholdKeys,
  parseThreshold
} from "./chunk-EGE46RNV.js";
import {
  ScoreThread,
  scoreThreadFor
} from "./chunk-J2V27CF6.js";
import {
  ScoreAccumulator
} from "./chunk-UUFAK5VJ.js";
import {
  VERSION
} from "./chunk-4L747AVC.js";
import {
  buildReport,
  createAccumulator
} from "./chunk-7YSFBFLQ.js";
import {
  TUNING_SPLITS,
  tuningSummary
} from "./chunk-KSATUSI5.js";
import {
  InputError
} from "./chunk-R7VUTDUK.js";
import {
  ScoreHistograms
} from "./chunk-L4A26YP5.js";
import {
  orderSplits
} from "./chunk-TTVUQ5IT.js";
import {
  ClassIndex,
  UnknownClassError
} from "./chunk-GTK7TP36.js";
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
  /** Splits whose examples had no key (prediction files without ids): no pair with them is told. */
  unkeyed = /* @__PURE__ */ new Set();
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
    if (cur.keyed !== cur.examples && this.keyKind === "id") this.unkeyed.add(cur.name);
    this.tracker.endSplit();
    this.current = null;
  }
  /**
   * Leakage between the pairs of splits whose examples all had keys: a split without ids leaves
   * out its own pairs only (one file without ids turned the check off for every pair, so a head
   * that dropped train's ids hid validation's examples leaked into test); none when no pair is left.
   */
  leakage() {
    if (this.splits < 2) return void 0;
    const r = this.tracker.result();
    const pairs = r.pairs.filter((p) => !this.unkeyed.has(p.splits[0]) && !this.unkeyed.has(p.splits[1]));
    return pairs.length ? { ...r, pairs } : void 0;
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
function pickBatch(b, rows) {
  const picked = pickExamples(b, rows);
  if (b.ids) picked.ids = pickIds(b.ids, rows);
  return picked;
}
function pickIds({ bytes, ends }, rows) {
  const start = (r) => r === 0 ? 0 : ends[r - 1];
  const outEnds = new Uint32Array(rows.length);
  let size = 0;
  rows.forEach((r, i) => outEnds[i] = size += ends[r] - start(r));
  const out = new Uint8Array(size);
  rows.forEach((r, i) => out.set(bytes.subarray(start(r), ends[r]), i === 0 ? 0 : outEnds[i - 1]));
  return { bytes: out, ends: outEnds };
}
function shardPredictions(stream, s) {
  return {
    ...stream,
    batches: ownBatches(stream.batches, s, pickBatch),
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
    // Shard i of n owns rows i - 1, i - 1 + n, ... (core/shard.ts's ownedRows).
    fileRow: (k) => s.index - 1 + k * s.count,
    ...stream.rowName ? { rowName: stream.rowName } : {},
    close: () => stream.close(),
    fingerprints: () => stream.fingerprints()
  };
}
function shardScores(sink, s) {
  let k = 0;
  return {
    scores: (values, from, n, cls) => {
      if (ownsExample(s, k)) sink.scores(values, from, n, cls);
    },
    // The readers end every example once, with or without scores.
    end: (truth, from, to) => {
      if (ownsExample(s, k++)) sink.end(truth, from, to);
    }
  };
}

// src/pipeline/threshold-tuning.ts
var ThresholdTuning = class {
  /** `enabled` false (a shard: its report carries the histograms instead, for the merge) gathers nothing. */
  constructor(enabled = true) {
    this.enabled = enabled;
  }
  enabled;
  scores = /* @__PURE__ */ new Map();
  /** A split's scores once read (`examples`: all its examples; every one must have been scored). */
  finished(split, counted, examples) {
    if (this.enabled && (split === TUNING_SPLITS.from || split === TUNING_SPLITS.to))
      this.scores.set(split, { counted, examples });
  }
  /** The summary, when both splits were multi-label probabilities throughout and every threshold is on the grid. */
  summary(task, classNames, threshold, perClass) {
    if (task !== "multilabel" || !this.scores.has(TUNING_SPLITS.from) || !this.scores.has(TUNING_SPLITS.to))
      return void 0;
    const [from, to] = [TUNING_SPLITS.from, TUNING_SPLITS.to].map((name) => this.histograms(name));
    if (!from || !to) return void 0;
    const current = classNames.map((n) => perClass && Object.hasOwn(perClass, n) ? perClass[n] : threshold);
    return tuningSummary({ from, to }, TUNING_SPLITS, current) ?? void 0;
  }
  histograms(split) {
    const got = this.scores.get(split);
    const counts = got?.counted.tuningCounts();
    if (!got || !counts || counts.examples === 0 || counts.examples !== got.examples) return null;
    const h = new ScoreHistograms(counts.bins);
    h.add(counts);
    return h;
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
  const withScores = opts.scoreDiagnostics !== false;
  const tuning = new ThresholdTuning(!opts.shard && withScores);
  const readSplit = async (name, path, scores, sink) => {
    const opened = await openPredictions(path, {
      scores: sink,
      classes,
      task,
      threshold,
      perClassThreshold: opts.perClassThreshold,
      onProgress: opts.onProgress && ((rows) => opts.onProgress(name, rows))
    });
    const keyed = { ...opened, batches: keyedBatches(opened.batches, diagnostics) };
    const stream = opts.shard ? shardPredictions(keyed, opts.shard) : keyed;
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
        stream.recycle?.(batch);
      }
    } catch (e) {
      if (e instanceof UnknownClassError)
        throw new InputError(path, null, `class ${JSON.stringify(e.className)} is not in the class list`);
      throw e;
    }
    return { acc, stream };
  };
  for (const { name, path } of splits) {
    const scores = diagnostics.beginSplit(name);
    const workerFile = opts.shard || !withScores ? null : scoreThreadFor(path, opts.scoreThreadMinBytes, opts.cores);
    const thread = workerFile ? new ScoreThread(workerFile, scores) : void 0;
    let read;
    try {
      const own = withScores ? scores : void 0;
      read = await readSplit(name, path, scores, thread ?? (opts.shard && own ? shardScores(own, opts.shard) : own));
      thread?.finish();
    } finally {
      thread?.stop();
    }
    const { acc, stream } = read;
    diagnostics.endSplit();
    opts.onProgress?.(name, acc.examples);
    tuning.finished(name, scores, acc.examples);
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
async function* keyedBatches(batches, diagnostics) {
  for await (const b of batches) {
    diagnostics.batch(b);
    yield b;
  }
}

export {
  DiagnosticsCollector,
  shardFeatures,
  ThresholdTuning,
  checkSplitNames,
  evaluatePredictionFiles
};
