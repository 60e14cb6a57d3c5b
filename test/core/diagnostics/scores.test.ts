// Threshold-free metrics against scikit-learn on real models' probabilities
// (fixtures/diagnostics/make_oracle.py wrote the files and oracle.json).
import { readFileSync } from 'node:fs';
import { classCurves, LOG_LOSS_EPS, ScoreAccumulator } from '../../../src/core/diagnostics/scores.js';
import { labelGrid, scoreBin, SCORE_BINS, TUNING_BINS } from '../../../src/core/diagnostics/score-grid.js';
import { MAX_COUNTS_BYTES, ScoreHistograms } from '../../../src/core/metrics/score-histograms.js';
import { evaluatePredictionFiles } from '../../../src/pipeline/evaluate.js';

interface Oracle {
  classes: string[];
  rocAuc: (number | null)[];
  averagePrecision: (number | null)[];
  rocAucMacro: number;
  averagePrecisionMacro: number;
  logLoss: number;
  ece: number;
  sklearnOvrMacro?: number;
}
const oracle = JSON.parse(readFileSync('fixtures/diagnostics/oracle.json', 'utf8')) as Record<string, Oracle>;

describe.each(Object.keys(oracle))('%s: equal to scikit-learn', (name) => {
  const want = oracle[name];
  let got: NonNullable<Awaited<ReturnType<typeof evaluatePredictionFiles>>['splits'][string]['scores']>;
  beforeAll(async () => {
    const r = await evaluatePredictionFiles([{ name: 'test', path: `fixtures/diagnostics/${name}.csv` }], {
      classes: want.classes,
    });
    got = r.splits.test.scores!;
  });

  it('log-loss and calibration error are exact', () => {
    expect(got.logLoss).toBeCloseTo(want.logLoss, 12);
    expect(got.ece).toBeCloseTo(want.ece, 12);
  });

  it('per-class ROC-AUC and average precision are within their stated binning bound', () => {
    want.classes.forEach((_, k) => {
      expect(got.rocAuc[k] === null).toBe(want.rocAuc[k] === null);
      expect(got.averagePrecision[k] === null).toBe(want.averagePrecision[k] === null);
      if (want.rocAuc[k] !== null)
        expect(Math.abs(got.rocAuc[k]! - want.rocAuc[k]!)).toBeLessThanOrEqual(got.rocAucBound[k]! + 1e-12);
      if (want.averagePrecision[k] !== null)
        expect(Math.abs(got.averagePrecision[k]! - want.averagePrecision[k]!)).toBeLessThanOrEqual(
          got.averagePrecisionBound[k]! + 1e-12,
        );
    });
    // The bounds are small on these real scores (docs/rules.md states them).
    const worst = Math.max(...got.rocAucBound.map(Number), ...got.averagePrecisionBound.map(Number));
    expect(worst).toBeLessThan(name === 'digits-rounded' ? 0.05 : 0.01);
  });

  it('macro averages agree with scikit-learn within the mean bound', () => {
    const mean = (v: (number | null)[]) =>
      v.reduce<number>((a, b) => a + (b ?? 0), 0) / v.filter((x) => x !== null).length;
    expect(Math.abs(got.rocAucMacro! - want.rocAucMacro)).toBeLessThanOrEqual(mean(got.rocAucBound) + 1e-12);
    expect(Math.abs(got.averagePrecisionMacro! - want.averagePrecisionMacro)).toBeLessThanOrEqual(
      mean(got.averagePrecisionBound) + 1e-12,
    );
    if (want.sklearnOvrMacro !== undefined)
      expect(Math.abs(got.rocAucMacro! - want.sklearnOvrMacro)).toBeLessThanOrEqual(mean(got.rocAucBound) + 1e-12);
  });
});

describe('binning', () => {
  it('is monotone in the score and puts 0 and 1 in the outer bins', () => {
    let last = -1;
    for (let s = 0; s <= 1; s += 1 / 4096) {
      const b = scoreBin(s);
      expect(b).toBeGreaterThanOrEqual(last);
      last = b;
    }
    expect(scoreBin(0)).toBe(0);
    expect(scoreBin(1)).toBe(SCORE_BINS - 1);
    expect(scoreBin(0.5)).toBe((SCORE_BINS - 1) / 2);
    expect(scoreBin(2 ** -21)).toBe(0);
    expect(scoreBin(1 - 2 ** -21)).toBe(SCORE_BINS - 1);
  });

  it('is exact when no positive shares a bin with a negative, and bounds the all-tied worst case', () => {
    const pos = new Uint32Array(8);
    const neg = new Uint32Array(8);
    pos[6] = 3;
    neg[1] = 5;
    const apart = classCurves(pos, neg);
    expect(apart).toEqual({ auc: 1, aucBound: 0, ap: 1, apBound: 0, aucSe: 0, apSe: 0 });
    // Every example in one bin: the exact AUC can be anything in [0, 1], the bound says so.
    const tied = classCurves(Uint32Array.of(0, 4), Uint32Array.of(0, 6));
    expect(tied.auc).toBe(0.5);
    expect(tied.aucBound).toBe(0.5);
    // Exact AP lies between 1/7 (the positives last) ... and 1 (first); 0.4 is the binned value.
    expect(tied.ap).toBeCloseTo(0.4, 12);
    expect(tied.ap! - tied.apBound!).toBeLessThanOrEqual((1 / 7 + 2 / 8 + 3 / 9 + 4 / 10) / 4);
    expect(tied.ap! + tied.apBound!).toBeGreaterThanOrEqual(1 - 1e-12);
  });
});

describe('ScoreAccumulator: a whole example at once, and log-loss over many decisions', () => {
  const C = 4;
  const rows = Array.from({ length: 5000 }, (_, i) => ({
    // Scores near 0 and 1 too, so the likelihoods' product nears underflow every few examples.
    s: Array.from({ length: C }, (_, c) => [1e-17, 0.2, 0.5, 0.9, 1][(i * 7 + c * 3) % 5]),
    truth: [0, 1, 2, 3].filter((c) => (i + c) % 3 === 0),
  }));

  /** Plain: class j's score at j; mapped: at an offset, in the order of a class map (as the readers hand them). */
  function accumulate(mapped: boolean): ScoreAccumulator {
    const acc = new ScoreAccumulator('multilabel');
    const map = [2, 0, 3, 1];
    for (const { s, truth } of rows) {
      if (mapped) acc.scores(new Float64Array([0.5, ...map.map((c) => s[c])]), 1, C, map);
      else acc.scores(new Float64Array(s), 0, C);
      acc.end(truth, 0, truth.length);
    }
    return acc;
  }

  it('a class map and an offset give what the plain order gives', () => {
    const perm = Uint32Array.from([0, 1, 2, 3]);
    const { logLoss, ece, logLossSe, eceSe, ...plain } = accumulate(false).result(perm, C, rows.length)!;
    const mapped = accumulate(true).result(perm, C, rows.length)!;
    expect(mapped).toMatchObject(plain);
    expect(Math.abs(mapped.logLossSe! - logLossSe!)).toBeLessThanOrEqual(1e-12 * logLossSe!);
    // Multi-label: no calibration standard error (label decisions are not independent draws).
    expect([mapped.eceSe, eceSe]).toEqual([undefined, undefined]);
    // The sums' and products' order differs (calibration lanes, the kernel's four likelihood
    // lanes), so the last bits may: 1e-14 relative (4.4e-15 seen).
    expect(Math.abs(mapped.logLoss - logLoss)).toBeLessThanOrEqual(1e-14 * logLoss);
    expect(mapped.ece).toBeCloseTo(ece, 14);
  });

  it('log-loss equals the mean of the clipped per-decision logs (summed with compensation)', () => {
    const clip = (p: number) => Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    // Neumaier's compensated sum: exact to a few ulps, unlike a plain running sum of 20,000 terms.
    let sum = 0;
    let lost = 0;
    for (const { s, truth } of rows)
      for (let c = 0; c < C; c++) {
        const term = -Math.log(truth.includes(c) ? clip(s[c]) : 1 - clip(s[c]));
        const t = sum + term;
        lost += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
        sum = t;
      }
    const got = accumulate(true).result(Uint32Array.from([0, 1, 2, 3]), C, rows.length)!;
    expect(Math.abs(got.logLoss - (sum + lost) / (rows.length * C))).toBeLessThan(1e-14 * got.logLoss);
  });

  it('its threshold counts are those of threshold histograms counted on their own', () => {
    const direct = new ScoreHistograms(TUNING_BINS);
    for (const { s, truth } of rows) {
      direct.scores(new Float64Array(s), 0, C);
      direct.end(truth, 0, truth.length);
    }
    const fromCells = new ScoreHistograms(TUNING_BINS);
    fromCells.add(accumulate(true).tuningCounts()!);
    expect(fromCells.examples).toBe(direct.examples);
    for (let c = 0; c < C; c++)
      for (const positives of [true, false])
        expect(Array.from(fromCells.atOrAbove(c, positives))).toEqual(Array.from(direct.atOrAbove(c, positives)));
  });

  it('a score outside [0, 1] inside a batch is named', () => {
    const acc = new ScoreAccumulator('multilabel');
    acc.scores([0.2, 1.5, 0.1], 0, 3);
    expect(acc.problem).toBe('scores are not probabilities (a score of 1.5 is outside [0, 1])');
  });
});

describe('ScoreAccumulator: counts past 16 bits, and a true class listed twice', () => {
  it('holds more than 65,535 scores of one class in one bin', () => {
    const acc = new ScoreAccumulator('multilabel');
    const n = 70_001;
    for (let i = 0; i < n; i++) {
      acc.scores([0.25, i % 2 ? 0.75 : 0.5], 0, 2);
      acc.end([0], 0, 1);
    }
    const counts = new ScoreHistograms(TUNING_BINS);
    counts.add(acc.tuningCounts()!);
    // Class 0: every score 0.25, every one a positive; class 1: none.
    expect(counts.atOrAbove(0, true)[250]).toBe(n);
    expect(counts.atOrAbove(0, true)[251]).toBe(0);
    expect(counts.atOrAbove(1, false)[500]).toBe(n);
    expect(counts.atOrAbove(1, false)[501]).toBe((n - 1) / 2);
    const r = acc.result(Uint32Array.of(0, 1), 2, n)!;
    expect(r.averagePrecision).toEqual([1, null]);
    // 0.25 with truth 1, 0.5 and 0.75 with truth 0: mean |hit - confidence| over the 2n decisions.
    expect(r.ece).toBeCloseTo((n * 0.75 + ((n + 1) / 2) * 0.5 + ((n - 1) / 2) * 0.75) / (2 * n), 12);
  });

  it('counts a class listed twice among the true ones once', () => {
    const once = new ScoreAccumulator('multilabel');
    const twice = new ScoreAccumulator('multilabel');
    for (let i = 0; i < 100; i++) {
      const s = [(i % 10) / 10, ((i * 3) % 10) / 10];
      once.scores(s, 0, 2);
      once.end([0], 0, 1);
      twice.scores(s, 0, 2);
      twice.end([0, 0], 0, 2);
    }
    const perm = Uint32Array.of(0, 1);
    expect(twice.result(perm, 2, 100)).toEqual(once.result(perm, 2, 100));
  });
});

describe('ScoreAccumulator: classes that appear late', () => {
  it.each(['multilabel', 'multiclass'] as const)(
    '%s: keeps what it counted when later examples score more classes (its memory grows)',
    (task) => {
      // 3 classes, then 700 (the counts outgrow the kernel's first memory many times over).
      const rows = Array.from({ length: 40 }, (_, i) => {
        const n = i < 20 ? 3 : 700;
        const s = Array.from({ length: n }, (_, c) => ((i * 31 + c * 17) % 97) / 96);
        if (task === 'multiclass') {
          const sum = s.reduce((a, b) => a + b, 0);
          for (let c = 0; c < n; c++) s[c] /= sum;
        }
        return { s, truth: [i % 3] };
      });
      const late = new ScoreAccumulator(task);
      // The same examples, the 700-class ones first: room for every class from the start.
      const early = new ScoreAccumulator(task);
      for (const { s, truth } of rows) {
        late.scores(s, 0, s.length);
        late.end(truth, 0, 1);
      }
      for (const { s, truth } of [...rows.slice(20), ...rows.slice(0, 20)]) {
        early.scores(s, 0, s.length);
        early.end(truth, 0, 1);
      }
      const perm = Uint32Array.from({ length: 700 }, (_, c) => c);
      const got = late.result(perm, 700, rows.length)!;
      const want = early.result(perm, 700, rows.length)!;
      expect(got.rocAuc).toEqual(want.rocAuc);
      expect(got.averagePrecision).toEqual(want.averagePrecision);
      // Summed in another order.
      expect(got.logLoss).toBeCloseTo(want.logLoss, 12);
      expect(got.ece).toBeCloseTo(want.ece, 12);
      // Classes 0-2 have positives among the first 20 examples and the last.
      expect(got.rocAuc.slice(0, 3).every((a) => a !== null && a > 0 && a < 1)).toBe(true);
    },
  );
});

describe('ScoreAccumulator: many classes (the wide tiles result() reads them in)', () => {
  // Past 4,096 classes result() reads 512 classes a tile instead of 64: the same curves either way.
  const wide = 5000;
  const rows = Array.from({ length: 60 }, (_, i) => ({
    s3: [0, 1, 2].map((c) => ((i * 37 + c * 23) % 101) / 100),
    t: i % 3,
  }));
  const narrow = (task: 'multilabel' | 'multiclass') => {
    const acc = new ScoreAccumulator(task);
    for (const { s3, t } of rows) {
      const sum = task === 'multiclass' ? s3.reduce((x, y) => x + y, 0) : 1;
      acc.scores(
        s3.map((x) => x / sum),
        0,
        3,
      );
      acc.end([t], 0, 1);
    }
    return acc.result(Uint32Array.from([0, 1, 2]), 3, rows.length)!;
  };
  const all = Uint32Array.from({ length: wide }, (_, c) => c);

  it('multilabel: 5,000 classes, class c scored as class c mod 3 of 3, give its curves, across tile edges', () => {
    const acc = new ScoreAccumulator('multilabel');
    for (const { s3, t } of rows) {
      acc.scores(
        Array.from({ length: wide }, (_, c) => s3[c % 3]),
        0,
        wide,
      );
      const truth = all.filter((c) => c % 3 === t);
      acc.end(truth, 0, truth.length);
    }
    const [got, want] = [acc.result(all, wide, rows.length)!, narrow('multilabel')];
    expect(acc.classSlots()).toBeGreaterThan(4096);
    for (const c of [0, 1, 2, 63, 64, 511, 512, 513, 4095, 4096, 4999])
      expect([c, got.rocAuc[c], got.averagePrecision[c]]).toEqual([
        c,
        want.rocAuc[c % 3],
        want.averagePrecision[c % 3],
      ]);
  });

  it('multiclass: 5,000 classes, three of them (at tile edges) scored as 3 classes are, give their curves', () => {
    const at = [511, 512, 4096];
    const acc = new ScoreAccumulator('multiclass');
    for (const { s3, t } of rows) {
      const sum = s3.reduce((x, y) => x + y, 0);
      const s = new Array<number>(wide).fill(0);
      at.forEach((c, k) => (s[c] = s3[k] / sum));
      acc.scores(s, 0, wide);
      acc.end([at[t]], 0, 1);
    }
    const [got, want] = [acc.result(all, wide, rows.length)!, narrow('multiclass')];
    expect(acc.classSlots()).toBeGreaterThan(4096);
    expect(at.map((c) => got.rocAuc[c])).toEqual(want.rocAuc);
    expect(at.map((c) => got.averagePrecision[c])).toEqual(want.averagePrecision);
    expect(got.rocAuc[0]).toBeNull();
  });
});

describe('ScoreAccumulator: more classes than the histograms hold', () => {
  // An extreme label set (e.g. 700,000 labels) once failed with a RangeError from
  // WebAssembly.Memory.grow (an "internal error"): now the threshold-free metrics are left out, saying why.
  const most = {
    multilabel: Math.floor(MAX_COUNTS_BYTES / (2 * labelGrid().cells)),
    multiclass: Math.floor(MAX_COUNTS_BYTES / (2 * SCORE_BINS)),
  };

  it.each(['multilabel', 'multiclass'] as const)('%s: a class past the limit stops the counting, named', (task) => {
    expect(most[task]).toBeGreaterThan(150_000);
    const acc = new ScoreAccumulator(task);
    acc.scores([0.2, 0.7], 0, 2);
    acc.end([1], 0, 1);
    // One class index past the limit, in a class map (as a reader of a wide file hands it).
    expect(() => acc.scores([0.4, 0.6], 0, 2, [0, most[task]])).not.toThrow();
    acc.end([0], 0, 1);
    expect(acc.problem).toBe(
      `${(most[task] + 1).toLocaleString('en')} classes are more than the score histograms hold ` +
        `(${most[task].toLocaleString('en')}: ${(task === 'multilabel' ? labelGrid().cells : SCORE_BINS).toLocaleString('en')} 16-bit counts a class, 1 GiB a table)`,
    );
    expect(acc.result(Uint32Array.from([0, 1]), 2, 2)).toBeNull();
    expect(acc.classSlots()).toBeLessThan(1000);
  });

  it.each(['multilabel', 'multiclass'] as const)('%s: merging a state past the limit stops it too', (task) => {
    const big = new ScoreAccumulator(task);
    big.scores([0.4, 0.6], 0, 2, [0, most[task]]);
    const small = new ScoreAccumulator(task);
    small.scores([0.2, 0.7], 0, 2);
    small.end([1], 0, 1);
    small.merge(big.state());
    expect(small.problem).toContain('classes are more than the score histograms hold');
  });
});

describe('ScoreAccumulator: 16-bit counts that wrap', () => {
  /** Examples from..to of two classes' scores, alternating; a third of the examples class 0's. */
  const feedAlternating = (task: 'multilabel' | 'multiclass', acc: ScoreAccumulator, from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const s = i % 2 ? 0.75 : 0.6;
      acc.scores(task === 'multiclass' ? [s, 1 - s] : [s, s / 2], 0, 2);
      acc.end([i % 3 === 0 ? 0 : 1], 0, 1);
    }
  };
  it.each(['multilabel', 'multiclass'] as const)(
    '%s: a merge whose sums pass 2^16 - 1 gives what one accumulator counting everything gives',
    (task) => {
      // 70,000 counts a bin and class in the whole (wrapped while counting), 35,000 in each half
      // (wrapped in the merge).
      const feed = (acc: ScoreAccumulator, from: number, to: number) => feedAlternating(task, acc, from, to);
      const whole = new ScoreAccumulator(task);
      feed(whole, 0, 140_000);
      const [a, b] = [new ScoreAccumulator(task), new ScoreAccumulator(task)];
      feed(a, 0, 70_000);
      feed(b, 70_000, 140_000);
      a.merge(b.state());
      const perm = Uint32Array.of(0, 1);
      const { logLoss, ece, logLossSe, eceSe, ...counted } = a.result(perm, 2, 140_000)!;
      const {
        logLoss: wantLogLoss,
        ece: wantEce,
        logLossSe: wantSe,
        eceSe: wantEceSe,
        ...want
      } = whole.result(perm, 2, 140_000)!;
      expect(counted).toEqual(want);
      // Each example's loss squared, whichever accumulator counted it.
      expect(Math.abs(logLossSe! - wantSe!)).toBeLessThan(1e-9 * wantSe!);
      // The calibration sums of both added (multiclass: the top scores' and their squares' too).
      if (task === 'multiclass') expect(Math.abs(eceSe! - wantEceSe!)).toBeLessThan(1e-9 * wantEceSe!);
      else expect([eceSe, wantEceSe]).toEqual([undefined, undefined]);
      // Not one positive or negative lost to the wraps: class 0's AUC from its scores counted here.
      const n = { pos: [0, 0], neg: [0, 0] };
      for (let i = 0; i < 140_000; i++) n[i % 3 === 0 ? 'pos' : 'neg'][i % 2]++;
      const pairs = (n.pos[0] + n.pos[1]) * (n.neg[0] + n.neg[1]);
      const auc = (n.pos[1] * n.neg[0] + 0.5 * (n.pos[0] * n.neg[0] + n.pos[1] * n.neg[1])) / pairs;
      expect(counted.rocAuc[0]).toBeCloseTo(auc, 10);
      // The floating-point sums of 140,000 examples, added in another order.
      expect(Math.abs(logLoss - wantLogLoss)).toBeLessThan(1e-11 * wantLogLoss);
      expect(Math.abs(ece - wantEce)).toBeLessThan(1e-11);
      expect(a.tuningCounts()).toEqual(whole.tuningCounts());
      if (task === 'multilabel') {
        const counts = new ScoreHistograms(TUNING_BINS);
        counts.add(a.tuningCounts()!);
        // Class 0 above 0.6: every example; its positives a third.
        expect(counts.atOrAbove(0, true)[600] + counts.atOrAbove(0, false)[600]).toBe(140_000);
        expect(counts.atOrAbove(0, true)[600]).toBe(Math.ceil(140_000 / 3));
      }
    },
  );
  it.each(['multilabel', 'multiclass'] as const)(
    '%s: an empty accumulator takes a state as it is (wraps too), then counts on from it',
    (task) => {
      // 140,000 examples: class 0's counts of a bin (70,000) wrapped in the state handed over.
      const feed = (acc: ScoreAccumulator, from: number, to: number) => feedAlternating(task, acc, from, to);
      const perm = Uint32Array.of(0, 1);
      const [counted, taker, whole] = [
        new ScoreAccumulator(task),
        new ScoreAccumulator(task),
        new ScoreAccumulator(task),
      ];
      feed(counted, 0, 140_000);
      feed(whole, 0, 160_000);
      const want = counted.result(perm, 2, 140_000);
      taker.merge(counted.state());
      expect(taker.result(perm, 2, 140_000)).toEqual(want);
      expect(taker.tuningCounts()).toEqual(counted.tuningCounts());
      // Counting on: the adopted counts move into the kernel's memory first.
      feed(taker, 140_000, 160_000);
      const { logLoss, ece, logLossSe, eceSe, ...got } = taker.result(perm, 2, 160_000)!;
      const {
        logLoss: wantLogLoss,
        ece: wantEce,
        logLossSe: wantSe,
        eceSe: wantEceSe,
        ...all
      } = whole.result(perm, 2, 160_000)!;
      expect(got).toEqual(all);
      if (task === 'multiclass') expect(Math.abs(eceSe! - wantEceSe!)).toBeLessThan(1e-9 * wantEceSe!);
      // The examples counted after the merge have their own losses (not the merged sum's).
      expect(Math.abs(logLossSe! - wantSe!)).toBeLessThan(1e-9 * wantSe!);
      expect(Math.abs(logLoss - wantLogLoss)).toBeLessThan(1e-11 * wantLogLoss);
      expect(Math.abs(ece - wantEce)).toBeLessThan(1e-11);
      expect(taker.tuningCounts()).toEqual(whole.tuningCounts());
    },
  );
});

describe("ScoreAccumulator: a shard's calibration sums", () => {
  /** 400 multiclass examples of 3 classes, top score 0.5-0.9, right three times in four. */
  const shard = (from: number) => {
    const acc = new ScoreAccumulator('multiclass');
    for (let i = from; i < from + 400; i++) {
      const top = 0.5 + ((i * 37) % 41) / 100;
      acc.scores([top, (1 - top) * 0.7, (1 - top) * 0.3], 0, 3);
      acc.end([i % 4 === 0 ? 1 : 0], 0, 1);
    }
    return acc;
  };
  const perm = Uint32Array.of(0, 1, 2);

  it('added up give the one-pass standard error; a shard written before they were kept gives none', () => {
    const whole = new ScoreAccumulator('multiclass');
    for (const from of [0, 400]) whole.merge(shard(from).state());
    const want = whole.result(perm, 3, 800)!;
    const counts = [0, 400].map((from) => shard(from).counts(perm, 3, 400)!);
    expect(counts[0].ece.hitConf).toHaveLength(15);
    const added = new ScoreAccumulator('multiclass');
    for (const c of counts) added.add(c, [0, 1, 2]);
    expect(want.eceSe).toBeGreaterThan(0);
    expect(Math.abs(added.result(perm, 3, 800)!.eceSe! - want.eceSe!)).toBeLessThan(1e-12);

    const old = new ScoreAccumulator('multiclass');
    const { hitConf, confSq, ...before } = counts[1].ece;
    expect([hitConf, confSq].every(Boolean)).toBe(true);
    old.add(counts[0], [0, 1, 2]);
    old.add({ ...counts[1], ece: before }, [0, 1, 2]);
    const r = old.result(perm, 3, 800)!;
    expect(r.eceSe).toBeUndefined();
    expect(r.ece).toBeCloseTo(want.ece, 12);
  });

  it('multi-label counts carry none (its calibration error has no standard error)', () => {
    const acc = new ScoreAccumulator('multilabel');
    acc.scores([0.2, 0.9], 0, 2);
    acc.end([1], 0, 1);
    expect(acc.counts(Uint32Array.of(0, 1), 2, 1)!.ece).not.toHaveProperty('hitConf');
  });
});
