// Adversarial cases for the comparison engine: edge baselines, class bookkeeping, pairing
// selection, the catastrophic rule, tiny splits, and a seeded property test that no
// Comparison ever carries NaN / Infinity / undefined in a number or a string.

import { compareReports } from '../../../src/core/compare/compare.js';
import { defaultRules, parseRules } from '../../../src/core/compare/rules.js';
import type { ClassDelta, Comparison } from '../../../src/core/compare/types.js';
import { makeReport, mc, ml } from '../../helpers/stats-reports.js';

const rules = (obj: unknown = {}, task: 'multiclass' | 'multilabel' = 'multiclass') => parseRules(obj, 'test', task);
const row = (cmp: Comparison, name: string, split = 'test'): ClassDelta => {
  const r = cmp.classes.find((c) => c.name === name && c.split === split);
  if (!r) throw new Error(`no row for ${name}/${split}`);
  return r;
};

describe('catastrophic rule', () => {
  it('a significant regression of a class also caught by catastrophic at level warn still fails', () => {
    // 'a': 60 examples, base finds all, head finds none: catastrophic and a highly significant drop.
    const truth = [...Array(60).fill(0), ...Array(60).fill(1)];
    const base = [...truth];
    const head = [...Array(60).fill(1), ...Array(60).fill(1)];
    const b = makeReport('multiclass', ['a', 'b'], { test: mc(truth, base) });
    const h = makeReport('multiclass', ['a', 'b'], { test: mc(truth, head) });
    const cmp = compareReports(
      b,
      h,
      rules({ classes: { catastrophic: { level: 'warn' } }, headline: [], gaps: { metrics: [] } }),
    );
    const a = row(cmp, 'a');
    expect(a.test!.q!).toBeLessThan(1e-10);
    expect(a.level).toBe('fail');
    expect(cmp.verdict).toBe('fail');
  });
});

describe('catastrophic rule: where it must not fire', () => {
  const truthB = [...Array(10).fill(0), ...Array(10).fill(1)];
  it('does not fire when the class has no support in the head (class absent from the head data)', () => {
    const b = makeReport('multiclass', ['a', 'b'], { test: mc(truthB, truthB) });
    const t = Array(20).fill(1);
    const h = makeReport('multiclass', ['a', 'b'], { test: mc(t, t) });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(row(cmp, 'a').status).toBe('ignored');
    expect(row(cmp, 'a').level).toBe('ok');
    expect(cmp.classes.some((c) => c.status === 'catastrophic')).toBe(false);
  });
  it('multi-label: fires on a label found 5 times before and never now, not on a label found 4 times', () => {
    const truth = [...Array(5).fill([0]), ...Array(4).fill([1]), ...Array(11).fill([])] as number[][];
    const head = truth.map(() => [] as number[]);
    const b = makeReport('multilabel', ['x', 'y'], { test: ml(truth, truth) });
    const h = makeReport('multilabel', ['x', 'y'], { test: ml(truth, head) });
    const cmp = compareReports(b, h, defaultRules('multilabel'));
    expect(row(cmp, 'x').status).toBe('catastrophic');
    expect(row(cmp, 'x').level).toBe('fail');
    expect(row(cmp, 'y').status).not.toBe('catastrophic');
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons[0]).toMatch(/class 'x' \(test\): found 5\/5 → 0\/5, none found now/);
  });
});

describe('limits and directions', () => {
  it('perfect scores that stay perfect are unchanged and pass', () => {
    const t = [0, 0, 1, 1, 2, 2, 2];
    const r = makeReport('multiclass', ['a', 'b', 'c'], { validation: mc(t, t), test: mc(t, t), train: mc(t, t) });
    const cmp = compareReports(r, r, defaultRules('multiclass'));
    expect(cmp.verdict).toBe('pass');
    expect(cmp.headline.every((m) => m.delta === 0 && m.level === 'ok')).toBe(true);
    expect(cmp.gaps.every((g) => g.delta === 0 && g.level === 'ok')).toBe(true);
  });

  it('"5%" on a zero hamming-loss base reads as 5 points; the same rise past it fails and says "rose"', () => {
    // 10 examples x 2 labels = 20 label slots; 1 wrong label = 5 points of hamming loss.
    const truth = Array.from({ length: 10 }, (_, i) => (i % 2 ? [0] : [1]));
    const one = truth.map((t, i) => (i === 0 ? [0, 1] : t));
    const two = truth.map((t, i) => (i < 2 ? [0, 1] : t));
    const R = (o: unknown) =>
      rules(
        {
          headline: { metrics: ['hamming_loss'], 'max-drop': { hamming_loss: { warn: 'off', fail: '5%' } } },
          bootstrap: { resamples: 0 },
          ...((o as object) ?? {}),
        },
        'multilabel',
      );
    const b = makeReport('multilabel', ['x', 'y'], { test: ml(truth, truth) });
    const at = compareReports(b, makeReport('multilabel', ['x', 'y'], { test: ml(truth, one) }), R({}));
    expect(at.headline[0].delta).toBeCloseTo(0.05, 12);
    expect(at.headline[0].level).toBe('ok');
    const past = compareReports(b, makeReport('multilabel', ['x', 'y'], { test: ml(truth, two) }), R({}));
    // Intervals are off here: past the limit on a point estimate alone is a warning, never a fail.
    expect(past.headline[0].level).toBe('warn');
    expect(past.headline[0].reason).toMatch(
      /^test hamming_loss rose 10\.0 pts, past the 5\.0 pt limit; no interval .*, so a point estimate alone cannot fail$/,
    );
    // And the reverse (loss falling from 10 to 0 points) is an improvement: never a finding.
    const back = compareReports(makeReport('multilabel', ['x', 'y'], { test: ml(truth, two) }), b, R({}));
    expect(back.headline[0].level).toBe('ok');
    expect(back.verdict).toBe('pass');
  });

  it('hamming-loss gaps: a train-validation gap that narrows never warns, one that widens does, with "widened"', () => {
    const n = 40;
    const truth = Array.from({ length: n }, (_, i) => [i % 2]);
    const noisy = (k: number) => truth.map((t, i) => (i < k ? [0, 1] : t));
    const mk = (trainErr: number, valErr: number) =>
      makeReport(
        'multilabel',
        ['x', 'y'],
        { train: ml(truth, noisy(trainErr)), validation: ml(truth, noisy(valErr)) },
        { encode: false },
      );
    const R = rules({ headline: [], gaps: { metrics: ['hamming_loss'] } }, 'multilabel');
    const narrower = compareReports(mk(0, 12), mk(0, 4), R);
    expect(narrower.gaps[0].delta).toBeGreaterThan(0);
    expect(narrower.gaps[0].level).toBe('ok');
    expect(narrower.verdict).toBe('pass');
    const wider = compareReports(mk(0, 4), mk(0, 12), R);
    // No per-example data: at most a warning.
    expect(wider.gaps[0].level).toBe('warn');
    expect(wider.gaps[0].reason).toMatch(/^train-validation gap in hamming_loss widened 10\.0 pts/);
  });
});

describe('classes: added, removed, reordered, support on one side only', () => {
  it('a class with support only in base (different examples) is not judged and does not fail', () => {
    const b = makeReport('multiclass', ['a', 'b', 'c'], {
      test: mc([0, 0, 0, 0, 0, 0, 1, 2], [0, 0, 0, 0, 0, 0, 1, 2]),
    });
    const h = makeReport('multiclass', ['c', 'b', 'a'], { test: mc([1, 0], [1, 1]) });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(row(cmp, 'a').head).toEqual({ found: 0, support: 0 });
    expect(row(cmp, 'a').delta).toBeNull();
    expect(row(cmp, 'a').level).toBe('ok');
    // 'b' appears only in head's truth... no: here 'b' is in both. 'c' has support 1 in base, 1 in head, found 1 -> 0.
    expect(row(cmp, 'c').delta).toBe(-1);
    expect(['too-few', 'noise']).toContain(row(cmp, 'c').status);
  });

  it('classes added and removed are listed and never fail; the rest is still paired by name', () => {
    const t = [0, 0, 0, 1, 1, 1];
    const b = makeReport('multiclass', ['a', 'b', 'gone'], { test: mc(t, [0, 0, 0, 1, 1, 2]) });
    // Head knows 'new' (index 0) and lists the shared classes in another order; predicts 'new' once.
    const h = makeReport('multiclass', ['new', 'b', 'a'], {
      test: mc(
        t.map((k) => 2 - k),
        [2, 2, 2, 1, 1, 0],
      ),
    });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(cmp.classesAdded).toEqual(['new']);
    expect(cmp.classesRemoved).toEqual(['gone']);
    expect(cmp.methods.test.classTest).toBe('mcnemar');
    expect(row(cmp, 'new').status).toBe('added');
    expect(row(cmp, 'gone').status).toBe('removed');
    // 'b' is missed on the same example by both (as 'gone', then as 'new'); 'a' is found throughout.
    expect(row(cmp, 'b').test).toMatchObject({ kind: 'mcnemar', b: 0, c: 0 });
    expect(row(cmp, 'b').base).toEqual({ found: 2, support: 3 });
    expect(cmp.verdict).not.toBe('fail');
  });
});

describe('paired or unpaired', () => {
  const t = [0, 0, 1, 1, 2, 2];
  const p = [0, 1, 1, 1, 2, 0];
  it('same examples, but only one report carries predictions: unpaired, naming the side', () => {
    const b = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(t, p) });
    const h = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(t, p) }, { encode: false });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(cmp.sameExamples.test).toBe(true);
    expect(cmp.methods.test.classTest).toBe('newcombe');
    expect(cmp.methods.test.why).toMatch(/the head report carries no per-example predictions/);
    expect(cmp.headline.every((m) => m.ci === undefined)).toBe(true);
  });
  it('equal fingerprints with different class lists still pair by name', () => {
    const b = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(t, p) });
    const h = makeReport('multiclass', ['c', 'z', 'a', 'b'], {
      test: mc(
        t.map((k) => [2, 3, 0][k]),
        p.map((k) => [2, 3, 0][k]),
      ),
    });
    expect(h.splits.test.fingerprints.labels).toBe(b.splits.test.fingerprints.labels);
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(cmp.methods.test.classTest).toBe('mcnemar');
    for (const name of ['a', 'b', 'c']) expect(row(cmp, name).test).toMatchObject({ b: 0, c: 0 });
    expect(cmp.verdict).toBe('pass');
  });
  it('a task change warns and never pairs', () => {
    const b = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(t, p) });
    const h = makeReport('multilabel', ['a', 'b', 'c'], {
      test: ml(
        t.map((k) => [k]),
        p.map((k) => [k]),
      ),
    });
    const cmp = compareReports(b, h, defaultRules('multilabel'));
    expect(cmp.verdict).toBe('warn');
    expect(cmp.reasons[0]).toMatch(
      /^the task changed from multiclass \(base\) to multilabel \(head\): nothing to compare/,
    );
    expect(Object.values(cmp.methods).every((m) => m.classTest === 'newcombe')).toBe(true);
  });
});

describe('tiny splits and the bootstrap', () => {
  // One example per class; base finds all, head misses all: every non-empty resample is a total loss.
  const t = [0, 1, 2];
  const b = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(t, t) });
  const h = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(t, [1, 2, 0]) });
  it('resamples that draw no example are left out instead of counting as "no change"', () => {
    // Six examples, all lost: every non-empty resample is a total loss, and 2 * 0.5^6 < 0.05.
    const t6 = [0, 1, 2, 0, 1, 2];
    const b6 = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(t6, t6) });
    const h6 = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(t6, [1, 2, 0, 1, 2, 0]) });
    const cmp = compareReports(b6, h6, rules({ headline: ['accuracy'], bootstrap: { resamples: 400 } }));
    expect(cmp.headline[0].delta).toBe(-1);
    expect(cmp.headline[0].ci).toEqual({ lo: -1, hi: -1, level: 0.95 });
    expect(cmp.headline[0].level).toBe('fail');
  });
  it('three examples all lost are within noise: too few changed for any test to be significant', () => {
    // McNemar's exact two-sided p is 2 * 0.5^3 = 0.25; the bootstrap alone gave [-1, -1] and failed.
    const cmp = compareReports(b, h, rules({ headline: ['accuracy'], bootstrap: { resamples: 400 } }));
    expect(cmp.headline[0].delta).toBe(-1);
    expect(cmp.headline[0].ci).toEqual({ lo: -1, hi: 0, level: 0.95 });
    expect(cmp.headline[0].level).toBe('ok');
    expect(cmp.verdict).toBe('pass');
    expect((cmp.notes ?? []).map((n) => n.text).join('\n')).toMatch(
      /Too few examples changed prediction for any change to be significant \(test: 3 examples\)/,
    );
  });
  it('n = 1 and n = 2 give finite intervals that contain the point estimate', () => {
    for (const n of [1, 2]) {
      const tt = [0, 1].slice(0, n);
      const bb = makeReport('multiclass', ['a', 'b'], { test: mc(tt, tt), validation: mc(tt, tt) });
      const hh = makeReport('multiclass', ['a', 'b'], {
        test: mc(
          tt,
          tt.map((k) => 1 - k),
        ),
        validation: mc(tt, tt),
      });
      const cmp = compareReports(bb, hh, rules({ bootstrap: { resamples: 200 } }));
      for (const m of [...cmp.headline, ...cmp.gaps]) {
        expect(m.ci).toBeDefined();
        expect(m.ci!.lo).toBeLessThanOrEqual(m.delta! + 1e-12);
        expect(m.ci!.hi).toBeGreaterThanOrEqual(m.delta! - 1e-12);
      }
    }
  });
  it('resamples 0 or 1 turn intervals off; the same seed gives the same intervals', () => {
    for (const resamples of [0, 1]) {
      const cmp = compareReports(b, h, rules({ bootstrap: { resamples } }));
      expect(cmp.headline.every((m) => m.ci === undefined)).toBe(true);
      expect(cmp.headline[0].reason).toMatch(/no interval \(the bootstrap is turned off/);
      expect(cmp.verdict).toBe('warn');
    }
    const x = compareReports(b, h, rules({ bootstrap: { resamples: 50, seed: 7 } }));
    const y = compareReports(b, h, rules({ bootstrap: { resamples: 50, seed: 7 } }));
    expect(x.headline.map((m) => m.ci)).toEqual(y.headline.map((m) => m.ci));
  });
});

describe('Tarone cut-off through the comparison', () => {
  // One judged class ('a'); 'b' has no support (its row is not a test), so K = 1 and the cut-off is minP <= level.
  const lost = (n: number) => {
    const t = Array(n).fill(0);
    return [
      makeReport('multiclass', ['a', 'b'], { test: mc(t, t) }),
      makeReport('multiclass', ['a', 'b'], { test: mc(t, Array(n).fill(1)) }),
    ] as const;
  };
  it('support exactly at the cut-off (0.5^4 = level) is judged and a total loss is a regression', () => {
    const [b, h] = lost(4);
    const cmp = compareReports(b, h, rules({ fdr: 0.0625, headline: [], gaps: { metrics: [] } }));
    expect(row(cmp, 'a').test).toMatchObject({ kind: 'mcnemar', b: 4, c: 0, p: 0.0625, q: 0.0625 });
    expect(row(cmp, 'a').status).toBe('regression');
    expect(cmp.verdict).toBe('fail');
  });
  it('one example below the cut-off is too-few and does not fail on its own', () => {
    const [b, h] = lost(3);
    const cmp = compareReports(b, h, rules({ fdr: 0.0625, headline: [], gaps: { metrics: [] } }));
    expect(row(cmp, 'a').status).toBe('too-few');
    expect(row(cmp, 'a').test!.q).toBeUndefined();
    expect(cmp.verdict).toBe('pass');
  });
});

describe('plain words for tiny figures', () => {
  it('a relative limit on a near-zero hamming-loss base names the real sizes, never "0.0 pts"', () => {
    // 4000 examples x 2 labels: base 1 wrong label (0.0125 pt), head 2; "5%" of 0.0125 pt = 0.000625 pt.
    const truth = Array.from({ length: 4000 }, (_, i) => [i % 2]);
    const wrong = (k: number) => truth.map((t, i) => (i < k ? [0, 1] : t));
    const R = rules(
      {
        headline: { metrics: ['hamming_loss'], 'max-drop': { default: { warn: 'off', fail: '5%' } } },
        bootstrap: { resamples: 0 },
      },
      'multilabel',
    );
    const cmp = compareReports(
      makeReport('multilabel', ['x', 'y'], { test: ml(truth, wrong(1)) }),
      makeReport('multilabel', ['x', 'y'], { test: ml(truth, wrong(2)) }),
      R,
    );
    expect(cmp.headline[0].level).toBe('warn');
    expect(cmp.headline[0].reason).toMatch(/^test hamming_loss rose 0\.01 pts, past the 0\.0006 pt limit; no interval/);
  });
});

describe('reasons', () => {
  it('at most two, fail before warn, a catastrophic class before a headline metric before another class', () => {
    // 'a' (40) lost entirely: catastrophic; 'b' (200) loses 40 of 200: a regression; accuracy falls far.
    const truth = [...Array(40).fill(0), ...Array(200).fill(1), ...Array(200).fill(2)];
    const base = [...truth];
    const head = truth.map((k, i) => (k === 0 ? 2 : k === 1 && i < 80 ? 2 : k));
    const b = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(truth, base) });
    const h = makeReport('multiclass', ['a', 'b', 'c'], { test: mc(truth, head) });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons).toHaveLength(2);
    expect(cmp.reasons[0]).toMatch(/^class 'a' \(test\): found 40\/40 → 0\/40, none found now$/);
    expect(cmp.reasons[1]).toMatch(/^test (accuracy|recall_macro|recall_micro|f1_macro) fell \d+\.\d pts \[/);
    expect(row(cmp, 'b').status).toBe('regression');
  });
});

describe('no interval although the split was bootstrapped', () => {
  it('says the split is too small, not that per-example data is missing', () => {
    // One example, 2 resamples: find a seed where neither resample draws it (P = e^-2 per seed).
    const b = makeReport('multiclass', ['a', 'b'], { test: mc([0], [0]) });
    const h = makeReport('multiclass', ['a', 'b'], { test: mc([0], [1]) });
    let seen = 0;
    for (let seed = 0; seed < 60; seed++) {
      const cmp = compareReports(b, h, rules({ headline: ['accuracy'], bootstrap: { resamples: 2, seed } }));
      const m = cmp.headline[0];
      // With an interval, one changed example is within noise (it reaches 0); without, a warning.
      if (m.ci) {
        expect(m.ci.hi).toBe(0);
        expect(m.level).toBe('ok');
        continue;
      }
      expect(m.level).toBe('warn');
      seen++;
      expect(m.reason).toMatch(
        /; no interval \(too few examples for a bootstrap interval\), so a point estimate alone cannot fail$/,
      );
    }
    expect(seen).toBeGreaterThan(0);
  });
});
