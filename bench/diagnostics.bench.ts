// The cost of the score diagnostics (threshold-free metrics; for multi-label also the counts of
// the threshold tuning, in the same cells) on 100,000 examples x 485 classes, as CSV with
// four-decimal scores and an id column, in the two shapes the issue names: multiclass
// (softmax-like scores) and the long-tailed multi-label case. The evaluation of the file end to
// end is timed three ways: as it runs (a file this large has its scores counted on a worker
// thread: src/pipeline/score-thread.ts), in this thread only, and without the score diagnostics
// (scoreDiagnostics: false). The goal (under 25% of the evaluation's time, PASS/FAIL) is printed
// for what they add as it runs and in one thread. Then the same for the speed bench's long-tailed
// multi-label .npz (float32 scores), where reading costs least and the diagnostics weigh most.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '../src/core/report/types.js';
import { ScoreAccumulator } from '../src/core/diagnostics/scores.js';
import { evaluatePredictionFiles } from '../src/pipeline/evaluate.js';
import { scoreThreadFor } from '../src/pipeline/score-thread.js';
import { rng } from './rng.js';
import { NAMES as SPEED_NAMES, writeData } from './speed.bench.js';

const C = 485;
const GOAL = 0.25;
const RUNS = 5;
const NAMES = Array.from({ length: C }, (_, c) => `c${c}`);

/** Multiclass: the truth gets most of the mass often, the rest a long tail. */
function multiclassRow(r: () => number, row: Float64Array, truth: number[]): void {
  const t = Math.min(C - 1, Math.floor(C * r() ** 2));
  truth.push(t);
  let sum = 0;
  for (let c = 0; c < C; c++) sum += row[c] = r() ** 8;
  row[t] += r() < 0.7 ? 3 * sum : 0;
  sum = row.reduce((a, b) => a + b, 0);
  for (let c = 0; c < C; c++) row[c] /= sum;
}

/** Multi-label: label c with probability 0.3 / (c + 1)^0.8, informative but noisy sigmoid scores. */
function multilabelRow(r: () => number, row: Float64Array, truth: number[]): void {
  for (let c = 0; c < C; c++) {
    const p = 0.3 / (c + 1) ** 0.8;
    const u = r();
    if (u < p) truth.push(c);
    row[c] = u < p ? 0.3 + 0.7 * r() : u < 1.4 * p ? 0.25 + 0.5 * r() : 0.3 * r() ** 2;
  }
}

export function generate(path: string, n: number, task: Task): void {
  const r = rng(11);
  const truth: number[] = [];
  const fd = openSync(path, 'w');
  writeSync(fd, `id,${task === 'multiclass' ? 'label' : 'labels'},${NAMES.map((c) => `score:${c}`).join(',')}\n`);
  let chunk = '';
  const row = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    const from = truth.length;
    (task === 'multiclass' ? multiclassRow : multilabelRow)(r, row, truth);
    const cells: string[] = [];
    for (let c = 0; c < C; c++) {
      const v = Math.round(row[c] * 1e4) / 1e4;
      cells.push(v === 0 ? '0' : String(v));
    }
    chunk += `ex${i},${truth
      .slice(from)
      .map((t) => NAMES[t])
      .join('|')},${cells.join(',')}\n`;
    if (chunk.length > 1 << 22) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/**
 * What counting one score costs by itself: a ScoreAccumulator fed MICRO_EXAMPLES examples held in
 * memory (the file's scores, four decimals), the fastest of 5 runs. Steadier than the end-to-end
 * times on a shared machine, and what the goal needs in one thread: a quarter of the parse's cost a score.
 */
const MICRO_EXAMPLES = 20_000;
function countingCost(task: Task): { ns: number; resultMs: number } {
  const r = rng(11);
  const values = new Float64Array(MICRO_EXAMPLES * C);
  const truth: number[] = [];
  const ends = new Uint32Array(MICRO_EXAMPLES + 1);
  const row = new Float64Array(C);
  for (let i = 0; i < MICRO_EXAMPLES; i++) {
    (task === 'multiclass' ? multiclassRow : multilabelRow)(r, row, truth);
    for (let c = 0; c < C; c++) values[i * C + c] = Math.round(row[c] * 1e4) / 1e4;
    ends[i + 1] = truth.length;
  }
  const cls = Uint32Array.from({ length: C }, (_, c) => c);
  let best = Infinity;
  let resultMs = Infinity;
  const perm = Uint32Array.from({ length: C }, (_, c) => c);
  for (let run = 0; run < 5; run++) {
    const acc = new ScoreAccumulator(task);
    const t = performance.now();
    for (let i = 0; i < MICRO_EXAMPLES; i++) {
      acc.scores(values, i * C, C, cls);
      acc.end(truth, ends[i], ends[i + 1]);
    }
    best = Math.min(best, performance.now() - t);
    // The metrics from the counts, once a split (the same work for any number of examples).
    const r = performance.now();
    if (!acc.result(perm, C, MICRO_EXAMPLES)) throw new Error('no threshold-free metrics');
    resultMs = Math.min(resultMs, performance.now() - r);
  }
  return { ns: (best * 1e6) / (MICRO_EXAMPLES * C), resultMs };
}

/** The evaluation of `path` timed three ways (see the top), the goal printed for what the diagnostics add. */
async function measure(what: string, path: string, task: Task, classes: string[], n: number): Promise<void> {
  // The evaluation as it runs (a file this large has its scores counted on a worker thread where
  // a core is free for it), in this thread only, and without the score diagnostics at all.
  const evaluate = async (o: { scoreThreadMinBytes?: number; scoreDiagnostics?: boolean }) => {
    const t = performance.now();
    const report = await evaluatePredictionFiles([{ name: 'test', path }], { classes, task, ...o });
    if (!report.splits.test.scores !== (o.scoreDiagnostics === false))
      throw new Error('threshold-free metrics not as asked');
    return (performance.now() - t) / 1000;
  };
  const ways = {
    threaded: {},
    oneThread: { scoreThreadMinBytes: Infinity },
    without: { scoreDiagnostics: false },
  };
  // A warm-up run, then RUNS rounds, each running the three ways back to back, starting from
  // another way each round: the fastest of each way (a shared machine only slows runs down, and
  // this one by up to 2x for minutes at a time). Each round's own ratios are printed too, as
  // the spread: the median of the rounds' ratios was no steadier (rounds of one run took
  // -11% to +50% as it ran, on a day the fastest-of-5 took +8% to +17%).
  await evaluate({});
  type Way = keyof typeof ways;
  const rounds: Record<Way, number>[] = [];
  const order = Object.entries(ways) as [Way, (typeof ways)[Way]][];
  for (let run = 0; run < RUNS; run++) {
    const round = { threaded: 0, oneThread: 0, without: 0 };
    for (let k = 0; k < order.length; k++) {
      const [way, o] = order[(run + k) % order.length];
      round[way] = await evaluate(o);
    }
    rounds.push(round);
  }
  const best = (way: Way) => Math.min(...rounds.map((r) => r[way]));
  const fastest = (way: Way) => best(way) / best('without') - 1;
  const [wall, cpu] = [fastest('threaded'), fastest('oneThread')];
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
  const each = (way: Way) => rounds.map((r) => pct(r[way] / r.without - 1)).join(', ');
  console.log(
    `diagnostics on ${n.toLocaleString('en')} x ${C} ${what} (${(statSync(path).size / 2 ** 20).toFixed(0)} MB; the fastest of ${RUNS} runs each): ` +
      `evaluation without them ${best('without').toFixed(2)} s, with them in one thread ${best('oneThread').toFixed(2)} s (${pct(cpu)}), ` +
      `as it runs ${best('threaded').toFixed(2)} s (${pct(wall)})`,
  );
  // Without a core for the worker (score-thread.ts), as it runs is one thread: the two differ by noise alone.
  const oneWay =
    scoreThreadFor(path) === null ? ` (on ${availableParallelism()} cores the same path as in one thread)` : '';
  console.log(
    `  goal: the diagnostics under ${100 * GOAL}% of the evaluation's time: ${pct(wall)} as it runs${oneWay} ${wall < GOAL ? 'PASS' : 'FAIL'}; ` +
      `${pct(cpu)} in one thread ${cpu < GOAL ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `  each round against its own run without: as it runs ${each('threaded')}; in one thread ${each('oneThread')}`,
  );
  const parse = (1e9 * best('without')) / (n * C);
  const cost = countingCost(task);
  console.log(
    `  a score costs ${cost.ns.toFixed(1)} ns to count by itself (in memory, fastest of 5) and ` +
      `${parse.toFixed(1)} ns to read without the diagnostics (the evaluation's time a score): ` +
      `in one thread the goal needs under ${(GOAL * parse).toFixed(1)} ns; the metrics from the counts take ` +
      `${cost.resultMs.toFixed(1)} ms a split (fastest of 5)`,
  );
}

export async function run(): Promise<void> {
  const n = Number(process.env.MODELGATE_BENCH_N ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-diag-'));
  try {
    for (const task of ['multiclass', 'multilabel'] as const) {
      const path = join(dir, `${task}.csv`);
      generate(path, n, task);
      await measure(`${task} csv`, path, task, NAMES, n);
      rmSync(path);
    }
    // The same long tail as the speed bench's .npz (float32 scores): read far faster than a CSV,
    // so the diagnostics weigh more there. On 2 cores its scores are counted on the reading thread
    // (score-thread.ts: the hashing pass takes the second core), so "as it runs" is one thread.
    const npz = join(dir, 'multilabel.npz');
    writeData(npz, n);
    await measure('multilabel npz', npz, 'multilabel', SPEED_NAMES, n);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
