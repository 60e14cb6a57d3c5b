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
});
