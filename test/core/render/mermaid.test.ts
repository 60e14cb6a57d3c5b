// The Mermaid chart in the PR comment: drawn only where GitHub can draw it, from the band
// figures, with every label escaped for Mermaid, and always inside the comment's budget.

import { utf8Length } from '../../../src/core/render/budget.js';
import { renderComment, renderSummary } from '../../../src/core/render/comment.js';
import { escapeHtml, escapeMermaid, sanitizeText } from '../../../src/core/render/escape.js';
import { bandChart } from '../../../src/core/render/mermaid.js';
import type { ClassAggregate } from '../../../src/core/compare/types.js';
import { compareReports } from '../../../src/core/compare/compare.js';
import { defaultRules } from '../../../src/core/compare/rules.js';
import { HOSTILE_NAMES, comparedPair, manyHostileClasses, type Pair } from '../../helpers/html-reports.js';
import { HOSTILE } from '../../helpers/comparisons.js';

const blocks = (md: string) => md.match(/```mermaid\n[\s\S]*?\n```/g) ?? [];
/** Mermaid's entity codes back to characters, as Mermaid does before drawing. */
const unMermaid = (s: string) => s.replace(/#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)));

function aggregate(split: string, bands: [number, number | null, number, number][]): ClassAggregate {
  return {
    split,
    fell: 1,
    rose: 1,
    unchanged: 0,
    signP: 1,
    interval: 'paired bootstrap',
    oneBand: bands.length < 2,
    bands: bands.map(([min, max, base, head]) => ({
      min,
      max,
      classes: 3,
      positives: 30,
      base,
      head,
      delta: head - base,
      level: 'ok',
    })),
  };
}

describe('bandChart', () => {
  test('an xychart with the bands as categories, base as bars and head as a line, in percent', () => {
    const chart = bandChart(
      aggregate('test', [
        [0, 10, 0.9, 0.8],
        [10, 100, 0.95, 0.951],
        [100, null, 0.5, 0.25],
      ]),
    )!;
    const lines = chart.split('\n');
    expect(lines[0]).toBe('```mermaid');
    expect(lines[1]).toBe('xychart-beta');
    expect(chart).toContain('  bar [90.0, 95.0, 50.0]');
    expect(chart).toContain('  line [80.0, 95.1, 25.0]');
    expect(chart).toContain('x-axis "positives in base" ["0–9", "10–99", "100+"]');
    expect(lines[lines.length - 1]).toBe('```');
  });

  test('absent when it would not draw: one band, or a value that is not a number', () => {
    expect(bandChart(aggregate('test', [[0, null, 0.9, 0.8]]))).toBeNull();
    expect(bandChart(aggregate('test', []))).toBeNull();
    expect(
      bandChart(
        aggregate('test', [
          [0, 10, Number.NaN, 0.8],
          [10, null, 0.9, 0.9],
        ]),
      ),
    ).toBeNull();
  });

  test.each([...HOSTILE, ...HOSTILE_NAMES])('a hostile split name stays inside its quoted label: %j', (name) => {
    const chart = bandChart(
      aggregate(name, [
        [0, 10, 0.9, 0.8],
        [10, null, 0.9, 0.9],
      ]),
    )!;
    const body = chart.split('\n').slice(1, -1).join('\n');
    expect(body).not.toMatch(/`|%%|[\r\u2028]/);
    for (const m of body.matchAll(/"([^"\n]*)"/g)) expect(m[1]).not.toMatch(/[<>&"]|#(?!\d+;)/);
    const title = body.split('\n')[1];
    // The title line is `title "<label>"`: exactly two quotes, and the label decodes to the name.
    expect(title.match(/"/g)).toHaveLength(2);
    expect(unMermaid(title)).toContain(sanitizeText(name).slice(0, 30));
  });
});

describe('escapeMermaid', () => {
  test('keeps letters, digits and plain punctuation; codes everything else', () => {
    expect(escapeMermaid('Cat 2 (big), 10–99')).toBe('Cat 2 (big), 10–99');
    expect(escapeMermaid('a"b')).toBe('a#34;b');
    expect(escapeMermaid('חתול')).toBe('חתול');
    expect(escapeMermaid('#1;')).toBe('#35;1#59;');
  });
});

describe('the chart in the comment', () => {
  let many: Pair;
  beforeAll(() => {
    many = comparedPair(manyHostileClasses());
  });

  test('485 classes: one chart per banded split, whole, and the comment within 65,536 bytes', () => {
    const md = renderComment(many.comparison, { key: 'default' });
    expect(utf8Length(md)).toBeLessThanOrEqual(65536);
    const banded = (many.comparison.classAggregates ?? []).filter((a) => a.bands.length >= 2).length;
    expect(banded).toBe(1);
    expect(blocks(md)).toHaveLength(banded);
    // Fences balance: every opened code block is closed.
    expect((md.match(/^```/gm) ?? []).length % 2).toBe(0);
  });

  test('when space is short the chart goes right after the full table, while the band table stays', () => {
    const full = renderComment(many.comparison, { key: 'default' });
    expect(blocks(full)).toHaveLength(1);
    const md = renderComment(many.comparison, { key: 'default', maxLength: 8000 });
    expect(utf8Length(md)).toBeLessThanOrEqual(8000);
    expect(blocks(md)).toHaveLength(0);
    expect(md).toContain('table (');
    expect(md).toContain('did not fit here');
    expect(md).toContain('base macro recall');
  });

  test('not in the job summary, and not without a baseline', () => {
    expect(blocks(renderSummary(many.comparison, { key: 'default' }))).toHaveLength(0);
    const first = compareReports(null, many.head, defaultRules('multiclass'));
    expect(blocks(renderComment(first, { key: 'default' }))).toHaveLength(0);
  });

  test('the class names of the comment are untouched by the chart (it names bands, not classes)', () => {
    const chart = blocks(renderComment(many.comparison, { key: 'default' }))[0];
    for (const n of HOSTILE_NAMES) expect(chart).not.toContain(escapeHtml(n));
  });
});
