// changedExamples: the examples whose prediction differs between base and head, the count the
// "too few changed examples" rule reads (docs/rules.md).

import { changedExamples, type PairedSplit } from '../../../src/core/compare/pairing.js';

const u32 = (a: number[]) => Uint32Array.from(a);

/** A multi-label split from per-example label lists (truth: none). */
function ml(base: number[][], head: number[][], classes = 5): PairedSplit {
  const csr = (rows: number[][]) => {
    const offsets = [0];
    for (const r of rows) offsets.push(offsets[offsets.length - 1] + r.length);
    return { offsets: u32(offsets), flat: u32(rows.flat()) };
  };
  const [b, h] = [csr(base), csr(head)];
  return {
    task: 'multilabel',
    n: base.length,
    classes,
    truthOffsets: new Uint32Array(base.length + 1),
    truth: new Uint32Array(0),
    baseOffsets: b.offsets,
    base: b.flat,
    headOffsets: h.offsets,
    head: h.flat,
  };
}

describe('changedExamples', () => {
  it('multiclass: the examples whose predicted class differs', () => {
    const p: PairedSplit = {
      task: 'multiclass',
      n: 5,
      classes: 3,
      truth: u32([0, 1, 2, 0, 1]),
      base: u32([0, 1, 2, 1, 1]),
      head: u32([0, 2, 2, 0, 1]),
    };
    expect(changedExamples(p)).toBe(2);
  });

  it('multi-label: a set in another order is unchanged; another size or another member is a change', () => {
    const p = ml([[0, 3], [1], [], [2, 4], [0]], [[3, 0], [1, 2], [], [2, 1], [0]]);
    expect(changedExamples(p)).toBe(2);
    // An example's stamp must not leak into the next: the same labels one example later.
    expect(changedExamples(ml([[1], [2]], [[1], [1]]))).toBe(1);
  });
});
