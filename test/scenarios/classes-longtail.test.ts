// 485 labels, long-tailed (fixtures/scenarios/classes-longtail-*, synthetic: see PROVENANCE.md).
// The damage case: micro recall rises ~2 pts while the 335 rare labels lose ~15 pts each, none
// significantly on its own. A reviewer must see the damage first, outside <details>, and the
// verdict must fail through the band rule. The control: the same model retrained, no direction.
import { runScenario, type ScenarioResult } from '../helpers/scenario.js';

const beforeFirst = (text: string, a: string, b: string) => {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  expect(i).toBeGreaterThanOrEqual(0);
  return j < 0 || i < j;
};

describe('scenario: 485 long-tailed labels, rare labels damaged', () => {
  let r: ScenarioResult;
  beforeAll(async () => {
    r = await runScenario('classes-longtail-damage');
  });

  it('fails through the band rule, named in the verdict line', () => {
    expect(r.comparison.verdict).toBe('fail');
    const micro = r.comparison.headline.find((m) => m.metric === 'recall_micro')!;
    expect(micro.delta).toBeGreaterThan(0.015); // the headline a reviewer might stop at rose
    const rare = r.comparison.classAggregates![0].bands[0];
    expect(rare).toMatchObject({ min: 0, max: 10, classes: 335, level: 'fail' });
    expect(rare.delta).toBeLessThan(-0.1);
    expect(r.comparison.reasons.join('\n')).toMatch(
      /test: labels with <10 positives \(335\) lost 1\d\.\d pts of macro recall \[-1\d\.\d, -1\d\.\d\], beyond the 5\.0 pt limit/,
    );
    // No rare label could fail on its own: the damage is only visible in aggregate.
    expect(r.comparison.classes.filter((c) => c.status === 'regression' || c.status === 'catastrophic')).toEqual([]);
  });

  it('says how many labels fell and rose, with the sign test, before any improvement', () => {
    const v = r.visible;
    expect(v).toMatch(
      /test · 485 labels: \*\*20\d fell\*\*, 7\d rose \(sign test p < 0\.0001\); one by one: 0 regressed/,
    );
    expect(v).toMatch(
      /\*\*Across labels\*\* \(test\): 20\d fell, 7\d rose, 20\d unchanged \(more fell than rose, sign test p < 0\.0001\)/,
    );
    expect(beforeFirst(v, '**Across labels**', '**Improvements**')).toBe(true);
  });

  it('shows the band table base → head with intervals, outside <details>', () => {
    const v = r.visible;
    expect(v).toContain('| split | base positives | labels | base macro recall | head | change [95% CI] |');
    expect(v).toMatch(/\| test \| ❌ &lt;10 \| 335 \| 63\.5% \| 48\.0% \| −15\.\d pts \[−1\d\.\d, −1\d\.\d\] \|/);
    expect(v).toMatch(/\| {2}\| ≥1,000 \| 10 \| 86\.8% \| 89\.4% \| \+2\.\d pts \[\+\d\.\d, \+\d\.\d\] \|/);
    expect(v).toMatch(/❌ test: labels with &lt;10 positives \(335\) lost 15\.\d pts of macro recall/);
    expect(v).toContain('intervals: paired bootstrap over the examples');
  });

  it('collapses the long list of improvements, each with its own q', () => {
    const improved = r.comparison.classes.filter((c) => c.status === 'improvement');
    expect(improved.length).toBeGreaterThan(5);
    expect(r.visible).toContain(`**Improvements** (${improved.length}), after the damage above.`);
    expect(r.visible).not.toMatch(/- ✅ /);
    const items = r.comment.match(/- ✅ .*$/gm)!;
    expect(items).toHaveLength(improved.length);
    for (const item of items) expect(item).toMatch(/, q (= 0\.0[0-4]\d*|< 0\.0001)\)$/);
  });
});

describe('scenario: 485 long-tailed labels, retrained without a change (control)', () => {
  let r: ScenarioResult;
  beforeAll(async () => {
    r = await runScenario('classes-longtail-control');
  });

  it('passes: no band fell, no clear direction', () => {
    expect(r.comparison.verdict).toBe('pass');
    const [agg] = r.comparison.classAggregates!;
    expect(agg.bands.map((b) => b.level)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(agg.signP).toBeGreaterThan(0.05);
    expect(r.visible).toMatch(
      /\*\*Across labels\*\* \(test\): \d+ fell, \d+ rose, \d+ unchanged \(no clear direction, sign test p = 0\.\d+\)/,
    );
    expect(r.visible).not.toMatch(/❌|⚠️/);
  });
});
