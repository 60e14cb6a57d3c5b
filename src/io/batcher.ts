// Collects examples (as class indices) into ExampleBatch objects of a fixed size.
// Each emitted batch owns its arrays, so consumers may keep them; a consumer that is done with a
// batch may hand it back (`recycle`), and its arrays then hold a later batch: a batch's arrays
// are otherwise garbage that the GC leaves for long (issue 14: 25 MB at 1M multi-label rows).

import type { ExampleBatch } from '../core/metrics/batch.js';
import type { ScoreSink } from '../core/metrics/score-histograms.js';

export const DEFAULT_BATCH_SIZE = 8192;

export interface Batcher {
  readonly n: number;
  /** Returns the pending examples as a batch (or null when none) and starts a new one. */
  flush(): ExampleBatch | null;
  /** Takes back a batch of this batcher that nothing reads any more, to reuse its arrays. */
  recycle(batch: ExampleBatch): void;
}

/** The whole array a batch array is a view of, when it is one of `length` entries. */
function whole(a: Uint32Array, length: number): Uint32Array | undefined {
  return a.byteOffset === 0 && a.buffer.byteLength === length * 4 ? new Uint32Array(a.buffer) : undefined;
}

/**
 * Why an empty id is refused: every empty id would be one example, found in every split that has
 * one (a false leakage finding), and an example without an id cannot be checked at all.
 */
export const EMPTY_ID =
  'the id is empty; expected one for every example (ids find the examples shared between splits): give each example its id, or leave ids out';

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
  /** An id from the bytes buf[start..end); false (nothing added) when it is empty: see EMPTY_ID. */
  add(buf: Uint8Array, start: number, end: number): boolean {
    const size = end - start;
    if (size === 0) return false;
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
    return true;
  }
  addText(text: string): boolean {
    const b = Buffer.from(text, 'utf8');
    return this.add(b, 0, b.length);
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
  private spare: { truth: Uint32Array; pred: Uint32Array } | undefined;
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
    ({ truth: this.truth, pred: this.pred } = this.spare ?? {
      truth: new Uint32Array(this.size),
      pred: new Uint32Array(this.size),
    });
    this.spare = undefined;
    this.n = 0;
    return b;
  }
  recycle(b: ExampleBatch): void {
    if (b.task !== 'multiclass') return;
    const truth = whole(b.truth, this.size);
    const pred = whole(b.pred, this.size);
    if (truth && pred) this.spare = { truth, pred };
  }
}

/** A growable CSR side (truth or pred) of a multi-label batch. */
class CsrSide {
  offsets: Uint32Array;
  indices: Uint32Array;
  len = 0;
  private start = 0;
  private spare: { offsets: Uint32Array; indices: Uint32Array } | undefined;
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
  /** The indices added to the example not yet closed. */
  current(): Uint32Array {
    return this.indices.subarray(this.start, this.len);
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
    const offsets = this.offsets.subarray(0, n + 1);
    // With recycled arrays to go on in, the working ones are handed over; else a copy that fits.
    const indices = this.spare ? this.indices.subarray(0, this.len) : this.indices.slice(0, this.len);
    this.offsets = this.spare?.offsets ?? new Uint32Array(this.size + 1);
    if (this.spare) this.indices = this.spare.indices;
    this.spare = undefined;
    this.len = 0;
    this.start = 0;
    return { offsets, indices };
  }
  recycle(offsets: Uint32Array, indices: Uint32Array): void {
    const o = whole(offsets, this.size + 1);
    if (o && indices.byteOffset === 0 && indices.buffer.byteLength >= 64)
      this.spare = { offsets: o, indices: new Uint32Array(indices.buffer) };
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
  recycle(b: ExampleBatch): void {
    if (b.task !== 'multilabel') return;
    this.truth.recycle(b.truthOffsets, b.truthIndices);
    this.pred.recycle(b.predOffsets, b.predIndices);
  }
}
