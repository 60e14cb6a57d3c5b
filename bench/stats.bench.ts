// The comparison engine's costs and the gate's error rates.
// 1. Paired per-class tests, 485 classes x 1,000,000 examples, against the time to decode the
//    two reports' per-example predictions (what reading them costs at the least).
// 2. Paired Poisson bootstrap, default 1,000 resamples, 100,000 examples x 485 classes
//    (multiclass, and multi-label with ~3 labels per example).
// 3. The gate simulation (test/helpers/gate-simulation.ts) at supports 10..20,000: false-alarm
//    rate with no real change and detection of a 20-point drop injected into 5 classes.
// Sizes: MODELGATE_BENCH_SIM_REPS (default 200 null runs, half as many with the injected drop).

import { compareWithSource } from '../src/core/compare/compare.js';
import { pairSplit, unionClasses, type ExampleSource } from '../src/core/compare/pairing.js';
import { bootstrapSplit } from '../src/core/compare/resample.js';
import { parseRules } from '../src/core/compare/rules.js';
import { decodeExamples } from '../src/core/report/examples.js';
import type { SplitExamples } from '../src/core/report/types.js';
import { Rng } from '../src/core/stats/rng.js';
import { simulateGate } from '../test/helpers/gate-simulation.js';
import { makeReport } from '../test/helpers/stats-reports.js';

const C = 485;
const names = Array.from({ length: C }, (_, k) => `class_${k}`);

/** Long-tailed multiclass data: class k has weight ~ 1/(k+1); base right 85%, head = base with 3% redrawn. */
function multiclass(n: number, seed: number): { truth: Uint32Array; base: Uint32Array; head: Uint32Array } {
  const rng = new Rng(seed, 'bench');
  const cdf = new Float64Array(C);
  let s = 0;
  for (let k = 0; k < C; k++) cdf[k] = s += 1 / (k + 1);
  const draw = () => {
    const u = rng.uniform() * s;
    let lo = 0,
      hi = C - 1;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (cdf[m] < u) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  const truth = new Uint32Array(n),
    base = new Uint32Array(n),
    head = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = draw();
    base[i] = rng.uniform() < 0.85 ? truth[i] : draw();
    head[i] = rng.uniform() < 0.03 ? (rng.uniform() < 0.85 ? truth[i] : draw()) : base[i];
  }
  return { truth, base, head };
}

function multilabel(n: number, seed: number): { b: SplitExamples; h: SplitExamples } {
  const rng = new Rng(seed, 'bench-ml');
  const tOff = new Uint32Array(n + 1),
    bOff = new Uint32Array(n + 1),
    hOff = new Uint32Array(n + 1);
  const t: number[] = [],
    b: number[] = [],
    h: number[] = [];
  const label = () => Math.min(C - 1, Math.floor(Math.exp(rng.uniform() * Math.log(C + 1))) - 1);
  for (let i = 0; i < n; i++) {
    const T = new Set<number>();
    const m = 1 + rng.below(5);
    while (T.size < m) T.add(label());
    const B = new Set([...T].filter(() => rng.uniform() < 0.8));
    if (rng.uniform() < 0.3) B.add(label());
    const H = new Set(B);
    if (rng.uniform() < 0.05) H.add(label());
    if (rng.uniform() < 0.05 && H.size) H.delete([...H][0]);
    const push = (arr: number[], S: Set<number>) => arr.push(...[...S].sort((x, y) => x - y));
    push(t, T);
    push(b, B);
    push(h, H);
    tOff[i + 1] = t.length;
    bOff[i + 1] = b.length;
    hOff[i + 1] = h.length;
  }
  const truthIndices = Uint32Array.from(t);
  return {
    b: { task: 'multilabel', n, truthOffsets: tOff, truthIndices, predOffsets: bOff, predIndices: Uint32Array.from(b) },
    h: { task: 'multilabel', n, truthOffsets: tOff, truthIndices, predOffsets: hOff, predIndices: Uint32Array.from(h) },
  };
}

/** Runs f; returns its result, wall milliseconds and a "wall ms (CPU ms)" label (CPU shows through a loaded machine). */
function time<T>(f: () => T): [T, number, string] {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = f();
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(c);
  return [r, wall, `${wall.toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`];
}

export async function run(): Promise<void> {
  // 1. Paired tests at 1,000,000 examples.
  {
    const n = 1_000_000;
    const d = multiclass(n, 1);
    const bEx: SplitExamples = { task: 'multiclass', n, truth: d.truth, pred: d.base };
    const hEx: SplitExamples = { task: 'multiclass', n, truth: d.truth, pred: d.head };
    const base = makeReport('multiclass', names, { test: bEx });
    const head = makeReport('multiclass', names, { test: hEx });
    const [, , decodeMs] = time(() => {
      decodeExamples(base.splits.test.predictions!, C);
      decodeExamples(head.splits.test.predictions!, C);
    });
    const rules = parseRules({ headline: { metrics: [] }, gaps: { metrics: [] } }, 'bench', 'multiclass');
    const source: ExampleSource = (_r, _s, side) => (side === 'base' ? bEx : hEx);
    const [cmp, , testMs] = time(() => compareWithSource(base, head, rules, undefined, source));
    const tested = cmp.classes.filter((c) => c.test).length;
    console.log(
      `paired tests: ${C} classes x ${n.toLocaleString('en')} examples: ${testMs} (pairing, McNemar, Tarone, BH over ${tested} classes); decoding both reports' predictions: ${decodeMs}`,
    );
  }
  // 2. Bootstrap at 100,000 examples, 1,000 resamples.
  {
    const n = 100_000;
    const d = multiclass(n, 2);
    const bEx: SplitExamples = { task: 'multiclass', n, truth: d.truth, pred: d.base };
    const hEx: SplitExamples = { task: 'multiclass', n, truth: d.truth, pred: d.head };
    const base = makeReport('multiclass', names, { test: bEx }, { encode: false });
    const head = makeReport('multiclass', names, { test: hEx }, { encode: false });
    const p = pairSplit(base, head, 'test', unionClasses(names, names), (_r, _s, side) =>
      side === 'base' ? bEx : hEx,
    );
    if (!('paired' in p)) throw new Error(p.why);
    const [, , ms] = time(() => bootstrapSplit(p.paired, 'test', 1000, 1, C, C));
    console.log(`bootstrap: multiclass ${n.toLocaleString('en')} examples x ${C} classes, 1,000 resamples: ${ms}`);
    const ml = multilabel(n, 3);
    const mb = makeReport('multilabel', names, { test: ml.b }, { encode: false });
    const mh = makeReport('multilabel', names, { test: ml.h }, { encode: false });
    const mp = pairSplit(mb, mh, 'test', unionClasses(names, names), (_r, _s, side) => (side === 'base' ? ml.b : ml.h));
    if (!('paired' in mp)) throw new Error(mp.why);
    const [, , mms] = time(() => bootstrapSplit(mp.paired, 'test', 1000, 1, C, C));
    console.log(
      `bootstrap: multi-label ${n.toLocaleString('en')} examples x ${C} classes (1-5 labels each), 1,000 resamples: ${mms}`,
    );
  }
  // 3. Gate simulation.
  {
    const reps = Number(process.env.MODELGATE_BENCH_SIM_REPS ?? 200);
    const [nul, ms] = time(() => simulateGate({ reps, seed: 101, maxSupport: 20000 }));
    console.log(
      `simulation, no real change (485 classes, supports 10..20,000, ${nul.examples.toLocaleString('en')} examples/run, ${reps} runs): gate false alarms ${nul.gateFails}/${reps} (${pct(nul.gateFails / reps)}), naive 5-point rule ${nul.naiveFails}/${reps} (${pct(nul.naiveFails / reps)}) [${(ms / 1000).toFixed(1)} s]`,
    );
    const injReps = Math.max(1, Math.round(reps / 2));
    const inj = simulateGate({
      reps: injReps,
      seed: 102,
      maxSupport: 20000,
      inject: { count: 5, drop: 0.2, minSupport: 50 },
    });
    console.log(
      `simulation, 20-point drop in 5 classes with support >= 50 (${injReps} runs): gate fails ${inj.gateFails}/${injReps} (${pct(inj.gateFails / injReps)}), classes detected ${inj.detected}/${inj.injectedTotal} (${pct(inj.detected / inj.injectedTotal)}), all five in ${inj.allDetectedRuns} runs, other classes flagged ${inj.falseFlags}`,
    );
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
