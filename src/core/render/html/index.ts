// The HTML report: one self-contained page (no network, no external file, works offline) with
// the comparison as pictures: headline changes with intervals, recall by support band, per-class
// recall base against head, the confusion matrix, and the per-class table, sortable and
// filterable. Pure: a Comparison (and the reports for the confusion matrix) in, a string out.
// Every string from data goes through escapeHtml; the only script is ./script.ts, constant.

import type { Comparison } from '../../compare/types.js';
import type { Report } from '../../report/types.js';
import { escapeHtml, truncateEnd, truncateMiddle } from '../escape.js';
import { VERDICT_WORD } from '../sections.js';
import { splitOrder } from '../select.js';
import { bandsFigure } from './bands.js';
import { CONFUSION_TOP_K, confusionFigure } from './confusion.js';
import { headlineFigure } from './headline.js';
import { scatterFigure } from './scatter.js';
import { TABLE_SCRIPT } from './script.js';
import { PAGE_STYLE } from './style.js';
import { classTable } from './table.js';

/** No network at all: nothing may be fetched, framed or posted; inline style and script only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export interface HtmlReportInput {
  comparison: Comparison;
  /** The head report: its confusion matrix is drawn. */
  head: Report;
  /** Classes drawn in the confusion heatmap when there are more (default 25). */
  confusionTopK?: number;
}

function section(id: string, title: string, body: string): string {
  return body ? `<section id="${id}-section"><h2>${title}</h2>${body}</section>` : '';
}

function sideLine(which: string, side: Comparison['head'] | null): string {
  if (!side) return `<li>${which}: none (no baseline)</li>`;
  const parts = [
    side.source,
    side.commit ? `commit ${side.commit.slice(0, 12)}` : undefined,
    side.toolVersion ? `modelgate ${side.toolVersion}` : undefined,
  ]
    .filter((p): p is string => !!p)
    .map((p) => escapeHtml(truncateMiddle(p, 200)));
  return `<li>${which}: ${parts.join(' · ') || '—'}</li>`;
}

function header(cmp: Comparison): string {
  const word = VERDICT_WORD[cmp.verdict] ?? String(cmp.verdict);
  const reasons = cmp.reasons.map((r) => `<li>${escapeHtml(truncateEnd(r, 600))}</li>`).join('');
  return (
    `<header><h1>modelgate report: <span class="verdict verdict-${escapeHtml(cmp.verdict)}">${escapeHtml(word)}</span></h1>` +
    (reasons ? `<ul class="reasons">${reasons}</ul>` : '') +
    `<ul class="sides">${sideLine('base', cmp.base)}${sideLine('head', cmp.head)}</ul></header>`
  );
}

/** The split whose confusion matrix is drawn: test, else validation, else the head's first. */
export function mainSplit(head: Report): string | null {
  const names = Object.keys(head.splits);
  return names.find((s) => s === 'test') ?? names.find((s) => s === 'validation') ?? names[0] ?? null;
}

export function renderHtmlReport(input: HtmlReportInput): string {
  const cmp = input.comparison;
  const many = cmp.task === 'multilabel' ? 'labels' : 'classes';
  const order = splitOrder(cmp);
  const classSplits = [...new Set(cmp.classes.map((c) => c.split))].sort(
    (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
  const scatters =
    cmp.verdict === 'no-baseline'
      ? ''
      : classSplits
          .map((s, i) =>
            scatterFigure(
              s,
              cmp.classes.filter((c) => c.split === s),
              i,
              many,
            ),
          )
          .join('');
  const aggs = cmp.classAggregates ?? [];
  const bands =
    aggs
      .filter((a) => a.bands.length > 0)
      .map((a, i) => bandsFigure(a, i, many))
      .join('') ||
    (aggs.some((a) => a.oneBand)
      ? `<p class="note">Every ${many === 'labels' ? 'label' : 'class'} falls in one support band: its macro recall is the headline recall_macro above.</p>`
      : '');
  const split = mainSplit(input.head);
  const confusion = split
    ? confusionFigure(input.head.splits[split], split, input.head.classes, input.confusionTopK ?? CONFUSION_TOP_K)
    : '';
  const body = [
    header(cmp),
    section('headline', 'Headline metrics and gaps', headlineFigure(cmp.headline, cmp.gaps)),
    section('bands', 'Recall by support band', bands),
    section('scatter', `Per-${many === 'labels' ? 'label' : 'class'} recall`, scatters),
    section('confusion', 'Confusion matrix', confusion),
    section('table', `Every ${many === 'labels' ? 'label' : 'class'}`, classTable(cmp, many)),
    `<footer>Made by modelgate${cmp.head.toolVersion ? ` ${escapeHtml(truncateEnd(cmp.head.toolVersion, 30))}` : ''} from the comparison of the two reports. Self-contained: it loads nothing from the network.</footer>`,
  ].join('\n');
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>modelgate report: ${escapeHtml(VERDICT_WORD[cmp.verdict] ?? String(cmp.verdict))}</title>` +
    `<style>${PAGE_STYLE}</style></head>\n<body>\n${body}\n<script>${TABLE_SCRIPT}</script>\n</body></html>\n`
  );
}
