// Growable typed arrays for per-example storage and per-class counts. Growth is amortized
// (capacity doubles); index arrays start one byte wide and widen only when a class index
// needs it, so up to 256 classes cost one byte per entry in memory as in the report.

type IndexArray = Uint8Array | Uint16Array | Uint32Array;

/** An append-only list of class indices (or offsets) that widens u8 -> u16 -> u32 on demand. */
export class IndexList {
  private data: IndexArray;
  private len = 0;
  private max: number;

  constructor(capacity = 1024, wide = false) {
    this.data = wide ? new Uint32Array(capacity) : new Uint8Array(capacity);
    this.max = wide ? 0xffffffff : 0xff;
  }

  get length(): number {
    return this.len;
  }

  private reserve(extra: number, maxValue: number): void {
    const need = this.len + extra;
    const widen = maxValue > this.max;
    if (need <= this.data.length && !widen) return;
    let cap = this.data.length;
    while (cap < need) cap = Math.max(16, cap * 2);
    const m = Math.max(this.max, maxValue > 0xffff ? 0xffffffff : maxValue > 0xff ? 0xffff : 0xff);
    const next = m === 0xff ? new Uint8Array(cap) : m === 0xffff ? new Uint16Array(cap) : new Uint32Array(cap);
    next.set(this.data.subarray(0, this.len));
    this.data = next;
    this.max = m;
  }

  push(v: number): void {
    if (this.len === this.data.length || v > this.max) this.reserve(1, v);
    this.data[this.len++] = v;
  }

  /** Appends `values` (all < 2^32); `maxValue` is their maximum when the caller knows it. */
  append(values: ArrayLike<number>, maxValue = maxOf(values)): void {
    this.reserve(values.length, maxValue);
    if (ArrayBuffer.isView(values)) this.data.set(values as ArrayLike<number>, this.len);
    else for (let i = 0; i < values.length; i++) this.data[this.len + i] = values[i];
    this.len += values.length;
  }

  get(i: number): number {
    return this.data[i];
  }

  /** A copy as Uint32Array of exactly `length` entries. */
  toUint32(): Uint32Array {
    return Uint32Array.from(this.data.subarray(0, this.len));
  }
}

export function maxOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}

/** Per-class integer counts in float64 (exact up to 2^53) that grow with the class count. */
export class Counts {
  private data: Float64Array;
  private size = 0;

  constructor(size = 0) {
    this.data = new Float64Array(Math.max(16, size));
    this.size = size;
  }

  get length(): number {
    return this.size;
  }

  /** Makes sure index `size - 1` exists. */
  ensure(size: number): void {
    if (size <= this.size) return;
    if (size > this.data.length) {
      let cap = this.data.length;
      while (cap < size) cap *= 2;
      const next = new Float64Array(cap);
      next.set(this.data.subarray(0, this.size));
      this.data = next;
    }
    this.size = size;
  }

  /** The live backing array; valid until the next `ensure`. */
  get raw(): Float64Array {
    return this.data;
  }

  add(other: Counts): void {
    this.ensure(other.size);
    const a = this.data;
    const b = other.data;
    for (let i = 0; i < other.size; i++) a[i] += b[i];
  }

  toArray(size = this.size): number[] {
    const out = new Array<number>(size).fill(0);
    for (let i = 0; i < Math.min(size, this.size); i++) out[i] = this.data[i];
    return out;
  }
}
