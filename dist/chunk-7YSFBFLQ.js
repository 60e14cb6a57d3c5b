import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  ExampleStore,
  decodeExamples,
  widthFor,
  withReportSanity
} from "./chunk-6H52OHPX.js";
import {
  TUNING_SPLITS
} from "./chunk-KSATUSI5.js";
import {
  UnknownClassError
} from "./chunk-GTK7TP36.js";
import {
  GAP_PAIRS,
  METRIC_NAMES,
  REPORT_SCHEMA
} from "./chunk-TEFQHNLO.js";
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/core/metrics/growable.ts
function maxOf(values) {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}
var Counts = class {
  data;
  size = 0;
  constructor(size = 0) {
    this.data = new Float64Array(Math.max(16, size));
    this.size = size;
  }
  get length() {
    return this.size;
  }
  /** Makes sure index `size - 1` exists. */
  ensure(size) {
    if (size <= this.size) return;
    if (size > this.data.length) {
      let cap = this.data.length;
      while (cap < size) cap *= 2;
      const next = new Float64Array(cap);
      next.set(this.data.subarray(0, this.size));
      this.data = next;
    }
    this.size = size;
  }
  /** The live backing array; valid until the next `ensure`. */
  get raw() {
    return this.data;
  }
  add(other) {
    this.ensure(other.size);
    const a = this.data;
    const b = other.data;
    for (let i = 0; i < other.size; i++) a[i] += b[i];
  }
  toArray(size = this.size) {
    const out = new Array(size).fill(0);
    for (let i = 0; i < Math.min(size, this.size); i++) out[i] = this.data[i];
    return out;
  }
};

// src/core/metrics/remap.ts
function remapExamples(ex, map) {
  const mapAll = (a) => {
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = map[a[i]];
    return out;
  };
  if (ex.task === "multiclass") {
    return {
      task: "multiclass",
      n: ex.n,
      truth: mapAll(ex.truth.subarray(0, ex.n)),
      pred: mapAll(ex.pred.subarray(0, ex.n))
    };
  }
  const sortRows = (offsets, indices) => {
    const out = mapAll(indices.subarray(0, offsets[ex.n]));
    for (let i = 0; i < ex.n; i++) if (offsets[i + 1] - offsets[i] > 1) out.subarray(offsets[i], offsets[i + 1]).sort();
    return out;
  };
  return {
    task: "multilabel",
    n: ex.n,
    truthOffsets: ex.truthOffsets.slice(0, ex.n + 1),
    truthIndices: sortRows(ex.truthOffsets, ex.truthIndices),
    predOffsets: ex.predOffsets.slice(0, ex.n + 1),
    predIndices: sortRows(ex.predOffsets, ex.predIndices)
  };
}
function remapStore(store, map, numClasses) {
  const out = new ExampleStore(store.task, numClasses);
  for (const piece of store.pieces()) out.append(remapExamples(piece, map));
  return out;
}
function isIdentity(map) {
  for (let i = 0; i < map.length; i++) if (map[i] !== i) return false;
  return true;
}

// src/core/metrics/accumulator.ts
function createAccumulator(task) {
  return task === "multiclass" ? new MulticlassAccumulator() : new MultilabelAccumulator();
}
function wrongTask(expected, got) {
  return new Error(`a ${expected} accumulator cannot take ${got} examples`);
}
var ConfusionAccumulator = class {
  tp = new Counts();
  fp = new Counts();
  fn = new Counts();
  correct = 0;
  store;
  constructor(task) {
    this.store = new ExampleStore(task);
  }
  get examples() {
    return this.store.examples;
  }
  /** Room in every per-class count for class indices below `size`; the raw arrays after it. */
  ensure(size) {
    this.tp.ensure(size);
    this.fp.ensure(size);
    this.fn.ensure(size);
    return { tp: this.tp.raw, fp: this.fp.raw, fn: this.fn.raw };
  }
  /** Adds what both tasks count of `other` (the same task); its examples come after ours. */
  mergeCounts(other) {
    this.tp.add(other.tp);
    this.fp.add(other.fp);
    this.fn.add(other.fn);
    this.correct += other.correct;
    this.store.appendStore(other.store);
  }
  predictions() {
    return this.store.toExamples();
  }
  /** The counts both tasks report. */
  sharedCounts() {
    return {
      examples: this.examples,
      tp: this.tp.toArray(),
      fp: this.fp.toArray(),
      fn: this.fn.toArray(),
      correct: this.correct
    };
  }
};
var MulticlassAccumulator = class _MulticlassAccumulator extends ConfusionAccumulator {
  task = "multiclass";
  constructor() {
    super("multiclass");
  }
  update(batch) {
    if (batch.task !== "multiclass") throw wrongTask("multiclass", batch.task);
    const n = batch.n;
    if (n === 0) return;
    const truth = batch.truth.subarray(0, n);
    const pred = batch.pred.subarray(0, n);
    const maxT = maxOf(truth);
    const maxP = maxOf(pred);
    const { tp, fp, fn } = this.ensure(Math.max(maxT, maxP) + 1);
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const t = truth[i];
      const p = pred[i];
      if (t === p) {
        tp[t]++;
        correct++;
      } else {
        fn[t]++;
        fp[p]++;
      }
    }
    this.correct += correct;
    this.store.append(batch);
  }
  merge(other) {
    if (!(other instanceof _MulticlassAccumulator)) throw wrongTask("multiclass", other.task);
    this.mergeCounts(other);
  }
  counts() {
    return {
      task: "multiclass",
      ...this.sharedCounts(),
      hammingErrors: this.examples - this.correct,
      trueLabels: this.examples,
      predLabels: this.examples,
      emptyTruth: 0,
      emptyPred: 0
    };
  }
};
var MultilabelAccumulator = class _MultilabelAccumulator extends ConfusionAccumulator {
  task = "multilabel";
  hammingErrors = 0;
  emptyTruth = 0;
  emptyPred = 0;
  constructor() {
    super("multilabel");
  }
  update(batch) {
    if (batch.task !== "multilabel") throw wrongTask("multilabel", batch.task);
    const { n, truthOffsets: to, predOffsets: po } = batch;
    const ti = batch.truthIndices.subarray(to[0], to[n]);
    const pi = batch.predIndices.subarray(po[0], po[n]);
    const maxT = maxOf(ti);
    const maxP = maxOf(pi);
    const { tp, fp, fn } = this.ensure(ti.length + pi.length > 0 ? Math.max(maxT, maxP) + 1 : 0);
    const T = batch.truthIndices;
    const P = batch.predIndices;
    for (let i = 0; i < n; i++) {
      let a = to[i];
      const aEnd = to[i + 1];
      let b = po[i];
      const bEnd = po[i + 1];
      if (a === aEnd) this.emptyTruth++;
      if (b === bEnd) this.emptyPred++;
      let errors = 0;
      let lastT = -1;
      let lastP = -1;
      while (a < aEnd || b < bEnd) {
        const t = a < aEnd ? T[a] : Infinity;
        const p = b < bEnd ? P[b] : Infinity;
        if (t === p) {
          if (t <= lastT || p <= lastP) throw unsorted();
          tp[t]++;
          lastT = t;
          lastP = p;
          a++;
          b++;
        } else if (t < p) {
          if (t <= lastT) throw unsorted();
          fn[t]++;
          lastT = t;
          errors++;
          a++;
        } else {
          if (p <= lastP) throw unsorted();
          fp[p]++;
          lastP = p;
          errors++;
          b++;
        }
      }
      if (errors === 0) this.correct++;
      this.hammingErrors += errors;
    }
    this.store.append(batch);
  }
  merge(other) {
    if (!(other instanceof _MultilabelAccumulator)) throw wrongTask("multilabel", other.task);
    this.mergeCounts(other);
    this.hammingErrors += other.hammingErrors;
    this.emptyTruth += other.emptyTruth;
    this.emptyPred += other.emptyPred;
  }
  counts() {
    return {
      task: "multilabel",
      ...this.sharedCounts(),
      hammingErrors: this.hammingErrors,
      trueLabels: this.store.trueLabels,
      predLabels: this.store.predLabels,
      emptyTruth: this.emptyTruth,
      emptyPred: this.emptyPred
    };
  }
};
function unsorted() {
  return new Error("multi-label batch: the labels of each example must be sorted and unique");
}
function accumulatorFromExamples(ex) {
  const acc = createAccumulator(ex.task);
  acc.update(ex);
  return acc;
}
function accumulatorFromSplit(split, task, classes, into) {
  if (!split.predictions) {
    throw new UsageError(
      "the split has no per-example predictions (the report was written without them); cannot rebuild it"
    );
  }
  let ex;
  try {
    ex = decodeExamples(split.predictions, classes.length);
  } catch (e) {
    throw new UsageError(`per-example predictions are damaged: ${e.message}`);
  }
  if (ex.task !== task) throw new UsageError(`per-example predictions are ${ex.task} but the report's task is ${task}`);
  const map = new Uint32Array(classes.length);
  for (let i = 0; i < classes.length; i++) {
    try {
      map[i] = into.indexOf(classes[i]);
    } catch (e) {
      if (e instanceof UnknownClassError)
        throw new UsageError(`class ${JSON.stringify(classes[i])} is not in the class list`);
      throw e;
    }
  }
  return accumulatorFromExamples(remapExamples(ex, map));
}

// src/core/metrics/confusion.ts
var DENSE_MAX = 1024;
var SPARSE_CELL_CAP = 1e4;
var TOP_CONFUSIONS = 3;
function confusionOf(truth, pred, n, numClasses, cap = SPARSE_CELL_CAP) {
  return confusionOfPieces([{ truth, pred, n }], numClasses, cap);
}
function confusionOfPieces(pieces, numClasses, cap = SPARSE_CELL_CAP) {
  const C = numClasses;
  const cells = [];
  let confusion;
  if (C <= DENSE_MAX) {
    const m = new Float64Array(C * C);
    for (const { truth, pred, n } of pieces) for (let i = 0; i < n; i++) m[truth[i] * C + pred[i]]++;
    for (let t = 0; t < C; t++)
      for (let p = 0; p < C; p++) if (t !== p && m[t * C + p] > 0) cells.push([t, p, m[t * C + p]]);
    confusion = { format: "dense", counts: Array.from(m) };
  } else {
    const map = /* @__PURE__ */ new Map();
    for (const { truth, pred, n } of pieces)
      for (let i = 0; i < n; i++) {
        if (truth[i] === pred[i]) continue;
        const k = truth[i] * C + pred[i];
        map.set(k, (map.get(k) ?? 0) + 1);
      }
    for (const [k, v] of map) cells.push([Math.floor(k / C), k % C, v]);
    confusion = { format: "sparse" };
  }
  cells.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  if (confusion.format === "sparse") {
    confusion.cells = cells.slice(0, cap);
    confusion.truncated = Math.max(0, cells.length - cap);
  }
  const topConfusions = Array.from({ length: C }, () => []);
  for (const [t, p, v] of cells) if (topConfusions[t].length < TOP_CONFUSIONS) topConfusions[t].push([p, v]);
  return { confusion, topConfusions };
}

// src/core/metrics/compute.ts
var div = (a, b) => b === 0 ? 0 : a / b;
var f1 = (p, r) => p + r === 0 ? 0 : 2 * p * r / (p + r);
function computeSplit(c, numClasses) {
  const C = numClasses;
  if (c.tp.length > C) throw new Error(`counts hold ${c.tp.length} classes but the report has ${C}`);
  const at = (a, i) => i < a.length ? a[i] : 0;
  const perClass = { tp: [], fp: [], fn: [], support: [], predicted: [], precision: [], recall: [], f1: [] };
  let sumTp = 0;
  let sumFp = 0;
  let sumFn = 0;
  let withSupport = 0;
  const macro = { p: 0, r: 0, f: 0 };
  const weighted = { p: 0, r: 0, f: 0 };
  for (let i = 0; i < C; i++) {
    const tp = at(c.tp, i);
    const fp = at(c.fp, i);
    const fn = at(c.fn, i);
    const support = tp + fn;
    const p = div(tp, tp + fp);
    const r = div(tp, support);
    const f = f1(p, r);
    perClass.tp.push(tp);
    perClass.fp.push(fp);
    perClass.fn.push(fn);
    perClass.support.push(support);
    perClass.predicted.push(tp + fp);
    perClass.precision.push(p);
    perClass.recall.push(r);
    perClass.f1.push(f);
    sumTp += tp;
    sumFp += fp;
    sumFn += fn;
    if (support > 0) {
      withSupport++;
      macro.p += p;
      macro.r += r;
      macro.f += f;
      weighted.p += p * support;
      weighted.r += r * support;
      weighted.f += f * support;
    }
  }
  const totalSupport = sumTp + sumFn;
  const pMicro = div(sumTp, sumTp + sumFp);
  const rMicro = div(sumTp, totalSupport);
  const metrics = {
    precision_micro: pMicro,
    recall_micro: rMicro,
    f1_micro: f1(pMicro, rMicro),
    precision_macro: div(macro.p, withSupport),
    recall_macro: div(macro.r, withSupport),
    f1_macro: div(macro.f, withSupport),
    precision_weighted: div(weighted.p, totalSupport),
    recall_weighted: div(weighted.r, totalSupport),
    f1_weighted: div(weighted.f, totalSupport)
  };
  const N = c.examples;
  const out = {
    examples: N,
    metrics,
    macro: { classes: withSupport, excluded: C - withSupport },
    perClass
  };
  if (c.task === "multiclass") {
    metrics.accuracy = div(c.correct, N);
    out.counts = { correct: c.correct };
  } else {
    metrics.subset_accuracy = div(c.correct, N);
    metrics.hamming_loss = div(c.hammingErrors, N * C);
    out.multilabel = {
      emptyTruth: c.emptyTruth,
      emptyPred: c.emptyPred,
      meanTrueLabels: div(c.trueLabels, N),
      meanPredLabels: div(c.predLabels, N)
    };
    out.counts = {
      subsetCorrect: c.correct,
      hammingErrors: c.hammingErrors,
      trueLabels: c.trueLabels,
      predLabels: c.predLabels
    };
  }
  out.metrics = orderMetrics(metrics);
  return out;
}
var ORDER = METRIC_NAMES;
function orderMetrics(m) {
  const out = {};
  for (const k of ORDER) if (m[k] !== void 0) out[k] = m[k];
  return out;
}

// src/core/metrics/counts.ts
function remapCounts(c, map, size) {
  const move = (a) => {
    const out = new Array(size).fill(0);
    for (let i = 0; i < a.length; i++) out[map[i]] += a[i];
    return out;
  };
  return { ...c, tp: move(c.tp), fp: move(c.fp), fn: move(c.fn) };
}

// src/core/report/fingerprint.ts
import { createHash } from "node:crypto";
function labelFingerprint(pieces, names) {
  const out = new HashBuffer();
  const utf8 = names.map((name) => Buffer.from(name, "utf8"));
  let rank;
  let row = new Uint32Array(16);
  for (const ex of pieces) {
    if (ex.task === "multiclass") {
      for (let i = 0; i < ex.n; i++) {
        out.put(utf8[ex.truth[i]]);
        out.byte(NEWLINE);
      }
      continue;
    }
    const rk = rank ??= ranks(names);
    for (let i = 0; i < ex.n; i++) {
      const start = ex.truthOffsets[i];
      const m = ex.truthOffsets[i + 1] - start;
      if (m > row.length) row = new Uint32Array(m);
      for (let k = 0; k < m; k++) {
        const c = ex.truthIndices[start + k];
        let j = k - 1;
        for (; j >= 0 && rk[row[j]] > rk[c]; j--) row[j + 1] = row[j];
        row[j + 1] = c;
      }
      for (let k = 0; k < m; k++) {
        if (k) out.byte(UNIT_SEPARATOR);
        out.put(utf8[row[k]]);
      }
      out.byte(NEWLINE);
    }
  }
  return out.digest();
}
var NEWLINE = 10;
var UNIT_SEPARATOR = 31;
var HashBuffer = class {
  hash = createHash("sha256");
  buf = Buffer.allocUnsafe(1 << 16);
  at = 0;
  put(bytes) {
    if (this.at + bytes.length > this.buf.length) {
      this.flush();
      if (bytes.length > this.buf.length) return void this.hash.update(bytes);
    }
    this.buf.set(bytes, this.at);
    this.at += bytes.length;
  }
  byte(b) {
    if (this.at === this.buf.length) this.flush();
    this.buf[this.at++] = b;
  }
  flush() {
    this.hash.update(this.buf.subarray(0, this.at));
    this.at = 0;
  }
  digest() {
    this.flush();
    return this.hash.digest("hex");
  }
};
function ranks(names) {
  const rank = new Uint32Array(names.length);
  names.map((name, c) => ({ name, c })).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0).forEach(({ c }, r) => rank[c] = r);
  return rank;
}

// src/core/report/build.ts
function buildReport(args) {
  const perm = args.classes.sortedOrder();
  const C = args.classes.size;
  const classes = new Array(C);
  for (let i = 0; i < C; i++) classes[perm[i]] = args.classes.names[i];
  const identity = isIdentity(perm);
  const splits = {};
  const observed = [...args.sanity ?? []];
  for (const { name, acc, files, scores } of args.splits) {
    if (acc.task !== args.task)
      throw new Error(`split ${JSON.stringify(name)} is ${acc.task} but the report is ${args.task}`);
    if (Object.hasOwn(splits, name)) throw new Error(`split ${JSON.stringify(name)} appears twice`);
    const raw = acc.counts();
    const counts = identity ? raw : remapCounts(raw, perm, C);
    const store = identity && acc.store.width === widthFor(C) ? acc.store : remapStore(acc.store, perm, C);
    const predictions = args.keepPredictions ?? true ? store.encode() : void 0;
    const computed = computeSplit(counts, C);
    const split = {
      ...computed,
      fingerprints: { labels: labelFingerprint(store.pieces(), classes), files }
    };
    if (store.task === "multiclass") {
      const pieces = store.pieces();
      const { confusion, topConfusions } = confusionOfPieces(pieces, C);
      split.confusion = confusion;
      split.topConfusions = topConfusions;
    }
    if (predictions) split.predictions = predictions;
    const threshFree = scores?.result(perm, C, acc.examples);
    if (threshFree) split.scores = threshFree;
    const scoreCounts = args.shard && threshFree && scores?.counts(perm, C, acc.examples);
    if (scoreCounts) split.scoreCounts = scoreCounts;
    else if (scores?.problem)
      observed.push({
        level: "info",
        split: name,
        code: "no-threshold-free-metrics",
        message: `no ROC-AUC, average precision, log-loss or calibration: ${scores.problem}`
      });
    const tuningCounts = args.shard && threshFree && isTuningSplit(name) && scores?.tuningClassCounts(perm, C, acc.examples);
    if (tuningCounts) split.tuningCounts = tuningCounts;
    splits[name] = split;
  }
  const sanity = withReportSanity(observed, args.task, classes, splits);
  const report = {
    schema: REPORT_SCHEMA,
    tool: { name: "modelgate", version: args.toolVersion },
    createdAt: args.createdAt,
    ...args.commit !== void 0 && { commit: args.commit },
    ...args.source !== void 0 && { source: args.source },
    task: args.task,
    classes,
    ...args.thresholds !== void 0 && { thresholds: args.thresholds },
    splits,
    gaps: computeGaps(splits),
    ...args.shard && { shard: { index: args.shard.index, count: args.shard.count } },
    ...sanity.length > 0 && { sanity },
    ...args.leakage && { leakage: args.leakage }
  };
  return report;
}
function computeGaps(splits) {
  const gaps = {};
  for (const g of GAP_PAIRS) {
    if (!Object.hasOwn(splits, g.minuend) || !Object.hasOwn(splits, g.subtrahend)) continue;
    const a = splits[g.minuend];
    const b = splits[g.subtrahend];
    const out = {};
    for (const k of Object.keys(a.metrics)) {
      const x = a.metrics[k];
      const y = b.metrics[k];
      if (typeof x === "number" && typeof y === "number") out[k] = x - y;
    }
    gaps[g.name] = out;
  }
  return gaps;
}
function isTuningSplit(name) {
  return name === TUNING_SPLITS.from || name === TUNING_SPLITS.to;
}

export {
  createAccumulator,
  accumulatorFromExamples,
  accumulatorFromSplit,
  labelFingerprint,
  confusionOf,
  computeSplit,
  buildReport,
  computeGaps
};
