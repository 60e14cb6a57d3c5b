import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  countBlock
} from "./chunk-J2V27CF6.js";
import {
  ScoreAccumulator
} from "./chunk-UUFAK5VJ.js";
import "./chunk-J4X2SOEV.js";
import {
  lowerThisThread
} from "./chunk-3PH7HBNS.js";
import {
  seedLabelGrid
} from "./chunk-3Q6HRQ5E.js";
import "./chunk-L4A26YP5.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";

// src/pipeline/score-worker.ts
import { getPriority } from "node:os";
import { isMainThread, workerData } from "node:worker_threads";
function serve({ port, signal, nice }) {
  const lowered = lowerThisThread(nice);
  let sink = null;
  const post = (m, transfer = []) => {
    port.postMessage(m, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  port.on("message", (m) => {
    try {
      if ("block" in m) {
        const b = m.block;
        if (m.grid) seedLabelGrid(m.grid);
        sink ??= new ScoreAccumulator(b.task);
        countBlock(sink, b);
        const buffers = [b.values.buffer, b.starts.buffer, b.truth.buffer, b.truthStarts.buffer];
        post({ returned: b, sums: sink.blockSums() }, buffers);
      } else {
        const state = sink?.state() ?? null;
        post({ state }, state ? [state.pos.buffer, state.all.buffer] : []);
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
if (!isMainThread && workerData?.modelgateScoreWorker) serve(workerData);
