import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  InputError
} from "./chunk-R7VUTDUK.js";

// src/io/output-file.ts
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, lstat, mkdir, open, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
async function writeOutputs(files, inputs = []) {
  for (const f of files) await checkOutputPath(f.path, inputs);
  if (new Set(files.map((f) => resolve(f.path))).size < files.length)
    throw new InputError(files[files.length - 1].path, null, "is named for two outputs; expected one file per output");
  const targets = await Promise.all(files.map((f) => writeTarget(f.path)));
  const tmps = [];
  let current = files[0]?.path ?? "";
  try {
    for (let i = 0; i < files.length; i++) {
      const target = targets[i];
      if (target === null) continue;
      current = files[i].path;
      const dir = dirname(target);
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
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
      await rename(tmps[i], targets[i]);
      tmps[i] = "";
    }
  } catch (e) {
    await Promise.all(tmps.filter(Boolean).map((t) => rm(t, { force: true })));
    throw writeError(current, e);
  }
}
async function writeInPlace(path, text) {
  const m = /^\/dev\/(stdout|stderr)$|^\/(?:dev|proc\/self)\/fd\/([12])$/.exec(path);
  if (m) {
    const stream = m[1] === "stdout" || m[2] === "1" ? process.stdout : process.stderr;
    for (const piece of typeof text === "string" ? [text] : text)
      await new Promise((done, fail) => stream.write(piece, (e) => e ? fail(e) : done()));
  } else await writeText(path, text);
}
async function writeText(path, text) {
  if (typeof text === "string") return writeFile(path, text);
  const fh = await open(path, "w");
  try {
    let buf = Buffer.allocUnsafe(0);
    for (const piece of text) {
      const bytes = Buffer.byteLength(piece);
      if (bytes > buf.length) buf = Buffer.allocUnsafe(bytes);
      buf.write(piece);
      for (let at = 0; at < bytes; ) at += (await fh.write(buf, at, bytes - at)).bytesWritten;
    }
  } finally {
    await fh.close();
  }
}
async function writeTarget(path) {
  const l = await lstat(path).catch(() => null);
  if (!l) return path;
  if (l.isFile()) return path;
  if (!l.isSymbolicLink()) return null;
  const real = await realpath(path).catch(() => null);
  if (real === null || real.startsWith("/proc/")) return null;
  const st = await stat(real).catch(() => null);
  return st?.isFile() ? real : null;
}
async function checkOutputPath(path, inputs = []) {
  const st = await stat(path).catch(() => null);
  if (st?.isDirectory()) throw new InputError(path, null, "is a directory; expected a file name to write to");
  await checkNotAnInput(path, st, inputs);
  if (st && !st.isFile()) {
    try {
      await access(path, constants.W_OK);
    } catch (e) {
      throw writeError(path, e);
    }
    return;
  }
  let dir = dirname(path);
  for (; ; ) {
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
async function checkNotAnInput(path, st, inputs) {
  const out = await resolvedLocation(path);
  for (const input of inputs) {
    const i = await stat(input).catch(() => null);
    if (!i) continue;
    if (st && i.dev === st.dev && i.ino === st.ino)
      throw new InputError(path, null, `is also an input (${input}); expected a separate output file`);
    if (i.isDirectory()) {
      const folder = await realpath(input).catch(() => resolve(input));
      const rel = relative(folder, out);
      if (rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
        throw new InputError(path, null, `is inside the input folder ${input}; expected an output outside it`);
    }
  }
}
async function resolvedLocation(path) {
  const abs = resolve(path);
  const real = await realpath(abs).catch(() => null);
  if (real) return real;
  const parent = dirname(abs);
  if (parent === abs) return abs;
  return join(await resolvedLocation(parent), basename(abs));
}
function writeError(path, e) {
  const code = e?.code;
  if (!code) return e;
  const why = code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EROFS" ? "read-only file system" : code === "ENOSPC" ? "no space left on device" : code === "EISDIR" ? "it is a directory" : code === "ENXIO" ? "no process reads from it" : code;
  return new InputError(path, null, `cannot be written (${why}); expected a writable file path`);
}

export {
  writeOutputs,
  checkOutputPath
};
