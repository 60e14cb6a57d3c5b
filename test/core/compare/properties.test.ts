// Property-style tests of compareReports on many seeded random report pairs: no NaN, Infinity
// or undefined anywhere in a Comparison (numbers and strings), at most two reasons, a verdict
// that agrees with the row levels, intervals that are ordered, and improvements that never warn.

import { compareReports } from '../../../src/core/compare/compare.js';
import { parseRules } from '../../../src/core/compare/rules.js';
import type { Comparison } from '../../../src/core/compare/types.js';
import type { Report, SplitExamples, Task } from '../../../src/core/report/types.js';
import { Rng } from '../../../src/core/stats/rng.js';
import { makeReport, mc, ml } from '../../helpers/stats-reports.js';

const NAMES = ['a', 'b', 'c', 'd', 'e', "it's", 'x y'];
const SPLITS = ['train', 'validation', 'test', 'extra'];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng.uniform() * xs.length)];
}
function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
function subset<T>(rng: Rng, xs: readonly T[], min: number): T[] {
  const out = xs.filter(() => rng.uniform() < 0.6);
  while (out.length < min) out.push(xs[out.length]);
  return [...new Set(out)];
}

/** Examples as class names, so the same examples can be expressed in either report's index space. */
interface NamedSplit {
  truth: string[][];
  pred: string[][];
}

function randomSplit(rng: Rng, classes: string[], task: Task): NamedSplit {
  const n = pick(rng, [0, 1, 2, 3, 5, 8, 20, 40, 80]);
  const truth: string[][] = [];
  const pred: string[][] = [];
  for (let i = 0; i < n; i++) {
    if (task === 'multiclass') {
      const t = pick(rng, classes);
      truth.push([t]);
      pred.push([rng.uniform() < 0.7 ? t : pick(rng, classes)]);
    } else {
      const t = classes.filter(() => rng.uniform() < 0.3);
      truth.push(t);
      pred.push(classes.filter((c) => (t.includes(c) ? rng.uniform() < 0.75 : rng.uniform() < 0.15)));
    }
  }
  return { truth, pred };
}

/** Same examples; predictions re-drawn with some probability (only among `classes`). */
function perturb(rng: Rng, s: NamedSplit, classes: string[], task: Task, rate: number): NamedSplit {
  const pred = s.pred.map((p, i) => {
    if (rng.uniform() >= rate) return p.filter((c) => classes.includes(c));
    if (task === 'multiclass') return [pick(rng, classes)];
    return classes.filter((c) => (s.truth[i].includes(c) ? rng.uniform() < 0.5 : rng.uniform() < 0.2));
  });
  return { truth: s.truth, pred: task === 'multiclass' ? pred.map((p) => (p.length ? p : [classes[0]])) : pred };
}

function toExamples(s: NamedSplit, classes: string[], task: Task): SplitExamples {
  const idx = (names: string[]) => names.map((n) => classes.indexOf(n));
  if (task === 'multiclass')
    return mc(
      s.truth.map((t) => idx(t)[0]),
      s.pred.map((p) => idx(p)[0]),
    );
  return ml(s.truth.map(idx), s.pred.map(idx));
}

function randomPair(rng: Rng): { base: Report; head: Report; task: Task } {
  const task: Task = rng.uniform() < 0.5 ? 'multiclass' : 'multilabel';
  const headTask: Task = rng.uniform() < 0.08 ? (task === 'multiclass' ? 'multilabel' : 'multiclass') : task;
  const baseClasses = shuffle(rng, subset(rng, NAMES, 2));
  const headClasses = rng.uniform() < 0.5 ? shuffle(rng, [...baseClasses]) : shuffle(rng, subset(rng, NAMES, 2));
  const baseSplits: Record<string, SplitExamples> = {};
  const headSplits: Record<string, SplitExamples> = {};
  const shared = headClasses.filter((c) => baseClasses.includes(c));
  for (const split of subset(rng, SPLITS, 1)) {
    const sameExamples = headTask === task && shared.length >= 2 && rng.uniform() < 0.7;
    const b = randomSplit(rng, sameExamples ? shared : baseClasses, task);
    baseSplits[split] = toExamples(perturb(rng, b, baseClasses, task, 0), baseClasses, task);
    if (rng.uniform() < 0.1) continue; // split missing in the head
    const h = sameExamples
      ? perturb(rng, b, headClasses, task, pick(rng, [0, 0.1, 0.5]))
      : randomSplit(rng, headClasses, headTask);
    headSplits[split] = toExamples(h, headClasses, headTask);
  }
  if (rng.uniform() < 0.3)
    headSplits[pick(rng, SPLITS)] ??= toExamples(randomSplit(rng, headClasses, headTask), headClasses, headTask);
  if (!Object.keys(headSplits).length)
    headSplits.test = toExamples(randomSplit(rng, headClasses, headTask), headClasses, headTask);
  const base = makeReport(task, baseClasses, baseSplits, { encode: rng.uniform() < 0.85 });
  const head = makeReport(headTask, headClasses, headSplits, { encode: rng.uniform() < 0.85 });
  return { base, head, task: headTask };
}

function randomRules(rng: Rng, task: Task) {
  const metrics =
    task === 'multiclass'
      ? ['accuracy', 'recall_macro', 'precision_micro', 'f1_weighted']
      : ['subset_accuracy', 'hamming_loss', 'recall_macro', 'f1_micro'];
  const limit = () => pick(rng, [0, 1, 2, '5%', '50%', 'off']);
  return parseRules(
    {
      headline: { metrics: subset(rng, metrics, 1), 'max-drop': { default: { warn: limit(), fail: limit() } } },
      gaps: { metrics: subset(rng, metrics, 0), 'max-increase': { default: { warn: limit(), fail: limit() } } },
      classes: {
        'min-drop': pick(rng, [0, 5, 20]),
        'min-support': pick(rng, [0, 1, 5]),
        precision: rng.uniform() < 0.5,
        catastrophic: pick(rng, [0, 1, 5, { 'min-found': 2, level: 'warn' }]),
      },
      fdr: { level: pick(rng, [0.05, 0.2, 0.5]), method: pick(rng, ['bh', 'by']) },
      bootstrap: { resamples: pick(rng, [0, 1, 2, 30]), seed: Math.floor(rng.uniform() * 100) },
    },
    'random',
    task,
  );
}

/** Every number finite (or null), every string free of NaN / Infinity / undefined / [object. */
function scan(v: unknown, path: string, bad: string[]): void {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) bad.push(`${path} = ${v}`);
  } else if (typeof v === 'string') {
    if (/NaN|Infinity|undefined|\[object|null/.test(v)) bad.push(`${path} = ${JSON.stringify(v)}`);
  } else if (v === undefined) bad.push(`${path} is undefined`);
  else if (Array.isArray(v)) v.forEach((x, i) => scan(x, `${path}[${i}]`, bad));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) if (x !== undefined) scan(x, `${path}.${k}`, bad);
}

/** Deep copy with every number rounded to 12 decimals. */
function rounded(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'number' ? Math.round(x * 1e12) / 1e12 : x)));
}

function checkComparison(cmp: Comparison): string[] {
  const bad: string[] = [];
  scan(cmp, 'cmp', bad);
  if (cmp.reasons.length < 1 || cmp.reasons.length > 2) bad.push(`${cmp.reasons.length} reasons`);
  const bands = (cmp.classAggregates ?? []).flatMap((a) => a.bands);
  const levels = [...cmp.headline, ...cmp.gaps, ...cmp.classes, ...bands].map((r) => r.level);
  const anyFail = levels.includes('fail') || cmp.sanity.some((s) => s.level === 'fail');
  if (anyFail !== (cmp.verdict === 'fail')) bad.push(`verdict ${cmp.verdict} with fail rows: ${anyFail}`);
  if (cmp.verdict === 'pass' && levels.includes('warn')) bad.push('pass with a warning row');
  for (const r of [...cmp.headline, ...cmp.gaps]) {
    if (r.ci && !(r.ci.lo <= r.ci.hi)) bad.push(`interval ${r.ci.lo} > ${r.ci.hi}`);
    if (r.level !== 'ok' && !r.reason) bad.push(`${r.metric}: level ${r.level} without a reason`);
    if (r.level === 'ok' && r.reason) bad.push(`${r.metric}: reason on an ok row`);
  }
  for (const c of cmp.classes) {
    const t = c.test;
    if (t?.p !== undefined && !(t.p >= 0 && t.p <= 1)) bad.push(`p = ${t.p}`);
    if (t?.q !== undefined && !(t.q >= (t.p as number) * (1 - 1e-12) && t.q <= 1)) bad.push(`q = ${t.q}`);
    if ((c.status === 'regression' || c.status === 'catastrophic') && c.level === 'ok')
      bad.push(`${c.name}: ${c.status} at ok`);
    if (c.status === 'improvement' && c.level !== 'ok') bad.push(`${c.name}: improvement at ${c.level}`);
  }
  return bad;
}

describe('compareReports on random report pairs', () => {
  it('never carries NaN / Infinity / undefined, and its verdict agrees with its rows', () => {
    const rng = new Rng(2026, 'compare-properties');
    const failures: string[] = [];
    const verdicts = new Set<string>();
    for (let rep = 0; rep < 400 && failures.length < 5; rep++) {
      const { base, head, task } = randomPair(rng);
      const rules = randomRules(rng, task);
      const cmp = compareReports(rng.uniform() < 0.05 ? null : base, head, rules);
      verdicts.add(cmp.verdict);
      const bad = checkComparison(cmp);
      if (bad.length) failures.push(`rep ${rep}: ${bad.slice(0, 3).join('; ')}`);
    }
    expect(failures).toEqual([]);
    // The generator reaches every verdict.
    expect([...verdicts].sort()).toEqual(['fail', 'no-baseline', 'pass', 'warn']);
  });

  it('the scan itself catches NaN, Infinity and undefined', () => {
    const bad: string[] = [];
    scan({ a: NaN, b: ['x', 'rose NaN pts'], c: { d: -Infinity }, e: 'q = undefined' }, 'x', bad);
    expect(bad).toHaveLength(4);
  });

  it('a head at least as good on every example never warns or fails (test split only, so no gap widens)', () => {
    const rng = new Rng(7, 'improvements');
    const failures: string[] = [];
    for (let rep = 0; rep < 150; rep++) {
      const task: Task = rng.uniform() < 0.5 ? 'multiclass' : 'multilabel';
      const classes = shuffle(rng, subset(rng, NAMES, 2));
      const splits: Record<string, NamedSplit> = {};
      for (const s of ['train', 'validation', 'test']) splits[s] = randomSplit(rng, classes, task);
      // Head: the base's test predictions, with some mistakes corrected (one label at a time for multi-label).
      const t = splits.test;
      const better: NamedSplit = {
        truth: t.truth,
        pred: t.pred.map((p, i) => {
          if (rng.uniform() < 0.5) return p;
          if (task === 'multiclass') return t.truth[i];
          const wrongOut = p.find((c) => !t.truth[i].includes(c));
          const missing = t.truth[i].find((c) => !p.includes(c));
          if (wrongOut !== undefined && rng.uniform() < 0.5) return p.filter((c) => c !== wrongOut);
          return missing !== undefined ? [...p, missing] : p;
        }),
      };
      const toReport = (test: NamedSplit) =>
        makeReport(task, classes, {
          train: toExamples(splits.train, classes, task),
          validation: toExamples(splits.validation, classes, task),
          test: toExamples(test, classes, task),
        });
      const metrics =
        task === 'multiclass'
          ? ['accuracy', 'recall_macro', 'recall_micro', 'precision_micro', 'f1_micro']
          : ['subset_accuracy', 'hamming_loss', 'recall_micro', 'precision_micro', 'f1_micro'];
      const rules = parseRules(
        {
          headline: { metrics, 'max-drop': { default: { warn: 0, fail: 0 } } },
          gaps: { 'max-increase': { default: { warn: 0, fail: 0 } } },
          classes: { 'min-drop': 0, precision: true, catastrophic: 1 },
          fdr: 0.5,
          bootstrap: { resamples: pick(rng, [0, 20]) },
        },
        'improvements',
        task,
      );
      const cmp = compareReports(toReport(t), toReport(better), rules);
      if (cmp.verdict !== 'pass') failures.push(`rep ${rep} (${task}): ${cmp.verdict}: ${cmp.reasons.join(' | ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('listing the head classes in another order changes nothing (paired tests, intervals, rows)', () => {
    const rng = new Rng(17, 'permutation');
    for (let rep = 0; rep < 60; rep++) {
      const task: Task = rep % 2 ? 'multiclass' : 'multilabel';
      const classes = subset(rng, NAMES, 2);
      const named: Record<string, [NamedSplit, NamedSplit]> = {};
      for (const s of ['train', 'validation', 'test']) {
        const b = randomSplit(rng, classes, task);
        named[s] = [b, perturb(rng, b, classes, task, 0.3)];
      }
      const report = (side: 0 | 1, order: string[]) =>
        makeReport(
          task,
          order,
          Object.fromEntries(Object.entries(named).map(([s, v]) => [s, toExamples(v[side], order, task)])),
        );
      const rules = parseRules({ classes: { precision: true }, bootstrap: { resamples: 50 } }, 'perm', task);
      const direct = compareReports(report(0, classes), report(1, classes), rules);
      const permuted = compareReports(report(0, classes), report(1, shuffle(rng, [...classes])), rules);
      // Report metrics sum classes in list order, so they may differ in the last bit.
      expect(rounded(permuted.headline)).toEqual(rounded(direct.headline));
      expect(rounded(permuted.gaps)).toEqual(rounded(direct.gaps));
      expect(rounded(permuted.classes)).toEqual(rounded(direct.classes));
      expect(permuted.verdict).toBe(direct.verdict);
    }
  });

  it('paired: swapping base and head turns every regression into an improvement and back', () => {
    const rng = new Rng(23, 'swap');
    let regressions = 0;
    for (let rep = 0; rep < 60; rep++) {
      const task: Task = rep % 2 ? 'multiclass' : 'multilabel';
      const classes = subset(rng, NAMES, 2);
      const b = randomSplit(rng, classes, task);
      const h = perturb(rng, b, classes, task, pick(rng, [0.3, 0.6]));
      const B = makeReport(task, classes, { test: toExamples(b, classes, task) });
      const H = makeReport(task, classes, { test: toExamples(h, classes, task) });
      const rules = parseRules(
        { classes: { 'min-drop': 0, catastrophic: 0 }, fdr: 0.5, headline: [], gaps: { metrics: [] } },
        'swap',
        task,
      );
      const fwd = compareReports(B, H, rules);
      const back = compareReports(H, B, rules);
      const mirror: Record<string, string> = { regression: 'improvement', improvement: 'regression' };
      fwd.classes.forEach((r, i) => {
        expect(back.classes[i].name).toBe(r.name);
        expect(back.classes[i].status).toBe(mirror[r.status] ?? r.status);
        if (r.status === 'regression') regressions++;
      });
    }
    expect(regressions).toBeGreaterThan(5);
  });
});
