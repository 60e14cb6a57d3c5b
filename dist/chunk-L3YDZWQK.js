import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  allowedWorsening
} from "./chunk-SDVFDVTO.js";
import {
  lgamma,
  logBinomPmf,
  normalCdf,
  normalQuantile,
  orderSplits,
  pts,
  quoteName
} from "./chunk-TTVUQ5IT.js";
import {
  METRIC_NAMES
} from "./chunk-TEFQHNLO.js";

// src/core/stats/rng.ts
function splitmix32(state) {
  state.s = state.s + 2654435769 | 0;
  let z = state.s;
  z = Math.imul(z ^ z >>> 16, 2246822507);
  z = Math.imul(z ^ z >>> 13, 3266489909);
  return (z ^ z >>> 16) >>> 0;
}
function hashString(s, h = 2166136261) {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
var Rng = class {
  s0;
  s1;
  s2;
  s3;
  constructor(seed, stream = "") {
    const st = { s: seed ^ hashString(stream) | 0 };
    this.s0 = splitmix32(st);
    this.s1 = splitmix32(st);
    this.s2 = splitmix32(st);
    this.s3 = splitmix32(st);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }
  /** xoshiro128**: next unsigned 32-bit integer. */
  nextU32() {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul(x << 7 | x >>> 25, 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = this.s3 << 11 | this.s3 >>> 21;
    return result;
  }
  /** Uniform in [0, 1) with 53 random bits. */
  uniform() {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
  /**
   * Fills out[g] with a Poisson(counts[g]) draw. The common case, a single example
   * (Poisson(1)), is inlined: xoshiro128** on local state and a lookup on the word's top 16
   * bits, with poisson1's exact path for the rare words near a threshold. The same words give
   * the same draws as poisson1 would.
   */
  fillPoisson(counts, out) {
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const lut = POISSON1_TOP16;
    for (let g = 0; g < counts.length; g++) {
      if (counts[g] !== 1) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        out[g] = poisson(this, counts[g]);
        s0 = this.s0;
        s1 = this.s1;
        s2 = this.s2;
        s3 = this.s3;
        continue;
      }
      const x = Math.imul(s1, 5);
      const u = Math.imul(x << 7 | x >>> 25, 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = s3 << 11 | s3 >>> 21;
      const k = lut[u >>> 16];
      if (k >= 0) out[g] = k;
      else {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        out[g] = poisson1From(u >>> 0, this);
        s0 = this.s0;
        s1 = this.s1;
        s2 = this.s2;
        s3 = this.s3;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
  /** Uniform integer in [0, n) for n <= 2^32 (rejection: no modulo bias). */
  below(n) {
    const limit = 4294967296 - 4294967296 % n;
    for (; ; ) {
      const u = this.nextU32();
      if (u < limit) return u % n;
    }
  }
};
var POISSON1_CDF = (() => {
  const out = [];
  let p = Math.exp(-1);
  let F = p;
  for (let k = 0; k < 40 && F < 1; k++) {
    out.push(F);
    p /= k + 1;
    F += p;
  }
  out.push(1);
  return Float64Array.from(out);
})();
var POISSON1_T32 = POISSON1_CDF.map((F) => Math.floor(F * 4294967296));
var POISSON1_TOP16 = (() => {
  const lut = new Int8Array(65536);
  let k = 0;
  for (let b = 0; b < 65536; b++) {
    const lo = b * 65536;
    const hi = lo + 65535;
    while (lo > POISSON1_T32[k]) k++;
    const below = k === 0 ? -1 : POISSON1_T32[k - 1];
    lut[b] = lo > below && hi < POISSON1_T32[k] ? k : -1;
  }
  return lut;
})();
function poisson1(rng) {
  return poisson1From(rng.nextU32(), rng);
}
function poisson1From(u, rng) {
  let k = 0;
  while (u > POISSON1_T32[k]) k++;
  if (u === POISSON1_T32[k]) {
    const x = (u + rng.nextU32() / 4294967296) / 4294967296;
    while (x >= POISSON1_CDF[k]) k++;
  }
  return k;
}
function fillPoisson(rng, counts, out) {
  rng.fillPoisson(counts, out);
}
function poisson(rng, lambda) {
  if (lambda === 1) return poisson1(rng);
  if (lambda <= 0) return 0;
  if (lambda < 10) {
    const u = rng.uniform();
    let k = 0;
    let p = Math.exp(-lambda);
    let F = p;
    while (u >= F && p > 0) {
      k++;
      p *= lambda / k;
      F += p;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (; ; ) {
    const U = rng.uniform() - 0.5;
    const V = rng.uniform();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor((2 * a / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || us < 0.013 && V > us) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1))
      return k;
  }
}

// src/core/stats/bootstrap.ts
var GroupBuilder = class {
  constructor(width) {
    this.width = width;
  }
  width;
  byKey = /* @__PURE__ */ new Map();
  count = [];
  offsets = [0];
  index = [];
  value = [];
  /** Adds one example. `contribute` is called only for the first example of a group. */
  add(key, contribute) {
    const g = this.byKey.get(key);
    if (g !== void 0) {
      this.count[g]++;
      return;
    }
    this.byKey.set(key, this.count.length);
    this.count.push(1);
    contribute((i, v) => {
      if (i < 0 || i >= this.width) throw new RangeError(`contribution index ${i} outside the accumulator`);
      this.index.push(i);
      this.value.push(v);
    });
    this.offsets.push(this.index.length);
  }
  build() {
    return {
      width: this.width,
      size: this.count.length,
      count: Float64Array.from(this.count),
      offsets: Uint32Array.from(this.offsets),
      index: Uint32Array.from(this.index),
      value: Float64Array.from(this.value)
    };
  }
};
function pointEstimate(groups, nStats, statistic) {
  const acc = new Float64Array(groups.width);
  for (let g = 0; g < groups.size; g++) {
    const w = groups.count[g];
    for (let j = groups.offsets[g]; j < groups.offsets[g + 1]; j++) acc[groups.index[j]] += w * groups.value[j];
  }
  const out = new Float64Array(nStats);
  statistic(acc, out);
  return out;
}
function poissonBootstrap(groups, resamples, rng, nStats, statistic) {
  const results = Array.from({ length: nStats }, () => new Float64Array(resamples));
  const acc = new Float64Array(groups.width);
  const out = new Float64Array(nStats);
  const { count, offsets, index, value, size } = groups;
  const weights = new Int32Array(size);
  const unit = value.every((v) => v === 1);
  for (let r = 0; r < resamples; r++) {
    fillPoisson(rng, count, weights);
    acc.fill(0);
    if (unit)
      for (let g = 0; g < size; g++) {
        const w = weights[g];
        if (w === 0) continue;
        for (let j = offsets[g], end = offsets[g + 1]; j < end; j++) acc[index[j]] += w;
      }
    else
      for (let g = 0; g < size; g++) {
        const w = weights[g];
        if (w === 0) continue;
        for (let j = offsets[g], end = offsets[g + 1]; j < end; j++) acc[index[j]] += w * value[j];
      }
    statistic(acc, out);
    for (let s = 0; s < nStats; s++) results[s][r] = out[s];
  }
  return results;
}
function quantileSorted(sorted, q) {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
function percentileInterval(values, level) {
  const finite = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length < 2) return null;
  const sorted = Float64Array.from(finite).sort();
  const a = (1 - level) / 2;
  return { lo: quantileSorted(sorted, a), hi: quantileSorted(sorted, 1 - a), level };
}

// src/core/compare/resample.ts
var BOOT_METRICS = METRIC_NAMES;
var M = BOOT_METRICS.length;
function layout(U) {
  return { N: 8 * U, bExact: 8 * U + 1, hExact: 8 * U + 2, width: 8 * U + 3 };
}
function buildGroups(p) {
  const U = p.classes;
  const L = layout(U);
  const gb = new GroupBuilder(L.width);
  if (p.task === "multiclass") {
    const numericKey = U * U * U < Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < p.n; i++) {
      const t = p.truth[i];
      const pb = p.base[i];
      const ph = p.head[i];
      const key = numericKey ? (t * U + pb) * U + ph : `${t},${pb},${ph}`;
      gb.add(key, (push) => {
        push(8 * t + (1 | (pb === t ? 2 : 0) | (ph === t ? 4 : 0)), 1);
        if (pb !== t) push(8 * pb + (2 | (ph === pb ? 4 : 0)), 1);
        if (ph !== t && ph !== pb) push(8 * ph + 4, 1);
      });
    }
    return gb.build();
  }
  const flags = new Uint8Array(U);
  const touched = [];
  for (let i = 0; i < p.n; i++) {
    const mark = (idx, s, e, bit) => {
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
    let key = "";
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
        bErr += f & 1 ^ f >> 1 & 1;
        hErr += f & 1 ^ f >> 2 & 1;
      }
      if (bErr === 0) push(L.bExact, 1);
      if (hErr === 0) push(L.hExact, 1);
    });
  }
  return gb.build();
}
var div = (a, b) => b > 0 ? a / b : 0;
var SIDES = {
  base: { tp: [3, 7], fp: [2, 6], fn: [1, 5] },
  head: { tp: [5, 7], fp: [4, 6], fn: [1, 3] }
};
function sideMetrics(acc, U, side, N, exact, hamClasses, out, off) {
  const [t1, t2] = side.tp, [p1, p2] = side.fp, [n1, n2] = side.fn;
  let TP = 0, FP = 0, FN = 0;
  let pMacro = 0, rMacro = 0, fMacro = 0, k = 0;
  let pW = 0, rW = 0, fW = 0, S = 0;
  for (let c = 0, o = 0; c < U; c++, o += 8) {
    const tp = acc[o + t1] + acc[o + t2], fp = acc[o + p1] + acc[o + p2], fn = acc[o + n1] + acc[o + n2];
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
  const n = exact === null ? TP + FN : N;
  const ex = exact === null ? TP : exact;
  if (n === 0) {
    out.fill(NaN, off, off + M);
    return;
  }
  out[off + 0] = div(ex, n);
  out[off + 1] = div(ex, n);
  out[off + 2] = div(FP + FN, n * hamClasses);
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
function statisticFor(p, baseClasses, headClasses) {
  const U = p.classes;
  const L = layout(U);
  const ml = p.task === "multilabel";
  return (acc, out) => {
    const N = acc[L.N];
    sideMetrics(acc, U, SIDES.base, N, ml ? acc[L.bExact] : null, baseClasses, out, 0);
    sideMetrics(acc, U, SIDES.head, N, ml ? acc[L.hExact] : null, headClasses, out, M);
  };
}
function bootstrapSplit(p, split, resamples, seed, baseClasses, headClasses) {
  const groups = buildGroups(p);
  const stat = statisticFor(p, baseClasses, headClasses);
  const values = poissonBootstrap(groups, resamples, new Rng(seed, `split:${split}`), 2 * M, stat);
  const point = pointEstimate(groups, 2 * M, stat);
  const pick = (f) => Object.fromEntries(BOOT_METRICS.map((m, i) => [m, f(i)]));
  return {
    resamples,
    base: pick((i) => values[i]),
    head: pick((i) => values[M + i]),
    point: { base: pick((i) => point[i]), head: pick((i) => point[M + i]) }
  };
}
function selfPaired(ex, toUnion, classes) {
  const map = (a) => a.map((i) => toUnion[i]);
  if (ex.task === "multiclass") {
    const pred2 = map(ex.pred);
    return { task: "multiclass", n: ex.n, classes, truth: map(ex.truth), base: pred2, head: pred2 };
  }
  const pred = map(ex.predIndices);
  return {
    task: "multilabel",
    n: ex.n,
    classes,
    truthOffsets: ex.truthOffsets,
    truth: map(ex.truthIndices),
    baseOffsets: ex.predOffsets,
    base: pred,
    headOffsets: ex.predOffsets,
    head: pred
  };
}
function bootstrapUnpaired(base, head, split, resamples, seed, baseClasses, headClasses) {
  const b = bootstrapSplit(base, `${split}/base`, resamples, seed, baseClasses, headClasses);
  const h = bootstrapSplit(head, `${split}/head`, resamples, seed, baseClasses, headClasses);
  return { resamples, base: b.base, head: h.head, point: { base: b.point.base, head: h.point.head } };
}
function bootstrapBandRecall(p, split, resamples, seed, bandOf, bands) {
  const groups = buildGroups(p);
  const sumBase = new Float64Array(bands);
  const sumHead = new Float64Array(bands);
  const count = new Float64Array(bands);
  const stat = (acc, out) => {
    sumBase.fill(0);
    sumHead.fill(0);
    count.fill(0);
    for (let c = 0, o = 0; c < p.classes; c++, o += 8) {
      const band = bandOf[c];
      if (band < 0) continue;
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

// src/core/stats/binomial.ts
var NEGLIGIBLE = 1e-17;
function tailFrom(from, n, p, up) {
  const logFirst = logBinomPmf(from, n, p);
  if (logFirst === -Infinity) return 0;
  const odds = p / (1 - p);
  let term = 1;
  let sum = 1;
  if (up) {
    for (let k = from; k < n; k++) {
      term *= (n - k) / (k + 1) * odds;
      sum += term;
      if (term < sum * NEGLIGIBLE) break;
    }
  } else {
    for (let k = from; k > 0; k--) {
      term *= k / (n - k + 1) / odds;
      sum += term;
      if (term < sum * NEGLIGIBLE) break;
    }
  }
  return Math.exp(logFirst + Math.log(sum));
}
function binomialUpperTail(k, n, p = 0.5) {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0)
    throw new RangeError("binomial tail needs integer k and n >= 0");
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (k > n * p) return Math.min(1, tailFrom(k, n, p, true));
  return Math.max(0, 1 - tailFrom(k - 1, n, p, false));
}
function mcnemarOneSided(b, c) {
  return binomialUpperTail(b, b + c, 0.5);
}

// src/core/compare/seeds.ts
function metricRun(split, metric) {
  return (splits) => {
    const v = splits[split]?.metrics[metric];
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  };
}
function runValues(r, value) {
  const runs = r.replicates?.map((rep) => value(rep.splits));
  if (runs && runs.every((v) => v !== null)) return runs;
  const own = value(r.splits);
  return own === null ? [] : [own];
}
var mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
var squares = (v) => {
  const m = mean(v);
  return v.reduce((a, x) => a + (x - m) * (x - m), 0);
};
function seedAdjusted(base, head, baseValue, headValue, ci, level) {
  const b = runValues(base, baseValue);
  const h = runValues(head, headValue);
  if (b.length === 0 || h.length === 0 || b.length < 2 && h.length < 2) return null;
  const df = b.length - 1 + (h.length - 1);
  const sd = Math.sqrt((squares(b) + squares(h)) / df);
  const delta = mean(h) - mean(b);
  const out = { base: mean(b), head: mean(h), delta, seeds: { base: b.length, head: h.length, sd } };
  if (!ci) return out;
  const own = (h[0] ?? 0) - (b[0] ?? 0);
  const seedHalf = normalQuantile(1 - (1 - level) / 2) * sd * Math.sqrt(1 / b.length + 1 / h.length);
  const widen = (half) => Math.sqrt(half * half + seedHalf * seedHalf);
  out.ci = { lo: delta - widen(own - ci.lo), hi: delta + widen(ci.hi - own), level: ci.level };
  return out;
}
function seedPValues(s) {
  const z = normalQuantile(1 - (1 - s.ci.level) / 2);
  const p = (toward, half) => half > 0 ? normalCdf(-toward / (half / z)) : toward > 0 ? 0 : 1;
  return { down: p(-s.delta, s.ci.hi - s.delta), up: p(s.delta, s.delta - s.ci.lo) };
}

// src/core/compare/bands.ts
var EPS = 1e-12;
var NOT_JUDGED = /* @__PURE__ */ new Set(["ignored", "added", "removed"]);
function signTestTwoSided(k, n) {
  if (n === 0) return 1;
  const far = Math.max(k, n - k);
  if (2 * far === n) return 1;
  return Math.min(1, 2 * binomialUpperTail(far, n, 0.5));
}
function bandIndex(support, edges) {
  let i = 0;
  while (i < edges.length && support >= edges[i]) i++;
  return i;
}
function unpairedMacroInterval(base, head, level) {
  const m = base.length + head.length;
  const z = normalQuantile(1 - (1 - level) / 2);
  let estimate = 0;
  let variance = 0;
  const add = (sides, sign) => {
    const c = 1 / sides.length;
    for (const s of sides) {
      const n = s.support + 4 / m;
      const p = (s.found + 2 / m) / n;
      estimate += sign * c * p;
      variance += c * c * p * (1 - p) / n;
    }
  };
  add(head, 1);
  add(base, -1);
  const half = z * Math.sqrt(variance);
  return { lo: estimate - half, hi: estimate + half, level };
}
function countedClasses(rows, union, edges) {
  const at = new Map(union.names.map((n, i) => [n, i]));
  const out = [];
  for (const r of rows) {
    if (NOT_JUDGED.has(r.status) || r.delta === null || !r.base || !r.head) continue;
    if (r.base.support === 0 || r.head.support === 0) continue;
    out.push({ union: at.get(r.name), base: r.base, head: r.head, band: bandIndex(r.base.support, edges) });
  }
  return out;
}
function bandRun(split, inBand, index, side) {
  return (splits) => {
    const tp = splits[split]?.perClass?.tp;
    if (!tp) return null;
    let sum = 0;
    for (const c of inBand) {
      const found = tp[index[c.union]];
      if (found === void 0) return null;
      sum += found / c[side].support;
    }
    return sum / inBand.length;
  };
}
var bandName = (min, max) => max === null ? `\u2265${min.toLocaleString("en-US")}` : min === 0 ? `<${max}` : `${min}\u2013${max - 1}`;
function bandLabel(b, many) {
  return `${many} with ${bandName(b.min, b.max)} positives`;
}
function minBandPositives(confidence) {
  return Math.ceil(Math.log2(2 / (1 - confidence)) - 1e-9);
}
function judgeBand(band, rules, split, many) {
  const th = rules.classes.bands.maxDrop;
  const drop = -band.delta;
  if (band.tooFew) return { level: "ok" };
  if (!band.ci || !(band.ci.hi < 0) || !(drop > EPS)) return { level: "ok" };
  const failAt = th.fail ? allowedWorsening(th.fail, band.base) : null;
  const warnAt = th.warn ? allowedWorsening(th.warn, band.base) : null;
  const limit = failAt !== null && drop > failAt + EPS ? failAt : warnAt !== null && drop > warnAt + EPS ? warnAt : null;
  if (limit === null) return { level: "ok" };
  const signed = (x) => `${x > 0 ? "+" : ""}${pts(x)}`;
  const ci = `[${signed(band.ci.lo)}, ${signed(band.ci.hi)}]`;
  return {
    level: limit === failAt ? "fail" : "warn",
    reason: `${split}: ${bandLabel(band, many)} (${band.classes}) lost ${pts(drop)} pts of macro recall ${ci}, beyond the ${pts(limit)} pt limit`
  };
}
function bandIntervals(counted, nBands, pairedSplit, split, rules, unpairedWhy) {
  const conf = rules.bootstrap.confidence;
  if (pairedSplit && rules.bootstrap.resamples >= 2) {
    const bandOf = new Int32Array(pairedSplit.classes).fill(-1);
    for (const c of counted) bandOf[c.union] = c.band;
    const values = bootstrapBandRecall(
      pairedSplit,
      split,
      rules.bootstrap.resamples,
      rules.bootstrap.seed,
      bandOf,
      nBands
    );
    return {
      cis: values.map((v) => percentileInterval(v, conf) ?? void 0),
      how: "paired bootstrap over the examples (the resamples of the headline intervals)"
    };
  }
  const cis = Array.from({ length: nBands }, (_, b) => {
    const inBand = counted.filter((c) => c.band === b);
    if (!inBand.length) return void 0;
    return unpairedMacroInterval(
      inBand.map((c) => c.base),
      inBand.map((c) => c.head),
      conf
    );
  });
  return { cis, how: `unpaired adjusted Wald interval on the class counts (${unpairedWhy})` };
}
function judgeClassAggregates(base, head, union, splits, rows, paired, why, rules) {
  const many = base.task === "multilabel" ? "labels" : "classes";
  const edges = rules.classes.bands?.edges ?? [];
  const aggregates = [];
  const findings = [];
  for (const split of splits) {
    const counted = countedClasses(
      rows.filter((r) => r.split === split),
      union,
      edges
    );
    const fell = counted.filter((c) => c.head.found / c.head.support < c.base.found / c.base.support).length;
    const rose = counted.filter((c) => c.head.found / c.head.support > c.base.found / c.base.support).length;
    const agg = {
      split,
      fell,
      rose,
      unchanged: counted.length - fell - rose,
      signP: signTestTwoSided(fell, fell + rose),
      bands: [],
      interval: "",
      oneBand: false
    };
    aggregates.push(agg);
    if (!rules.classes.bands || counted.length === 0) continue;
    const nBands = edges.length + 1;
    const populated = new Set(counted.map((c) => c.band));
    agg.oneBand = populated.size < 2;
    if (agg.oneBand) continue;
    const { cis, how } = bandIntervals(
      counted,
      nBands,
      paired.get(split) ?? null,
      split,
      rules,
      why.get(split) ?? "no per-example data"
    );
    agg.interval = how;
    for (let b = 0; b < nBands; b++) {
      const inBand = counted.filter((c) => c.band === b);
      if (!inBand.length) continue;
      const mean2 = (f) => inBand.reduce((s, c) => s + f(c), 0) / inBand.length;
      const band = {
        min: b === 0 ? 0 : edges[b - 1],
        max: b < edges.length ? edges[b] : null,
        classes: inBand.length,
        positives: inBand.reduce((s, c) => s + c.base.support, 0),
        base: mean2((c) => c.base.found / c.base.support),
        head: mean2((c) => c.head.found / c.head.support),
        delta: 0,
        level: "ok"
      };
      band.delta = band.head - band.base;
      if (band.positives < minBandPositives(rules.bootstrap.confidence)) band.tooFew = true;
      if (cis[b]) band.ci = cis[b];
      const seeds = seedAdjusted(
        base,
        head,
        bandRun(split, inBand, union.inBase, "base"),
        bandRun(split, inBand, union.inHead, "head"),
        cis[b],
        rules.bootstrap.confidence
      );
      if (seeds) {
        Object.assign(band, { base: seeds.base, head: seeds.head, delta: seeds.delta });
        if (seeds.ci) band.ci = seeds.ci;
      }
      const judged = judgeBand(band, rules, split, many);
      band.level = judged.level;
      if (judged.reason) {
        band.reason = judged.reason;
        findings.push({ level: judged.level, category: 3, rank: band.delta, text: judged.reason });
      }
      agg.bands.push(band);
    }
  }
  return { aggregates, findings };
}

// src/core/compare/suggestions.ts
var SUGGEST_MIN_GAIN = 0.02;
function thresholdSuggestion(head) {
  const t = head.thresholdTuning;
  if (!t || t.classesTuned === 0 || !(t.tuned.recall - t.current.recall >= SUGGEST_MIN_GAIN - 1e-12)) return null;
  if (sameExamples(head, t.from, t.to)) return null;
  return {
    from: t.from,
    to: t.to,
    objective: t.objective,
    ...t.minPrecision !== void 0 && { minPrecision: t.minPrecision },
    classesTuned: t.classesTuned,
    recall: { current: t.current.recall, tuned: t.tuned.recall },
    precision: { current: t.current.precision, tuned: t.tuned.precision }
  };
}
function sameExamples(r, a, b) {
  const [fa, fb] = [r.splits[a]?.fingerprints, r.splits[b]?.fingerprints];
  if (!fa || !fb) return false;
  const files = (f) => f.files.map((x) => x.sha256).join(",");
  return fa.labels === fb.labels || fa.files.length > 0 && files(fa) === files(fb);
}
var pct = (x) => `${(100 * x).toFixed(1)}%`;
function suggestionText(s) {
  const goal = s.objective === "f1" ? "the highest F1" : `the highest recall at precision \u2265 ${pct(s.minPrecision ?? 0)}`;
  const dp = s.precision.tuned - s.precision.current;
  return `Per-class thresholds would raise ${s.to} macro recall from ${pct(s.recall.current)} to ${pct(s.recall.tuned)} (+${pts(s.recall.tuned - s.recall.current)} pts; macro precision ${pct(s.precision.current)} \u2192 ${pct(s.precision.tuned)}, ${dp >= 0 ? "+" : "\u2212"}${pts(Math.abs(dp))} pts), with a threshold of its own for ${s.classesTuned} class${s.classesTuned === 1 ? "" : "es"} chosen on ${s.from} for ${goal}. Run modelgate thresholds --split ${s.from}=\u2026 --split ${s.to}=\u2026 --out thresholds.json and give the file as per-class-threshold.`;
}

// src/core/compare/diagnostics.ts
var AP_HELD = 0.01;
var AP_RESOLVED = 0.05;
var RANKING_DROP = 0.01;
var LOG_LOSS_RISE = 0.1;
var ECE_RISE = 0.02;
function judgeDiagnostics(base, head, cmp, rules) {
  const leak = leakageDeltas(base, head, rules);
  const z = normalQuantile(1 - (1 - rules.bootstrap.confidence) / 2);
  const scores = scoreDeltas(base, head, cmp, z);
  const { effects: thresholdEffects, rankingDrops } = base ? thresholdEffectsOf(base, head, cmp) : { effects: [], rankingDrops: [] };
  const diagnostics = { leakage: leak.rows, scores, thresholdEffects, rankingDrops };
  const classScores = classScoreDeltas(base, head);
  if (classScores.length) diagnostics.classScores = classScores;
  const thresholds = thresholdSuggestion(head);
  if (thresholds) diagnostics.thresholds = thresholds;
  if (head.leakage) diagnostics.leakageKey = head.leakage.key;
  if (head.leakage && head.leakage.sampled < 1) diagnostics.leakageSampled = head.leakage.sampled;
  return { diagnostics, findings: leak.findings };
}
function pairKey(p) {
  return JSON.stringify(p.splits);
}
function leakageDeltas(base, head, rules) {
  const rows = [];
  const findings = [];
  if (!head.leakage) return { rows, findings };
  const before = new Map((base?.leakage?.pairs ?? []).map((p) => [pairKey(p), p]));
  const comparable = !!base?.leakage && base.leakage.key === head.leakage.key;
  for (const p of head.leakage.pairs) {
    const b = comparable ? before.get(pairKey(p)) : void 0;
    const baseCount = b ? b.count : null;
    const grew = p.count > 0 && comparable && (baseCount === null || p.count > baseCount);
    const limit = rules.leakage;
    const level = limit.level === "off" ? null : limit.level;
    const judged = grew && level !== null && p.share > limit.minShare;
    const row = {
      splits: p.splits,
      base: baseCount,
      head: p.count,
      share: p.share,
      examples: p.examples,
      status: p.count === 0 ? "none" : !comparable ? "unknown" : grew ? baseCount ? "more" : "new" : "same",
      level: judged ? level : "ok"
    };
    if (judged) {
      row.reason = `${leakWords(p, head.leakage)}${baseCount ? ` (base: ${baseCount})` : " (none in the base)"}: the ${p.splits[1]} scores are optimistic`;
      findings.push({ level, category: 0, rank: -p.share, text: row.reason });
    }
    rows.push(row);
  }
  return { rows, findings };
}
function leakWords(p, l) {
  const est = l.sampled < 1 ? "about " : "";
  return `${est}${p.count} example${p.count === 1 ? "" : "s"} of ${p.splits[1]} (${pts(p.share)}%) also occur${p.count === 1 ? "s" : ""} in ${p.splits[0]}, by ${l.key === "id" ? "id" : "identical features"}`;
}
var METRICS = [
  { metric: "roc_auc_macro", higherIsBetter: true, of: (s) => s.rocAucMacro, se: (s) => macroSe(s.rocAuc, s.rocAucSe) },
  {
    metric: "average_precision_macro",
    higherIsBetter: true,
    of: (s) => s.averagePrecisionMacro,
    se: (s) => macroSe(s.averagePrecision, s.averagePrecisionSe)
  },
  { metric: "log_loss", higherIsBetter: false, of: (s) => s.logLoss, se: (s) => s.logLossSe ?? null },
  { metric: "ece", higherIsBetter: false, of: (s) => s.ece, se: (s) => s.eceSe ?? null }
];
function macroSe(values, ses) {
  if (!ses) return null;
  let sum = 0;
  let k = 0;
  for (let c = 0; c < values.length; c++) {
    if (values[c] === null) continue;
    const se = ses[c];
    if (se === null || se === void 0) return null;
    sum += se;
    k++;
  }
  return k ? sum / k : null;
}
function noiseBand(seBase, seHead, z) {
  if (seBase === null && seHead === null) return null;
  const b = seBase ?? seHead;
  const h = seHead ?? seBase;
  return z * Math.sqrt(b * b + h * h);
}
function notable(metric, base, head) {
  if (metric === "log_loss") return head - base > LOG_LOSS_RISE * base && head - base > 0.01;
  if (metric === "ece") return head - base > ECE_RISE;
  return base - head > RANKING_DROP;
}
function scoreDeltas(base, head, cmp, z) {
  const rows = [];
  for (const split of orderSplits(Object.keys(head.splits))) {
    const hs = head.splits[split];
    const bs = base?.splits[split]?.scores ?? null;
    const h = hs.scores ?? null;
    if (!h && !bs) continue;
    const same = cmp.sameExamples[split] === true;
    const context = cmp.headline.some((r) => r.split === split && r.role === "context");
    for (const m of METRICS) {
      const bv = bs ? m.of(bs) : null;
      const hv = h ? m.of(h) : null;
      const delta = bv !== null && hv !== null ? hv - bv : null;
      const noise = bs && h ? noiseBand(m.se(bs), m.se(h), z) : null;
      const beyondNoise = delta !== null && (noise === null || Math.abs(delta) > noise);
      rows.push({
        split,
        metric: m.metric,
        higherIsBetter: m.higherIsBetter,
        base: bv,
        head: hv,
        delta,
        noise,
        worse: same && !context && bv !== null && hv !== null && notable(m.metric, bv, hv) && beyondNoise
      });
    }
  }
  return rows;
}
function classScoreDeltas(base, head) {
  const rows = [];
  const bIdx = new Map((base?.classes ?? []).map((n, i) => [n, i]));
  for (const split of orderSplits(Object.keys(head.splits))) {
    const hs = head.splits[split].scores;
    if (!hs) continue;
    const bs = base?.splits[split]?.scores ?? null;
    head.classes.forEach((name, hi) => {
      const bi = bIdx.get(name);
      const apBase = bs && bi !== void 0 ? bs.averagePrecision[bi] ?? null : null;
      const apHead = hs.averagePrecision[hi] ?? null;
      rows.push({
        split,
        name,
        apBase,
        apHead,
        apDelta: apBase !== null && apHead !== null ? apHead - apBase : null,
        rocAucBase: bs && bi !== void 0 ? bs.rocAuc[bi] ?? null : null,
        rocAucHead: hs.rocAuc[hi] ?? null
      });
    });
  }
  return rows;
}
function thresholdEffectsOf(base, head, cmp) {
  const out = [];
  const rankingDrops = [];
  const bIdx = new Map(base.classes.map((n, i) => [n, i]));
  const hIdx = new Map(head.classes.map((n, i) => [n, i]));
  const effect = effectPhrase(cmp.task);
  for (const split of cmp.splits.both) {
    const bs = base.splits[split].scores;
    const hs = head.splits[split].scores;
    if (!bs || !hs || !cmp.sameExamples[split]) continue;
    const classAp = (name) => {
      const bi = bIdx.get(name);
      const hi = hIdx.get(name);
      if (bi === void 0 || hi === void 0) return null;
      const apMove = apChange(
        bs.averagePrecision[bi],
        bs.averagePrecisionBound[bi],
        hs.averagePrecision[hi],
        hs.averagePrecisionBound[hi]
      );
      const aucMove = apChange(bs.rocAuc[bi], bs.rocAucBound[bi], hs.rocAuc[hi], hs.rocAucBound[hi]);
      return apMove === "fell" || aucMove !== "fell" ? apMove : null;
    };
    const macro = cmp.headline.find((r) => r.split === split && r.metric === "recall_macro");
    const fallers = cmp.classes.filter((c) => c.split === split && c.delta !== null && c.delta < 0 && bIdx.has(c.name) && hIdx.has(c.name)).map((c) => classAp(c.name));
    const fallersHeld = fallers.every(notWorse);
    const held = fallers.includes("rose") ? "held or rose" : "held";
    if (macro && macro.level !== "ok" && fallersHeld && notWorse(apChange(bs.averagePrecisionMacro, meanBound(bs), hs.averagePrecisionMacro, meanBound(hs))))
      out.push({
        split,
        className: null,
        recallDelta: macro.delta,
        apBase: bs.averagePrecisionMacro,
        apHead: hs.averagePrecisionMacro,
        text: `${split}: macro recall fell ${pts(-macro.delta)} pts while the average precision of every class that fell ${held} (macro ${ap(bs.averagePrecisionMacro)} \u2192 ${ap(hs.averagePrecisionMacro)}): ${effect}, not a ranking regression`
      });
    for (const c of cmp.classes) {
      if (c.split !== split || !recallFell(c)) continue;
      const change = classAp(c.name);
      if (change === null) continue;
      const [b, h] = [bs.averagePrecision[bIdx.get(c.name)], hs.averagePrecision[hIdx.get(c.name)]];
      if (change === "fell") {
        rankingDrops.push({
          split,
          className: c.name,
          recallDelta: c.delta,
          apBase: b,
          apHead: h,
          text: `${split}: ${quoteName(c.name)} also lost ranking: its average precision fell ${ap(b)} \u2192 ${ap(h)}, so its scores order its examples worse (${rankingCause(cmp.task)})`
        });
        continue;
      }
      out.push({
        split,
        className: c.name,
        recallDelta: c.delta,
        apBase: b,
        apHead: h,
        text: `${split}: recall of ${cmp.task === "multilabel" ? "label" : "class"} ${quoteName(c.name)} fell ${pts(-c.delta)} pts while its average precision ${change} (${ap(b)} \u2192 ${ap(h)}): ${effect}, not a ranking regression`
      });
    }
  }
  return { effects: out, rankingDrops };
}
function effectPhrase(task) {
  return task === "multilabel" ? "a threshold effect" : "a shift between classes at the arg-max";
}
function rankingCause(task) {
  return task === "multilabel" ? "what the model learned changed, not only the decision" : "not only the arg-max's decision; in a softmax a shift of another class's prior lowers it too";
}
var notWorse = (c) => c === "held" || c === "rose";
function apChange(b, bBound, h, hBound) {
  if (b === null || h === null) return null;
  const bounds = (bBound ?? 0) + (hBound ?? 0);
  if (h - b < -(AP_HELD + bounds)) return "fell";
  if (h - b > AP_HELD + bounds) return "rose";
  return Math.abs(h - b) <= AP_HELD && bounds <= AP_RESOLVED ? "held" : null;
}
function meanBound(s) {
  const known = s.averagePrecisionBound.filter((x) => x !== null);
  return known.length ? known.reduce((a, x) => a + x, 0) / known.length : 0;
}
function recallFell(c) {
  const s = c.recallStatus ?? c.status;
  return (s === "regression" || s === "catastrophic") && c.delta !== null && c.delta < 0;
}
var ap = (x) => x.toFixed(3);

export {
  mcnemarOneSided,
  percentileInterval,
  bootstrapSplit,
  selfPaired,
  bootstrapUnpaired,
  metricRun,
  runValues,
  seedAdjusted,
  seedPValues,
  bandName,
  judgeClassAggregates,
  suggestionText,
  AP_HELD,
  judgeDiagnostics,
  effectPhrase,
  rankingCause
};
