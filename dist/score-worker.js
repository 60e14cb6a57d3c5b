import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  identity
} from "./chunk-DTBE46XP.js";
import {
  ScoreAccumulator
} from "./chunk-TICSPAVB.js";
import {
  ScoreHistograms,
  teeSinks
} from "./chunk-OCEMFDAI.js";
import "./chunk-WDHMFPCS.js";

// src/pipeline/score-worker.ts
import { isMainThread, workerData } from "node:worker_threads";
function serve({ port, signal, task, tuningBins }) {
  const sink = new ScoreAccumulator(task);
  const histograms = tuningBins > 0 ? new ScoreHistograms(tuningBins) : void 0;
  const both = teeSinks(sink, histograms);
  let cls;
  const post = (m, transfer = []) => {
    port.postMessage(m, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  const count = (b) => {
    if (b.cls !== void 0) cls = b.cls ?? void 0;
    const to = b.tune ? both : sink;
    for (let k = 0; k < b.examples; k++) {
      to.scores(b.values, b.starts[k], b.starts[k + 1] - b.starts[k], cls);
      to.end(b.truth, b.truthStarts[k], b.truthStarts[k + 1]);
    }
  };
  port.on("message", (m) => {
    try {
      if ("block" in m) {
        count(m.block);
        const { values, starts, truth, truthStarts } = m.block;
        post({ returned: m.block }, [values.buffer, starts.buffer, truth.buffer, truthStarts.buffer]);
      } else {
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
if (!isMainThread && workerData?.modelgateScoreWorker) serve(workerData);
