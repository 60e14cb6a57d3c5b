import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  helperNice
} from "./chunk-3PH7HBNS.js";
import {
  labelGrid
} from "./chunk-3Q6HRQ5E.js";

// src/pipeline/score-thread.ts
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
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
var READY_MS = 1e4;
function findScoreWorker() {
  return findBundled(["score-worker.js", "score-worker.mjs"]);
}
var CORES_FOR_WORKER = { text: 2, binary: 3 };
function scoreThreadFor(file, minBytes = SCORE_THREAD_MIN_BYTES, cores = availableParallelism()) {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    return null;
  }
  const binary = /\.npz$/i.test(file);
  if (cores < CORES_FOR_WORKER[binary ? "binary" : "text"]) return null;
  return size >= minBytes ? findScoreWorker() : null;
}
function emptyBlock(values) {
  return {
    values: new Float64Array(values),
    starts: new Uint32Array(BLOCK_EXAMPLES + 1),
    truth: new Uint32Array(BLOCK_EXAMPLES * 4),
    truthStarts: new Uint32Array(BLOCK_EXAMPLES + 1),
    examples: 0,
    cls: null,
    task: "multilabel",
    seq: 0
  };
}
var ScoreThread = class {
  /**
   * `accumulator` (empty; its task set before the first score) receives the worker's counts at
   * finish(). `blockValues`: scores per block (a longer example gets a block of its own);
   * `readyMs`: how long to wait for the worker to start; `inFlight`: blocks out at a time.
   */
  constructor(workerFile, accumulator, {
    blockValues = BLOCK_VALUES,
    readyMs = READY_MS,
    inFlight = IN_FLIGHT
  } = {}) {
    this.workerFile = workerFile;
    this.accumulator = accumulator;
    this.blockValues = blockValues;
    this.readyMs = readyMs;
    this.maxInFlight = inFlight;
    this.block = emptyBlock(blockValues);
    this.start();
  }
  workerFile;
  accumulator;
  worker = null;
  port = null;
  signal = new Int32Array(new SharedArrayBuffer(8));
  ready = false;
  block;
  spare = [];
  inFlight = 0;
  cls;
  /** A copy of `cls` for the blocks (cloned with each: a block is counted on either thread). */
  clsCopy = null;
  /** The next block's place, and each block's sums by place (ScoreAccumulator.blockSums). */
  seq = 0;
  sums = [];
  /** Blocks sent to the worker, and blocks this thread counted while the worker was behind. */
  blocksSent = 0;
  blocksHere = 0;
  /** The nice value the worker said it runs at (null: not lowered, or not ready yet). */
  workerNice = null;
  valuesUsed = 0;
  /** Blocks posted as copies before the worker said it was ready, kept in case it never does. */
  unconfirmed = [];
  startedAt = performance.now();
  blockValues;
  readyMs;
  maxInFlight;
  scores(values, from, n, cls) {
    if (cls !== this.cls) {
      if (this.block.examples > 0) {
        if (ArrayBuffer.isView(values) && values.buffer === this.block.values.buffer) {
          values = values.slice(from, from + n);
          from = 0;
        }
        this.post();
      }
      this.cls = cls;
      this.clsCopy = cls ? Uint32Array.from(cls) : null;
    }
    const Kind = values instanceof Float32Array ? Float32Array : Float64Array;
    const b = this.makeRoom(n, Kind);
    if (ArrayBuffer.isView(values)) {
      const at = b.values.byteOffset + this.valuesUsed * b.values.BYTES_PER_ELEMENT;
      if (values.buffer !== b.values.buffer || values.byteOffset !== at || from !== 0)
        b.values.set(values.subarray(from, from + n), this.valuesUsed);
    } else for (let j = 0; j < n; j++) b.values[this.valuesUsed + j] = values[from + j];
    this.valuesUsed += n;
  }
  room(n) {
    const b = this.makeRoom(n, Float64Array);
    return b.values.subarray(this.valuesUsed, this.valuesUsed + n);
  }
  /** The current block, once it has room for an example of n scores of this kind (posting the full one). */
  makeRoom(n, Kind) {
    let b = this.block;
    if (b.examples === BLOCK_EXAMPLES || this.valuesUsed + n > b.values.length || this.valuesUsed > 0 && !(b.values instanceof Kind)) {
      this.post();
      b = this.block;
    }
    if (!(b.values instanceof Kind) || n > b.values.length) b.values = new Kind(Math.max(n, this.blockValues));
    return b;
  }
  end(truth, from, to) {
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
  }
  /**
   * Posts every example left, waits for the worker's counts and merges them into the
   * accumulator, then adds every block's sums in the blocks' order.
   */
  finish() {
    if (this.block.examples > 0) this.post();
    if (this.port && !this.ready && this.blocksSent > 0 && !this.awaitReady()) this.dropWorker();
    try {
      if (this.port && this.ready && this.blocksSent > 0) {
        this.port.postMessage({ end: true });
        for (; ; ) {
          const m = this.receive();
          if (!("state" in m)) continue;
          if (m.state) this.accumulator.merge(m.state);
          break;
        }
      }
    } finally {
      this.stop();
    }
    for (let k = 0; k < this.seq; k++) {
      if (!this.sums[k]) throw workerFailed(`block ${k} came back without its sums`);
      this.accumulator.addSums(this.sums[k]);
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
    b.cls = this.clsCopy;
    b.task = this.accumulator.task;
    b.seq = this.seq++;
    if (this.port) for (let got = this.poll(); got; got = this.poll()) ;
    if (this.port && !this.ready && this.startFailed()) this.dropWorker();
    if (!this.port || this.inFlight >= this.maxInFlight) {
      this.countHere(b);
      return this.reuse(b);
    }
    const grid = this.blocksSent === 0 && b.task === "multilabel" ? labelGrid() : void 0;
    const message = { block: b, ...grid && { grid } };
    if (this.ready) {
      const buffers = [b.values.buffer, b.starts.buffer, b.truth.buffer, b.truthStarts.buffer];
      this.port.postMessage(message, buffers);
    } else {
      this.port.postMessage(message);
      this.unconfirmed.push(b);
    }
    this.inFlight++;
    this.blocksSent++;
    this.reuse(this.spare.pop() ?? emptyBlock(this.blockValues));
  }
  /** `b` (empty) becomes the block examples are added to. */
  reuse(b) {
    b.examples = 0;
    b.starts[0] = 0;
    b.truthStarts[0] = 0;
    this.block = b;
    this.valuesUsed = 0;
  }
  /** Waits (bounded: what is left of readyMs since the start) for the worker to say it is ready. */
  awaitReady() {
    try {
      while (!this.ready) {
        const left = this.readyMs - (performance.now() - this.startedAt);
        if (left <= 0) return false;
        this.receive(left);
      }
      return true;
    } catch {
      return false;
    }
  }
  /** Whether the worker failed to start: it stopped, or it is not ready within readyMs. */
  startFailed() {
    return Atomics.load(this.signal, 1) === 1 || performance.now() - this.startedAt > this.readyMs;
  }
  /** The worker never started: it is stopped, and the blocks it was sent are counted here. */
  dropWorker() {
    this.stop();
    for (const b of this.unconfirmed.splice(0)) {
      this.countHere(b);
      this.spare.push(b);
    }
    this.inFlight = 0;
  }
  /** A block counted in this thread, its sums kept in its place. */
  countHere(b) {
    countBlock(this.accumulator, b);
    this.sums[b.seq] = this.accumulator.blockSums();
    this.blocksHere++;
  }
  start() {
    const { port1, port2 } = new MessageChannel();
    const data = { modelgateScoreWorker: true, port: port2, signal: this.signal, nice: helperNice() };
    this.worker = new Worker(this.workerFile, { workerData: data, transferList: [port2] });
    this.worker.on("error", () => Atomics.store(this.signal, 1, 1));
    this.worker.unref();
    this.port = port1;
  }
  /** The worker's next message if there is one (handled: see take). */
  poll() {
    const got = receiveMessageOnPort(this.port);
    return got && this.take(got.message);
  }
  take(m) {
    if ("error" in m) throw workerFailed(m.error);
    if ("ready" in m) {
      this.ready = true;
      this.workerNice = m.nice;
      this.spare.push(...this.unconfirmed.splice(0));
    }
    if ("returned" in m) {
      this.inFlight--;
      this.sums[m.returned.seq] = m.sums;
      this.spare.push(m.returned);
    }
    return m;
  }
  /** The worker's next message, waiting for it (the worker counts signal[0] up after each post). */
  receive(stallMs = STALL_MS) {
    if (!this.port) throw workerFailed("the worker thread stopped");
    for (let waited = 0; ; ) {
      const posted = Atomics.load(this.signal, 0);
      const got = this.poll();
      if (got) return got;
      if (Atomics.load(this.signal, 1) === 1) throw workerFailed("the worker thread stopped");
      if (Atomics.wait(this.signal, 0, posted, 100) === "timed-out" && (waited += 100) >= stallMs)
        throw workerFailed(`no answer in ${stallMs / 1e3} s`);
    }
  }
};
function countBlock(sink, b) {
  const map = b.cls ?? void 0;
  for (let k = 0; k < b.examples; k++) {
    sink.scores(b.values, b.starts[k], b.starts[k + 1] - b.starts[k], map);
    sink.end(b.truth, b.truthStarts[k], b.truthStarts[k + 1]);
  }
}
function workerFailed(why) {
  return new Error(`counting the scores in a worker thread failed: ${why}`);
}

export {
  findBundled,
  scoreThreadFor,
  ScoreThread,
  countBlock
};
