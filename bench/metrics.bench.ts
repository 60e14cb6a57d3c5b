// Evaluation speed end to end: synthetic multi-label predictions, 100,000 examples x 485
// classes with a long-tailed label frequency, as CSV (`labels` + one `score:<class>` column per
// class) and as .npz (labels 0/1 matrix, float32 scores), evaluated by evaluatePredictionFiles
// in a fresh process each (so peak RSS is the evaluation's own), then the same figures with
// scikit-learn's classification_report (numpy/pandas reading the same files) when
// /usr/bin/python3 has them. Size: MODELGATE_BENCH_N examples (default 100000).

import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { evaluatePredictionFiles } from '../src/pipeline/evaluate.js';
import { rng } from './rng.js';

const C = 485;
const PYTHON = '/usr/bin/python3';

interface Data {
  n: number;
  names: string[];
  /** 0/1 truth, row-major n x C. */
  truth: Uint8Array;
  /** Scores in hundredths (0..100), row-major n x C: CSV and .npz hold exactly the same values. */
  score: Uint8Array;
}

/** Label c occurs with probability 0.3 / (c + 1)^0.8 (a long tail); scores are informative but noisy. */
function generate(n: number): Data {
  const r = rng(485);
  const names = Array.from({ length: C }, (_, c) => `c${String(c).padStart(3, '0')}`);
  const freq = Float64Array.from({ length: C }, (_, c) => 0.3 / (c + 1) ** 0.8);
  const truth = new Uint8Array(n * C);
  const score = new Uint8Array(n * C);
  for (let i = 0; i < n; i++) {
    const row = i * C;
    for (let c = 0; c < C; c++) {
      const u = r();
      let s: number;
      if (u < freq[c]) {
        truth[row + c] = 1;
        s = 0.3 + 0.7 * r();
      } else if (u < freq[c] * 1.4) {
        s = 0.25 + 0.5 * r(); // a confusable class: sometimes above the threshold
      } else {
        s = 0.3 * r() ** 2;
      }
      score[row + c] = Math.round(s * 100);
    }
  }
  return { n, names, truth, score };
}

function writeCsv(path: string, d: Data): void {
  const fd = openSync(path, 'w');
  const text = Array.from({ length: 101 }, (_, q) => (q / 100).toFixed(2));
  try {
    writeSync(fd, ['labels', ...d.names.map((c) => `score:${c}`)].join(',') + '\n');
    let chunk: string[] = [];
    for (let i = 0; i < d.n; i++) {
      const row = i * C;
      const labels: string[] = [];
      const scores = new Array<string>(C);
      for (let c = 0; c < C; c++) {
        if (d.truth[row + c]) labels.push(d.names[c]);
        scores[c] = text[d.score[row + c]];
      }
      chunk.push(labels.join('|') + ',' + scores.join(','));
      if (chunk.length === 2000 || i === d.n - 1) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
  } finally {
    closeSync(fd);
  }
}

function npy(descr: string, shape: number[], data: Uint8Array): Buffer[] {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const pre = Buffer.alloc(10);
  pre.write('\x93NUMPY', 0, 'latin1');
  pre[6] = 1;
  pre[7] = 0;
  pre.writeUInt16LE(header.length, 8);
  return [pre, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)];
}

/** An .npz as numpy.savez writes it: a zip of stored (uncompressed) .npy members. */
function writeNpz(path: string, members: [string, Buffer[]][]): void {
  const fd = openSync(path, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  try {
    for (const [name, parts] of members) {
      const size = parts.reduce((s, p) => s + p.length, 0);
      const crc = parts.reduce((c, p) => crc32(p, c), 0);
      const nameBytes = Buffer.from(name);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(size, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(20, 4);
      cd.writeUInt16LE(20, 6);
      cd.writeUInt32LE(crc, 16);
      cd.writeUInt32LE(size, 20);
      cd.writeUInt32LE(size, 24);
      cd.writeUInt16LE(nameBytes.length, 28);
      cd.writeUInt32LE(offset, 42);
      central.push(cd, nameBytes);
      for (const b of [local, nameBytes, ...parts]) writeSync(fd, b);
      offset += 30 + nameBytes.length + size;
    }
    const cdSize = central.reduce((s, p) => s + p.length, 0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(members.length, 8);
    end.writeUInt16LE(members.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(offset, 16);
    for (const b of [...central, end]) writeSync(fd, b);
  } finally {
    closeSync(fd);
  }
}

interface ChildResult {
  secs: number;
  rows: number;
  rssMB: number;
  f1_micro: number;
  f1_macro: number;
  subset_accuracy: number;
  tp: number;
}

const MB = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');

const PY_SCRIPT = `
import json, resource, sys, time
import numpy as np
import pandas as pd
from sklearn.metrics import classification_report
from sklearn.preprocessing import MultiLabelBinarizer
kind, path, classes_path = sys.argv[1:]
classes = open(classes_path).read().split()
t = time.perf_counter()
if kind == "csv":
    df = pd.read_csv(path, keep_default_na=False, dtype={"labels": str})
    Y = MultiLabelBinarizer(classes=classes).fit_transform([s.split("|") if s else [] for s in df["labels"]])
    S = df[["score:" + c for c in classes]].to_numpy()
else:
    z = np.load(path)
    Y = z["labels"]
    S = z["scores"]
P = (S >= 0.5).astype(np.uint8)
rep = classification_report(Y, P, target_names=classes, output_dict=True, zero_division=0)
secs = time.perf_counter() - t
print(json.dumps({"secs": secs, "f1_micro": rep["micro avg"]["f1-score"], "rssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

function pythonAvailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const p = spawnSync(PYTHON, ['-c', 'import numpy, pandas, sklearn'], { encoding: 'utf8' });
  return p.status === 0 ? null : `${PYTHON} lacks numpy/pandas/scikit-learn`;
}

export async function run(): Promise<void> {
  const n = Number(process.env.MODELGATE_BENCH_N ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'mg-bench-metrics-'));
  try {
    let t = performance.now();
    const d = generate(n);
    const csv = join(dir, 'preds.csv');
    const npz = join(dir, 'preds.npz');
    const classes = join(dir, 'classes.txt');
    writeCsv(csv, d);
    const scores = Float32Array.from(d.score, (q) => q / 100);
    writeNpz(npz, [
      ['labels.npy', npy('|u1', [n, C], d.truth)],
      ['scores.npy', npy('<f4', [n, C], new Uint8Array(scores.buffer))],
    ]);
    writeFileSync(classes, d.names.join('\n') + '\n');
    const labels = d.truth.reduce((s, v) => s + v, 0);
    console.log(
      `data: ${n0(n)} examples x ${C} classes (long tail), ${(labels / n).toFixed(2)} true labels per example; ` +
        `csv ${MB(statSync(csv).size)} MB, npz ${MB(statSync(npz).size)} MB; generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const ours: Record<string, ChildResult> = {};
    for (const [kind, path] of [
      ['csv', csv],
      ['npz', npz],
    ] as const) {
      const p = spawnSync(process.execPath, [process.argv[1], path, classes], {
        env: { ...process.env, MODELGATE_BENCH_CHILD: 'metrics' },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (p.status !== 0) throw new Error(`modelgate ${kind} run failed: ${p.stderr}`);
      const r = JSON.parse(p.stdout.trim().split('\n').at(-1)!) as ChildResult;
      ours[kind] = r;
      console.log(
        `modelgate ${kind}: ${r.secs.toFixed(2)} s, ${n0(r.rows / r.secs)} rows/s, ${n0((r.rows * C) / r.secs)} scores/s, ` +
          `peak RSS ${r.rssMB.toFixed(0)} MB (f1_micro ${r.f1_micro.toFixed(6)}, f1_macro ${r.f1_macro.toFixed(6)})`,
      );
    }
    if (ours.csv.tp !== ours.npz.tp || ours.csv.f1_micro !== ours.npz.f1_micro)
      throw new Error('csv and npz evaluations disagree');

    const why = pythonAvailable();
    if (why) {
      console.log(`scikit-learn comparison skipped: ${why}`);
      return;
    }
    const script = join(dir, 'sk.py');
    writeFileSync(script, PY_SCRIPT);
    for (const kind of ['csv', 'npz'] as const) {
      t = performance.now();
      const p = spawnSync(PYTHON, [script, kind, kind === 'csv' ? csv : npz, classes], { encoding: 'utf8' });
      if (p.status !== 0) {
        console.log(`scikit-learn ${kind}: failed (${p.stderr.trim().split('\n').at(-1)})`);
        continue;
      }
      const r = JSON.parse(p.stdout.trim().split('\n').at(-1)!) as { secs: number; f1_micro: number; rssMB: number };
      const agree =
        Math.abs(r.f1_micro - ours[kind].f1_micro) < 1e-12 ? 'same f1_micro' : `f1_micro DIFFERS: ${r.f1_micro}`;
      console.log(
        `scikit-learn ${kind} (read + classification_report): ${r.secs.toFixed(2)} s, peak RSS ${r.rssMB.toFixed(0)} MB, ${agree}; ` +
          `modelgate is ${(r.secs / ours[kind].secs).toFixed(2)}x as fast`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In a fresh process: evaluate one file, print the timing and figures as one JSON line. */
export async function child(args: string[]): Promise<void> {
  const [path, classesPath] = args;
  const classes = readFileSync(classesPath, 'utf8').trim().split('\n');
  const t = performance.now();
  const report = await evaluatePredictionFiles([{ name: 'test', path }], { classes, task: 'multilabel' });
  const secs = (performance.now() - t) / 1000;
  const s = report.splits.test;
  const out: ChildResult = {
    secs,
    rows: s.examples,
    rssMB: process.resourceUsage().maxRSS / 1024,
    f1_micro: s.metrics.f1_micro,
    f1_macro: s.metrics.f1_macro,
    subset_accuracy: s.metrics.subset_accuracy!,
    tp: s.perClass.tp.reduce((a, b) => a + b, 0),
  };
  console.log(JSON.stringify(out));
}
