// NumPy feature matrices: a folder with x.npy + y.npy, or an .npz archive holding x and y.
// The header/dtype parsing (../npy.ts) and the streaming zip reader (../zip.ts) are shared with
// the predictions reader; x and y are streamed in lockstep, a batch of rows at a time, from the
// files or from the (inflated on the fly) archive members, so neither is ever held whole.
// y is class indices/names per row ([n]) or a 0/1 matrix ([n, classes]) for multi-label.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileFingerprint, Task } from '../../core/report/types.js';
import { getterFor, readNpyHeader, shapeText, unicodeAt, type NpyArray } from '../npy.js';
import { PullReader } from '../pull-reader.js';
import { ByteHasher, checkFile, fileChunks, hashInBackground } from '../source.js';
import { InputError } from '../types.js';
import { readZipDirectory, zipMemberChunks } from '../zip.js';
import { labelIndexOf, CsrBuilder } from './labels.js';
import type { DataOptions, FeatureBatch, FeatureStream } from './types.js';

/** One array being streamed: its header, and the reader left at its first element. */
interface ArraySource {
  /** Named in messages: the .npy file, or `archive.npz:x`. */
  name: string;
  array: NpyArray;
  rowElems: number;
  reader: PullReader;
}

interface Opened {
  xs: ArraySource;
  ys: ArraySource;
  /** After the last row: the fingerprints of the files read (waits for the archive's hashing pass). */
  finish: () => Promise<FileFingerprint[]>;
  /** Abandons the archive's hashing pass. */
  stop: () => void;
}

/** Reads the header and checks that `bytes` (the .npy's whole length) holds every element. */
async function openArray(name: string, reader: PullReader, bytes: number): Promise<ArraySource> {
  const array = await readNpyHeader(reader, bytes, name, 'header');
  if (array.kind === 'unicode' ? /^>/.test(array.descr) : array.itemSize === 0)
    throw new InputError(
      name,
      'header',
      `dtype ${array.descr} is not supported; expected little-endian float32/float64, integers, booleans or unicode strings`,
    );
  const rowElems = array.shape.slice(1).reduce((a, c) => a * c, 1);
  return { name, array, rowElems, reader };
}

async function openFolder(dir: string): Promise<Opened> {
  const readers: PullReader[] = [];
  const hashers: [string, ByteHasher][] = [];
  const source = async (file: string): Promise<ArraySource> => {
    const size = await checkFile(file).catch(() => {
      throw new InputError(file, null, 'missing: a NumPy split folder needs x.npy and y.npy');
    });
    const h = new ByteHasher();
    hashers.push([file, h]);
    const reader = new PullReader(fileChunks(file, h)[Symbol.asyncIterator]());
    readers.push(reader);
    return openArray(file, reader, size);
  };
  try {
    const xs = await source(path.join(dir, 'x.npy'));
    const ys = await source(path.join(dir, 'y.npy'));
    return {
      xs,
      ys,
      finish: async () => hashers.map(([file, h]) => ({ path: file, sha256: h.digestHex(), bytes: h.bytes })),
      stop: () => {},
    };
  } catch (e) {
    await Promise.all(readers.map((r) => r.close()));
    throw e;
  }
}

async function openNpz(file: string): Promise<Opened> {
  await checkFile(file);
  let members;
  try {
    members = await readZipDirectory(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, null, `not a readable .npz (zip) archive: ${(e as Error).message}`);
  }
  for (const m of ['x', 'y'])
    if (!members.has(`${m}.npy`))
      throw new InputError(
        file,
        null,
        `archive has no array named ${m}; save with np.savez(file, x=features, y=labels)`,
      );
  // The archive's own bytes are hashed in a separate sequential pass, alongside the reading.
  const hashing = hashInBackground(file);
  const readers: PullReader[] = [];
  const source = async (m: 'x' | 'y'): Promise<ArraySource> => {
    const entry = members.get(`${m}.npy`)!;
    const reader = new PullReader(zipMemberChunks(file, entry)[Symbol.asyncIterator]());
    readers.push(reader);
    return openArray(`${file}:${m}`, reader, entry.size);
  };
  try {
    const xs = await source('x');
    const ys = await source('y');
    return {
      xs,
      ys,
      finish: async () => [await hashing.fingerprint()],
      stop: hashing.stop,
    };
  } catch (e) {
    hashing.stop();
    await Promise.all(readers.map((r) => r.close()));
    throw e;
  }
}

/** Opens a NumPy split: `dir/` with x.npy and y.npy, or `file.npz` with members x and y. */
export async function readNumpyFeatures(p: string, opts: DataOptions): Promise<FeatureStream> {
  const folder = (await stat(p)).isDirectory();
  const o = folder ? await openFolder(p) : await openNpz(p);
  const close = async () => {
    o.stop();
    await o.xs.reader.close();
    await o.ys.reader.close();
  };
  try {
    return plan(o, opts, close);
  } catch (e) {
    await close();
    throw e;
  }
}

function plan(o: Opened, opts: DataOptions, close: () => Promise<void>): FeatureStream {
  const { xs, ys } = o;
  const xa = xs.array;
  const ya = ys.array;
  const n = xa.shape[0];
  if (xa.shape.length < 2)
    throw new InputError(xs.name, 'shape', `x has shape ${shapeText(xa.shape)}; expected (examples, features...)`);
  if (xa.kind === 'unicode') throw new InputError(xs.name, 'dtype', 'x must be numeric');
  if (n === 0)
    throw new InputError(
      xs.name,
      'shape',
      `x has shape ${shapeText(xa.shape)}: no rows; expected at least one example`,
    );
  if (ya.shape[0] !== n) throw new InputError(ys.name, 'shape', `y has ${ya.shape[0]} rows but x has ${n}`);
  if (ya.shape.length < 1 || ya.shape.length > 2)
    throw new InputError(
      ys.name,
      'shape',
      `y has shape ${shapeText(ya.shape)}; expected (examples,) or (examples, classes)`,
    );
  const matrix = ya.shape.length === 2;
  const task: Task = opts.task ?? (matrix ? 'multilabel' : 'multiclass');
  if (task === 'multilabel' && !matrix)
    throw new InputError(ys.name, 'shape', 'multi-label truth in NumPy must be a 0/1 matrix (examples, classes)');
  if (task === 'multiclass' && matrix)
    throw new InputError(
      ys.name,
      'shape',
      `y has shape ${shapeText(ya.shape)}; multiclass truth is one label per example (examples,)`,
    );
  if (matrix && ya.kind === 'unicode') throw new InputError(ys.name, 'dtype', 'a 0/1 label matrix must be numeric');
  if (matrix && ya.shape[1] > opts.classes.size && opts.classes.fixed)
    throw new InputError(
      ys.name,
      'shape',
      `y has ${ya.shape[1]} label columns but the model has ${opts.classes.size} classes`,
    );
  const f = xs.rowElems;
  const batchSize = Math.max(1, opts.batchSize ?? 256);
  const getX = getterFor(xa);
  const getY = ya.kind === 'unicode' ? null : getterFor(ya);
  let fingerprints: FileFingerprint[] | null = null;

  /** Exactly `count` rows of `s` (the sizes were checked against the header when opening). */
  const rows = async (s: ArraySource, count: number) => {
    const want = count * s.rowElems * s.array.itemSize;
    const b = await s.reader.read(want);
    if (b.length < want) throw new InputError(s.name, null, 'ended before the rows its header promises');
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  };

  async function* batches(): AsyncGenerator<FeatureBatch> {
    try {
      for (let start = 0; start < n; start += batchSize) {
        const m = Math.min(batchSize, n - start);
        const xv = await rows(xs, m);
        const x = new Float32Array(m * f);
        for (let i = 0; i < m * f; i++) x[i] = getX(xv, i * xa.itemSize);
        const yv = await rows(ys, m);
        if (task === 'multiclass') {
          const truth = new Uint32Array(m);
          for (let i = 0; i < m; i++) {
            const where = `y[${start + i}]`;
            let name: string;
            if (!getY) {
              try {
                name = unicodeAt(ya, yv, i * ya.itemSize);
              } catch {
                throw new InputError(ys.name, where, 'label is not valid unicode');
              }
            } else {
              const v = getY(yv, i * ya.itemSize);
              if (!Number.isInteger(v)) throw new InputError(ys.name, where, `label ${v} is not an integer class`);
              name = String(v);
            }
            truth[i] = labelIndexOf(opts.classes, name, ys.name, where);
          }
          yield { n: m, x, truth };
        } else {
          const c = ya.shape[1];
          const csr = new CsrBuilder();
          for (let i = 0; i < m; i++) {
            const set: number[] = [];
            for (let j = 0; j < c; j++) {
              const v = getY!(yv, (i * c + j) * ya.itemSize);
              const where = `y[${start + i}, ${j}]`;
              if (v !== 0 && v !== 1) throw new InputError(ys.name, where, `expected 0 or 1, found ${v}`);
              if (v === 1) set.push(j < opts.classes.size ? j : labelIndexOf(opts.classes, String(j), ys.name, where));
            }
            csr.push(set);
          }
          yield { n: m, x, ...csr.take() };
        }
      }
      // Drain the rest (nothing for a well-formed file) so the hashes and CRC-32 checks cover every byte.
      for (const s of [xs, ys]) while ((await s.reader.read(1 << 20)).length > 0);
      fingerprints = await o.finish();
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
