// The comment must stay under GitHub's limit for any number of classes and any names, keep
// what matters (verdict, headline, gaps, regressions), give up the least important sections
// first, and remain valid Markdown when cut.

import type { Comparison } from '../../../src/core/compare/types.js';
import { utf8Length } from '../../../src/core/render/budget.js';
import { commentMarker } from '../../../src/core/render/marker.js';
import { renderComment, renderSummary, type RenderContext } from '../../../src/core/render/index.js';
import { HOSTILE, bigComparison, longLabel, multilabel485 } from '../../helpers/comparisons.js';
import { markdownProblems } from '../../helpers/markdown.js';

const CTX: RenderContext = {
  key: 'model-a',
  runUrl: 'https://github.com/acme/ml/actions/runs/42',
  baseCommit: '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
  baseCommitUrl: 'https://github.com/acme/ml/commit/3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
  reportPath: 'modelgate-output/report.json',
};
const LINKS = [CTX.runUrl!, CTX.baseCommitUrl!];
const MARKER = commentMarker(CTX.key);

const padTo = (s: string, n: number): string => (s + ' ').repeat(Math.ceil(n / (s.length + 1))).slice(0, n);
const NAMES: Record<string, (i: number) => string> = {
  short: (i) => `class_${i}`,
  long200: (i) => longLabel(i),
  hostile200: (i) => `${i} ` + padTo(HOSTILE[i % HOSTILE.length] || 'blank', 195),
  pipes200: (i) => '|'.repeat(194) + String(i).padStart(6, '0'), // every character escapes to 6
  astral: (i) => '🐈'.repeat(99) + String(i), // surrogate pairs: 2 UTF-16 units each
};

/** Checks that hold for every rendering, cut or not. */
function checkEssentials(md: string, cmp: Comparison, limit: number): void {
  expect(md.length).toBeLessThanOrEqual(limit);
  expect(markdownProblems(md, { marker: MARKER, allowedLinks: LINKS })).toEqual([]);
  const lines = md.split('\n');
  expect(lines[0]).toBe(MARKER);
  expect(lines[1].startsWith('❌ **modelgate: fail**')).toBe(true);
  expect(md).toContain('| split | metric | base | head |');
}

/** Lower-ranked sections must be gone before higher-ranked ones are cut. */
function checkShrinkOrder(md: string, cmp: Comparison): void {
  const cut = (what: string): boolean => new RegExp(`… [\\d,]+ more ${what}:`).test(md);
  if (cut('improvements') || (cmp.classes.some((c) => c.status === 'improvement') && !md.includes('- ✅ '))) {
    expect(md).not.toContain('<summary>All ');
    expect(md).not.toContain('<summary>Which ');
  }
  if (cut('regressions')) expect(md).not.toContain('- ✅ ');
}

describe.each(Object.keys(NAMES))('comment length with %s names', (kind) => {
  it.each([0, 1, 50, 485, 2000, 5000])('%i classes', (n) => {
    const cmp = bigComparison(n, NAMES[kind], n <= 485 ? ['validation', 'test'] : ['test']);
    const md = renderComment(cmp, CTX);
    checkEssentials(md, cmp, 65536 - 1000);
    checkShrinkOrder(md, cmp);
    const first = cmp.classes.find((c) => c.status === 'catastrophic');
    if (first) expect(md).toContain('none found now');
    if (n > 0) expect(md).toMatch(/\*\*Per-label recall regressions\*\* \([\d,]+/);
    if (n >= 2000)
      expect(md).toMatch(
        /… [\d,]+ more (rows|regressions|improvements|labels|names): the full report is in the \[job summary\]/,
      );
  });
});

describe('comment length against the limit', () => {
  const cmp = multilabel485();

  it.each([2500, 5000, 10_000, 30_000, 65_536])('fits %i characters and stays valid', (limit) => {
    const md = renderComment(cmp, { ...CTX, maxLength: limit });
    expect(md.length).toBeLessThanOrEqual(limit);
    expect(markdownProblems(md, { marker: MARKER, allowedLinks: LINKS })).toEqual([]);
    expect(md.split('\n')[1].startsWith('⚠️ **modelgate: warn**')).toBe(true);
    checkShrinkOrder(md, cmp);
  });

  it('uses the room it has: a larger limit shows more', () => {
    const sizes = [5000, 10_000, 30_000, 65_536].map(
      (limit) => renderComment(cmp, { ...CTX, maxLength: limit }).length,
    );
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes[3]).toBeGreaterThan(60_000);
  });

  it('gives up the full table first, then noise, then improvements, keeping regressions', () => {
    const at = (limit: number): string => renderComment(cmp, { ...CTX, maxLength: limit });
    const regressions = cmp.classes.filter((c) => c.status === 'regression' || c.status === 'catastrophic').length;
    const items = (md: string, prefix: string): number => md.split('\n').filter((l) => l.startsWith(prefix)).length;
    const big = at(65_536);
    expect(big).toContain('<summary>All ');
    const mid = at(12_000);
    expect(mid).not.toContain('<summary>All ');
    expect(items(mid, '- ✅ ')).toBe(cmp.classes.filter((c) => c.status === 'improvement').length);
    expect(mid).toContain('The per-label table (970 rows) did not fit here');
    expect(items(mid, '- ⚠️ ')).toBe(regressions);
    const smaller = at(6000);
    expect(items(smaller, '- ⚠️ ')).toBe(regressions);
    expect(smaller).not.toContain('<summary>Which labels</summary>');
    expect(smaller).toMatch(/… [\d,]+ more improvements: /);
    const small = at(4000);
    expect(items(small, '- ⚠️ ')).toBeGreaterThan(0);
    expect(items(small, '- ⚠️ ')).toBeLessThan(regressions);
    expect(items(small, '- ✅ ')).toBe(0);
    expect(small).toMatch(/… [\d,]+ more regressions: the full report is in the \[job summary\]/);
  });

  it('falls back to verdict and pointer when even the essentials do not fit', () => {
    const huge = { ...cmp, reasons: ['x'.repeat(100_000), 'y'.repeat(100_000)] };
    const md = renderComment(huge, { ...CTX, maxLength: 700 });
    expect(md.length).toBeLessThanOrEqual(700);
    expect(md.startsWith(MARKER + '\n⚠️ **modelgate: warn**')).toBe(true);
    expect(md).toContain('did not fit here');
    expect(markdownProblems(md, { marker: MARKER, allowedLinks: LINKS })).toEqual([]);
  });

  it('counts UTF-16 units, so astral names cannot overflow', () => {
    const big = bigComparison(5000, NAMES.astral);
    const md = renderComment(big, { ...CTX, maxLength: 20_000 });
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(Array.from(md).length).toBeLessThan(md.length); // there were surrogate pairs to count
  });
});

describe('job summary length', () => {
  it('keeps every row when it fits, and caps 5,000 long names on two splits at 1 MiB of UTF-8', () => {
    const cmp = bigComparison(5000, NAMES.long200, ['validation', 'test']);
    const md = renderSummary(cmp, CTX);
    expect(utf8Length(md)).toBeLessThanOrEqual(1024 * 1024);
    expect(utf8Length(md)).toBeGreaterThan(900 * 1024);
    expect(markdownProblems(md, { allowedLinks: LINKS })).toEqual([]);
    // The summary keeps the full table ahead of the lists it repeats, and cuts it with a pointer.
    expect(md).toMatch(/… [\d,]+ more rows: the full report is in modelgate-output\/report\.json\.\n\n<\/details>/);
    expect(md).toMatch(
      /\*\*Improvements\*\* \(1,112\): not listed here; the full report is in modelgate-output\/report\.json\./,
    );
  });

  it('honours a smaller cap', () => {
    const cmp = bigComparison(2000, NAMES.hostile200);
    const md = renderSummary(cmp, { ...CTX, summaryMaxBytes: 50_000 });
    expect(utf8Length(md)).toBeLessThanOrEqual(50_000);
    expect(markdownProblems(md, { allowedLinks: LINKS })).toEqual([]);
  });
});
