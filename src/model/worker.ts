// Entry of one inference worker thread (bundled on its own as dist/model-worker.js). It starts
// the backend it is told, loads the model from the artifacts it was handed (no file access) and
// answers {id, x, shape, batch} with {id, scores}: one message carries several model calls of
// `batch` examples, so messaging costs little next to the compute. Preprocessing and everything
// else stay in the main thread.

import type * as tfjs from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend, type BackendName } from './backend.js';
import { inputTensor, type InputDtype } from './input.js';

export interface WorkerInit {
  artifacts: tfjs.io.ModelArtifacts;
  graph: boolean;
  backend: BackendName;
  /** The model's input dtype (load.ts read it); the features come as float32. */
  dtype: InputDtype;
}
/** n examples of `shape` (x is transferred), scored `batch` examples per model call. */
export type WorkerRequest = { id: number; x: Float32Array; n: number; shape: number[]; batch: number };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'scores'; id: number; scores: Float32Array }
  | { type: 'error'; id: number | null; message: string };

async function start(port: NonNullable<typeof parentPort>, init: WorkerInit): Promise<void> {
  let predict: (x: tfjs.Tensor) => tfjs.Tensor;
  let tf: Awaited<ReturnType<typeof selectBackend>>['tf'];
  try {
    ({ tf } = await selectBackend(init.backend));
    const handler = tf.io.fromMemory(init.artifacts);
    if (init.graph) {
      const m = await tf.loadGraphModel(handler);
      predict = (x) => m.predict(x) as tfjs.Tensor;
    } else {
      const m = await tf.loadLayersModel(handler);
      // As in load.ts: predict() would cut each call into batches of 32.
      predict = (x) => m.predictOnBatch(x) as tfjs.Tensor;
    }
  } catch (e) {
    port.postMessage({ type: 'error', id: null, message: (e as Error).message } satisfies WorkerReply);
    return;
  }
  port.on('message', (req: WorkerRequest) => {
    try {
      const size = req.shape.reduce((a, b) => a * b, 1);
      const batch = Math.max(1, req.batch);
      let scores: Float32Array | null = null;
      for (let s = 0; s < req.n; s += batch) {
        const m = Math.min(batch, req.n - s);
        const y = tf.tidy(() =>
          predict(inputTensor(tf, req.x.subarray(s * size, (s + m) * size), m, req.shape, init.dtype)),
        );
        try {
          const v = y.dataSync();
          const per = v.length / m;
          scores ??= new Float32Array(req.n * per);
          if (v.length !== m * per || scores.length !== req.n * per)
            throw new Error('model gave a varying number of scores per example');
          scores.set(v, s * per);
        } finally {
          y.dispose();
        }
      }
      scores ??= new Float32Array(0);
      port.postMessage({ type: 'scores', id: req.id, scores } satisfies WorkerReply, [scores.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ type: 'error', id: req.id, message: (e as Error).message } satisfies WorkerReply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

if (parentPort && workerData?.modelgateModelWorker) void start(parentPort, workerData.init as WorkerInit);
