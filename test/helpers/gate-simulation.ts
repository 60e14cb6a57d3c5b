// The gate simulation: 485 classes with long-tailed support, a head that differs from the base
// only by random symmetric flips (no real change), optionally with a real recall drop injected
// into a few classes. Measures how often the statistical gate fails versus a naive rule that
// fails on any class losing >= 5 points. Shared by test/core/compare/simulation.test.ts and
// bench/stats.bench.ts.

import { compareWithSource } from '../../src/core/compare/compare.js';
import { parseRules, type GateRules } from '../../src/core/compare/rules.js';
import type { Report, SplitExamples } from '../../src/core/report/types.js';
import { Rng } from '../../src/core/stats/rng.js';
import { makeReport, splitFromExamples } from './stats-reports.js';

export interface SimOptions {
  reps: number;
  seed?: number;
  classes?: number;
  minSupport?: number;
  maxSupport?: number;
  /** Chance that an example base found is missed by head (missed ones flip back at a matching rate). */
  flipRate?: number;
  /** Inject a real drop of `drop` (fraction of support) into `count` classes with support >= `minSupport`. */
  inject?: { count: number; drop: number; minSupport: number };
  rules?: GateRules;
}

export interface SimResult {
  reps: number;
  examples: number;
  gateFails: number;
  naiveFails: number;
  /** Injected classes flagged as regressions, summed over runs (out of reps * inject.count). */
  detected: number;
  injectedTotal: number;
  /** Runs where every injected class was flagged. */
  allDetectedRuns: number;
  /** Classes flagged that were not injected, summed over runs. */
  falseFlags: number;
}

/** The naive gate: fail when any class's recall falls by at least `points` (a fraction). */
export function naiveThresholdFails(base: Report, head: Report, split: string, points = 0.05): boolean {
  const b = base.splits[split].perClass;
  const h = head.splits[split].perClass;
  for (let k = 0; k < b.tp.length; k++)
    if (b.support[k] > 0 && h.tp[k] / h.support[k] - b.tp[k] / b.support[k] <= -points + 1e-12) return true;
  return false;
}

export function simulateGate(o: SimOptions): SimResult {
  const rng = new Rng(o.seed ?? 2026, 'simulation');
  const C = o.classes ?? 485;
  const lo = o.minSupport ?? 10;
  const hi = o.maxSupport ?? 2000;
  const flip = o.flipRate ?? 0.03;
  const names = Array.from({ length: C }, (_, k) => `class_${k}`);
  // Log-uniform supports: many small classes, a few large ones.
  const support = Array.from({ length: C }, () =>
    Math.round(Math.exp(Math.log(lo) + rng.uniform() * (Math.log(hi) - Math.log(lo)))),
  );
  const found = support.map((s) => Math.round(s * (0.5 + 0.45 * rng.uniform())));
  const start: number[] = [];
  let n = 0;
  for (const s of support) {
    start.push(n);
    n += s;
  }
  const truth = new Uint32Array(n);
  const basePred = new Uint32Array(n);
  for (let k = 0; k < C; k++)
    for (let i = 0; i < support[k]; i++) {
      truth[start[k] + i] = k;
      basePred[start[k] + i] = i < found[k] ? k : (k + 1) % C;
    }
  const baseEx: SplitExamples = { task: 'multiclass', n, truth, pred: basePred };
  const base = makeReport('multiclass', names, { test: baseEx }, { encode: false });
  const fingerprint = base.splits.test.fingerprints.labels;
  // The per-class tests alone: headline, gaps and support bands (a bootstrap each run) are off.
  const rules =
    o.rules ??
    parseRules(
      { headline: { metrics: [] }, gaps: { metrics: [] }, classes: { bands: 'off' } },
      'simulation',
      'multiclass',
    );

  const eligible = support.map((s, k) => (s >= (o.inject?.minSupport ?? Infinity) ? k : -1)).filter((k) => k >= 0);
  const res: SimResult = {
    reps: o.reps,
    examples: n,
    gateFails: 0,
    naiveFails: 0,
    detected: 0,
    injectedTotal: 0,
    allDetectedRuns: 0,
    falseFlags: 0,
  };
  const headPred = new Uint32Array(n);

  // Visits positions [from, to) each with probability p, by geometric skips (cost ~ number visited).
  const visit = (from: number, to: number, p: number, f: (i: number) => void) => {
    if (p <= 0) return;
    if (p >= 1) {
      for (let i = from; i < to; i++) f(i);
      return;
    }
    const lq = Math.log1p(-p);
    for (
      let i = from + Math.floor(Math.log1p(-rng.uniform()) / lq);
      i < to;
      i += 1 + Math.floor(Math.log1p(-rng.uniform()) / lq)
    )
      f(i);
  };

  for (let rep = 0; rep < o.reps; rep++) {
    headPred.set(basePred);
    for (let k = 0; k < C; k++) {
      const s0 = start[k];
      const F = found[k];
      const miss = (k + 1) % C;
      // Symmetric: expected found->missed flips F*flip equal expected missed->found flips.
      visit(s0, s0 + F, flip, (i) => (headPred[i] = miss));
      if (F < support[k])
        visit(s0 + F, s0 + support[k], Math.min(1, (flip * F) / (support[k] - F)), (i) => (headPred[i] = k));
    }
    const injected = new Set<number>();
    if (o.inject) {
      while (injected.size < o.inject.count) injected.add(eligible[rng.below(eligible.length)]);
      for (const k of injected) {
        // Remove drop * support of the examples head still finds.
        let need = Math.round(o.inject.drop * support[k]);
        for (let i = start[k]; i < start[k] + support[k] && need > 0; i++)
          if (headPred[i] === k) {
            headPred[i] = (k + 1) % C;
            need--;
          }
      }
    }
    const headEx: SplitExamples = { task: 'multiclass', n, truth, pred: headPred };
    const head: Report = { ...base, splits: { test: splitFromExamples(headEx, names, false, fingerprint) } };
    const cmp = compareWithSource(base, head, rules, undefined, (_r, _s, side) => (side === 'base' ? baseEx : headEx));
    if (cmp.verdict === 'fail') res.gateFails++;
    if (naiveThresholdFails(base, head, 'test')) res.naiveFails++;
    let hit = 0;
    for (const c of cmp.classes) {
      if (c.status !== 'regression' && c.status !== 'catastrophic') continue;
      const k = Number(c.name.slice(6));
      if (injected.has(k)) hit++;
      else res.falseFlags++;
    }
    res.detected += hit;
    res.injectedTotal += injected.size;
    if (injected.size && hit === injected.size) res.allDetectedRuns++;
  }
  return res;
}
