// Issue 14's goals, each measured side by side with its reference in this one run and printed
// with PASS/FAIL: `modelgate evaluate` (the CLI bundle, a fresh process per run, start-up and the
// report with its per-example predictions included) on a long-tailed multi-label N x 485 .npz
// (labels uint8 0/1, scores float32) and the same data as CSV, against scikit-learn 1.2's
// pipeline (np.load / pandas.read_csv, scores >= 0.5, classification_report; timed inside
// Python from the read on, so its interpreter start and imports are not counted) by
// /usr/bin/python3; peak RSS at 10k, 100k and 1M rows; start-up of `--help` and of the action.
// Timings are medians of REPEATS runs, each side of a ratio interleaved with its reference (a slow
// minute slows both): wall time (the goals) and CPU time of every thread (less disturbed when
// other work shares the cores). The generated files are flushed to disk before any run is timed. Data: generated into a temp dir, removed after.
// MODELGATE_BENCH_SPEED_ROWS=10000,100000 picks other sizes (the ratios use the 100k point, else the largest).

import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { rng } from './rng.js';

const C = 485;
const PYTHON = '/usr/bin/python3';
const REPEATS = 3;
const STARTUP_RUNS = 10;
const GOAL = { npzRatio: 5, csvRatio: 3, rssMB: 150, startupS: 0.15 };
/** Prints the child's peak RSS (KiB) and CPU time (µs, all threads) on exit: the CLI is run unchanged. */
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nbench-usage '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

export const NAMES = Array.from({ length: C }, (_, c) => `c${String(c).padStart(3, '0')}`);
const FREQ = Float64Array.from({ length: C }, (_, c) => 0.3 / (c + 1) ** 0.8);

/**
 * `rows` rows into truth (0/1) and score (hundredths): label c occurs with probability
 * 0.3 / (c + 1)^0.8 (a long tail); scores are informative but noisy (bench/metrics.bench.ts's data).
 */
function fillRows(r: () => number, rows: number, truth: Uint8Array, score: Uint8Array): void {
  for (let i = 0; i < rows * C; i++) {
    const u = r();
    const c = i % C;
    let s: number;
    truth[i] = 0;
    if (u < FREQ[c]) {
      truth[i] = 1;
      s = 0.3 + 0.7 * r();
    } else if (u < FREQ[c] * 1.4) s = 0.25 + 0.5 * r();
    else s = 0.3 * r() ** 2;
    score[i] = Math.round(s * 100);
  }
}

function npyHeader(descr: string, n: number): Buffer {
  let h = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${n}, ${C}), }`;
  h += ' '.repeat((64 - ((10 + h.length + 1) % 64)) % 64) + '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre[6] = 1;
  pre.writeUInt16LE(h.length, 8);
  return Buffer.concat([pre, Buffer.from(h, 'latin1')]);
}

/**
 * Writes preds.npz as numpy.savez does (stored members labels.npy, scores.npy), streaming: both
 * members are written at their final offsets as rows are generated, CRCs patched in at the end.
 * With `csvPath`, the same rows as CSV (`labels` joined by '|', one score:<class> column each).
 */
export function writeData(npzPath: string, n: number, csvPath?: string): void {
  const members = [
    { name: Buffer.from('labels.npy'), header: npyHeader('|u1', n), item: 1, crc: 0, offset: 0, size: 0 },
    { name: Buffer.from('scores.npy'), header: npyHeader('<f4', n), item: 4, crc: 0, offset: 0, size: 0 },
  ];
  let offset = 0;
  for (const m of members) {
    m.offset = offset;
    m.size = m.header.length + n * C * m.item;
    offset += 30 + m.name.length + m.size;
  }
  const fd = openSync(npzPath, 'w');
  const csv = csvPath ? openSync(csvPath, 'w') : null;
  const text = Array.from({ length: 101 }, (_, q) => (q / 100).toFixed(2));
  const put = (b: Uint8Array, at: number) => writeSync(fd, b, 0, b.length, at);
  try {
    const pos = members.map((m) => m.offset + 30 + m.name.length);
    const body = (k: number, b: Uint8Array) => {
      put(b, pos[k]);
      pos[k] += b.length;
      members[k].crc = crc32(b, members[k].crc);
    };
    members.forEach((m, k) => body(k, m.header));
    if (csv !== null) writeSync(csv, ['labels', ...NAMES.map((c) => `score:${c}`)].join(',') + '\n');
    const r = rng(485);
    const STEP = 2048;
    const truth = new Uint8Array(STEP * C);
    const score = new Uint8Array(STEP * C);
    const f32 = new Float32Array(STEP * C);
    for (let row = 0; row < n; row += STEP) {
      const k = Math.min(STEP, n - row);
      fillRows(r, k, truth, score);
      for (let i = 0; i < k * C; i++) f32[i] = score[i] / 100;
      body(0, truth.subarray(0, k * C));
      body(1, new Uint8Array(f32.buffer, 0, k * C * 4));
      if (csv !== null) writeSync(csv, csvRows(truth, score, k, text));
    }
    const central: Buffer[] = [];
    for (const m of members) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt32LE(m.crc, 14);
      local.writeUInt32LE(m.size, 18);
      local.writeUInt32LE(m.size, 22);
      local.writeUInt16LE(m.name.length, 26);
      put(Buffer.concat([local, m.name]), m.offset);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(20, 4);
      cd.writeUInt16LE(20, 6);
      cd.writeUInt32LE(m.crc, 16);
      cd.writeUInt32LE(m.size, 20);
      cd.writeUInt32LE(m.size, 24);
      cd.writeUInt16LE(m.name.length, 28);
      cd.writeUInt32LE(m.offset, 42);
      central.push(cd, m.name);
    }
    const cd = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(members.length, 8);
    end.writeUInt16LE(members.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    put(Buffer.concat([cd, end]), offset);
    // On disk before anything is timed: the kernel's write-back of ~0.5 GB would share the cores.
    fsyncSync(fd);
    if (csv !== null) fsyncSync(csv);
  } finally {
    closeSync(fd);
    if (csv !== null) closeSync(csv);
  }
}

function csvRows(truth: Uint8Array, score: Uint8Array, rows: number, text: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const labels: string[] = [];
    const scores = new Array<string>(C);
    for (let c = 0; c < C; c++) {
      if (truth[i * C + c]) labels.push(NAMES[c]);
      scores[c] = text[score[i * C + c]];
    }
    lines.push(labels.join('|') + ',' + scores.join(','));
  }
  return lines.join('\n') + '\n';
}

interface Run {
  secs: number;
  rssMB: number;
  /** CPU seconds (user + system, every thread): less disturbed than wall time on a shared machine. */
  cpu: number;
}

interface Figures {
  f1: number[];
  precision: number[];
  recall: number[];
  f1_micro: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const MB = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
/** Per-class precision, recall, F1 and micro F1 against scikit-learn's. */
const same = (d: number) =>
  d <= 1e-12 ? `the same to 1e-12 (largest difference ${d.toExponential(1)})` : `DIFFER by ${d}`;

/** `modelgate evaluate` on one file in a fresh process: wall time from spawn to exit, peak RSS. */
function evaluate(cli: string, path: string, classes: string, out: string, extra: string[] = []): Run {
  const t = performance.now();
  const p = spawnSync(
    process.execPath,
    [
      '--import',
      RSS_HOOK,
      cli,
      'evaluate',
      '--split',
      `test=${path}`,
      '--classes',
      classes,
      '--task',
      'multilabel',
      '--out',
      out,
      ...extra,
    ],
    { encoding: 'utf8' },
  );
  const secs = (performance.now() - t) / 1000;
  if (p.status !== 0) throw new Error(`modelgate evaluate ${path} failed: ${p.stderr}`);
  // The hook runs at the exit of every thread that ends on its own (a worker may, before the peak):
  // the process's figures are the last line's (both are process-wide and only grow).
  const [, kib, us] = [...p.stderr.matchAll(/bench-usage (\d+) (\d+)/g)].at(-1) ?? [];
  return { secs, rssMB: Number(kib) / 1024, cpu: Number(us) / 1e6 };
}

/**
 * What no evaluation that keeps issue 14's guarantees can beat on this machine: a fresh node
 * process that reads the file once, CRC-32s it, and has a worker read it again for its sha256
 * (the file hash in the report), then exits; no parsing, no counting, no report.
 */
const FLOOR_SCRIPT = `
import { openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { Worker } from 'node:worker_threads';
const path = process.argv[1];
// The worker's code is a module too (--input-type=module applies to eval workers).
const w = new Worker(\`
import { parentPort, workerData } from 'node:worker_threads';
import { openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
const h = createHash('sha256');
const fd = openSync(workerData, 'r'), b = Buffer.allocUnsafe(1 << 20);
for (let n; (n = readSync(fd, b, 0, b.length, null)) > 0; ) h.update(b.subarray(0, n));
parentPort.postMessage(h.digest('hex'));\`, { eval: true, workerData: path });
const hashed = new Promise((r) => w.once('message', r));
const fd = openSync(path, 'r'), b = Buffer.allocUnsafe(1 << 20);
let crc = 0;
for (let n; (n = readSync(fd, b, 0, b.length, null)) > 0; ) crc = crc32(b.subarray(0, n), crc);
await hashed;
await w.terminate();
`;

function floor(path: string): Run {
  const t = performance.now();
  const p = spawnSync(process.execPath, ['--import', RSS_HOOK, '--input-type=module', '-e', FLOOR_SCRIPT, path], {
    encoding: 'utf8',
  });
  const secs = (performance.now() - t) / 1000;
  if (p.status !== 0) throw new Error(`the floor script failed: ${p.stderr}`);
  const [, kib, us] = [...p.stderr.matchAll(/bench-usage (\d+) (\d+)/g)].at(-1) ?? [];
  return { secs, rssMB: Number(kib) / 1024, cpu: Number(us) / 1e6 };
}

/** Runs' medians (and their largest RSS); the rest of the first run's fields (scikit-learn's figures). */
function summary<T extends Run>(runs: T[]): T {
  return {
    ...runs[0],
    secs: median(runs.map((r) => r.secs)),
    rssMB: Math.max(...runs.map((r) => r.rssMB)),
    cpu: median(runs.map((r) => r.cpu)),
  };
}

/**
 * Each measurement REPEATS times, interleaved (a b c a b c a b c), summarized: a slow minute on a
 * shared machine then slows each side of a ratio alike, not the one that happened to run in it.
 */
function interleaved<T extends Run[]>(...fs: { [K in keyof T]: () => T[K] }): T {
  const runs = fs.map(() => [] as Run[]);
  for (let i = 0; i < REPEATS; i++) fs.forEach((f, k) => runs[k].push(f()));
  return runs.map((r) => summary(r)) as T;
}

const PY_SCRIPT = `
import json, resource, sys, time
import numpy as np
import pandas as pd
from sklearn.metrics import classification_report
from sklearn.preprocessing import MultiLabelBinarizer
kind, path, classes_path = sys.argv[1:]
classes = open(classes_path).read().split()
t = time.perf_counter()
cpu = time.process_time()
if kind == "csv":
    df = pd.read_csv(path, keep_default_na=False, dtype={"labels": str})
    Y = MultiLabelBinarizer(classes=classes).fit_transform([s.split("|") if s else [] for s in df["labels"]])
    S = df[["score:" + c for c in classes]].to_numpy()
else:
    z = np.load(path)
    Y = z["labels"]
    S = z["scores"]
rep = classification_report(Y, S >= 0.5, target_names=classes, output_dict=True, zero_division=0)
secs = time.perf_counter() - t
print(json.dumps({"secs": secs, "cpu": time.process_time() - cpu, "rssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
  "f1_micro": rep["micro avg"]["f1-score"],
  "f1": [rep[c]["f1-score"] for c in classes], "precision": [rep[c]["precision"] for c in classes],
  "recall": [rep[c]["recall"] for c in classes]}))
`;

function pythonAvailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const p = spawnSync(PYTHON, ['-c', 'import numpy, pandas, sklearn'], { encoding: 'utf8' });
  return p.status === 0 ? null : `${PYTHON} lacks numpy/pandas/scikit-learn`;
}

/** One run of the scikit-learn (or pandas) pipeline on `path`: its times (from inside Python) and its figures. */
function scikitLearn(script: string, kind: 'csv' | 'npz', path: string, classes: string): Run & Figures {
  const p = spawnSync(PYTHON, [script, kind, path, classes], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (p.status !== 0) throw new Error(`scikit-learn ${kind} failed: ${p.stderr.trim().split('\n').at(-1)}`);
  return JSON.parse(p.stdout.trim().split('\n').at(-1)!) as Run & Figures;
}

/** Largest difference between the report's figures and scikit-learn's. */
function maxDiff(reportPath: string, sk: Figures): number {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
    splits: Record<string, { metrics: { f1_micro: number }; perClass: Figures }>;
  };
  const split = report.splits.test;
  let d = Math.abs(split.metrics.f1_micro - sk.f1_micro);
  for (const k of ['f1', 'precision', 'recall'] as const)
    for (let c = 0; c < C; c++) d = Math.max(d, Math.abs(split.perClass[k][c] - sk[k][c]));
  return d;
}

/** Median seconds from spawn to the first stdout byte (the first log line), over `runs` runs. */
async function firstLine(args: string[], runs: number, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++)
    times.push(
      await new Promise<number>((resolve, reject) => {
        const t = performance.now();
        let first = NaN;
        const c = spawn(process.execPath, args, {
          env: { PATH: process.env.PATH, ...env },
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        c.stdout.once('data', () => (first = (performance.now() - t) / 1000));
        c.stdout.resume();
        c.on('error', reject);
        c.on('close', () => resolve(first));
      }),
    );
  return median(times);
}

async function startup(here: string): Promise<void> {
  const node = await firstLine(['-e', 'console.log(0)'], STARTUP_RUNS);
  const help = await firstLine([join(here, 'cli.mjs'), '--help'], STARTUP_RUNS);
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-action-'));
  try {
    const action = await firstLine([join(here, 'action.mjs')], STARTUP_RUNS, { GITHUB_WORKSPACE: dir });
    console.log(`start-up, median of ${STARTUP_RUNS} (node itself, printing one line: ${node.toFixed(3)} s):`);
    console.log(
      `  goal: modelgate --help within ${GOAL.startupS} s: ${help.toFixed(3)} s  ${pass(help <= GOAL.startupS)}`,
    );
    console.log(
      `  goal: the action's first log line within ${GOAL.startupS} s: ${action.toFixed(3)} s  ${pass(action <= GOAL.startupS)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sizes(): number[] {
  const s = process.env.MODELGATE_BENCH_SPEED_ROWS;
  return s ? s.split(',').map(Number) : [10_000, 100_000, 1_000_000];
}

export async function run(): Promise<void> {
  const here = dirname(process.argv[1]);
  const cli = join(here, 'cli.mjs');
  await startup(here);
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-speed-'));
  try {
    const classes = join(dir, 'classes.txt');
    writeFileSync(classes, NAMES.join('\n') + '\n');
    const ns = sizes();
    const ratioN = ns.includes(100_000) ? 100_000 : Math.max(...ns);
    const why = pythonAvailable();
    const script = join(dir, 'sk.py');
    writeFileSync(script, PY_SCRIPT);
    const rss: [number, number][] = [];
    for (const n of ns) {
      const npz = join(dir, `preds-${n}.npz`);
      const csv = n === ratioN ? join(dir, `preds-${n}.csv`) : undefined;
      const t = performance.now();
      writeData(npz, n, csv);
      console.log(
        `data: ${n0(n)} x ${C} long-tailed multi-label, npz ${MB(statSync(npz).size)} MB` +
          `${csv ? `, csv ${MB(statSync(csv).size)} MB` : ''}, generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      const out = join(dir, `report-${n}.json`);
      const ourRun = () => evaluate(cli, npz, classes, out);
      // At the ratios' size each side REPEATS times, interleaved with its references.
      const [ours, sk, f] =
        n !== ratioN
          ? [ourRun()]
          : why
            ? interleaved<[Run]>(ourRun)
            : interleaved<[Run, Run & Figures, Run]>(
                ourRun,
                () => scikitLearn(script, 'npz', npz, classes),
                () => floor(npz),
              );
      rss.push([n, ours.rssMB]);
      console.log(
        `  modelgate evaluate npz: ${ours.secs.toFixed(2)} s, CPU ${ours.cpu.toFixed(2)} s (${n0((n * C) / ours.secs / 1e6)} M scores/s), peak RSS ${ours.rssMB.toFixed(0)} MB, ` +
          `report ${MB(statSync(out).size)} MB`,
      );
      if (n === ratioN) {
        if (why) console.log(`  scikit-learn comparison skipped: ${why}`);
        else compare(script, classes, csv!, { ours, sk: sk!, floor: f!, out }, cli, dir);
      }
      if (n === Math.max(...ns)) {
        // What is O(N): the per-example predictions the report carries (paired tests, merge).
        const bare = evaluate(cli, npz, classes, out, ['--no-predictions']);
        console.log(
          `  the same with --no-predictions: ${bare.secs.toFixed(2)} s, CPU ${bare.cpu.toFixed(2)} s, peak RSS ${bare.rssMB.toFixed(0)} MB`,
        );
      }
      rmSync(npz);
    }
    const flat = rss.every(([, mb]) => mb <= GOAL.rssMB);
    console.log(
      `  goal: npz peak RSS <= ${GOAL.rssMB} MB at every N: ${rss.map(([n, mb]) => `${n0(n)}: ${mb.toFixed(0)} MB`).join(', ')}  ${pass(flat)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The ratios against scikit-learn at one size: the .npz's from its runs (`out`: our report), then
 * the CSV's, measured here (interleaved).
 */
function compare(
  script: string,
  classes: string,
  csv: string,
  { ours, sk, floor: f, out }: { ours: Run; sk: Run & Figures; floor: Run; out: string },
  cli: string,
  dir: string,
): void {
  console.log(
    `  scikit-learn npz (np.load, scores >= 0.5, classification_report): ${sk.secs.toFixed(2)} s, CPU ${sk.cpu.toFixed(2)} s, peak RSS ${sk.rssMB.toFixed(0)} MB; ` +
      `figures ${same(maxDiff(out, sk))}`,
  );
  const r = sk.secs / ours.secs;
  console.log(
    `  goal: npz evaluate >= ${GOAL.npzRatio}x scikit-learn: ${r.toFixed(2)}x (in CPU time ${(sk.cpu / ours.cpu).toFixed(2)}x)  ${pass(r >= GOAL.npzRatio)}`,
  );
  console.log(
    `  the floor: a node process that only reads the file, CRC-32s it and sha256es it (on a worker, as modelgate does): ` +
      `${f.secs.toFixed(2)} s, CPU ${f.cpu.toFixed(2)} s; scikit-learn / floor = ${(sk.secs / f.secs).toFixed(2)}x, ` +
      `the most an evaluation keeping those checks could show here now (modelgate is ${(ours.secs - f.secs).toFixed(2)} s above it)`,
  );
  const csvOut = join(dir, 'report-csv.json');
  const [oc, pc] = interleaved<[Run, Run & Figures]>(
    () => evaluate(cli, csv, classes, csvOut),
    () => scikitLearn(script, 'csv', csv, classes),
  );
  console.log(
    `  modelgate evaluate csv: ${oc.secs.toFixed(2)} s, CPU ${oc.cpu.toFixed(2)} s, peak RSS ${oc.rssMB.toFixed(0)} MB; pandas.read_csv + classification_report: ` +
      `${pc.secs.toFixed(2)} s, CPU ${pc.cpu.toFixed(2)} s, peak RSS ${pc.rssMB.toFixed(0)} MB; figures ${same(maxDiff(csvOut, pc))}`,
  );
  const rc = pc.secs / oc.secs;
  console.log(
    `  goal: csv evaluate >= ${GOAL.csvRatio}x pandas: ${rc.toFixed(2)}x (in CPU time ${(pc.cpu / oc.cpu).toFixed(2)}x)  ${pass(rc >= GOAL.csvRatio)}`,
  );
  console.log(`  goal: csv peak RSS <= ${GOAL.rssMB} MB: ${oc.rssMB.toFixed(0)} MB  ${pass(oc.rssMB <= GOAL.rssMB)}`);
  rmSync(csv);
}
