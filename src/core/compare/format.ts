// Plain-words formatting for comparison reasons. Renderers escape; here we only keep names on one line.

import { naturalCompare } from '../classes.js';
import { truncateMiddle } from '../truncate.js';

const SPLIT_ORDER = ['train', 'validation', 'test'];

/** Split names in reading order: train, validation, test, then the others naturally sorted. */
export function orderSplits(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => {
    const ia = SPLIT_ORDER.indexOf(a);
    const ib = SPLIT_ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return naturalCompare(a, b);
  });
}

/**
 * A class name in quotes, control characters flattened, a long name cut in the middle: the end
 * of a hierarchical name ("…/genus/species_12") is what tells it from its neighbours.
 */
export function quoteName(name: string): string {
  return quoteNameWithin(name, 60);
}

/** quoteName, cut to at most `max` characters (a one-argument quoteName stays safe in `.map`). */
export function quoteNameWithin(name: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = name.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return `'${truncateMiddle(flat, max)}'`;
}

/**
 * A fraction as points with one decimal: 0.041 -> "4.1". A non-zero change that would round to
 * "0.0" keeps one significant digit instead (0.00002 -> "0.002"), so a reason never says that a
 * metric "rose 0.0 pts, beyond the 0.0 pt limit".
 */
export function pts(x: number): string {
  const v = Math.round(x * 1000) / 10;
  if (v === 0 && x !== 0 && Number.isFinite(x)) return Number((x * 100).toPrecision(1)).toString();
  return (Object.is(v, -0) ? 0 : v).toFixed(1);
}

export function fmtQ(q: number): string {
  if (q >= 0.001) return q.toFixed(3);
  if (q === 0) return '0';
  return q.toExponential(1);
}
