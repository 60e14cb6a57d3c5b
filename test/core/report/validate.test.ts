import { ClassIndex } from '../../../src/core/classes.js';
import { UsageError } from '../../../src/core/errors.js';
import { encodeExamples } from '../../../src/core/report/examples.js';
import type { Report } from '../../../src/core/report/types.js';
import { validateReport } from '../../../src/core/report/validate.js';
import { NAMES, randomNamedSplit, reportOf } from './helpers.js';

const multiclass = reportOf('multiclass', new ClassIndex(NAMES, true), {
  train: randomNamedSplit('multiclass', 200, NAMES, 11),
  test: randomNamedSplit('multiclass', 100, NAMES, 12),
});
const multilabel = reportOf('multilabel', new ClassIndex(NAMES, true), {
  test: randomNamedSplit('multilabel', 100, NAMES, 13),
});

/** A deep copy (as if read from disk) that the test may edit. */
const copy = (r: Report): Report => JSON.parse(JSON.stringify(r));

function rejects(data: unknown, message: string | RegExp) {
  let err: unknown;
  try {
    validateReport(data, 'reports/main.json');
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UsageError);
  const msg = (err as Error).message;
  expect(msg).not.toContain('\n');
  if (typeof message === 'string') expect(msg).toBe(message);
  else expect(msg).toMatch(message);
}

describe('validateReport', () => {
  it('accepts reports as built', () => {
    // As written to a file (predictions built here go out as their base64).
    expect(validateReport(copy(multiclass), 'a.json')).toEqual(copy(multiclass));
    expect(validateReport(copy(multilabel), 'b.json')).toEqual(copy(multilabel));
  });

  it('tells a report from a newer modelgate, and a NaN written as null, apart from damage', () => {
    rejects(
      { ...copy(multiclass), schema: 'modelgate/report@4' },
      /^reports\/main\.json: schema is "modelgate\/report@4": written by a newer modelgate; .*upgrade/,
    );
    const nulled = copy(multiclass) as unknown as { splits: { test: { metrics: Record<string, unknown> } } };
    nulled.splits.test.metrics.f1_macro = null;
    rejects(
      nulled,
      'reports/main.json: /splits/test/metrics/f1_macro is null; expected a number (a NaN or infinity written as null?)',
    );
  });

  it('rejects a report without splits, or with a split name that plain objects reserve', () => {
    rejects(
      { ...copy(multiclass), splits: {}, gaps: {} },
      'reports/main.json: /splits is empty; expected at least one split',
    );
    const r = copy(multiclass);
    const splits = JSON.parse(JSON.stringify({ constructor: r.splits.test }));
    rejects({ ...r, splits, gaps: {} }, /^reports\/main\.json: \/splits\/constructor: the split name is reserved/);
  });

  it('rejects what is not a report, naming the schema found', () => {
    rejects([], 'reports/main.json: not a modelgate report: expected a JSON object');
    rejects(
      { ...copy(multiclass), schema: 'x' },
      `reports/main.json: not a modelgate report: schema is "x", expected 'modelgate/report@3'`,
    );
    const { schema: _s, ...noSchema } = copy(multiclass);
    rejects(noSchema, /no "schema" field/);
  });

  it('rejects a hand-edited array of the wrong length, naming the JSON path', () => {
    const r = copy(multiclass);
    r.splits.test.perClass.recall.pop();
    rejects(
      r,
      `reports/main.json: /splits/test/perClass/recall has ${NAMES.length - 1} entries; expected ${NAMES.length} (one per class)`,
    );
    const d = copy(multiclass);
    d.splits.train.confusion!.counts!.push(0);
    rejects(d, /\/splits\/train\/confusion\/counts has 65 entries; expected 64/);
    const t = copy(multiclass);
    t.splits.train.topConfusions!.pop();
    rejects(t, /\/splits\/train\/topConfusions has 7 entries; expected 8/);
  });

  it('rejects types and ranges through the schema with the path', () => {
    const r = copy(multiclass);
    (r.splits.test.metrics as unknown as Record<string, unknown>).accuracy = 1.5;
    rejects(r, 'reports/main.json: /splits/test/metrics/accuracy must be <= 1');
    const n = copy(multiclass);
    n.splits.test.perClass.tp[2] = -1;
    rejects(n, 'reports/main.json: /splits/test/perClass/tp/2 must be >= 0');
    const f = copy(multiclass);
    (f.splits.test.perClass.fp as unknown[])[0] = 1.5;
    rejects(f, /\/splits\/test\/perClass\/fp\/0 must be integer/);
    const m = copy(multiclass);
    delete (m.splits.test.metrics as Partial<Report['splits'][string]['metrics']>).f1_macro;
    rejects(m, `reports/main.json: /splits/test/metrics is missing "f1_macro"`);
    const t = copy(multiclass);
    (t as unknown as Record<string, unknown>).task = 'regression';
    rejects(t, /\/task must be equal to one of the allowed values: "multiclass", "multilabel"/);
  });

  it('rejects counts that disagree with each other or with the per-example predictions', () => {
    const s = copy(multiclass);
    s.splits.test.perClass.support[1] += 1;
    rejects(s, /\/splits\/test\/perClass\/support\/1 is \d+; expected tp \+ fn = \d+/);
    const tp = copy(multiclass);
    const pc = tp.splits.test.perClass;
    pc.tp[0] += 1;
    pc.fn[0] -= 1; // support unchanged, still consistent with itself
    if (pc.fn[0] < 0) throw new Error('test data: class 0 needs a miss');
    pc.predicted[0] += 1;
    rejects(tp, /\/splits\/test\/perClass\/(tp|fp)\/\d+ is \d+ but the per-example predictions give \d+/);
    const macro = copy(multilabel);
    macro.splits.test.macro.excluded += 1;
    rejects(macro, /\/splits\/test\/macro is .* expected .* from the supports/);
  });

  it('rejects damaged or mismatched per-example predictions', () => {
    const d = copy(multiclass);
    d.splits.test.predictions!.data = 'AAAA';
    rejects(d, /\/splits\/test\/predictions: per-example predictions are (not valid deflate data|truncated)/);
    const n = copy(multiclass);
    n.splits.test.predictions!.n += 1;
    rejects(n, /\/splits\/test\/predictions\/n is 101; expected 100/);
    const l = copy(multilabel);
    l.splits.test.predictions = JSON.parse(
      JSON.stringify(
        encodeExamples({ task: 'multiclass', n: 100, truth: new Uint32Array(100), pred: new Uint32Array(100) }, 8),
      ),
    );
    rejects(l, /\/splits\/test\/predictions\/layout is "multiclass"; expected "multilabel-csr"/);
  });

  it('rejects task-specific parts in the wrong task and repeated class names', () => {
    const c = copy(multilabel);
    c.splits.test.confusion = { format: 'dense', counts: new Array(64).fill(0) };
    rejects(c, /\/splits\/test\/confusion is not allowed in a multilabel report/);
    const m = copy(multiclass);
    delete m.splits.test.metrics.accuracy;
    rejects(m, /\/splits\/test\/metrics is missing "accuracy" \(required for a multiclass report\)/);
    const dup = copy(multiclass);
    dup.classes[3] = dup.classes[0];
    rejects(dup, `reports/main.json: /classes/3 repeats the class "cat"`);
    // A line break or U+001F in a name would let two label sequences share a fingerprint.
    for (const [ch, code] of [
      ['\n', '000A'],
      ['\u001f', '001F'],
    ]) {
      const ctl = copy(multiclass);
      ctl.classes[2] = `a${ch}b`;
      rejects(
        ctl,
        `reports/main.json: /classes/2 ${JSON.stringify(`a${ch}b`)} contains the control character U+${code}; expected a class name on one line, without control characters`,
      );
    }
  });

  it('escapes split names in JSON paths', () => {
    const r = copy(multiclass);
    r.splits['a/b~c'] = r.splits.test;
    delete (r.splits as Record<string, unknown>).test;
    r.splits['a/b~c'].perClass.f1.push(0);
    rejects(r, /\/splits\/a~1b~0c\/perClass\/f1 has 9 entries/);
  });
});

describe('validateReport recomputes every figure from the counts (a hand edit cannot change a verdict)', () => {
  /** The same report without per-example predictions (as `--no-predictions` writes it). */
  const bare = (r: Report): Report => {
    const c = copy(r);
    for (const s of Object.values(c.splits)) delete s.predictions;
    return c;
  };
  const EDITED = /: the report was edited or damaged; re-run modelgate evaluate$/;

  it.each(['with', 'without'])('refuses an edited headline metric (%s per-example data)', (kept) => {
    for (const base of [multiclass, multilabel]) {
      for (const metric of Object.keys(base.splits.test.metrics)) {
        const r = kept === 'with' ? copy(base) : bare(base);
        const m = r.splits.test.metrics as unknown as Record<string, number>;
        m[metric] = m[metric] > 0.5 ? m[metric] - 0.01 : m[metric] + 0.01;
        rejects(
          r,
          new RegExp(
            `^reports/main\\.json: /splits/test/metrics/${metric} is [\\d.]+ but the report's counts give [\\d.]+${EDITED.source}`,
          ),
        );
      }
    }
  });

  it('accepts a figure off by float rounding only, and reports as built without per-example data', () => {
    const r = copy(multiclass);
    r.splits.test.metrics.f1_macro += 1e-12;
    expect(() => validateReport(r, 'a.json')).not.toThrow();
    expect(() => validateReport(bare(multiclass), 'a.json')).not.toThrow();
    expect(() => validateReport(bare(multilabel), 'a.json')).not.toThrow();
  });

  it('refuses an edited label fingerprint or renamed classes: compare pairs the splits by it', () => {
    for (const base of [multiclass, multilabel]) {
      const r = copy(base);
      r.splits.test.fingerprints.labels = '0'.repeat(64);
      rejects(
        r,
        new RegExp(
          `^reports/main\\.json: /splits/test/fingerprints/labels is "0{64}" but the per-example truths give "[0-9a-f]{64}"${EDITED.source}`,
        ),
      );
      // The names are what is hashed: renamed classes no longer match the fingerprint either.
      const renamed = copy(base);
      renamed.classes = renamed.classes.map((c) => c.toUpperCase());
      rejects(renamed, /\/splits\/\w+\/fingerprints\/labels is "[0-9a-f]{64}" but the per-example truths give/);
    }
    // Without per-example data nothing can check it, and nothing is paired by it either.
    const b = bare(multiclass);
    b.splits.test.fingerprints.labels = '0'.repeat(64);
    expect(() => validateReport(b, 'a.json')).not.toThrow();
  });

  it('refuses edited per-class rates, naming the class', () => {
    const r = copy(multiclass);
    r.splits.test.perClass.recall[2] = r.splits.test.perClass.recall[2] > 0.5 ? 0.1 : 0.9;
    rejects(
      r,
      /^reports\/main\.json: \/splits\/test\/perClass\/recall\/2 \(class "\w+"\) is [\d.]+ but its counts give [\d.]+: the report/,
    );
  });

  it('refuses edited gaps', () => {
    const r = copy(multiclass);
    r.gaps['train-validation'] = { accuracy: 0 };
    rejects(r, /^reports\/main\.json: \/gaps\/train-validation is given but the report lacks one of its two splits/);
    const t = copy(multiclass);
    t.splits.validation = t.splits.test;
    t.gaps = { ...t.gaps, 'validation-test': { accuracy: 0.2 } };
    rejects(t, /\/gaps\/validation-test\/accuracy is 0\.2 but the splits' metrics give 0: the report was edited/);
  });

  it('checks the counts against each other when the per-example data is not kept', () => {
    const correct = bare(multiclass);
    correct.splits.test.counts!.correct! += 1;
    rejects(correct, /\/splits\/test\/counts\/correct is \d+; expected \d+ \(the true positives summed over classes\)/);
    // A prediction moved from one class to another, per-class counts consistent with themselves:
    // the class predictions no longer add up to the examples.
    const moved = bare(multiclass);
    const pc = moved.splits.test.perClass;
    pc.fp[0] += 1;
    pc.predicted[0] += 1;
    rejects(moved, /\/splits\/test\/perClass\/predicted adds up to 101; expected 100 \(one prediction per example\)/);
    const conf = bare(multiclass);
    const counts = conf.splits.test.confusion!.counts!;
    const C = conf.classes.length;
    counts[0 * C + 1] += 1;
    counts[0 * C + 2] -= counts[0 * C + 2] > 0 ? 1 : -1;
    rejects(conf, /\/splits\/test\/confusion\/counts: class \d's row, column or diagonal disagrees with perClass/);
    const ham = bare(multilabel);
    ham.splits.test.counts!.hammingErrors! += 2;
    rejects(ham, /\/splits\/test\/counts\/hammingErrors is \d+; expected \d+ \(false positives plus false negatives\)/);
    const sub = bare(multilabel);
    sub.splits.test.counts!.subsetCorrect = 101;
    rejects(sub, /\/splits\/test\/counts\/subsetCorrect is 101; expected at most 100/);
    const none = bare(multilabel);
    delete none.splits.test.counts;
    rejects(none, /\/splits\/test\/counts is missing "subsetCorrect"/);
  });

  it('checks counts and the confusion matrix against the per-example data when kept', () => {
    const sub = copy(multilabel);
    sub.splits.test.counts!.subsetCorrect! += 1;
    sub.splits.test.metrics.subset_accuracy! += 0.01;
    rejects(sub, /\/splits\/test\/counts\/subsetCorrect is \d+; expected \d+ \(the per-example predictions\)/);
    const top = copy(multiclass);
    const rows = top.splits.test.topConfusions!;
    const t = rows.findIndex((row) => row.length > 0);
    expect(t).toBeGreaterThanOrEqual(0);
    rows[t] = [];
    rejects(top, /\/splits\/test\/topConfusions differs from the per-example predictions/);
    // One wrong prediction of class t moved to another wrong class: the row still adds up to t's support.
    const cf = copy(multiclass);
    const C = cf.classes.length;
    const counts = cf.splits.test.confusion!.counts!;
    const from = multiclass.splits.test.topConfusions![t][0][0];
    const to = [...Array(C).keys()].find((p) => p !== t && p !== from)!;
    counts[t * C + from] -= 1;
    counts[t * C + to] += 1;
    rejects(cf, /\/splits\/test\/confusion differs from the per-example predictions/);
  });
});

describe('reports of an earlier schema', () => {
  it('a report@1 written by an earlier modelgate loads as the current version and compares with a new one', async () => {
    const { readFileSync } = await import('node:fs');
    const { compareReports } = await import('../../../src/core/compare/compare.js');
    const { defaultRules } = await import('../../../src/core/compare/rules.js');
    const { evaluatePredictionFiles } = await import('../../../src/pipeline/evaluate.js');
    const raw = JSON.parse(readFileSync('fixtures/reports/report-v1-digits.json', 'utf8'));
    expect(raw.schema).toBe('modelgate/report@1');
    const old = validateReport(raw, 'old.json');
    expect(old.schema).toBe('modelgate/report@3');
    expect(old.splits.test.scores).toBeUndefined();
    const head = await evaluatePredictionFiles([{ name: 'test', path: 'fixtures/diagnostics/digits.csv' }]);
    expect(head.splits.test.scores).toBeDefined();
    const cmp = compareReports(old, head, defaultRules('multiclass'));
    // The same predictions: nothing changed, and the head's new metrics have no base to compare with.
    expect(cmp.verdict).toBe('pass');
    expect(cmp.sameExamples.test).toBe(true);
    const auc = cmp.diagnostics!.scores.find((r) => r.metric === 'roc_auc_macro')!;
    expect(auc.base).toBeNull();
    expect(auc.head).toBe(head.splits.test.scores!.rocAucMacro);
    expect(auc.worse).toBe(false);
  });

  it('rejects scores and leakage that do not fit the report', () => {
    const r = copy(multiclass);
    r.splits.test.scores = {
      bins: 10,
      rocAuc: [0.5],
      rocAucBound: [0],
      averagePrecision: [0.5],
      averagePrecisionBound: [0],
      rocAucMacro: 0.5,
      averagePrecisionMacro: 0.5,
      logLoss: 1,
      ece: 0.1,
      eceBins: 15,
    };
    rejects(r, /\/splits\/test\/scores\/rocAuc has 1 entries; expected \d+ \(one per class\)/);
    // The standard errors, when given, are per class too (a report from before them has none).
    const C = multiclass.classes.length;
    const se = copy(multiclass);
    se.splits.test.scores = {
      ...r.splits.test.scores,
      rocAuc: Array(C).fill(0.5),
      rocAucBound: Array(C).fill(0),
      averagePrecision: Array(C).fill(0.5),
      averagePrecisionBound: Array(C).fill(0),
      rocAucSe: Array(C).fill(0.01),
      averagePrecisionSe: [0.01],
      logLossSe: 0.02,
      eceSe: 0.01,
    };
    rejects(se, /\/splits\/test\/scores\/averagePrecisionSe has 1 entries; expected \d+ \(one per class\)/);
    se.splits.test.scores!.averagePrecisionSe = Array(C).fill(0.01);
    se.splits.test.scores!.eceSe = -1;
    rejects(se, /eceSe/);
    // A standard error of a value in [0, 1] is at most 1/2: a larger one, hand-written, would hide every change.
    se.splits.test.scores!.eceSe = 0.01;
    se.splits.test.scores!.rocAucSe![0] = 7;
    rejects(se, /rocAucSe\/0/);
    se.splits.test.scores!.rocAucSe![0] = 0.01;
    se.splits.test.scores!.eceSe = 0.01;
    expect(validateReport(JSON.parse(JSON.stringify(se)), 'se.json').splits.test.scores!.eceSe).toBe(0.01);
    const l = copy(multiclass);
    l.leakage = {
      key: 'id',
      sampled: 1,
      falseMatches: 0,
      pairs: [{ splits: ['train', 'tset'], count: 0, share: 0, examples: [] }],
    };
    rejects(l, /\/leakage\/pairs\/0\/splits\/1 names the split "tset", which the report does not have/);
  });
});
