import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  GAP_PAIRS,
  METRIC_NAMES
} from "./chunk-TEFQHNLO.js";
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/core/compare/rules.ts
function chosenSplits(available, choice) {
  if (choice === "all") return available;
  return choice && available.filter((s) => choice.includes(s));
}
var ALL_METRICS = METRIC_NAMES;
var GAP_NAMES = GAP_PAIRS.map((g) => g.name);
var pts = (v) => ({ value: v / 100, relative: false });
function defaultRules(task) {
  const metrics = [
    task === "multilabel" ? "subset_accuracy" : "accuracy",
    "recall_macro",
    "recall_micro",
    "f1_macro"
  ];
  return {
    headline: { metrics, splits: null, maxDrop: { default: { warn: pts(1), fail: pts(2) } } },
    gaps: { metrics: [...metrics], maxIncrease: { default: { warn: pts(2), fail: pts(5) } } },
    classes: {
      splits: null,
      minDrop: 0.05,
      minSupport: 1,
      ignore: [],
      precision: false,
      catastrophic: { minFound: 5, level: "fail" },
      bands: { edges: [10, 100, 1e3], maxDrop: { warn: pts(2), fail: pts(5) } }
    },
    fdr: { level: 0.05, method: "bh" },
    bootstrap: { resamples: 1e3, seed: 1, confidence: 0.95 },
    leakage: { level: "warn", minShare: 0 }
  };
}
var Parser = class {
  constructor(origin) {
    this.origin = origin;
  }
  origin;
  fail(path, msg) {
    throw new UsageError(`${this.origin}: ${path ? `${path}: ` : ""}${msg}`);
  }
  object(v, path, keys) {
    if (typeof v !== "object" || v === null || Array.isArray(v))
      this.fail(path, `expected a mapping with keys ${keys.join(", ")}`);
    for (const k of Object.keys(v))
      if (!keys.includes(k))
        this.fail(path ? `${path}.${k}` : k, `unknown key '${k}'; expected one of ${keys.join(", ")}`);
    return v;
  }
  number(v, path, min, max, integer = false) {
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isFinite(n) || n < min || n > max || integer && !Number.isInteger(n))
      this.fail(path, `expected ${integer ? "an integer" : "a number"} from ${min} to ${max}, got ${show(v)}`);
    return n;
  }
  boolean(v, path) {
    if (typeof v === "boolean") return v;
    if (v === "true") return true;
    if (v === "false") return false;
    this.fail(path, `expected true or false, got ${show(v)}`);
  }
  /** A list, or a comma-separated string (as action inputs give them). */
  list(v, path) {
    if (typeof v === "string")
      return v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
    if (!Array.isArray(v)) this.fail(path, `expected a list, got ${show(v)}`);
    return v.map((x, i) => {
      if (typeof x !== "string" && typeof x !== "number")
        this.fail(`${path}[${i}]`, `expected a string, got ${show(x)}`);
      return String(x);
    });
  }
  metrics(v, path, task) {
    const names = this.list(v, path);
    const allowed = ALL_METRICS.filter(
      (m) => task === "multilabel" ? m !== "accuracy" : m !== "subset_accuracy" && m !== "hamming_loss"
    );
    return names.map((m, i) => {
      if (!allowed.includes(m))
        this.fail(`${path}[${i}]`, `unknown metric '${m}' for a ${task} report; expected one of ${allowed.join(", ")}`);
      return m;
    });
  }
  /** 2, "2", "2pt", "2 pts" = 2 points; "5%" = 5% of the base value; null / "off" = disabled. */
  limit(v, path) {
    if (v === null || v === "off" || v === false) return null;
    if (typeof v === "number") return { value: this.number(v, path, 0, 100) / 100, relative: false };
    if (typeof v === "string") {
      const m = /^\s*(\d+(?:\.\d+)?)\s*(%|pts?|points?)?\s*$/.exec(v);
      if (m) {
        const value = this.number(Number(m[1]), path, 0, m[2] === "%" ? 1e3 : 100) / 100;
        return { value, relative: m[2] === "%" };
      }
    }
    this.fail(
      path,
      `expected points (e.g. 2 or "2pt"), a percentage of the base value (e.g. "5%") or off, got ${show(v)}`
    );
  }
  threshold(v, path, fallback) {
    if (typeof v === "number" || typeof v === "string") return { warn: fallback.warn, fail: this.limit(v, path) };
    const o = this.object(v, path, ["warn", "fail"]);
    return {
      warn: "warn" in o ? this.limit(o.warn, `${path}.warn`) : fallback.warn,
      fail: "fail" in o ? this.limit(o.fail, `${path}.fail`) : fallback.fail
    };
  }
  thresholds(v, path, defaults, validKey) {
    if (typeof v === "number" || typeof v === "string")
      return { ...defaults, default: this.threshold(v, path, defaults.default) };
    const o = v;
    if (typeof v !== "object" || v === null || Array.isArray(v))
      this.fail(path, "expected a mapping of metric names to { warn, fail }");
    const out = { ...defaults };
    if ("default" in o) out.default = this.threshold(o.default, `${path}.default`, defaults.default);
    for (const [k, t] of Object.entries(o)) {
      if (k === "default") continue;
      const err = validKey(k);
      if (err) this.fail(`${path}.${k}`, err);
      out[k] = this.threshold(t, `${path}.${k}`, out.default);
    }
    return out;
  }
};
function show(v) {
  const s = typeof v === "string" ? `'${v}'` : JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
function parseRules(obj, origin, task) {
  const r = defaultRules(task);
  if (obj === null || obj === void 0) return r;
  const p = new Parser(origin);
  const top = p.object(obj, "", ["headline", "gaps", "classes", "fdr", "bootstrap", "leakage"]);
  const metricKey = (k) => ALL_METRICS.includes(k) ? null : `unknown metric '${k}'; expected one of ${ALL_METRICS.join(", ")}`;
  if (top.headline !== void 0) {
    const h = Array.isArray(top.headline) || typeof top.headline === "string" ? { metrics: top.headline, path: "headline" } : { ...p.object(top.headline, "headline", ["metrics", "splits", "max-drop"]), path: "headline.metrics" };
    if (h.metrics !== void 0) r.headline.metrics = p.metrics(h.metrics, h.path, task);
    if (h.splits !== void 0)
      r.headline.splits = h.splits === null ? null : h.splits === "all" ? "all" : p.list(h.splits, "headline.splits");
    if (h["max-drop"] !== void 0)
      r.headline.maxDrop = p.thresholds(h["max-drop"], "headline.max-drop", r.headline.maxDrop, (k) => {
        const dot = k.lastIndexOf(".");
        return metricKey(dot >= 0 ? k.slice(dot + 1) : k);
      });
  }
  r.gaps.metrics = [...r.headline.metrics];
  if (top.gaps !== void 0) {
    const g = p.object(top.gaps, "gaps", ["metrics", "max-increase"]);
    if (g.metrics !== void 0) r.gaps.metrics = p.metrics(g.metrics, "gaps.metrics", task);
    if (g["max-increase"] !== void 0)
      r.gaps.maxIncrease = p.thresholds(g["max-increase"], "gaps.max-increase", r.gaps.maxIncrease, (k) => {
        if (GAP_NAMES.includes(k)) return null;
        const dot = k.indexOf(".");
        if (dot > 0 && GAP_NAMES.includes(k.slice(0, dot))) return metricKey(k.slice(dot + 1));
        if (ALL_METRICS.includes(k)) return null;
        return `unknown gap or metric '${k}'; expected one of ${GAP_NAMES.join(", ")}, a metric, or '<gap>.<metric>'`;
      });
  }
  if (top.classes !== void 0) {
    const c = p.object(top.classes, "classes", [
      "splits",
      "min-drop",
      "min-support",
      "ignore",
      "precision",
      "catastrophic",
      "bands"
    ]);
    if (c.splits !== void 0)
      r.classes.splits = c.splits === null ? null : c.splits === "all" ? "all" : p.list(c.splits, "classes.splits");
    if (c["min-drop"] !== void 0) r.classes.minDrop = p.number(c["min-drop"], "classes.min-drop", 0, 100) / 100;
    if (c["min-support"] !== void 0)
      r.classes.minSupport = p.number(c["min-support"], "classes.min-support", 0, 1e12, true);
    if (c.ignore !== void 0) r.classes.ignore = p.list(c.ignore, "classes.ignore");
    if (c.precision !== void 0) r.classes.precision = p.boolean(c.precision, "classes.precision");
    if (c.catastrophic !== void 0) {
      const v = c.catastrophic;
      if (v === "off" || v === false || v === null) r.classes.catastrophic = { minFound: 0, level: "off" };
      else if (typeof v === "number" || typeof v === "string") {
        const k = p.number(v, "classes.catastrophic", 0, 1e12, true);
        r.classes.catastrophic = { minFound: k, level: k === 0 ? "off" : "fail" };
      } else {
        const o = p.object(v, "classes.catastrophic", ["min-found", "level"]);
        if (o["min-found"] !== void 0)
          r.classes.catastrophic.minFound = p.number(o["min-found"], "classes.catastrophic.min-found", 0, 1e12, true);
        if (o.level !== void 0) {
          if (o.level !== "fail" && o.level !== "warn" && o.level !== "off")
            p.fail("classes.catastrophic.level", `expected fail, warn or off, got ${show(o.level)}`);
          r.classes.catastrophic.level = o.level;
        }
        if (r.classes.catastrophic.minFound === 0) r.classes.catastrophic.level = "off";
      }
    }
  }
  if (top.classes !== void 0) {
    const bands = top.classes.bands;
    if (bands !== void 0) r.classes.bands = parseBands(p, bands, r.classes.bands);
  }
  if (top.fdr !== void 0) {
    if (typeof top.fdr === "number" || typeof top.fdr === "string") r.fdr.level = p.number(top.fdr, "fdr", 1e-6, 0.5);
    else {
      const f = p.object(top.fdr, "fdr", ["level", "method"]);
      if (f.level !== void 0) r.fdr.level = p.number(f.level, "fdr.level", 1e-6, 0.5);
      if (f.method !== void 0) {
        if (f.method !== "bh" && f.method !== "by") p.fail("fdr.method", `expected bh or by, got ${show(f.method)}`);
        r.fdr.method = f.method;
      }
    }
  }
  if (top.bootstrap !== void 0) {
    const b = p.object(top.bootstrap, "bootstrap", ["resamples", "seed", "confidence"]);
    if (b.resamples !== void 0)
      r.bootstrap.resamples = p.number(b.resamples, "bootstrap.resamples", 0, 1e5, true);
    if (b.seed !== void 0) r.bootstrap.seed = p.number(b.seed, "bootstrap.seed", 0, 4294967295, true);
    if (b.confidence !== void 0)
      r.bootstrap.confidence = p.number(b.confidence, "bootstrap.confidence", 0.5, 0.9999);
  }
  if (top.leakage !== void 0) r.leakage = parseLeakage(p, top.leakage, r.leakage);
  return r;
}
function parseLeakage(p, v, current) {
  const level = (x, path) => {
    if (x === false || x === null) return "off";
    if (x === "warn" || x === "fail" || x === "off") return x;
    p.fail(path, `expected warn, fail or off, got ${show(x)}`);
  };
  if (typeof v !== "object" || v === null) return { ...current, level: level(v, "leakage") };
  const o = p.object(v, "leakage", ["level", "min-share"]);
  return {
    level: o.level !== void 0 ? level(o.level, "leakage.level") : current.level,
    minShare: o["min-share"] !== void 0 ? p.number(o["min-share"], "leakage.min-share", 0, 100) / 100 : current.minShare
  };
}
var MAX_BAND_EDGES = 12;
function parseBands(p, v, current) {
  if (v === "off" || v === false || v === null) return null;
  const fallback = current ?? defaultRules("multiclass").classes.bands;
  const o = p.object(v, "classes.bands", ["edges", "max-drop"]);
  let edges = fallback.edges;
  if (o.edges !== void 0) {
    const raw = p.list(o.edges, "classes.bands.edges");
    if (raw.length === 0 || raw.length > MAX_BAND_EDGES)
      p.fail("classes.bands.edges", `expected 1 to ${MAX_BAND_EDGES} support edges, e.g. [10, 100, 1000]`);
    edges = raw.map((e, i) => p.number(e, `classes.bands.edges[${i}]`, 1, 1e12, true));
    edges.forEach((e, i) => {
      if (i > 0 && e <= edges[i - 1])
        p.fail(
          `classes.bands.edges[${i}]`,
          `edges must increase: ${e} does not come after ${edges[i - 1]} (e.g. [10, 100, 1000])`
        );
    });
  }
  const maxDrop = o["max-drop"] !== void 0 ? p.threshold(o["max-drop"], "classes.bands.max-drop", fallback.maxDrop) : fallback.maxDrop;
  return { edges, maxDrop };
}
function headlineThreshold(rules, split, metric) {
  const t = rules.headline.maxDrop;
  return t[`${split}.${metric}`] ?? t[metric] ?? t.default;
}
function gapThreshold(rules, gap, metric) {
  const t = rules.gaps.maxIncrease;
  return t[`${gap}.${metric}`] ?? t[gap] ?? t[metric] ?? t.default;
}
function allowedWorsening(limit, base) {
  if (!limit.relative) return limit.value;
  if (base === null || base === 0) return limit.value;
  return limit.value * Math.abs(base);
}
function rulesToSettings(r) {
  const lim = (l) => l === null ? "off" : l.relative ? `${round(l.value * 100)}%` : round(l.value * 100);
  const th = (m) => Object.fromEntries(Object.entries(m).map(([k, t]) => [k, { warn: lim(t.warn), fail: lim(t.fail) }]));
  return {
    headline: {
      metrics: r.headline.metrics,
      splits: r.headline.splits ?? "validation and test (else all); train for context",
      "max-drop": th(r.headline.maxDrop)
    },
    gaps: { metrics: r.gaps.metrics, "max-increase": th(r.gaps.maxIncrease) },
    classes: {
      splits: r.classes.splits ?? "validation and test (else all)",
      "min-drop": round(r.classes.minDrop * 100),
      "min-support": r.classes.minSupport,
      ignore: r.classes.ignore,
      precision: r.classes.precision,
      catastrophic: { "min-found": r.classes.catastrophic.minFound, level: r.classes.catastrophic.level },
      bands: r.classes.bands ? {
        edges: r.classes.bands.edges,
        "max-drop": { warn: lim(r.classes.bands.maxDrop.warn), fail: lim(r.classes.bands.maxDrop.fail) }
      } : "off"
    },
    fdr: { level: r.fdr.level, method: r.fdr.method },
    bootstrap: { ...r.bootstrap },
    leakage: { level: r.leakage.level, "min-share": round(r.leakage.minShare * 100) }
  };
}
var round = (x) => Math.round(x * 1e6) / 1e6;

export {
  chosenSplits,
  defaultRules,
  parseRules,
  headlineThreshold,
  gapThreshold,
  allowedWorsening,
  rulesToSettings
};
