// Diagnostics on a real model (logistic regression on digits, see
// fixtures/scenarios/diagnostics-digits/PROVENANCE.md): what the reviewer sees without a click.
import { judgeDiagnostics } from '../../src/core/compare/diagnostics.js';
import { defaultRules } from '../../src/core/compare/rules.js';
import { renderSummary } from '../../src/core/render/comment.js';
import type { Report } from '../../src/core/report/types.js';
import { CLASS_SCORE_ROWS } from '../../src/core/render/sections.js';
import { runScenario, type ScenarioResult } from '../helpers/scenario.js';

const run = (head: string) => runScenario('diagnostics-digits', { head });
const diagnostics = (md: string) => {
  const at = md.indexOf('**Diagnostics**');
  return at < 0 ? null : md.slice(at, md.indexOf('\n\n', at));
};

describe('diagnostics on the digits model', () => {
  let threshold: ScenarioResult;
  let leak: ScenarioResult;
  let control: ScenarioResult;
  beforeAll(async () => {
    [threshold, leak, control] = await Promise.all([run('head-threshold'), run('head-leak'), run('head-control')]);
  });

  it('a threshold-only change: the recall drop fails, and is explained as a decision shift, not a ranking regression', () => {
    expect(threshold.comparison.verdict).toBe('fail');
    const d = diagnostics(threshold.visible)!;
    // Multiclass: the decision is the arg-max, so the words name the shift between classes, not a threshold.
    expect(d).toContain(
      "test: recall of class '8' fell 54.3 pts while its average precision held (0.982 → 0.982): a shift between classes at the arg-max, not a ranking regression",
    );
    expect(d).toMatch(
      /validation: macro recall fell [\d.]+ pts while the average precision of every class that fell held/,
    );
    expect(d).not.toContain('leakage');
    // Only class 8's decisions moved: no other class is called a threshold effect.
    expect(threshold.comparison.diagnostics!.thresholdEffects.map((t) => t.className)).toEqual([null, '8', null, '8']);
    // Class 8's ranking is untouched: its ROC-AUC and AP are the base's (same scores up to the transform).
    const k = threshold.head.classes.indexOf('8');
    expect(threshold.head.splits.test.scores!.averagePrecision[k]).toBeCloseTo(
      threshold.base!.splits.test.scores!.averagePrecision[k]!,
      4,
    );
  });

  it('a leaked shard: new leakage warns, with the count, the share and a few ids', () => {
    expect(leak.comparison.verdict).toBe('warn');
    expect(leak.comparison.reasons[0]).toBe(
      '40 examples of test (11.1%) also occur in train, by id (none in the base): the test scores are optimistic',
    );
    const d = diagnostics(leak.visible)!;
    expect(d).toMatch(
      /^- ⚠️ leakage: 40 examples of test \(11\.1%\) also in train, by id \(new: none in the base\), e\.g\. 'digit-\d+', 'digit-\d+', 'digit-\d+'$/m,
    );
    expect(leak.base!.leakage!.pairs.every((p) => p.count === 0)).toBe(true);
    expect(leak.comparison.diagnostics!.leakage.find((l) => l.head > 0)!.level).toBe('warn');
  });

  it('leakage: fail makes the leaked shard fail; off lets it pass', async () => {
    const fail = await runScenario('diagnostics-digits', { head: 'head-leak', rules: { leakage: 'fail' } });
    expect(fail.comparison.verdict).toBe('fail');
    const off = await runScenario('diagnostics-digits', { head: 'head-leak', rules: { leakage: { level: 'off' } } });
    expect(off.comparison.verdict).toBe('pass');
    // Still shown: the reviewer should know the scores are optimistic even when it does not gate.
    expect(diagnostics(off.visible)).toContain('leakage: 40 examples of test');
  });

  it('a clean change shows no Diagnostics section in the comment, and every figure in the job summary', () => {
    expect(control.comparison.verdict).toBe('pass');
    expect(diagnostics(control.comment)).toBeNull();
    const summary = renderSummary(control.comparison, { key: 'diagnostics-digits' });
    expect(summary).toContain('**Diagnostics**');
    expect(summary).toMatch(/\| test \| ROC-AUC \(macro\) \| 0\.\d{3} \| 0\.\d{3} \| [−+]?0\.\d{3} \|/);
    expect(summary).toMatch(/leakage: 0 examples of test \(0\.0%\) also in train, by id/);
  });

  it("the job summary lists every class's average precision and ROC-AUC, base → head, worst AP change first; the comment does not", () => {
    const { base, head, comparison } = threshold;
    const rows = comparison.diagnostics!.classScores!;
    const scored = Object.keys(head.splits).filter((s) => head.splits[s].scores);
    expect(rows).toHaveLength(scored.length * head.classes.length);
    expect(rows.length).toBeLessThanOrEqual(CLASS_SCORE_ROWS); // so every row is in the table
    // Every value is the reports' own, class by class (same class order on both sides here).
    for (const r of rows) {
      const k = head.classes.indexOf(r.name);
      const [b, h] = [base!.splits[r.split].scores!, head.splits[r.split].scores!];
      expect([r.apBase, r.apHead, r.rocAucBase, r.rocAucHead]).toEqual([
        b.averagePrecision[base!.classes.indexOf(r.name)],
        h.averagePrecision[k],
        b.rocAuc[base!.classes.indexOf(r.name)],
        h.rocAuc[k],
      ]);
    }
    const summary = renderSummary(comparison, { key: 'diagnostics-digits' });
    const table = summary.slice(summary.indexOf('<summary>Per-class ranking'));
    const cells = [
      ...table.matchAll(
        /^\| <b>(.+?)<\/b> \| (\w+) \| ([\d.]+) → ([\d.]+) \| ([−+]?[\d.]+) \| ([\d.]+) → ([\d.]+) \|$/gm,
      ),
    ];
    expect(cells).toHaveLength(rows.length);
    for (const [, name, split, apB, apH, , rocB, rocH] of cells) {
      const k = head.classes.indexOf(name);
      const [b, h] = [base!.splits[split].scores!, head.splits[split].scores!];
      expect([apB, apH, rocB, rocH]).toEqual(
        [b.averagePrecision[k], h.averagePrecision[k], b.rocAuc[k], h.rocAuc[k]].map((v) => v!.toFixed(3)),
      );
    }
    const changes = cells.map((c) => Number(c[5].replace('−', '-')));
    expect(changes).toEqual([...changes].sort((x, y) => x - y));
    expect(threshold.comment).not.toContain('Per-class ranking');
    expect(threshold.comment).not.toContain('AP base → head');
  });
});

describe('hard 0/1 scores (an unpruned decision tree on digits)', () => {
  let tree: ScenarioResult;
  beforeAll(async () => {
    tree = await runScenario('diagnostics-digits', { head: 'head-tree' });
  });

  it('never calls the ranking "held": with 0/1 scores the binning bounds are wider than any change', () => {
    expect(tree.comparison.verdict).toBe('fail');
    const k = tree.head.classes.indexOf('3');
    const test = tree.head.splits.test.scores!;
    // The histogram cannot order tied 0/1 scores: its bound is most of the scale.
    expect(test.averagePrecisionBound[k]!).toBeGreaterThan(0.5);
    expect(tree.visible).not.toContain('average precision held');
    expect(tree.visible).not.toContain('not a ranking regression');
    expect(tree.comparison.diagnostics!.thresholdEffects).toEqual([]);
    // The figures themselves are still shown, and they fell (scikit-learn: macro AP 0.997 -> 0.70 on validation).
    const b = tree.base!.splits.validation.scores!.averagePrecisionMacro!;
    const h = tree.head.splits.validation.scores!.averagePrecisionMacro!;
    expect(h).toBeLessThan(b - 0.2);
  });
});

describe('average precision that rose while recall fell (the class ranked better, predicted less)', () => {
  let threshold: ScenarioResult;
  beforeAll(async () => {
    threshold = await runScenario('diagnostics-digits', { head: 'head-threshold' });
  });

  /** The diagnostics of the threshold scenario with class 8's test AP in the head moved by `by`. */
  function withTestAp(by: number) {
    const head: Report = structuredClone(threshold.head);
    const k = head.classes.indexOf('8');
    const s = head.splits.test.scores!;
    s.averagePrecision[k] = Math.min(1, threshold.base!.splits.test.scores!.averagePrecision[k]! + by);
    return judgeDiagnostics(threshold.base, head, threshold.comparison, defaultRules(head.task)).diagnostics;
  }
  const aboutTest8 = (d: ReturnType<typeof withTestAp>) =>
    [...d.thresholdEffects, ...(d.rankingDrops ?? [])].filter((t) => t.split === 'test' && t.className === '8');

  it('within the tolerance it held, past it it rose: a decision shift either way; a fall is lost ranking', () => {
    const base8 = threshold.base!.splits.test.scores!.averagePrecision[threshold.head.classes.indexOf('8')]!;
    expect(base8).toBeLessThan(0.99); // room to rise by 0.01 and more
    expect(aboutTest8(withTestAp(0)).map((t) => t.text)).toEqual([
      expect.stringContaining("recall of class '8' fell 54.3 pts while its average precision held"),
    ]);
    expect(aboutTest8(withTestAp(0.015)).map((t) => t.text)).toEqual([
      expect.stringMatching(
        /recall of class '8' fell 54\.3 pts while its average precision rose \(0\.9\d\d → 0\.9\d\d\): a shift between classes at the arg-max, not a ranking regression$/,
      ),
    ]);
    // A fall past the tolerance is a ranking drop (the control on the other side); in a softmax
    // it is not blamed on what the model learned: another class's prior lowers it too.
    expect(aboutTest8(withTestAp(-0.05)).map((t) => t.text)).toEqual([
      expect.stringMatching(
        /'8' also lost ranking: .*\(not only the arg-max's decision; in a softmax a shift of another class's prior lowers it too\)$/,
      ),
    ]);
  });

  it('with the binning bounds of a 100,000-example long tail (0.0085 a side), a held ranking is still said', () => {
    // Worst cases over the order inside each bin, they do not shrink with the examples: past
    // AP_HELD together, they used to silence the explanation for nearly every label at scale.
    const k = threshold.head.classes.indexOf('8');
    const judgeWith = (by: number) => {
      const base: Report = structuredClone(threshold.base!);
      const head: Report = structuredClone(threshold.head);
      const [b, h] = [base.splits.test.scores!, head.splits.test.scores!];
      b.averagePrecisionBound[k] = 0.0085;
      h.averagePrecisionBound[k] = 0.0085;
      h.averagePrecision[k] = b.averagePrecision[k]! + by;
      return aboutTest8(judgeDiagnostics(base, head, threshold.comparison, defaultRules(head.task)).diagnostics);
    };
    expect(judgeWith(-0.005).map((t) => t.text)).toEqual([
      expect.stringContaining("recall of class '8' fell 54.3 pts while its average precision held"),
    ]);
    // Past AP_HELD but within what the bins can hide: no claim either way.
    expect(judgeWith(-0.02)).toEqual([]);
    // Past both: the exact values fell too.
    expect(judgeWith(-0.03).map((t) => t.text)).toEqual([expect.stringContaining("'8' also lost ranking")]);
  });

  it('an average precision that rose while the ROC-AUC fell is no threshold effect (AP averages over every threshold)', () => {
    const k = threshold.head.classes.indexOf('8');
    const rose = () => {
      const head: Report = structuredClone(threshold.head);
      head.splits.test.scores!.averagePrecision[k] = Math.min(
        1,
        threshold.base!.splits.test.scores!.averagePrecision[k]! + 0.015,
      );
      return head;
    };
    const judge = (head: Report) =>
      judgeDiagnostics(threshold.base, head, threshold.comparison, defaultRules(head.task)).diagnostics;
    const auc8 = threshold.base!.splits.test.scores!.rocAuc[k]!;
    const fell = rose();
    fell.splits.test.scores!.rocAuc[k] = auc8 - 0.05;
    const d = judge(fell);
    expect(
      [...d.thresholdEffects, ...(d.rankingDrops ?? [])].filter((t) => t.split === 'test' && t.className === '8'),
    ).toEqual([]);
    // Control: the same AP rise with the ROC-AUC as it was is still the decision shift.
    const held = judge(rose());
    expect(held.thresholdEffects.filter((t) => t.split === 'test' && t.className === '8')).toHaveLength(1);
  });
});
