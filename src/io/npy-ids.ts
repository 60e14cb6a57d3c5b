// The optional `ids` array of a NumPy predictions split: each example's id, for leakage between
// splits, as the `id` column of a CSV gives it. Integers and fixed-width strings are taken; an
// integer id becomes its decimal text, so id 17 in an .npz and "17" in a CSV are one example.
// Object arrays are pickles (loading one runs code): they are refused, never unpickled.

import type { Ids } from './batcher.js';
import { getterFor, shapeText, unicodeAt, type NpyArray } from './npy.js';
import type { NpySource } from './npy-arrays.js';
import { EMPTY_ID } from './batcher.js';
import { InputError } from './types.js';

/**
 * Adds the id at byte `off` of a step's bytes (`bytes`, `view`: the same memory) to `ids`; null,
 * or what is wrong with it (empty: batcher.ts's EMPTY_ID; not text).
 */
export type IdReader = (ids: Ids, bytes: Uint8Array, view: DataView, off: number) => string | null;

/** The widest fixed-width id taken (bytes): an id is a key, not a document (<U16384 is 64 KiB). */
export const MAX_ID_BYTES = 1 << 16;

const EXPECTED = 'little-endian integers (int8..int64, uint8..uint64) or fixed-width strings (<U…, |S…)';

/** Checks the ids array against the `rows` of `labels`; returns how to read one id. */
export function idReader(s: NpySource, rows: number, labels: NpySource): IdReader {
  const a = s.array;
  if (a.descr === '|O')
    throw new InputError(
      s.file,
      s.where,
      `dtype |O holds pickled Python objects, which modelgate never unpickles; expected ${EXPECTED}, e.g. np.asarray(ids, dtype=str)`,
    );
  if (a.itemSize === 0 || (a.kind !== 'int' && a.kind !== 'unicode' && a.kind !== 'bytes'))
    throw new InputError(s.file, s.where, `dtype ${a.descr} is not supported for ids; expected ${EXPECTED}`);
  // One id is read whole: its fixed width is what a row's read holds, so it is bounded here.
  if (a.itemSize > MAX_ID_BYTES)
    throw new InputError(
      s.file,
      s.where,
      `dtype ${a.descr} makes each id ${a.itemSize} bytes; expected at most ${MAX_ID_BYTES} (<U${MAX_ID_BYTES / 4}, |S${MAX_ID_BYTES})`,
    );
  if (a.shape.length !== 1)
    throw new InputError(s.file, s.where, `has shape ${shapeText(a.shape)}; expected (N,), one id per row`);
  if (a.shape[0] !== rows)
    throw new InputError(
      s.file,
      s.where,
      `has ${a.shape[0]} ids but ${labels.role} has ${rows} rows; expected ${rows}, one id per row`,
    );
  return readerFor(a);
}

function readerFor(a: NpyArray): IdReader {
  const size = a.itemSize;
  const added = (ok: boolean) => (ok ? null : EMPTY_ID);
  if (a.kind === 'unicode')
    return (ids, _, v, off) => {
      const text = unicodeAt(a, v, off);
      return typeof text === 'string' ? added(ids.addText(text)) : `the id holds ${text.bad}, not a Unicode code point`;
    };
  if (a.kind === 'bytes')
    return (ids, bytes, _, off) => {
      // numpy drops the NUL padding of |S strings, and so do we.
      let end = off + size;
      while (end > off && bytes[end - 1] === 0) end--;
      return added(ids.add(bytes, off, end));
    };
  if (size === 8) {
    // Not getterFor's numbers: ids above 2^53 (hashes, snowflake ids) must stay exact.
    const big: (v: DataView, o: number) => bigint =
      a.descr[1] === 'i' ? (v, o) => v.getBigInt64(o, true) : (v, o) => v.getBigUint64(o, true);
    return (ids, _, v, off) => added(ids.addText(big(v, off).toString()));
  }
  const get = getterFor(a);
  return (ids, _, v, off) => added(ids.addText(String(get(v, off))));
}
