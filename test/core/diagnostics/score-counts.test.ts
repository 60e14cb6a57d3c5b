// The encoding of a shard's score histograms: back to the same triples, and what a damaged or
// hand-made one says is wrong with it.
import { deflateRawSync } from 'node:zlib';
import { decodeClassCounts, encodeClassCounts } from '../../../src/core/diagnostics/score-counts.js';

const raw = (...words: number[]) => deflateRawSync(new Uint8Array(Uint32Array.from(words).buffer)).toString('base64');

describe('score counts encoding', () => {
  it('round trip: empty classes, bin 0, the last bin, large counts', () => {
    const classes = [[], [0, 3, 4, 7, 0, 1, 2432, 2 ** 31, 5], [12, 1, 0]];
    expect(decodeClassCounts(encodeClassCounts(classes), 3, 2433)).toEqual(classes);
  });

  it('bins are stored as steps from the previous one', () => {
    expect(decodeClassCounts(raw(2, 5, 1, 2, 10, 3, 4), 1, 100)).toEqual([[5, 1, 2, 15, 3, 4]]);
  });

  it.each([
    ['bm90IGRlZmxhdGU=', 1, 'is not base64 of deflated data'],
    [deflateRawSync(Buffer.from([1, 2, 3])).toString('base64'), 1, 'does not hold whole uint32 values'],
    [raw(0), 2, 'ends before class 1'],
    [raw(2, 1, 1, 1), 1, "ends inside class 0's 2 bins"],
    [raw(2, 1, 1, 1, 0, 1, 1), 1, 'repeats a bin of class 0'],
    [raw(1, 100, 1, 1), 1, 'has bin 100 for class 0; expected bins below 100'],
    [raw(0, 0), 1, 'has 1 values beyond the 1 classes'],
  ])('%s (%i classes): %s', (data, classes, message) => {
    expect(decodeClassCounts(data, classes, 100)).toBe(message);
  });
});
