// Opening an input file for streaming: clear errors for missing/empty files, chunked reads with
// a large buffer, and the sha256 of exactly the bytes that were read (the file fingerprint).

import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { crc32, createGunzip } from 'node:zlib';
import { isUtf8 } from 'node:buffer';
import { Worker } from 'node:worker_threads';
import type { FileFingerprint } from '../core/report/types.js';
import { helperNice } from './helper-priority.js';
import { InputError } from './types.js';

/** Bytes per read of a stream (zip members, gzip): large enough that per-chunk overhead vanishes. */
export const CHUNK_BYTES = 4 << 20;

/**
 * Bytes per read into the reused buffers of `fileChunks` and of the hashing worker: at 1 MB the
 * per-read cost is still nothing, and the buffers (with the CSV reader's joint) take ~15 MB less
 * peak RSS than at 4 MB (issue 14).
 */
export const READ_BYTES = 1 << 20;

export class ByteHasher {
  private readonly hash: Hash = createHash('sha256');
  bytes = 0;
  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }
  digestHex(): string {
    return this.hash.digest('hex');
  }
}

/** What a path that is not a regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Checks that `path` is a non-empty regular file; returns its size. Predictions must be regular
 * files (their size bounds the reads, an .npz is read from its end): a pipe or a device is refused
 * by name rather than called empty, as its size of 0 would have it.
 */
export async function checkFile(path: string, what = 'file'): Promise<number> {
  const st = await statOf(path, what);
  if (!st.isFile())
    throw new InputError(path, null, `expected a ${what}, found ${kindOf(st)}; write it to a file first`);
  if (st.size === 0)
    throw new InputError(path, null, `${what} is empty (0 bytes); expected data (was it written completely?)`);
  return st.size;
}

async function statOf(path: string, what: string): Promise<Stats> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, null, `expected a ${what}, found a directory`);
    return st;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, null, `${what} not found or not readable (${errCode(e)})`);
  }
}

/**
 * A small input read whole (a class list, a thresholds file): a regular file, or a pipe such as
 * `--classes <(cut -f1 labels.tsv)`, whose size is only known once read, so reading stops past
 * `maxBytes` (a device like /dev/zero never ends).
 */
export async function readSmallFile(path: string, what: string, maxBytes: number): Promise<Buffer> {
  const st = await statOf(path, what);
  if (st.isFile() && st.size > maxBytes) throw tooLarge(path, what, maxBytes);
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(path, what, maxBytes);
      parts.push(chunk);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, null, `${what} could not be read (${errCode(e)})`);
  }
  if (total === 0)
    throw new InputError(path, null, `${what} is empty (0 bytes); expected data (was it written completely?)`);
  return Buffer.concat(parts, total);
}

function tooLarge(path: string, what: string, maxBytes: number): InputError {
  return new InputError(path, null, `${what} is larger than ${maxBytes / 2 ** 20} MB; expected a small file`);
}

export function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Reads a file in chunks, feeding `hasher` when given. Each chunk is valid only until the next
 * one is requested: two buffers are reused in turn (the next read runs while the caller handles
 * the current chunk), so a large file leaves no chunk-sized garbage behind (issue 14: a fresh
 * buffer per read cost page faults and ~35 MB of peak RSS). Callers copy what they keep.
 */
export async function* fileChunks(path: string, hasher?: ByteHasher): AsyncGenerator<Buffer> {
  let fh: FileHandle | undefined;
  let pending: Promise<{ bytesRead: number }> | undefined;
  const fail = (e: unknown) =>
    e instanceof InputError ? e : new InputError(path, null, `could not be read (${errCode(e)})`);
  try {
    fh = await open(path, 'r');
    const size = (await fh.stat()).size;
    // A small file needs no chunk-sized buffers; one byte more sees the end in a single read.
    const cap = Math.max(1 << 16, Math.min(READ_BYTES, size + 1));
    const bufs = [Buffer.allocUnsafeSlow(cap), Buffer.allocUnsafeSlow(cap)];
    const readInto = (buf: Buffer) => fh!.read(buf, 0, buf.length, null);
    let turn = 0;
    pending = readInto(bufs[turn]);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const chunk = bufs[turn].subarray(0, bytesRead);
      turn ^= 1;
      pending = readInto(bufs[turn]);
      hasher?.update(chunk);
      yield chunk;
    }
  } catch (e) {
    throw fail(e);
  } finally {
    // A caller that stops early leaves a read in flight: let it end before closing.
    await pending?.catch(() => {});
    await fh?.close();
  }
}

/**
 * `fileChunks` for a text format (CSV, JSON lines): refuses compressed or binary files by their
 * first bytes and invalid UTF-8 anywhere (which would otherwise become U+FFFD in class names),
 * naming the line. Validation is one SIMD pass per chunk; a multi-byte character cut by a chunk
 * boundary is carried over to the next chunk.
 */
export async function* textChunks(
  path: string,
  hasher?: ByteHasher,
  format = 'text',
  opts: { gzip?: boolean } = {},
): AsyncGenerator<Buffer> {
  const open = (h?: ByteHasher) => (opts.gzip ? gunzipChunks(path, h) : fileChunks(path, h));
  let first = true;
  let tail: Buffer | null = null;
  let offset = 0; // text offset of the first byte of `tail` or of the next chunk
  for await (const chunk of open(hasher)) {
    if (first && chunk.length > 0) {
      first = false;
      checkNotBinary(path, chunk, format);
    }
    const buf: Buffer = tail ? Buffer.concat([tail, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    if (!isUtf8(buf.subarray(0, cut))) throw await invalidUtf8(path, open, buf.subarray(0, cut), offset, format);
    tail = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    offset += cut;
    yield chunk;
  }
  if (tail) throw await invalidUtf8(path, open, tail, offset, format);
}

/** The inflated bytes of a gzip file, a chunk at a time; `hasher` sees the file's own bytes. */
async function* gunzipChunks(path: string, hasher?: ByteHasher): AsyncGenerator<Buffer> {
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (hasher) raw.on('data', (b) => hasher.update(b as Buffer));
  const inflated = raw.pipe(createGunzip({ chunkSize: 1 << 16 }));
  raw.on('error', (e) => inflated.destroy(e));
  try {
    for await (const chunk of inflated as AsyncIterable<Buffer>) yield chunk;
  } catch (e) {
    const code = errCode(e);
    throw new InputError(
      path,
      null,
      /^Z_|incorrect header/.test(code) || /header|unexpected end/i.test(String((e as Error).message))
        ? `is not a complete gzip file (${code}); expected a .gz written by gzip`
        : `could not be read (${code})`,
    );
  } finally {
    raw.destroy();
    inflated.destroy();
  }
}

const MAGIC: [number[], string][] = [
  [[0x1f, 0x8b], 'gzip-compressed; decompress it first'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive; extract it first'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed; decompress it first'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed; decompress it first'],
  [[0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], 'a NumPy .npy array; name it .npy inside a folder, or use .npz'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file; export it with to_csv'],
  [[0xff, 0xfe], 'UTF-16 text; re-save it as UTF-8'],
  [[0xfe, 0xff], 'UTF-16 text; re-save it as UTF-8'],
];

function checkNotBinary(path: string, head: Buffer, format: string): void {
  for (const [magic, what] of MAGIC)
    if (head.length >= magic.length && magic.every((b, i) => head[i] === b))
      throw new InputError(path, null, `is ${what}; expected a ${format} file`);
  const nul = head.subarray(0, 4096).indexOf(0);
  if (nul >= 0)
    throw new InputError(path, lineOf(head, nul), `holds a NUL byte: a binary file? expected a ${format} file`);
}

/** Length of `buf` without a trailing, possibly incomplete, multi-byte UTF-8 sequence. */
function completeUtf8Length(buf: Buffer): number {
  const n = buf.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = buf[n - k];
    if (b < 0x80) return n; // ASCII: complete
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > k ? n - k : n;
    }
  }
  return n;
}

/** Error path only: names the line of the first invalid byte (re-reading the text up to it). */
async function invalidUtf8(
  path: string,
  open: () => AsyncIterable<Buffer>,
  buf: Buffer,
  offset: number,
  format: string,
): Promise<InputError> {
  const at = offset + Math.max(0, firstInvalidUtf8(buf));
  let lines = 1;
  let seen = 0;
  if (at > 0)
    for await (const chunk of open()) {
      const part = chunk.subarray(0, Math.max(0, at - seen));
      for (let i = part.indexOf(10); i >= 0; i = part.indexOf(10, i + 1)) lines++;
      seen += chunk.length;
      if (seen >= at) break;
    }
  return new InputError(
    path,
    `line ${lines}`,
    `holds bytes that are not valid UTF-8 (at byte ${at}); expected a UTF-8 ${format} file (re-save it as UTF-8)`,
  );
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const n = buf.length;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < n && buf[j] >= lo && buf[j] <= hi;
  for (let i = 0; i < n;) {
    const b = buf[i];
    if (b < 0x80) i++;
    else if (b >= 0xc2 && b <= 0xdf && cont(i + 1)) i += 2;
    else if (b >= 0xe0 && b <= 0xef && cont(i + 1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) && cont(i + 2))
      i += 3;
    else if (
      b >= 0xf0 &&
      b <= 0xf4 &&
      cont(i + 1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) &&
      cont(i + 2) &&
      cont(i + 3)
    )
      i += 4;
    else return i;
  }
  return -1;
}

/** A whole small text file (class list, thresholds) as a string, with the checks of `textChunks`. */
export function decodeText(path: string, buf: Buffer, format: string): string {
  if (buf.length > 0) checkNotBinary(path, buf, format);
  if (!isUtf8(buf)) {
    const at = Math.max(0, firstInvalidUtf8(buf));
    throw new InputError(
      path,
      lineOf(buf, at),
      `holds bytes that are not valid UTF-8 (at byte ${at}); expected a UTF-8 ${format} file (re-save it as UTF-8)`,
    );
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineOf(buf: Buffer, pos: number): string {
  let lines = 1;
  for (let i = buf.indexOf(10); i >= 0 && i < pos; i = buf.indexOf(10, i + 1)) lines++;
  return `line ${lines}`;
}

/** Collects the sha256 of a split's bytes; `fingerprint()` works once `finish()` was called. */
export class Digest {
  readonly hasher = new ByteHasher();
  private sha256: string | undefined;
  constructor(readonly path: string) {}
  finish(): void {
    this.sha256 ??= this.hasher.digestHex();
  }
  fingerprint(): FileFingerprint {
    if (this.sha256 === undefined)
      throw new Error(`fingerprint of ${this.path} requested before the last batch was read`);
    return { path: this.path, sha256: this.sha256, bytes: this.hasher.bytes };
  }
}

/** From this size on, the hashing pass runs in a worker thread (its start costs a few ms). */
const WORKER_HASH_BYTES = 32 << 20;

/** A byte range of a file whose CRC-32 the hashing pass also takes (a stored zip member's data). */
export interface ByteRange {
  start: number;
  length: number;
}

/**
 * The CRC-32 of each range, from the file's chunks in order (`at`: the chunk's offset). The same
 * arithmetic as the worker's copy below (which cannot import it).
 */
function rangeCrcs(ranges: readonly ByteRange[]) {
  const crcs = ranges.map(() => 0);
  return {
    crcs,
    update(chunk: Buffer, at: number): void {
      ranges.forEach((r, i) => {
        const a = Math.max(r.start, at);
        const b = Math.min(r.start + r.length, at + chunk.length);
        if (a < b) crcs[i] = crc32(chunk.subarray(a - at, b - at), crcs[i]);
      });
    },
  };
}

/**
 * The hashing pass in a worker thread: it reads and hashes the file on the other core while this
 * thread parses (issue 14), taking the CRC-32 of the ranges asked for on the way (an .npz's
 * stored members: 80-90 ms less for the reading thread on the bench's 242 MB). Plain CommonJS,
 * evaluated by the worker: no separate bundle.
 */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
const { openSync, readSync, closeSync } = require('node:fs');
// Below the reader's priority (helper-priority.ts: workerData.nice is helperNice()'s).
if (workerData.nice !== null) try { require('node:os').setPriority(0, workerData.nice); } catch {}
let fd = -1;
try {
  fd = openSync(workerData.path, 'r');
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(workerData.chunk);
  const ranges = workerData.ranges;
  const crcs = ranges.map(() => 0);
  let bytes = 0;
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; bytes += n) {
    const chunk = buf.subarray(0, n);
    hash.update(chunk);
    // rangeCrcs's update.
    for (let i = 0; i < ranges.length; i++) {
      const a = Math.max(ranges[i].start, bytes);
      const b = Math.min(ranges[i].start + ranges[i].length, bytes + n);
      if (a < b) crcs[i] = crc32(chunk.subarray(a - bytes, b - bytes), crcs[i]);
    }
  }
  parentPort.postMessage({ sha256: hash.digest('hex'), bytes, crcs });
} catch (e) {
  parentPort.postMessage({ error: (e && e.code) || String(e) });
} finally {
  if (fd >= 0) closeSync(fd);
}
`;

function hashInWorker(path: string, ranges: readonly ByteRange[] = []): Hashing {
  const worker = new Worker(HASH_WORKER, {
    eval: true,
    workerData: { path, chunk: READ_BYTES, nice: helperNice(), ranges },
  });
  const result = new Promise<{ fingerprint: FileFingerprint; crcs: number[] }>((resolve, reject) => {
    worker.once('message', (m: { sha256?: string; bytes?: number; crcs?: number[]; error?: string }) =>
      m.error !== undefined
        ? reject(new InputError(path, null, `could not be read (${m.error})`))
        : resolve({ fingerprint: { path, sha256: m.sha256!, bytes: m.bytes! }, crcs: m.crcs! }),
    );
    worker.once('error', (e) => reject(new InputError(path, null, `could not be hashed (${errCode(e)})`)));
  });
  result.catch(() => {});
  return {
    fingerprint: async () => (await result).fingerprint,
    crcs: async () => (await result).crcs,
    stop: () => void worker.terminate(),
  };
}

/** A pass that hashes a file alongside the reader: `fingerprint()` waits for it; `stop()` abandons it. */
export interface Hashing {
  fingerprint: () => Promise<FileFingerprint>;
  /** The CRC-32 of each range asked for, in order (hashInBackground); waits for the pass. */
  crcs: () => Promise<number[]>;
  stop: () => void;
}

/**
 * For a file of `size` bytes large enough to pay for a worker thread's start, its hashing pass in
 * one, so a reader that sees the raw bytes need not hash them itself; null for a smaller file.
 */
export function hashLargeInWorker(path: string, size: number): Hashing | null {
  return size >= WORKER_HASH_BYTES ? hashInWorker(path) : null;
}

/**
 * Hashes a whole file in its own sequential pass, alongside a reader that does not see the raw
 * bytes (the inflated members of an .npz), taking the CRC-32 of `ranges` on the way: in a worker
 * thread for a large file. `fingerprint()` and `crcs()` wait for the pass; `stop()` abandons it.
 */
export function hashInBackground(path: string, size: number, ranges: readonly ByteRange[] = []): Hashing {
  if (size >= WORKER_HASH_BYTES) return hashInWorker(path, ranges);
  const digest = new Digest(path);
  const crc = rangeCrcs(ranges);
  let stopped = false;
  const hashing = (async () => {
    let at = 0;
    for await (const chunk of fileChunks(path, digest.hasher)) {
      if (stopped) return;
      crc.update(chunk, at);
      at += chunk.length;
    }
    digest.finish();
  })();
  hashing.catch(() => {});
  return {
    fingerprint: async () => (await hashing, digest.fingerprint()),
    crcs: async () => (await hashing, crc.crcs),
    stop: () => void (stopped = true),
  };
}
