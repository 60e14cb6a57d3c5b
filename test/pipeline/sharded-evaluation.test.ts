// Sharded evaluation: 8 shard reports merged are the report of one unsharded run, byte for byte
// apart from the time stamp (figures, per-example predictions, confusion, sanity findings, label
// and file fingerprints), for prediction files of every task and for the digits model itself;
// the threshold-free metrics too (from the shards' score counts), log-loss and calibration error
// up to the rounding of their sums. The unsharded run is the oracle here: what is being tested
// is that sharding changes nothing.

import path from 'node:path';
import { UsageError } from '../../src/core/errors.js';
import { decodeClassCounts, encodeClassCounts } from '../../src/core/diagnostics/score-counts.js';
import { mergeReports } from '../../src/core/report/merge.js';
import type { Report } from '../../src/core/report/types.js';
import { validateReport } from '../../src/core/report/validate.js';
import { selectBackend } from '../../src/model/backend.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { evaluateModel } from '../../src/pipeline/evaluate-model.js';
import { runGate } from '../../src/pipeline/gate.js';
import { defaultRules } from '../../src/core/compare/rules.js';

const N = 8;
const CREATED = '2026-01-01T00:00:00.000Z';
const shards = Array.from({ length: N }, (_, i) => ({ index: i + 1, count: N }));
const origins = shards.map((s) => `shard-${s.index}.json`);
/** A report as written to disk and read back (what merge sees in CI). */
const roundTrip = (r: Report, origin = 'r.json') => validateReport(JSON.parse(JSON.stringify(r)), origin);
/** The scores are compared by sameScores. */
const withoutScores = (r: Report): Report => {
  const splits = Object.fromEntries(Object.entries(r.splits).map(([k, { scores: _, ...s }]) => [k, s]));
  return { ...r, splits };
};
/** A model run's shards carry no leakage (each decodes only its own examples' features). */
const withoutLeakage = (r: Report): Report => {
  const { leakage: _, ...rest } = r;
  return rest;
};

/** The merged threshold-free metrics are the one-pass ones: exact from the counts, sums up to rounding. */
function sameScores(merged: Report, one: Report): number {
  let checked = 0;
  for (const [name, split] of Object.entries(one.splits)) {
    const [m, o] = [merged.splits[name].scores, split.scores];
    expect(m === undefined).toBe(o === undefined);
    if (!m || !o) continue;
    const sums = { logLoss: 0, ece: 0, logLossSe: 0, eceSe: 0 };
    expect({ ...m, ...sums }).toEqual({ ...o, ...sums });
    expect(m.logLoss).toBeCloseTo(o.logLoss, 12);
    // Multiclass: the shards' calibration sums (the top scores' and their squares' too) added up.
    expect(m.eceSe === undefined).toBe(o.eceSe === undefined);
    if (o.eceSe !== undefined) expect(Math.abs(m.eceSe! - o.eceSe)).toBeLessThanOrEqual(1e-11 * o.eceSe);
    expect(Math.abs(m.logLossSe! - o.logLossSe!)).toBeLessThanOrEqual(1e-11 * o.logLossSe!);
    expect(m.ece).toBeCloseTo(o.ece, 12);
    expect(merged.splits[name].scoreCounts).toBeUndefined();
    checked++;
  }
  return checked;
}

const DIGITS_PREDICTIONS = ['train', 'validation', 'test'].map((name) => ({
  name,
  path: path.resolve(`fixtures/judgement/digits/seed-00/${name}.csv`),
}));

describe('8 shards merged equal one unsharded run', () => {
  // The last column: splits with scores (whose threshold-free metrics the merge must rebuild).
  it.each([
    ['digits predictions, 3 splits (csv)', DIGITS_PREDICTIONS, 0],
    [
      'multiclass scores (jsonl)',
      [{ name: 'test', path: path.resolve('fixtures/predictions/multiclass.scores.jsonl') }],
      1,
    ],
    [
      'multi-label scores (csv)',
      [{ name: 'test', path: path.resolve('fixtures/predictions/multilabel.scores.csv') }],
      1,
    ],
    ['multi-label arrays (npz)', [{ name: 'test', path: path.resolve('fixtures/predictions/multilabel.npz') }], 1],
  ])('%s', async (_, splits, scored) => {
    const one = await evaluatePredictionFiles(splits, { createdAt: CREATED });
    const parts: Report[] = [];
    for (const shard of shards)
      parts.push(roundTrip(await evaluatePredictionFiles(splits, { createdAt: CREATED, shard })));
    // Every example is in exactly one shard, and shard sizes differ by one at most.
    for (const name of Object.keys(one.splits)) {
      const sizes = parts.map((p) => p.splits[name].examples);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(one.splits[name].examples);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(parts.map((p) => p.shard)).toEqual(shards);
    // Given in a shuffled order: merge orders the shards by their index.
    const order = [3, 0, 7, 1, 6, 2, 5, 4];
    const merged = mergeReports(
      order.map((i) => parts[i]),
      order.map((i) => origins[i]),
    );
    // Leakage too: every shard keys every row's id, so each found the whole evaluation's.
    expect(withoutScores(roundTrip(merged))).toEqual(withoutScores(roundTrip(one)));
    expect(sameScores(merged, one)).toBe(scored);
    // Each shard's own metrics are of its own examples, from counts of exactly them.
    for (const p of parts)
      for (const s of Object.values(p.splits)) if (s.scores) expect(s.scoreCounts!.examples).toBe(s.examples);
  });

  it('the digits model run in 8 shards gives the one-pass report', async () => {
    const backend = await selectBackend('cpu');
    const run = (shard?: { index: number; count: number }) =>
      evaluateModel({
        model: path.resolve('examples/digits/models/base'),
        data: ['validation', 'test'].map((name) => ({ name, path: path.resolve(`examples/digits/data/${name}.csv`) })),
        backendHandle: backend,
        preprocess: { scale: 1 / 16 },
        createdAt: CREATED,
        workers: 1,
        shard,
      });
    const one = await run();
    const parts: Report[] = [];
    let ran = 0;
    for (const shard of shards) {
      const r = await run(shard);
      ran += r.examples;
      parts.push(roundTrip(r.report));
    }
    // The model saw each example once over all shards (no shard ran the others' examples).
    expect(ran).toBe(one.examples);
    const merged = roundTrip(mergeReports(parts, origins));
    expect(one.report.leakage).toBeDefined();
    expect(parts.map((p) => p.leakage)).toEqual(parts.map(() => undefined));
    expect(withoutLeakage(withoutScores(merged))).toEqual(withoutLeakage(withoutScores(roundTrip(one.report))));
    expect(sameScores(merged, one.report)).toBe(2);
  });
});

describe('threshold tuning survives a merge of shards', () => {
  // Multi-label validation and test splits with scores (fixtures/thresholds): the summary a merge
  // computes from the shards' threshold histograms is the one-pass summary.
  const TUNING = ['validation', 'test'].map((name) => ({
    name,
    path: path.resolve(`fixtures/thresholds/${name}.csv`),
  }));

  it('the merged summary is the one-pass one; the shards carry the histograms, not a summary', async () => {
    const one = await evaluatePredictionFiles(TUNING, { createdAt: CREATED });
    expect(one.thresholdTuning).toBeDefined();
    const parts: Report[] = [];
    for (const shard of shards)
      parts.push(roundTrip(await evaluatePredictionFiles(TUNING, { createdAt: CREATED, shard })));
    for (const p of parts) {
      expect(p.thresholdTuning).toBeUndefined();
      for (const s of Object.values(p.splits)) expect(s.tuningCounts!.examples).toBe(s.examples);
    }
    const merged = roundTrip(mergeReports(parts, origins));
    // The same choices; the macro averages summed in the report's class order, not the reader's.
    const macros = (t: Report['thresholdTuning']) => [t!.current, t!.tuned].flatMap((m) => [m.precision, m.recall]);
    const [got, want] = [merged.thresholdTuning!, one.thresholdTuning!];
    expect({ ...got, current: null, tuned: null }).toEqual({ ...want, current: null, tuned: null });
    expect([got.current.classes, got.tuned.classes]).toEqual([want.current.classes, want.tuned.classes]);
    macros(got).forEach((v, i) => expect(Math.abs(v - macros(want)[i])).toBeLessThan(1e-12));
    expect(got.tuned.recall - got.current.recall).toBeGreaterThan(0.02);
    // The merged report is a whole one: no histograms left in it.
    for (const s of Object.values(merged.splits)) expect(s.tuningCounts).toBeUndefined();
    // One shard without them (an older version): no summary rather than a partial one.
    const older = parts.map((p, k) =>
      k === 2
        ? {
            ...p,
            splits: Object.fromEntries(Object.entries(p.splits).map(([n, { tuningCounts: _, ...sp }]) => [n, sp])),
          }
        : p,
    );
    expect(mergeReports(older, origins).thresholdTuning).toBeUndefined();
  });

  it("the reader checks a shard's histograms against the split", async () => {
    const part = roundTrip(
      await evaluatePredictionFiles(TUNING, { createdAt: CREATED, shard: { index: 1, count: 2 } }),
    );
    const edited = (edit: (r: Report) => void) => {
      const copy = structuredClone(part);
      edit(copy);
      return () => validateReport(JSON.parse(JSON.stringify(copy)), 'shard.json');
    };
    expect(edited((r) => (r.splits.test.tuningCounts!.bins = 100))).toThrow(
      'shard.json: /splits/test/tuningCounts/bins is 100; expected 1000',
    );
    expect(edited((r) => (r.splits.test.tuningCounts!.examples += 1))).toThrow(
      `/splits/test/tuningCounts/examples is ${part.splits.test.examples + 1}; expected ${part.splits.test.examples} as the split`,
    );
    expect(edited((r) => (r.splits.test.tuningCounts!.data = 'not base64 deflate'))).toThrow(
      '/splits/test/tuningCounts/data is not base64 of deflated data',
    );
    // A negative of class 0 turned positive: one more positive than its support.
    const counts = decodeClassCounts(part.splits.test.tuningCounts!.data, part.classes.length, 1002) as number[][];
    const moved = counts.map((t) => [...t]);
    const k = moved[0].findIndex((v, i) => i % 3 === 2 && v > 0);
    [moved[0][k - 1], moved[0][k]] = [moved[0][k - 1] + 1, moved[0][k] - 1];
    expect(edited((r) => (r.splits.test.tuningCounts!.data = encodeClassCounts(moved)))).toThrow(
      `/splits/test/tuningCounts/data counts class 0 ${part.splits.test.examples} times with ${part.splits.test.perClass.support[0] + 1} positives; expected none, or ${part.splits.test.examples} examples with ${part.splits.test.perClass.support[0]} positives (its support)`,
    );
  });
});

describe('a merge of shards is refused unless every shard 1..n is there once, on the same data', () => {
  let parts: Report[];
  beforeAll(async () => {
    parts = [];
    for (const shard of shards.slice(0, 4).map((s) => ({ ...s, count: 4 })))
      parts.push(await evaluatePredictionFiles(DIGITS_PREDICTIONS.slice(1, 2), { createdAt: CREATED, shard }));
  });
  const names = ['a.json', 'b.json', 'c.json', 'd.json'];
  const refuse = (ps: Report[], os: string[]) => {
    try {
      mergeReports(ps, os);
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      return (e as Error).message;
    }
    throw new Error('merged');
  };

  it('names a missing shard', () => {
    expect(refuse([parts[0], parts[1], parts[3]], ['a.json', 'b.json', 'd.json'])).toBe(
      'shard 3/4 is missing: a merge needs every shard 1/4 to 4/4 once',
    );
    expect(refuse([parts[0]], ['a.json'])).toBe(
      'shards 2/4, 3/4, 4/4 are missing: a merge needs every shard 1/4 to 4/4 once',
    );
  });

  it('names a shard given twice, with both files', () => {
    expect(refuse([...parts, parts[1]], [...names, 'b-again.json'])).toBe(
      'shard 2/4 is given twice: b.json and b-again.json',
    );
  });

  it('refuses shards of different counts, and a whole report among shards', async () => {
    const other = await evaluatePredictionFiles(DIGITS_PREDICTIONS.slice(1, 2), {
      createdAt: CREATED,
      shard: { index: 2, count: 8 },
    });
    expect(refuse([parts[0], other], ['a.json', 'x.json'])).toBe(
      'x.json is shard 2/8 but a.json is shard 1/4; the shards of one evaluation share the count',
    );
    const whole = await evaluatePredictionFiles(DIGITS_PREDICTIONS.slice(1, 2), { createdAt: CREATED });
    expect(refuse([whole, ...parts], ['whole.json', ...names])).toBe(
      'whole.json is a whole report but a.json is a shard; merge the shards of one evaluation only',
    );
  });

  it('refuses a shard that read other data (its file fingerprint differs)', async () => {
    const other = await evaluatePredictionFiles(
      [{ name: 'validation', path: path.resolve('fixtures/judgement/digits/seed-01/validation.csv') }],
      { createdAt: CREATED, shard: { index: 3, count: 4 } },
    );
    expect(refuse([parts[0], parts[1], other, parts[3]], names)).toMatch(
      /^c\.json \(shard 3\/4\): split "validation" was read from other data \(sha256 [0-9a-f]{12}\) than in a\.json \(sha256 [0-9a-f]{12}\); every shard must read the same files$/,
    );
  });

  it('refuses a shard whose size does not fit its index (an edited report)', () => {
    // 359 examples: shards 1-3 hold 90, shard 4 holds 89. Shards 1 and 4 relabelled as each other:
    const [a, d] = [roundTrip(parts[0]), roundTrip(parts[3])];
    a.shard = { index: 4, count: 4 };
    d.shard = { index: 1, count: 4 };
    expect(parts.map((p) => p.splits.validation.examples)).toEqual([90, 90, 90, 89]);
    expect(refuse([a, parts[1], parts[2], d], names)).toBe(
      'd.json: shard 1/4 of split "validation" has 89 examples; expected 90 of the 359 in all',
    );
  });

  it('the gate refuses to compare a shard report, head or baseline', () => {
    const gate = (head: Report, base: Report | null) =>
      runGate({
        head,
        headSide: {},
        baseline: base && { report: base, source: 'base.json' },
        rules: defaultRules('multiclass'),
        render: { key: 'k', reportPath: 'head.json' },
      });
    expect(() => gate(parts[1], null)).toThrow(
      new UsageError(
        "the head report head.json is shard 2/4 of a sharded evaluation; merge all 4 shards first (modelgate merge, or the action's merge-artifacts input)",
      ),
    );
    const whole = mergeReports(parts, names);
    expect(() => gate(whole, parts[0])).toThrow(/^the baseline base\.json is shard 1\/4 of a sharded evaluation/);
    expect(gate(whole, whole).comparison.verdict).toBe('pass');
  });
});

it('the reader refuses edited score counts of a shard, naming the field', async () => {
  const shard = await evaluatePredictionFiles(
    [{ name: 'test', path: path.resolve('fixtures/predictions/multilabel.npz') }],
    { createdAt: CREATED, shard: { index: 2, count: 3 } },
  );
  const edited = (edit: (r: Report) => void) => {
    const r = JSON.parse(JSON.stringify(shard)) as Report;
    edit(r);
    return () => validateReport(r, 's.json');
  };
  expect(() => roundTrip(shard)).not.toThrow();
  expect(edited((r) => (r.splits.test.scoreCounts!.bins = 1000))).toThrow(
    /^s\.json: \/splits\/test\/scoreCounts\/bins is 1000; expected \d+$/,
  );
  expect(edited((r) => (r.splits.test.scoreCounts!.examples += 1))).toThrow(
    /scoreCounts\/examples is 18; expected 17 as the split/,
  );
  expect(edited((r) => (r.splits.test.scoreCounts!.classes = 11))).toThrow(
    /scoreCounts\/classes is 11; expected 12 \(one per class\)/,
  );
  expect(edited((r) => (r.splits.test.scoreCounts!.data = 'bm90IGRlZmxhdGU='))).toThrow(
    /scoreCounts\/data is not base64 of deflated data|scoreCounts\/data (ends|does not)/,
  );
});
