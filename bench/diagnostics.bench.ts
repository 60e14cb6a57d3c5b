// The cost of the diagnostics on 100,000 examples x 485 classes, as CSV with four-decimal scores
// and an id column, in the two shapes the issue names: multiclass (softmax-like scores) and the
// long-tailed multi-label case. For each: the evaluation of the file end to end (reading,
// decisions, report, threshold-free metrics, leakage keys, and for multi-label the threshold
// tuning histograms), in one thread and as it runs (a file this large has its scores counted on
// a worker thread: src/pipeline/score-thread.ts), then the diagnostics alone on the same scores
// and ids in memory (the score sinks fed as the readers feed them, their results, the leakage
// keys). The evaluation without them is the one-thread time less that; the goal (under 25% of
// it, PASS/FAIL) is printed for the wall time the diagnostics add and for their CPU time.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '../src/core/report/types.js';
import { DiagnosticsCollector } from '../src/core/diagnostics/collect.js';
import { ScoreHistograms, teeSinks } from '../src/core/metrics/score-histograms.js';
import { evaluatePredictionFiles } from '../src/pipeline/evaluate.js';
import { rng } from './rng.js';

const C = 485;
const GOAL = 0.25;
const NAMES = Array.from({ length: C }, (_, c) => `c${c}`);

interface Data {
  /** Per example, its true classes: truthIndices[truthOffsets[i]..truthOffsets[i + 1]). */
  truthOffsets: Uint32Array;
  truthIndices: Uint32Array;
  scores: Float64Array;
}

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

function generate(path: string, n: number, task: Task): Data {
  const r = rng(11);
  const scores = new Float64Array(n * C);
  const truthOffsets = new Uint32Array(n + 1);
  const truth: number[] = [];
  const fd = openSync(path, 'w');
  writeSync(fd, `id,${task === 'multiclass' ? 'label' : 'labels'},${NAMES.map((c) => `score:${c}`).join(',')}\n`);
  let chunk = '';
  const row = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    const from = truth.length;
    (task === 'multiclass' ? multiclassRow : multilabelRow)(r, row, truth);
    truthOffsets[i + 1] = truth.length;
    const cells: string[] = [];
    for (let c = 0; c < C; c++) {
      const v = Math.round(row[c] * 1e4) / 1e4;
      scores[i * C + c] = v;
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
  return { truthOffsets, truthIndices: Uint32Array.from(truth), scores };
}

/** The diagnostics alone, in memory, fed as the readers feed them: seconds. */
function diagnosticsAlone(n: number, task: Task, { truthOffsets, truthIndices, scores }: Data): number {
  const t = performance.now();
  const diag = new DiagnosticsCollector('id');
  const accumulator = diag.beginSplit('test');
  accumulator.task = task;
  const tuning = task === 'multilabel' ? new ScoreHistograms() : undefined;
  const sink = teeSinks(accumulator, tuning)!;
  const enc = new TextEncoder();
  const ids = Array.from({ length: n }, (_, i) => enc.encode(`ex${i}`));
  for (let i = 0; i < n; i += 8192) {
    const m = Math.min(8192, n - i);
    let len = 0;
    for (let k = 0; k < m; k++) len += ids[i + k].length;
    const bytes = new Uint8Array(len);
    const ends = new Uint32Array(m);
    for (let k = 0, at = 0; k < m; k++) {
      bytes.set(ids[i + k], at);
      ends[k] = at += ids[i + k].length;
    }
    for (let k = 0; k < m; k++) {
      sink.scores(scores, (i + k) * C, C);
      sink.end(truthIndices, truthOffsets[i + k], truthOffsets[i + k + 1]);
    }
    const truth = truthIndices.subarray(truthOffsets[i], truthOffsets[i + m]);
    const offsets = truthOffsets.subarray(i, i + m + 1);
    diag.batch(
      task === 'multiclass'
        ? { task, n: m, truth, pred: truth, ids: { bytes, ends } }
        : {
            task,
            n: m,
            truthOffsets: offsets,
            truthIndices,
            predOffsets: offsets,
            predIndices: truthIndices,
            ids: { bytes, ends },
          },
    );
  }
  diag.endSplit();
  accumulator.result(
    Uint32Array.from({ length: C }, (_, c) => c),
    C,
    n,
  );
  if (tuning) for (let c = 0; c < C; c++) tuning.atOrAbove(c, true);
  return (performance.now() - t) / 1000;
}

export async function run(): Promise<void> {
  const n = Number(process.env.MODELGATE_BENCH_N ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-diag-'));
  try {
    for (const task of ['multiclass', 'multilabel'] as const) {
      const path = join(dir, `${task}.csv`);
      const data = generate(path, n, task);
      // The evaluation as it runs (the scores counted on a worker thread for a file this large), and in this thread only.
      const evaluate = async (scoreThreadMinBytes?: number) => {
        const t = performance.now();
        const report = await evaluatePredictionFiles([{ name: 'test', path }], {
          classes: NAMES,
          task,
          scoreThreadMinBytes,
        });
        if (!report.splits.test.scores) throw new Error('no threshold-free metrics in the report');
        return (performance.now() - t) / 1000;
      };
      // A warm-up run, then each way twice, alternating: the faster of each (a shared machine only slows runs down).
      await evaluate();
      let [threaded, oneThread] = [Infinity, Infinity];
      for (let run = 0; run < 2; run++) {
        threaded = Math.min(threaded, await evaluate());
        oneThread = Math.min(oneThread, await evaluate(Infinity));
      }
      const diagnostics = diagnosticsAlone(n, task, data);
      const without = oneThread - diagnostics;
      const [cpu, wall] = [diagnostics / without, (threaded - without) / without];
      console.log(
        `diagnostics on ${n.toLocaleString('en')} x ${C} ${task} (csv ${(statSync(path).size / 2 ** 20).toFixed(0)} MB): ` +
          `evaluation ${oneThread.toFixed(2)} s in one thread (the faster of 2 after a warm-up), diagnostics alone ${diagnostics.toFixed(2)} s = ` +
          `${(100 * cpu).toFixed(1)}% of the evaluation without them (${without.toFixed(2)} s); ` +
          `with the scores counted on a worker thread ${threaded.toFixed(2)} s, ${(100 * wall).toFixed(1)}% over it`,
      );
      console.log(
        `  goal: the diagnostics under ${100 * GOAL}% of the evaluation's time: ${(100 * wall).toFixed(1)}% (wall, worker thread) ` +
          `${wall < GOAL ? 'PASS' : 'FAIL'}; their CPU time ${(100 * cpu).toFixed(1)}% ${cpu < GOAL ? 'PASS' : 'FAIL'}`,
      );
      rmSync(path);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
