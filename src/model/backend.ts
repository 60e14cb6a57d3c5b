// Picks the TensorFlow.js backend the model runs on: tfjs-node (native TensorFlow) when it is
// installed and loads, else WebAssembly, else plain JavaScript. tfjs-node is optional and native:
// it is imported at run time only, never bundled, and when it loads we use ITS tf namespace
// (it carries its own tfjs-core, on which its 'tensorflow' backend is registered).

import type * as tfjs from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/errors.js';

export type TF = typeof tfjs;
export type BackendRequest = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface Backend {
  /** The tf namespace to use for everything that runs on this backend. */
  tf: TF;
  name: BackendName;
  /** One line for the log: which backend, and why the others were skipped. */
  why: string;
  /** Backends tried before this one, each with the reason it was not used. */
  skipped: { name: BackendName; reason: string }[];
}

const WASM_FILE = 'tfjs-backend-wasm-simd.wasm';

/**
 * Where the .wasm binaries are: next to the bundle (dist/, copied by scripts/build.mjs), else in
 * node_modules (running from the TypeScript sources under jest or tsx). Returns a path prefix
 * ending with a separator, or null.
 */
export function findWasmDir(): string | null {
  const candidates: string[] = [];
  if (process.env.MODELGATE_WASM_DIR) candidates.push(process.env.MODELGATE_WASM_DIR);
  try {
    candidates.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // not a file URL (never in Node, kept for safety)
  }
  try {
    const req = createRequire(import.meta.url);
    candidates.push(path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm')));
  } catch {
    // not resolvable from a bundle without node_modules: the bundle directory is the answer
  }
  candidates.push(path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist'));
  for (const dir of candidates) if (existsSync(path.join(dir, WASM_FILE))) return dir + path.sep;
  return null;
}

type TfjsModules = { tf: TF; setWasmPaths: (prefix: string) => void };
let tfjsModules: Promise<TfjsModules> | undefined;

/**
 * TensorFlow.js and its wasm backend (importing them registers the backends), imported on first
 * use: a run that evaluates prediction files never compiles them (start-up, issue 14). From
 * Node's ESM a CommonJS package's exports may sit on `default` only.
 */
function importTfjs(): Promise<TfjsModules> {
  tfjsModules ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const t = tf as TF & { default?: TF };
    type SetPaths = { setWasmPaths?: (prefix: string) => void };
    const w = wasm as unknown as SetPaths & { default?: SetPaths };
    return {
      tf: typeof t.default?.tensor === 'function' ? t.default : t,
      setWasmPaths: (w.setWasmPaths ?? w.default?.setWasmPaths)!,
    };
  })();
  return tfjsModules;
}

let wasmPathsSet = false;
let tfnode: TF | null | undefined;
let tfnodeError = '';

/** Imports @tensorflow/tfjs-node once; null with the reason kept when it is absent or broken. */
async function importTfNode(): Promise<TF | null> {
  if (tfnode !== undefined) return tfnode;
  // A variable specifier keeps TypeScript and esbuild from resolving the optional package.
  const name = '@tensorflow/tfjs-node';
  try {
    const mod = (await import(name)) as TF & { default?: TF };
    tfnode = mod.default && typeof mod.default.tensor === 'function' ? mod.default : mod;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    tfnodeError = /Cannot find (package|module)/.test(msg)
      ? '@tensorflow/tfjs-node is not installed'
      : `@tensorflow/tfjs-node failed to load: ${msg}`;
    tfnode = null;
  }
  return tfnode;
}

async function tryBackend(tf: TF, name: BackendName): Promise<string | null> {
  try {
    if (name === 'wasm' && !wasmPathsSet) {
      const { setWasmPaths } = await importTfjs();
      const dir = findWasmDir();
      if (!dir) return 'tfjs-backend-wasm-simd.wasm was found neither next to the program nor in node_modules';
      // The emscripten glue also reads the CommonJS `__dirname`: the bundle's banner defines it
      // (scripts/build.mjs); from the sources the package is loaded as CommonJS and has its own.
      setWasmPaths(dir);
      wasmPathsSet = true;
    }
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') failed`;
    await tf.ready();
    // The cpu backend advertises tfjs-node on first use; our log line already says why it is not used.
    if (name === 'cpu') (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
    return tf.getBackend() === name ? null : `backend is ${tf.getBackend()} after setBackend('${name}')`;
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
}

/**
 * Selects and initializes a backend. `auto` tries tensorflow, wasm, cpu in turn; a named backend
 * that cannot start is a UsageError (the user asked for it explicitly).
 */
export async function selectBackend(request: BackendRequest = 'auto', log?: (line: string) => void): Promise<Backend> {
  if (!BACKEND_REQUESTS.includes(request))
    throw new UsageError(`backend must be one of ${BACKEND_REQUESTS.join(', ')}, got ${JSON.stringify(request)}`);
  const order: BackendName[] = request === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [request];
  const skipped: Backend['skipped'] = [];
  for (const name of order) {
    let tf: TF = (await importTfjs()).tf;
    let reason: string | null;
    if (name === 'tensorflow') {
      const t = await importTfNode();
      if (!t) reason = tfnodeError;
      else {
        tf = t;
        reason = await tryBackend(tf, 'tensorflow');
      }
    } else reason = await tryBackend(tf, name);
    if (reason === null) {
      const simd = name === 'wasm' ? (tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? ' (SIMD)' : ' (no SIMD)') : '';
      const why =
        `backend: ${name}${simd}` +
        (request === 'auto' ? ' (auto)' : ' (requested)') +
        (skipped.length ? `; skipped ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}` : '');
      log?.(why);
      return { tf, name, why, skipped };
    }
    skipped.push({ name, reason });
  }
  const last = skipped[skipped.length - 1];
  throw new UsageError(`backend ${request} is not available: ${last.reason}`);
}
