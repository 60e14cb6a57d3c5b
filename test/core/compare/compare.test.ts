import { compareReports } from '../../../src/core/compare/compare.js';
import { defaultRules, parseRules } from '../../../src/core/compare/rules.js';
import type { ClassDelta, Comparison } from '../../../src/core/compare/types.js';
import { binomialUpperTail } from '../../../src/core/stats/binomial.js';
import { makeReport, mc, ml, remapSplit } from '../../helpers/stats-reports.js';

const CLASSES = ['cat', 'dog', 'bird', 'fish'];

/** Truth with `support[k]` examples of class k; base finds `found[k]` of them (the first ones), else predicts the next class. */
function build(support: number[], found: number[]): { truth: number[]; pred: number[] } {
  const truth: number[] = [];
  const pred: number[] = [];
  support.forEach((s, k) => {
    for (let i = 0; i < s; i++) {
      truth.push(k);
      pred.push(i < found[k] ? k : (k + 1) % support.length);
    }
  });
  return { truth, pred };
}

const byName = (cmp: Comparison, name: string, split = 'test'): ClassDelta => {
  const r = cmp.classes.find((c) => c.name === name && c.split === split);
  if (!r) throw new Error(`no row for ${name}/${split}`);
  return r;
};

const rules = (obj: unknown = {}) => parseRules(obj, 'test', 'multiclass');

describe('compareReports: per-class judgement', () => {
  const support = [200, 200, 200, 200];
  const base = build(support, [180, 170, 160, 150]);

  it('identical reports pass with every class unchanged', () => {
    const r = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const cmp = compareReports(r, r, defaultRules('multiclass'));
    expect(cmp.verdict).toBe('pass');
    expect(cmp.methods.test.classTest).toBe('mcnemar');
    expect(cmp.classes.map((c) => c.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(cmp.headline.every((h) => h.delta === 0 && h.level === 'ok')).toBe(true);
  });

  it('a real drop in one class fails with exact McNemar counts, p and a plain reason', () => {
    const headPred = [...base.pred];
    // 'dog' (indices 200..399): head misses 40 that base found, and finds 2 that base missed.
    for (let i = 200; i < 240; i++) headPred[i] = 2;
    headPred[200 + 170] = 1;
    headPred[200 + 171] = 1;
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const h = makeReport('multiclass', CLASSES, { test: mc(base.truth, headPred) });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    const dog = byName(cmp, 'dog');
    expect(dog.test).toMatchObject({ kind: 'mcnemar', b: 40, c: 2 });
    expect(dog.test!.p).toBeCloseTo(binomialUpperTail(40, 42), 15);
    expect(dog.base).toEqual({ found: 170, support: 200 });
    expect(dog.head).toEqual({ found: 132, support: 200 });
    expect(dog.delta).toBeCloseTo(-0.19, 12);
    expect(dog.status).toBe('regression');
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons.some((r) => /class 'dog' \(test\): found 170\/200 → 132\/200, q = /.test(r))).toBe(true);
    // 'bird' got 40 extra wrong predictions but its recall did not change.
    expect(byName(cmp, 'bird').status).toBe('unchanged');
  });

  it('matches classes by name when the head lists them in another order', () => {
    const headPred = [...base.pred];
    for (let i = 200; i < 240; i++) headPred[i] = 2;
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const direct = makeReport('multiclass', CLASSES, { test: mc(base.truth, headPred) });
    const perm = [3, 1, 0, 2]; // old index -> new index
    const reordered = [...CLASSES];
    CLASSES.forEach((n, i) => (reordered[perm[i]] = n));
    const h = makeReport('multiclass', reordered, { test: remapSplit(mc(base.truth, headPred), perm) });
    const a = compareReports(b, direct, defaultRules('multiclass'));
    const c = compareReports(b, h, defaultRules('multiclass'));
    expect(c.methods.test.classTest).toBe('mcnemar');
    for (const name of CLASSES) {
      expect(byName(c, name).test).toEqual(byName(a, name).test);
      expect(byName(c, name).status).toEqual(byName(a, name).status);
    }
    expect(c.headline.map((x) => [x.metric, x.delta])).toEqual(a.headline.map((x) => [x.metric, x.delta]));
    expect(c.classesAdded).toEqual([]);
  });

  it('falls back to Newcombe when the examples differ, and says why', () => {
    const other = build([210, 200, 200, 200], [190, 130, 160, 150]);
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const h = makeReport('multiclass', CLASSES, { test: mc(other.truth, other.pred) });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(cmp.sameExamples.test).toBe(false);
    expect(cmp.methods.test.classTest).toBe('newcombe');
    expect(cmp.methods.test.why).toMatch(/different examples/);
    const dog = byName(cmp, 'dog');
    expect(dog.test?.kind).toBe('newcombe');
    expect(dog.test?.ci?.hi).toBeLessThan(0);
    expect(dog.status).toBe('regression');
    expect(cmp.reasons.join(' ')).toMatch(/dog.*unpaired/);
    // Headline intervals come from an unpaired bootstrap (each side resampled on its own).
    const acc = cmp.headline.find((x) => x.metric === 'accuracy')!;
    expect(acc.ci).toBeDefined();
    expect(acc.ci!.lo).toBeLessThan(acc.delta!);
    expect(acc.ci!.hi).toBeGreaterThan(acc.delta!);
    expect(acc.reason ?? '').not.toMatch(/no interval/);
  });

  it('falls back to Newcombe when a report has no per-example predictions', () => {
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) }, { encode: false });
    const h = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(cmp.sameExamples.test).toBe(true);
    expect(cmp.methods.test).toEqual({
      classTest: 'newcombe',
      why: expect.stringMatching(/the base report carries no per-example predictions/),
    });
  });

  it('falls back when per-example data is damaged or the truths disagree despite the fingerprint', () => {
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const damaged = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    damaged.splits.test.predictions!.data = 'bm90IGRlZmxhdGU=';
    let cmp = compareReports(b, damaged, defaultRules('multiclass'));
    expect(cmp.methods.test).toEqual({
      classTest: 'newcombe',
      why: expect.stringMatching(
        /^per-example predictions could not be read \(per-example predictions are not valid deflate data\)/,
      ),
    });
    const otherTruth = [...base.truth];
    [otherTruth[0], otherTruth[799]] = [otherTruth[799], otherTruth[0]];
    const liar = makeReport('multiclass', CLASSES, { test: mc(otherTruth, base.pred) });
    liar.splits.test.fingerprints.labels = b.splits.test.fingerprints.labels;
    cmp = compareReports(b, liar, defaultRules('multiclass'));
    expect(cmp.methods.test.why).toMatch(/^same fingerprint, but the truths differ at example 1:/);
  });

  it('puts tiny classes in too-few, but the catastrophic rule still fails', () => {
    // 'fish' has 4 examples: 0.5^4 = 0.0625 > 0.05 -- even losing all four could not be significant.
    const sup = [300, 300, 300, 4];
    const bb = build(sup, [280, 280, 280, 4]);
    const hp = [...bb.pred];
    for (let i = 900; i < 904; i++) hp[i] = 0;
    const b = makeReport('multiclass', CLASSES, { test: mc(bb.truth, bb.pred) });
    const h = makeReport('multiclass', CLASSES, { test: mc(bb.truth, hp) });
    // Headline metrics off: fish's total loss is a real macro-recall drop of 25 points.
    const only = (classes: object) => rules({ headline: { metrics: [] }, gaps: { metrics: [] }, classes });
    let cmp = compareReports(b, h, only({ catastrophic: 5 }));
    expect(byName(cmp, 'fish').status).toBe('too-few');
    expect(byName(cmp, 'fish').level).toBe('ok');
    expect(cmp.verdict).toBe('pass');
    cmp = compareReports(b, h, only({ catastrophic: 4 }));
    expect(byName(cmp, 'fish').status).toBe('catastrophic');
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons[0]).toBe("class 'fish' (test): found 4/4 → 0/4, none found now");
    cmp = compareReports(b, h, only({ catastrophic: { 'min-found': 4, level: 'warn' } }));
    expect(cmp.verdict).toBe('warn');
  });

  it.each([
    // Every other class lost half its examples (all in the family): the cut-off on support. Under
    // BH a test ranked last in a family whose every test is significant needs only p <= 0.05:
    // 5 examples all lost (1/32), whatever the number of classes (Tarone's screen wanted 14 and 8).
    [485, 4, 50, 'too-few'],
    [485, 5, 50, 'regression'],
    [485, 13, 50, 'regression'],
    [10, 4, 50, 'too-few'],
    [10, 5, 50, 'regression'],
    // Nothing else moved: the class is alone in the family, so 5 discordant examples suffice (1/32).
    [485, 4, 0, 'too-few'],
    [485, 5, 0, 'regression'],
    [10, 5, 0, 'regression'],
  ])(
    "the screen's cut-off: with %i classes a class of %i examples, all lost, others losing %i of 100, is %s",
    (C, small, lose, want) => {
      const names = Array.from({ length: C }, (_, k) => `c${k}`);
      const truth: number[] = [];
      const pred: number[] = [];
      const head: number[] = [];
      for (let k = 0; k < C; k++) {
        const s = k === 0 ? small : 100;
        for (let i = 0; i < s; i++) {
          truth.push(k);
          pred.push(k);
          head.push(k === 0 ? 1 : i < lose ? (k + 1) % C : k);
        }
      }
      const b = makeReport('multiclass', names, { test: mc(truth, pred) });
      const h = makeReport('multiclass', names, { test: mc(truth, head) });
      const cmp = compareReports(
        b,
        h,
        rules({ headline: { metrics: [] }, gaps: { metrics: [] }, classes: { catastrophic: 'off' } }),
      );
      expect(byName(cmp, 'c0').status).toBe(want);
      expect(byName(cmp, 'c0').test).toMatchObject({ b: small, c: 0 });
      expect(byName(cmp, 'c0').test!.p! / 0.5 ** small).toBeCloseTo(1, 12);
    },
  );

  it("twenty classes each losing 8 of 50 all regress (Tarone's screen left every one of them out: all noise)", () => {
    // Each test's smallest p is 0.5^8 = 1/256, just above 0.05 / 13: Tarone's K = 13 kept none of the 20.
    const C = 20;
    const names = Array.from({ length: C }, (_, k) => `c${k}`);
    const truth = names.flatMap((_, k) => new Array<number>(50).fill(k));
    const head = truth.map((k, i) => (i % 50 < 8 ? (k + 1) % C : k));
    const b = makeReport('multiclass', names, { test: mc(truth, truth) });
    const h = makeReport('multiclass', names, { test: mc(truth, head) });
    const cmp = compareReports(b, h, rules({ headline: { metrics: [] }, gaps: { metrics: [] } }));
    for (const n of names) {
      expect(byName(cmp, n).test).toMatchObject({ b: 8, c: 0 });
      expect(byName(cmp, n).status).toBe('regression');
      expect(byName(cmp, n).test!.q).toBeCloseTo(1 / 256, 15);
    }
    expect(cmp.verdict).toBe('fail');
  });

  it('a class without a discordant example is unchanged, and stays out of the family', () => {
    const hp = [...base.pred];
    for (let i = 200; i < 214; i++) hp[i] = 2; // dog: b = 14
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const h = makeReport('multiclass', CLASSES, { test: mc(base.truth, hp) });
    const cmp = compareReports(b, h, rules({ headline: { metrics: [] } }));
    const others = cmp.classes.filter((c) => c.name !== 'dog');
    expect(others.every((c) => c.status === 'unchanged' && c.test?.q === undefined)).toBe(true);
    // Alone in the family: q = p.
    expect(byName(cmp, 'dog').test!.q).toBe(byName(cmp, 'dog').test!.p);
  });

  it('a significant drop smaller than min-drop is noise, not a regression', () => {
    const sup = [5000, 5000, 5000, 5000];
    const bb = build(sup, [4500, 4500, 4500, 4500]);
    const hp = [...bb.pred];
    for (let i = 0; i < 150; i++) hp[i] = 1; // cat: -3 points, p ~ 1e-45
    const b = makeReport('multiclass', CLASSES, { test: mc(bb.truth, bb.pred) });
    const h = makeReport('multiclass', CLASSES, { test: mc(bb.truth, hp) });
    const r = rules({ headline: { metrics: [] }, gaps: { metrics: [] } });
    let cmp = compareReports(b, h, r);
    expect(byName(cmp, 'cat').test!.q).toBeLessThan(1e-10);
    expect(byName(cmp, 'cat').status).toBe('noise');
    expect(cmp.noise.test).toBe(1);
    expect(cmp.verdict).toBe('pass');
    cmp = compareReports(b, h, rules({ headline: { metrics: [] }, classes: { 'min-drop': 2 } }));
    expect(byName(cmp, 'cat').status).toBe('regression');
  });

  it('reports an improvement and never fails on it', () => {
    const hp = [...base.pred];
    for (let i = 600 + 150; i < 800; i++) hp[i] = 3; // fish: 150 -> 200 found
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const h = makeReport('multiclass', CLASSES, { test: mc(base.truth, hp) });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(byName(cmp, 'fish').status).toBe('improvement');
    expect(cmp.verdict).toBe('pass');
  });

  it('reports added and removed classes without crashing', () => {
    const b = makeReport('multiclass', ['a', 'b', 'old'], { test: mc([0, 0, 1, 1, 2], [0, 0, 1, 1, 2]) });
    const h = makeReport('multiclass', ['a', 'b', 'new'], { test: mc([0, 0, 1, 1, 2], [0, 0, 1, 1, 2]) });
    const cmp = compareReports(b, h, defaultRules('multiclass'));
    expect(cmp.classesAdded).toEqual(['new']);
    expect(cmp.classesRemoved).toEqual(['old']);
    expect(cmp.sameExamples.test).toBe(false);
    expect(byName(cmp, 'new').status).toBe('added');
    expect(byName(cmp, 'old').status).toBe('removed');
    expect(byName(cmp, 'a').status).toBe('unchanged');
  });

  it('ignores configured classes and classes below min-support', () => {
    const hp = [...base.pred];
    for (let i = 200; i < 260; i++) hp[i] = 2;
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const h = makeReport('multiclass', CLASSES, { test: mc(base.truth, hp) });
    expect(compareReports(b, h, rules({ classes: { ignore: ['dog'] }, headline: { metrics: [] } })).verdict).toBe(
      'pass',
    );
    const cmp = compareReports(b, h, rules({ classes: { 'min-support': 201 }, headline: { metrics: [] } }));
    expect(cmp.classes.every((c) => c.status === 'ignored')).toBe(true);
  });

  it('judges validation and test by default, and every split when neither exists', () => {
    const s = mc(base.truth, base.pred);
    const r = makeReport('multiclass', CLASSES, { train: s, validation: s, test: s });
    expect(Object.keys(compareReports(r, r, defaultRules('multiclass')).methods)).toEqual(['validation', 'test']);
    const r2 = makeReport('multiclass', CLASSES, { train: s, holdout: s });
    expect(Object.keys(compareReports(r2, r2, defaultRules('multiclass')).methods)).toEqual(['train', 'holdout']);
    expect(Object.keys(compareReports(r, r, rules({ classes: { splits: ['train'] } })).methods)).toEqual(['train']);
  });

  it('BY is more conservative than BH', () => {
    const hp = [...base.pred];
    for (let i = 200; i < 214; i++) hp[i] = 2; // dog: b = 14, 7 points
    for (let i = 0; i < 12; i++) hp[i] = 1; // cat: b = 12
    for (let i = 400; i < 410; i++) hp[i] = 3; // bird: b = 10
    for (let i = 600; i < 608; i++) hp[i] = 0; // fish: b = 8
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const h = makeReport('multiclass', CLASSES, { test: mc(base.truth, hp) });
    const bh = byName(compareReports(b, h, rules({ headline: { metrics: [] } })), 'dog');
    const by = byName(compareReports(b, h, rules({ headline: { metrics: [] }, fdr: { method: 'by' } })), 'dog');
    expect(by.test!.q).toBeGreaterThan(bh.test!.q!);
    // Four tests in the family (0.5^8 <= 0.05 / 4), dog's p the smallest: BH q = 4p, BY q = 4p * (1 + 1/2 + 1/3 + 1/4).
    expect(bh.test!.q).toBeCloseTo(4 * 0.5 ** 14, 15);
    expect(by.test!.q).toBeCloseTo(4 * 0.5 ** 14 * (25 / 12), 15);
  });

  it('tests precision on the negatives when asked', () => {
    const hp = [...base.pred];
    // Head predicts 'cat' for 60 'fish' examples it used to get right: cat gains false positives.
    for (let i = 600; i < 660; i++) hp[i] = 0;
    const b = makeReport('multiclass', CLASSES, { test: mc(base.truth, base.pred) });
    const h = makeReport('multiclass', CLASSES, { test: mc(base.truth, hp) });
    const cmp = compareReports(b, h, rules({ classes: { precision: true }, headline: { metrics: [] } }));
    const cat = byName(cmp, 'cat');
    expect(cat.precision?.test).toMatchObject({ kind: 'mcnemar', b: 60, c: 0 });
    expect(cat.precision?.status).toBe('regression');
    expect(cat.status).toBe('regression');
    expect(cat.level).toBe('fail');
    expect(cmp.reasons.join(' ')).toMatch(/class 'cat' \(test\): precision 180\/230 → 180\/290/);
    // Without the option, only fish's recall is judged.
    const off = compareReports(b, h, rules({ headline: { metrics: [] } }));
    expect(byName(off, 'cat').precision).toBeUndefined();
    expect(byName(off, 'cat').status).toBe('unchanged');
  });

  it('multi-label: discordant counts on positives per label', () => {
    const truth = [[0, 1], [0], [1, 2], [2], [0, 2], [1]];
    const bp = [[0, 1], [0], [1, 2], [2], [0, 2], [1]];
    const hp = [[1], [], [1, 2, 0], [2], [0, 2], []];
    const b = makeReport('multilabel', ['x', 'y', 'z'], { test: ml(truth, bp) });
    const h = makeReport('multilabel', ['x', 'y', 'z'], { test: ml(truth, hp) });
    const cmp = compareReports(b, h, parseRules({ classes: { precision: true } }, 't', 'multilabel'));
    expect(byName(cmp, 'x').test).toMatchObject({ kind: 'mcnemar', b: 2, c: 0 });
    expect(byName(cmp, 'y').test).toMatchObject({ kind: 'mcnemar', b: 1, c: 0 });
    expect(byName(cmp, 'x').precision?.test).toMatchObject({ b: 1, c: 0 });
    expect(cmp.headline.map((r) => r.metric)).toEqual(['subset_accuracy', 'recall_macro', 'recall_micro', 'f1_macro']);
  });
});
