// Inference across worker threads: wasm (and cpu) run one thread each in Node, so on a machine
// with several cores a pool of workers, each holding its own copy of the model, multiplies
// throughput for models where compute dominates. The main thread keeps reading, preprocessing
// and finishing predictions in input order; at most two chunks per worker are in flight, so
// memory stays bounded. The worker code is the separately bundled dist/model-worker.js.

import type * as tfjs from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FeatureStream } from '../io/data/types.js';
import type { ExampleBatch } from '../io/types.js';
import type { BackendName } from './backend.js';
import type { LoadedModel } from './load.js';
import { runModel, type RunOptions, type RunResult, type Scorer } from './run.js';
import type { WorkerInit, WorkerReply } from './worker.js';

export const WORKER_FILE = 'model-worker.js';

/** dist/model-worker.js next to the running bundle, or in ./dist when running from the sources. */
export function findWorkerFile(): string | null {
  const candidates: string[] = [];
  if (process.env.MODELGATE_MODEL_WORKER) candidates.push(process.env.MODELGATE_MODEL_WORKER);
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_FILE));
  } catch {
    // not a file URL
  }
  candidates.push(path.resolve('dist', WORKER_FILE));
  return candidates.find((f) => existsSync(f)) ?? null;
}

/** Threads worth using: one per core (wasm has no threads of its own in Node). */
export function defaultWorkers(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export interface PoolOptions {
  artifacts: tfjs.io.ModelArtifacts;
  graph?: boolean;
  backend: BackendName;
  workers: number;
  workerFile: string;
}

export interface WorkerPool {
  size: number;
  score: Scorer;
  inFlight: number;
  close(): Promise<void>;
}

/** Starts the workers and waits until each has loaded the model. */
export async function startWorkerPool(o: PoolOptions): Promise<WorkerPool> {
  const init: WorkerInit = { artifacts: o.artifacts, graph: !!o.graph, backend: o.backend };
  const waiting = new Map<number, { resolve: (s: Float32Array) => void; reject: (e: Error) => void }>();
  const busy: number[] = [];
  const workers: Worker[] = [];
  let nextId = 0;
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const ready = Array.from({ length: Math.max(1, o.workers) }, (_, k) => {
    const w = new Worker(o.workerFile, { workerData: { modelgateModelWorker: true, init } });
    workers.push(w);
    busy.push(0);
    return new Promise<void>((resolve, reject) => {
      w.on('message', (m: WorkerReply) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'error' && m.id === null) reject(new Error(`model worker ${k}: ${m.message}`));
        else {
          const id = m.id as number;
          const p = waiting.get(id);
          waiting.delete(id);
          busy[k]--;
          if (m.type === 'scores') p?.resolve(m.scores);
          else p?.reject(new Error(m.message));
        }
      });
      w.on('error', (e) => {
        reject(e);
        fail(e);
      });
      w.on('exit', (code) => {
        if (code !== 0) fail(new Error(`model worker ${k} exited with code ${code}`));
      });
    });
  });
  const close = async () => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
  try {
    await Promise.all(ready);
  } catch (e) {
    await close();
    throw e;
  }
  const score: Scorer = (x, _n, shape) => {
    if (failure) return Promise.reject(failure);
    // The least busy worker takes the chunk.
    let k = 0;
    for (let i = 1; i < workers.length; i++) if (busy[i] < busy[k]) k = i;
    busy[k]++;
    const id = nextId++;
    return new Promise<Float32Array>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      workers[k].postMessage({ id, x, shape }, [x.buffer as ArrayBuffer]);
    });
  };
  return { size: workers.length, score, inFlight: 2 * workers.length, close };
}

/** runModel with a pool started for this one split (the pipeline keeps one pool for all splits). */
export async function runModelParallel(
  pool: PoolOptions,
  model: LoadedModel,
  stream: FeatureStream,
  opts: RunOptions,
  sink: (batch: ExampleBatch) => void,
): Promise<RunResult> {
  const p = await startWorkerPool(pool);
  try {
    // tf is only used for in-thread prediction, which the pool replaces.
    return await runModel(null as never, model, stream, opts, sink, p);
  } finally {
    await p.close();
  }
}
