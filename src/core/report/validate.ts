// Every report read from disk goes through here: the JSON Schema (schema/report.schema.json)
// for shape and types, then the checks a schema cannot express (one entry per class, counts
// that agree with each other and with the per-example predictions, every figure recomputed from
// the counts: ./consistency.ts). Failures are UsageErrors naming the origin and the JSON path.

import { Ajv, type ErrorObject } from 'ajv';
import schema from '../../../schema/report.schema.json' with { type: 'json' };
import { UsageError } from '../errors.js';
import { accumulatorFromExamples } from '../metrics/accumulator.js';
import { classNameProblem } from '../classes.js';
import { labelFingerprint } from './fingerprint.js';
import { checkGaps, checkReplicateFigures, checkSplitFigures, type ExampleFacts } from './consistency.js';
import { decodeExamples } from './examples.js';
import { decodeClassCounts, type ClassCounts } from '../diagnostics/score-counts.js';
import { ECE_BINS, SCORE_BINS, TUNING_BINS } from '../diagnostics/score-grid.js';
import {
  OLDER_REPORT_SCHEMAS,
  REPORT_SCHEMA,
  type Report,
  type ScoreCounts,
  type SplitExamples,
  type SplitReport,
  type TuningCounts,
} from './types.js';

/**
 * The globals the compiled validator calls once per array item, bound once per function: in a vm
 * context (jest's) every global lookup goes through the context's interceptor, ~0.6 µs each, so
 * a 1,000-class report's dense confusions (1M counts a split) took seconds to check instead of
 * milliseconds. The same functions, so the same verdicts.
 */
const GLOBALS = 'const isFinite = globalThis.isFinite, isNaN = globalThis.isNaN;\n';

let compiled: ReturnType<Ajv['compile']> | undefined;
function schemaValidator() {
  // Compiled once, lazily: compiling costs a few milliseconds.
  compiled ??= new Ajv({ allErrors: false, code: { process: (source) => GLOBALS + source } }).compile(schema);
  return compiled;
}

/** JSON Pointer of a path (RFC 6901 escaping). */
export function pointer(...parts: (string | number)[]): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function describeAjvError(e: ErrorObject, data: unknown): string {
  const at = e.instancePath || '/';
  // JSON has no NaN: JSON.stringify and Python's json write null (or a bare NaN, not JSON at all).
  if (e.keyword === 'type' && valueAt(data, e.instancePath) === null) {
    const t = String((e.params as { type: unknown }).type);
    return `${at} is null; expected ${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t} (a NaN or infinity written as null?)`;
  }
  if (e.keyword === 'required')
    return `${at} is missing ${JSON.stringify((e.params as { missingProperty: string }).missingProperty)}`;
  if (e.keyword === 'additionalProperties')
    return `${at} has an unexpected property ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`;
  if (e.keyword === 'enum')
    return `${at} ${e.message}: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at} ${e.message ?? 'is invalid'}`;
}

/** The value at a JSON Pointer, or undefined. */
function valueAt(data: unknown, ptr: string): unknown {
  let v = data;
  for (const raw of ptr.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Checks `data` (parsed JSON) and returns it typed; `origin` names it in messages (a path). */
export function validateReport(data: unknown, origin: string): Report {
  const fail = (msg: string): never => {
    throw new UsageError(`${origin}: ${msg}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    fail('not a modelgate report: expected a JSON object');
  const schemaField = (data as { schema?: unknown }).schema;
  const future = typeof schemaField === 'string' && /^modelgate\/report@(\d+)$/.exec(schemaField);
  if (future && Number(future[1]) > Number(REPORT_SCHEMA.split('@')[1]))
    fail(
      `schema is ${JSON.stringify(schemaField)}: written by a newer modelgate; this one reads '${REPORT_SCHEMA}' (upgrade modelgate)`,
    );
  const older = typeof schemaField === 'string' && OLDER_REPORT_SCHEMAS.includes(schemaField);
  if (schemaField !== REPORT_SCHEMA && !older) {
    fail(
      schemaField === undefined
        ? `not a modelgate report: no "schema" field, expected '${REPORT_SCHEMA}'`
        : `not a modelgate report: schema is ${JSON.stringify(schemaField)}, expected '${REPORT_SCHEMA}'`,
    );
  }
  const validate = schemaValidator();
  if (!validate(data)) fail(describeAjvError(validate.errors![0], data));
  const report = data as Report;
  checkSemantics(report, fail);
  // report@1 and report@2 are report@3 without its optional fields: read as the current version.
  if (older) return { ...report, schema: REPORT_SCHEMA };
  return report;
}

function checkSemantics(r: Report, fail: (msg: string) => never): void {
  const C = r.classes.length;
  const seen = new Set<string>();
  r.classes.forEach((c, i) => {
    if (seen.has(c)) fail(`${pointer('classes', i)} repeats the class ${JSON.stringify(c)}`);
    const problem = classNameProblem(c);
    if (problem) fail(`${pointer('classes', i)} ${JSON.stringify(c)} ${problem}`);
    seen.add(c);
  });
  if (r.shard && r.shard.index > r.shard.count)
    fail(`/shard is ${r.shard.index}/${r.shard.count}; expected an index from 1 to the count`);
  const splits = Object.keys(r.splits);
  if (splits.length === 0) fail('/splits is empty; expected at least one split');
  for (const name of splits)
    if (name in Object.prototype) fail(`${pointer('splits', name)}: the split name is reserved; expected another name`);
  for (const [name, s] of Object.entries(r.splits)) checkSplit(r, name, s, C, fail);
  for (const [gap, metrics] of Object.entries(r.gaps)) {
    for (const [m, v] of Object.entries(metrics ?? {}))
      if (!Number.isFinite(v)) fail(`${pointer('gaps', gap, m)} must be a finite number`);
  }
  checkGaps(r, fail, pointer);
  r.leakage?.pairs.forEach((p, k) =>
    p.splits.forEach((name, j) => {
      if (!Object.hasOwn(r.splits, name))
        fail(
          `${pointer('leakage', 'pairs', k, 'splits', j)} names the split ${JSON.stringify(name)}, which the report does not have`,
        );
    }),
  );
  checkReplicates(r, fail);
}

/** Replicates are runs of this report's experiment: its splits and examples, its own run first. */
function checkReplicates(r: Report, fail: (msg: string) => never): void {
  const names = Object.keys(r.splits).sort().join(', ');
  r.replicates?.forEach((rep, i) => {
    const own = Object.keys(rep.splits).sort().join(', ');
    if (own !== names) fail(`${pointer('replicates', i, 'splits')} has the splits ${own}; expected ${names}`);
    for (const [name, s] of Object.entries(rep.splits)) {
      if (s.examples !== r.splits[name].examples)
        fail(
          `${pointer('replicates', i, 'splits', name, 'examples')} is ${s.examples}; expected ${r.splits[name].examples} as the split`,
        );
      if (i === 0 && JSON.stringify(s.metrics) !== JSON.stringify(r.splits[name].metrics))
        fail(
          `${pointer('replicates', 0, 'splits', name, 'metrics')} differ from the split's; expected the report's own run first`,
        );
      if (s.perClass) checkReplicateFound(r, s.perClass.tp, name, i, fail);
      if (s.perClass?.predicted) checkReplicatePredicted(r, s.perClass.tp, s.perClass.predicted, name, i, fail);
      const at = (...p: (string | number)[]) => pointer('replicates', i, 'splits', name, ...p);
      checkReplicateFigures(r, name, { ...s, metrics: { ...s.metrics } }, at, fail);
    }
  });
}

/** A run's found per class: one per class, within the class's support (the same labels in every run), the own run's first. */
function checkReplicateFound(r: Report, tp: number[], name: string, i: number, fail: (msg: string) => never): void {
  const at = pointer('replicates', i, 'splits', name, 'perClass', 'tp');
  const own = r.splits[name].perClass;
  if (tp.length !== r.classes.length)
    fail(`${at} has ${tp.length} entries; expected ${r.classes.length} (one per class)`);
  const over = tp.findIndex((v, c) => v > own.support[c]);
  if (over >= 0) fail(`${at}/${over} is ${tp[over]}; expected at most the class's support ${own.support[over]}`);
  if (i === 0 && tp.some((v, c) => v !== own.tp[c]))
    fail(`${at} differs from the split's perClass.tp; expected the report's own run first`);
}

/** A run's predictions per class: one per class, each from its found to the split's examples, the own run's first. */
function checkReplicatePredicted(
  r: Report,
  tp: number[],
  predicted: number[],
  name: string,
  i: number,
  fail: (msg: string) => never,
): void {
  const at = pointer('replicates', i, 'splits', name, 'perClass', 'predicted');
  const own = r.splits[name];
  if (predicted.length !== r.classes.length)
    fail(`${at} has ${predicted.length} entries; expected ${r.classes.length} (one per class)`);
  const under = predicted.findIndex((v, c) => v < tp[c]);
  if (under >= 0) fail(`${at}/${under} is ${predicted[under]}; expected at least the class's found (tp) ${tp[under]}`);
  const over = predicted.findIndex((v) => v > own.examples);
  if (over >= 0) fail(`${at}/${over} is ${predicted[over]}; expected at most the split's ${own.examples} examples`);
  if (i === 0 && predicted.some((v, c) => v !== own.perClass.predicted[c]))
    fail(`${at} differs from the split's perClass.predicted; expected the report's own run first`);
}

function checkSplit(r: Report, name: string, s: SplitReport, C: number, fail: (msg: string) => never): void {
  const at = (...p: (string | number)[]) => pointer('splits', name, ...p);
  const pc = s.perClass;
  for (const key of ['tp', 'fp', 'fn', 'support', 'predicted', 'precision', 'recall', 'f1'] as const) {
    const len = pc[key].length;
    if (len !== C) fail(`${at('perClass', key)} has ${len} entries; expected ${C} (one per class)`);
  }
  for (let i = 0; i < C; i++) {
    if (pc.support[i] !== pc.tp[i] + pc.fn[i])
      fail(`${at('perClass', 'support', i)} is ${pc.support[i]}; expected tp + fn = ${pc.tp[i] + pc.fn[i]}`);
    if (pc.predicted[i] !== pc.tp[i] + pc.fp[i])
      fail(`${at('perClass', 'predicted', i)} is ${pc.predicted[i]}; expected tp + fp = ${pc.tp[i] + pc.fp[i]}`);
  }
  const withSupport = pc.support.filter((v) => v > 0).length;
  if (s.macro.classes !== withSupport || s.macro.excluded !== C - withSupport)
    fail(
      `${at('macro')} is ${JSON.stringify(s.macro)}; expected {"classes":${withSupport},"excluded":${C - withSupport}} from the supports`,
    );

  const needed = r.task === 'multiclass' ? (['accuracy'] as const) : (['subset_accuracy', 'hamming_loss'] as const);
  for (const m of needed)
    if (s.metrics[m] === undefined)
      fail(`${at('metrics')} is missing ${JSON.stringify(m)} (required for a ${r.task} report)`);
  if (r.task === 'multiclass') {
    const total = pc.support.reduce((a, b) => a + b, 0);
    if (total !== s.examples)
      fail(`${at('perClass', 'support')} adds up to ${total}; expected ${s.examples} (one true class per example)`);
    if (s.multilabel) fail(`${at('multilabel')} is not allowed in a multiclass report`);
  } else if (s.confusion || s.topConfusions) {
    fail(`${at(s.confusion ? 'confusion' : 'topConfusions')} is not allowed in a multilabel report`);
  }

  if (s.confusion) {
    const cf = s.confusion;
    if (cf.format === 'dense') {
      const len = cf.counts!.length;
      if (len !== C * C) fail(`${at('confusion', 'counts')} has ${len} entries; expected ${C * C} (classes squared)`);
    } else {
      cf.cells!.forEach(([t, p], k) => {
        if (t >= C || p >= C)
          fail(`${at('confusion', 'cells', k)} names class index ${Math.max(t, p)}; the report has ${C} classes`);
      });
    }
  }
  if (s.topConfusions) {
    if (s.topConfusions.length !== C)
      fail(`${at('topConfusions')} has ${s.topConfusions.length} entries; expected ${C} (one per class)`);
    s.topConfusions.forEach((row, t) =>
      row.forEach(([p], k) => {
        if (p >= C) fail(`${at('topConfusions', t, k)} names class index ${p}; the report has ${C} classes`);
      }),
    );
  }

  if (s.scores)
    for (const key of ['rocAuc', 'rocAucBound', 'averagePrecision', 'averagePrecisionBound', 'rocAucSe', 'averagePrecisionSe'] as const) {
      if (s.scores[key] === undefined) continue;
      const len = s.scores[key].length;
      if (len !== C) fail(`${at('scores', key)} has ${len} entries; expected ${C} (one per class)`);
    }
  if (s.scoreCounts) checkScoreCounts(s.scoreCounts, s.examples, C, at, fail);
  if (s.tuningCounts) checkTuningCounts(s.tuningCounts, s, C, at, fail);
  const facts = s.predictions ? checkPredictions(r, s, C, at, fail) : null;
  // compare pairs the splits by this fingerprint: an edited one would switch the paired tests off.
  if (facts) {
    const want = labelFingerprint([facts.examples], r.classes);
    if (s.fingerprints.labels !== want)
      fail(
        `${at('fingerprints', 'labels')} is ${JSON.stringify(s.fingerprints.labels)} but the per-example truths give ${JSON.stringify(want)}: the report was edited or damaged; re-run modelgate evaluate`,
      );
  }
  checkSplitFigures(r, s, facts, at, fail);
}

/** A shard's score counts: the bins and calibration bins modelgate counts in, one list of whole [bin, pos, neg] triples per class. */
function checkScoreCounts(
  sc: ScoreCounts,
  examples: number,
  C: number,
  at: (...p: (string | number)[]) => string,
  fail: (msg: string) => never,
): void {
  for (const key of ['count', 'conf', 'hit', 'hitConf', 'confSq'] as const) {
    const sums = sc.ece[key];
    if (sums && sums.length !== ECE_BINS)
      fail(`${at('scoreCounts', 'ece', key)} has ${sums.length} entries; expected ${ECE_BINS}`);
  }
  checkClassCounts('scoreCounts', sc, { bins: SCORE_BINS, slots: SCORE_BINS, examples, C }, at, fail);
}

/**
 * A shard's threshold histograms: the tuning summary's bins, every example of the split, and per
 * class either nothing (a class without scores) or every example, of which its positives are
 * the class's support (the same labels the split's counts come from).
 */
function checkTuningCounts(
  tc: TuningCounts,
  s: SplitReport,
  C: number,
  at: (...p: (string | number)[]) => string,
  fail: (msg: string) => never,
): void {
  const want = { bins: TUNING_BINS, slots: TUNING_BINS + 2, examples: s.examples, C };
  checkClassCounts('tuningCounts', tc, want, at, fail).forEach((t, c) => {
    let [pos, all] = [0, 0];
    for (let k = 0; k < t.length; k += 3) [pos, all] = [pos + t[k + 1], all + t[k + 1] + t[k + 2]];
    if ((all !== 0 && all !== s.examples) || pos !== (all === 0 ? 0 : s.perClass.support[c]))
      fail(
        `${at('tuningCounts', 'data')} counts class ${c} ${all} times with ${pos} positives; expected none, or ${s.examples} examples with ${s.perClass.support[c]} positives (its support)`,
      );
  });
}

/** Per-class counts of a shard (`field`): their bins, examples and classes as expected, and their data decoded. */
function checkClassCounts(
  field: string,
  got: { bins: number; examples: number; classes: number; data: string },
  want: { bins: number; slots: number; examples: number; C: number },
  at: (...p: (string | number)[]) => string,
  fail: (msg: string) => never,
): ClassCounts {
  if (got.bins !== want.bins) fail(`${at(field, 'bins')} is ${got.bins}; expected ${want.bins}`);
  if (got.examples !== want.examples)
    fail(`${at(field, 'examples')} is ${got.examples}; expected ${want.examples} as the split`);
  if (got.classes !== want.C) fail(`${at(field, 'classes')} is ${got.classes}; expected ${want.C} (one per class)`);
  const decoded = decodeClassCounts(got.data, want.C, want.slots);
  if (typeof decoded === 'string') fail(`${at(field, 'data')} ${decoded}`);
  return decoded;
}

function checkPredictions(
  r: Report,
  s: SplitReport,
  C: number,
  at: (...p: (string | number)[]) => string,
  fail: (msg: string) => never,
): ExampleFacts {
  const enc = s.predictions!;
  const layout = r.task === 'multiclass' ? 'multiclass' : 'multilabel-csr';
  if (enc.layout !== layout)
    fail(
      `${at('predictions', 'layout')} is ${JSON.stringify(enc.layout)}; expected ${JSON.stringify(layout)} for a ${r.task} report`,
    );
  if (enc.n !== s.examples)
    fail(`${at('predictions', 'n')} is ${enc.n}; expected ${s.examples} (the split's examples)`);
  let ex: SplitExamples;
  try {
    ex = decodeExamples(enc, C);
  } catch (e) {
    return fail(`${at('predictions')}: ${(e as Error).message}`);
  }
  // The per-example data must reproduce the per-class counts, or comparisons would mix two stories.
  let counts;
  try {
    counts = accumulatorFromExamples(ex).counts();
  } catch (e) {
    return fail(`${at('predictions')}: ${(e as Error).message}`);
  }
  for (const key of ['tp', 'fp', 'fn'] as const) {
    for (let i = 0; i < C; i++) {
      const v = i < counts[key].length ? counts[key][i] : 0;
      if (v !== s.perClass[key][i])
        fail(`${at('perClass', key, i)} is ${s.perClass[key][i]} but the per-example predictions give ${v}`);
    }
  }
  return { examples: ex, counts };
}
