// The .npy format (numpy.lib.format): a magic string, a version, a Python-literal header with
// dtype, order and shape, then the raw array bytes. Accepted: little-endian numbers in C order,
// and fixed-width strings: unicode (feature files' class-name labels, ids) and bytes (ids only;
// prediction labels reject both).

import type { ByteReader } from './pull-reader.js';
import { InputError } from './types.js';

export type Kind = 'float' | 'int' | 'bool' | 'unicode' | 'bytes';

export interface NpyArray {
  /** As written in the header, e.g. "<f8". */
  descr: string;
  kind: Kind;
  /** Bytes per element. */
  itemSize: number;
  shape: number[];
}

const MAGIC = Buffer.from('\x93NUMPY', 'latin1');
/** numpy.load's own limit (max_header_size): the length field is read before anything checks it. */
export const MAX_HEADER_BYTES = 10_000;

/**
 * Reads and checks the header of an .npy stream of `bytes` bytes (the file's size, or the zip
 * member's declared size); the reader is left at the first element. A shape that needs more bytes
 * than there are is refused here, before anything is allocated or looped over for it.
 */
export async function readNpyHeader(r: ByteReader, bytes: number, file: string, where: string): Promise<NpyArray> {
  const bad = (what: string) => new InputError(file, where, `${what}; expected an .npy array (numpy.save)`);
  const pre = await r.read(10);
  if (pre.length < 10 || !pre.subarray(0, 6).equals(MAGIC)) throw bad('no NumPy magic string');
  const major = pre[6];
  // Taken before the next read, which may reuse the buffer.
  let len = pre.readUInt16LE(8);
  if (major !== 1 && major !== 2 && major !== 3) throw bad(`format version ${major}`);
  if (major !== 1) {
    const more = await r.read(2);
    if (more.length < 2) throw bad('a truncated header');
    len += more.readUInt16LE(0) * 0x10000;
  }
  if (len > MAX_HEADER_BYTES)
    throw bad(`a header of ${len} bytes, more than numpy's limit of ${MAX_HEADER_BYTES} (max_header_size)`);
  if (r.offset + len > bytes) throw bad(`a header of ${len} bytes, beyond the ${bytes} bytes of the array`);
  const h = await r.read(len);
  if (h.length < len) throw bad('a truncated header');
  const text = h.toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeField = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined) {
    if (/'descr'\s*:\s*\[/.test(text))
      throw new InputError(file, where, 'has a structured dtype; expected a plain numeric array');
    throw bad('a header without a dtype');
  }
  if (fortran === undefined || shapeField === undefined) throw bad('a header without order or shape');
  if (fortran === 'True')
    throw new InputError(file, where, 'is in Fortran order; expected C order (save np.ascontiguousarray(a))');
  const shape = shapeField
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => Number(s.replace(/L$/, '')));
  if (shape.some((n) => !Number.isSafeInteger(n) || n < 0)) throw bad(`a bad shape (${shapeField})`);
  const array = { descr, shape, ...dtypeOf(descr) };
  const need = r.offset + shape.reduce((a, d) => a * d, 1) * Math.max(1, array.itemSize);
  if (need > bytes)
    throw new InputError(
      file,
      where,
      `has shape ${shapeText(shape)}, which needs ${need} bytes, but holds ${bytes}; expected a complete array`,
    );
  return array;
}

function dtypeOf(descr: string): { kind: Kind; itemSize: number } {
  const m = /^([<|>=])([a-zA-Z])(\d+)$/.exec(descr);
  if (!m || m[1] === '>' || m[1] === '=') return { kind: 'float', itemSize: 0 };
  const size = Number(m[3]);
  if (m[2] === 'f' && (size === 4 || size === 8)) return { kind: 'float', itemSize: size };
  if ((m[2] === 'i' || m[2] === 'u') && [1, 2, 4, 8].includes(size)) return { kind: 'int', itemSize: size };
  if (m[2] === 'b' && size === 1) return { kind: 'bool', itemSize: 1 };
  // UTF-32 code units, NUL padded: 4 bytes per character.
  if (m[2] === 'U' && size > 0) return { kind: 'unicode', itemSize: 4 * size };
  // Bytes, NUL padded (numpy's |S).
  if (m[2] === 'S' && size > 0) return { kind: 'bytes', itemSize: size };
  return { kind: 'float', itemSize: 0 };
}

/** Rejects dtypes that the role does not accept, naming the dtype and what is expected. */
export function requireDtype(a: NpyArray, roles: 'float' | 'index', file: string, where: string): void {
  const ok = a.itemSize > 0 && (roles === 'float' ? a.kind === 'float' : a.kind === 'int' || a.kind === 'bool');
  if (!ok) {
    const expected =
      roles === 'float'
        ? 'little-endian float32 or float64'
        : 'little-endian integers (int8..int64, uint8..uint64) or booleans';
    throw new InputError(file, where, `dtype ${a.descr} is not supported; expected ${expected}`);
  }
}

export function shapeText(shape: number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/** One fixed-width unicode element (UTF-32LE, NUL padded) at `byteOffset`, or the first value that is no code point (hex). */
export function unicodeAt(a: NpyArray, v: DataView, byteOffset: number): string | { bad: string } {
  let s = '';
  for (let p = byteOffset; p < byteOffset + a.itemSize; p += 4) {
    const cp = v.getUint32(p, true);
    if (cp === 0) break;
    if (cp > 0x10ffff) return { bad: `0x${cp.toString(16)}` };
    s += String.fromCodePoint(cp);
  }
  return s;
}

/** A reader of element j of a row buffer, as a JS number (integers exact up to 2^53). */
export type Getter = (v: DataView, byteOffset: number) => number;

export function getterFor(a: NpyArray): Getter {
  const k = a.kind;
  if (k === 'unicode' || k === 'bytes') throw new Error(`getterFor: ${a.descr} is not numeric`);
  const s = a.itemSize;
  const signed = a.descr[1] === 'i';
  if (k === 'float') return s === 8 ? (v, o) => v.getFloat64(o, true) : (v, o) => v.getFloat32(o, true);
  if (s === 1) return signed ? (v, o) => v.getInt8(o) : (v, o) => v.getUint8(o);
  if (s === 2) return signed ? (v, o) => v.getInt16(o, true) : (v, o) => v.getUint16(o, true);
  if (s === 4) return signed ? (v, o) => v.getInt32(o, true) : (v, o) => v.getUint32(o, true);
  return signed
    ? (v, o) => v.getInt32(o + 4, true) * 0x100000000 + v.getUint32(o, true)
    : (v, o) => v.getUint32(o + 4, true) * 0x100000000 + v.getUint32(o, true);
}
