// Entry of the score-counting worker thread (bundled on its own as dist/score-worker.js; started
// by ./score-thread.ts): it feeds each block's examples to its own ScoreAccumulator (and tuning
// histograms, for the blocks that ask), hands every block back for reuse, and at the end posts
// what it counted.

import { isMainThread, workerData } from 'node:worker_threads';
import { ScoreAccumulator } from '../core/diagnostics/scores.js';
import { ScoreHistograms, teeSinks } from '../core/metrics/score-histograms.js';
import { identity, type Block, type FromWorker, type ScoreWorkerData, type ToWorker } from './score-thread.js';

function serve({ port, signal, task, tuningBins }: ScoreWorkerData): void {
  const sink = new ScoreAccumulator(task);
  const histograms = tuningBins > 0 ? new ScoreHistograms(tuningBins) : undefined;
  const both = teeSinks(sink, histograms)!;
  let cls: Uint32Array | undefined;
  const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => {
    port.postMessage(m, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  const count = (b: Block) => {
    if (b.cls !== undefined) cls = b.cls ?? undefined;
    const to = b.tune ? both : sink;
    for (let k = 0; k < b.examples; k++) {
      to.scores(b.values, b.starts[k], b.starts[k + 1] - b.starts[k], cls);
      to.end(b.truth, b.truthStarts[k], b.truthStarts[k + 1]);
    }
  };
  port.on('message', (m: ToWorker) => {
    try {
      if ('block' in m) {
        count(m.block);
        const { values, starts, truth, truthStarts } = m.block;
        post({ returned: m.block }, [values.buffer, starts.buffer, truth.buffer, truthStarts.buffer] as ArrayBuffer[]);
      } else {
        // The worker's class indices are this thread's: the counts in that order, for every index seen.
        const classes = sink.classSlots();
        const counts = sink.counts(identity(classes), classes, sink.examples);
        post({ counts, problem: sink.problem, classes, histogram: histograms?.counts() ?? null });
        port.close();
      }
    } catch (e) {
      post({ error: e instanceof Error ? e.message : String(e) });
      Atomics.store(signal, 1, 1);
      Atomics.notify(signal, 0);
    }
  });
}

if (!isMainThread && (workerData as ScoreWorkerData | undefined)?.modelgateScoreWorker) serve(workerData);
