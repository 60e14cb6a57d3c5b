// The cost of the diagnostics on 100,000 examples x 485 classes (multiclass, softmax-like
// scores with an id column, as CSV): the evaluation of the file end to end (reading, decisions,
// report, threshold-free metrics, leakage keys), then the diagnostics alone on the same scores
// and ids in memory (ScoreAccumulator fed as the readers feed it, its result, the leakage keys).
// Prints their ratio to the evaluation without them; the goal is under 25% (PASS/FAIL).
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiagnosticsCollector } from '../src/core/diagnostics/collect.js';
import { evaluatePredictionFiles } from '../src/pipeline/evaluate.js';
import { rng } from './rng.js';

const C = 485;
const GOAL = 0.25;

/** Scores with four decimals: the truth gets most of the mass often, the rest a long tail. */
function generate(path: string, n: number): { truth: Uint32Array; scores: Float64Array } {
  const r = rng(11);
  const truth = new Uint32Array(n);
  const scores = new Float64Array(n * C);
  const fd = openSync(path, 'w');
  const names = Array.from({ length: C }, (_, c) => `c${c}`);
  writeSync(fd, `id,label,${names.map((c) => `score:${c}`).join(',')}\n`);
  let chunk = '';
  const row = new Float64Array(C);
  for (let i = 0; i < n; i++) {
    const t = Math.min(C - 1, Math.floor(C * r() ** 2));
    truth[i] = t;
    let sum = 0;
    for (let c = 0; c < C; c++) sum += row[c] = r() ** 8;
    row[t] += r() < 0.7 ? 3 * sum : 0;
    sum = row.reduce((a, b) => a + b, 0);
    const cells: string[] = [];
    for (let c = 0; c < C; c++) {
      const v = Math.round((row[c] / sum) * 1e4) / 1e4;
      scores[i * C + c] = v;
      cells.push(v === 0 ? '0' : String(v));
    }
    chunk += `ex${i},${names[t]},${cells.join(',')}\n`;
    if (chunk.length > 1 << 22) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return { truth, scores };
}

export async function run(): Promise<void> {
  const n = Number(process.env.MODELGATE_BENCH_N ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-diag-'));
  try {
    const path = join(dir, 'test.csv');
    const { truth, scores } = generate(path, n);
    const names = Array.from({ length: C }, (_, c) => `c${c}`);
    let t = performance.now();
    const report = await evaluatePredictionFiles([{ name: 'test', path }], { classes: names });
    const evaluation = (performance.now() - t) / 1000;
    if (!report.splits.test.scores) throw new Error('no threshold-free metrics in the report');

    // The same work in memory: one split's scores through the sink, the metrics, and the ids' keys.
    t = performance.now();
    const diag = new DiagnosticsCollector('id');
    const sink = diag.beginSplit('test');
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
        sink.end(truth, i + k, i + k + 1);
      }
      diag.batch({
        task: 'multiclass',
        n: m,
        truth: truth.subarray(i, i + m),
        pred: truth.subarray(i, i + m),
        ids: { bytes, ends },
      });
    }
    diag.endSplit();
    const perm = Uint32Array.from({ length: C }, (_, c) => c);
    sink.result(perm, C, n);
    const diagnostics = (performance.now() - t) / 1000;
    const ratio = diagnostics / (evaluation - diagnostics);
    console.log(
      `diagnostics on ${n.toLocaleString('en')} x ${C} (csv ${(statSync(path).size / 2 ** 20).toFixed(0)} MB): ` +
        `evaluation ${evaluation.toFixed(2)} s with them, diagnostics alone ${diagnostics.toFixed(2)} s = ` +
        `${(100 * ratio).toFixed(1)}% of the evaluation without them (goal < ${100 * GOAL}%): ${ratio < GOAL ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
