// Where a model's files come from: the file system, or a commit of the repository read through
// git without touching the work tree (`git show <ref>:./<path>`). Both read whole files into
// memory; a model is loaded from memory on every backend (no file:// or http handlers).

import { execFile } from 'node:child_process';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../io/types.js';

export type ModelSource = string | { gitRef: string; path: string; cwd?: string };

export interface ModelFiles {
  /** For messages and report.source: the path, or "<ref>:<path>". */
  label: string;
  /** Path of model.json as the user named it (for error messages). */
  jsonPath: string;
  /** File name of model.json inside the model directory. */
  jsonName: string;
  /** Reads a file relative to the model directory; the path was checked to stay inside it. */
  read(rel: string): Promise<Uint8Array>;
  /** On the file system only: the directory holding a TensorFlow SavedModel, when that is what was named. */
  savedModelDir?: string;
}

/**
 * Checks a weight path from model.json (untrusted) and returns it normalized, relative to the
 * model directory. Refuses absolute paths, URLs and anything that climbs out of the directory.
 */
export function safeRelativePath(p: unknown, jsonPath: string, where: string): string {
  const bad = (why: string) => new InputError(jsonPath, where, `weight path ${JSON.stringify(p)} ${why}`);
  if (typeof p !== 'string' || p === '') throw bad('must be a non-empty string');
  if (p.includes('\0')) throw bad('contains a NUL byte');
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(p))
    throw bad('is a URL or drive path; only paths relative to the model directory are allowed');
  const unified = p.replace(/\\/g, '/');
  if (unified.startsWith('/')) throw bad('is absolute; only paths relative to the model directory are allowed');
  const norm = path.posix.normalize(unified);
  if (norm === '..' || norm.startsWith('../')) throw bad('escapes the model directory');
  return norm;
}

/**
 * The real path of `rel` inside `dir`, after resolving every link: a weight file that is a link
 * out of the model folder (to /etc/shadow, to another repository's secrets) is refused.
 */
async function insideFolder(dir: string, rel: string, jsonPath: string): Promise<string> {
  const real = await realpath(path.join(dir, rel));
  const folder = await realpath(dir);
  const up = path.relative(folder, real);
  if (up === '' || up === '..' || up.startsWith(`..${path.sep}`) || path.isAbsolute(up))
    throw new InputError(
      jsonPath,
      null,
      `weight file ${JSON.stringify(rel)} resolves to a file outside the model directory (a link?); expected a file inside it`,
    );
  return real;
}

function gitShow(cwd: string, spec: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', ['show', spec], { cwd, encoding: 'buffer', maxBuffer: 2 ** 31 - 1 }, (err, stdout, stderr) => {
      if (err) reject(new Error(String(stderr).trim() || err.message));
      else resolve(stdout);
    });
  });
}

/** Resolves a model source to its files. A directory means its model.json (or its SavedModel). */
export async function openModelFiles(source: ModelSource): Promise<ModelFiles> {
  if (typeof source === 'string') {
    let jsonPath = source;
    let st;
    try {
      st = await stat(source);
    } catch {
      throw new InputError(
        source,
        null,
        'model not found (expected a model.json, a directory holding one, or a SavedModel directory)',
      );
    }
    if (st.isDirectory()) {
      jsonPath = path.join(source, 'model.json');
      const hasJson = await stat(jsonPath).then(
        () => true,
        () => false,
      );
      if (!hasJson) {
        const hasPb = await stat(path.join(source, 'saved_model.pb')).then(
          () => true,
          () => false,
        );
        if (hasPb)
          return {
            label: source,
            jsonPath: source,
            jsonName: '',
            savedModelDir: source,
            read: () => Promise.reject(new Error('SavedModel')),
          };
        throw new InputError(source, null, 'directory holds neither model.json nor saved_model.pb');
      }
    }
    const dir = path.dirname(jsonPath);
    return {
      label: jsonPath,
      jsonPath,
      jsonName: path.basename(jsonPath),
      async read(rel) {
        try {
          return await readFile(await insideFolder(dir, rel, jsonPath));
        } catch (e) {
          if (e instanceof InputError) throw e;
          throw new InputError(
            jsonPath,
            null,
            `cannot read ${JSON.stringify(rel)} next to it: ${(e as NodeJS.ErrnoException).code ?? e}`,
          );
        }
      },
    };
  }
  const cwd = source.cwd ?? process.cwd();
  const ref = source.gitRef;
  if (!/^[\w./@^~-]+$/.test(ref) || ref.startsWith('-'))
    throw new InputError(`${ref}:${source.path}`, null, 'git ref has unexpected characters');
  // `<ref>:./<path>` is resolved relative to cwd by git.
  let rel = source.path.replace(/\\/g, '/');
  if (path.isAbsolute(rel)) rel = path.relative(cwd, rel).replace(/\\/g, '/');
  rel = path.posix.normalize(rel);
  const jsonRel = rel.endsWith('.json') ? rel : path.posix.join(rel, 'model.json');
  const label = `${ref}:${jsonRel}`;
  const show = async (p: string) => {
    try {
      return await gitShow(cwd, `${ref}:./${p}`);
    } catch (e) {
      throw new InputError(
        `${ref}:${p}`,
        null,
        `cannot read the model from git: ${(e as Error).message.split('\n')[0]}`,
      );
    }
  };
  const dir = path.posix.dirname(jsonRel);
  return { label, jsonPath: label, jsonName: path.posix.basename(jsonRel), read: (r) => show(path.posix.join(dir, r)) };
}
