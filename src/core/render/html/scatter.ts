// Per-class recall, base against head, one point per class: above the diagonal the head finds
// more of the class, below it fewer. Point area follows the class's support; colour says how the
// comparison judged the change (regression, improvement, within noise, other).

import { scaleSqrt } from 'd3-scale';
import type { ClassDelta, ClassStatus } from '../../compare/types.js';
import { escapeHtml, truncateMiddle } from '../escape.js';
import { pct, pts, thousands } from '../format.js';
import { COLOURS, dataTable, figure, legend, linear, num, pctTick, svgOpen, xAxis, yAxis, type Frame } from './svg.js';

export type PointKind = 'regression' | 'improvement' | 'noise' | 'other';

/** The colour group of a class: precision-only regressions count as regressions too. */
export function pointKind(c: ClassDelta): PointKind {
  const s: ClassStatus = c.status;
  if (s === 'regression' || s === 'catastrophic') return 'regression';
  if (s === 'improvement') return 'improvement';
  if (s === 'noise') return 'noise';
  return 'other';
}

const KIND_WORD: Record<PointKind, string> = {
  regression: 'regression',
  improvement: 'improvement',
  noise: 'within noise',
  other: 'other (unchanged, too few, ignored)',
};

type Plotted = ClassDelta & { base: { found: number; support: number }; head: { found: number; support: number } };

/** Classes that have a recall on both sides (support > 0 in base and head). */
export function plottedClasses(classes: ClassDelta[]): Plotted[] {
  return classes.filter(
    (c): c is Plotted => c.base !== null && c.head !== null && c.base.support > 0 && c.head.support > 0,
  );
}

const FRAME: Frame = { width: 440, height: 420, left: 56, right: 16, top: 34, bottom: 44 };

/** Both axes start at the same round value below the lowest recall, so the diagonal stays y = x. */
export function recallFloor(classes: Plotted[]): number {
  const lowest = Math.min(1, ...classes.flatMap((c) => [c.base.found / c.base.support, c.head.found / c.head.support]));
  return Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
}

function pointTitle(c: Plotted): string {
  return `${c.name} (${c.split}): found ${c.base.found}/${c.base.support} → ${c.head.found}/${c.head.support}, ${pts(c.delta)}, ${c.status}`;
}

/** The scatter of one split's classes, with its table. `index` makes the ids unique. */
export function scatterFigure(split: string, classes: ClassDelta[], index: number, many: string): string {
  const shown = plottedClasses(classes);
  const f = FRAME;
  const lo = recallFloor(shown);
  const x = linear([lo, 1], [f.left, f.width - f.right]);
  const y = linear([lo, 1], [f.height - f.bottom, f.top]);
  const maxSupport = Math.max(1, ...shown.map((c) => c.base.support));
  const r = scaleSqrt().domain([0, maxSupport]).range([2, 14]);
  // Large points first, so small ones stay visible on top.
  const order = [...shown].sort((a, b) => b.base.support - a.base.support);
  const points = order.map((c) => {
    const kind = pointKind(c);
    const cx = num(x(c.base.found / c.base.support));
    const cy = num(y(c.head.found / c.head.support));
    return `<circle class="pt pt-${kind}" cx="${cx}" cy="${cy}" r="${num(r(c.base.support))}" fill="${COLOURS[kind]}"><title>${escapeHtml(pointTitle(c))}</title></circle>`;
  });
  const id = `scatter-${index}`;
  const diag = `<line class="diagonal" x1="${num(x(lo))}" y1="${num(y(lo))}" x2="${num(x(1))}" y2="${num(y(1))}"/>`;
  const kinds: PointKind[] = ['regression', 'improvement', 'noise', 'other'];
  const svg =
    svgOpen(f, `${id}-caption`, 'scatter') +
    xAxis(x, f, 5, pctTick, 'base recall') +
    yAxis(y, f, 5, pctTick, 'head recall') +
    diag +
    `<g class="points">${points.join('')}</g>` +
    legend(
      kinds.map((k) => ({ colour: COLOURS[k], label: k === 'other' ? 'other' : KIND_WORD[k] })),
      f.left,
      16,
    ) +
    '</svg>';
  const caption = `Per-${many === 'labels' ? 'label' : 'class'} recall, base against head (${escapeHtml(split)}): ${thousands(shown.length)} ${many}; point area = base support`;
  const left = classes.length - shown.length;
  const note =
    (lo > 0 ? `Both axes start at ${pctTick(lo)}. ` : '') +
    (left
      ? `${thousands(left)} ${many} not drawn: no examples on one side (added, removed or absent from the split).`
      : '');
  return figure(id, caption, svg, scatterTable(order), note);
}

function scatterTable(rows: Plotted[]): string {
  return dataTable(
    ['name', 'base support', 'base recall', 'head recall', 'judged'],
    rows.map((c) => [
      `<bdi>${escapeHtml(truncateMiddle(c.name, 200))}</bdi>`,
      thousands(c.base.support),
      pct(c.base.found / c.base.support),
      pct(c.head.found / c.head.support),
      escapeHtml(KIND_WORD[pointKind(c)]),
    ]),
    [false, true, true, true, false],
  );
}
