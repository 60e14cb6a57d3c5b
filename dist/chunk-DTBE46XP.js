import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// src/pipeline/score-thread.ts
import { statSync } from "node:fs";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

// src/io/bundled.ts
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
function findBundled(names, override) {
  const candidates = override ? [override] : [];
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    candidates.push(...names.map((n) => path.join(here, n)));
  } catch {
  }
  candidates.push(...names.map((n) => path.resolve("dist", n)));
  return candidates.find((f) => existsSync(f)) ?? null;
}

// src/pipeline/score-thread.ts
var SCORE_THREAD_MIN_BYTES = 32 << 20;
var IN_FLIGHT = 3;
var BLOCK_EXAMPLES = 4096;
var BLOCK_VALUES = 1 << 18;
var STALL_MS = 12e4;
function findScoreWorker() {
  return findBundled(["score-worker.js", "score-worker.mjs"]);
}
function scoreThreadFor(file, minBytes = SCORE_THREAD_MIN_BYTES) {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    return null;
  }
  return size >= minBytes ? findScoreWorker() : null;
}
function emptyBlock(values) {
  return {
    values: new Float64Array(values),
    starts: new Uint32Array(BLOCK_EXAMPLES + 1),
    truth: new Uint32Array(BLOCK_EXAMPLES * 4),
    truthStarts: new Uint32Array(BLOCK_EXAMPLES + 1),
    examples: 0,
    tune: false
  };
}
var ScoreThread = class {
  /**
   * `accumulator` (empty; its task set before the first block is full) and `histograms` receive
   * the worker's counts at finish(). `blockValues`: scores per block (a longer example gets a block of its own).
   */
  constructor(workerFile, accumulator, histograms, blockValues = BLOCK_VALUES) {
    this.workerFile = workerFile;
    this.accumulator = accumulator;
    this.histograms = histograms;
    this.blockValues = blockValues;
    this.block = emptyBlock(blockValues);
    this.block.tune = histograms !== void 0;
  }
  workerFile;
  accumulator;
  histograms;
  blockValues;
  worker = null;
  port = null;
  signal = new Int32Array(new SharedArrayBuffer(8));
  block;
  spare = [];
  inFlight = 0;
  cls;
  /** The class map changed since the last block was posted. */
  clsChanged = false;
  valuesUsed = 0;
  /**
   * Multiclass scores are counted in this thread (decided at the first example, once the task is
   * known): one score costs less there, and on the bench's 100k x 485 multiclass CSV the worker
   * thread saved nothing (2.22-2.56 s without it, 2.42-2.44 s with it, 0.6 s more CPU).
   */
  here;
  scores(values, from, n, cls) {
    if (this.here ??= this.accumulator.task === "multiclass") {
      this.accumulator.scores(values, from, n, cls);
      this.histograms?.scores(values, from, n, cls);
      return;
    }
    if (cls !== this.cls) {
      if (this.block.examples > 0) this.post();
      this.cls = cls;
      this.clsChanged = true;
    }
    const Kind = values instanceof Float32Array ? Float32Array : Float64Array;
    let b = this.block;
    if (b.examples === BLOCK_EXAMPLES || this.valuesUsed + n > b.values.length || this.valuesUsed > 0 && !(b.values instanceof Kind)) {
      this.post();
      b = this.block;
    }
    if (!(b.values instanceof Kind) || n > b.values.length) b.values = new Kind(Math.max(n, this.blockValues));
    if (ArrayBuffer.isView(values)) b.values.set(values.subarray(from, from + n), this.valuesUsed);
    else for (let j = 0; j < n; j++) b.values[this.valuesUsed + j] = values[from + j];
    this.valuesUsed += n;
    if (!b.tune) this.histograms?.scores(values, from, n, cls);
  }
  end(truth, from, to) {
    if (this.here) {
      this.accumulator.end(truth, from, to);
      this.histograms?.end(truth, from, to);
      return;
    }
    if (this.block.examples === BLOCK_EXAMPLES) this.post();
    const b = this.block;
    const k = b.examples;
    const at = b.truthStarts[k];
    if (at + (to - from) > b.truth.length) {
      const grown = new Uint32Array(Math.max(2 * b.truth.length, at + to - from));
      grown.set(b.truth.subarray(0, at));
      b.truth = grown;
    }
    for (let i = from; i < to; i++) b.truth[at + i - from] = truth[i];
    b.truthStarts[k + 1] = at + (to - from);
    b.starts[k + 1] = this.valuesUsed;
    b.examples = k + 1;
    if (!b.tune) this.histograms?.end(truth, from, to);
  }
  /** Posts every example left, waits for the worker's counts and adds them to the accumulators. */
  finish() {
    if (this.block.examples > 0) this.post();
    if (!this.port) return;
    this.port.postMessage({ end: true });
    try {
      for (; ; ) {
        const m = this.receive();
        if ("returned" in m) continue;
        if ("error" in m) throw workerFailed(m.error);
        this.accumulator.problem ??= m.problem;
        if (m.counts) this.accumulator.add(m.counts, identity(m.classes));
        if (m.histogram) this.histograms?.add(m.histogram);
        return;
      }
    } finally {
      this.stop();
    }
  }
  /** Stops the worker (after finish(), or when the reading failed). */
  stop() {
    this.port?.close();
    void this.worker?.terminate();
    this.worker = null;
    this.port = null;
  }
  post() {
    const b = this.block;
    if (this.valuesUsed === 0) {
      b.examples = 0;
      return;
    }
    if (this.clsChanged) b.cls = this.cls ? Uint32Array.from(this.cls) : null;
    this.clsChanged = false;
    const port = this.port ?? this.start();
    const behind = this.inFlight >= IN_FLIGHT;
    while (this.inFlight >= IN_FLIGHT) {
      const m = this.receive();
      if ("error" in m) throw workerFailed(m.error);
      if ("returned" in m) this.spare.push(m.returned);
    }
    const buffers = [b.values.buffer, b.starts.buffer, b.truth.buffer, b.truthStarts.buffer];
    port.postMessage({ block: b }, buffers);
    this.inFlight++;
    const next = this.spare.pop() ?? emptyBlock(this.blockValues);
    next.examples = 0;
    next.cls = void 0;
    next.tune = this.histograms !== void 0 && !behind;
    next.starts[0] = 0;
    next.truthStarts[0] = 0;
    this.block = next;
    this.valuesUsed = 0;
  }
  start() {
    const { port1, port2 } = new MessageChannel();
    const data = {
      modelgateScoreWorker: true,
      port: port2,
      signal: this.signal,
      task: this.accumulator.task,
      tuningBins: this.histograms?.bins ?? 0
    };
    this.worker = new Worker(this.workerFile, { workerData: data, transferList: [port2] });
    this.worker.on("error", () => Atomics.store(this.signal, 1, 1));
    this.worker.unref();
    this.port = port1;
    return port1;
  }
  /** The worker's next message, waiting for it (the worker counts signal[0] up after each post). */
  receive() {
    for (let waited = 0; ; ) {
      const posted = Atomics.load(this.signal, 0);
      const got = receiveMessageOnPort(this.port);
      if (got) {
        const m = got.message;
        if ("returned" in m) this.inFlight--;
        return m;
      }
      if (Atomics.load(this.signal, 1) === 1) throw workerFailed("the worker thread stopped");
      if (Atomics.wait(this.signal, 0, posted, 100) === "timed-out" && (waited += 100) >= STALL_MS)
        throw workerFailed(`no answer in ${STALL_MS / 1e3} s`);
    }
  }
};
function identity(n) {
  return Uint32Array.from({ length: n }, (_, i) => i);
}
function workerFailed(why) {
  return new Error(`counting the scores in a worker thread failed: ${why}`);
}

export {
  findBundled,
  scoreThreadFor,
  ScoreThread,
  identity
};
