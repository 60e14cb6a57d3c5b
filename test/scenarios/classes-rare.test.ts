// A rare class on a real model (logistic regression on digits with class 9 kept at 60 examples,
// see fixtures/scenarios/classes-rare-digits/PROVENANCE.md): what the reviewer sees without a click.
import { runScenario, type ScenarioResult } from '../helpers/scenario.js';

const run = (head: string) => runScenario('classes-rare-digits', { head });

describe('a rare class losing recall (digits, class 9 at 12 examples a held-out split)', () => {
  let cut: ScenarioResult;
  let control: ScenarioResult;
  beforeAll(async () => {
    [cut, control] = await Promise.all([run('head-cut'), run('head-control')]);
  });

  it('fails and names the class: classes that did not move cannot dilute its correction', () => {
    const nine = cut.comparison.classes.find((c) => c.split === 'validation' && c.name === '9')!;
    expect([nine.base!.found, nine.base!.support, nine.head!.found]).toEqual([11, 12, 6]);
    expect([nine.test!.b, nine.test!.c]).toEqual([5, 0]);
    // Exact one-sided McNemar: 0.5^5. Alone in the family (Tarone: only tests with 5 or more
    // discordant examples could reach 0.05), so q = p.
    expect(nine.test!.p).toBe(1 / 32);
    expect(nine.test!.q).toBe(1 / 32);
    expect(cut.comparison.verdict).toBe('fail');
    expect(cut.visible).toContain("class '9' (validation): found 11/12 → 6/12, q = 0.031");
    // 4 fell and none rose, but no split's sign test backs a direction (p = 0.5 each): not bold.
    expect(cut.visible).toMatch(/10 classes × 2 splits: 4 fell, 0 rose;/);
    expect(cut.visible).toMatch(/no clear direction, sign test p = 0\.5/);
    // A class with no discordant example is unchanged, not "too few": its support is ample.
    const still = cut.comparison.classes.filter((c) => c.test?.b === 0 && c.test?.c === 0);
    expect(still.length).toBeGreaterThan(10);
    expect(still.every((c) => c.status === 'unchanged')).toBe(true);
    // On test the class lost 4 of 12 (b = 4, c = 0): 0.5^4 = 0.0625 could never be significant.
    const test9 = cut.comparison.classes.find((c) => c.split === 'test' && c.name === '9')!;
    expect([test9.test!.b, test9.test!.c, test9.status]).toEqual([4, 0, 'noise']);
  });

  it('a clean change (C = 0.3) passes: the classes that moved a little stay within noise', () => {
    expect(control.comparison.verdict).toBe('pass');
    expect(control.comparison.classes.some((c) => c.status === 'regression')).toBe(false);
    expect(control.comparison.classes.filter((c) => c.status === 'noise').length).toBeGreaterThan(0);
  });
});
