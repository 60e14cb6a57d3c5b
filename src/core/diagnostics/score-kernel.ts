// The score diagnostics' counting loops (score-kernel.wat, compiled into score-kernel.wasm.ts) and
// the WebAssembly memory they count in: room for one example's scores and classes, copied in
// before each call, then the 16-bit counts (of the label grid's cells, or of the octave bins).

import { wasmModule } from '../wasm-module.js';
import { WASM_BASE64 } from './score-kernel.wasm.js';
import { TUNING_CUTS } from './score-grid.js';

/**
 * (scores, classes, n, counts, cap, wraps, addrs) => the index of the first score outside [0, 1],
 * or -1 (byte addresses; `wraps`: where the counts that wrapped past 2^16 - 1 are listed; `addrs`:
 * room for n counts' addresses, listed before they are incremented).
 */
type KernelLoop = (
  values: number,
  cls: number,
  n: number,
  counts: number,
  cap: number,
  wraps: number,
  addrs: number,
) => number;

interface KernelExports {
  memory: WebAssembly.Memory;
  labels: KernelLoop;
  classes: KernelLoop;
  cuts: WebAssembly.Global;
  lanes: WebAssembly.Global;
  state: WebAssembly.Global;
  data: WebAssembly.Global;
  wraps: WebAssembly.Global;
}

const PAGE = 65536;
const kernelModule = wasmModule(WASM_BASE64);

export class ScoreKernel {
  private readonly x: KernelExports;
  private f64 = new Float64Array(0);
  private i32 = new Int32Array(0);
  /** The state (f64[3]) a loop starts from and leaves. */
  private state = new Float64Array(0);
  /** The counts (cell-major, cap classes a cell) modulo 2^16: a view of the kernel's memory, valid until reserve(). */
  counts = new Uint16Array(0);
  /** How many times each count (by index in `counts`) wrapped past 2^16 - 1: rare, so a map. */
  wraps = new Map<number, number>();
  private cap = 0;
  /**
   * Byte addresses of the scratch (room for `room` scores, their classes, the counts they wrap
   * and their counts' addresses: an example's, or a part of a longer one) and, after it, of the counts.
   */
  private readonly valuesAt: number;
  private clsAt = 0;
  private wrapsAt = 0;
  private addrsAt = 0;
  private countsAt = 0;
  private room = 0;
  /** The class map in the scratch ('identity': none given, 0..n-1) and how many of its entries. */
  private clsOf: ArrayLike<number> | 'identity' | null = null;
  private clsLength = 0;

  constructor() {
    const instance = new WebAssembly.Instance(kernelModule(), { math: { log: Math.log } });
    this.x = instance.exports as unknown as KernelExports;
    this.valuesAt = this.x.data.value as number;
    this.views();
    this.f64.set(TUNING_CUTS, (this.x.cuts.value as number) >> 3);
  }

  /**
   * Zeroed counts for cap classes of `cells` cells, in place of the old ones (copy those and
   * their wraps first: the memory may grow, which empties every view of it).
   */
  reserve(cap: number, cells: number): Uint16Array {
    this.cap = cap;
    this.room = cap;
    this.clsOf = null;
    this.clsAt = this.valuesAt + 8 * cap;
    this.wrapsAt = this.clsAt + 4 * cap;
    this.addrsAt = this.wrapsAt + 4 * cap;
    this.countsAt = align8(this.addrsAt + 4 * cap);
    const need = this.countsAt + 2 * cap * cells;
    const have = this.x.memory.buffer.byteLength;
    if (need > have) this.x.memory.grow(Math.ceil((need - have) / PAGE));
    this.views();
    this.counts = new Uint16Array(this.x.memory.buffer, this.countsAt, cap * cells).fill(0);
    return this.counts;
  }

  /**
   * Multi-label: counts n scores (from `values[from]`) of the classes `cls` (or 0..n-1) as
   * negatives, each factor of their likelihood into `likelihood` (reserve() first made room for
   * every class). Returns the product, the log-loss taken out of it on the way (`loss`), and the
   * index of the first score outside [0, 1] (`bad`; -1: none).
   */
  labels(values: ArrayLike<number>, from: number, n: number, cls: ArrayLike<number> | undefined, likelihood: number) {
    const bad = this.run(true, values, from, n, cls, likelihood, 0, 0);
    return { bad, likelihood: this.state[0], loss: this.state[1] };
  }

  /** Multiclass: counts the scores (see labels); returns their clipped sum and the first highest score and its class. */
  classes(values: ArrayLike<number>, from: number, n: number, cls: ArrayLike<number> | undefined) {
    const bad = this.run(false, values, from, n, cls, 0, -1, -1);
    return { bad, sum: this.state[0], best: this.state[1], bestClass: this.state[2] };
  }

  /** The calibration sums since the last call, added into `into` lane by lane (as the .wat spreads them), then zeroed. */
  drainLanes(into: Float64Array): void {
    const at = (this.x.lanes.value as number) >> 3;
    const lanes = this.f64.subarray(at, at + into.length);
    for (let l = 0; l < into.length; l++) into[l] += lanes[l];
    lanes.fill(0);
  }

  /**
   * The loop over the scores from the state (s0, s1, s2), a part at a time if there are more than
   * classes (a class listed twice); returns the index of the first score outside [0, 1], or -1.
   */
  private run(
    multilabel: boolean,
    values: ArrayLike<number>,
    from: number,
    n: number,
    cls: ArrayLike<number> | undefined,
    s0: number,
    s1: number,
    s2: number,
  ): number {
    this.state[0] = s0;
    this.state[1] = s1;
    this.state[2] = s2;
    for (let k = 0; k < n; k += this.room) {
      const m = Math.min(this.room, n - k);
      this.copyIn(values, from + k, m, cls, k);
      // Each export called at a call site of its own: V8 then calls it without its generic wrapper.
      const bad = multilabel
        ? this.x.labels(this.valuesAt, this.clsAt, m, this.countsAt, this.cap, this.wrapsAt, this.addrsAt)
        : this.x.classes(this.valuesAt, this.clsAt, m, this.countsAt, this.cap, this.wrapsAt, this.addrsAt);
      this.takeWraps();
      if (bad >= 0) return k + bad;
    }
    return -1;
  }

  /** The counts the last loop wrapped, into `wraps`. */
  private takeWraps(): void {
    const n = this.x.wraps.value as number;
    if (n === 0) return;
    const at = this.wrapsAt >> 2;
    for (let k = 0; k < n; k++) {
      const i = (this.i32[at + k] - this.countsAt) >> 1;
      this.wraps.set(i, (this.wraps.get(i) ?? 0) + 1);
    }
    this.x.wraps.value = 0;
  }

  /** m scores from values[from], and their classes from cls[k] on, into the scratch. */
  private copyIn(
    values: ArrayLike<number>,
    from: number,
    m: number,
    cls: ArrayLike<number> | undefined,
    k: number,
  ): void {
    const at = this.valuesAt >> 3;
    if (values instanceof Float64Array || values instanceof Float32Array)
      this.f64.set(values.subarray(from, from + m), at);
    else for (let j = 0; j < m; j++) this.f64[at + j] = values[from + j];
    // The class map, unless it is there already (a map is not changed in place: see ExampleScores).
    const of = cls ?? 'identity';
    if (k === 0 && of === this.clsOf && m <= this.clsLength) return;
    const to = this.clsAt >> 2;
    if (cls) for (let j = 0; j < m; j++) this.i32[to + j] = cls[k + j];
    else for (let j = 0; j < m; j++) this.i32[to + j] = k + j;
    this.clsOf = k === 0 ? of : null;
    this.clsLength = m;
  }

  /** Views of the memory (growing it empties the old ones). */
  private views(): void {
    this.f64 = new Float64Array(this.x.memory.buffer);
    this.i32 = new Int32Array(this.x.memory.buffer);
    const at = (this.x.state.value as number) >> 3;
    this.state = this.f64.subarray(at, at + 3);
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
