// Predictions as NumPy arrays: an .npz archive (numpy.savez / savez_compressed) or a folder of
// .npy files, holding `labels` (class indices (N,) or a 0/1 matrix (N, C) for multi-label) and
// either `scores` (N, C) or `preds` (like labels), and optionally `ids` (N,) for leakage between
// splits (./npy-ids.ts). The arrays are read in lockstep, a slice of rows at a time, so none is
// ever held whole.

import type { Task } from '../core/report/types.js';
import type { ScoreSink } from '../core/metrics/score-histograms.js';
import { DEFAULT_BATCH_SIZE, MulticlassBatcher, MultilabelBatcher } from './batcher.js';
import { getterFor, requireDtype, shapeText, type Getter } from './npy.js';
import { openNpyArrays, type NpyArrays, type NpySource } from './npy-arrays.js';
import { idReader, type IdReader } from './npy-ids.js';
import { classIndexOf } from './names.js';
import { thresholdFor } from '../core/threshold.js';
import { ThresholdKernel } from '../core/threshold-kernel.js';
import { InputError, PROGRESS_EVERY, type ExampleBatch, type PredictionStream, type ReadOptions } from './types.js';
import type { FileFingerprint } from '../core/report/types.js';

/** Bytes of each array read per step (rows are never split). */
const STEP_BYTES = 1 << 20;

type Source = NpySource;

/**
 * The most class columns a labels, scores or preds matrix may have. Its classes are registered
 * from the header's shape before any row is read, so a tiny hand-made file could otherwise claim
 * billions of them.
 */
export const MAX_CLASS_COLUMNS = 1_000_000;

const USAGE = 'labels.npy and scores.npy or preds.npy (np.savez(path, labels=..., scores=...))';

export async function openNumpy(path: string, opts: ReadOptions, folder: boolean): Promise<PredictionStream> {
  const o = await openNpyArrays(
    path,
    folder,
    [['labels.npy'], ['preds.npy', 'scores.npy']],
    (found) =>
      folder
        ? new InputError(path, null, `is a folder without ${USAGE}`)
        : new InputError(
            path,
            null,
            `has members ${found.map((n) => JSON.stringify(n)).join(', ') || '(none)'}; expected ${USAGE}`,
          ),
    ['ids.npy'],
  );
  try {
    const [L, P] = o.sources;
    const shape = checkShapes(L, P, opts);
    const classOf = classMapper(opts.classes, shape.width);
    const [I] = o.optional;
    const ids = I && { source: I, read: idReader(I, shape.n, L) };
    return { task: shape.task, ...streamRows(o, L, P, ids, shape, classOf, opts) };
  } catch (e) {
    await o.close();
    throw e;
  }
}

interface Shapes {
  task: Task;
  /** Rows of both arrays. */
  n: number;
  /** Columns of labels and of predictions when they are matrices. */
  lc: number | undefined;
  pc: number | undefined;
  /** Number of classes given by a matrix, if any. */
  width: number | undefined;
}

/** Checks dtypes and shapes of labels and predictions against each other and the task. */
function checkShapes(L: Source, P: Source, opts: ReadOptions): Shapes {
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
  // Before the columns are used: a shape of 0 rows needs no bytes whatever its width, so the
  // header's column count (say 10**12) is checked against nothing else.
  if (n === 0) throw new InputError(L.file, L.where, 'has no rows; expected at least one example');
  for (const s of [L, P])
    if (s.array.shape.length === 2 && s.array.shape[1] === 0)
      throw new InputError(
        s.file,
        s.where,
        `has shape ${shapeText(s.array.shape)}; expected at least one class column`,
      );
  // A column vector of class indices (N, 1) reads as a one-class multi-label matrix.
  if (lc === 1 && pc !== undefined && pc !== 1)
    throw mismatch('number of classes (columns); a multiclass labels array should be (N,): save labels.ravel()');
  if (lc !== undefined && pc !== undefined && lc !== pc) throw mismatch('number of classes (columns)');
  const task: Task = opts.task ?? (L.array.shape.length === 2 ? 'multilabel' : 'multiclass');
  if (task === 'multiclass')
    for (const s of P.role === 'preds' ? [L, P] : [L])
      if (s.array.shape.length === 2)
        throw new InputError(
          s.file,
          s.where,
          `has shape ${shapeText(s.array.shape)}; expected class indices (N,) for a multiclass task`,
        );
  // With a fixed class list, a matrix must have one column per class.
  const width = lc ?? pc;
  if (width !== undefined) {
    if (width > MAX_CLASS_COLUMNS) {
      const s = lc !== undefined ? L : P;
      throw new InputError(
        s.file,
        s.where,
        `has shape ${shapeText(s.array.shape)}: ${width} class columns; expected at most ${MAX_CLASS_COLUMNS.toLocaleString('en')} classes`,
      );
    }
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
  return { task, n, lc, pc, width };
}

type ClassOf = (s: Source, i: number, row: number) => number;

/** Class index i in the arrays -> index in the ClassIndex, checked once per distinct value. */
function classMapper(classes: ReadOptions['classes'], width: number | undefined): ClassOf {
  const map: number[] = [];
  const limit = width ?? (classes.fixed ? classes.size : Infinity);
  return (s, i, row) => {
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
}

/** What reading one row needs: the arrays, their element readers and the row layout. */
interface RowReader {
  L: Source;
  P: Source;
  lget: Getter;
  pget: Getter;
  lRow: number;
  pRow: number;
  /** Columns of a matrix (0 when neither array is one). */
  C: number;
  lc: number | undefined;
  pc: number | undefined;
  classOf: ClassOf;
  /** Class index of each of the C columns (columns below the width are always valid). */
  cols: Uint32Array;
}

/** The ids array, when the split has one, and how to read one id. */
interface IdsSource {
  source: Source;
  read: IdReader;
}

/**
 * The batches, read a step of rows of every array at a time, and the fingerprint once the last
 * was read. Row r of a step is read by `multiclassRow` or `multilabelRow`, its id by `ids.read`.
 */
function streamRows(
  o: NpyArrays,
  L: Source,
  P: Source,
  ids: IdsSource | undefined,
  { task, n, lc, pc, width }: Shapes,
  classOf: ClassOf,
  opts: ReadOptions,
): Pick<PredictionStream, 'batches' | 'fingerprint' | 'recycle'> {
  let done: FileFingerprint | undefined;
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const mc = task === 'multiclass' ? new MulticlassBatcher(size, opts.scores) : null;
  const ml = task === 'multilabel' ? new MultilabelBatcher(size, opts.scores) : null;
  const fingerprint = (): FileFingerprint => {
    if (!done) throw new Error(`fingerprint of ${L.file} requested before the last batch was read`);
    return done;
  };
  return { batches: run(), fingerprint, recycle: (b) => (mc ?? ml)!.recycle(b) };

  async function* run(): AsyncGenerator<ExampleBatch> {
    const C = width ?? 0;
    const lRow = L.array.itemSize * (lc ?? 1);
    const pRow = P.array.itemSize * (pc ?? 1);
    const iRow = ids?.source.array.itemSize ?? 0;
    const step = Math.max(1, Math.floor(STEP_BYTES / Math.max(lRow, pRow, iRow, 1)));
    const cols = Uint32Array.from({ length: C }, (_, j) => classOf(P, j, 0));
    const rr: RowReader = {
      L,
      P,
      lget: getterFor(L.array),
      pget: getterFor(P.array),
      lRow,
      pRow,
      C,
      lc,
      pc,
      classOf,
      cols,
    };
    const batchIds = (mc ?? ml)!.ids;
    batchIds.on = ids !== undefined;
    // A multi-label one-byte label matrix's 1s are found a step at a time, by threshold-kernel.wat.
    const ones = ml && lc !== undefined && L.array.itemSize === 1 ? ThresholdKernel.indicator(lc) : null;
    // Multi-label scores are decided a step at a time, by threshold-kernel.wat.
    const decide =
      ml && P.role === 'scores'
        ? new ThresholdKernel(
            Array.from(cols, (c) => thresholdFor(opts.classes.names[c], opts.threshold, opts.perClassThreshold)),
            P.array.itemSize as 4 | 8,
          )
        : null;
    const ready: ExampleBatch[] = [];
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
        const views: StepViews = {
          lv,
          lbytes: new Uint8Array(lb.buffer, lb.byteOffset, lb.length),
          lwords: wordsOf(lb),
          pv,
          pbytes: new Uint8Array(pb.buffer, pb.byteOffset, pb.length),
          pwords: wordsOf(pb),
        };
        const scores = P.role === 'scores' ? floats(pb, P.array.itemSize) : null;
        decide?.scan(pb, k);
        ones?.scan(lb, k);
        const ib = ids && (await ids.source.reader.read(k * iRow));
        if (ib && ib.length < k * iRow) throw truncated(ids!.source);
        const iv = ib && new DataView(ib.buffer, ib.byteOffset, ib.length);
        for (let r = 0; r < k; r++) {
          const at = row + r;
          // Before the row is pushed: a full batch takes the ids gathered so far.
          const bad = ib && ids!.read(batchIds, ib, iv!, r * iRow);
          if (bad) throw new InputError(ids!.source.file, ids!.source.where, `row ${at}: ${bad}`);
          if (mc) {
            const tp = multiclassRow(rr, lv, pv, scores, r, at);
            if (scores && opts.scores) sinkRow(rr, opts.scores, scores, r);
            if (mc.push(...tp)) ready.push(mc.flush()!);
          } else if (ml) {
            multilabelRow(rr, ml, { decide, ones }, views, scores, r, at);
            if (scores && opts.scores) sinkRow(rr, opts.scores, scores, r);
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
      await checkNothingLeft(L, P, ...(ids ? [ids.source] : []));
      opts.onProgress?.(n);
      done = await o.fingerprint();
    } finally {
      await o.close();
    }
  }
}

/** Row r's scores (already checked finite) into the score sink. */
function sinkRow(rr: RowReader, sink: ScoreSink, scores: Float64Array | Float32Array, r: number): void {
  sink.scores(scores, r * rr.C, rr.C, rr.cols);
}

/** Row r of a step as (truth, prediction): the prediction is the index or the arg-max of the scores. */
function multiclassRow(
  { L, P, lget, pget, lRow, pRow, C, classOf }: RowReader,
  lv: DataView,
  pv: DataView,
  scores: Float64Array | Float32Array | null,
  r: number,
  at: number,
): [number, number] {
  const t = classOf(L, lget(lv, r * lRow), at);
  if (!scores) return [t, classOf(P, pget(pv, r * pRow), at)];
  const base = r * C;
  let best = scores[base];
  let bi = 0;
  if (best - best !== 0) throw notFinite(P, at, 0, best);
  for (let j = 1; j < C; j++) {
    const v = scores[base + j];
    if (v > best) {
      best = v;
      bi = j;
    } else if (v - v !== 0) throw notFinite(P, at, j, v);
  }
  if (best - best !== 0) throw notFinite(P, at, bi, best);
  return [t, classOf(P, bi, at)];
}

/** The bytes of one step of both arrays, as views; `*words`: their whole buffer as 32-bit words (see indicatorRow). */
interface StepViews {
  lv: DataView;
  lbytes: Uint8Array;
  lwords: Uint32Array;
  pv: DataView;
  pbytes: Uint8Array;
  pwords: Uint32Array;
}

/** The whole buffer under `b` as aligned 32-bit words (indexed by byte address >> 2). */
function wordsOf(b: Uint8Array): Uint32Array {
  return new Uint32Array(b.buffer, 0, b.buffer.byteLength >>> 2);
}

/** Row r of a step into the multi-label batcher: truth and predicted label sets. */
function multilabelRow(
  rr: RowReader,
  ml: MultilabelBatcher,
  { decide, ones }: { decide: ThresholdKernel | null; ones: ThresholdKernel | null },
  { lv, lbytes, lwords, pv, pbytes, pwords }: StepViews,
  scores: Float64Array | Float32Array | null,
  r: number,
  at: number,
): void {
  const { L, P, lget, pget, lRow, pRow, C, lc, pc, classOf, cols } = rr;
  // The kernel's bad row (a byte other than 0 or 1) goes through indicatorRow, which names it.
  if (ones && r !== ones.badRow) ones.take(r, cols, ml.truth);
  else if (lc !== undefined) indicatorRow(rr, L, lget, lv, lbytes, lwords, r * lRow, at, ml.truth);
  else ml.truth.add(classOf(L, lget(lv, r * lRow), at));
  if (scores && decide) {
    if (r === decide.badRow) {
      const j = scores.subarray(r * C, (r + 1) * C).findIndex((v) => v - v !== 0);
      throw notFinite(P, at, j, scores[r * C + j]);
    }
    decide.take(r, cols, ml.pred);
  } else if (pc !== undefined) indicatorRow(rr, P, pget, pv, pbytes, pwords, r * pRow, at, ml.pred);
  else ml.pred.add(classOf(P, pget(pv, r * pRow), at));
}

/**
 * A 0/1 matrix row as a set of class indices. One-byte dtypes (uint8, int8, bool: what
 * np.savez writes for most label matrices) are read as bytes, without a getter per element, and
 * skipped four at a time where the aligned word is 0: a long tail's label rows are mostly zeros
 * (2.5x faster than byte by byte in a micro-benchmark of 100k x 485 long-tailed labels). A byte
 * other than 0 or 1 sends the row through the general loop, which names it.
 */
function indicatorRow(
  rr: RowReader,
  s: Source,
  get: Getter,
  v: DataView,
  bytes: Uint8Array,
  words: Uint32Array,
  off: number,
  row: number,
  set: { add(c: number): void },
): void {
  const { C, cols } = rr;
  const is = s.array.itemSize;
  if (is === 1 && byteRow(C, cols, bytes, words, off, set)) return;
  for (let j = 0; j < C; j++) {
    const x = is === 1 ? bytes[off + j] : get(v, off + j * is);
    if (x === 0) continue;
    if (x === 1) set.add(cols[j]);
    else
      throw new InputError(
        s.file,
        s.where,
        `row ${row} column ${j} holds ${get(v, off + j * is)}; expected 0 or 1 (a multi-label indicator matrix)`,
      );
  }
}

/** indicatorRow's one-byte rows: false at the first byte other than 0 or 1 (the caller then names it). */
function byteRow(
  C: number,
  cols: ArrayLike<number>,
  bytes: Uint8Array,
  words: Uint32Array,
  off: number,
  set: { add(c: number): void },
): boolean {
  // Byte address of column 0 in the buffer that `words` covers from its start.
  const base = bytes.byteOffset + off;
  const head = Math.min(C, (4 - (base & 3)) & 3);
  let j = 0;
  for (; j < head; j++) {
    const x = bytes[off + j];
    if (x === 0) continue;
    if (x !== 1) return false;
    set.add(cols[j]);
  }
  for (; j + 4 <= C; j += 4) {
    if (words[(base + j) >> 2] === 0) continue;
    for (let k = j; k < j + 4; k++) {
      const x = bytes[off + k];
      if (x === 0) continue;
      if (x !== 1) return false;
      set.add(cols[k]);
    }
  }
  for (; j < C; j++) {
    const x = bytes[off + j];
    if (x === 0) continue;
    if (x !== 1) return false;
    set.add(cols[j]);
  }
  return true;
}

function notFinite(s: Source, row: number, col: number, v: number): InputError {
  return new InputError(s.file, s.where, `row ${row} column ${col} holds ${v}; expected a finite number`);
}

/** After the last row: bytes beyond what the shape says mean a damaged or hand-made file. */
async function checkNothingLeft(...sources: Source[]): Promise<void> {
  for (const s of sources)
    if ((await s.reader.read(1)).length)
      throw new InputError(
        s.file,
        s.where,
        `has more bytes than its shape ${shapeText(s.array.shape)} says; expected an intact .npy array`,
      );
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
