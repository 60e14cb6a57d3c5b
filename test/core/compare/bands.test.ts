// The per-class judgement in aggregate: the sign test against scipy, the unpaired band interval
// against numpy, and the bands of the committed long-tail scenario against numpy (made by
// fixtures/classes/make_oracle.py).
import { readFileSync } from 'node:fs';
import {
  bandIndex,
  minBandPositives,
  signTestTwoSided,
  unpairedMacroInterval,
} from '../../../src/core/compare/bands.js';
import { compareReports } from '../../../src/core/compare/compare.js';
import { parseRules } from '../../../src/core/compare/rules.js';
import { expectClose } from '../stats/oracle.js';
import { makeReport, mc } from '../../helpers/stats-reports.js';
import { runScenario } from '../../helpers/scenario.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const oracle: any = JSON.parse(readFileSync('fixtures/classes/oracle.json', 'utf8'));
const side = (pairs: [number, number][]) => pairs.map(([found, support]) => ({ found, support }));

describe('sign test', () => {
  it('equals scipy.stats.binomtest(k, n, 0.5) two-sided', () => {
    expect(oracle.sign.length).toBeGreaterThan(10);
    for (const { k, n, p } of oracle.sign) expectClose(signTestTwoSided(k, n), p, 1e-9, 1e-300);
  });
});

describe('support bands', () => {
  it('a support falls in the band whose edges enclose it', () => {
    const edges = [10, 100, 1000];
    expect([1, 9, 10, 99, 100, 999, 1000, 5000].map((s) => bandIndex(s, edges))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('a band needs enough positives for a total loss to be significant', () => {
    expect(minBandPositives(0.95)).toBe(6); // 0.5^6 = 0.016 <= 0.025 < 0.5^5
    expect(minBandPositives(0.9)).toBe(5);
    expect(minBandPositives(0.99)).toBe(8);
  });

  it('the unpaired interval equals the numpy Price-Bonett figures, and Agresti-Caffo for two proportions', () => {
    for (const c of oracle.unpaired) {
      const ci = unpairedMacroInterval(side(c.base), side(c.head), c.level);
      expectClose(ci.lo, c.ci[0], 1e-9, 1e-12);
      expectClose(ci.hi, c.ci[1], 1e-9, 1e-12);
    }
    const ac = oracle.agrestiCaffo;
    const ci = unpairedMacroInterval(side(ac.base), side(ac.head), 0.95);
    expectClose(ci.lo, ac.ci[0], 1e-9);
    expectClose(ci.hi, ac.ci[1], 1e-9);
  });

  it('the long-tail scenario: counts, sign test and band recalls equal numpy; intervals agree with a numpy bootstrap', async () => {
    const { comparison } = await runScenario('classes-longtail-damage');
    const [agg] = comparison.classAggregates!;
    const want = oracle.longtail;
    expect({ fell: agg.fell, rose: agg.rose, unchanged: agg.unchanged }).toEqual({
      fell: want.fell,
      rose: want.rose,
      unchanged: want.unchanged,
    });
    expectClose(agg.signP, want.signP, 1e-9);
    expect(agg.bands.map((b) => b.classes)).toEqual(want.bands.map((b: { classes: number }) => b.classes));
    agg.bands.forEach((b, i) => {
      const w = want.bands[i];
      expect(b.positives).toBe(w.positives);
      expectClose(b.base, w.base, 1e-12);
      expectClose(b.head, w.head, 1e-12);
      // Two bootstraps with their own random streams: the same interval within Monte Carlo error.
      expect(Math.abs(b.ci!.lo - w.ci[0])).toBeLessThan(0.004);
      expect(Math.abs(b.ci!.hi - w.ci[1])).toBeLessThan(0.004);
    });
    expect(agg.interval).toMatch(/^paired bootstrap/);
  });
});

describe('band judgement', () => {
  // 3 classes of 300 examples and 20 small classes of 6 examples each ('s0'..'s19').
  const names = ['a', 'b', 'c', ...Array.from({ length: 20 }, (_, i) => `s${i}`)];
  const truth: number[] = [];
  for (let k = 0; k < 3; k++) for (let i = 0; i < 300; i++) truth.push(k);
  for (let k = 3; k < names.length; k++) for (let i = 0; i < 6; i++) truth.push(k);
  const basePred = truth.map((t, i) => (i % 10 === 0 ? (t + 1) % names.length : t));
  const rules = (extra: object = {}) =>
    parseRules({ headline: { metrics: [] }, gaps: { metrics: [] }, ...extra }, 't', 'multiclass');

  function withSmallLoss(perClass: number) {
    // Each small class loses `perClass` of its 6 examples (to class 'a').
    const hp = [...basePred];
    for (let k = 3; k < names.length; k++) {
      let lost = 0;
      for (let i = 0; i < truth.length && lost < perClass; i++)
        if (truth[i] === k && hp[i] === k) {
          hp[i] = 0;
          lost++;
        }
    }
    return {
      b: makeReport('multiclass', names, { test: mc(truth, basePred) }),
      h: makeReport('multiclass', names, { test: mc(truth, hp) }),
    };
  }

  it('fails when a band falls significantly past its limit, though no class regresses alone', () => {
    const { b, h } = withSmallLoss(1); // −16.7 pts on each small class: too few to judge one by one
    const cmp = compareReports(b, h, rules());
    expect(cmp.classes.filter((c) => c.status === 'regression')).toEqual([]);
    const small = cmp.classAggregates![0].bands[0];
    expect(small).toMatchObject({ min: 0, max: 10, classes: 20, level: 'fail' });
    expect(small.ci!.hi).toBeLessThan(0);
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons[0]).toMatch(/^test: classes with <10 positives \(20\) lost 1\d\.\d pts of macro recall \[-\d/);
    expect(cmp.classAggregates![0]).toMatchObject({ fell: 20, rose: 0 });
  });

  it('warns between the limits, passes within them, and can be turned off', () => {
    const { b, h } = withSmallLoss(1);
    expect(compareReports(b, h, rules({ classes: { bands: { 'max-drop': { warn: 10, fail: 30 } } } })).verdict).toBe(
      'warn',
    );
    expect(compareReports(b, h, rules({ classes: { bands: { 'max-drop': { warn: 30, fail: 40 } } } })).verdict).toBe(
      'pass',
    );
    const off = compareReports(b, h, rules({ classes: { bands: 'off' } }));
    expect(off.verdict).toBe('pass');
    expect(off.classAggregates![0].bands).toEqual([]);
    expect(off.classAggregates![0].fell).toBe(20);
  });

  it('unpaired when the examples differ, and says so', () => {
    const { b, h } = withSmallLoss(1);
    h.splits.test.fingerprints.labels = 'other';
    const cmp = compareReports(b, h, rules());
    const agg = cmp.classAggregates![0];
    expect(agg.interval).toMatch(
      /^unpaired adjusted Wald interval on the class counts \(the two reports were evaluated on different examples/,
    );
    // 20 classes of 6 losing one each is still clear without pairing.
    expect(agg.bands[0].level).toBe('fail');
  });

  it('one band only (all classes of similar size): the headline judges the macro recall, bands do not', () => {
    const n = ['x', 'y', 'z'];
    const t = Array.from({ length: 300 }, (_, i) => i % 3);
    const hp = t.map((v, i) => (v === 0 && i < 60 ? 1 : v));
    const cmp = compareReports(
      makeReport('multiclass', n, { test: mc(t, t) }),
      makeReport('multiclass', n, { test: mc(t, hp) }),
      rules(),
    );
    expect(cmp.classAggregates![0]).toMatchObject({ oneBand: true, bands: [], fell: 1, rose: 0 });
  });
});
