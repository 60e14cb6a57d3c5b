// The HTML report as a string: self-contained, every data string escaped, and as many marks in
// each chart as the data has things to draw. Expected counts come from the per-example arrays
// and the reports, never from the renderer's own helpers.

import { escapeHtml } from '../../../../src/core/render/escape.js';
import { topConfusedClasses, confusionCell } from '../../../../src/core/render/html/confusion.js';
import { REPORT_CSP, renderHtmlReport } from '../../../../src/core/render/html/index.js';
import { compareReports } from '../../../../src/core/compare/compare.js';
import { defaultRules } from '../../../../src/core/compare/rules.js';
import type { SplitReport } from '../../../../src/core/report/types.js';
import { HOSTILE_NAMES, comparedPair, manyHostileClasses, type Pair } from '../../../helpers/html-reports.js';
import { makeReport, ml } from '../../../helpers/stats-reports.js';
import { runScenario } from '../../../helpers/scenario.js';

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

/** Entities back to characters, as a browser's parser would for text and attribute values. */
function decode(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

let many: Pair;
let manyHtml: string;
let small: Pair;
let smallHtml: string;
beforeAll(() => {
  many = comparedPair(manyHostileClasses());
  manyHtml = renderHtmlReport({ comparison: many.comparison, head: many.head });
  small = comparedPair(
    Array.from({ length: 12 }, (_, i) => `digit ${i}`),
    3,
    true,
  );
  smallHtml = renderHtmlReport({ comparison: small.comparison, head: small.head });
});

describe('self-contained page', () => {
  test('one inline script, the CSP meta tag, nothing loaded from anywhere', () => {
    for (const html of [manyHtml, smallHtml]) {
      expect(count(html, /<script/gi)).toBe(1);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
      expect(REPORT_CSP).toContain("default-src 'none'");
      expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
      // No tag has a source, a link or an event handler (the hostile names hold such text, escaped).
      expect(html).not.toMatch(/<[a-z][^>]*\s(src|href|on\w+)\s*=/i);
      expect(html).not.toMatch(/url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
      expect(html).not.toMatch(/\beval\(|new Function/);
    }
  });

  test('deterministic: the same comparison gives the same bytes', () => {
    expect(renderHtmlReport({ comparison: small.comparison, head: small.head })).toBe(smallHtml);
  });
});

describe('escaping', () => {
  test('no hostile name reaches the markup raw; each one is there escaped', () => {
    expect(manyHtml).not.toContain('<script>window');
    expect(manyHtml).not.toContain('<img');
    expect(manyHtml).not.toContain("' onmouseover='");
    expect(manyHtml).not.toContain('\u202E'); // the bidi override is replaced, never passed on
    for (const name of HOSTILE_NAMES.filter((n) => n.length < 100 && !n.includes('\u202E')))
      expect(manyHtml).toContain(escapeHtml(name));
  });

  test('every <title> decodes back to text naming its class (escaped once, not twice)', () => {
    const titles = [...manyHtml.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => decode(m[1]));
    expect(titles.some((t) => t.startsWith('<script>window.__pwned=1</script> (test): found'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Tom & Jerry &amp; &lt;b&gt; (test)'))).toBe(true);
  });
});

describe('marks', () => {
  /** Classes with examples in base and head of a split: recall exists on both sides. */
  const drawable = (p: Pair, split: string) =>
    p.base.classes.filter(
      (_, i) => p.base.splits[split].perClass.support[i] > 0 && p.head.splits[split].perClass.support[i] > 0,
    ).length;

  test('one scatter point per class with examples on both sides, per judged split', () => {
    expect(count(manyHtml, /<circle class="pt pt-/g)).toBe(drawable(many, 'test'));
    expect(count(smallHtml, /<circle class="pt pt-/g)).toBe(drawable(small, 'validation') + drawable(small, 'test'));
    expect(count(smallHtml, /class="chart scatter"/g)).toBe(2);
  });

  test('point colours follow the judgement: red points are the regressed classes', () => {
    const regressed = many.comparison.classes.filter((c) => c.status === 'regression' || c.status === 'catastrophic');
    expect(regressed.length).toBeGreaterThan(0);
    expect(count(manyHtml, /class="pt pt-regression"/g)).toBe(regressed.length);
  });

  test('two bars per support band and a whisker per band interval', () => {
    // Bands are recomputed from the base supports: edges 10, 100, 1000 (the default rules).
    const support = many.base.splits.test.perClass.support;
    const bandOf = (s: number) => (s < 10 ? 0 : s < 100 ? 1 : s < 1000 ? 2 : 3);
    const bands = new Set(support.filter((s) => s > 0).map(bandOf)).size;
    expect(count(manyHtml, /class="bar bar-base"/g)).toBe(bands);
    expect(count(manyHtml, /class="bar bar-head"/g)).toBe(bands);
    const withCi = many.comparison.classAggregates![0].bands.filter((b) => b.ci).length;
    expect(count(manyHtml, /<g class="whisker">/g)).toBe(withCi);
  });

  test('one forest dot per headline metric and gap with a change', () => {
    const rows = [...small.comparison.headline, ...small.comparison.gaps].filter((r) => r.delta !== null);
    expect(rows.length).toBeGreaterThan(0);
    expect(count(smallHtml, /class="fp-dot"/g)).toBe(rows.length);
  });

  test('one table row per class and split, and the filter shows them all at first', () => {
    const rows = manyHtml.slice(manyHtml.indexOf('id="classes"')).match(/<tr data-status=/g) ?? [];
    expect(rows.length).toBe(many.comparison.classes.length);
  });
});

describe('confusion heatmap', () => {
  test('small: every class, k x k cells, counts as in the per-example arrays', () => {
    const C = small.head.classes.length;
    const cells = smallHtml.match(/<rect class="cell[^"]*"/g) ?? [];
    expect(cells.length).toBe(C * C);
    // truth 0 predicted 0 on the test split, counted from the arrays.
    let n = 0;
    for (let i = 0; i < small.truth.length; i++) if (small.truth[i] === 0 && small.headPred[i] === 0) n++;
    expect(smallHtml).toContain(`<title>true digit 0, predicted digit 0: ${n} of`);
  });

  test('485 classes: the 25 with the most errors either way, counted from the arrays', () => {
    const C = many.head.classes.length;
    const errors = new Array<number>(C).fill(0);
    for (let i = 0; i < many.truth.length; i++)
      if (many.truth[i] !== many.headPred[i]) {
        errors[many.truth[i]]++; // a false negative of the true class
        errors[many.headPred[i]]++; // a false positive of the predicted one
      }
    const want = [...errors.keys()]
      .sort((a, b) => errors[b] - errors[a] || a - b)
      .slice(0, 25)
      .sort((a, b) => a - b);
    expect(topConfusedClasses(many.head.splits.test, 25)).toEqual(want);
    expect(count(manyHtml, /<rect class="cell/g)).toBe(25 * 25);
    expect(manyHtml).toContain('the 25 classes with the most errors of 485');
  });

  test('a sparse matrix gives the same cells as the dense one', () => {
    const dense = small.head.splits.test;
    const C = small.head.classes.length;
    const cellsOf: [number, number, number][] = [];
    for (let t = 0; t < C; t++)
      for (let p = 0; p < C; p++)
        if (t !== p && dense.confusion!.counts![t * C + p] > 0)
          cellsOf.push([t, p, dense.confusion!.counts![t * C + p]]);
    const sparse: SplitReport = { ...dense, confusion: { format: 'sparse', cells: cellsOf, truncated: 0 } };
    const a = confusionCell(dense)!;
    const b = confusionCell(sparse)!;
    for (let t = 0; t < C; t++) for (let p = 0; p < C; p++) expect(b(t, p)).toBe(a(t, p));
  });
});

describe('without a baseline', () => {
  test('head figures only: no scatter, no bands, the table has the head columns', () => {
    const cmp = compareReports(null, small.head, defaultRules('multiclass'));
    const html = renderHtmlReport({ comparison: cmp, head: small.head });
    expect(html).not.toContain('class="chart scatter"');
    expect(html).not.toContain('class="chart bands"');
    expect(html).toContain('no baseline');
  });
});

describe('multi-label', () => {
  test('labels, not classes; one point per label with positives; no confusion matrix', () => {
    const labels = ['red', 'green', 'blue'];
    const truth = Array.from({ length: 120 }, (_, i) => [i % 3, ...(i % 4 === 0 ? [(i + 1) % 3] : [])]);
    const base = makeReport('multilabel', labels, { test: ml(truth, truth) });
    const head = makeReport('multilabel', labels, {
      test: ml(
        truth,
        truth.map((t, i) => (i % 5 === 0 ? [] : t)),
      ),
    });
    const cmp = compareReports(base, head, defaultRules('multilabel'));
    const html = renderHtmlReport({ comparison: cmp, head });
    expect(count(html, /<circle class="pt pt-/g)).toBe(3);
    expect(html).toContain('Per-label recall');
    expect(html).not.toContain('class="chart heatmap"');
  });
});

describe('average precision columns', () => {
  /** Column titles, and each row's cells as [html, data-v]. */
  function table(html: string): { titles: string[]; rows: [string, string | undefined][][] } {
    const t = html.slice(html.indexOf('<table class="data-table sortable" id="classes">'));
    const body = t.slice(0, t.indexOf('</table>'));
    const titles = [...body.matchAll(/data-type="\w+">([^<]*)<\/button>/g)].map((m) => m[1]);
    const rows = [...body.matchAll(/<tr data-status[^>]*>(.*?)<\/tr>/g)].map((r) =>
      [...r[1].matchAll(/<td(?: class="num" data-v="([^"]*)")?>(.*?)<\/td>/g)].map(
        (c) => [c[2], c[1]] as [string, string | undefined],
      ),
    );
    return { titles, rows };
  }

  test("with scores: base AP and head AP of every row are the reports' own values", async () => {
    const { base, head, comparison } = await runScenario('diagnostics-digits', { head: 'head-threshold' });
    const { titles, rows } = table(renderHtmlReport({ comparison, head }));
    const [b, h] = [titles.indexOf('base AP'), titles.indexOf('head AP')];
    expect(b).toBeGreaterThan(0);
    expect(h).toBe(b + 1);
    expect(rows.length).toBe(comparison.classes.length);
    for (const cells of rows) {
      const name = decode(cells[0][0].replace(/<\/?bdi>/g, ''));
      const split = decode(cells[1][0]);
      const [bv, hv] = [
        base!.splits[split].scores!.averagePrecision[base!.classes.indexOf(name)]!,
        head.splits[split].scores!.averagePrecision[head.classes.indexOf(name)]!,
      ];
      expect(cells[b]).toEqual([bv.toFixed(3), String(bv)]);
      expect(cells[h]).toEqual([hv.toFixed(3), String(hv)]);
    }
  });

  test('without a baseline: head AP only; without scores: no AP column', async () => {
    const { head, comparison } = await runScenario('diagnostics-digits', { head: 'head-threshold' });
    // A first run lists no classes here, so render this comparison as one without a baseline.
    const { titles, rows } = table(renderHtmlReport({ comparison: { ...comparison, verdict: 'no-baseline' }, head }));
    expect(titles.filter((t) => t.includes('AP'))).toEqual(['head AP']);
    expect(rows[0]).toHaveLength(titles.length);
    expect(table(smallHtml).titles.filter((t) => t.includes('AP'))).toEqual([]);
    expect(small.head.splits.test.scores).toBeUndefined();
  });
});
