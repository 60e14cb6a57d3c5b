// Prediction readers on a 100,000 x 485 score matrix: CSV (pandas-style float64 text, and the
// same scores with 4 decimals: the number parser's short fast path) and npz (stored and deflated), generated in a temp dir and removed after. Prints rows/s and MB/s;
// with /usr/bin/python3 (pandas, scikit-learn) present, also times pandas.read_csv + argmax +
// accuracy_score on the same CSV for comparison.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { ClassIndex } from '../src/core/classes.js';
import { openPredictions } from '../src/io/predictions.js';
import { ThresholdKernel } from '../src/core/threshold-kernel.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const COLS = 485;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function npy(header: string, data: Uint8Array): Buffer {
  let h = header;
  while ((10 + h.length + 1) % 64) h += ' ';
  h += '\n';
  const pre = Buffer.alloc(10);
  Buffer.from('\x93NUMPY', 'latin1').copy(pre);
  pre[6] = 1;
  pre.writeUInt16LE(h.length, 8);
  return Buffer.concat([pre, Buffer.from(h, 'latin1'), data]);
}

/** A zip of whole members (bench data only; the reader under test streams). */
function zip(members: [string, Buffer][], deflate: boolean): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of members) {
    const body = deflate ? deflateRawSync(data, { level: 1 }) : data;
    const nm = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nm.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(deflate ? 8 : 0, 10);
    c.writeUInt32LE(crc32(data), 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(nm.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, nm);
    parts.push(local, nm, body);
    offset += 30 + nm.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

function generate(dir: string): {
  csv: string;
  /** The same scores written with 4 decimals, and the arg-max of the rounded scores. */
  csvShort: string;
  predShort: Uint32Array;
  npz: string;
  npzDeflated: string;
  truth: Uint32Array;
  pred: Uint32Array;
} {
  const r = rng(42);
  const truth = new Uint32Array(ROWS);
  const pred = new Uint32Array(ROWS);
  const scores = new Float64Array(ROWS * COLS);
  const csv = join(dir, 'bench.csv');
  const csvShort = join(dir, 'bench.4-decimal.csv');
  const predShort = new Uint32Array(ROWS);
  const fd = openSync(csv, 'w');
  const fdShort = openSync(csvShort, 'w');
  const header = `id,label,${Array.from({ length: COLS }, (_, j) => `score:c${j}`).join(',')}\n`;
  writeSync(fd, header);
  writeSync(fdShort, header);
  let text = '';
  let textShort = '';
  for (let i = 0; i < ROWS; i++) {
    truth[i] = Math.floor(r() * COLS);
    let sum = 0;
    for (let j = 0; j < COLS; j++) {
      const v = r() ** 4 + (j === truth[i] && r() < 0.7 ? 2 : 0);
      scores[i * COLS + j] = v;
      sum += v;
    }
    let best = -1;
    let bestShort = -1;
    let maxShort = 0;
    const cells: string[] = [];
    const cellsShort: string[] = [];
    for (let j = 0; j < COLS; j++) {
      const p = scores[i * COLS + j] / sum;
      scores[i * COLS + j] = p;
      if (best < 0 || p > scores[i * COLS + best]) best = j;
      cells.push(String(p));
      const short = p.toFixed(4);
      cellsShort.push(short);
      if (bestShort < 0 || Number(short) > maxShort) [bestShort, maxShort] = [j, Number(short)];
    }
    pred[i] = best;
    predShort[i] = bestShort;
    text += `r${i},c${truth[i]},${cells.join(',')}\n`;
    textShort += `r${i},c${truth[i]},${cellsShort.join(',')}\n`;
    if (text.length > 8 << 20) {
      writeSync(fd, text);
      writeSync(fdShort, textShort);
      text = '';
      textShort = '';
    }
  }
  writeSync(fd, text);
  writeSync(fdShort, textShort);
  closeSync(fd);
  closeSync(fdShort);
  const labels = npy(
    `{'descr': '<i8', 'fortran_order': False, 'shape': (${ROWS},), }`,
    new Uint8Array(BigInt64Array.from(truth, BigInt).buffer),
  );
  const sc = npy(
    `{'descr': '<f8', 'fortran_order': False, 'shape': (${ROWS}, ${COLS}), }`,
    new Uint8Array(scores.buffer),
  );
  const npz = join(dir, 'bench.npz');
  const npzDeflated = join(dir, 'bench.compressed.npz');
  const write = (p: string, b: Buffer) => {
    const f = openSync(p, 'w');
    writeSync(f, b);
    closeSync(f);
  };
  write(
    npz,
    zip(
      [
        ['labels.npy', labels],
        ['scores.npy', sc],
      ],
      false,
    ),
  );
  write(
    npzDeflated,
    zip(
      [
        ['labels.npy', labels],
        ['scores.npy', sc],
      ],
      true,
    ),
  );
  return { csv, csvShort, predShort, npz, npzDeflated, truth, pred };
}

interface Measure {
  n: number;
  sec: number;
  peakRss: number;
  correct: number;
  agree: boolean;
}

/** Reads one file; `expected` (when given) must match the truth and argmax of every row. */
async function measure(
  path: string,
  numeric: boolean,
  expected?: { truth: Uint32Array; pred: Uint32Array },
): Promise<Measure> {
  const classes = new ClassIndex(
    Array.from({ length: COLS }, (_, j) => (numeric ? String(j) : `c${j}`)),
    true,
  );
  const t0 = performance.now();
  const s = await openPredictions(path, { classes });
  let n = 0;
  let correct = 0;
  let agree = true;
  let peakRss = process.memoryUsage.rss();
  for await (const b of s.batches) {
    if (b.task !== 'multiclass') throw new Error('expected multiclass');
    for (let i = 0; i < b.n; i++) {
      if (b.truth[i] === b.pred[i]) correct++;
      if (expected && (b.truth[i] !== expected.truth[n + i] || b.pred[i] !== expected.pred[n + i])) agree = false;
    }
    n += b.n;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  s.fingerprint();
  return { n, sec: (performance.now() - t0) / 1000, peakRss, correct, agree };
}

/** In a fresh process (cold JIT, clean RSS) when run from the bench bundle; in this one otherwise. */
export async function child(args: string[]): Promise<void> {
  console.log(JSON.stringify(await measure(args[0], args[1] === 'numeric')));
}

async function time(
  label: string,
  path: string,
  expected: { truth: Uint32Array; pred: Uint32Array },
  numeric: boolean,
) {
  const bytes = statSync(path).size;
  const script = process.argv[1] ?? '';
  const sub = spawnSync(process.execPath, [script, path, numeric ? 'numeric' : 'names'], {
    env: { ...process.env, MODELGATE_BENCH_CHILD: 'io' },
    encoding: 'utf8',
  });
  let m: Measure;
  let where = 'fresh process';
  try {
    m = JSON.parse(sub.stdout.trim().split('\n').pop() ?? '');
  } catch {
    m = await measure(path, numeric);
    where = 'same process';
  }
  const check = await measure(path, numeric, expected); // correctness check (warm)
  console.log(
    `${label.padEnd(22)} ${(bytes / 2 ** 20).toFixed(0).padStart(5)} MB  ${m.sec.toFixed(2).padStart(6)} s  ` +
      `${Math.round(m.n / m.sec)
        .toLocaleString('en')
        .padStart(9)} rows/s  ${(bytes / 2 ** 20 / m.sec).toFixed(0).padStart(4)} MB/s  ` +
      `peak RSS ${(m.peakRss / 2 ** 20).toFixed(0)} MB (${where}); warm ${check.sec.toFixed(2)} s  ` +
      `accuracy ${(check.correct / check.n).toFixed(4)}${check.agree && check.n === ROWS ? '' : '  MISMATCH'}`,
  );
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-bench-io-'));
  try {
    const g = generate(dir);
    console.log(`prediction readers: ${ROWS.toLocaleString('en')} rows x ${COLS} score columns (sha256 included)`);
    await time('csv (float64 text)', g.csv, g, false);
    await time('csv (4-decimal text)', g.csvShort, { truth: g.truth, pred: g.predShort }, false);
    await time('npz (stored)', g.npz, g, true);
    await time('npz (deflated)', g.npzDeflated, g, true);
    const py = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        `import sys,time,numpy as np,pandas as pd
from sklearn.metrics import accuracy_score
t=time.time(); d=pd.read_csv(sys.argv[1]); s=d.filter(like='score:').to_numpy()
p=np.array([c[6:] for c in d.columns if c.startswith('score:')])[s.argmax(1)]
a=accuracy_score(d['label'],p); print(f"pandas.read_csv + argmax + accuracy_score   {time.time()-t:.2f} s  accuracy {a:.4f}")`,
        g.csv,
      ],
      { encoding: 'utf8' },
    );
    if (py.status === 0) console.log(`reference: ${py.stdout.trim()}`);
    decisions();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The .npz reader's multi-label decisions (score >= threshold, every score finite) of ROWS x COLS
 * float32 scores, a 1 MB step at a time as the reader reads them: threshold-kernel.wat (its copy
 * in included) against the JavaScript loop it replaced; fastest of 5 each, interleaved.
 */
function decisions(): void {
  const next = rng(14);
  // A long tail's scores: 1% at or above the threshold (the speed bench's file has 0.7%).
  const scores = new Float32Array(ROWS * COLS).map(() => (next() < 0.01 ? 0.5 + 0.5 * next() : 0.5 * next()));
  const thresholds = new Float64Array(COLS).fill(0.5);
  const step = Math.floor((1 << 20) / (COLS * 4));
  const kernel = new ThresholdKernel(thresholds, 4);
  const cols = Array.from({ length: COLS }, (_, j) => j);
  let hits = 0;
  const set = { add: (c: number) => void (hits += c >= 0 ? 1 : 0) };
  const ways = {
    javascript: (rows: Float32Array, k: number) => {
      for (let r = 0; r < k; r++)
        for (let j = 0; j < COLS; j++) {
          const v = rows[r * COLS + j];
          if (v - v !== 0) throw new Error('not finite');
          if (v >= thresholds[j]) set.add(cols[j]);
        }
    },
    kernel: (rows: Float32Array, k: number) => {
      kernel.scan(new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength), k);
      if (kernel.badRow >= 0) throw new Error('not finite');
      for (let r = 0; r < k; r++) kernel.take(r, cols, set);
    },
  };
  const best = { javascript: Infinity, kernel: Infinity };
  const found = { javascript: 0, kernel: 0 };
  for (let round = 0; round < 5; round++)
    for (const way of ['javascript', 'kernel'] as const) {
      hits = 0;
      const t = performance.now();
      for (let row = 0; row < ROWS; row += step) {
        const k = Math.min(step, ROWS - row);
        ways[way](scores.subarray(row * COLS, (row + k) * COLS), k);
      }
      best[way] = Math.min(best[way], performance.now() - t);
      found[way] = hits;
    }
  if (found.javascript !== found.kernel)
    throw new Error(`decisions differ: ${found.javascript} against ${found.kernel}`);
  const ns = (ms: number) => ((ms * 1e6) / (ROWS * COLS)).toFixed(2);
  console.log(
    `multi-label decisions of float32 scores (${found.kernel.toLocaleString('en')} hits, fastest of 5): ` +
      `threshold-kernel.wat ${ns(best.kernel)} ns a score, the JavaScript loop ${ns(best.javascript)} ns ` +
      `(${(best.javascript / best.kernel).toFixed(1)}x)`,
  );
}
