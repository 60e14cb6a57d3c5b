// NumPy feature matrices: a folder with x.npy + y.npy, or an .npz archive holding x and y.
// They are opened like prediction arrays (../npy-arrays.ts: one opener, one fingerprint); x and y are streamed in lockstep, a batch of rows at a time, from the
// files or from the (inflated on the fly) archive members, so neither is ever held whole.
// y is class indices/names per row ([n]) or a 0/1 matrix ([n, classes]) for multi-label.

import { stat } from 'node:fs/promises';
import type { FileFingerprint, Task } from '../../core/report/types.js';
import { getterFor, shapeText, unicodeAt } from '../npy.js';
import { openNpyArrays, type NpyArrays, type NpySource } from '../npy-arrays.js';
import { InputError } from '../types.js';
import { labelIndexOf, CsrBuilder } from './labels.js';
import { readBatchRows, type DataOptions, type FeatureBatch, type FeatureStream } from './types.js';

/** One array being streamed, with the number of elements in one row. */
interface ArraySource extends NpySource {
  rowElems: number;
}

/** x's and y's dtypes: numbers, and for y also fixed-width unicode class names. */
function checkDtype(s: NpySource): ArraySource {
  const a = s.array;
  if (a.kind === 'unicode' ? /^>/.test(a.descr) : a.itemSize === 0 || a.kind === 'bytes')
    throw new InputError(
      s.file,
      s.where,
      `dtype ${a.descr} is not supported; expected little-endian float32/float64, integers, booleans or unicode strings`,
    );
  return { ...s, rowElems: a.shape.slice(1).reduce((x, c) => x * c, 1) };
}

/** Opens a NumPy split: `dir/` with x.npy and y.npy, or `file.npz` with members x and y. */
export async function readNumpyFeatures(p: string, opts: DataOptions): Promise<FeatureStream> {
  const folder = (await stat(p)).isDirectory();
  const o = await openNpyArrays(p, folder, [['x.npy'], ['y.npy']], (found) => {
    const m = found.includes('x.npy') ? 'y' : 'x';
    return folder
      ? new InputError(p, null, `is a folder without ${m}.npy; a NumPy split folder needs x.npy and y.npy`)
      : new InputError(p, null, `archive has no array named ${m}; save with np.savez(file, x=features, y=labels)`);
  });
  try {
    const [xs, ys] = o.sources.map(checkDtype);
    return plan(xs, ys, o, opts);
  } catch (e) {
    await o.close();
    throw e;
  }
}

/** Checks the shapes of x and y against each other and the task; returns the task. */
function checkShapes(xs: ArraySource, ys: ArraySource, opts: DataOptions): Task {
  const xa = xs.array;
  const ya = ys.array;
  const n = xa.shape[0];
  if (xa.shape.length < 2)
    throw new InputError(xs.file, xs.where, `x has shape ${shapeText(xa.shape)}; expected (examples, features...)`);
  if (xa.kind === 'unicode') throw new InputError(xs.file, xs.where, 'x must be numeric');
  if (n === 0)
    throw new InputError(
      xs.file,
      xs.where,
      `x has shape ${shapeText(xa.shape)}: no rows; expected at least one example`,
    );
  if (ya.shape[0] !== n) throw new InputError(ys.file, ys.where, `y has ${ya.shape[0]} rows but x has ${n}`);
  if (ya.shape.length < 1 || ya.shape.length > 2)
    throw new InputError(
      ys.file,
      ys.where,
      `y has shape ${shapeText(ya.shape)}; expected (examples,) or (examples, classes)`,
    );
  const matrix = ya.shape.length === 2;
  const task: Task = opts.task ?? (matrix ? 'multilabel' : 'multiclass');
  if (task === 'multilabel' && !matrix)
    throw new InputError(ys.file, ys.where, 'multi-label truth in NumPy must be a 0/1 matrix (examples, classes)');
  if (task === 'multiclass' && matrix)
    throw new InputError(
      ys.file,
      ys.where,
      `y has shape ${shapeText(ya.shape)}; multiclass truth is one label per example (examples,)`,
    );
  if (matrix && ya.kind === 'unicode') throw new InputError(ys.file, ys.where, 'a 0/1 label matrix must be numeric');
  if (matrix && ya.shape[1] > opts.classes.size && opts.classes.fixed)
    throw new InputError(
      ys.file,
      ys.where,
      `y has ${ya.shape[1]} label columns but the model has ${opts.classes.size} classes`,
    );
  return task;
}

/** Exactly `count` rows of `s` (the sizes were checked against the header when opening). */
async function rows(s: ArraySource, count: number): Promise<DataView> {
  const want = count * s.rowElems * s.array.itemSize;
  const b = await s.reader.read(want);
  if (b.length < want) throw new InputError(s.file, s.where, 'ended before the rows its header promises');
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** `m` rows of y from example `start` on, one class label each (an integer or a unicode name). */
function classLabels(ys: ArraySource, yv: DataView, start: number, m: number, opts: DataOptions): Uint32Array {
  const ya = ys.array;
  const getY = ya.kind === 'unicode' ? null : getterFor(ya);
  const truth = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const where = `y[${start + i}]`;
    let name: string;
    if (!getY) {
      const text = unicodeAt(ya, yv, i * ya.itemSize);
      if (typeof text !== 'string')
        throw new InputError(ys.file, where, `label holds ${text.bad}, not a Unicode code point`);
      name = text;
    } else {
      const v = getY(yv, i * ya.itemSize);
      if (!Number.isInteger(v)) throw new InputError(ys.file, where, `label ${v} is not an integer class`);
      name = String(v);
    }
    truth[i] = labelIndexOf(opts.classes, name, ys.file, where);
  }
  return truth;
}

/** `m` rows of a 0/1 y matrix from example `start` on, as CSR label sets. */
function labelSets(ys: ArraySource, yv: DataView, start: number, m: number, opts: DataOptions) {
  const ya = ys.array;
  const getY = getterFor(ya);
  const c = ya.shape[1];
  const csr = new CsrBuilder();
  for (let i = 0; i < m; i++) {
    const set: number[] = [];
    for (let j = 0; j < c; j++) {
      const v = getY(yv, (i * c + j) * ya.itemSize);
      const where = `y[${start + i}, ${j}]`;
      if (v !== 0 && v !== 1) throw new InputError(ys.file, where, `expected 0 or 1, found ${v}`);
      if (v === 1) set.push(j < opts.classes.size ? j : labelIndexOf(opts.classes, String(j), ys.file, where));
    }
    csr.push(set);
  }
  return csr.take();
}

function plan(xs: ArraySource, ys: ArraySource, o: NpyArrays, opts: DataOptions): FeatureStream {
  const task = checkShapes(xs, ys, opts);
  const close = o.close;
  const xa = xs.array;
  const n = xa.shape[0];
  const f = xs.rowElems;
  const batchSize = readBatchRows(opts.batchSize, f);
  const getX = getterFor(xa);
  let fingerprints: FileFingerprint[] | null = null;

  async function* batches(): AsyncGenerator<FeatureBatch> {
    try {
      for (let start = 0; start < n; start += batchSize) {
        const m = Math.min(batchSize, n - start);
        const xv = await rows(xs, m);
        const x = new Float32Array(m * f);
        for (let i = 0; i < m * f; i++) x[i] = getX(xv, i * xa.itemSize);
        const yv = await rows(ys, m);
        if (task === 'multiclass') yield { n: m, x, truth: classLabels(ys, yv, start, m, opts) };
        else yield { n: m, x, ...labelSets(ys, yv, start, m, opts) };
      }
      // Drain the rest (nothing for a well-formed file) so the hashes and CRC-32 checks cover every byte.
      for (const s of [xs, ys]) while ((await s.reader.read(1 << 20)).length > 0);
      fingerprints = [await o.fingerprint()];
    } finally {
      await close();
    }
  }

  return {
    featureShape: xa.shape.slice(1),
    task,
    count: n,
    batches: batches(),
    close,
    fingerprints: () => {
      if (!fingerprints) throw new Error('NumPy fingerprints requested before the last batch was read');
      return fingerprints;
    },
  };
}
