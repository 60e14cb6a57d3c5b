// Real scikit-learn models on the real UCI digits split (fixtures/scenarios/classes-precision*,
// made by make_precision.py), with `classes.precision: true`. The PR up-weights digit 8: it finds
// two more 8s and calls many other digits 8. The precision regression must be shown with its own
// counts, never in the recall wording. The control (a slightly different C) passes.
import { runScenario, type ScenarioResult } from '../helpers/scenario.js';

describe('scenario: digit 8 up-weighted, precision regression (real models, real data)', () => {
  let r: ScenarioResult;
  beforeAll(async () => {
    r = await runScenario('classes-precision');
  });

  it('fails on the precision of 8, with its own counts', () => {
    expect(r.comparison.verdict).toBe('fail');
    const lost = r.comparison.classes.filter((c) => c.precision?.status === 'regression');
    // On both held-out splits: the classes whose predictions did not move stay out of the family,
    // so test's 33/34 -> 35/44 is significant too.
    expect(lost.map((c) => [c.name, c.split])).toEqual([
      ['8', 'validation'],
      ['8', 'test'],
    ]);
    // The recall of 8 rose: this is not a recall regression.
    expect(lost[0].delta).toBeGreaterThan(0);
    expect(lost[0].recallStatus).not.toBe('regression');
    expect(r.comparison.reasons[0]).toMatch(/^class '8' \(validation\): precision 32\/35 → 34\/49, q = [\d.]+e-4$/);
    expect(r.comparison.reasons[1]).toMatch(/^class '8' \(test\): precision 33\/34 → 35\/44, q = 0\.00\d$/);
  });

  it('shows "predicted as 8: … right of … → … of …, precision … → …" outside <details>, not under recall', () => {
    const v = r.visible;
    expect(v).toContain('**Per-class precision regressions** (2)');
    const val = r.comparison.classes.find((c) => c.name === '8' && c.split === 'validation')!.precision!;
    const pct = (x: { tp: number; predicted: number }) => `${((100 * x.tp) / x.predicted).toFixed(1)}%`;
    expect(v).toContain(
      `predicted as <b>8</b> · validation: ${val.base!.tp} right of ${val.base!.predicted} → ${val.head!.tp} of ${val.head!.predicted}, precision ${pct(val.base!)} → ${pct(val.head!)} (`,
    );
    expect(v).toMatch(/precision 9\d\.\d% → [67]\d\.\d% \(−\d+\.\d pts, q = 0\.000\d+\)/);
    expect(v).toMatch(/precision 9\d\.\d% → [67]\d\.\d% \(−\d+\.\d pts, q = 0\.00\d+\)/);
    // Up-weighting 8 took recall from the class it pulls in most: '1' (7 of 36 now predicted as 8,
    // b = 5, c = 0, p = 1/32) is a recall regression in BH's family; 8 itself never is.
    expect(v).toContain('**Per-class recall regressions** (1)');
    expect(v).toContain('<b>1</b> · validation: found 34/36 → 29/36 (−13.9 pts, q = 0.031)');
    expect(v).not.toMatch(/<b>8<\/b>[^\n]*found/);
  });
});

describe('scenario: slightly stronger regularization, precision-neutral (control)', () => {
  it('passes with precision judged', async () => {
    const r = await runScenario('classes-precision-control');
    expect(r.comparison.verdict).toBe('pass');
    expect(r.comparison.classes.every((c) => c.precision && c.precision.status !== 'regression')).toBe(true);
    expect(r.visible).not.toContain('precision regressions');
    expect(r.visible).toMatch(/validation, test · 10 classes × 2 splits: \d+ fell, \d+ rose; one by one: 0 regressed/);
  });
});
