import type { ExampleBatch } from '../../src/core/metrics/batch.js';
import { MulticlassBatcher, MultilabelBatcher } from '../../src/io/batcher.js';
import { rng } from '../core/metrics/batches.js';

/** A batch's examples as plain arrays (a copy that later reuse cannot change). */
function rowsOf(b: ExampleBatch): unknown[] {
  if (b.task === 'multiclass') return Array.from(b.truth, (t, i) => [t, b.pred[i]]);
  const side = (o: Uint32Array, x: Uint32Array) =>
    Array.from({ length: b.n }, (_, i) => Array.from(x.subarray(o[i], o[i + 1])));
  const t = side(b.truthOffsets, b.truthIndices);
  const p = side(b.predOffsets, b.predIndices);
  return t.map((s, i) => [s, p[i]]);
}

describe.each(['multiclass', 'multilabel'] as const)('%s batcher', (task) => {
  it('reuses the arrays of recycled batches only, and every batch holds its own examples', () => {
    const r = rng(task === 'multiclass' ? 1 : 2);
    const size = 5;
    const batcher = task === 'multiclass' ? new MulticlassBatcher(size) : new MultilabelBatcher(size);
    const expected: unknown[][] = [[]];
    const batches: ExampleBatch[] = [];
    const kept: { batch: ExampleBatch; rows: unknown[] }[] = [];
    const recycled = new Set<ArrayBufferLike>();
    let reused = 0;
    const take = (b: ExampleBatch | null) => {
      if (!b) return;
      const buffers = b.task === 'multiclass' ? [b.truth.buffer] : [b.truthOffsets.buffer, b.truthIndices.buffer];
      if (buffers.some((x) => recycled.has(x))) reused++;
      expect(rowsOf(b)).toEqual(expected[batches.length]);
      batches.push(b);
      expected.push([]);
      // Every other batch is handed back; the others are kept and must never change.
      if (batches.length % 2) {
        buffers.forEach((x) => recycled.add(x));
        batcher.recycle(b);
      } else kept.push({ batch: b, rows: rowsOf(b) });
    };
    for (let i = 0; i < 53; i++) {
      const cur = expected[batches.length];
      if (batcher instanceof MulticlassBatcher) {
        const [t, p] = [Math.floor(r() * 7), Math.floor(r() * 7)];
        cur.push([t, p]);
        if (batcher.push(t, p)) take(batcher.flush());
      } else {
        const set = () => [...new Set(Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 300)))];
        const [t, p] = [set(), set()];
        cur.push([[...t].sort((a, b) => a - b), [...p].sort((a, b) => a - b)]);
        t.forEach((c) => batcher.truth.add(c));
        p.forEach((c) => batcher.pred.add(c));
        if (batcher.end()) take(batcher.flush());
      }
    }
    take(batcher.flush());
    expect(batches.map((b) => b.n)).toEqual([...Array(10).fill(5), 3]);
    expect(reused).toBeGreaterThan(2);
    for (const { batch, rows } of kept) expect(rowsOf(batch)).toEqual(rows);
  });
});
