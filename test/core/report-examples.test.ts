import { decodeExamples, deflatedBytes, encodeExamples } from '../../src/core/report/examples.js';
import type { SplitExamples } from '../../src/core/report/types.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('per-example predictions', () => {
  it.each([10, 256, 257, 70000])('round-trip multiclass with %i classes at the narrowest width', (C) => {
    const r = rng(C);
    const n = 5000;
    const truth = Uint32Array.from({ length: n }, () => Math.floor(r() * C));
    const pred = Uint32Array.from({ length: n }, () => Math.floor(r() * C));
    const enc = encodeExamples({ task: 'multiclass', n, truth, pred }, C);
    expect(enc.width).toBe(C <= 256 ? 'u8' : C <= 65536 ? 'u16' : 'u32');
    const dec = decodeExamples(enc, C);
    expect(dec).toEqual({ task: 'multiclass', n, truth, pred });
  });

  it('round-trips multi-label CSR, including empty label sets', () => {
    const ex: SplitExamples = {
      task: 'multilabel',
      n: 3,
      truthOffsets: Uint32Array.from([0, 2, 2, 3]),
      truthIndices: Uint32Array.from([0, 4, 1]),
      predOffsets: Uint32Array.from([0, 0, 1, 3]),
      predIndices: Uint32Array.from([3, 1, 2]),
    };
    expect(decodeExamples(encodeExamples(ex, 5), 5)).toEqual(ex);
  });

  it('costs about one byte per example per array for <= 256 classes before compression, less after', () => {
    const r = rng(1);
    const n = 100000;
    const truth = Uint32Array.from({ length: n }, () => Math.floor(r() * 10));
    const pred = Uint32Array.from(truth, (t) => (r() < 0.9 ? t : Math.floor(r() * 10)));
    const enc = encodeExamples({ task: 'multiclass', n, truth, pred }, 10);
    expect(deflatedBytes(enc).length).toBeLessThan(2 * n);
  });

  it('rejects damaged data with a plain message', () => {
    const enc = encodeExamples(
      { task: 'multiclass', n: 2, truth: Uint32Array.from([0, 1]), pred: Uint32Array.from([1, 1]) },
      2,
    );
    expect(() => decodeExamples({ ...enc, data: 'AAAA' }, 2)).toThrow(/not valid deflate data|truncated/);
    expect(() => decodeExamples({ ...enc, n: 3 }, 2)).toThrow(/truncated/);
    expect(() => decodeExamples(enc, 1)).toThrow(/class index 1 but the report has 1 classes/);
  });
});
