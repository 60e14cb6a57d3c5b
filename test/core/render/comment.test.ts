import { commentMarker, hasMarker } from '../../../src/core/render/marker.js';
import { renderComment, renderSummary, type RenderContext } from '../../../src/core/render/index.js';
import { multiclassFail, multilabel485, noBaseline, passing, structuralChanges } from '../../helpers/comparisons.js';
import { decodeEntities, markdownProblems } from '../../helpers/markdown.js';

const CTX: RenderContext = {
  key: 'cifar/resnet',
  runUrl: 'https://github.com/acme/vision/actions/runs/123456789',
  baseCommit: '3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
  baseCommitUrl: 'https://github.com/acme/vision/commit/3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
  headCommit: '9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c',
  reportPath: 'modelgate-output/report.json',
};
const LINKS = [CTX.runUrl!, CTX.baseCommitUrl!];
const M = '\u2212';

/** The text a reader sees (references decoded, invisible joiners removed). */
const seen = (md: string): string => decodeEntities(md).replace(/\u2060/g, '');

function order(md: string, ...needles: string[]): void {
  const at = needles.map((n) => {
    const i = md.indexOf(n);
    if (i < 0) throw new Error(`missing ${JSON.stringify(n)}`);
    return i;
  });
  expect(at).toEqual([...at].sort((a, b) => a - b));
}

describe('renderComment: a failing multiclass comparison', () => {
  const md = renderComment(multiclassFail(), CTX);
  const lines = md.split('\n');

  it('starts with the marker, then the verdict and the reasons that matter', () => {
    expect(lines[0]).toBe(commentMarker('cifar/resnet'));
    expect(hasMarker(md, 'cifar/resnet')).toBe(true);
    expect(lines[1].startsWith('❌ **modelgate: fail** — ')).toBe(true);
    expect(seen(lines[1])).toContain(
      `test recall_macro fell 4.1 pts [${M}6.0, ${M}2.2]; 3 classes regressed (horse no longer found)`,
    );
  });

  it('is valid Markdown with only our links', () => {
    expect(markdownProblems(md, { marker: commentMarker('cifar/resnet'), allowedLinks: LINKS })).toEqual([]);
  });

  it('shows headline metrics with base, head and change with its interval, right-aligned', () => {
    expect(md).toContain('| split | metric | base | head | change [95% CI] |\n|:---|:---|---:|---:|---:|');
    expect(seen(md)).toContain(`|  | ❌ recall_macro | 72.4% | 68.3% | ${M}4.1 pts [${M}6.0, ${M}2.2] |`);
    expect(md).toContain('| train | accuracy | 93.1% | 96.2% | +3.1 pts |');
  });

  it('explains a grown generalization gap in plain words', () => {
    expect(md).toContain('| train − validation | ⚠️ accuracy | +2.1 pts | +6.3 pts | +4.2 pts [+3.1, +5.4] |');
    expect(md).toContain('the model fits train better and generalizes worse');
    expect(md).toContain('⚠️ The train − validation gap widened (accuracy by 4.2 pts): the model fits train better');
    // the validation-test gap did not get flagged: no note for it
    expect(md).not.toContain('tuned to the validation split');
  });

  it('lists regressions catastrophic first, with counts and q-values', () => {
    order(
      md,
      '<b>horse</b>: found 12/100 → 0/100',
      '<b>cat</b>: found 41/52 → 30/52',
      '<b>bird</b>: found 70/100 → 58/100',
    );
    expect(md).toContain(`- ❌ <b>cat</b>: found 41/52 → 30/52 (${M}21.2 pts, q = 0.0031)`);
    expect(md).toMatch(/<b>horse<\/b>: found 12\/100 → 0\/100 \(−12\.0 pts, q = 0\.0012\) — <b>none found now<\/b>/);
    expect(md).toContain('**Per-class recall regressions** (3, 1 no longer found at all)');
  });

  it('shows improvements, the noise count, too-few classes and the tests used', () => {
    expect(md).toContain('- ✅ <b>ship</b>: found 85/100 → 93/100 (+8.0 pts, q = 0.027)');
    expect(md).toContain('**Within noise:** 4 classes on test changed, but not significantly');
    expect(md).toContain('**Too few examples to judge** (1): <b>deer</b> 3/4 → 2/4');
    expect(md).toContain('test: McNemar test (same examples: paired)');
  });

  it('collapses the full per-class table, worst rows first', () => {
    const start = md.indexOf('<summary>All 10 class rows (test)</summary>');
    expect(start).toBeGreaterThan(0);
    const table = md.slice(start, md.indexOf('</details>', start));
    const rows = table.split('\n').filter((l) => l.startsWith('| <b>'));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toContain('<b>horse</b>');
    expect(rows[0]).toContain('| 12/100 (12.0%) | 0/100 (0.0%) |');
    expect(rows[rows.length - 1]).toContain('<b>automobile</b>');
  });

  it('puts sections in the order a reviewer needs them', () => {
    order(
      md,
      'modelgate: fail',
      '| split | metric |',
      'Generalization gaps',
      'Per-class recall regressions',
      'Improvements',
      'Within noise',
      'All 10 class rows',
      'workflow run',
    );
  });

  it('links the run and the base commit, and names the head commit and the key discreetly', () => {
    const footer = lines.filter((l) => l.startsWith('<sub>')).pop()!;
    expect(footer).toContain(`[workflow run](${CTX.runUrl})`);
    expect(footer).toContain(`base [3f2a9c1](${CTX.baseCommitUrl})`);
    expect(footer).toContain('head 9b8c7d6');
    expect(footer).toContain('key cifar/resnet');
  });

  it('is deterministic and carries no date', () => {
    expect(renderComment(multiclassFail(), CTX)).toBe(md);
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('leaves links out when the context has none', () => {
    const bare = renderComment(multiclassFail(), { key: 'default' });
    expect(bare).not.toContain('](');
    expect(bare).not.toContain('key default');
    expect(markdownProblems(bare, { marker: commentMarker('default') })).toEqual([]);
  });
});

describe('renderComment: structural changes', () => {
  const md = renderComment(structuralChanges(), CTX);

  it('warns prominently, near the top, when base and head saw different examples', () => {
    expect(md).toContain('> [!WARNING]\n> **Base and head were not evaluated on the same examples** (test).');
    order(md, 'modelgate: fail', '[!WARNING]', '| split | metric |');
    // validation had the same examples: not named in the warning
    expect(md.split('\n').find((l) => l.includes('same examples**'))).not.toContain('validation');
  });

  it('lists sanity findings, failures first', () => {
    order(
      md,
      'Sanity checks',
      '- ❌ test: model outputs one class (dog) for 97% of test examples (collapsed)',
      '- ⚠️ scores do not sum to 1',
    );
  });

  it('shows classes added and removed, splits on one side only, and the test used per split', () => {
    expect(md).toContain('**Classes removed (only in base)** (1): <b>fox</b>');
    expect(md).toContain('**Classes added (only in head)** (1): <b>wolf</b>');
    expect(md).toContain('**Splits not compared** (only in head: train; only in base: holdout).');
    expect(md).toContain('test: Newcombe interval (label fingerprints differ: unpaired)');
  });

  it('names the split of each class when several splits are judged, with the Newcombe interval', () => {
    expect(md).toContain(`- ❌ <b>cat</b> · test: found 41/52 → 30/48 (${M}16.3 pts [${M}36.0, ${M}6.0], q = 0.012)`);
    expect(md).toContain('| class | split | base found | head found | change | q | status |');
  });

  it('is valid Markdown', () => {
    expect(markdownProblems(md, { marker: commentMarker('cifar/resnet'), allowedLinks: LINKS })).toEqual([]);
  });
});

describe('renderComment: no baseline', () => {
  const md = renderComment(noBaseline(), CTX);
  it('says so, shows head metrics only, and tells how to produce a baseline', () => {
    expect(md.split('\n')[1]).toBe('ℹ️ **modelgate: no baseline** — no baseline report for the base branch');
    expect(md).toContain('| split | metric | head |');
    expect(md).toContain('| test | accuracy | 71.7% |');
    expect(md).toContain('`modelgate evaluate ... --out reports/main.json`');
    expect(md).toContain('`baseline-ref-path`');
    expect(md).toContain('`baseline-report`');
    expect(md).not.toContain('regressions');
    expect(md).not.toContain('| base |');
    expect(markdownProblems(md, { marker: commentMarker('cifar/resnet'), allowedLinks: LINKS })).toEqual([]);
  });
});

describe('renderComment: pass', () => {
  const md = renderComment(passing(), CTX);
  it('is short and says pass', () => {
    expect(md.split('\n')[1]).toBe('✅ **modelgate: pass** — no significant regression on test');
    expect(md).not.toContain('regressions**');
    expect(md).toContain(`+0.2 pts [${M}0.3, +0.8]`);
    expect(md.length).toBeLessThan(3000);
  });
});

describe('renderComment: 485 labels with 200-character names', () => {
  const cmp = multilabel485();
  const md = renderComment(cmp, CTX);

  it('fits under GitHub’s limit with room to spare', () => {
    expect(md.length).toBeLessThanOrEqual(65536 - 1000);
    expect(markdownProblems(md, { marker: commentMarker('cifar/resnet'), allowedLinks: LINKS })).toEqual([]);
  });

  it('keeps every regression and improvement, and cuts the full table with a pointer', () => {
    const regressions = cmp.classes.filter((c) => c.status === 'regression' || c.status === 'catastrophic');
    const items = md.split('\n').filter((l) => l.startsWith('- ⚠️ <b>') || l.startsWith('- ❌ <b>'));
    expect(items).toHaveLength(regressions.length);
    expect(items[0]).toContain('category 0300');
    expect(items[0]).toContain('none found now');
    expect(md.split('\n').filter((l) => l.startsWith('- ✅ '))).toHaveLength(
      cmp.classes.filter((c) => c.status === 'improvement').length,
    );
    expect(md).toMatch(
      /\n\n… [\d,]+ more rows: the full report is in the \[job summary\]\(https:\/\/github\.com\/acme\/vision\/actions\/runs\/123456789\) and in modelgate-output\/report\.json\.\n\n<\/details>/,
    );
  });

  it('says labels, not classes, for a multi-label model', () => {
    expect(md).toContain('**Per-label recall regressions**');
    expect(md).toContain('validation, test · 485 labels × 2 splits:');
  });

  it('the job summary has every row and full names', () => {
    const summary = renderSummary(cmp, CTX);
    expect(summary).not.toContain(commentMarker('cifar/resnet'));
    const rows = summary.split('\n').filter((l) => l.startsWith('| <b>'));
    expect(rows).toHaveLength(cmp.classes.length);
    expect(seen(summary)).toContain(cmp.classes[0].name);
    expect(summary).not.toContain('more rows');
    expect(markdownProblems(summary, { allowedLinks: LINKS })).toEqual([]);
  });
});

describe('renderComment: gap notes follow the gap direction', () => {
  it('explains a Hamming-loss gap that fell (overfitting) and ignores an accuracy gap that shrank', () => {
    const cmp = multiclassFail();
    cmp.gaps = [
      // higherIsBetter = direction of the gap value (engine convention)
      {
        gap: 'train-validation',
        metric: 'hamming_loss',
        higherIsBetter: true,
        base: -0.001,
        head: -0.004,
        delta: -0.003,
        level: 'warn',
      },
      {
        gap: 'validation-test',
        metric: 'accuracy',
        higherIsBetter: false,
        base: 0.05,
        head: 0.01,
        delta: -0.04,
        level: 'ok',
      },
    ];
    const md = renderComment(cmp, CTX);
    // The row and the note carry no direction: hamming_loss's ("lower is better") is not its gap's.
    expect(md).toContain('The train − validation gap widened (hamming&#95;loss by 0.30 pts)');
    expect(md).toContain('| train − validation | ⚠️ hamming&#95;loss | −0.10 pts | −0.40 pts | −0.30 pts |');
    expect(md).not.toContain('tuned to the validation split');
    expect(md).toContain('| validation − test | accuracy | +5.0 pts | +1.0 pts | −4.0 pts |');
  });
});

describe('the HTML report link', () => {
  it('is in the footer of the comment and of the summary when the URL is safe, absent otherwise', () => {
    const cmp = multiclassFail();
    const url = 'https://github.com/acme/vision/actions/runs/4242/artifacts/31';
    for (const render of [renderComment, renderSummary]) {
      const md = render(cmp, { key: 'default', htmlReportUrl: url });
      expect(md).toContain(`[HTML report with charts](${url})`);
      expect(render(cmp, { key: 'default', htmlReportUrl: 'javascript:alert(1)' })).not.toContain('HTML report');
      expect(render(cmp, { key: 'default' })).not.toContain('HTML report');
    }
  });
});
