// The head model's confusion matrix as a heatmap: rows are the true class, columns the
// prediction, colour the share of the row's examples. With many classes only the top k are
// drawn: the classes with the most errors either way (false negatives + false positives), which
// are where the matrix has something to show.

import { scaleLinear } from 'd3-scale';
import type { SplitReport } from '../../report/types.js';
import { escapeHtml, truncateMiddle } from '../escape.js';
import { pct, thousands } from '../format.js';
import { dataTable, figure, num, type Frame } from './svg.js';

/** Classes drawn when the report has more. */
export const CONFUSION_TOP_K = 25;

/** Indices of the k classes with the most errors (fn + fp), in the report's class order. */
export function topConfusedClasses(split: SplitReport, k: number): number[] {
  const pc = split.perClass;
  const C = pc.support.length;
  if (C <= k) return Array.from({ length: C }, (_, i) => i);
  const errors = (i: number) => pc.fn[i] + pc.fp[i];
  const ranked = Array.from({ length: C }, (_, i) => i).sort((a, b) => errors(b) - errors(a) || a - b);
  return ranked.slice(0, k).sort((a, b) => a - b);
}

/** count(truth t, prediction p) from a dense or sparse matrix (sparse keeps the diagonal in perClass.tp). */
export function confusionCell(split: SplitReport): ((t: number, p: number) => number) | null {
  const cf = split.confusion;
  if (!cf) return null;
  const C = split.perClass.support.length;
  if (cf.format === 'dense' && cf.counts) {
    const m = cf.counts;
    return (t, p) => m[t * C + p];
  }
  const cells = new Map<number, number>();
  for (const [t, p, v] of cf.cells ?? []) cells.set(t * C + p, v);
  return (t, p) => (t === p ? split.perClass.tp[t] : (cells.get(t * C + p) ?? 0));
}

const shade = scaleLinear<string>().domain([0, 1]).range(['#f5f9ff', '#0d47a1']);

/** The heatmap of `split` with its table, or '' when the report has no confusion matrix. */
export function confusionFigure(split: SplitReport, splitName: string, classes: string[], k = CONFUSION_TOP_K): string {
  const cell = confusionCell(split);
  if (!cell) return '';
  const shown = topConfusedClasses(split, k);
  const n = shown.length;
  const size = Math.max(12, Math.min(28, Math.floor(500 / Math.max(1, n))));
  const label = (i: number) => truncateMiddle(classes[i] ?? `#${i}`, 20);
  // Room for the longest label (about 6.5 px a character; column labels are turned 60°).
  const longest = Math.max(1, ...shown.map((i) => Array.from(label(i)).length));
  const left = 16 + Math.ceil(longest * 7.2);
  const top = 30 + Math.ceil(longest * 7.2 * 0.87);
  const f: Frame = { width: left + n * size + 20, height: top + n * size + 20, left, right: 20, top, bottom: 20 };
  const name = (i: number) => escapeHtml(label(i));
  const support = split.perClass.support;
  const rects: string[] = [];
  shown.forEach((t, r) => {
    shown.forEach((p, c) => {
      const v = cell(t, p);
      const rate = support[t] > 0 ? v / support[t] : 0;
      const x = f.left + c * size;
      const y = f.top + r * size;
      const title = `true ${classes[t] ?? t}, predicted ${classes[p] ?? p}: ${thousands(v)} of ${thousands(support[t])} (${pct(rate)})`;
      const text =
        size >= 20 && v > 0
          ? `<text class="cell-count" x="${num(x + size / 2)}" y="${num(y + size / 2)}" dy="0.32em" text-anchor="middle" fill="${rate > 0.5 ? '#fff' : '#000'}">${v}</text>`
          : '';
      rects.push(
        `<g><rect class="cell${t === p ? ' diag' : ''}" x="${x}" y="${y}" width="${size}" height="${size}" fill="${shade(rate)}"><title>${escapeHtml(title)}</title></rect>${text}</g>`,
      );
    });
  });
  const rowLabels = shown.map(
    (t, r) =>
      `<text class="tick" x="${f.left - 6}" y="${num(f.top + r * size + size / 2)}" dy="0.32em" text-anchor="end">${name(t)}</text>`,
  );
  const colLabels = shown.map(
    (p, c) =>
      `<text class="tick" transform="translate(${num(f.left + c * size + size / 2)} ${f.top - 6}) rotate(-60)">${name(p)}</text>`,
  );
  const id = 'confusion';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-labelledby="${id}-caption">` +
    `<text class="axis-title" x="4" y="14">rows: true class · columns: prediction</text>` +
    rowLabels.join('') +
    colLabels.join('') +
    `<g class="cells">${rects.join('')}</g></svg>`;
  const C = support.length;
  const caption =
    `Confusion matrix of the head model (${escapeHtml(splitName)})` +
    (n < C ? `: the ${thousands(n)} classes with the most errors of ${thousands(C)}` : '') +
    '; colour: share of the true class';
  return figure(id, caption, svg, confusionTable(shown, cell, classes));
}

function confusionTable(shown: number[], cell: (t: number, p: number) => number, classes: string[]): string {
  const head = [
    'true \\ predicted',
    ...shown.map((p) => `<bdi>${escapeHtml(truncateMiddle(classes[p] ?? `#${p}`, 60))}</bdi>`),
  ];
  const rows = shown.map((t) => [
    `<bdi>${escapeHtml(truncateMiddle(classes[t] ?? `#${t}`, 60))}</bdi>`,
    ...shown.map((p) => thousands(cell(t, p))),
  ]);
  return dataTable(head, rows, [false, ...shown.map(() => true)]);
}
