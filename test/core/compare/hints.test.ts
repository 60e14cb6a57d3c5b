// Cause hints: said where the data supports them, absent on clean data.
import { ClassIndex } from '../../../src/core/classes.js';
import { compareReports } from '../../../src/core/compare/compare.js';
import { defaultRules } from '../../../src/core/compare/rules.js';
import { renderComment } from '../../../src/core/render/index.js';
import type { Report } from '../../../src/core/report/types.js';
import { rng } from '../metrics/batches.js';
import { reportOf, type NamedSplit } from '../report/helpers.js';

const names = ['0', '1', '2', '3', '4'];
const index = () => new ClassIndex(names, true);
const truth = Array.from({ length: 500 }, (_, i) => names[i % 5]);

/** Right with probability `acc` (else a random other class), then `relabel`. */
function predictions(acc: number, seed: number, relabel: (p: string, t: string) => string = (p) => p): NamedSplit {
  const r = rng(seed);
  return {
    truth,
    pred: truth.map((t) => {
      const others = names.filter((x) => x !== t);
      return relabel(r() < acc ? t : others[Math.floor(r() * others.length)], t);
    }),
  };
}
const report = (s: NamedSplit, extra: Partial<Report> = {}): Report => ({
  ...reportOf('multiclass', index(), { test: s }),
  ...extra,
});
const shift = (p: string) => String((Number(p) + 1) % 5);

describe('class-order mismatch', () => {
  it('a permuted model on its first run: named, with the mapping', () => {
    const cmp = compareReports(null, report(predictions(0.95, 1, shift)), defaultRules('multiclass'));
    expect(cmp.verdict).toBe('fail');
    expect(cmp.hints?.map((h) => h.kind)).toEqual(['class-order']);
    expect(cmp.hints![0].message).toMatch(
      /^likely a class-order mismatch \(test\): '0' is predicted as '1', '1' as '2', '2' as '3', '3' as '4', '4' as '0' \(9\d\.\d% of the examples follow this one-to-one mapping; accuracy is \d\.\d%\)/,
    );
    const md = renderComment(cmp, { key: 'k' });
    expect(md).toContain('**Likely causes**');
  });

  it('against a good base: the reason says below chance and class-order, not "within noise of chance"', () => {
    const base = report(predictions(0.95, 2));
    const cmp = compareReports(base, report(predictions(0.95, 1, shift)), defaultRules('multiclass'));
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons[0]).toMatch(/far below chance .*likely a class-order mismatch/);
    expect(cmp.reasons.join(' ')).not.toContain('within noise of chance');
  });

  it('a healthy model has no hint', () => {
    const cmp = compareReports(null, report(predictions(0.95, 3)), defaultRules('multiclass'));
    expect(cmp.hints).toBeUndefined();
  });
});

describe('where a regressed class goes now', () => {
  it("names the class's top confusions, base -> head", () => {
    const base = predictions(0.95, 4);
    // Head: the same model except that 60% of class '3' now goes to '1'.
    const r = rng(5);
    const head: NamedSplit = { truth, pred: base.pred.map((p, i) => (truth[i] === '3' && r() < 0.6 ? '1' : p)) };
    const cmp = compareReports(report(base), report(head), defaultRules('multiclass'));
    const reg = cmp.classes.find((c) => c.name === '3');
    expect(reg?.status).toBe('regression');
    // Our own counts of the cell truth '3' -> predicted '1' in both.
    const cell = (s: NamedSplit) => s.pred.filter((p, i) => truth[i] === '3' && p === '1').length;
    const hint = cmp.hints?.find((h) => h.kind === 'confusions');
    expect(hint?.className).toBe('3');
    expect(hint?.message).toMatch(
      new RegExp(`^'3' \\(test\\): ${cell(head)} of 100 now predicted as '1' \\(base: ${cell(base)}\\)`),
    );
  });

  it('no hint when nothing regressed', () => {
    const cmp = compareReports(report(predictions(0.95, 6)), report(predictions(0.95, 6)), defaultRules('multiclass'));
    expect(cmp.hints).toBeUndefined();
  });
});

describe('model changes (model runs)', () => {
  it('weight count and preprocessing, when they differ', () => {
    const s = predictions(0.95, 7);
    const base = report(s, { model: { parameters: 4810, preprocess: 'scale 1/16' } });
    const head = report(s, { model: { parameters: 19_210, preprocess: 'scale 1/255' } });
    const cmp = compareReports(base, head, defaultRules('multiclass'));
    expect(cmp.hints?.map((h) => h.message)).toEqual([
      "the model's weights changed: 4,810 in base, 19,210 in head (4.0x)",
      'the preprocessing changed: base scale 1/16, head scale 1/255',
    ]);
    const same = compareReports(base, { ...head, model: base.model }, defaultRules('multiclass'));
    expect(same.hints).toBeUndefined();
  });
});
