// Opening the arrays of one split stored as NumPy files: members of an .npz archive
// (numpy.savez / savez_compressed) or .npy files in a folder. Used by both the predictions reader
// (labels + scores/preds) and the features reader (x + y): each array is streamed from its
// header on, so the arrays can be read in lockstep without holding either whole.
//
// The split's fingerprint: for an .npz, the sha256 of the archive's bytes (hashed in a separate
// sequential pass, since the reader sees inflated members; that pass also takes the CRC-32s of
// the stored members, checked when the fingerprint is asked for); for a folder, the sha256 over the
// sha256sum-style lines ("<sha256>  <name>\n") of the files read, sorted (as
// `sha256sum *.npy | sort | sha256sum` gives it), with the
// folder's path and the files' total size.

import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileFingerprint } from '../core/report/types.js';
import { readNpyHeader, type NpyArray } from './npy.js';
import { FileRangeReader, type ByteReader } from './pull-reader.js';
import { ByteHasher, checkFile, errCode, hashInBackground } from './source.js';
import { InputError } from './types.js';
import { checkStoredCrc, isStored, memberStart, openZipMember, readZipDirectory, type ZipEntry } from './zip.js';

/** One array being streamed: its header, and the reader left at its first element. */
export interface NpySource {
  /** The member or file name without .npy (labels, scores, preds, x, y). */
  role: string;
  /** Named in messages: the .npz, or the .npy file inside the folder. */
  file: string;
  /** The place in messages: `array <role>`. */
  where: string;
  array: NpyArray;
  reader: ByteReader;
}

export interface NpyArrays {
  sources: NpySource[];
  /** The optional arrays asked for, in order; undefined when the split has none. */
  optional: (NpySource | undefined)[];
  /** After every byte was read: the split's fingerprint (waits for an archive's hashing pass). */
  fingerprint(): Promise<FileFingerprint>;
  /** Releases the files and abandons the hashing pass. */
  close(): Promise<void>;
}

/** One array wanted: the member (or file) names that may hold it, in order of preference. */
export type Wanted = string[];

/**
 * Opens every wanted array of `path` (a folder when `folder`, else an .npz) and reads its header,
 * checking the size its shape claims against the file (or the member's declared size). When an
 * array is missing, `missing(found)` makes the error, given the member or file names present.
 * The `optional` member (or file) names are opened too when present.
 */
export async function openNpyArrays(
  path: string,
  folder: boolean,
  wanted: Wanted[],
  missing: (found: string[]) => InputError,
  optional: string[] = [],
): Promise<NpyArrays> {
  return folder ? openFolder(path, wanted, missing, optional) : openNpz(path, wanted, missing, optional);
}

async function openNpz(
  path: string,
  wanted: Wanted[],
  missing: (found: string[]) => InputError,
  optional: string[],
): Promise<NpyArrays> {
  const size = await checkFile(path);
  let members;
  try {
    members = await readZipDirectory(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, null, `not a readable .npz (zip) archive: ${(e as Error).message}`);
  }
  const entries = wanted.map((names) => names.map((n) => members.get(n)).find((e) => e !== undefined));
  if (entries.some((e) => e === undefined)) throw missing([...members.keys()]);
  const extra = optional.map((n) => members.get(n));
  // The stored members' CRC-32s are taken by the hashing pass, which reads every byte anyway.
  const stored = [...(entries as ZipEntry[]), ...extra.filter((e) => e !== undefined)].filter(isStored);
  const starts = new Map<ZipEntry, number>();
  for (const e of stored) starts.set(e, await memberStart(path, e));
  const hashing = hashInBackground(
    path,
    size,
    stored.map((e) => ({ start: starts.get(e)!, length: e.compressedSize })),
  );
  const fingerprint = async () => {
    const crcs = await hashing.crcs();
    stored.forEach((e, i) => checkStoredCrc(path, e, crcs[i]));
    return hashing.fingerprint();
  };
  const readers: ByteReader[] = [];
  const close = async () => {
    hashing.stop();
    await Promise.all(readers.map((r) => r.close()));
  };
  try {
    const open = async (entry: ZipEntry): Promise<NpySource> => {
      const start = starts.get(entry);
      const reader = await openZipMember(path, entry, { start, crcChecked: start !== undefined });
      readers.push(reader);
      const role = entry.name.replace(/\.npy$/, '');
      const where = `array ${role}`;
      return { role, file: path, where, reader, array: await readNpyHeader(reader, entry.size, path, where) };
    };
    const sources: NpySource[] = [];
    for (const entry of entries as ZipEntry[]) sources.push(await open(entry));
    const opened: (NpySource | undefined)[] = [];
    for (const entry of extra) opened.push(entry && (await open(entry)));
    return { sources, optional: opened, fingerprint, close };
  } catch (e) {
    await close();
    throw e;
  }
}

async function openFolder(
  dir: string,
  wanted: Wanted[],
  missing: (found: string[]) => InputError,
  optional: string[],
): Promise<NpyArrays> {
  const isFile = async (f: string) => (await stat(join(dir, f)).catch(() => null))?.isFile() ?? false;
  const names: string[] = [];
  for (const options of wanted) {
    let found: string | undefined;
    for (const n of options) if (found === undefined && (await isFile(n))) found = n;
    if (found === undefined) {
      const present: string[] = [];
      for (const n of wanted.flat()) if (await isFile(n)) present.push(n);
      throw missing(present);
    }
    names.push(found);
  }
  const extra: (string | undefined)[] = [];
  for (const n of optional) extra.push((await isFile(n)) ? n : undefined);
  const hashers: [string, ByteHasher][] = [];
  const readers: ByteReader[] = [];
  const close = async () => void (await Promise.all(readers.map((r) => r.close())));
  try {
    const open = async (name: string): Promise<NpySource> => {
      const file = join(dir, name);
      const size = await checkFile(file);
      const h = new ByteHasher();
      hashers.push([name, h]);
      const reader = new FileRangeReader(file, {
        start: 0,
        length: Infinity,
        onBytes: (chunk) => h.update(chunk),
        readError: (err) => new InputError(file, null, `could not be read (${errCode(err)})`),
      });
      readers.push(reader);
      const role = name.replace(/\.npy$/, '');
      const where = `array ${role}`;
      return { role, file, where, reader, array: await readNpyHeader(reader, size, file, where) };
    };
    const sources: NpySource[] = [];
    for (const name of names) sources.push(await open(name));
    const opened: (NpySource | undefined)[] = [];
    for (const name of extra) opened.push(name === undefined ? undefined : await open(name));
    const fingerprint = async (): Promise<FileFingerprint> => {
      const lines = hashers
        .map(([name, h]) => `${h.digestHex()}  ${name}\n`)
        .sort()
        .join('');
      const bytes = hashers.reduce((s, [, h]) => s + h.bytes, 0);
      return { path: dir, sha256: createHash('sha256').update(lines).digest('hex'), bytes };
    };
    return { sources, optional: opened, fingerprint, close };
  } catch (e) {
    await close();
    throw e;
  }
}
