// Inference across worker threads: wasm (and cpu) run one thread each in Node, so on a machine
// with several cores a pool of workers, each holding its own copy of the model, multiplies
// throughput for models where compute dominates. The main thread keeps reading, preprocessing
// and finishing predictions in input order, and (mainComputes) scores batches itself whenever
// no worker has room; at most two messages per worker are in flight, so memory stays bounded. The worker code is the separately bundled dist/model-worker.js.

import type * as tfjs from '@tensorflow/tfjs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { findBundled } from '../io/bundled.js';
import type { BackendName } from './backend.js';
import { modelFailed } from './load.js';
import type { InputDtype } from './input.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker.js';

export const WORKER_FILE = 'model-worker.js';

/** dist/model-worker.js next to the running bundle, or in ./dist when running from the sources. */
export function findWorkerFile(): string | null {
  return findBundled([WORKER_FILE], process.env.MODELGATE_MODEL_WORKER);
}

/** Threads worth using: one per core (wasm has no threads of its own in Node). */
export function defaultWorkers(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export interface PoolOptions {
  /** The model's name in errors (its model.json). */
  label: string;
  artifacts: tfjs.io.ModelArtifacts;
  graph?: boolean;
  /** The model's input dtype (default float32). */
  dtype?: InputDtype;
  backend: BackendName;
  /** Worker threads to start (the main thread comes on top when the pool helps it). */
  workers: number;
  workerFile: string;
  /**
   * true: the main thread computes too whenever no worker has room (and alone until the workers
   * are up, so their start costs no waiting); false: the workers do all the compute.
   */
  mainComputes?: boolean;
}

/**
 * Examples per worker message (whole model calls, at least one): enough that messaging costs
 * little, few enough that the last messages of a split do not leave the main thread waiting long
 * (measured in bench/model.bench.ts; 256-1024 were within noise of each other).
 */
export const EXAMPLES_PER_MESSAGE = 512;

/** Examples per worker message for a batch size: whole batches, about EXAMPLES_PER_MESSAGE. */
export function messageSize(batchSize: number): number {
  return batchSize * Math.max(1, Math.round(EXAMPLES_PER_MESSAGE / batchSize));
}
/** Messages a worker may have queued: one computing, one waiting, so it never idles between them. */
const DEPTH = 2;

export interface WorkerPool {
  /** Worker threads. */
  size: number;
  mainComputes: boolean;
  /** Settles when every worker has loaded the model (rejects with the first start failure). */
  ready: Promise<void>;
  /** The first failure of a worker (start, crash), if any. */
  failed(): Error | null;
  /** A worker is up and can take another message now. */
  hasRoom(): boolean;
  /** Scores n examples (x is transferred) in a worker, `batch` examples per model call. */
  send(x: Float32Array, n: number, shape: number[], batch: number): Promise<Float32Array>;
  close(): Promise<void>;
}

/**
 * Spawns the workers and returns at once; they load the model in the background (`ready`).
 * Callers that compute in the main thread meanwhile (mainComputes) lose no time to the start.
 */
export function spawnWorkerPool(o: PoolOptions): WorkerPool {
  const init: WorkerInit = { artifacts: o.artifacts, graph: !!o.graph, backend: o.backend, dtype: o.dtype ?? 'float32' };
  const waiting = new Map<number, { resolve: (s: Float32Array) => void; reject: (e: Error) => void }>();
  const busy: number[] = [];
  const up: boolean[] = [];
  const workers: Worker[] = [];
  let nextId = 0;
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const readies = Array.from({ length: Math.max(1, o.workers) }, (_, k) => {
    const w = new Worker(o.workerFile, { workerData: { modelgateModelWorker: true, init } });
    workers.push(w);
    busy.push(0);
    up.push(false);
    return new Promise<void>((resolve, reject) => {
      w.on('message', (m: WorkerReply) => {
        if (m.type === 'ready') {
          up[k] = true;
          resolve();
        } else if (m.type === 'error' && m.id === null) {
          const e = new Error(`model worker ${k}: ${m.message}`);
          reject(e);
          fail(e);
        } else {
          const id = m.id as number;
          const p = waiting.get(id);
          waiting.delete(id);
          busy[k]--;
          if (m.type === 'scores') p?.resolve(m.scores);
          else p?.reject(modelFailed(o.label, m.message));
        }
      });
      w.on('error', (e) => {
        reject(e);
        fail(e);
      });
      w.on('exit', (code) => {
        up[k] = false;
        if (code !== 0) fail(new Error(`model worker ${k} exited with code ${code}`));
      });
    });
  });
  const ready = Promise.all(readies).then(() => {});
  ready.catch(() => {}); // reported through `ready` to whoever waits, and through failed chunks
  // The least busy worker that is up, if it has room.
  const pick = (): number => {
    let k = -1;
    for (let i = 0; i < workers.length; i++) if (up[i] && busy[i] < DEPTH && (k < 0 || busy[i] < busy[k])) k = i;
    return k;
  };
  return {
    size: workers.length,
    mainComputes: !!o.mainComputes,
    ready,
    failed: () => failure,
    hasRoom: () => !failure && pick() >= 0,
    send(x, n, shape, batch) {
      if (failure) return Promise.reject(failure);
      const k = pick();
      if (k < 0) return Promise.reject(new Error('no model worker has room'));
      busy[k]++;
      const id = nextId++;
      return new Promise<Float32Array>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[k].postMessage({ id, x, n, shape, batch } satisfies WorkerRequest, [x.buffer as ArrayBuffer]);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Starts the workers and waits until each has loaded the model. */
export async function startWorkerPool(o: PoolOptions): Promise<WorkerPool> {
  const pool = spawnWorkerPool(o);
  try {
    await pool.ready;
  } catch (e) {
    await pool.close();
    throw e;
  }
  return pool;
}
