// The per-class table of the HTML report: every class of every judged split, worst first,
// sortable by any column and filterable by name and status (./script.ts). Numeric cells carry
// their raw value in data-v, so sorting never parses formatted text. When the predictions came
// with scores, each class's average precision (base, head) is a column too.

import type { ClassDelta, ClassScoreDelta, Comparison } from '../../compare/types.js';
import { escapeHtml, truncateMiddle } from '../escape.js';
import { OUT_OF_FAMILY_NOTE, pValue, pct, pts, thousands } from '../format.js';
import { groupClasses, outsideFamily, recallQ, recallStatus } from '../select.js';

interface Column {
  title: string;
  type: 'num' | 'text';
  cell: (c: ClassDelta) => { html: string; value?: number | null };
}

const recall = (s: { found: number; support: number } | null): number | null =>
  s && s.support > 0 ? s.found / s.support : null;

/** The q cell: a p left out of the FDR family is not a q, so it shows as "—" (explained in the caption). */
function qCell(c: ClassDelta): { html: string; value: number | null } {
  const q = recallQ(c);
  return q === undefined ? { html: '—', value: null } : { html: escapeHtml(pValue(q)), value: q };
}

/** The recall judgement (a recall table), with a precision regression beside it. */
function statusCell(c: ClassDelta): string {
  const recall = escapeHtml(recallStatus(c));
  return c.precision?.status === 'regression' ? `${recall}; precision regression` : recall;
}

/** The filter's words for a row: its recall status, and "precision-regression" when precision regressed. */
function statusTokens(c: ClassDelta): string[] {
  return c.precision?.status === 'regression' ? [recallStatus(c), 'precision-regression'] : [recallStatus(c)];
}

/** Average precision columns, one per side, from the comparison's per-class scores; none without scores. */
function apColumns(cmp: Comparison, noBase: boolean): Column[] {
  const rows = cmp.diagnostics?.classScores ?? [];
  if (rows.length === 0) return [];
  const byClass = new Map(rows.map((r) => [JSON.stringify([r.split, r.name]), r]));
  const of = (c: ClassDelta): ClassScoreDelta | undefined => byClass.get(JSON.stringify([c.split, c.name]));
  const ap = (side: 'apBase' | 'apHead', title: string): Column => ({
    title,
    type: 'num',
    cell: (c) => {
      const v = of(c)?.[side] ?? null;
      return { html: v === null ? '—' : v.toFixed(3), value: v };
    },
  });
  return noBase ? [ap('apHead', 'head AP')] : [ap('apBase', 'base AP'), ap('apHead', 'head AP')];
}

function columns(noBase: boolean, many: string): Column[] {
  const name: Column = {
    title: many === 'labels' ? 'label' : 'class',
    type: 'text',
    cell: (c) => ({
      html: c.name.trim() ? `<bdi>${escapeHtml(truncateMiddle(c.name, 300))}</bdi>` : '<i>(blank name)</i>',
    }),
  };
  const split: Column = { title: 'split', type: 'text', cell: (c) => ({ html: escapeHtml(c.split) }) };
  const found = (side: 'base' | 'head'): Column => ({
    title: `${side} found`,
    type: 'num',
    cell: (c) => ({
      html: c[side] ? `${thousands(c[side]!.found)}/${thousands(c[side]!.support)}` : '—',
      value: c[side]?.support ?? null,
    }),
  });
  const rec = (side: 'base' | 'head'): Column => ({
    title: `${side} recall`,
    type: 'num',
    cell: (c) => ({ html: pct(recall(c[side])), value: recall(c[side]) }),
  });
  if (noBase) return [name, split, found('head'), rec('head')];
  return [
    name,
    split,
    found('base'),
    rec('base'),
    found('head'),
    rec('head'),
    { title: 'change', type: 'num', cell: (c) => ({ html: pts(c.delta), value: c.delta }) },
    { title: 'q', type: 'num', cell: qCell },
    { title: 'status', type: 'text', cell: (c) => ({ html: statusCell(c) }) },
  ];
}

function cellHtml(col: Column, c: ClassDelta): string {
  const { html, value } = col.cell(c);
  if (col.type === 'text') return `<td>${html}</td>`;
  const v = value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
  return `<td class="num" data-v="${v}">${html}</td>`;
}

/** The controls and the table; '' when there are no classes. */
export function classTable(cmp: Comparison, many: string): string {
  const all = groupClasses(cmp).all;
  if (all.length === 0) return '';
  const noBase = cmp.verdict === 'no-baseline';
  const cols = [...columns(noBase, many), ...apColumns(cmp, noBase)];
  const caveat = !noBase && all.some(outsideFamily) ? `. ${escapeHtml(OUT_OF_FAMILY_NOTE)}` : '';
  const head = cols
    .map(
      (col, i) =>
        `<th scope="col" aria-sort="none"${col.type === 'num' ? ' class="num"' : ''}><button type="button" data-col="${i}" data-type="${col.type}">${escapeHtml(col.title)}</button></th>`,
    )
    .join('');
  const rows = all.map(
    (c) =>
      `<tr data-status="${escapeHtml(statusTokens(c).join(' '))}">${cols.map((col) => cellHtml(col, c)).join('')}</tr>`,
  );
  const statuses = [...new Set(all.flatMap(statusTokens))];
  const options = [
    '<option value="">every status</option>',
    ...statuses.map((s) => `<option value="${escapeHtml(s)}">${escapeHtml(s)}</option>`),
  ];
  return (
    `<div class="controls"><label>Find <input type="search" id="class-filter" placeholder="name contains…" autocomplete="off"></label> ` +
    `<label>Status <select id="status-filter">${options.join('')}</select></label> ` +
    `<span id="shown-count" aria-live="polite">${thousands(all.length)} of ${thousands(all.length)}</span></div>` +
    `<table class="data-table sortable" id="classes"><caption>Every ${many === 'labels' ? 'label' : 'class'} of every judged split, worst first; click a column to sort${caveat}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}
