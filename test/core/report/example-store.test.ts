import { deflateSync } from 'fflate';
import { inflateRawSync } from 'node:zlib';
import { CHUNK_BYTES, ExampleStore } from '../../../src/core/report/example-store.js';
import { decodeExamples, deflatedBytes, encodeExamples } from '../../../src/core/report/examples.js';
import type { EncodedExamples, SplitExamples } from '../../../src/core/report/types.js';
import { cuts, rng } from '../metrics/batches.js';

type Task = SplitExamples['task'];

/** Random examples: skewed classes, multi-label sets of 0..maxLabels sorted unique labels (many empty). */
function randomExamples(task: Task, n: number, C: number, r: () => number, maxLabels = 4): SplitExamples {
  if (task === 'multiclass')
    return {
      task,
      n,
      truth: Uint32Array.from({ length: n }, () => Math.floor(r() ** 2 * C)),
      pred: Uint32Array.from({ length: n }, () => Math.floor(r() * C)),
    };
  const side = () => {
    const offsets = new Uint32Array(n + 1);
    const indices: number[] = [];
    for (let i = 0; i < n; i++) {
      const set = new Set(Array.from({ length: Math.floor(r() * (maxLabels + 1)) }, () => Math.floor(r() ** 2 * C)));
      indices.push(...[...set].sort((a, b) => a - b));
      offsets[i + 1] = indices.length;
    }
    return { offsets, indices: Uint32Array.from(indices) };
  };
  const t = side();
  const p = side();
  return { task, n, truthOffsets: t.offsets, truthIndices: t.indices, predOffsets: p.offsets, predIndices: p.indices };
}

/**
 * Examples [from, to) as a batch the way readers may hand them over: arrays longer than n, and
 * multi-label offsets that do not start at 0 (a window into a larger CSR).
 */
function batchOf(ex: SplitExamples, from: number, to: number): SplitExamples {
  const n = to - from;
  if (ex.task === 'multiclass')
    return { task: 'multiclass', n, truth: ex.truth.subarray(from), pred: ex.pred.subarray(from) };
  return {
    task: 'multilabel',
    n,
    truthOffsets: ex.truthOffsets.subarray(from, to + 1),
    truthIndices: ex.truthIndices,
    predOffsets: ex.predOffsets.subarray(from, to + 1),
    predIndices: ex.predIndices,
  };
}

function storeOf(ex: SplitExamples, C: number, parts: number, r: () => number): ExampleStore {
  const store = new ExampleStore(ex.task, C);
  const c = cuts(ex.n, parts, r);
  for (let i = 0; i + 1 < c.length; i++) store.append(batchOf(ex, c[i], c[i + 1]));
  return store;
}

/** The report's raw layout, written independently of the store: what the deflated data must hold. */
function layoutBytes(ex: SplitExamples, C: number): Uint8Array {
  const w = C <= 0x100 ? 1 : C <= 0x10000 ? 2 : 4;
  const parts: [Uint32Array, number][] =
    ex.task === 'multiclass'
      ? [
          [ex.truth, w],
          [ex.pred, w],
        ]
      : [
          [ex.truthOffsets, 4],
          [ex.truthIndices, w],
          [ex.predOffsets, 4],
          [ex.predIndices, w],
        ];
  const out = new Uint8Array(parts.reduce((a, [v, b]) => a + v.length * b, 0));
  const view = new DataView(out.buffer);
  let p = 0;
  for (const [values, b] of parts)
    for (const v of values) {
      if (b === 1) view.setUint8(p, v);
      else if (b === 2) view.setUint16(p, v, true);
      else view.setUint32(p, v, true);
      p += b;
    }
  return out;
}

/** Equal examples, compared as bytes (jest's toEqual is slow on arrays of 100,000s). */
function expectSame(a: SplitExamples, b: SplitExamples): void {
  expect([a.task, a.n]).toEqual([b.task, b.n]);
  const arrays = (e: SplitExamples) =>
    e.task === 'multiclass' ? [e.truth, e.pred] : [e.truthOffsets, e.truthIndices, e.predOffsets, e.predIndices];
  const bytes = (x: Uint32Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const [xs, ys] = [arrays(a), arrays(b)];
  xs.forEach((x, i) => expect(bytes(x).equals(bytes(ys[i]))).toBe(true));
}

const rawOf = (enc: EncodedExamples) => new Uint8Array(inflateRawSync(deflatedBytes(enc)));

describe.each<Task>(['multiclass', 'multilabel'])('%s example store', (task) => {
  it.each([1, 10, 256, 257, 485, 70000])(
    'holds %i classes at the narrowest width; any batching encodes the same bytes',
    (C) => {
      const r = rng(C + (task === 'multiclass' ? 0 : 1000));
      const ex = randomExamples(task, 3000, C, r);
      const one = storeOf(ex, C, 1, r);
      const enc = one.encode();
      expect(enc.width).toBe(C <= 256 ? 'u8' : C <= 65536 ? 'u16' : 'u32');
      expect(enc.layout).toBe(task === 'multiclass' ? 'multiclass' : 'multilabel-csr');
      expect(enc.n).toBe(3000);
      // zlib (as Python's zlib.decompress(data, -15) would) reads the layout written by hand.
      expect(rawOf(enc)).toEqual(layoutBytes(ex, C));
      expect(decodeExamples(enc, C)).toEqual(ex);
      expect(one.toExamples()).toEqual(ex);
      for (const parts of [2, 7, 50]) expect(storeOf(ex, C, parts, r).encode()).toEqual(enc);
      expect(encodeExamples(ex, C)).toEqual(enc);
    },
  );

  it('spans many deflated pieces: pieces, copies and the encoding agree with the examples', () => {
    const r = rng(task === 'multiclass' ? 5 : 6);
    // Indices 2 bytes wide: every section spans two pieces and a part of a third.
    const n = task === 'multiclass' ? CHUNK_BYTES + 17 : CHUNK_BYTES / 2 + 5;
    const ex = randomExamples(task, n, 300, r, 6);
    const store = storeOf(ex, 300, 9, r);
    expect(store.examples).toBe(n);
    expectSame(decodeExamples(store.encode(), 300), ex);
    expectSame(store.toExamples(), ex);
    // Pieces reuse their arrays: copy each before asking for the next.
    const copies: SplitExamples[] = [];
    for (const p of store.pieces())
      copies.push(
        p.task === 'multiclass'
          ? { ...p, truth: p.truth.slice(), pred: p.pred.slice() }
          : {
              ...p,
              truthOffsets: p.truthOffsets.slice(),
              truthIndices: p.truthIndices.slice(),
              predOffsets: p.predOffsets.slice(),
              predIndices: p.predIndices.slice(),
            },
      );
    expect(copies.length).toBeGreaterThan(1);
    const again = new ExampleStore(task, 300);
    for (const p of copies) {
      if (p.task === 'multilabel') expect(p.truthOffsets[0]).toBe(0);
      again.append(p);
    }
    expect(again.encode()).toEqual(store.encode());
  });

  it('keeps empty examples and an empty store', () => {
    const empty = new ExampleStore(task, 5);
    expect(empty.examples).toBe(0);
    expect([...empty.pieces()]).toEqual([]);
    const none: SplitExamples =
      task === 'multiclass'
        ? { task, n: 0, truth: new Uint32Array(0), pred: new Uint32Array(0) }
        : {
            task,
            n: 0,
            truthOffsets: Uint32Array.of(0),
            truthIndices: new Uint32Array(0),
            predOffsets: Uint32Array.of(0),
            predIndices: new Uint32Array(0),
          };
    expect(decodeExamples(empty.encode(), 5)).toEqual(none);
    if (task === 'multilabel') {
      const ex = randomExamples(task, 500, 5, rng(9), 0); // every label set empty
      const store = storeOf(ex, 5, 4, rng(10));
      expect([store.trueLabels, store.predLabels]).toEqual([0, 0]);
      expect(decodeExamples(store.encode(), 5)).toEqual(ex);
    }
  });

  it('widens when a larger index arrives, keeping what it held', () => {
    const r = rng(task === 'multiclass' ? 11 : 12);
    const small = randomExamples(task, 2000, 200, r);
    const large = randomExamples(task, 2000, 70000, r);
    const store = new ExampleStore(task);
    store.append(small);
    expect(store.width).toBe('u8');
    store.append(large);
    expect(store.width).toBe('u32');
    const both = new ExampleStore(task, 70000);
    both.append(small);
    both.append(large);
    expect(store.encode()).toEqual(both.encode());
    expect(store.toExamples()).toEqual(both.toExamples());
  });

  it('appends other stores: the same bytes as one store fed everything', () => {
    const r = rng(task === 'multiclass' ? 13 : 14);
    const ex = randomExamples(task, 5000, 485, r);
    const c = cuts(5000, 4, r);
    const parts = c.slice(0, -1).map((from, i) => storeOf(batchOf(ex, from, c[i + 1]), 485, 3, r));
    const merged = parts[0];
    for (const p of parts.slice(1)) merged.appendStore(p);
    expect(merged.encode()).toEqual(storeOf(ex, 485, 1, r).encode());
    const doubled = storeOf(ex, 485, 2, r);
    doubled.appendStore(doubled);
    expect(doubled.examples).toBe(10000);
  });

  it('is read by the decoder of earlier reports (one fflate stream) to the same examples', () => {
    const r = rng(task === 'multiclass' ? 15 : 16);
    const ex = randomExamples(task, 4000, 485, r);
    const enc = storeOf(ex, 485, 5, r).encode();
    const earlier: EncodedExamples = {
      ...enc,
      data: Buffer.from(deflateSync(layoutBytes(ex, 485), { level: 1 })).toString('base64'),
    };
    expect(decodeExamples(earlier, 485)).toEqual(decodeExamples(enc, 485));
  });
});
