// Test helpers for the prediction readers: drain a stream into plain arrays.
import { ClassIndex } from '../../src/core/classes.js';
import type { ExampleBatch, PredictionStream } from '../../src/io/types.js';

export interface Collected {
  task: string;
  batchSizes: number[];
  /** multiclass: class index per example; multilabel: sorted index list per example. */
  truth: (number | number[])[];
  pred: (number | number[])[];
}

/** `recycle`: each batch handed back once read, as the pipeline does (`reused` counts the batches whose arrays were a recycled one's). */
export async function collect(s: PredictionStream, recycle = false): Promise<Collected & { reused: number }> {
  const out: Collected = { task: s.task, batchSizes: [], truth: [], pred: [] };
  const recycled = new Set<ArrayBufferLike>();
  let reused = 0;
  for await (const b of s.batches) {
    expect(b.task).toBe(s.task);
    out.batchSizes.push(b.n);
    append(b, out);
    if (!recycle) continue;
    const buffers = b.task === 'multiclass' ? [b.truth.buffer] : [b.truthOffsets.buffer, b.truthIndices.buffer];
    if (buffers.some((x) => recycled.has(x))) reused++;
    buffers.forEach((x) => recycled.add(x));
    s.recycle?.(b);
  }
  return { ...out, reused };
}

function append(b: ExampleBatch, out: Collected): void {
  if (b.task === 'multiclass') {
    expect(b.truth.length).toBe(b.n);
    expect(b.pred.length).toBe(b.n);
    out.truth.push(...b.truth);
    out.pred.push(...b.pred);
    return;
  }
  const rows = (off: Uint32Array, idx: Uint32Array) => {
    expect(off.length).toBe(b.n + 1);
    expect(off[0]).toBe(0);
    expect(off[b.n]).toBe(idx.length);
    return Array.from({ length: b.n }, (_, i) => Array.from(idx.subarray(off[i], off[i + 1])));
  };
  out.truth.push(...rows(b.truthOffsets, b.truthIndices));
  out.pred.push(...rows(b.predOffsets, b.predIndices));
}

/** Re-expresses indices of `classes` as indices into `order` (by name). */
export function remap(values: (number | number[])[], classes: ClassIndex, order: string[]): (number | number[])[] {
  const to = (i: number) => {
    const k = order.indexOf(classes.names[i]);
    expect(k).toBeGreaterThanOrEqual(0);
    return k;
  };
  return values.map((v) => (Array.isArray(v) ? v.map(to).sort((a, b) => a - b) : to(v)));
}
