// A minimal streaming zip reader for .npz files: the central directory is found from the end
// of the file (with zip64 records for large archives), and a member is streamed from its local
// header (read in place when stored, inflated on the fly when deflated) and checked against its
// CRC-32 and size.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { FileRangeReader, PullReader, type ByteReader } from './pull-reader.js';
import { CHUNK_BYTES, errCode } from './source.js';
import { InputError } from './types.js';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;
/**
 * Deflate's largest expansion: a 258-byte match coded in 2 bits. A declared size beyond it is a
 * lie, and the size is what the .npy header's shape is checked against.
 */
export const MAX_DEFLATE_RATIO = 1032;

function u64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('64-bit zip field too large');
  return Number(v);
}

async function readAt(fh: import('node:fs/promises').FileHandle, pos: number, len: number): Promise<Buffer> {
  const b = Buffer.alloc(len);
  const { bytesRead } = await fh.read(b, 0, len, pos);
  return b.subarray(0, bytesRead);
}

/** The members of a zip archive, by name. */
export async function readZipDirectory(path: string): Promise<Map<string, ZipEntry>> {
  const bad = (what: string) =>
    new InputError(path, null, `${what}; expected a zip archive (as written by numpy.savez)`);
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = await readAt(fh, size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    if (at < 0) throw bad('no end of central directory record');
    let entries = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if (entries === 0xffff || cdSize === U32_MAX || cdOffset === U32_MAX) {
      const locAt = size - tailLen + at - 20;
      const loc = locAt >= 0 ? await readAt(fh, locAt, 20) : Buffer.alloc(0);
      if (loc.length < 20 || loc.readUInt32LE(0) !== ZIP64_LOCATOR) throw bad('zip64 fields without a zip64 locator');
      const rec = await readAt(fh, u64(loc, 8), 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw bad('a broken zip64 end of central directory');
      entries = u64(rec, 32);
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
    }
    if (cdOffset + cdSize > size) throw bad('a central directory beyond the end of the file (truncated?)');
    const cd = await readAt(fh, cdOffset, cdSize);
    const out = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < entries; k++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw bad('a broken central directory');
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const e: ZipEntry = {
        name: cd.toString('utf8', p + 46, p + 46 + nameLen),
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        crc32: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
      };
      // zip64 extended information: only the fields saturated in the header are present, in this order
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = cd.readUInt16LE(x);
        const len = cd.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let q = x + 4;
          if (e.size === U32_MAX) {
            e.size = u64(cd, q);
            q += 8;
          }
          if (e.compressedSize === U32_MAX) {
            e.compressedSize = u64(cd, q);
            q += 8;
          }
          if (e.localHeaderOffset === U32_MAX) e.localHeaderOffset = u64(cd, q);
        }
        x += 4 + len;
      }
      out.set(e.name, e);
      p = xEnd + commentLen;
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** Where the data of member `e` starts in the file, after checking that it can be read. */
export async function memberStart(path: string, e: ZipEntry): Promise<number> {
  const where = `member ${e.name}`;
  if (e.flags & 1) throw new InputError(path, where, 'is encrypted; expected an unencrypted archive');
  if (e.method !== 0 && e.method !== 8)
    throw new InputError(
      path,
      where,
      `uses compression method ${e.method}; expected stored or deflate (numpy.savez/savez_compressed)`,
    );
  checkDeclaredSize(path, e);
  const fh = await open(path, 'r');
  let local: Buffer;
  try {
    local = await readAt(fh, e.localHeaderOffset, 30);
  } finally {
    await fh.close();
  }
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
    throw new InputError(path, where, 'has a broken local header; expected a zip archive');
  return e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

/** Refuses a declared size that the member's data cannot hold (checked again once read). */
function checkDeclaredSize(path: string, e: ZipEntry): void {
  const most = e.method === 8 ? e.compressedSize * MAX_DEFLATE_RATIO : e.compressedSize;
  if (e.size > most)
    throw new InputError(
      path,
      `member ${e.name}`,
      `declares ${e.size} bytes, more than its ${e.compressedSize} ${e.method === 8 ? `deflated bytes can hold (at most ${MAX_DEFLATE_RATIO}:1)` : 'stored bytes'}; expected an intact archive`,
    );
}

/** Whether member `e` is read in place from the file (numpy.savez's stored members). */
export function isStored(e: ZipEntry): boolean {
  return e.method !== 8 && e.compressedSize > 0;
}

/**
 * The uncompressed bytes of one member, as exact-size reads; its CRC-32 and size are verified
 * when the last byte was read. A stored member (numpy.savez) is read in place from the file, from
 * `start` (memberStart's); with `crcChecked`, the caller verifies its CRC-32 itself, from a pass
 * of its own over the file (checkStoredCrc), and only its size is checked here.
 */
export async function openZipMember(
  path: string,
  e: ZipEntry,
  o: { start?: number; crcChecked?: boolean } = {},
): Promise<ByteReader> {
  const start = o.start ?? (await memberStart(path, e));
  if (!isStored(e)) return new PullReader(zipMemberChunks(path, e, start)[Symbol.asyncIterator]());
  let crc = 0;
  return new FileRangeReader(path, {
    start,
    length: e.compressedSize,
    onBytes: o.crcChecked ? undefined : (chunk) => void (crc = crc32(chunk, crc)),
    onEnd: (bytes) => checkMember(path, e, bytes, o.crcChecked ? e.crc32 : crc),
    readError: (err) => unreadable(path, e, err),
  });
}

/** A stored member's CRC-32, taken by the caller's own pass over the file, against the archive's. */
export function checkStoredCrc(path: string, e: ZipEntry, crc: number): void {
  checkMember(path, e, e.size, crc);
}

/** Streams the inflated bytes of a member whose data starts at `start`, checked at the end. */
async function* zipMemberChunks(path: string, e: ZipEntry, start: number): AsyncGenerator<Buffer> {
  if (e.compressedSize === 0) {
    if (e.size !== 0) throw new InputError(path, `member ${e.name}`, 'is truncated');
    return;
  }
  const raw = createReadStream(path, { start, end: start + e.compressedSize - 1, highWaterMark: CHUNK_BYTES });
  const out: Readable = e.method === 8 ? pipeline(raw, createInflateRaw({ chunkSize: 1 << 20 }), () => {}) : raw;
  let crc = 0;
  let bytes = 0;
  try {
    for await (const chunk of out as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      bytes += chunk.length;
      yield chunk;
    }
  } catch (err) {
    throw unreadable(path, e, err);
  } finally {
    raw.destroy();
    out.destroy();
  }
  checkMember(path, e, bytes, crc);
}

function unreadable(path: string, e: ZipEntry, err: unknown): InputError {
  return new InputError(
    path,
    `member ${e.name}`,
    `could not be read or decompressed (${errCode(err)}); expected an intact archive`,
  );
}

function checkMember(path: string, e: ZipEntry, bytes: number, crc: number): void {
  if (bytes !== e.size || crc >>> 0 !== e.crc32 >>> 0)
    throw new InputError(
      path,
      `member ${e.name}`,
      `is corrupt (${bytes !== e.size ? `${bytes} bytes instead of ${e.size}` : 'CRC-32 mismatch'}); expected an intact archive`,
    );
}
