// Per-class counts that grow with the class count (capacity doubles). Per-example predictions
// live in ../report/example-store.ts.

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
