// The job summary's per-class table of threshold-free metrics (diagnostics.classScores):
// escaped names, capped rows with a count of the rest, absent without scores and from the comment.

import type { ClassScoreDelta, Comparison } from '../../../src/core/compare/types.js';
import { sanitizeText } from '../../../src/core/render/escape.js';
import { renderComment, renderSummary } from '../../../src/core/render/index.js';
import { CLASS_SCORE_ROWS } from '../../../src/core/render/sections.js';
import { HOSTILE, multiclassFail } from '../../helpers/comparisons.js';
import { decodeEntities, markdownProblems } from '../../helpers/markdown.js';

function scoreRow(name: string, split: string, apBase: number, apHead: number): ClassScoreDelta {
  return { split, name, apBase, apHead, apDelta: apHead - apBase, rocAucBase: 0.9, rocAucHead: 0.8 };
}

function withScores(rows: ClassScoreDelta[]): Comparison {
  const cmp = multiclassFail();
  cmp.diagnostics = { leakage: [], scores: [], thresholdEffects: [], classScores: rows };
  return cmp;
}

const CTX = { key: 'default' };
const TITLE = '<summary>Per-class ranking';

/** The per-class score table's <details> block of a document. */
function tableOf(md: string): string {
  const at = md.indexOf(TITLE);
  return md.slice(at, md.indexOf('</details>', at));
}

describe('per-class average precision and ROC-AUC in the job summary', () => {
  it('escapes hostile class and split names and keeps them readable', () => {
    const rows = HOSTILE.map((h, i) => scoreRow(h, i % 2 ? HOSTILE[0] : 'test', 0.9, 0.9 - i / 100));
    const md = renderSummary(withScores(rows), CTX);
    const table = tableOf(md);
    expect(markdownProblems(md, {})).toEqual([]);
    expect(table).not.toMatch(/<img|<script|@octocat|\[x\]\(http/i);
    // eslint-disable-next-line no-control-regex
    expect(table).not.toMatch(/[\u0000\u001b\u202e\r]/);
    const seen = decodeEntities(table).replace(/\u2060/g, '');
    for (const h of HOSTILE) if (h.trim()) expect(seen).toContain(sanitizeText(h));
    expect(seen).toContain('(blank name)');
    // One table row per class, no cell split by a pipe in a name.
    const lines = table.split('\n').filter((l) => l.startsWith('| '));
    expect(lines).toHaveLength(HOSTILE.length + 1);
    for (const l of lines) expect(l.split(' | ')).toHaveLength(5);
  });

  it('shows the worst AP changes first, at most CLASS_SCORE_ROWS, and says the rest are in the report JSON', () => {
    const n = 485;
    const rows = ['train', 'validation', 'test'].flatMap((split) =>
      Array.from({ length: n }, (_, i) => scoreRow(`class-${i}`, split, 0.9, 0.9 - ((i * 7919) % n) / 1000)),
    );
    rows.push({ ...scoreRow('new-class', 'test', 0, 0.5), apBase: null, apDelta: null, rocAucBase: null });
    const md = renderSummary(withScores(rows), CTX);
    const table = tableOf(md);
    const changes = [...table.matchAll(/^\| <b>class-\d+<\/b> \| \w+ \| 0\.900 → [\d.]+ \| (−[\d.]+|0\.000) \|/gm)].map(
      (m) => Number(m[1].replace('−', '-')),
    );
    expect(changes).toHaveLength(CLASS_SCORE_ROWS);
    // The worst: 3 splits × the classes whose AP fell 0.484, 0.483, ... (each fall occurs once per split).
    const worst = rows
      .filter((r) => r.apDelta !== null)
      .map((r) => Number((r.apDelta as number).toFixed(3)))
      .sort((a, b) => a - b)
      .slice(0, CLASS_SCORE_ROWS);
    expect(changes).toEqual(worst);
    expect(table).toContain(
      `… ${(rows.length - CLASS_SCORE_ROWS).toLocaleString('en-US')} more rows not listed here: all are in the report JSON`,
    );
    expect(table).not.toContain('new-class'); // no change to rank it by: after every row with one
    expect(md.length).toBeLessThan(1024 * 1024);
  });

  it('the row without a base value comes after every row with a change, with a dash', () => {
    const md = renderSummary(
      withScores([
        { ...scoreRow('new', 'test', 0, 0.5), apBase: null, apDelta: null },
        scoreRow('old', 'test', 0.5, 0.6),
      ]),
      CTX,
    );
    const table = tableOf(md);
    expect(table.indexOf('<b>old</b>')).toBeLessThan(table.indexOf('<b>new</b>'));
    expect(table).toContain('| <b>new</b> | test | — → 0.500 | — | 0.900 → 0.800 |');
    expect(table).toContain('| <b>old</b> | test | 0.500 → 0.600 | +0.100 | 0.900 → 0.800 |');
  });

  it('is absent without scores, and never in the comment', () => {
    expect(renderSummary(multiclassFail(), CTX)).not.toContain(TITLE);
    expect(renderSummary(withScores([]), CTX)).not.toContain(TITLE);
    const cmp = withScores([scoreRow('cat', 'test', 0.9, 0.5)]);
    expect(renderSummary(cmp, CTX)).toContain(TITLE);
    expect(renderComment(cmp, CTX)).not.toContain('Per-class ranking');
    expect(renderComment(cmp, CTX)).not.toContain('AP base → head');
  });
});
