// The multi-label decisions of a block of float score rows (the .npz reader's rows), by the
// WebAssembly loops of threshold-kernel.wat: the rows' raw little-endian bytes are copied into its
// memory, scanned once, and the columns at or above their thresholds read back row by row. The
// same for the 1s of a block of one-byte 0/1 label rows (ThresholdKernel.indicator).

import { wasmModule } from './wasm-module.js';
import { WASM_BASE64 } from './threshold-kernel.wasm.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  badRow: WebAssembly.Global;
  above32: (vals: number, rows: number, C: number, thr: number, out: number) => number;
  above64: (vals: number, rows: number, C: number, thr: number, out: number) => number;
  ones8: (vals: number, rows: number, C: number, thr: number, out: number) => number;
}

const PAGE = 65536;
const kernelModule = wasmModule(WASM_BASE64);

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * The smallest float32 at or above t: for every float32 s, s >= f32AtLeast(t) exactly when
 * s >= t (the float32 kernel compares float32 with float32; t itself may fall between two).
 */
export function f32AtLeast(t: number): number {
  f32[0] = t;
  if (f32[0] >= t || t !== t) return f32[0];
  // Rounded down: one step up (toward +infinity) in the float32 order.
  if (f32[0] === 0) u32[0] = 1;
  else if (f32[0] > 0) u32[0]++;
  else u32[0]--;
  return f32[0];
}

const align16 = (n: number) => (n + 15) & ~15;

export class ThresholdKernel {
  private readonly x: KernelExports;
  /** Scores a row. */
  private readonly C: number;
  private readonly valuesAt: number;
  private outAt = 0;
  private hitAt = new Int32Array(0);
  private hits = 0;
  private next = 0;
  /** The row of the last scan holding a NaN or an infinite score (the first), or -1. */
  badRow = -1;

  /**
   * `thresholds[j]`: column j's (a score at or above it is a hit); `itemSize`: 4 (float32 rows)
   * or 8 (float64); 1: a one-byte 0/1 indicator matrix (ThresholdKernel.indicator), whose hits are
   * its 1s and whose bad row is the first with a byte other than 0 or 1.
   */
  constructor(
    thresholds: ArrayLike<number>,
    private readonly itemSize: 1 | 4 | 8,
  ) {
    this.C = thresholds.length;
    this.x = new WebAssembly.Instance(kernelModule()).exports as unknown as KernelExports;
    this.valuesAt = align16(this.C * itemSize);
    this.ensure(this.valuesAt);
    if (itemSize === 1) return;
    const thr =
      itemSize === 4
        ? new Float32Array(this.x.memory.buffer, 0, this.C)
        : new Float64Array(this.x.memory.buffer, 0, this.C);
    for (let j = 0; j < this.C; j++) thr[j] = itemSize === 4 ? f32AtLeast(thresholds[j]) : thresholds[j];
  }

  /** The 1s of C-column rows of one-byte 0/1 labels (uint8, int8, bool). */
  static indicator(C: number): ThresholdKernel {
    return new ThresholdKernel(new Uint8Array(C), 1);
  }

  /**
   * Scans `rows` rows (bytes: rows x C scores, little-endian, whole rows): afterwards take(r)
   * gives each row's hits, and badRow the first row with a score that is not finite (a label
   * other than 0 or 1).
   */
  scan(bytes: Uint8Array, rows: number): void {
    if (bytes.length !== rows * this.C * this.itemSize)
      throw new Error(`ThresholdKernel.scan: ${bytes.length} bytes are not ${rows} rows of ${this.C} scores`);
    this.outAt = align16(this.valuesAt + bytes.length);
    this.ensure(this.outAt + rows * this.C * 4);
    new Uint8Array(this.x.memory.buffer, this.valuesAt, bytes.length).set(bytes);
    const at = [this.valuesAt, rows, this.C, 0, this.outAt] as const;
    // Each export at a call site of its own (see score-kernel.ts's run).
    if (this.itemSize === 1) this.hits = this.x.ones8(...at);
    else if (this.itemSize === 4) this.hits = this.x.above32(...at);
    else this.hits = this.x.above64(...at);
    this.badRow = this.x.badRow.value as number;
    this.hitAt = new Int32Array(this.x.memory.buffer, this.outAt, this.hits);
    this.next = 0;
  }

  /** Row r's hits (rows taken in increasing order after a scan): `add(cols[j])` for each column j at or above its threshold. */
  take(r: number, cols: ArrayLike<number>, set: { add(c: number): void }): void {
    const from = r * this.C;
    const end = from + this.C;
    const hitAt = this.hitAt;
    let k = this.next;
    while (k < this.hits && hitAt[k] < from) k++;
    for (; k < this.hits && hitAt[k] < end; k++) set.add(cols[hitAt[k] - from]);
    this.next = k;
  }

  /** Memory for `bytes` bytes from address 0. */
  private ensure(bytes: number): void {
    const have = this.x.memory.buffer.byteLength;
    if (bytes > have) this.x.memory.grow(Math.ceil((bytes - have) / PAGE));
  }
}
