// What a reviewer reads must say what was judged: the per-class table is a recall table, its q
// column holds only q-values, a gap row's direction is not its metric's, and a section given up
// for room says where it went. Each case builds the comparison a reviewer hit and reads the text.

import type { ClassDelta, Comparison } from '../../../src/core/compare/types.js';
import { renderSection } from '../../../src/core/render/budget.js';
import { renderComment, renderSummary, renderText, type RenderContext } from '../../../src/core/render/index.js';
import { commentMarker } from '../../../src/core/render/marker.js';
import { headlineFigure } from '../../../src/core/render/html/headline.js';
import { classTable } from '../../../src/core/render/html/table.js';
import { buildSections, type BuildOptions } from '../../../src/core/render/sections.js';
import { classDelta, gap, metric, multiclassFail, multilabel485 } from '../../helpers/comparisons.js';
import { compareReports } from '../../../src/core/compare/compare.js';
import { parseRules } from '../../../src/core/compare/rules.js';
import { makeReport, mc } from '../../helpers/stats-reports.js';
import { decodeEntities, markdownProblems } from '../../helpers/markdown.js';

const CTX: RenderContext = {
  key: 'default',
  runUrl: 'https://github.com/acme/vision/actions/runs/123456789',
  reportPath: 'modelgate-output/report.json',
};
const COMMENT: BuildOptions = { target: 'comment', listNameMax: 200, cellNameMax: 100 };

/** The text a reader sees (references decoded, invisible joiners removed). */
const seen = (md: string): string => decodeEntities(md).replace(/\u2060/g, '');

/** The full table's Markdown row of a class. */
const tableRow = (md: string, name: string): string =>
  seen(md)
    .split('\n')
    .find((l) => l.startsWith(`| <b>${name}</b> |`))!;

/** The HTML table's row of a class, tags stripped, cells joined by " | ". */
function htmlRow(html: string, name: string): string {
  const row = html.match(new RegExp(`<tr[^>]*><td><bdi>${name}</bdi>.*?</tr>`))![0];
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)]
    .map((m) => decodeEntities(m[1].replace(/<[^>]+>/g, '')))
    .join(' | ');
}

/** Recall 40/50 → 49/50 (improved on its own test) while precision regressed: the row's status is 'regression'. */
function precisionOnly(): ClassDelta {
  const c = classDelta('owl', 'test', [40, 50], [49, 50], 'regression', 'fail', {
    kind: 'mcnemar',
    b: 0,
    c: 9,
    p: 1,
    q: 1,
    qUp: 0.011,
  });
  c.recallStatus = 'improvement';
  c.precision = {
    base: { tp: 40, predicted: 44 },
    head: { tp: 49, predicted: 80 },
    delta: 49 / 80 - 40 / 44,
    test: { kind: 'mcnemar', b: 27, c: 0, p: 1e-8, q: 4e-7 },
    status: 'regression',
    level: 'fail',
  };
  return c;
}

/** −60 pts but left out of the FDR family (Tarone's screen): a p, no q. */
function outsideFamily(): ClassDelta {
  return classDelta('lynx', 'test', [30, 50], [0, 50], 'noise', 'ok', { kind: 'newcombe', p: 0.00024 });
}

function withClasses(...extra: ClassDelta[]): Comparison {
  const cmp = multiclassFail();
  cmp.classes = [...cmp.classes, ...extra];
  return cmp;
}

describe('the per-class table is a recall table', () => {
  const cmp = withClasses(precisionOnly());

  it('Markdown: recall status and its q, with the precision regression said beside it', () => {
    for (const md of [renderComment(cmp, CTX), renderSummary(cmp, CTX)]) {
      expect(tableRow(md, 'owl')).toBe(
        '| <b>owl</b> | 40/50 (80.0%) | 49/50 (98.0%) | +18.0 pts | 0.011 | improvement; precision ❌ regression |',
      );
    }
  });

  it('HTML: the same status and q, and the filter finds the row under both words', () => {
    const html = classTable(cmp, 'classes');
    expect(htmlRow(html, 'owl')).toBe(
      'owl | test | 40/50 | 80.0% | 49/50 | 98.0% | +18.0 pts | 0.011 | improvement; precision regression',
    );
    expect(html).toContain('<tr data-status="improvement precision-regression">');
    expect(html).toContain('<option value="precision-regression">');
  });

  it('a recall regression keeps its icon; a class with no precision regression gets no precision words', () => {
    const md = renderComment(cmp, CTX);
    expect(tableRow(md, 'cat')).toMatch(/\| 0\.0031 \| ❌ regression \|$/);
    expect(tableRow(md, 'ship')).toMatch(/\| 0\.027 \| improvement \|$/);
  });
});

describe('the q column never shows a p', () => {
  const cmp = withClasses(outsideFamily());

  it('Markdown: "—" for a test outside the FDR family, and a line under the table saying why', () => {
    for (const md of [renderComment(cmp, CTX), renderSummary(cmp, CTX)]) {
      expect(tableRow(md, 'lynx')).toBe('| <b>lynx</b> | 30/50 (60.0%) | 0/50 (0.0%) | −60.0 pts | — | noise |');
      expect(seen(md)).not.toContain('0.00024');
      expect(seen(md)).toContain('— under q: the test was left out of the FDR family');
      // The line under the table closes it and stays inside its <details>.
      const marker = md.startsWith('<!--') ? commentMarker(CTX.key) : undefined;
      expect(markdownProblems(md, { allowedLinks: [CTX.runUrl!], marker })).toEqual([]);
    }
  });

  it('HTML: "—" with no sort value, and the caption says why', () => {
    const html = classTable(cmp, 'classes');
    expect(htmlRow(html, 'lynx')).toContain('| −60.0 pts | — | noise');
    expect(html).toMatch(/<td class="num" data-v="">—<\/td><td>noise<\/td>/);
    expect(html).toMatch(/<caption>[^<]*— under q: the test was left out of the FDR family/);
  });

  it('no such line when every tested row has its q', () => {
    const md = renderSummary(multiclassFail(), CTX);
    expect(md).not.toContain('FDR family');
    expect(classTable(multiclassFail(), 'classes')).not.toContain('FDR family');
  });

  it('HTML: "< 0.0001" is escaped', () => {
    const c = classDelta('yak', 'test', [50, 50], [10, 50], 'regression', 'fail', {
      kind: 'mcnemar',
      b: 40,
      c: 0,
      p: 1e-12,
      q: 1e-11,
    });
    const html = classTable(withClasses(c), 'classes');
    expect(html).toContain('data-v="1e-11">&lt; 0.0001</td>');
    expect(html).not.toContain('>< 0.0001');
  });
});

describe('gap rows take no direction from their metric', () => {
  // Hamming loss: the train − validation gap falls as the model overfits (gap.higherIsBetter = true).
  const gaps = [
    gap('train-validation', 'hamming_loss', -0.005, -0.009, 'fail', [-0.006, -0.002]),
    gap('validation-test', 'hamming_loss', -0.001, 0.076, 'ok'),
  ];
  const cmp = multiclassFail();
  cmp.gaps = gaps;
  cmp.headline = [...cmp.headline, metric('test', 'hamming_loss', 0.01, 0.02, 'fail')];

  it('comment: no "(lower is better)" on gap rows or in the note; the headline keeps it', () => {
    const md = seen(renderComment(cmp, CTX));
    const section = md.slice(md.indexOf('**Generalization gaps**'), md.indexOf('**Per-class recall'));
    expect(section).toContain('| train − validation | ❌ hamming_loss | −0.50 pts | −0.90 pts |');
    expect(section).toContain('The train − validation gap widened (hamming_loss by 0.40 pts)');
    expect(section).not.toContain('lower is better');
    expect(md).toContain('| ❌ hamming_loss (lower is better) | 1.0% | 2.0% |');
  });

  it('terminal: no direction on gap rows', () => {
    const t = renderText(cmp);
    const row = t.split('\n').find((l) => l.startsWith('train-validation'))!;
    expect(row).toMatch(/^train-validation\s+hamming_loss\s+-0\.50 pts\s+-0\.90 pts/);
    expect(row).not.toContain('lower is better');
  });

  it('HTML: gap values in points like the Markdown, no direction label, no "Gaps: lower is better"', () => {
    const html = headlineFigure(cmp.headline, gaps);
    const rows = [...html.matchAll(/<tr>(<td>gap [^<]*<\/td>.*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => decodeEntities(c[1])),
    );
    expect(rows).toEqual([
      ['gap train-validation · hamming_loss', '−0.50 pts', '−0.90 pts', '−0.40 pts [−0.60, −0.20]', 'fail'],
      ['gap validation-test · hamming_loss', '−0.1 pts', '+7.6 pts', '+7.7 pts', 'ok'],
    ]);
    expect(html).not.toContain('Gaps: lower is better');
    expect(decodeEntities(html)).toContain('<title>gap train-validation · hamming_loss: −0.50 pts → −0.90 pts,');
  });
});

describe('within noise', () => {
  it('does not call a class at 0.0 pts "moved"; says it found other examples', () => {
    const same = classDelta('emu', 'test', [36, 37], [36, 37], 'noise', 'ok', {
      kind: 'mcnemar',
      b: 1,
      c: 1,
      p: 0.75,
      q: 0.9,
    });
    const cmp = withClasses(same);
    cmp.noise = { test: 5 };
    const md = seen(renderComment(cmp, CTX));
    expect(md).toContain(
      '**Within noise:** 5 classes on test changed, but not significantly or by less than the minimum change; 1 of them found other examples, as many as before.',
    );
    expect(md).not.toMatch(/Within noise:[^\n]* moved/);
    expect(renderText(cmp)).toContain(
      'Within noise: 5 classes changed, not significantly; 1 of them found other examples, as many as before',
    );
  });

  it('counts the left-out items as class rows when they span splits', () => {
    const noise = buildSections(multilabel485(), CTX, COMMENT, null).find((s) => s.id === 'noise')!;
    expect(noise.items.length).toBeGreaterThan(100);
    const shown = seen(renderSection(noise, 3));
    expect(shown).toContain(`… ${noise.items.length - 3} more label rows: `);
    expect(shown).not.toMatch(/more labels:/);
  });
});

describe('a section given up for room says so', () => {
  const sections = buildSections(multiclassFail(), CTX, COMMENT, null);
  const empty = (id: string): string =>
    seen(
      renderSection(
        sections.find((s) => s.id === id)!,
        0,
      ),
    );

  it('the per-class test and the rules point to the job summary', () => {
    expect(empty('methods')).toBe(
      '<sub>Per-class test: not shown here; see the [job summary](https://github.com/acme/vision/actions/runs/123456789).</sub>',
    );
    expect(empty('settings')).toBe(
      '<sub>Rules applied: not listed here; see the [job summary](https://github.com/acme/vision/actions/runs/123456789).</sub>',
    );
  });

  it('in the job summary they point to the report file', () => {
    const summary = buildSections(multiclassFail(), CTX, { ...COMMENT, target: 'summary' }, null);
    const settings = summary.find((s) => s.id === 'settings')!;
    expect(seen(renderSection(settings, 0))).toBe(
      '<sub>Rules applied: not listed here; see modelgate-output/report.json.</sub>',
    );
  });

  it('the band chart points to the HTML report when there is one, else to the band table', () => {
    const cmp = multiclassFail();
    cmp.classAggregates = [
      {
        split: 'test',
        fell: 5,
        rose: 2,
        unchanged: 3,
        signP: 0.45,
        interval: 'paired bootstrap',
        oneBand: false,
        bands: [
          { min: 1, max: 50, classes: 2, positives: 56, base: 0.7, head: 0.5, delta: -0.2, level: 'ok' },
          { min: 50, max: null, classes: 8, positives: 800, base: 0.8, head: 0.79, delta: -0.01, level: 'ok' },
        ],
      },
    ];
    const chart = (ctx: RenderContext) =>
      seen(
        renderSection(
          buildSections(cmp, ctx, COMMENT, null).find((s) => s.id === 'band-chart')!,
          0,
        ),
      );
    expect(chart(CTX)).toBe('<sub>Support-band chart: not drawn here; the band table has its figures.</sub>');
    const url = 'https://github.com/acme/vision/actions/runs/123456789/artifacts/7';
    expect(chart({ ...CTX, htmlReportUrl: url })).toBe(
      `<sub>Support-band chart: not drawn here; the [HTML report](${url}) draws it.</sub>`,
    );
  });
});

describe('a catastrophic warning beside a precision failure (catastrophic at level warn)', () => {
  // 'a': 6 examples, base finds 4 and predicts it only for them; head finds none (4 lost: the
  // one-sided McNemar p = 0.0625, no significant recall test; the catastrophic rule set to 4 found)
  // and predicts it for 20 examples of 'b' (precision 1 -> 0).
  const truth = [...Array(6).fill(0), ...Array(60).fill(1)];
  const basePred = [0, 0, 0, 0, 1, 1, ...Array(60).fill(1)];
  const headPred = [...Array(6).fill(1), ...Array(20).fill(0), ...Array(40).fill(1)];
  const cmp = compareReports(
    makeReport('multiclass', ['a', 'b'], { test: mc(truth, basePred) }),
    makeReport('multiclass', ['a', 'b'], { test: mc(truth, headPred) }),
    parseRules({ classes: { catastrophic: { level: 'warn', 'min-found': 4 }, precision: true } }, 'test', 'multiclass'),
  );
  const a = cmp.classes.find((c) => c.name === 'a')!;

  it('the recall line keeps its warning; the precision failure is its own line', () => {
    expect(a.status).toBe('catastrophic');
    expect(a.level).toBe('fail');
    expect(a.recallLevel).toBe('warn');
    expect(a.precision!.level).toBe('fail');
    const md = renderComment(cmp, CTX);
    const recallLine = md.split('\n').find((l) => /^- .*\*\*a\*\*|^- .*<b>a<\/b>|^- .*'a'/.test(l) && /none found now/.test(l))!;
    expect(recallLine).toMatch(/^- ⚠️ /);
    const precisionSection = md.slice(md.indexOf('precision regressions'));
    expect(precisionSection).toMatch(/❌/);
    expect(renderText(cmp)).toMatch(/WARN\s+a: found 4\/6 -> 0\/6/);
  });
});

describe('many threshold effects on one split (a shift of many labels\' thresholds)', () => {
  const effect = (split: string, i: number) => ({
    split,
    className: `label-${i}`,
    recallDelta: -0.3 - i / 100,
    apBase: 0.8,
    apHead: 0.801,
    text: `${split}: recall of label 'label-${i}' fell ${(30 + i).toFixed(1)} pts while its average precision held (0.800 → 0.801): a threshold effect, not a ranking regression`,
  });
  const withEffects = (validation: number, test: number): Comparison => {
    const cmp = multilabel485();
    cmp.diagnostics = {
      leakage: [],
      scores: [],
      thresholdEffects: [
        ...Array.from({ length: validation }, (_, i) => effect('validation', i)),
        ...Array.from({ length: test }, (_, i) => effect('test', i)),
      ],
      rankingDrops: [],
    };
    return cmp;
  };
  const diagnosticsLines = (md: string) =>
    md.slice(md.indexOf('**Diagnostics**')).split('\n\n')[0].split('\n').filter((l) => l.startsWith('- '));

  it('from four on a split, one line names the five largest falls and counts the rest; fewer keep a line each', () => {
    const lines = diagnosticsLines(renderComment(withEffects(12, 3), CTX));
    expect(lines).toHaveLength(1 + 3);
    expect(lines[0]).toMatch(
      /^- ℹ️ validation: recall of 12 labels fell while the average precision of each held \('label-11' −41\.0 pts \(AP 0\.800 → 0\.801\); 'label-10' −40\.0 pts .*; 'label-7' −37\.0 pts \(AP 0\.800 → 0\.801\), and 7 more\): a threshold effect, not a ranking regression$/,
    );
    expect(lines.slice(1).every((l) => /^- ℹ️ test: recall of label 'label-\d' fell/.test(l))).toBe(true);
  });
});

describe('a grouped explanation of labels with long names', () => {
  it('names fewer of them rather than cut its conclusion, and says "held" when none rose', () => {
    const long = (i: number) => `${'taxonomy/'.repeat(6)}species_${String(i).padStart(4, '0')}`;
    const cmp = multilabel485();
    cmp.diagnostics = {
      leakage: [],
      scores: [],
      thresholdEffects: Array.from({ length: 9 }, (_, i) => ({
        split: 'test',
        className: long(i),
        recallDelta: -0.3 - i / 100,
        apBase: 0.8,
        apHead: 0.801,
        text: 'unused',
      })),
      rankingDrops: [],
    };
    const md = renderComment(cmp, CTX);
    const line = md.split('\n').find((l) => l.startsWith('- ℹ️ test: recall of 9 labels'))!;
    expect(long(0).length).toBeGreaterThan(60);
    expect(line).toMatch(/held \(.*, and \d more\): a threshold effect, not a ranking regression$/);
    expect(line).not.toMatch(/held or rose/);
    expect(decodeEntities(line).length).toBeLessThan(600);
  });
});
