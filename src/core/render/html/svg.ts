// Small SVG building blocks shared by the charts: numbers, axes, legends, the accessible
// frame. Charts are strings built from the data; scales and tick values come from d3-scale.
//
// Why d3-scale and string SVG rather than a charting library that renders whole charts: measured
// on this machine (485-point scatter, esbuild --minify, Node 20), vega + vega-lite `view.toSVG()`
// bundled to 799 KB (275 KB gzipped), took 76 ms to load and 89 ms per chart and wrote a 178 KB
// SVG; d3-scale bundled to 28 KB (11 KB gzipped), loads in 3 ms and the same chart renders in
// 2 ms as a 32 KB SVG. The charts here are simple (points, bars, whiskers, cells), so the
// well-kept part worth borrowing is the scale and tick arithmetic, and the markup stays ours,
// escaped in one place.

import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { escapeHtml } from '../escape.js';

export type Linear = ScaleLinear<number, number>;

export const COLOURS = {
  regression: '#c62828',
  improvement: '#2e7d32',
  noise: '#757575',
  other: '#bdbdbd',
  base: '#90a4ae',
  head: '#1565c0',
  axis: '#616161',
  grid: '#e0e0e0',
} as const;

/** A coordinate with one decimal: enough on screen, and the markup stays small. */
export function num(x: number): string {
  return String(Math.round(x * 10) / 10);
}

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function linear(domain: [number, number], range: [number, number]): Linear {
  return scaleLinear().domain(domain).range(range);
}

/** Opens an SVG named by its caption (`labelId`), so a screen reader announces what it shows. */
export function svgOpen(f: Frame, labelId: string, cls: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart ${cls}" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-labelledby="${labelId}">`;
}

/** Horizontal axis at the bottom of the frame, with grid lines up to the top. */
export function xAxis(x: Linear, f: Frame, ticks: number, fmt: (v: number) => string, title: string): string {
  const y0 = f.height - f.bottom;
  const parts = x.ticks(ticks).map((t) => {
    const px = num(x(t));
    return `<line class="grid" x1="${px}" x2="${px}" y1="${f.top}" y2="${y0}"/><text class="tick" x="${px}" y="${y0 + 14}" text-anchor="middle">${escapeHtml(fmt(t))}</text>`;
  });
  const mid = num((f.left + f.width - f.right) / 2);
  return `<g class="axis x">${parts.join('')}<line class="domain" x1="${f.left}" x2="${f.width - f.right}" y1="${y0}" y2="${y0}"/><text class="axis-title" x="${mid}" y="${y0 + 32}" text-anchor="middle">${escapeHtml(title)}</text></g>`;
}

/** Vertical axis at the left of the frame, with grid lines across. */
export function yAxis(y: Linear, f: Frame, ticks: number, fmt: (v: number) => string, title: string): string {
  const x1 = f.width - f.right;
  const parts = y.ticks(ticks).map((t) => {
    const py = num(y(t));
    return `<line class="grid" x1="${f.left}" x2="${x1}" y1="${py}" y2="${py}"/><text class="tick" x="${f.left - 6}" y="${py}" dy="0.32em" text-anchor="end">${escapeHtml(fmt(t))}</text>`;
  });
  const mid = num((f.top + f.height - f.bottom) / 2);
  return `<g class="axis y">${parts.join('')}<line class="domain" x1="${f.left}" x2="${f.left}" y1="${f.top}" y2="${f.height - f.bottom}"/><text class="axis-title" transform="translate(12 ${mid}) rotate(-90)" text-anchor="middle">${escapeHtml(title)}</text></g>`;
}

/** A row of colour swatches with their names, at (x, y). */
export function legend(
  items: { colour: string; label: string; shape?: 'circle' | 'rect' }[],
  x: number,
  y: number,
): string {
  let at = x;
  const parts = items.map((it) => {
    const mark =
      it.shape === 'rect'
        ? `<rect x="${at}" y="${y - 8}" width="10" height="10" fill="${it.colour}"/>`
        : `<circle cx="${at + 5}" cy="${y - 3}" r="5" fill="${it.colour}"/>`;
    const s = `${mark}<text class="legend-text" x="${at + 14}" y="${y}">${escapeHtml(it.label)}</text>`;
    at += 22 + it.label.length * 6.5;
    return s;
  });
  return `<g class="legend">${parts.join('')}</g>`;
}

/** "72.4%" for axis ticks and labels (fractions in, percent out). */
export function pctTick(v: number): string {
  return `${Math.round(v * 1000) / 10}%`;
}

/** A figure: caption (the chart's name), the chart, and the same data as a table in <details>. */
export function figure(id: string, caption: string, svg: string, table: string, note = ''): string {
  return (
    `<figure class="chart-figure" id="${id}"><figcaption id="${id}-caption">${caption}</figcaption>${svg}` +
    (note ? `<p class="note">${note}</p>` : '') +
    `<details class="data"><summary>The data as a table</summary>${table}</details></figure>`
  );
}

/** An HTML table; cells are already escaped markup. `num` columns align right. */
export function dataTable(head: string[], rows: string[][], numeric: boolean[] = [], cls = 'data-table'): string {
  const th = head.map((h, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="${cls}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}
