// Predictions as NumPy arrays: an .npz archive (numpy.savez / savez_compressed) or a folder of
// .npy files, holding `labels` (class indices (N,) or a 0/1 matrix (N, C) for multi-label) and
// either `scores` (N, C) or `preds` (like labels). The two arrays are read in lockstep, a slice
// of rows at a time, so neither is ever held whole.

import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task } from '../core/report/types.js';
import { DEFAULT_BATCH_SIZE, MulticlassBatcher, MultilabelBatcher } from './batcher.js';
import { getterFor, readNpyHeader, requireDtype, shapeText, type NpyArray } from './npy.js';
import { classIndexOf, thresholdFor } from './names.js';
import { PullReader } from './pull-reader.js';
import { checkFile, fileChunks, ByteHasher, hashInBackground } from './source.js';
import { InputError, PROGRESS_EVERY, type ExampleBatch, type PredictionStream, type ReadOptions } from './types.js';
import type { FileFingerprint } from '../core/report/types.js';
import { readZipDirectory, zipMemberChunks } from './zip.js';

/** Bytes of each array read per step (rows are never split). */
const STEP_BYTES = 1 << 20;

interface Source {
  role: 'labels' | 'scores' | 'preds';
  /** File named in messages (the .npz, or the .npy inside a folder). */
  file: string;
  where: string;
  reader: PullReader;
  array: NpyArray;
}

interface Opened {
  labels: Source;
  pred: Source;
  /** Resolves to the fingerprint once all bytes were read; `stop` abandons the work. */
  fingerprint: () => Promise<FileFingerprint>;
  stop: () => void;
}

const USAGE = 'labels.npy and scores.npy or preds.npy (np.savez(path, labels=..., scores=...))';

async function openNpz(path: string): Promise<Opened> {
  await checkFile(path);
  const members = await readZipDirectory(path);
  const labels = members.get('labels.npy');
  const pred = members.get('preds.npy') ?? members.get('scores.npy');
  if (!labels || !pred) {
    const names = [...members.keys()].map((n) => JSON.stringify(n)).join(', ') || '(none)';
    throw new InputError(path, null, `has members ${names}; expected ${USAGE}`);
  }
  const readers: PullReader[] = [];
  const source = async (role: Source['role'], entry = role === 'labels' ? labels : pred): Promise<Source> => {
    const reader = new PullReader(zipMemberChunks(path, entry)[Symbol.asyncIterator]());
    readers.push(reader);
    const where = `array ${role}`;
    return { role, file: path, where, reader, array: await readNpyHeader(reader, entry.size, path, where) };
  };
  // The archive's own bytes are hashed in a separate sequential pass, alongside the reading.
  const hashing = hashInBackground(path);
  let l: Source, p: Source;
  try {
    l = await source('labels');
    p = await source(pred.name === 'preds.npy' ? 'preds' : 'scores');
  } catch (e) {
    hashing.stop();
    await Promise.all(readers.map((r) => r.close()));
    throw e;
  }
  return {
    labels: l,
    pred: p,
    fingerprint: hashing.fingerprint,
    stop: hashing.stop,
  };
}

async function openFolder(dir: string): Promise<Opened> {
  const exists = async (f: string) => (await stat(join(dir, f)).catch(() => null))?.isFile() ?? false;
  const predFile = (await exists('preds.npy')) ? 'preds.npy' : (await exists('scores.npy')) ? 'scores.npy' : null;
  if (!(await exists('labels.npy')) || !predFile) throw new InputError(dir, null, `is a folder without ${USAGE}`);
  const hashers: [string, ByteHasher][] = [];
  const readers: PullReader[] = [];
  const source = async (role: Source['role'], name: string): Promise<Source> => {
    const file = join(dir, name);
    const size = await checkFile(file);
    const h = new ByteHasher();
    hashers.push([name, h]);
    const reader = new PullReader(fileChunks(file, h)[Symbol.asyncIterator]());
    readers.push(reader);
    const where = `array ${role}`;
    return { role, file, where, reader, array: await readNpyHeader(reader, size, file, where) };
  };
  let labels: Source, pred: Source;
  try {
    labels = await source('labels', 'labels.npy');
    pred = await source(predFile === 'preds.npy' ? 'preds' : 'scores', predFile);
  } catch (e) {
    await Promise.all(readers.map((r) => r.close()));
    throw e;
  }
  return {
    labels,
    pred,
    // A folder's sha256 is over the sha256sum-style lines of its two files, sorted by name.
    fingerprint: async () => {
      const lines = hashers
        .map(([name, h]) => `${h.digestHex()}  ${name}\n`)
        .sort()
        .join('');
      const bytes = hashers.reduce((s, [, h]) => s + h.bytes, 0);
      return { path: dir, sha256: createHash('sha256').update(lines).digest('hex'), bytes };
    },
    stop: () => {},
  };
}

export async function openNumpy(path: string, opts: ReadOptions, folder: boolean): Promise<PredictionStream> {
  const o = folder ? await openFolder(path) : await openNpz(path);
  try {
    return plan(o, opts);
  } catch (e) {
    o.stop();
    await o.labels.reader.close();
    await o.pred.reader.close();
    throw e;
  }
}

function plan(o: Opened, opts: ReadOptions): PredictionStream {
  const { labels: L, pred: P } = o;
  const classes = opts.classes;
  requireDtype(L.array, 'index', L.file, L.where);
  requireDtype(P.array, P.role === 'scores' ? 'float' : 'index', P.file, P.where);
  const dims = (s: Source, allowed: number[]) => {
    if (!allowed.includes(s.array.shape.length))
      throw new InputError(
        s.file,
        s.where,
        `has shape ${shapeText(s.array.shape)}; expected ${allowed.map((d) => (d === 1 ? '(N,)' : '(N, C)')).join(' or ')}`,
      );
  };
  dims(L, [1, 2]);
  dims(P, P.role === 'scores' ? [2] : [1, 2]);
  const [n, lc] = L.array.shape;
  const [pn, pc] = P.array.shape;
  const mismatch = (what: string) =>
    new InputError(
      P.file === L.file ? L.file : `${L.file} and ${P.file}`,
      null,
      `labels has shape ${shapeText(L.array.shape)} but ${P.role} has shape ${shapeText(P.array.shape)}; expected the same ${what}`,
    );
  if (n !== pn) throw mismatch('number of rows');
  if (lc !== undefined && pc !== undefined && lc !== pc) throw mismatch('number of classes (columns)');
  const task: Task = opts.task ?? (L.array.shape.length === 2 ? 'multilabel' : 'multiclass');
  if (task === 'multiclass') {
    if (L.array.shape.length === 2)
      throw new InputError(
        L.file,
        L.where,
        `has shape ${shapeText(L.array.shape)}; expected class indices (N,) for a multiclass task`,
      );
    if (P.role === 'preds' && P.array.shape.length === 2)
      throw new InputError(
        P.file,
        P.where,
        `has shape ${shapeText(P.array.shape)}; expected class indices (N,) for a multiclass task`,
      );
  }
  // Number of classes given by a matrix, if any; with a fixed list it must match.
  const width = lc ?? pc;
  if (width !== undefined) {
    if (classes.fixed && width !== classes.size) {
      const s = lc !== undefined ? L : P;
      throw new InputError(
        s.file,
        s.where,
        `has ${width} columns; expected ${classes.size}, one per class of the class list`,
      );
    }
    if (!classes.fixed) for (let i = 0; i < width; i++) classes.indexOf(String(i));
  }
  // class index i in the arrays -> index in the ClassIndex
  const map: number[] = [];
  const limit = width ?? (classes.fixed ? classes.size : Infinity);
  const classOf = (s: Source, i: number, row: number): number => {
    let c = map[i];
    if (c !== undefined) return c;
    if (!Number.isInteger(i) || i < 0 || i >= limit)
      throw new InputError(
        s.file,
        s.where,
        limit === Infinity
          ? `row ${row} holds ${i}; expected a class index (an integer from 0)`
          : `row ${row} holds ${i}; expected a class index from 0 to ${limit - 1}${width !== undefined ? ` (the arrays have ${width} columns)` : classes.fixed ? ' (the class list)' : ''}`,
      );
    c = classes.fixed ? i : classIndexOf(classes, String(i), s.file, s.where, 'class');
    map[i] = c;
    return c;
  };
  let done: FileFingerprint | undefined;
  const fingerprint = (): FileFingerprint => {
    if (!done) throw new Error(`fingerprint of ${L.file} requested before the last batch was read`);
    return done;
  };
  return { task, batches: run(), fingerprint };

  async function* run(): AsyncGenerator<ExampleBatch> {
    const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
    const C = width ?? 0;
    const lIs = L.array.itemSize;
    const pIs = P.array.itemSize;
    const lRow = lIs * (lc ?? 1);
    const pRow = pIs * (pc ?? 1);
    const step = Math.max(1, Math.floor(STEP_BYTES / Math.max(lRow, pRow, 1)));
    const lget = getterFor(L.array);
    const pget = getterFor(P.array);
    const thresholds = new Float64Array(C);
    for (let j = 0; j < C; j++)
      thresholds[j] = thresholdFor(classes.names[classOf(P, j, 0)], opts.threshold, opts.perClassThreshold);
    const ready: ExampleBatch[] = [];
    const mc = task === 'multiclass' ? new MulticlassBatcher(size) : null;
    const ml = task === 'multilabel' ? new MultilabelBatcher(size) : null;
    const bad = (s: Source, row: number, col: number, v: number, expected: string) =>
      new InputError(s.file, s.where, `row ${row}${col >= 0 ? ` column ${col}` : ''} holds ${v}; expected ${expected}`);
    /** A 0/1 matrix row as a set of class indices. */
    const addRow = (
      s: Source,
      get: typeof lget,
      v: DataView,
      off: number,
      is: number,
      row: number,
      add: (c: number) => void,
    ) => {
      for (let j = 0; j < C; j++) {
        const x = get(v, off + j * is);
        if (x === 1) add(classOf(s, j, row));
        else if (x !== 0) throw bad(s, row, j, x, '0 or 1 (a multi-label indicator matrix)');
      }
    };
    let row = 0;
    try {
      while (row < n) {
        const k = Math.min(step, n - row);
        const lb = await L.reader.read(k * lRow);
        if (lb.length < k * lRow) throw truncated(L);
        const pb = await P.reader.read(k * pRow);
        if (pb.length < k * pRow) throw truncated(P);
        const lv = new DataView(lb.buffer, lb.byteOffset, lb.length);
        const pv = new DataView(pb.buffer, pb.byteOffset, pb.length);
        const scores = P.role === 'scores' ? floats(pb, pIs) : null;
        for (let r = 0; r < k; r++) {
          const at = row + r;
          if (mc) {
            const t = classOf(L, lget(lv, r * lRow), at);
            let p: number;
            if (scores) {
              const base = r * C;
              let best = scores[base];
              let bi = 0;
              if (best - best !== 0) throw bad(P, at, 0, best, 'a finite number');
              for (let j = 1; j < C; j++) {
                const v = scores[base + j];
                if (v > best) {
                  best = v;
                  bi = j;
                } else if (v - v !== 0) throw bad(P, at, j, v, 'a finite number');
              }
              if (best - best !== 0) throw bad(P, at, bi, best, 'a finite number');
              p = classOf(P, bi, at);
            } else p = classOf(P, pget(pv, r * pRow), at);
            if (mc.push(t, p)) ready.push(mc.flush()!);
          } else if (ml) {
            if (lc !== undefined) addRow(L, lget, lv, r * lRow, lIs, at, (c) => ml.truth.add(c));
            else ml.truth.add(classOf(L, lget(lv, r * lRow), at));
            if (scores) {
              const base = r * C;
              for (let j = 0; j < C; j++) {
                const v = scores[base + j];
                if (v - v !== 0) throw bad(P, at, j, v, 'a finite number');
                if (v >= thresholds[j]) ml.pred.add(classOf(P, j, at));
              }
            } else if (pc !== undefined) addRow(P, pget, pv, r * pRow, pIs, at, (c) => ml.pred.add(c));
            else ml.pred.add(classOf(P, pget(pv, r * pRow), at));
            if (ml.end()) ready.push(ml.flush()!);
          }
          if (opts.onProgress && (at + 1) % PROGRESS_EVERY === 0) opts.onProgress(at + 1);
        }
        row += k;
        yield* ready.splice(0);
      }
      const last = (mc ?? ml)!.flush();
      if (last) yield last;
      if (n === 0) throw new InputError(L.file, L.where, 'has no rows; expected at least one example');
      for (const s of [L, P])
        if ((await s.reader.read(1)).length)
          throw new InputError(
            s.file,
            s.where,
            `has more bytes than its shape ${shapeText(s.array.shape)} says; expected an intact .npy array`,
          );
      opts.onProgress?.(n);
      done = await o.fingerprint();
    } finally {
      o.stop();
      await L.reader.close();
      await P.reader.close();
    }
  }
}

function truncated(s: Source): InputError {
  return new InputError(
    s.file,
    s.where,
    `ends before the ${shapeText(s.array.shape)} elements its header announces; expected a complete array`,
  );
}

/** The bytes as a float array; copied when the chunk is not aligned for a view. */
function floats(b: Buffer, itemSize: number): Float64Array | Float32Array {
  const count = b.length / itemSize;
  if (b.byteOffset % itemSize === 0)
    return itemSize === 8
      ? new Float64Array(b.buffer, b.byteOffset, count)
      : new Float32Array(b.buffer, b.byteOffset, count);
  const copy = itemSize === 8 ? new Float64Array(count) : new Float32Array(count);
  new Uint8Array(copy.buffer).set(b);
  return copy;
}
