// The threshold-free metrics of a large split on the other core: the reader hands each example's
// scores and truth to a ScoreThread (a ScoreSink), which copies them into blocks and transfers the
// blocks to a worker thread (dist/score-worker.js, ./score-worker.ts) that fills its own
// ScoreAccumulator; at the end its counts (whole arrays, transferred) are merged into this
// thread's accumulator. The reader parses while the worker counts (`npm run bench -- speed`,
// `-- diagnostics`). At most IN_FLIGHT blocks are out at a time, so memory stays bounded; when
// the pipe is full, the reader counts the block itself instead of waiting (a .npz is read faster
// than its scores are counted). Integer counts add up the same whoever counted them; the
// floating-point sums (log-loss, calibration) are taken block by block and added in the blocks'
// order, so the figures are the same from run to run, whichever thread counted which block.
// Every wait is bounded. The worker starts with the ScoreThread, before the file's first line is
// parsed, and says when it is ready; the reader does not wait for it: until then blocks are posted
// as copies (the originals kept, up to IN_FLIGHT) and the rest counted here, so the ~40 ms of its
// start are spent parsing. One that never starts (a broken install) leaves the counting to this
// thread, the kept blocks included, with the same figures bit for bit. Multiclass scores go to the
// worker as well: a multiclass score costs only 5 ns to count, but since the reader stopped
// waiting for the worker's start, handing it over costs the reader less (the diagnostics bench's
// multiclass CSV in-process, interleaved, fastest of 4-5 each way: in each of nine runs the worker
// was ahead, by 2-12 points, e.g. +20.8% against +25.9% counted here).

import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { labelGrid, type LabelGrid } from '../core/diagnostics/score-grid.js';
import type { AccumulatorState, ScoreAccumulator } from '../core/diagnostics/scores.js';
import { findBundled } from '../io/bundled.js';
import { helperNice } from '../io/helper-priority.js';
import type { ScoreSink } from '../core/metrics/score-histograms.js';
import type { Task } from '../core/report/types.js';

/** Prediction files from this size on have their scores counted in a worker (its start costs ~30 ms). */
export const SCORE_THREAD_MIN_BYTES = 32 << 20;
/** Blocks posted and not yet handed back (2 MB each at most); a full pipe has this thread count the next. */
const IN_FLIGHT = 3;
const BLOCK_EXAMPLES = 4096;
const BLOCK_VALUES = 1 << 18;
/** The longest the reader waits for the worker without any sign of progress. */
const STALL_MS = 120_000;
/** How long the worker may take to start (it takes ~30 ms); then this thread counts everything. */
const READY_MS = 10_000;

/** A block of examples: example k's scores are values[starts[k]..starts[k + 1]), its truth truth[truthStarts[k]..truthStarts[k + 1]). */
export interface Block {
  /** Float32 when the reader's scores are (a .npz, a model): copied as they are, half the bytes. */
  values: Float32Array | Float64Array;
  starts: Uint32Array;
  truth: Uint32Array;
  truthStarts: Uint32Array;
  examples: number;
  /** The class map of this block's examples (null: class j is score j). */
  cls: Uint32Array | null;
  task: Task;
  /** The block's place in the split: its floating-point sums are added in this order. */
  seq: number;
}

/** `grid`: with the first multi-label block, this thread's label grid (the worker need not build one). */
export type ToWorker = { block: Block; grid?: LabelGrid } | { end: true };
/** The worker's counts are over this thread's class indices (a block's cls maps them). */
export type FromWorker =
  | { ready: true; nice: number | null }
  | { returned: Block; sums: Float64Array }
  | { state: AccumulatorState | null }
  | { error: string };

export interface ScoreWorkerData {
  modelgateScoreWorker: true;
  port: MessagePort;
  /** [0]: messages posted by the worker, [1]: 1 once it failed (Atomics). */
  signal: Int32Array;
  /** The worker's scheduling priority, below this thread's (helper-priority.ts); null: unchanged. */
  nice: number | null;
}

/** dist/score-worker.js next to the running bundle (score-worker.mjs: the bench's), or in ./dist from the sources. */
export function findScoreWorker(): string | null {
  return findBundled(['score-worker.js', 'score-worker.mjs']);
}

/**
 * Cores a worker for the scores needs, by the reader's format. A large file is hashed on a
 * worker of its own, so the scores' worker is a third busy thread: a text file's parse is long
 * enough to hide it on two cores (`npm run bench -- diagnostics`), an .npz's read is not (it is
 * read faster than its scores are counted): there the worker's copies, messages and second JIT
 * buy no time. The bench's 100k x 485 .npz on 2 cores, `modelgate evaluate` in 8 interleaved
 * fresh processes each way: 1.28-1.67 s counted here against 1.32-1.53 s on the worker (the
 * same, on this machine), in 1.75-2.06 s of CPU against 2.21-2.45 s and 90-94 MB of peak RSS
 * against 112-119 MB.
 */
const CORES_FOR_WORKER = { text: 2, binary: 3 };

/** Whether a split's file is worth a worker thread for its scores on `cores` cores (and one can be started). */
export function scoreThreadFor(
  file: string,
  minBytes = SCORE_THREAD_MIN_BYTES,
  cores = availableParallelism(),
): string | null {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    return null;
  }
  const binary = /\.npz$/i.test(file);
  if (cores < CORES_FOR_WORKER[binary ? 'binary' : 'text']) return null;
  return size >= minBytes ? findScoreWorker() : null;
}

function emptyBlock(values: number): Block {
  return {
    values: new Float64Array(values),
    starts: new Uint32Array(BLOCK_EXAMPLES + 1),
    truth: new Uint32Array(BLOCK_EXAMPLES * 4),
    truthStarts: new Uint32Array(BLOCK_EXAMPLES + 1),
    examples: 0,
    cls: null,
    task: 'multilabel',
    seq: 0,
  };
}

export class ScoreThread implements ScoreSink {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private ready = false;
  private block: Block;
  private spare: Block[] = [];
  private inFlight = 0;
  private cls: ArrayLike<number> | undefined;
  /** A copy of `cls` for the blocks (cloned with each: a block is counted on either thread). */
  private clsCopy: Uint32Array | null = null;
  /** The next block's place, and each block's sums by place (ScoreAccumulator.blockSums). */
  private seq = 0;
  private readonly sums: Float64Array[] = [];
  /** Blocks sent to the worker, and blocks this thread counted while the worker was behind. */
  blocksSent = 0;
  blocksHere = 0;
  /** The nice value the worker said it runs at (null: not lowered, or not ready yet). */
  workerNice: number | null = null;
  private valuesUsed = 0;
  /** Blocks posted as copies before the worker said it was ready, kept in case it never does. */
  private unconfirmed: Block[] = [];
  private readonly startedAt = performance.now();
  private readonly blockValues: number;
  private readonly readyMs: number;
  private readonly maxInFlight: number;

  /**
   * `accumulator` (empty; its task set before the first score) receives the worker's counts at
   * finish(). `blockValues`: scores per block (a longer example gets a block of its own);
   * `readyMs`: how long to wait for the worker to start; `inFlight`: blocks out at a time.
   */
  constructor(
    private readonly workerFile: string,
    private readonly accumulator: ScoreAccumulator,
    {
      blockValues = BLOCK_VALUES,
      readyMs = READY_MS,
      inFlight = IN_FLIGHT,
    }: { blockValues?: number; readyMs?: number; inFlight?: number } = {},
  ) {
    this.blockValues = blockValues;
    this.readyMs = readyMs;
    this.maxInFlight = inFlight;
    this.block = emptyBlock(blockValues);
    // Started now, it is ready by the time the first block is full.
    this.start();
  }

  scores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): void {
    if (cls !== this.cls) {
      if (this.block.examples > 0) {
        // Scores parsed into room() are in the block about to go: keep a copy of them.
        if (ArrayBuffer.isView(values) && values.buffer === this.block.values.buffer) {
          values = (values as Float64Array).slice(from, from + n);
          from = 0;
        }
        this.post();
      }
      this.cls = cls;
      this.clsCopy = cls ? Uint32Array.from(cls) : null;
    }
    const Kind = values instanceof Float32Array ? Float32Array : Float64Array;
    const b = this.makeRoom(n, Kind);
    // Parsed into room() already: nothing to copy. A typed array (every reader's) is copied natively.
    if (ArrayBuffer.isView(values)) {
      const at = b.values.byteOffset + this.valuesUsed * b.values.BYTES_PER_ELEMENT;
      if (values.buffer !== b.values.buffer || values.byteOffset !== at || from !== 0)
        b.values.set((values as Float64Array).subarray(from, from + n), this.valuesUsed);
    } else for (let j = 0; j < n; j++) b.values[this.valuesUsed + j] = values[from + j];
    this.valuesUsed += n;
  }

  room(n: number): Float64Array | undefined {
    const b = this.makeRoom(n, Float64Array);
    return (b.values as Float64Array).subarray(this.valuesUsed, this.valuesUsed + n);
  }

  /** The current block, once it has room for an example of n scores of this kind (posting the full one). */
  private makeRoom(n: number, Kind: typeof Float32Array | typeof Float64Array): Block {
    let b = this.block;
    if (
      b.examples === BLOCK_EXAMPLES ||
      this.valuesUsed + n > b.values.length ||
      (this.valuesUsed > 0 && !(b.values instanceof Kind))
    ) {
      this.post();
      b = this.block;
    }
    if (!(b.values instanceof Kind) || n > b.values.length) b.values = new Kind(Math.max(n, this.blockValues));
    return b;
  }

  end(truth: ArrayLike<number>, from: number, to: number): void {
    // Full only when this example had no scores() (which posts a full block first).
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
  finish(): void {
    if (this.block.examples > 0) this.post();
    // Blocks went out before the worker was ready: it has the rest of its start to say so.
    if (this.port && !this.ready && this.blocksSent > 0 && !this.awaitReady()) this.dropWorker();
    try {
      if (this.port && this.ready && this.blocksSent > 0) {
        this.port.postMessage({ end: true } satisfies ToWorker);
        for (;;) {
          const m = this.receive();
          if (!('state' in m)) continue;
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
  stop(): void {
    this.port?.close();
    void this.worker?.terminate();
    this.worker = null;
    this.port = null;
  }

  private post(): void {
    const b = this.block;
    // Examples without scores count for nothing: no worker for them (a file of predicted labels).
    if (this.valuesUsed === 0) {
      b.examples = 0;
      return;
    }
    b.cls = this.clsCopy;
    b.task = this.accumulator.task;
    b.seq = this.seq++;
    // What the worker handed back or said, without waiting.
    if (this.port) for (let got = this.poll(); got; got = this.poll());
    if (this.port && !this.ready && this.startFailed()) this.dropWorker();
    // No worker, or it is behind: this thread counts the block rather than wait (a .npz's
    // reader has time to spare; `npm run bench -- speed`).
    if (!this.port || this.inFlight >= this.maxInFlight) {
      this.countHere(b);
      return this.reuse(b);
    }
    // The grid is built here once anyway (the counts are read with it at the end).
    const grid = this.blocksSent === 0 && b.task === 'multilabel' ? labelGrid() : undefined;
    const message = { block: b, ...(grid && { grid }) } satisfies ToWorker;
    if (this.ready) {
      const buffers = [b.values.buffer, b.starts.buffer, b.truth.buffer, b.truthStarts.buffer] as ArrayBuffer[];
      this.port.postMessage(message, buffers);
    } else {
      // A copy (2 MB at most): should the worker never start, this one is counted here.
      this.port.postMessage(message);
      this.unconfirmed.push(b);
    }
    this.inFlight++;
    this.blocksSent++;
    this.reuse(this.spare.pop() ?? emptyBlock(this.blockValues));
  }

  /** `b` (empty) becomes the block examples are added to. */
  private reuse(b: Block): void {
    b.examples = 0;
    b.starts[0] = 0;
    b.truthStarts[0] = 0;
    this.block = b;
    this.valuesUsed = 0;
  }

  /** Waits (bounded: what is left of readyMs since the start) for the worker to say it is ready. */
  private awaitReady(): boolean {
    try {
      while (!this.ready) {
        const left = this.readyMs - (performance.now() - this.startedAt);
        if (left <= 0) return false;
        this.receive(left);
      }
      return true;
    } catch {
      // The worker's own failure shows only as an event, which a blocked thread never sees.
      return false;
    }
  }

  /** Whether the worker failed to start: it stopped, or it is not ready within readyMs. */
  private startFailed(): boolean {
    return Atomics.load(this.signal, 1) === 1 || performance.now() - this.startedAt > this.readyMs;
  }

  /** The worker never started: it is stopped, and the blocks it was sent are counted here. */
  private dropWorker(): void {
    this.stop();
    for (const b of this.unconfirmed.splice(0)) {
      this.countHere(b);
      this.spare.push(b);
    }
    this.inFlight = 0;
  }

  /** A block counted in this thread, its sums kept in its place. */
  private countHere(b: Block): void {
    countBlock(this.accumulator, b);
    this.sums[b.seq] = this.accumulator.blockSums();
    this.blocksHere++;
  }

  private start(): void {
    const { port1, port2 } = new MessageChannel();
    const data: ScoreWorkerData = { modelgateScoreWorker: true, port: port2, signal: this.signal, nice: helperNice() };
    this.worker = new Worker(this.workerFile, { workerData: data, transferList: [port2] });
    // Errors arrive as messages (or as the stall below); the event only keeps them from being unhandled.
    this.worker.on('error', () => Atomics.store(this.signal, 1, 1));
    this.worker.unref();
    this.port = port1;
  }

  /** The worker's next message if there is one (handled: see take). */
  private poll(): FromWorker | undefined {
    const got = receiveMessageOnPort(this.port!);
    return got && this.take(got.message as FromWorker);
  }

  private take(m: FromWorker): FromWorker {
    if ('error' in m) throw workerFailed(m.error);
    if ('ready' in m) {
      this.ready = true;
      this.workerNice = m.nice;
      // It counts what it was sent: the copies kept of them are free.
      this.spare.push(...this.unconfirmed.splice(0));
    }
    if ('returned' in m) {
      this.inFlight--;
      this.sums[m.returned.seq] = m.sums;
      this.spare.push(m.returned);
    }
    return m;
  }

  /** The worker's next message, waiting for it (the worker counts signal[0] up after each post). */
  private receive(stallMs = STALL_MS): FromWorker {
    if (!this.port) throw workerFailed('the worker thread stopped');
    for (let waited = 0; ;) {
      // Read the count first: a post after it makes the wait below return at once.
      const posted = Atomics.load(this.signal, 0);
      const got = this.poll();
      if (got) return got;
      if (Atomics.load(this.signal, 1) === 1) throw workerFailed('the worker thread stopped');
      if (Atomics.wait(this.signal, 0, posted, 100) === 'timed-out' && (waited += 100) >= stallMs)
        throw workerFailed(`no answer in ${stallMs / 1000} s`);
    }
  }
}

/** A block's examples into `sink`. */
export function countBlock(sink: ScoreSink, b: Block): void {
  const map = b.cls ?? undefined;
  for (let k = 0; k < b.examples; k++) {
    sink.scores(b.values, b.starts[k], b.starts[k + 1] - b.starts[k], map);
    sink.end(b.truth, b.truthStarts[k], b.truthStarts[k + 1]);
  }
}

/** Class index i for index i: the worker counts in this thread's class indices. */
export function identity(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

function workerFailed(why: string): Error {
  return new Error(`counting the scores in a worker thread failed: ${why}`);
}
