// The gate's rules: which changes are judged and how much change is allowed. Built from a
// plain object (parsed from `.modelgate.yml` and/or action inputs by the shell) and validated
// here, so every door reports a bad key the same way. Documented in docs/rules.md.

import { UsageError } from '../errors.js';
import { GAP_PAIRS, METRIC_NAMES, type GapName, type MetricName, type Task } from '../report/types.js';
import type { FdrMethod } from '../stats/fdr.js';

/** A largest allowed worsening: absolute (fraction units: 0.02 = 2 points) or relative to the base value (0.05 = 5%). */
export interface Limit {
  value: number;
  relative: boolean;
}

/** Warn and fail levels; null disables that level. */
export interface Threshold {
  warn: Limit | null;
  fail: Limit | null;
}

/** Splits a rule applies to: listed by name, every split ('all', written `splits: all`), or the default (null). */
export type SplitChoice = string[] | 'all' | null;

/** The splits of `available` that `choice` names; null for the default, which each rule resolves itself. */
export function chosenSplits(available: string[], choice: SplitChoice): string[] | null {
  if (choice === 'all') return available;
  return choice && available.filter((s) => choice.includes(s));
}

export interface GateRules {
  headline: {
    metrics: MetricName[];
    /** Splits judged; 'all' = every split (train too); null = validation and test when present (else every split), train shown for context. */
    splits: SplitChoice;
    /** Keyed 'default', '<metric>' or '<split>.<metric>' (most specific wins). */
    maxDrop: Record<string, Threshold>;
  };
  gaps: {
    metrics: MetricName[];
    /** Keyed 'default', '<gap>', '<metric>' or '<gap>.<metric>' (most specific wins). */
    maxIncrease: Record<string, Threshold>;
  };
  classes: {
    /** Splits the per-class judgement runs on; 'all' = every split; null = validation and test when present, else all. */
    splits: SplitChoice;
    /** Smallest recall drop (fraction) that can count as a regression. */
    minDrop: number;
    /** Classes with less base support are 'ignored'. */
    minSupport: number;
    ignore: string[];
    /** Also test each class's precision (false positives, paired on the class's negatives). */
    precision: boolean;
    /** Found >= minFound before, none now. minFound 0 or level 'off' disables. */
    catastrophic: { minFound: number; level: 'fail' | 'warn' | 'off' };
    /**
     * Recall by support band: classes grouped by base support at `edges` (e.g. [10, 100, 1000]:
     * <10, 10-99, 100-999, >=1000); a band whose macro recall fell significantly and by more
     * than `maxDrop` warns or fails. null = off.
     */
    bands: { edges: number[]; maxDrop: Threshold } | null;
  };
  fdr: { level: number; method: FdrMethod };
  bootstrap: { resamples: number; seed: number; confidence: number };
  /**
   * Examples of a later split that also occur in an earlier one, more of them in the head than in
   * the base: a finding at `level` when their share of the later split exceeds `minShare`.
   */
  leakage: { level: 'warn' | 'fail' | 'off'; minShare: number };
}

const ALL_METRICS: readonly MetricName[] = METRIC_NAMES;
const GAP_NAMES: GapName[] = GAP_PAIRS.map((g) => g.name);

const pts = (v: number): Limit => ({ value: v / 100, relative: false });

export function defaultRules(task: Task): GateRules {
  const metrics: MetricName[] = [
    task === 'multilabel' ? 'subset_accuracy' : 'accuracy',
    'recall_macro',
    'recall_micro',
    'f1_macro',
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
      catastrophic: { minFound: 5, level: 'fail' },
      bands: { edges: [10, 100, 1000], maxDrop: { warn: pts(2), fail: pts(5) } },
    },
    fdr: { level: 0.05, method: 'bh' },
    bootstrap: { resamples: 1000, seed: 1, confidence: 0.95 },
    leakage: { level: 'warn', minShare: 0 },
  };
}

type Obj = Record<string, unknown>;

class Parser {
  constructor(readonly origin: string) {}

  fail(path: string, msg: string): never {
    throw new UsageError(`${this.origin}: ${path ? `${path}: ` : ''}${msg}`);
  }

  object(v: unknown, path: string, keys: readonly string[]): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      this.fail(path, `expected a mapping with keys ${keys.join(', ')}`);
    for (const k of Object.keys(v as Obj))
      if (!keys.includes(k))
        this.fail(path ? `${path}.${k}` : k, `unknown key '${k}'; expected one of ${keys.join(', ')}`);
    return v as Obj;
  }

  number(v: unknown, path: string, min: number, max: number, integer = false): number {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n)))
      this.fail(path, `expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${show(v)}`);
    return n;
  }

  boolean(v: unknown, path: string): boolean {
    if (typeof v === 'boolean') return v;
    if (v === 'true') return true;
    if (v === 'false') return false;
    this.fail(path, `expected true or false, got ${show(v)}`);
  }

  /** A list, or a comma-separated string (as action inputs give them). */
  list(v: unknown, path: string): string[] {
    if (typeof v === 'string')
      return v
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean);
    if (!Array.isArray(v)) this.fail(path, `expected a list, got ${show(v)}`);
    return v.map((x, i) => {
      if (typeof x !== 'string' && typeof x !== 'number')
        this.fail(`${path}[${i}]`, `expected a string, got ${show(x)}`);
      return String(x);
    });
  }

  metrics(v: unknown, path: string, task: Task): MetricName[] {
    const names = this.list(v, path);
    const allowed = ALL_METRICS.filter((m) =>
      task === 'multilabel' ? m !== 'accuracy' : m !== 'subset_accuracy' && m !== 'hamming_loss',
    );
    return names.map((m, i) => {
      if (!allowed.includes(m as MetricName))
        this.fail(`${path}[${i}]`, `unknown metric '${m}' for a ${task} report; expected one of ${allowed.join(', ')}`);
      return m as MetricName;
    });
  }

  /** 2, "2", "2pt", "2 pts" = 2 points; "5%" = 5% of the base value; null / "off" = disabled. */
  limit(v: unknown, path: string): Limit | null {
    if (v === null || v === 'off' || v === false) return null;
    if (typeof v === 'number') return { value: this.number(v, path, 0, 100) / 100, relative: false };
    if (typeof v === 'string') {
      const m = /^\s*(\d+(?:\.\d+)?)\s*(%|pts?|points?)?\s*$/.exec(v);
      if (m) {
        const value = this.number(Number(m[1]), path, 0, m[2] === '%' ? 1000 : 100) / 100;
        return { value, relative: m[2] === '%' };
      }
    }
    this.fail(
      path,
      `expected points (e.g. 2 or "2pt"), a percentage of the base value (e.g. "5%") or off, got ${show(v)}`,
    );
  }

  threshold(v: unknown, path: string, fallback: Threshold): Threshold {
    if (typeof v === 'number' || typeof v === 'string') return { warn: fallback.warn, fail: this.limit(v, path) };
    const o = this.object(v, path, ['warn', 'fail']);
    return {
      warn: 'warn' in o ? this.limit(o.warn, `${path}.warn`) : fallback.warn,
      fail: 'fail' in o ? this.limit(o.fail, `${path}.fail`) : fallback.fail,
    };
  }

  thresholds(
    v: unknown,
    path: string,
    defaults: Record<string, Threshold>,
    validKey: (k: string) => string | null,
  ): Record<string, Threshold> {
    // A bare limit is the default's fail level.
    if (typeof v === 'number' || typeof v === 'string')
      return { ...defaults, default: this.threshold(v, path, defaults.default) };
    const o = v as Obj;
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      this.fail(path, 'expected a mapping of metric names to { warn, fail }');
    const out: Record<string, Threshold> = { ...defaults };
    if ('default' in o) out.default = this.threshold(o.default, `${path}.default`, defaults.default);
    for (const [k, t] of Object.entries(o)) {
      if (k === 'default') continue;
      const err = validKey(k);
      if (err) this.fail(`${path}.${k}`, err);
      out[k] = this.threshold(t, `${path}.${k}`, out.default);
    }
    return out;
  }
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v));
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * Validates a rules object (kebab-case keys, as in .modelgate.yml) on top of the defaults.
 * Throws UsageError naming `origin` and the key, e.g. ".modelgate.yml: headline.metrics[2]: unknown metric ...".
 */
export function parseRules(obj: unknown, origin: string, task: Task): GateRules {
  const r = defaultRules(task);
  if (obj === null || obj === undefined) return r;
  const p = new Parser(origin);
  const top = p.object(obj, '', ['headline', 'gaps', 'classes', 'fdr', 'bootstrap', 'leakage']);
  const metricKey = (k: string) =>
    ALL_METRICS.includes(k as MetricName) ? null : `unknown metric '${k}'; expected one of ${ALL_METRICS.join(', ')}`;

  if (top.headline !== undefined) {
    // A bare list is shorthand for headline.metrics.
    const h: Obj =
      Array.isArray(top.headline) || typeof top.headline === 'string'
        ? { metrics: top.headline, path: 'headline' }
        : { ...p.object(top.headline, 'headline', ['metrics', 'splits', 'max-drop']), path: 'headline.metrics' };
    if (h.metrics !== undefined) r.headline.metrics = p.metrics(h.metrics, h.path as string, task);
    if (h.splits !== undefined)
      r.headline.splits = h.splits === null ? null : h.splits === 'all' ? 'all' : p.list(h.splits, 'headline.splits');
    if (h['max-drop'] !== undefined)
      r.headline.maxDrop = p.thresholds(h['max-drop'], 'headline.max-drop', r.headline.maxDrop, (k) => {
        const dot = k.lastIndexOf('.');
        return metricKey(dot >= 0 ? k.slice(dot + 1) : k);
      });
  }
  // The gaps follow the headline metrics unless gaps.metrics names its own (docs/rules.md).
  r.gaps.metrics = [...r.headline.metrics];
  if (top.gaps !== undefined) {
    const g = p.object(top.gaps, 'gaps', ['metrics', 'max-increase']);
    if (g.metrics !== undefined) r.gaps.metrics = p.metrics(g.metrics, 'gaps.metrics', task);
    if (g['max-increase'] !== undefined)
      r.gaps.maxIncrease = p.thresholds(g['max-increase'], 'gaps.max-increase', r.gaps.maxIncrease, (k) => {
        if (GAP_NAMES.includes(k as GapName)) return null;
        const dot = k.indexOf('.');
        if (dot > 0 && GAP_NAMES.includes(k.slice(0, dot) as GapName)) return metricKey(k.slice(dot + 1));
        if (ALL_METRICS.includes(k as MetricName)) return null;
        return `unknown gap or metric '${k}'; expected one of ${GAP_NAMES.join(', ')}, a metric, or '<gap>.<metric>'`;
      });
  }
  if (top.classes !== undefined) {
    const c = p.object(top.classes, 'classes', [
      'splits',
      'min-drop',
      'min-support',
      'ignore',
      'precision',
      'catastrophic',
      'bands',
    ]);
    if (c.splits !== undefined)
      r.classes.splits = c.splits === null ? null : c.splits === 'all' ? 'all' : p.list(c.splits, 'classes.splits');
    if (c['min-drop'] !== undefined) r.classes.minDrop = p.number(c['min-drop'], 'classes.min-drop', 0, 100) / 100;
    if (c['min-support'] !== undefined)
      r.classes.minSupport = p.number(c['min-support'], 'classes.min-support', 0, 1e12, true);
    if (c.ignore !== undefined) r.classes.ignore = p.list(c.ignore, 'classes.ignore');
    if (c.precision !== undefined) r.classes.precision = p.boolean(c.precision, 'classes.precision');
    if (c.catastrophic !== undefined) {
      const v = c.catastrophic;
      if (v === 'off' || v === false || v === null) r.classes.catastrophic = { minFound: 0, level: 'off' };
      else if (typeof v === 'number' || typeof v === 'string') {
        const k = p.number(v, 'classes.catastrophic', 0, 1e12, true);
        r.classes.catastrophic = { minFound: k, level: k === 0 ? 'off' : 'fail' };
      } else {
        const o = p.object(v, 'classes.catastrophic', ['min-found', 'level']);
        if (o['min-found'] !== undefined)
          r.classes.catastrophic.minFound = p.number(o['min-found'], 'classes.catastrophic.min-found', 0, 1e12, true);
        if (o.level !== undefined) {
          if (o.level !== 'fail' && o.level !== 'warn' && o.level !== 'off')
            p.fail('classes.catastrophic.level', `expected fail, warn or off, got ${show(o.level)}`);
          r.classes.catastrophic.level = o.level as 'fail' | 'warn' | 'off';
        }
        if (r.classes.catastrophic.minFound === 0) r.classes.catastrophic.level = 'off';
      }
    }
  }
  if (top.classes !== undefined) {
    const bands = (top.classes as Obj).bands;
    if (bands !== undefined) r.classes.bands = parseBands(p, bands, r.classes.bands);
  }
  if (top.fdr !== undefined) {
    if (typeof top.fdr === 'number' || typeof top.fdr === 'string') r.fdr.level = p.number(top.fdr, 'fdr', 1e-6, 0.5);
    else {
      const f = p.object(top.fdr, 'fdr', ['level', 'method']);
      if (f.level !== undefined) r.fdr.level = p.number(f.level, 'fdr.level', 1e-6, 0.5);
      if (f.method !== undefined) {
        if (f.method !== 'bh' && f.method !== 'by') p.fail('fdr.method', `expected bh or by, got ${show(f.method)}`);
        r.fdr.method = f.method as FdrMethod;
      }
    }
  }
  if (top.bootstrap !== undefined) {
    const b = p.object(top.bootstrap, 'bootstrap', ['resamples', 'seed', 'confidence']);
    if (b.resamples !== undefined)
      r.bootstrap.resamples = p.number(b.resamples, 'bootstrap.resamples', 0, 100000, true);
    if (b.seed !== undefined) r.bootstrap.seed = p.number(b.seed, 'bootstrap.seed', 0, 4294967295, true);
    if (b.confidence !== undefined)
      r.bootstrap.confidence = p.number(b.confidence, 'bootstrap.confidence', 0.5, 0.9999);
  }
  if (top.leakage !== undefined) r.leakage = parseLeakage(p, top.leakage, r.leakage);
  return r;
}

/** `leakage`: warn, fail or off, or { level, min-share } (min-share in points of the later split). */
function parseLeakage(p: Parser, v: unknown, current: GateRules['leakage']): GateRules['leakage'] {
  const level = (x: unknown, path: string): GateRules['leakage']['level'] => {
    if (x === false || x === null) return 'off';
    if (x === 'warn' || x === 'fail' || x === 'off') return x;
    p.fail(path, `expected warn, fail or off, got ${show(x)}`);
  };
  if (typeof v !== 'object' || v === null) return { ...current, level: level(v, 'leakage') };
  const o = p.object(v, 'leakage', ['level', 'min-share']);
  return {
    level: o.level !== undefined ? level(o.level, 'leakage.level') : current.level,
    minShare:
      o['min-share'] !== undefined ? p.number(o['min-share'], 'leakage.min-share', 0, 100) / 100 : current.minShare,
  };
}

/** Most edges a band list may have (a band per few classes would only repeat the per-class tests). */
const MAX_BAND_EDGES = 12;

/** `classes.bands`: off, or { edges: [10, 100, 1000], max-drop: { warn: 2, fail: 5 } }. */
function parseBands(p: Parser, v: unknown, current: GateRules['classes']['bands']): GateRules['classes']['bands'] {
  if (v === 'off' || v === false || v === null) return null;
  const fallback = current ?? defaultRules('multiclass').classes.bands!;
  const o = p.object(v, 'classes.bands', ['edges', 'max-drop']);
  let edges = fallback.edges;
  if (o.edges !== undefined) {
    const raw = p.list(o.edges, 'classes.bands.edges');
    if (raw.length === 0 || raw.length > MAX_BAND_EDGES)
      p.fail('classes.bands.edges', `expected 1 to ${MAX_BAND_EDGES} support edges, e.g. [10, 100, 1000]`);
    edges = raw.map((e, i) => p.number(e, `classes.bands.edges[${i}]`, 1, 1e12, true));
    edges.forEach((e, i) => {
      if (i > 0 && e <= edges[i - 1])
        p.fail(
          `classes.bands.edges[${i}]`,
          `edges must increase: ${e} does not come after ${edges[i - 1]} (e.g. [10, 100, 1000])`,
        );
    });
  }
  const maxDrop =
    o['max-drop'] !== undefined
      ? p.threshold(o['max-drop'], 'classes.bands.max-drop', fallback.maxDrop)
      : fallback.maxDrop;
  return { edges, maxDrop };
}

/** The threshold for `metric` on `split`: '<split>.<metric>', then '<metric>', then 'default'. */
export function headlineThreshold(rules: GateRules, split: string, metric: string): Threshold {
  const t = rules.headline.maxDrop;
  return t[`${split}.${metric}`] ?? t[metric] ?? t.default;
}

/** The threshold for `metric` of gap `gap`: '<gap>.<metric>', '<gap>', '<metric>', then 'default'. */
export function gapThreshold(rules: GateRules, gap: string, metric: string): Threshold {
  const t = rules.gaps.maxIncrease;
  return t[`${gap}.${metric}`] ?? t[gap] ?? t[metric] ?? t.default;
}

/**
 * The allowed worsening in fraction units. A relative limit takes that share of |base|; with a
 * zero (or unknown) base it falls back to reading the same number as points, so "5%" of 0 is 5 points.
 */
export function allowedWorsening(limit: Limit, base: number | null): number {
  if (!limit.relative) return limit.value;
  if (base === null || base === 0) return limit.value;
  return limit.value * Math.abs(base);
}

/** Plain-object form of the rules for `Comparison.settings` (kebab-case, points and percentages as written). */
export function rulesToSettings(r: GateRules): Record<string, unknown> {
  const lim = (l: Limit | null) =>
    l === null ? 'off' : l.relative ? `${round(l.value * 100)}%` : round(l.value * 100);
  const th = (m: Record<string, Threshold>) =>
    Object.fromEntries(Object.entries(m).map(([k, t]) => [k, { warn: lim(t.warn), fail: lim(t.fail) }]));
  return {
    headline: {
      metrics: r.headline.metrics,
      splits: r.headline.splits ?? 'validation and test (else all); train for context',
      'max-drop': th(r.headline.maxDrop),
    },
    gaps: { metrics: r.gaps.metrics, 'max-increase': th(r.gaps.maxIncrease) },
    classes: {
      splits: r.classes.splits ?? 'validation and test (else all)',
      'min-drop': round(r.classes.minDrop * 100),
      'min-support': r.classes.minSupport,
      ignore: r.classes.ignore,
      precision: r.classes.precision,
      catastrophic: { 'min-found': r.classes.catastrophic.minFound, level: r.classes.catastrophic.level },
      bands: r.classes.bands
        ? {
            edges: r.classes.bands.edges,
            'max-drop': { warn: lim(r.classes.bands.maxDrop.warn), fail: lim(r.classes.bands.maxDrop.fail) },
          }
        : 'off',
    },
    fdr: { level: r.fdr.level, method: r.fdr.method },
    bootstrap: { ...r.bootstrap },
    leakage: { level: r.leakage.level, 'min-share': round(r.leakage.minShare * 100) },
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
