// Entry of one inference worker thread (bundled on its own as dist/model-worker.js). It starts
// the backend it is told, loads the model from the artifacts it was handed (no file access) and
// answers {id, x, shape} with {id, scores}. Preprocessing and everything else stay in the main thread.

import type * as tfjs from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend, type BackendName } from './backend.js';

export interface WorkerInit {
  artifacts: tfjs.io.ModelArtifacts;
  graph: boolean;
  backend: BackendName;
}
export type WorkerRequest = { id: number; x: Float32Array; shape: number[] };
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
      predict = (x) => m.predict(x) as tfjs.Tensor;
    }
  } catch (e) {
    port.postMessage({ type: 'error', id: null, message: (e as Error).message } satisfies WorkerReply);
    return;
  }
  port.on('message', async (req: WorkerRequest) => {
    try {
      const y = tf.tidy(() =>
        predict(tf.tensor(req.x, [req.x.length / req.shape.reduce((a, b) => a * b, 1), ...req.shape], 'float32')),
      );
      const scores = Float32Array.from((await y.data()) as Float32Array);
      y.dispose();
      port.postMessage({ type: 'scores', id: req.id, scores } satisfies WorkerReply, [scores.buffer]);
    } catch (e) {
      port.postMessage({ type: 'error', id: req.id, message: (e as Error).message } satisfies WorkerReply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

if (parentPort && workerData?.modelgateModelWorker) void start(parentPort, workerData.init as WorkerInit);
