import { compareReports } from '../../../src/core/compare/compare.js';
import { judgeChange } from '../../../src/core/compare/headline.js';
import { defaultRules, parseRules } from '../../../src/core/compare/rules.js';
import { makeReport, mc, ml } from '../../helpers/stats-reports.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** n examples over 5 classes; base right with probability 0.85; head = base with `lose` of its right answers turned wrong. */
function pair(n: number, lose: number, seed = 1) {
  const r = lcg(seed);
  const truth = Array.from({ length: n }, () => Math.floor(r() * 5));
  const base = truth.map((t) => (r() < 0.85 ? t : (t + 1) % 5));
  const head = [...base];
  let left = lose;
  for (let i = 0; i < n && left > 0; i++)
    if (head[i] === truth[i] && r() < 0.5) {
      head[i] = (truth[i] + 2) % 5;
      left--;
    }
  return { truth, base, head };
}

const names = ['a', 'b', 'c', 'd', 'e'];
const only = (metrics: string[], extra: object = {}) =>
  parseRules({ headline: { metrics }, classes: { splits: [] }, gaps: { metrics: [] }, ...extra }, 'test', 'multiclass');

describe('headline metrics', () => {
  it('fails when the whole interval is past the limit, with the interval in the reason', () => {
    const d = pair(5000, 400); // -8 points of accuracy
    const b = makeReport('multiclass', names, { test: mc(d.truth, d.base) });
    const h = makeReport('multiclass', names, { test: mc(d.truth, d.head) });
    const cmp = compareReports(b, h, only(['accuracy']));
    const row = cmp.headline[0];
    expect(row.delta).toBeCloseTo(-0.08, 12);
    expect(row.ci!.lo).toBeLessThan(row.delta!);
    expect(row.ci!.hi).toBeGreaterThan(row.delta!);
    expect(row.ci!.hi).toBeLessThan(-0.02);
    expect(row.level).toBe('fail');
    expect(row.reason).toMatch(/^test accuracy fell 8\.0 pts \[-\d+\.\d, -\d+\.\d\], beyond the 2\.0 pt limit$/);
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons[0]).toBe(row.reason);
  });

  it('only warns when the point is past the limit but the interval reaches back into the allowed change', () => {
    const d = pair(300, 9); // -3 points on 300 examples: the interval is about +-2 points wide
    const b = makeReport('multiclass', names, { test: mc(d.truth, d.base) });
    const h = makeReport('multiclass', names, { test: mc(d.truth, d.head) });
    const row = compareReports(b, h, only(['accuracy'])).headline[0];
    expect(row.delta).toBeCloseTo(-0.03, 12);
    expect(row.ci!.hi).toBeGreaterThan(-0.02);
    expect(row.level).toBe('warn');
    expect(row.reason).toMatch(/past the 2\.0 pt limit, but its 95% interval reaches back inside the limit/);
  });

  it('never fails on an improvement', () => {
    const d = pair(3000, 300);
    const b = makeReport('multiclass', names, { test: mc(d.truth, d.head) });
    const h = makeReport('multiclass', names, { test: mc(d.truth, d.base) });
    const cmp = compareReports(b, h, only(['accuracy', 'recall_macro', 'f1_macro']));
    expect(cmp.headline.every((r) => r.delta! > 0 && r.level === 'ok')).toBe(true);
    expect(cmp.verdict).toBe('pass');
  });

  it('without per-example data a point estimate past the limit only warns, and says why', () => {
    const d = pair(300, 9);
    const b = makeReport('multiclass', names, { test: mc(d.truth, d.base) }, { encode: false });
    const h = makeReport('multiclass', names, { test: mc(d.truth, d.head) });
    const row = compareReports(b, h, only(['accuracy'])).headline[0];
    expect(row.ci).toBeUndefined();
    expect(row.level).toBe('warn');
    expect(row.reason).toMatch(
      /no interval \(same examples, but the base report carries no per-example predictions\), so a point estimate alone cannot fail/,
    );
  });

  it('hamming loss is lower-is-better: a rise is the worsening', () => {
    const truth = Array.from({ length: 400 }, (_, i) => [i % 3, (i + 1) % 3]);
    const head = truth.map((t, i) => (i < 120 ? [t[0]] : t));
    const rules = parseRules(
      { headline: ['hamming_loss', 'subset_accuracy'], gaps: { metrics: [] } },
      'test',
      'multilabel',
    );
    const b = makeReport('multilabel', ['x', 'y', 'z'], { test: ml(truth, truth) });
    const h = makeReport('multilabel', ['x', 'y', 'z'], { test: ml(truth, head) });
    const cmp = compareReports(b, h, rules);
    const ham = cmp.headline.find((r) => r.metric === 'hamming_loss')!;
    expect(ham.higherIsBetter).toBe(false);
    expect(ham.delta).toBeCloseTo(120 / 1200, 12);
    expect(ham.level).toBe('fail');
    expect(ham.reason).toMatch(/^test hamming_loss rose 10\.0 pts/);
    // And the reverse change is an improvement.
    const back = compareReports(h, b, rules).headline.find((r) => r.metric === 'hamming_loss')!;
    expect(back.level).toBe('ok');
  });

  it('relative limits take a share of the base value, and fall back to points on a zero base', () => {
    const th = { warn: null, fail: { value: 0.05, relative: true } };
    // A narrow interval around the change, so the limit alone decides.
    const tight = (d: number) => ({ lo: d - 0.001, hi: d + 0.001, level: 0.95 });
    // 5% of 0.8 = 4 points allowed.
    expect(judgeChange(-0.03, 0.8, false, th, tight(-0.03), 'x', 'fell', null).level).toBe('ok');
    expect(judgeChange(-0.045, 0.8, false, th, tight(-0.045), 'x', 'fell', null).level).toBe('fail');
    // Zero base (hamming loss of a perfect model): "5%" reads as 5 points, no division by zero.
    expect(judgeChange(0.04, 0, true, th, tight(0.04), 'x', 'rose', null).level).toBe('ok');
    expect(judgeChange(0.06, 0, true, th, tight(0.06), 'x', 'rose', null).level).toBe('fail');
    // An improvement is ok whatever the limits.
    expect(
      judgeChange(
        0.5,
        0,
        false,
        { warn: { value: 0, relative: false }, fail: { value: 0, relative: false } },
        undefined,
        'x',
        'fell',
        null,
      ).level,
    ).toBe('ok');
  });

  it('a worsening past the limit whose interval includes 0 is "within noise", not a warning', () => {
    // 400 examples: head loses 12 of base's right answers and gains 6: -1.5 points, past the 1-point warn limit.
    const d = pair(400, 0, 3);
    const head = [...d.base];
    let lost = 0;
    let won = 0;
    for (let i = 0; i < 400; i++) {
      if (lost < 12 && head[i] === d.truth[i]) {
        head[i] = (d.truth[i] + 1) % 5;
        lost++;
      } else if (won < 6 && head[i] !== d.truth[i]) {
        head[i] = d.truth[i];
        won++;
      }
    }
    const b = makeReport('multiclass', names, { test: mc(d.truth, d.base) });
    const h = makeReport('multiclass', names, { test: mc(d.truth, head) });
    const cmp = compareReports(b, h, only(['accuracy']));
    const row = cmp.headline[0];
    expect(row.delta).toBeCloseTo(-6 / 400, 12);
    expect(row.ci!.lo).toBeLessThan(-0.01);
    expect(row.ci!.hi).toBeGreaterThan(0);
    expect(row.level).toBe('ok');
    expect(cmp.verdict).toBe('pass');
    expect(cmp.reasons[0]).toMatch(/^no regression: headline metrics within noise/);
    expect(cmp.notes!.find((n) => n.section === 'headline')!.text).toMatch(
      /^Within noise \(the 95% interval includes 0\), not a warning: test accuracy fell 1\.5 pts \[-\d\.\d, \+\d\.\d\]\.$/,
    );
  });

  it('warn level on its own', () => {
    const d = pair(3000, 45); // -1.5 points
    const b = makeReport('multiclass', names, { test: mc(d.truth, d.base) });
    const h = makeReport('multiclass', names, { test: mc(d.truth, d.head) });
    const cmp = compareReports(b, h, only(['accuracy']));
    expect(cmp.headline[0].level).toBe('warn');
    expect(cmp.headline[0].reason).toMatch(/^test accuracy fell 1\.5 pts \[.*\], past the 1\.0 pt limit$/);
    expect(cmp.verdict).toBe('warn');
  });
});

describe('held-out splits gate, train explains', () => {
  const tr = pair(3000, 300, 7); // train -10 points
  const va = pair(3000, 0, 8);
  const b = makeReport('multiclass', names, { train: mc(tr.truth, tr.base), validation: mc(va.truth, va.base) });
  const h = makeReport('multiclass', names, { train: mc(tr.truth, tr.head), validation: mc(va.truth, va.head) });

  it('by default a train drop is context: shown with its interval, never a finding', () => {
    const cmp = compareReports(b, h, only(['accuracy']));
    const train = cmp.headline.find((r) => r.split === 'train')!;
    expect(train.role).toBe('context');
    expect(train.ci!.hi).toBeLessThan(-0.05);
    expect(train.level).toBe('ok');
    expect(cmp.verdict).toBe('pass');
    expect(cmp.notes!.map((n) => n.text).join('\n')).toMatch(
      /^Train fell \(accuracy -10\.0 pts .*\) while validation held/m,
    );
  });

  it('headline.splits still overrides: listed, train gates like any split', () => {
    const cmp = compareReports(b, h, only(['accuracy'], { headline: { metrics: ['accuracy'], splits: ['train'] } }));
    expect(cmp.headline.map((r) => [r.split, r.role])).toEqual([['train', 'gate']]);
    expect(cmp.verdict).toBe('fail');
  });

  it('headline.splits: all gates every split, train included, and the classes too with classes.splits: all', () => {
    const rules = only(['accuracy'], {
      headline: { metrics: ['accuracy'], splits: 'all' },
      classes: { splits: 'all' },
    });
    const cmp = compareReports(b, h, rules);
    expect(cmp.headline.map((r) => [r.split, r.role])).toEqual([
      ['train', 'gate'],
      ['validation', 'gate'],
    ]);
    expect(cmp.verdict).toBe('fail');
    // The default judges validation only: `all` is not read as the default.
    expect(compareReports(b, h, only(['accuracy'])).verdict).toBe('pass');
    expect(cmp.settings).toMatchObject({ headline: { splits: 'all' }, classes: { splits: 'all' } });
  });

  it('a report with neither validation nor test gates every split', () => {
    const x = makeReport('multiclass', names, { train: mc(tr.truth, tr.base) });
    const y = makeReport('multiclass', names, { train: mc(tr.truth, tr.head) });
    const cmp = compareReports(x, y, only(['accuracy']));
    expect(cmp.headline[0].role).toBe('gate');
    expect(cmp.verdict).toBe('fail');
  });
});

describe('generalization gaps', () => {
  it('a wider train-validation gap with both splits paired gets an interval from both bootstraps', () => {
    const tr = pair(3000, 0, 5);
    const va = pair(3000, 240, 6); // validation -8 points, train unchanged: the gap widens by 8
    const b = makeReport('multiclass', names, { train: mc(tr.truth, tr.base), validation: mc(va.truth, va.base) });
    const h = makeReport('multiclass', names, { train: mc(tr.truth, tr.head), validation: mc(va.truth, va.head) });
    const rules = parseRules(
      { headline: { metrics: [] }, gaps: { metrics: ['accuracy'] }, classes: { splits: [] } },
      'test',
      'multiclass',
    );
    const cmp = compareReports(b, h, rules);
    const g = cmp.gaps.find((x) => x.gap === 'train-validation')!;
    expect(g.base).toBeCloseTo(b.splits.train.metrics.accuracy! - b.splits.validation.metrics.accuracy!, 12);
    expect(g.delta).toBeCloseTo(0.08, 12);
    expect(g.ci!.lo).toBeGreaterThan(0.05);
    expect(g.ci!.hi).toBeLessThan(0.11);
    expect(g.level).toBe('fail');
    expect(g.reason).toMatch(/^train-validation gap in accuracy widened 8\.0 pts \[\+\d/);
  });

  it('a narrower gap is fine; gaps without per-example data use the point estimate', () => {
    const tr = pair(1000, 60, 5);
    const va = pair(1000, 0, 6);
    const b = makeReport(
      'multiclass',
      names,
      { train: mc(tr.truth, tr.base), validation: mc(va.truth, va.base) },
      { encode: false },
    );
    const h = makeReport(
      'multiclass',
      names,
      { train: mc(tr.truth, tr.head), validation: mc(va.truth, va.head) },
      { encode: false },
    );
    const rules = parseRules({ headline: { metrics: [] }, gaps: { metrics: ['accuracy'] } }, 'test', 'multiclass');
    let g = compareReports(b, h, rules).gaps[0];
    expect(g.delta).toBeCloseTo(-0.06, 12);
    expect(g.level).toBe('ok');
    // Train rose 6 points, validation did not move: a wider gap, but no held-out score fell.
    let cmp = compareReports(h, b, rules);
    g = cmp.gaps[0];
    expect(g.ci).toBeUndefined();
    expect(g.level).toBe('ok');
    expect((cmp.notes ?? []).map((n) => n.text)).toContainEqual(
      expect.stringMatching(
        /^The train − validation gap in accuracy widened by 6\.0 pts because train rose \(\+6\.0 pts, no interval\) while validation held \(0\.0 pts, no interval\): nothing generalizes worse\.$/,
      ),
    );
    // The same with validation falling 2 points: the rule's condition holds on the point estimates.
    const va2 = pair(1000, 20, 6);
    const h2 = makeReport(
      'multiclass',
      names,
      { train: mc(tr.truth, tr.base), validation: mc(va2.truth, va2.head) },
      { encode: false },
    );
    cmp = compareReports(h, h2, rules);
    g = cmp.gaps[0];
    expect(g.ci).toBeUndefined();
    expect(g.level).toBe('warn');
    expect(g.reason).toMatch(/no interval \(same examples, but neither report carries per-example predictions\)/);
  });

  it('a hamming-loss gap says "improved" for a falling loss, not "rose"', () => {
    // Multi-label, no per-example data: train's loss falls (4 examples fixed), validation's holds.
    const t = [[0], [1], [0, 1], [2], [1, 2], [0], [2], [1]];
    const miss = (rows: number[][], k: number) => rows.map((r, i) => (i < k ? [] : r));
    const side = (train: number) =>
      makeReport(
        'multilabel',
        ['a', 'b', 'c'],
        { train: ml(t, miss(t, train)), validation: ml(t, miss(t, 1)) },
        { encode: false },
      );
    const rules = parseRules({ headline: ['hamming_loss'], gaps: { metrics: ['hamming_loss'] } }, 'x', 'multilabel');
    const cmp = compareReports(side(4), side(0), rules);
    const words = (cmp.notes ?? []).map((n) => n.text).join('\n');
    expect(words).toMatch(
      /The train − validation gap in hamming_loss widened by \d+\.\d pts because train improved \(-\d+\.\d pts, no interval\) while validation held \(0\.0 pts, no interval\)/,
    );
    expect(words).not.toMatch(/train rose/);
    expect(cmp.gaps[0].level).toBe('ok');
  });

  it('a validation − test gap widened by a validation gain alone: validation may read optimistic', () => {
    const va = pair(3000, 0, 6);
    const te = pair(3000, 0, 7);
    // Head fixes 240 of validation's wrong answers; test's predictions are the base's.
    const fixed = va.head.map((p, i) => (i < 2000 && p !== va.truth[i] ? va.truth[i] : p));
    const b = makeReport('multiclass', names, { validation: mc(va.truth, va.base), test: mc(te.truth, te.base) });
    const h = makeReport('multiclass', names, { validation: mc(va.truth, fixed), test: mc(te.truth, te.head) });
    const rules = parseRules(
      { headline: { metrics: [] }, gaps: { metrics: ['accuracy'] }, classes: { splits: [] } },
      'x',
      'multiclass',
    );
    const cmp = compareReports(b, h, rules);
    const note = (cmp.notes ?? []).map((n) => n.text).find((n) => n.startsWith('The validation − test gap'));
    expect(note).toMatch(/because validation rose|because validation improved/);
    expect(note).toMatch(
      /validation may read optimistic \(a model or setting chosen on it\), test is the score to trust\.$/,
    );
    expect(note).not.toMatch(/nothing generalizes worse/);
  });
});

describe('verdict plumbing', () => {
  const d = pair(500, 0);
  const r = makeReport('multiclass', names, { validation: mc(d.truth, d.base), test: mc(d.truth, d.base) });

  it('no baseline: head values, base null, verdict no-baseline', () => {
    const cmp = compareReports(null, r, defaultRules('multiclass'));
    expect(cmp.verdict).toBe('no-baseline');
    expect(cmp.base).toBeNull();
    expect(cmp.headline.length).toBe(8);
    expect(cmp.headline.every((x) => x.base === null && x.head !== null && x.delta === null)).toBe(true);
    expect(cmp.splits.onlyHead).toEqual(['validation', 'test']);
  });

  it('a failing sanity finding in the head fails the verdict, even without a baseline', () => {
    const bad = {
      ...r,
      sanity: [
        {
          level: 'fail' as const,
          split: 'test',
          code: 'constant-output',
          message: 'predicts one class for every example',
        },
      ],
    };
    expect(compareReports(r, bad, defaultRules('multiclass')).verdict).toBe('fail');
    const cmp = compareReports(null, bad, defaultRules('multiclass'));
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons[0]).toBe('head model (test): predicts one class for every example');
  });

  it('a head at chance level fails only when the base scored well on the same split', () => {
    // Head guesses: right on about a fifth of the examples, as a broken reload would be.
    const guess = d.truth.map((t, i) => (i % 5 === 0 ? t : (t + 1 + (i % 4)) % 5));
    const chance = {
      level: 'warn' as const,
      split: 'test',
      code: 'chance-level',
      message: 'accuracy 20.0% is within noise of chance (20.0%: 1/5)',
    };
    const h = {
      ...makeReport('multiclass', names, { validation: mc(d.truth, d.base), test: mc(d.truth, guess) }),
      sanity: [chance],
    };
    const cmp = compareReports(r, h, parseRules({ classes: { splits: [] } }, 'test', 'multiclass'));
    expect(cmp.sanity[0].level).toBe('fail');
    expect(cmp.sanity[0].message).toMatch(/while the base model scored 8\d\.\d%/);
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons[0]).toMatch(/^head model \(test\): accuracy 20\.0% is within noise of chance/);
    // Without a base, or when the base was at chance too, it stays a warning.
    expect(compareReports(null, h, defaultRules('multiclass')).sanity[0].level).toBe('warn');
    const baseAtChance = { ...h, sanity: [chance] };
    expect(compareReports(baseAtChance, h, defaultRules('multiclass')).sanity[0].level).toBe('warn');
  });

  it('a split missing in the head is reported and warns', () => {
    const h = makeReport('multiclass', names, { validation: mc(d.truth, d.base) });
    const cmp = compareReports(r, h, defaultRules('multiclass'));
    expect(cmp.splits).toEqual({ both: ['validation'], onlyBase: ['test'], onlyHead: [] });
    expect(cmp.verdict).toBe('warn');
    expect(cmp.reasons[0]).toMatch(/split 'test' is in the base report but not in the head report/);
  });

  it('passes identical reports with a plain reason and records the effective settings', () => {
    const cmp = compareReports(r, r, defaultRules('multiclass'), { head: { commit: 'abc' } });
    expect(cmp.verdict).toBe('pass');
    expect(cmp.reasons[0]).toMatch(/^no regression/);
    expect(cmp.head.commit).toBe('abc');
    expect(cmp.settings).toMatchObject({ fdr: { level: 0.05, method: 'bh' }, classes: { 'min-drop': 5 } });
  });
});
