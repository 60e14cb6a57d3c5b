import { fmtQ, pts, quoteName } from '../../../src/core/compare/format.js';

describe('format', () => {
  it('points with one decimal, and one significant digit for changes below 0.05 pt', () => {
    expect(pts(0.041)).toBe('4.1');
    expect(pts(-0.041)).toBe('-4.1');
    expect(pts(0)).toBe('0.0');
    expect(pts(-0.0000001)).toBe('-0.00001');
    expect(pts(0.00002)).toBe('0.002');
    expect(pts(0.0004)).toBe('0.04');
    expect(pts(0.0005)).toBe('0.1');
  });
  it('q-values and names', () => {
    expect(fmtQ(0.0123)).toBe('0.012');
    expect(fmtQ(0.00012)).toBe('1.2e-4');
    expect(fmtQ(0)).toBe('0');
    expect(quoteName('a\nb')).toBe("'a b'");
    expect(quoteName('x'.repeat(80))).toHaveLength(62);
  });
  it('a long name is cut in the middle by code points: the end that tells classes apart stays', () => {
    const name = (k: number) => `kingdom/phylum/class/order/family/genus/${'y'.repeat(40)}/species_${k}`;
    expect(quoteName(name(0))).not.toBe(quoteName(name(1)));
    expect(quoteName(name(12))).toMatch(/^'kingdom\/phylum\/.*….*\/species_12'$/);
    expect(Array.from(quoteName(name(12)).slice(1, -1))).toHaveLength(60);
    // Emoji (surrogate pairs) are never split: every code point of the result is whole.
    const q = quoteName('🐱'.repeat(70));
    expect(q).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
