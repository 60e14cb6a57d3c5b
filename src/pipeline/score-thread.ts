// The threshold-free metrics of a large split on the other core: the reader hands each example's
// scores and truth to a ScoreThread (a ScoreSink), which copies them into blocks and transfers the
// blocks to a worker thread (dist/score-worker.js, ./score-worker.ts) that fills its own
// ScoreAccumulator; at the end its counts are added to this thread's, empty until then. The
// tuning histograms, when the split has them, are counted by whichever thread has time: block by
// block, by the worker while it keeps up (a CSV's parsing is the longer job), here while the
// reader had to wait for it (a .npz's). The reader parses while the worker counts (`npm run bench
// -- speed`, `-- diagnostics`), and the figures are the same bit for bit: the worker sees the
// examples in the same order, and integer counts are added once.
// At most IN_FLIGHT blocks are out at a time, so memory stays bounded; a full pipe makes the
// reader wait (synchronously: the sinks are called from inside a parse loop).

import { statSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ScoreAccumulator } from '../core/diagnostics/scores.js';
import { findBundled } from '../io/bundled.js';
import type { ScoreCounts } from '../core/report/types.js';
import type { HistogramCounts, ScoreHistograms, ScoreSink } from '../core/metrics/score-histograms.js';
import type { Task } from '../core/report/types.js';

/** Prediction files from this size on have their scores counted in a worker (its start costs ~30 ms). */
export const SCORE_THREAD_MIN_BYTES = 32 << 20;
/** Blocks posted and not yet handed back. */
const IN_FLIGHT = 3;
const BLOCK_EXAMPLES = 4096;
const BLOCK_VALUES = 1 << 18;
/** The longest the reader waits for the worker without any sign of progress. */
const STALL_MS = 120_000;

/** A block of examples: example k's scores are values[starts[k]..starts[k + 1]), its truth truth[truthStarts[k]..truthStarts[k + 1]). */
export interface Block {
  /** Float32 when the reader's scores are (a .npz, a model): copied as they are, half the bytes. */
  values: Float32Array | Float64Array;
  starts: Uint32Array;
  truth: Uint32Array;
  truthStarts: Uint32Array;
  examples: number;
  /** The class map of this block's examples when it changed (null: class j is score j); undefined: as before. */
  cls?: Uint32Array | null;
  /** The worker also counts this block's tuning histograms. */
  tune: boolean;
}

export type ToWorker = { block: Block } | { end: true };
/** The worker's counts (null when it has none, or a problem instead), over this thread's class indices. */
export type FromWorker =
  | { returned: Block }
  | { counts: ScoreCounts | null; problem: string | null; classes: number; histogram: HistogramCounts | null }
  | { error: string };

export interface ScoreWorkerData {
  modelgateScoreWorker: true;
  port: MessagePort;
  /** [0]: messages posted by the worker, [1]: 1 once it failed (Atomics). */
  signal: Int32Array;
  task: Task;
  /** Bins of the tuning histograms (0: none). */
  tuningBins: number;
}

/** dist/score-worker.js next to the running bundle (score-worker.mjs: the bench's), or in ./dist from the sources. */
export function findScoreWorker(): string | null {
  return findBundled(['score-worker.js', 'score-worker.mjs']);
}

/** Whether a split's file is worth a worker thread for its scores (and one can be started). */
export function scoreThreadFor(file: string, minBytes = SCORE_THREAD_MIN_BYTES): string | null {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    return null;
  }
  return size >= minBytes ? findScoreWorker() : null;
}

function emptyBlock(values: number): Block {
  return {
    values: new Float64Array(values),
    starts: new Uint32Array(BLOCK_EXAMPLES + 1),
    truth: new Uint32Array(BLOCK_EXAMPLES * 4),
    truthStarts: new Uint32Array(BLOCK_EXAMPLES + 1),
    examples: 0,
    tune: false,
  };
}

export class ScoreThread implements ScoreSink {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private block: Block;
  private spare: Block[] = [];
  private inFlight = 0;
  private cls: ArrayLike<number> | undefined;
  /** The class map changed since the last block was posted. */
  private clsChanged = false;
  private valuesUsed = 0;
  /**
   * Multiclass scores are counted in this thread (decided at the first example, once the task is
   * known): one score costs less there, and on the bench's 100k x 485 multiclass CSV the worker
   * thread saved nothing (2.22-2.56 s without it, 2.42-2.44 s with it, 0.6 s more CPU).
   */
  private here: boolean | undefined;

  /**
   * `accumulator` (empty; its task set before the first block is full) and `histograms` receive
   * the worker's counts at finish(). `blockValues`: scores per block (a longer example gets a block of its own).
   */
  constructor(
    private readonly workerFile: string,
    private readonly accumulator: ScoreAccumulator,
    private readonly histograms?: ScoreHistograms,
    private readonly blockValues = BLOCK_VALUES,
  ) {
    this.block = emptyBlock(blockValues);
    this.block.tune = histograms !== undefined;
  }

  scores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): void {
    if ((this.here ??= this.accumulator.task === 'multiclass')) {
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
    if (
      b.examples === BLOCK_EXAMPLES ||
      this.valuesUsed + n > b.values.length ||
      (this.valuesUsed > 0 && !(b.values instanceof Kind))
    ) {
      this.post();
      b = this.block;
    }
    if (!(b.values instanceof Kind) || n > b.values.length) b.values = new Kind(Math.max(n, this.blockValues));
    // A typed array (every reader's) is copied natively.
    if (ArrayBuffer.isView(values)) b.values.set((values as Float64Array).subarray(from, from + n), this.valuesUsed);
    else for (let j = 0; j < n; j++) b.values[this.valuesUsed + j] = values[from + j];
    this.valuesUsed += n;
    if (!b.tune) this.histograms?.scores(values, from, n, cls);
  }

  end(truth: ArrayLike<number>, from: number, to: number): void {
    if (this.here) {
      this.accumulator.end(truth, from, to);
      this.histograms?.end(truth, from, to);
      return;
    }
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
    if (!b.tune) this.histograms?.end(truth, from, to);
  }

  /** Posts every example left, waits for the worker's counts and adds them to the accumulators. */
  finish(): void {
    if (this.block.examples > 0) this.post();
    if (!this.port) return;
    this.port.postMessage({ end: true } satisfies ToWorker);
    try {
      for (;;) {
        const m = this.receive();
        if ('returned' in m) continue;
        if ('error' in m) throw workerFailed(m.error);
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
    if (this.clsChanged) b.cls = this.cls ? Uint32Array.from(this.cls) : null;
    this.clsChanged = false;
    const port = this.port ?? this.start();
    // A full pipe: the worker is behind, so the next block's histograms are counted here.
    const behind = this.inFlight >= IN_FLIGHT;
    while (this.inFlight >= IN_FLIGHT) {
      const m = this.receive();
      if ('error' in m) throw workerFailed(m.error);
      if ('returned' in m) this.spare.push(m.returned);
    }
    const buffers = [b.values.buffer, b.starts.buffer, b.truth.buffer, b.truthStarts.buffer] as ArrayBuffer[];
    port.postMessage({ block: b } satisfies ToWorker, buffers);
    this.inFlight++;
    const next = this.spare.pop() ?? emptyBlock(this.blockValues);
    next.examples = 0;
    next.cls = undefined;
    next.tune = this.histograms !== undefined && !behind;
    next.starts[0] = 0;
    next.truthStarts[0] = 0;
    this.block = next;
    this.valuesUsed = 0;
  }

  private start(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    const data: ScoreWorkerData = {
      modelgateScoreWorker: true,
      port: port2,
      signal: this.signal,
      task: this.accumulator.task,
      tuningBins: this.histograms?.bins ?? 0,
    };
    this.worker = new Worker(this.workerFile, { workerData: data, transferList: [port2] });
    // Errors arrive as messages (or as the stall below); the event only keeps them from being unhandled.
    this.worker.on('error', () => Atomics.store(this.signal, 1, 1));
    this.worker.unref();
    this.port = port1;
    return port1;
  }

  /** The worker's next message, waiting for it (the worker counts signal[0] up after each post). */
  private receive(): FromWorker {
    for (let waited = 0; ;) {
      // Read the count first: a post after it makes the wait below return at once.
      const posted = Atomics.load(this.signal, 0);
      const got = receiveMessageOnPort(this.port!);
      if (got) {
        const m = got.message as FromWorker;
        if ('returned' in m) this.inFlight--;
        return m;
      }
      if (Atomics.load(this.signal, 1) === 1) throw workerFailed('the worker thread stopped');
      if (Atomics.wait(this.signal, 0, posted, 100) === 'timed-out' && (waited += 100) >= STALL_MS)
        throw workerFailed(`no answer in ${STALL_MS / 1000} s`);
    }
  }
}

/** Class index i for index i: the worker counts in this thread's class indices. */
export function identity(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

function workerFailed(why: string): Error {
  return new Error(`counting the scores in a worker thread failed: ${why}`);
}
