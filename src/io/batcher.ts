// Collects examples (as class indices) into ExampleBatch objects of a fixed size.
// Each emitted batch owns fresh arrays, so consumers may keep them.

import type { ExampleBatch } from '../core/metrics/batch.js';
import type { ScoreSink } from '../core/metrics/score-histograms.js';

export const DEFAULT_BATCH_SIZE = 8192;

export interface Batcher {
  readonly n: number;
  /** Returns the pending examples as a batch (or null when none) and starts a new one. */
  flush(): ExampleBatch | null;
}

/**
 * The id of every example (leakage between splits), when the reader's file has ids: their UTF-8
 * bytes back to back and where each ends, a few bytes an example instead of a string object.
 */
export class Ids {
  on = false;
  private bytes = new Uint8Array(4096);
  private ends = new Uint32Array(256);
  private len = 0;
  private n = 0;
  /** An id from the bytes buf[start..end). */
  add(buf: Uint8Array, start: number, end: number): void {
    const size = end - start;
    if (this.len + size > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.len + size));
      next.set(this.bytes.subarray(0, this.len));
      this.bytes = next;
    }
    this.bytes.set(buf.subarray(start, end), this.len);
    this.len += size;
    if (this.n === this.ends.length) {
      const next = new Uint32Array(this.n * 2);
      next.set(this.ends);
      this.ends = next;
    }
    this.ends[this.n++] = this.len;
  }
  addText(text: string): void {
    const b = Buffer.from(text, 'utf8');
    this.add(b, 0, b.length);
  }
  /** Moves the ids gathered so far onto `b`. */
  take(b: ExampleBatch): ExampleBatch {
    if (this.on) b.ids = { bytes: this.bytes.slice(0, this.len), ends: this.ends.slice(0, this.n) };
    this.len = 0;
    this.n = 0;
    return b;
  }
}

export class MulticlassBatcher implements Batcher {
  n = 0;
  private truth: Uint32Array;
  private pred: Uint32Array;
  readonly ids = new Ids();
  /** `scores`, when given, is told each example's truth after the reader gave it the example's scores. */
  constructor(
    readonly size: number,
    private readonly scores?: ScoreSink,
  ) {
    this.truth = new Uint32Array(size);
    this.pred = new Uint32Array(size);
  }
  /** Adds one example; true when the batch is full and must be flushed. */
  push(truth: number, pred: number): boolean {
    this.truth[this.n] = truth;
    this.pred[this.n] = pred;
    this.scores?.end(this.truth, this.n, this.n + 1);
    return ++this.n === this.size;
  }
  flush(): ExampleBatch | null {
    if (this.n === 0) return null;
    const n = this.n;
    const b: ExampleBatch = { task: 'multiclass', n, truth: this.truth.subarray(0, n), pred: this.pred.subarray(0, n) };
    this.ids.take(b);
    this.truth = new Uint32Array(this.size);
    this.pred = new Uint32Array(this.size);
    this.n = 0;
    return b;
  }
}

/** A growable CSR side (truth or pred) of a multi-label batch. */
class CsrSide {
  offsets: Uint32Array;
  indices: Uint32Array;
  len = 0;
  private start = 0;
  constructor(private readonly size: number) {
    this.offsets = new Uint32Array(size + 1);
    this.indices = new Uint32Array(Math.max(16, size * 2));
  }
  add(index: number): void {
    if (this.len === this.indices.length) {
      const grown = new Uint32Array(this.indices.length * 2);
      grown.set(this.indices);
      this.indices = grown;
    }
    this.indices[this.len++] = index;
  }
  /** Closes example `i`: sorts its indices and drops duplicates. */
  close(i: number): void {
    const a = this.indices;
    const s = this.start;
    // insertion sort: label sets are small
    for (let k = s + 1; k < this.len; k++) {
      const v = a[k];
      let j = k - 1;
      while (j >= s && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
    let w = s;
    for (let k = s; k < this.len; k++) if (k === s || a[k] !== a[w - 1]) a[w++] = a[k];
    this.len = w;
    this.offsets[i + 1] = w;
    this.start = w;
  }
  take(n: number): { offsets: Uint32Array; indices: Uint32Array } {
    const out = { offsets: this.offsets.subarray(0, n + 1), indices: this.indices.slice(0, this.len) };
    this.offsets = new Uint32Array(this.size + 1);
    this.len = 0;
    this.start = 0;
    return out;
  }
}

export class MultilabelBatcher implements Batcher {
  n = 0;
  readonly truth: CsrSide;
  readonly pred: CsrSide;
  readonly ids = new Ids();
  /** `scores`, when given, is told each example's truth after the reader gave it the example's scores. */
  constructor(
    readonly size: number,
    private readonly scores?: ScoreSink,
  ) {
    this.truth = new CsrSide(size);
    this.pred = new CsrSide(size);
  }
  /** Ends the current example (after its truth/pred indices were added); true when full. */
  end(): boolean {
    this.truth.close(this.n);
    this.scores?.end(this.truth.indices, this.truth.offsets[this.n], this.truth.offsets[this.n + 1]);
    this.pred.close(this.n);
    return ++this.n === this.size;
  }
  flush(): ExampleBatch | null {
    if (this.n === 0) return null;
    const n = this.n;
    const t = this.truth.take(n);
    const p = this.pred.take(n);
    this.n = 0;
    return this.ids.take({
      task: 'multilabel',
      n,
      truthOffsets: t.offsets,
      truthIndices: t.indices,
      predOffsets: p.offsets,
      predIndices: p.indices,
    });
  }
}
