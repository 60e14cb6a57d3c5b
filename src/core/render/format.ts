// Number formatting shared by every renderer. Scores are fractions shown as percentages;
// changes are percentage points. One decimal, except for rows whose values are all tiny
// (e.g. a Hamming loss of 0.4%), where one decimal would round every change to zero.

import type { Interval } from '../compare/types.js';

export interface NumberStyle {
  /** The minus sign: U+2212 in Markdown (reads well, does not start a list), '-' in a terminal. */
  minus: string;
  /** Shown for a missing value. */
  missing: string;
}
export const MARKDOWN_STYLE: NumberStyle = { minus: '\u2212', missing: '—' };
export const PLAIN_STYLE: NumberStyle = { minus: '-', missing: '-' };

/** Decimals for a row of fractions: 2 when every value is below 1%, else 1. */
export function decimalsFor(values: (number | null | undefined)[]): number {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return 1;
  return finite.every((v) => Math.abs(v) < 0.01) ? 2 : 1;
}

function fixed(x: number, decimals: number, style: NumberStyle, signed: boolean): string {
  const s = Math.abs(x).toFixed(decimals);
  const isZero = Number(s) === 0;
  const sign = isZero ? '' : x < 0 ? style.minus : signed ? '+' : '';
  return sign + s;
}

/** 0.7243 -> "72.4%". Missing -> "—" (Markdown) or "-" (plain). */
export function pct(x: number | null | undefined, decimals = 1, style: NumberStyle = MARKDOWN_STYLE): string {
  if (x === null || x === undefined) return missing(style);
  if (!Number.isFinite(x)) return String(x);
  return fixed(x * 100, decimals, style, false) + '%';
}

/** A change in points: -0.0412 -> "−4.1 pts", 0.008 -> "+0.8 pts", 0 -> "0.0 pts". */
export function pts(x: number | null | undefined, decimals = 1, style: NumberStyle = MARKDOWN_STYLE): string {
  if (x === null || x === undefined) return missing(style);
  if (!Number.isFinite(x)) return String(x);
  return fixed(x * 100, decimals, style, true) + ' pts';
}

/** "[−6.0, −2.2]" in points. */
export function interval(ci: Interval, decimals = 1, style: NumberStyle = MARKDOWN_STYLE): string {
  return `[${fixed(ci.lo * 100, decimals, style, true)}, ${fixed(ci.hi * 100, decimals, style, true)}]`;
}

/** A change with its interval when there is one: "−4.1 pts [−6.0, −2.2]". */
export function change(
  delta: number | null,
  ci: Interval | undefined,
  decimals = 1,
  style: NumberStyle = MARKDOWN_STYLE,
): string {
  const d = pts(delta, decimals, style);
  return ci && delta !== null ? `${d} ${interval(ci, decimals, style)}` : d;
}

/** p- and q-values with two significant digits: "0.003", "0.042", "< 0.0001". */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return String(p);
  if (p < 0.0001) return '< 0.0001';
  if (p >= 0.995) return '1';
  return String(Number(p.toPrecision(2)));
}

/** "q = 0.003" or "q < 0.0001". */
export function qText(name: 'p' | 'q', v: number): string {
  const s = pValue(v);
  return s.startsWith('<') ? `${name} ${s}` : `${name} = ${s}`;
}

/** "41/52". */
export function found(side: { found: number; support: number } | null, style: NumberStyle = MARKDOWN_STYLE): string {
  return side ? `${side.found}/${side.support}` : missing(style);
}

function missing(style: NumberStyle): string {
  return style.missing;
}

/** Confidence level as text: 0.95 -> "95%". */
export function levelText(level: number): string {
  return `${Number((level * 100).toPrecision(3))}%`;
}

/** "1 class", "3 classes". */
export function plural(n: number, one: string, many: string): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

/** 12345 -> "12,345" (no locale data needed, so output is the same everywhere). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Human names of the per-class tests. */
export const TEST_NAME: Record<string, string> = {
  mcnemar: 'McNemar test',
  newcombe: 'Newcombe interval',
  threshold: 'fixed threshold',
};

/** Said under a per-class table with a "—" for q: why such a row has no q (docs/rules.md, the family's screen). */
export const OUT_OF_FAMILY_NOTE =
  '— under q: the test was left out of the FDR family (even its most one-sided result could not be significant), so it has no q.';
