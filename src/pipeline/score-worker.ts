// Entry of the score-counting worker thread (bundled on its own as dist/score-worker.js; started
// by ./score-thread.ts): it lowers its priority below the reader's (../io/helper-priority.ts),
// says it is ready, takes the reader's label grid with the first block, feeds each block's
// examples to its own ScoreAccumulator, hands every block back for reuse with the block's
// floating-point sums (added in the blocks' order by the reader's thread), and at the end posts
// what it counted.

import { getPriority } from 'node:os';
import { isMainThread, workerData } from 'node:worker_threads';
import { lowerThisThread } from '../io/helper-priority.js';
import { seedLabelGrid } from '../core/diagnostics/score-grid.js';
import { ScoreAccumulator } from '../core/diagnostics/scores.js';
import { countBlock, type FromWorker, type ScoreWorkerData, type ToWorker } from './score-thread.js';

function serve({ port, signal, nice }: ScoreWorkerData): void {
  // Below the reader: its time is the evaluation's (helper-priority.ts).
  const lowered = lowerThisThread(nice);
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
        if (m.grid) seedLabelGrid(m.grid);
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
  post({ ready: true, nice: lowered ? getPriority(0) : null });
}

if (!isMainThread && (workerData as ScoreWorkerData | undefined)?.modelgateScoreWorker) serve(workerData);
