// Sanity and split findings computed from what every report holds: each finding on data built to
// have it, and absent on clean data beside it.
import { ClassIndex } from '../../../src/core/classes.js';
import { classOrderMapping, shareSkew, withReportSanity } from '../../../src/core/report/sanity.js';
import type { Report, SanityFinding } from '../../../src/core/report/types.js';
import { chiSquareSf } from '../../../src/core/stats/special.js';
import { rng } from '../metrics/batches.js';
import { reportOf, type NamedSplit } from './helpers.js';

const codes = (r: Report, split?: string) =>
  (r.sanity ?? [])
    .filter((f) => split === undefined || f.split === split)
    .map((f) => `${f.level}:${f.code}`)
    .sort();
const finding = (r: Report, code: string): SanityFinding => {
  const f = (r.sanity ?? []).find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} finding in ${JSON.stringify(r.sanity)}`);
  return f;
};

function multiclass(splits: Record<string, NamedSplit>, names: string[]): Report {
  return reportOf('multiclass', new ClassIndex(names, true), splits);
}

/** n examples with the given class counts, in blocks; `predict` maps (truth, i) to a prediction. */
function made(counts: Record<string, number>, predict: (t: string, i: number) => string): NamedSplit {
  const truth = Object.entries(counts).flatMap(([c, k]) => Array<string>(k).fill(c));
  return { truth, pred: truth.map((t, i) => predict(t, i)) };
}

/** A healthy model: right with probability `acc`, else a random other class. */
function healthy(names: string[], acc: number, seed: number): (t: string) => string {
  const r = rng(seed);
  return (t) => {
    if (r() < acc) return t;
    const others = names.filter((x) => x !== t);
    return others[Math.floor(r() * others.length)];
  };
}

describe('constant predictions', () => {
  it('every prediction one class: fails and names the class', () => {
    const r = multiclass({ test: made({ malignant: 37, benign: 63 }, () => 'benign') }, ['malignant', 'benign']);
    expect(codes(r)).toEqual(['fail:constant-prediction']);
    expect(finding(r, 'constant-prediction').message).toBe(
      "every prediction is 'benign', though 37 of 100 examples (37.0%) are of other classes",
    );
  });

  it('only a warning when fewer than 5 examples of other classes are at stake', () => {
    const r = multiclass({ test: made({ malignant: 3, benign: 97 }, () => 'benign') }, ['malignant', 'benign']);
    expect(codes(r)).toEqual(['warn:constant-prediction']);
  });

  it('a healthy model has no finding at all', () => {
    const names = ['malignant', 'benign'];
    const r = multiclass({ test: made({ malignant: 37, benign: 63 }, healthy(names, 0.95, 1)) }, names);
    expect(codes(r)).toEqual([]);
  });

  it('multi-label: the same labels for every example', () => {
    const index = new ClassIndex(['a', 'b', 'c'], true);
    const truth = Array.from({ length: 40 }, (_, i) => (i % 2 ? ['a'] : ['b', 'c']));
    const r = reportOf('multilabel', index, { test: { truth, pred: truth.map(() => ['a', 'c']) } });
    expect(codes(r)).toContain('fail:constant-prediction');
    expect(finding(r, 'constant-prediction').message).toBe("every example is predicted the same labels: 'a', 'c'");
  });
});

describe('collapsed predictions', () => {
  const names = ['rare', 'common'];
  it('a 90/10 model that predicts the majority for 99.9% is collapsed (no 80%-of-truth condition)', () => {
    const split = made({ rare: 100, common: 900 }, (_, i) => (i === 0 ? 'rare' : 'common'));
    const r = multiclass({ test: split }, names);
    expect(codes(r)).toContain('warn:collapsed');
    expect(finding(r, 'collapsed').message).toBe(
      "99.9% of predictions are 'common', the truth for 90.0%: the other classes get 1 predictions for their 100 examples",
    );
  });

  it('a healthy model on the same 90/10 data is not', () => {
    // 97% accurate: well above the 90% that always answering 'common' scores.
    const split = made({ rare: 100, common: 900 }, healthy(names, 0.97, 2));
    expect(codes(multiclass({ test: split }, names))).toEqual([]);
  });
});

describe('a class never predicted', () => {
  const names = ['a', 'b', 'c'];
  it('names the class and its examples', () => {
    const ok = healthy(['a', 'b'], 0.9, 3);
    const r = multiclass({ test: made({ a: 50, b: 50, c: 20 }, (t) => (t === 'c' ? 'a' : ok(t))) }, names);
    expect(finding(r, 'never-predicted').message).toBe("class 'c' (20 examples) is never predicted");
  });

  it('not for a class with fewer than 5 examples', () => {
    const ok = healthy(['a', 'b'], 0.9, 4);
    const r = multiclass({ test: made({ a: 50, b: 50, c: 4 }, (t) => (t === 'c' ? 'a' : ok(t))) }, names);
    expect(codes(r)).not.toContain('warn:never-predicted');
  });
});

describe('chance level and below chance', () => {
  const names = ['0', '1', '2', '3'];
  const counts = { '0': 50, '1': 50, '2': 50, '3': 50 };

  it('predictions unrelated to the truth are at chance level', () => {
    const r0 = rng(5);
    const r = multiclass({ test: made(counts, () => names[Math.floor(r0() * 4)]) }, names);
    expect(codes(r)).toEqual(['warn:chance-level']);
    expect(finding(r, 'chance-level').message).toMatch(
      /^accuracy \d+\.\d% is within noise of chance \(25\.0%: 1\/4\)$/,
    );
  });

  it('a permuted model is far below chance and the mapping is found', () => {
    const shift = (t: string) => String((Number(t) + 1) % 4);
    const ok = healthy(names, 0.95, 6);
    const r = multiclass({ test: made(counts, (t) => shift(ok(t))) }, names);
    expect(codes(r)).toEqual(['fail:below-chance']);
    const f = finding(r, 'below-chance');
    expect(f.message).toMatch(/^accuracy \d\.\d% is far below chance \(25\.0%, /);
    expect(f.message).toContain('likely a class-order mismatch');
    const m = classOrderMapping(r.splits.test, 4)!;
    expect(m.moves).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
    ]);
    expect(m.share).toBeGreaterThan(0.9);
  });

  it('below chance without a one-to-one mapping names no class-order mismatch', () => {
    // Each class goes half to one wrong class, half to another: systematic, but no relabelling.
    const r = multiclass({ test: made(counts, (t, i) => String((Number(t) + 1 + (i % 2)) % 4)) }, names);
    expect(codes(r)).toEqual(['fail:below-chance']);
    expect(finding(r, 'below-chance').message).not.toContain('class-order');
    expect(classOrderMapping(r.splits.test, 4)).toBeNull();
  });

  it('a healthy model: neither', () => {
    expect(codes(multiclass({ test: made(counts, healthy(names, 0.8, 7)) }, names))).toEqual([]);
  });

  it('multi-label: micro-F1 of predictions that ignore the input is at chance, a model reading the labels is not', () => {
    const index = new ClassIndex(['a', 'b', 'c'], true);
    const r0 = rng(8);
    const bits = (v: number) => ['a', 'b', 'c'].filter((_, j) => (v >> j) & 1);
    const truth = Array.from({ length: 240 }, (_, i) => bits(i % 8));
    const noise = reportOf('multilabel', index, { test: { truth, pred: truth.map(() => bits(Math.floor(r0() * 8))) } });
    expect(codes(noise)).toEqual(['warn:chance-level']);
    expect(finding(noise, 'chance-level').message).toMatch(/^micro-F1 \d+\.\d% is within noise of chance/);
    const reads = reportOf('multilabel', index, { test: { truth, pred: truth } });
    expect(codes(reads)).toEqual([]);
  });
});

describe('split findings', () => {
  const names = ['class_0', 'class_1', 'class_2'];
  const ok = healthy(names, 0.95, 9);

  it('a class with no example in a split is named with the split', () => {
    const r = multiclass(
      {
        train: made({ class_0: 59, class_1: 50, class_2: 33 }, ok),
        validation: made({ class_1: 21, class_2: 15 }, ok),
      },
      names,
    );
    const f = finding(r, 'class-absent');
    expect(f).toMatchObject({ level: 'warn', split: 'validation' });
    expect(f.message).toMatch(
      /^class 'class_0' has no example in validation, though it is 41\.5% of the other splits \(59 of 142; about 15 expected\)/,
    );
  });

  it('class shares that differ beyond a random split: info with the skew figure', () => {
    const train = { class_0: 40, class_1: 30, class_2: 30 };
    const validation = { class_0: 2, class_1: 20, class_2: 14 };
    const r = multiclass({ train: made(train, ok), validation: made(validation, ok) }, names);
    const f = finding(r, 'class-shares');
    expect(f.level).toBe('info');
    // Total variation: half the sum of |share differences| = (|.40-.056| + |.30-.556| + |.30-.389|) / 2.
    const tv = (Math.abs(0.4 - 2 / 36) + Math.abs(0.3 - 20 / 36) + Math.abs(0.3 - 14 / 36)) / 2;
    expect(f.message).toContain(`total variation ${tv.toFixed(2)}`);
    // scipy.stats.chi2_contingency([[40,30,30],[2,20,14]], correction=False): p = 0.0004268834558968224.
    expect(shareSkew([40, 30, 30], [2, 20, 14]).p).toBeCloseTo(0.0004268834558968224, 12);
    expect(f.message).toContain("'class_0' 40.0% train, 5.6% validation");
  });

  it('a random split of the same data has neither finding', () => {
    const r0 = rng(10);
    const pool = made({ class_0: 59, class_1: 71, class_2: 48 }, ok);
    const order = pool.truth.map((_, i) => i).sort(() => r0() - 0.5);
    const pick = (ix: number[]) => ({ truth: ix.map((i) => pool.truth[i]), pred: ix.map((i) => pool.pred[i]) });
    const r = multiclass({ train: pick(order.slice(0, 142)), validation: pick(order.slice(142)) }, names);
    expect(codes(r)).toEqual([]);
  });
});

describe('chi-square survival function', () => {
  it('matches scipy.stats.chi2.sf', () => {
    // /usr/bin/python3 -c "from scipy.stats import chi2; print(chi2.sf(x, df))" (scipy 1.10)
    const cases: [number, number, number][] = [
      [0.5, 1, 0.47950012218695337],
      [3.84, 1, 0.05004352124870519],
      [10, 3, 0.01856613546304325],
      [25, 2, 3.7266531720786718e-6],
      [100, 9, 1.5735176303753876e-17],
      [1e-3, 4, 0.9999998750416589],
      [60, 40, 0.02187346844139091],
    ];
    for (const [x, df, want] of cases) expect(chiSquareSf(x, df) / want).toBeCloseTo(1, 10);
  });
});

describe('findings given by a caller', () => {
  const names = ['malignant', 'benign'];
  const split = { test: made({ malignant: 37, benign: 63 }, () => 'benign') };
  const r = multiclass(split, names);

  it('a constant raw output (model run) gains the class instead of a second finding', () => {
    const given: SanityFinding[] = [
      {
        level: 'fail',
        split: 'test',
        code: 'constant-output',
        message: 'the model gives the same output for all 100 examples',
      },
    ];
    const out = withReportSanity(given, 'multiclass', names, r.splits);
    expect(out).toEqual([
      {
        level: 'fail',
        split: 'test',
        code: 'constant-output',
        message:
          "the model gives the same output for all 100 examples: every prediction is 'benign', though 37 of 100 examples (37.0%) are of other classes",
      },
    ]);
  });

  it('findings this module computes are recomputed, not kept (merged parts, old reports)', () => {
    const stale: SanityFinding[] = [{ level: 'warn', split: 'test', code: 'chance-level', message: 'from one shard' }];
    const out = withReportSanity(stale, 'multiclass', names, r.splits);
    expect(out.map((f) => f.code)).toEqual(['constant-prediction']);
  });
});
