import { UsageError } from '../../../src/core/errors.js';
import { binOf, MAX_COUNTS_BYTES, ScoreHistograms } from '../../../src/core/metrics/score-histograms.js';
import { Rng } from '../../../src/core/stats/rng.js';

describe('binOf', () => {
  it('puts v in a slot above b exactly when v >= b / bins, also where v * bins rounds across a cut', () => {
    const rng = new Rng(7);
    for (const bins of [1, 3, 10, 100, 1000, 997]) {
      const values = [-1e-9, 0, 1, 1 + 1e-12, 0.57, 0.29, 0.3, 0.7, 1 - 1e-16];
      for (let b = 0; b <= bins; b++) values.push(b / bins, b / bins - 1e-17, (b + 0.5) / bins);
      for (let i = 0; i < 2000; i++) values.push(rng.uniform());
      for (const v of values) {
        const slot = binOf(v, bins);
        for (const b of [slot - 2, slot - 1, slot, slot + 1]) {
          if (b < 0 || b > bins) continue;
          expect([v, b, slot > b]).toEqual([v, b, v >= b / bins]);
        }
      }
    }
  });
});

describe('ScoreHistograms', () => {
  it('counts positives and negatives at or above each cut, growing with the classes', () => {
    const h = new ScoreHistograms(4);
    // example 1: truth {0}; scores class 0: 0.8, class 1: 0.3
    h.scores([0.8, 0.3], 0, 2);
    h.end([0], 0, 1);
    // example 2: truth {1, 40}; scores class 0: 0.25, class 1: 1.0, class 40: -0.5
    h.scores([0.25, 1.0, -0.5], 0, 3, [0, 1, 40]);
    h.end([9, 1, 40], 1, 3);
    expect(h.examples).toBe(2);
    expect(h.classes).toBe(41);
    expect(Array.from(h.atOrAbove(0, true))).toEqual([1, 1, 1, 1, 0]);
    expect(Array.from(h.atOrAbove(0, false))).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(h.atOrAbove(1, true))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(h.atOrAbove(1, false))).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(h.atOrAbove(40, true))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(h.atOrAbove(7, false))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('ScoreHistograms.scores (a whole example at once)', () => {
  it('counts what a direct count of "score >= b / bins" gives, with and without a class map', () => {
    const rng = new Rng(11);
    const bins = 10;
    const C = 5;
    const cols = [3, 0, 4, 1, 2];
    for (const mapped of [false, true]) {
      const h = new ScoreHistograms(bins);
      const rows: { s: number[]; truth: number[] }[] = [];
      for (let i = 0; i < 200; i++) {
        const s = Array.from({ length: C }, () => Math.round(rng.uniform() * 100) / 100);
        const truth = [0, 1, 2, 3, 4].filter(() => rng.uniform() < 0.3);
        rows.push({ s, truth });
        // Scores sit at an offset in a shared buffer, as the readers hand them over.
        const buf = new Float32Array([9, ...s]);
        h.scores(buf, 1, C, mapped ? cols : undefined);
        h.end(truth, 0, truth.length);
      }
      for (let j = 0; j < C; j++) {
        const c = mapped ? cols[j] : j;
        const want = (positives: boolean) =>
          Array.from(
            { length: bins + 1 },
            (_, b) => rows.filter((r) => Math.fround(r.s[j]) >= b / bins && r.truth.includes(c) === positives).length,
          );
        expect(Array.from(h.atOrAbove(c, true))).toEqual(want(true));
        expect(Array.from(h.atOrAbove(c, false))).toEqual(want(false));
      }
    }
  });
});

describe('ScoreHistograms: more classes than a table holds', () => {
  it('refuses a class list past MAX_COUNTS_BYTES by name (a RangeError of an allocation before)', () => {
    const most = Math.floor(MAX_COUNTS_BYTES / (4 * 1002));
    expect(most).toBe(267_899);
    const hist = new ScoreHistograms();
    hist.scores([0.2, 0.7], 0, 2);
    const tooWide = () => hist.scores([0.4, 0.6], 0, 2, [0, most]);
    expect(tooWide).toThrow(UsageError);
    expect(tooWide).toThrow(
      '267,900 classes are more than the threshold histograms hold (267,899: 1,002 32-bit counts a class, 1 GiB a table)',
    );
    // What it had stays as it was.
    expect(hist.classes).toBe(2);
  });
});
