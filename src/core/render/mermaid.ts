// Charts GitHub draws itself in a PR comment: a ```mermaid block. GitHub's Mermaid is 11.x
// (xychart appeared in 10.5 as `xychart-beta`, the name every later version still accepts); its
// xychart draws bars and lines only, and several bar series land on top of each other, so base is
// the bars and head the line. A chart that would not draw (fewer than two bands, a value that is
// not a number) is left out: the band table next to it carries the same figures.

import type { ClassAggregate } from '../compare/types.js';
import { escapeMermaid, truncateEnd } from './escape.js';

/** "0–9", "10–99", "1000+": band names without `<` or `≥`, which Mermaid would need as entity codes. */
function bandLabel(min: number, max: number | null): string {
  return max === null ? `${min}+` : `${min}–${max - 1}`;
}

/** Recall as a percentage with one decimal, for the chart's data. */
function value(x: number): string {
  return (Math.round(x * 1000) / 10).toFixed(1);
}

/**
 * Macro recall by support band, base (bars) against head (line), for one split; null when it
 * would not render. Every label is quoted and escaped for Mermaid (./escape.ts).
 */
export function bandChart(agg: ClassAggregate): string | null {
  const bands = agg.bands;
  if (bands.length < 2) return null;
  if (bands.some((b) => !Number.isFinite(b.base) || !Number.isFinite(b.head))) return null;
  const label = (s: string) => `"${escapeMermaid(s)}"`;
  const title = `Macro recall by support band (${truncateEnd(agg.split, 40)}): bars base, line head`;
  return [
    '```mermaid',
    'xychart-beta',
    `  title ${label(title)}`,
    `  x-axis ${label('positives in base')} [${bands.map((b) => label(bandLabel(b.min, b.max))).join(', ')}]`,
    `  y-axis ${label('macro recall (%)')} 0 --> 100`,
    `  bar [${bands.map((b) => value(b.base)).join(', ')}]`,
    `  line [${bands.map((b) => value(b.head)).join(', ')}]`,
    '```',
  ].join('\n');
}
