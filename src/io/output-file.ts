// Writing output files (reports, comparisons, comments) without ever destroying an input or a
// special file. A regular file is written through a temporary file and a rename, so a crash never
// leaves half a file behind; a device, a FIFO or /dev/stdout is written in place (a rename would
// replace the device node or the link with a plain file).

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, mkdir, open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from './types.js';

export interface OutputFile {
  path: string;
  /** The text, or its pieces in order, taken once as they are written (a large report is never one string, ./report-file.ts). */
  text: string | Iterable<string>;
}

/**
 * Writes files all or nothing: regular files go to a temporary file beside them and are renamed
 * into place only when every one was written; special files are written in place last before the
 * renames. Failures (a directory in the way, no permission, a full disk) are InputErrors naming
 * the path.
 */
export async function writeOutputs(files: OutputFile[], inputs: readonly string[] = []): Promise<void> {
  for (const f of files) await checkOutputPath(f.path, inputs);
  if (new Set(files.map((f) => resolve(f.path))).size < files.length)
    throw new InputError(files[files.length - 1].path, null, 'is named for two outputs; expected one file per output');
  const targets = await Promise.all(files.map((f) => writeTarget(f.path)));
  const tmps: string[] = [];
  let current = files[0]?.path ?? '';
  try {
    for (let i = 0; i < files.length; i++) {
      const target = targets[i];
      if (target === null) continue;
      current = files[i].path;
      const dir = dirname(target);
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      tmps[i] = tmp;
      await writeText(tmp, files[i].text);
    }
    for (let i = 0; i < files.length; i++) {
      if (targets[i] !== null) continue;
      current = files[i].path;
      await writeInPlace(files[i].path, files[i].text);
    }
    for (let i = 0; i < files.length; i++) {
      if (targets[i] === null) continue;
      current = files[i].path;
      await rename(tmps[i], targets[i]!);
      tmps[i] = '';
    }
  } catch (e) {
    await Promise.all(tmps.filter(Boolean).map((t) => rm(t, { force: true })));
    throw writeError(current, e);
  }
}

/**
 * A special file, written in place. /dev/stdout and its kin name a descriptor this process
 * already holds (a pipe, a socket, a terminal): opening them again fails for sockets (ENXIO), so
 * the descriptor itself is written.
 */
async function writeInPlace(path: string, text: OutputFile['text']): Promise<void> {
  const m = /^\/dev\/(stdout|stderr)$|^\/(?:dev|proc\/self)\/fd\/([12])$/.exec(path);
  if (m) {
    const stream = m[1] === 'stdout' || m[2] === '1' ? process.stdout : process.stderr;
    for (const piece of typeof text === 'string' ? [text] : text)
      await new Promise<void>((done, fail) => stream.write(piece, (e) => (e ? fail(e) : done())));
  } else await writeText(path, text);
}

/**
 * Writes text, or its pieces through one reused buffer: a buffer per piece would be garbage the
 * GC leaves for long (issue 14: 18 MB for the report of 1M multi-label examples).
 */
async function writeText(path: string, text: OutputFile['text']): Promise<void> {
  if (typeof text === 'string') return writeFile(path, text);
  const fh = await open(path, 'w');
  try {
    let buf = Buffer.allocUnsafe(0);
    for (const piece of text) {
      const bytes = Buffer.byteLength(piece);
      if (bytes > buf.length) buf = Buffer.allocUnsafe(bytes);
      buf.write(piece);
      for (let at = 0; at < bytes;) at += (await fh.write(buf, at, bytes - at)).bytesWritten;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Where a temporary file is renamed to: the path itself when it is a regular file or does not
 * exist yet, the link's target when it is a link to a regular file (the link stays), or null for
 * a special file (device, FIFO, socket, /dev/stdout) that is written in place.
 */
async function writeTarget(path: string): Promise<string | null> {
  const l = await lstat(path).catch(() => null);
  if (!l) return path;
  if (l.isFile()) return path;
  if (!l.isSymbolicLink()) return null;
  // /dev/stdout -> /proc/self/fd/1 -> a pipe, a terminal, or the file the shell redirected to:
  // renaming over that file would unlink what the shell holds open.
  const real = await realpath(path).catch(() => null);
  if (real === null || real.startsWith('/proc/')) return null;
  const st = await stat(real).catch(() => null);
  return st?.isFile() ? real : null;
}

/**
 * Fails early (before a long evaluation) when `path` cannot be an output file: it is a
 * directory, it is (after resolving links) one of the inputs or inside an input folder, a parent
 * is a file, or the nearest existing folder is not writable.
 */
export async function checkOutputPath(path: string, inputs: readonly string[] = []): Promise<void> {
  const st = await stat(path).catch(() => null);
  if (st?.isDirectory()) throw new InputError(path, null, 'is a directory; expected a file name to write to');
  await checkNotAnInput(path, st, inputs);
  if (st && !st.isFile()) {
    // A device or FIFO is written in place: it must be writable itself (its folder need not be).
    try {
      await access(path, constants.W_OK);
    } catch (e) {
      throw writeError(path, e);
    }
    return;
  }
  let dir = dirname(path);
  for (;;) {
    const d = await stat(dir).catch(() => null);
    if (d) {
      if (!d.isDirectory())
        throw new InputError(path, null, `cannot be written: ${dir} is a file; expected a directory there`);
      try {
        await access(dir, constants.W_OK);
      } catch (e) {
        throw writeError(path, e);
      }
      return;
    }
    const up = dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}

/** Writing over an input, or into an input folder, would change what was read (a predictions file, a shard, the base report). */
async function checkNotAnInput(
  path: string,
  st: Awaited<ReturnType<typeof stat>> | null,
  inputs: readonly string[],
): Promise<void> {
  const out = await resolvedLocation(path);
  for (const input of inputs) {
    const i = await stat(input).catch(() => null);
    if (!i) continue;
    if (st && i.dev === st.dev && i.ino === st.ino)
      throw new InputError(path, null, `is also an input (${input}); expected a separate output file`);
    if (i.isDirectory()) {
      const folder = await realpath(input).catch(() => resolve(input));
      const rel = relative(folder, out);
      if (rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
        throw new InputError(path, null, `is inside the input folder ${input}; expected an output outside it`);
    }
  }
}

/** The absolute path `path` names once every link is resolved, also when it does not exist yet. */
async function resolvedLocation(path: string): Promise<string> {
  const abs = resolve(path);
  const real = await realpath(abs).catch(() => null);
  if (real) return real;
  const parent = dirname(abs);
  if (parent === abs) return abs;
  return join(await resolvedLocation(parent), basename(abs));
}

export function writeError(path: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code) return e;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EROFS'
        ? 'read-only file system'
        : code === 'ENOSPC'
          ? 'no space left on device'
          : code === 'EISDIR'
            ? 'it is a directory'
            : code === 'ENXIO'
              ? 'no process reads from it'
              : code;
  return new InputError(path, null, `cannot be written (${why}); expected a writable file path`);
}
