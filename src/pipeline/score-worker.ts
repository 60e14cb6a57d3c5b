// Entry of the score-counting worker thread (bundled on its own as dist/score-worker.js; started
// by ./score-thread.ts): it says it is ready, feeds each block's examples to its own
// ScoreAccumulator, hands every block back for reuse with the block's floating-point sums (added
// in the blocks' order by the reader's thread), and at the end posts what it counted.

import { isMainThread, workerData } from 'node:worker_threads';
import { ScoreAccumulator } from '../core/diagnostics/scores.js';
import { countBlock, type FromWorker, type ScoreWorkerData, type ToWorker } from './score-thread.js';

function serve({ port, signal }: ScoreWorkerData): void {
  let sink: ScoreAccumulator | null = null;
  const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => {
    port.postMessage(m, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  port.on('message', (m: ToWorker) => {
    try {
      if ('block' in m) {
        const b = m.block;
        sink ??= new ScoreAccumulator(b.task);
        countBlock(sink, b);
        const buffers = [b.values.buffer, b.starts.buffer, b.truth.buffer, b.truthStarts.buffer] as ArrayBuffer[];
        post({ returned: b, sums: sink.blockSums() }, buffers);
      } else {
        const state = sink?.state() ?? null;
        post({ state }, state ? ([state.pos.buffer, state.all.buffer] as ArrayBuffer[]) : []);
        port.close();
      }
    } catch (e) {
      post({ error: e instanceof Error ? e.message : String(e) });
      Atomics.store(signal, 1, 1);
      Atomics.notify(signal, 0);
    }
  });
  post({ ready: true });
}

if (!isMainThread && (workerData as ScoreWorkerData | undefined)?.modelgateScoreWorker) serve(workerData);
