// Macro recall by support band, base against head: rare classes are where a model change hurts
// first and where one class at a time shows nothing. Bars are the two macro recalls; the
// whisker on the head bar is the interval on the change, drawn from the base value, so a
// whisker that does not reach the base bar's top is a change the data supports.

import { bandName } from '../../compare/bands.js';
import type { BandDelta, ClassAggregate } from '../../compare/types.js';
import { escapeHtml } from '../escape.js';
import { change, decimalsFor, levelText, pct, thousands } from '../format.js';
import { COLOURS, dataTable, figure, legend, linear, num, pctTick, svgOpen, yAxis, type Frame } from './svg.js';

const FRAME: Frame = { width: 560, height: 320, left: 56, right: 16, top: 34, bottom: 48 };

function bandTitle(b: BandDelta, many: string): string {
  const ci = b.ci ? `, ${levelText(b.ci.level)} interval on the change` : '';
  return `${bandName(b.min, b.max)} positives (${b.classes} ${many}): base ${pct(b.base)} → head ${pct(b.head)}, ${change(b.delta, b.ci ?? undefined)}${ci}${b.tooFew ? ', too few to judge' : ''}`;
}

function bandMarks(b: BandDelta, i: number, step: number, y: ReturnType<typeof linear>, many: string): string {
  const f = FRAME;
  const x0 = f.left + i * step + step * 0.15;
  const w = step * 0.35;
  const title = `<title>${escapeHtml(bandTitle(b, many))}</title>`;
  const bar = (cls: string, x: number, v: number, colour: string) =>
    `<rect class="bar ${cls}" x="${num(x)}" y="${num(y(v))}" width="${num(w)}" height="${num(y(0) - y(v))}" fill="${colour}">${title}</rect>`;
  let marks = bar('bar-base', x0, b.base, COLOURS.base) + bar('bar-head', x0 + w, b.head, COLOURS.head);
  if (b.ci) {
    const cx = num(x0 + w * 1.5);
    const lo = num(y(Math.max(0, Math.min(1, b.base + b.ci.lo))));
    const hi = num(y(Math.max(0, Math.min(1, b.base + b.ci.hi))));
    marks += `<g class="whisker">${title}<line x1="${cx}" x2="${cx}" y1="${lo}" y2="${hi}"/><line x1="${num(x0 + w * 1.3)}" x2="${num(x0 + w * 1.7)}" y1="${lo}" y2="${lo}"/><line x1="${num(x0 + w * 1.3)}" x2="${num(x0 + w * 1.7)}" y1="${hi}" y2="${hi}"/></g>`;
  }
  const label = `<text class="tick" x="${num(x0 + w)}" y="${f.height - f.bottom + 14}" text-anchor="middle">${escapeHtml(bandName(b.min, b.max))}</text>`;
  return marks + label;
}

/** One split's bands as grouped bars with whiskers, and its table. */
export function bandsFigure(agg: ClassAggregate, index: number, many: string): string {
  const f = FRAME;
  const y = linear([0, 1], [f.height - f.bottom, f.top]);
  const step = (f.width - f.left - f.right) / Math.max(1, agg.bands.length);
  const marks = agg.bands.map((b, i) => bandMarks(b, i, step, y, many)).join('');
  const id = `bands-${index}`;
  const svg =
    svgOpen(f, `${id}-caption`, 'bands') +
    yAxis(y, f, 5, pctTick, 'macro recall') +
    `<line class="domain" x1="${f.left}" x2="${f.width - f.right}" y1="${num(y(0))}" y2="${num(y(0))}"/>` +
    `<g class="bars">${marks}</g>` +
    `<text class="axis-title" x="${num((f.left + f.width - f.right) / 2)}" y="${f.height - 8}" text-anchor="middle">positives in base (support band)</text>` +
    legend(
      [
        { colour: COLOURS.base, label: 'base', shape: 'rect' },
        { colour: COLOURS.head, label: 'head', shape: 'rect' },
      ],
      f.left,
      16,
    ) +
    '</svg>';
  const caption = `Macro recall by support band, base against head (${escapeHtml(agg.split)})`;
  const note = agg.interval
    ? `Whiskers: the interval on the change, drawn from the base value; ${escapeHtml(agg.interval)}.`
    : '';
  return figure(id, caption, svg, bandsTable(agg, many), note);
}

function bandsTable(agg: ClassAggregate, many: string): string {
  return dataTable(
    ['positives in base', many, 'base', 'head', 'change [interval]'],
    agg.bands.map((b) => {
      const d = decimalsFor([b.base, b.head]);
      return [
        escapeHtml(bandName(b.min, b.max)),
        thousands(b.classes),
        pct(b.base, d),
        pct(b.head, d),
        escapeHtml(change(b.delta, b.ci ?? undefined, d) + (b.tooFew ? ' (too few to judge)' : '')),
      ];
    }),
    [false, true, true, true, true],
  );
}
