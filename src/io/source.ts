// Opening an input file for streaming: clear errors for missing/empty files, chunked reads with
// a large buffer, and the sha256 of exactly the bytes that were read (the file fingerprint).

import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FileFingerprint } from '../core/report/types.js';
import { InputError } from './types.js';

/** Bytes per read: large enough that per-chunk overhead vanishes, small enough to stay bounded. */
export const CHUNK_BYTES = 4 << 20;

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

/** Checks that `path` is a non-empty regular file; returns its size. */
export async function checkFile(path: string, what = 'file'): Promise<number> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw new InputError(path, null, `${what} not found or not readable (${errCode(e)})`);
  }
  if (st.isDirectory()) throw new InputError(path, null, `expected a ${what}, found a directory`);
  if (st.size === 0) throw new InputError(path, null, `${what} is empty`);
  return st.size;
}

export function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

/** Streams a file (or the byte range [start, end]) in chunks, feeding `hasher` when given. */
export async function* fileChunks(
  path: string,
  hasher?: ByteHasher,
  range?: { start: number; end: number },
): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES, ...range });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hasher?.update(chunk);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, null, `could not be read (${errCode(e)})`);
  } finally {
    stream.destroy();
  }
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

/**
 * Hashes a whole file in its own sequential pass, alongside a reader that does not see the raw
 * bytes (the inflated members of an .npz). `fingerprint()` waits for the pass; `stop()` abandons it.
 */
export function hashInBackground(path: string): { fingerprint: () => Promise<FileFingerprint>; stop: () => void } {
  const digest = new Digest(path);
  let stopped = false;
  const hashing = (async () => {
    for await (const _ of fileChunks(path, digest.hasher)) if (stopped) return;
    digest.finish();
  })();
  hashing.catch(() => {});
  return {
    fingerprint: async () => (await hashing, digest.fingerprint()),
    stop: () => void (stopped = true),
  };
}
