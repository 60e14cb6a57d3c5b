import {
  MARKDOWN_STYLE,
  PLAIN_STYLE,
  change,
  decimalsFor,
  found,
  interval,
  pValue,
  pct,
  plural,
  pts,
  qText,
} from '../../../src/core/render/format.js';

describe('format', () => {
  it('shows fractions as percentages with one decimal', () => {
    expect(pct(0.7243)).toBe('72.4%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(0)).toBe('0.0%');
    expect(pct(null)).toBe('—');
    expect(pct(undefined, 1, PLAIN_STYLE)).toBe('-');
  });

  it('shows changes as signed points with a real minus in Markdown and ASCII in plain text', () => {
    expect(pts(-0.0412)).toBe('\u22124.1 pts');
    expect(pts(0.008)).toBe('+0.8 pts');
    expect(pts(-0.0412, 1, PLAIN_STYLE)).toBe('-4.1 pts');
    expect(pts(0)).toBe('0.0 pts');
    // rounds to zero: no "−0.0"
    expect(pts(-0.0001)).toBe('0.0 pts');
  });

  it('formats an interval and a change with its interval', () => {
    const ci = { lo: -0.06, hi: -0.022, level: 0.95 };
    expect(interval(ci)).toBe('[\u22126.0, \u22122.2]');
    expect(change(-0.041, ci)).toBe('\u22124.1 pts [\u22126.0, \u22122.2]');
    expect(change(-0.041, ci, 1, PLAIN_STYLE)).toBe('-4.1 pts [-6.0, -2.2]');
    expect(change(null, ci)).toBe('—');
    expect(change(0.01, undefined)).toBe('+1.0 pts');
  });

  it('uses two decimals only when every value of a row is below 1%', () => {
    expect(decimalsFor([0.0063, 0.0067])).toBe(2);
    expect(decimalsFor([0.0063, 0.02])).toBe(1);
    expect(decimalsFor([null, undefined])).toBe(1);
    expect(pct(0.0063, decimalsFor([0.0063, 0.0067]))).toBe('0.63%');
  });

  it('shows p/q-values with two significant digits and a floor', () => {
    expect(pValue(0.00312)).toBe('0.0031');
    expect(pValue(0.0421)).toBe('0.042');
    expect(pValue(0.12)).toBe('0.12');
    expect(pValue(0.999)).toBe('1');
    expect(pValue(1e-9)).toBe('< 0.0001');
    expect(qText('q', 0.003)).toBe('q = 0.003');
    expect(qText('q', 1e-9)).toBe('q < 0.0001');
  });

  it('formats counts', () => {
    expect(found({ found: 41, support: 52 })).toBe('41/52');
    expect(found(null, MARKDOWN_STYLE)).toBe('—');
    expect(plural(1, 'class', 'classes')).toBe('1 class');
    expect(plural(12345, 'class', 'classes')).toBe('12,345 classes');
  });
});
