// A report's figures are derived data: every metric, per-class rate, confusion cell and gap
// follows from integer counts (and per-example predictions when kept). A hand-edited or
// corrupted figure would otherwise flip a verdict (edit `metrics` and a fail becomes a pass,
// with an interval that excludes its own point estimate), so reading a report recomputes
// every figure from the counts and refuses one that disagrees, naming the JSON path.

import { confusionOf } from '../metrics/confusion.js';
import { computeSplit } from '../metrics/compute.js';
import type { SplitCounts } from '../metrics/counts.js';
import { computeGaps } from './build.js';
import type { Report, SplitExamples, SplitReport } from './types.js';

/** Largest difference between a stored figure and its recomputation (float summation order). */
export const FIGURE_TOLERANCE = 1e-9;

type At = (...p: (string | number)[]) => string;
type Fail = (msg: string) => never;

const EDITED = 'the report was edited or damaged; re-run modelgate evaluate';
const sum = (a: readonly number[]) => a.reduce((x, y) => x + y, 0);
const near = (a: number, b: number) => Math.abs(a - b) <= FIGURE_TOLERANCE;
const show = (v: number) => String(Math.round(v * 1e12) / 1e12);

/** What the per-example predictions say, when the report keeps them. */
export interface ExampleFacts {
  examples: SplitExamples;
  counts: SplitCounts;
}

/**
 * The split's raw counts rebuilt from perClass (and `counts`, and the per-example data when
 * present), each stored count checked against what the others imply.
 */
function countsOf(task: Report['task'], s: SplitReport, facts: ExampleFacts | null, at: At, fail: Fail): SplitCounts {
  const pc = s.perClass;
  const N = s.examples;
  const c = s.counts ?? {};
  const expect = (key: keyof NonNullable<SplitReport['counts']>, want: number, why: string) => {
    const v = c[key];
    if (v !== undefined && v !== want) fail(`${at('counts', key)} is ${v}; expected ${want} (${why}): ${EDITED}`);
  };
  const sumTp = sum(pc.tp);
  const sumFp = sum(pc.fp);
  const sumFn = sum(pc.fn);
  if (task === 'multiclass') {
    // One truth and one prediction per example: every correct example is one true positive.
    if (sum(pc.predicted) !== N)
      fail(
        `${at('perClass', 'predicted')} adds up to ${sum(pc.predicted)}; expected ${N} (one prediction per example)`,
      );
    expect('correct', sumTp, 'the true positives summed over classes');
    return { ...zeroMultilabel(), task, examples: N, tp: pc.tp, fp: pc.fp, fn: pc.fn, correct: sumTp };
  }
  const f = facts?.counts;
  expect('hammingErrors', sumFp + sumFn, 'false positives plus false negatives');
  expect('trueLabels', sum(pc.support), 'the supports summed');
  expect('predLabels', sum(pc.predicted), 'the predicted counts summed');
  if (f) expect('subsetCorrect', f.correct, 'the per-example predictions');
  const correct = f?.correct ?? c.subsetCorrect;
  if (correct === undefined) fail(`${at('counts')} is missing "subsetCorrect" (needed to check subset_accuracy)`);
  if (correct > N) fail(`${at('counts', 'subsetCorrect')} is ${correct}; expected at most ${N} (the split's examples)`);
  const ml = s.multilabel;
  if (ml && f && (ml.emptyTruth !== f.emptyTruth || ml.emptyPred !== f.emptyPred))
    fail(
      `${at('multilabel')} counts ${ml.emptyTruth}/${ml.emptyPred} empty truths/predictions but the per-example predictions give ${f.emptyTruth}/${f.emptyPred}: ${EDITED}`,
    );
  if (ml && (ml.emptyTruth > N || ml.emptyPred > N))
    fail(`${at('multilabel')} counts more empty truths or predictions than the ${N} examples: ${EDITED}`);
  return {
    task,
    examples: N,
    tp: pc.tp,
    fp: pc.fp,
    fn: pc.fn,
    correct,
    hammingErrors: sumFp + sumFn,
    trueLabels: sum(pc.support),
    predLabels: sum(pc.predicted),
    emptyTruth: ml?.emptyTruth ?? 0,
    emptyPred: ml?.emptyPred ?? 0,
  };
}

const zeroMultilabel = () => ({ hammingErrors: 0, trueLabels: 0, predLabels: 0, emptyTruth: 0, emptyPred: 0 });

/** Every metric, per-class rate and multi-label mean of a split against its recomputation from the counts. */
export function checkSplitFigures(r: Report, s: SplitReport, facts: ExampleFacts | null, at: At, fail: Fail): void {
  const counts = countsOf(r.task, s, facts, at, fail);
  const want = computeSplit(counts, r.classes.length);
  for (const [m, v] of Object.entries(s.metrics)) {
    const w = (want.metrics as unknown as Record<string, number | undefined>)[m];
    if (w === undefined) fail(`${at('metrics', m)} is not a metric of a ${r.task} report`);
    if (!near(v, w)) fail(`${at('metrics', m)} is ${show(v)} but the report's counts give ${show(w)}: ${EDITED}`);
  }
  for (const key of ['precision', 'recall', 'f1'] as const)
    s.perClass[key].forEach((v, i) => {
      const w = want.perClass[key][i];
      if (!near(v, w))
        fail(
          `${at('perClass', key, i)} (class ${JSON.stringify(r.classes[i])}) is ${show(v)} but its counts give ${show(w)}: ${EDITED}`,
        );
    });
  if (s.multilabel && want.multilabel)
    for (const key of ['meanTrueLabels', 'meanPredLabels'] as const)
      if (!near(s.multilabel[key], want.multilabel[key]))
        fail(
          `${at('multilabel', key)} is ${show(s.multilabel[key])} but the counts give ${show(want.multilabel[key])}: ${EDITED}`,
        );
  if (r.task === 'multiclass') checkConfusion(s, facts, at, fail);
}

/**
 * The confusion matrix and top confusions: recomputed exactly from per-example data when kept,
 * else checked against the per-class counts (rows add up to the support, columns to the
 * predictions, the diagonal is the true positives).
 */
function checkConfusion(s: SplitReport, facts: ExampleFacts | null, at: At, fail: Fail): void {
  const pc = s.perClass;
  const C = pc.tp.length;
  if (facts && facts.examples.task === 'multiclass') {
    const ex = facts.examples;
    const want = confusionOf(ex.truth, ex.pred, ex.n, C);
    if (s.confusion && JSON.stringify(s.confusion) !== JSON.stringify(want.confusion))
      fail(`${at('confusion')} differs from the per-example predictions: ${EDITED}`);
    if (s.topConfusions && JSON.stringify(s.topConfusions) !== JSON.stringify(want.topConfusions))
      fail(`${at('topConfusions')} differs from the per-example predictions: ${EDITED}`);
    return;
  }
  const offDiagonal = new Array<number>(C).fill(0);
  const cf = s.confusion;
  if (cf?.format === 'dense') {
    const m = cf.counts!;
    for (let t = 0; t < C; t++) {
      let row = 0;
      let col = 0;
      for (let p = 0; p < C; p++) {
        row += m[t * C + p];
        col += m[p * C + t];
      }
      if (m[t * C + t] !== pc.tp[t] || row !== pc.support[t] || col !== pc.predicted[t])
        fail(`${at('confusion', 'counts')}: class ${t}'s row, column or diagonal disagrees with perClass: ${EDITED}`);
    }
  } else if (cf) {
    cf.cells!.forEach(([t, p, n], k) => {
      if (t === p) fail(`${at('confusion', 'cells', k)} is on the diagonal; expected off-diagonal cells only`);
      offDiagonal[t] += n;
    });
    offDiagonal.forEach((n, t) => {
      if (cf.truncated ? n > pc.fn[t] : n !== pc.fn[t])
        fail(
          `${at('confusion', 'cells')}: class ${t}'s wrong predictions add up to ${n}; its fn is ${pc.fn[t]}: ${EDITED}`,
        );
    });
  }
  s.topConfusions?.forEach((row, t) => {
    if (row.some(([p]) => p === t) || sum(row.map(([, n]) => n)) > pc.fn[t])
      fail(`${at('topConfusions', t)} disagrees with class ${t}'s fn (${pc.fn[t]}): ${EDITED}`);
  });
}

/** The gaps between splits against the differences of the splits' metrics. */
export function checkGaps(r: Report, fail: Fail, pointer: (...p: (string | number)[]) => string): void {
  const want = computeGaps(r.splits) as Record<string, Record<string, number> | undefined>;
  for (const [gap, metrics] of Object.entries(r.gaps)) {
    const w = want[gap];
    if (!w) fail(`${pointer('gaps', gap)} is given but the report lacks one of its two splits: ${EDITED}`);
    for (const [m, v] of Object.entries(metrics ?? {})) {
      if (w[m] === undefined || !near(v as number, w[m]))
        fail(
          `${pointer('gaps', gap, m)} is ${show(v as number)} but the splits' metrics give ${w[m] === undefined ? 'none' : show(w[m])}: ${EDITED}`,
        );
    }
  }
}

/**
 * A seed run's metrics against its own counts (its found and predicted per class, the split's
 * support): compare judges the mean of the runs and widens the interval by their spread, so an
 * edited run's metrics would move the verdict. Only what those counts fix is checked exactly:
 * without `predicted` the recalls (and multiclass accuracy). Multi-label subset accuracy (a
 * default gate) needs per-example data no run keeps, but the counts bound it: an example with
 * an error is one of at most the errors' total and at least the largest class's misses (and,
 * with `predicted`, its false alarms), so a value outside those bounds is refused.
 */
export function checkReplicateFigures(
  r: Report,
  split: string,
  run: { metrics: Record<string, number>; perClass?: { tp: number[]; predicted?: number[] } },
  at: At,
  fail: Fail,
): void {
  if (!run.perClass) return;
  const { tp, predicted } = run.perClass;
  const support = r.splits[split].perClass.support;
  const N = r.splits[split].examples;
  const fp = predicted ? predicted.map((p, c) => p - tp[c]) : tp.map(() => 0);
  const fn = support.map((s, c) => s - tp[c]);
  if (r.task === 'multiclass' && predicted && sum(predicted) !== N)
    fail(`${at('perClass', 'predicted')} adds up to ${sum(predicted)}; expected ${N} (one prediction per example)`);
  const counts: SplitCounts = {
    task: r.task,
    examples: N,
    tp,
    fp,
    fn,
    correct: r.task === 'multiclass' ? sum(tp) : 0,
    hammingErrors: sum(fp) + sum(fn),
    trueLabels: sum(support),
    predLabels: predicted ? sum(predicted) : 0,
    emptyTruth: 0,
    emptyPred: 0,
  };
  const want = computeSplit(counts, r.classes.length).metrics as unknown as Record<string, number | undefined>;
  const fixed = (m: string) =>
    m === 'subset_accuracy' ? false : predicted ? true : m.startsWith('recall_') || m === 'accuracy';
  for (const [m, v] of Object.entries(run.metrics)) {
    const w = want[m];
    if (w === undefined) fail(`${at('metrics', m)} is not a metric of a ${r.task} report`);
    if (fixed(m) && !near(v, w))
      fail(`${at('metrics', m)} is ${show(v)} but the run's counts give ${show(w)}: ${EDITED}`);
  }
  const subset = run.metrics.subset_accuracy;
  if (r.task === 'multilabel' && subset !== undefined) {
    // Examples with an error: at least the most one class got wrong, at most every error apart.
    const most = Math.max(0, ...fn, ...(predicted ? fp : []));
    const [lo, hi] = [predicted ? 1 - Math.min(N, sum(fp) + sum(fn)) / N : 0, 1 - most / N];
    if (subset < lo - FIGURE_TOLERANCE || subset > hi + FIGURE_TOLERANCE)
      fail(
        `${at('metrics', 'subset_accuracy')} is ${show(subset)} but the run's counts bound it to [${show(lo)}, ${show(hi)}]: ${EDITED}`,
      );
  }
}
