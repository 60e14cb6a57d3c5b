// Headline metrics and generalization gaps per split: one row per (split, metric) or (gap,
// metric), the change head - base as a dot and its interval as a line, around zero. Colour is
// the judgement (fail, warn, ok), so a long interval that crosses zero reads as "not shown".

import type { GapDelta, Level, MetricDelta } from '../../compare/types.js';
import { LOWER_IS_BETTER } from '../../report/types.js';
import { escapeHtml, truncateEnd } from '../escape.js';
import { change, decimalsFor, pct, pts } from '../format.js';
import { COLOURS, dataTable, figure, legend, linear, num, svgOpen, xAxis, type Frame } from './svg.js';

export interface ForestRow {
  label: string;
  base: number | null;
  head: number | null;
  delta: number | null;
  ci?: { lo: number; hi: number; level: number };
  level: Level;
  /** A gap's values are differences, shown in points like its change. */
  gap: boolean;
  /** Headline rows only: a gap's direction is not its metric's, and the "widened" notes say it. */
  lowerIsBetter: boolean;
}

const LEVEL_COLOUR: Record<Level, string> = { fail: COLOURS.regression, warn: '#ef6c00', ok: COLOURS.head };
const ROW = 22;

export function forestRows(headline: MetricDelta[], gaps: GapDelta[]): ForestRow[] {
  const metric = (m: string) => truncateEnd(m, 40);
  return [
    ...headline.map((m) => ({
      label: `${truncateEnd(m.split, 30)} · ${metric(m.metric)}`,
      base: m.base,
      head: m.head,
      delta: m.delta,
      ci: m.ci,
      level: m.level,
      gap: false,
      lowerIsBetter: !m.higherIsBetter || LOWER_IS_BETTER.has(m.metric),
    })),
    ...gaps.map((g) => ({
      label: `gap ${g.gap} · ${metric(g.metric)}`,
      base: g.base,
      head: g.head,
      delta: g.delta,
      ci: g.ci,
      level: g.level,
      gap: true,
      lowerIsBetter: false,
    })),
  ];
}

/** Half-width of the change axis in fractions: covers every change and interval, at least 2 points. */
function span(rows: ForestRow[]): number {
  const ends = rows.flatMap((r) => [r.delta ?? 0, r.ci?.lo ?? 0, r.ci?.hi ?? 0]).map(Math.abs);
  return Math.max(0.02, ...ends) * 1.1;
}

function forestSvg(rows: ForestRow[], id: string): string {
  const drawn = rows.filter((r) => r.delta !== null);
  const f: Frame = { width: 640, height: 74 + drawn.length * ROW, left: 250, right: 20, top: 10, bottom: 60 };
  const s = span(drawn);
  const x = linear([-s, s], [f.left, f.width - f.right]).nice();
  const marks = drawn.map((r, i) => {
    const cy = f.top + ROW * i + ROW / 2;
    const colour = LEVEL_COLOUR[r.level];
    const [value, d] = [r.gap ? pts : pct, decimalsFor([r.base, r.head])];
    const text = `${r.label}: ${value(r.base, d)} → ${value(r.head, d)}, ${change(r.delta, r.ci, d)}`;
    const title = `<title>${escapeHtml(text + (r.lowerIsBetter ? ' (lower is better)' : ''))}</title>`;
    const whisker = r.ci
      ? `<line class="fp-ci" x1="${num(x(r.ci.lo))}" x2="${num(x(r.ci.hi))}" y1="${cy}" y2="${cy}" stroke="${colour}"/>`
      : '';
    return (
      `<text class="fp-label" x="${f.left - 8}" y="${cy}" dy="0.32em" text-anchor="end">${escapeHtml(r.label)}</text>` +
      `<g class="fp-row">${title}${whisker}<circle class="fp-dot" cx="${num(x(r.delta!))}" cy="${cy}" r="4.5" fill="${colour}"/></g>`
    );
  });
  return (
    svgOpen(f, `${id}-caption`, 'forest') +
    xAxis(
      x,
      f,
      6,
      (v) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.round(Math.abs(v) * 1000) / 10}`,
      'change, head − base (percentage points)',
    ) +
    `<line class="zero" x1="${num(x(0))}" x2="${num(x(0))}" y1="${f.top}" y2="${f.height - f.bottom}"/>` +
    marks.join('') +
    legend(
      [
        { colour: LEVEL_COLOUR.fail, label: 'fail' },
        { colour: LEVEL_COLOUR.warn, label: 'warn' },
        { colour: LEVEL_COLOUR.ok, label: 'ok' },
      ],
      f.left,
      f.height - 6,
    ) +
    '</svg>'
  );
}

/** The headline and gap changes as a forest plot with its table; the table alone without a baseline. */
export function headlineFigure(headline: MetricDelta[], gaps: GapDelta[]): string {
  const rows = forestRows(headline, gaps);
  if (rows.length === 0) return '';
  const table = dataTable(
    ['split · metric', 'base', 'head', 'change [interval]', 'judged'],
    rows.map((r) => {
      const d = decimalsFor([r.base, r.head]);
      const value = r.gap ? pts : pct;
      return [
        escapeHtml(r.label + (r.lowerIsBetter ? ' (lower is better)' : '')),
        escapeHtml(value(r.base, d)),
        escapeHtml(value(r.head, d)),
        escapeHtml(change(r.delta, r.ci, d)),
        r.level,
      ];
    }),
    [false, true, true, true, false],
  );
  const id = 'headline';
  const caption = 'Headline metrics and generalization gaps: change with its interval';
  if (!rows.some((r) => r.delta !== null))
    return `<figure class="chart-figure" id="${id}"><figcaption id="${id}-caption">Headline metrics (no baseline: head only)</figcaption>${table}</figure>`;
  return figure(
    id,
    caption,
    forestSvg(rows, id),
    table,
    'Dot: the change; line: its interval. Gaps are differences between splits, in points: a widening gap is a model fitting its training data more than it generalizes.',
  );
}
