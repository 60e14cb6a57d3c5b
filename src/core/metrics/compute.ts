// Figures of one split from its raw counts, defined exactly as scikit-learn 1.2 computes them
// (precision_recall_fscore_support with zero_division=0, accuracy_score, hamming_loss), checked
// against it in test/core/metrics/oracle.test.ts.
//
// - micro and weighted averages are over ALL classes of the report (labels=all classes):
//   classes without support weigh 0 in `weighted` and add nothing to `micro`.
// - macro averages are over the classes with support > 0 in this split only, i.e. sklearn's
//   average='macro' with labels=<classes with support>. sklearn's classification_report instead
//   averages over every class seen in truth OR predictions, so a class only ever predicted
//   (recall undefined -> 0) lowers its macro figures but not ours; `macro.excluded` says how many
//   classes were left out.
// - f1 = 2PR / (P + R) from the rounded P and R, as sklearn 1.2 does (0 when P + R = 0).

import { METRIC_NAMES, type PerClass, type SplitMetrics, type SplitReport } from '../report/types.js';
import type { SplitCounts } from './counts.js';

const div = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export type ComputedSplit = Pick<SplitReport, 'examples' | 'metrics' | 'macro' | 'perClass' | 'multilabel' | 'counts'>;

/** Computes every headline and per-class figure for a split of a report with `numClasses` classes. */
export function computeSplit(c: SplitCounts, numClasses: number): ComputedSplit {
  const C = numClasses;
  if (c.tp.length > C) throw new Error(`counts hold ${c.tp.length} classes but the report has ${C}`);
  const at = (a: number[], i: number) => (i < a.length ? a[i] : 0);
  const perClass: PerClass = { tp: [], fp: [], fn: [], support: [], predicted: [], precision: [], recall: [], f1: [] };
  let sumTp = 0;
  let sumFp = 0;
  let sumFn = 0;
  let withSupport = 0;
  const macro = { p: 0, r: 0, f: 0 };
  const weighted = { p: 0, r: 0, f: 0 };
  for (let i = 0; i < C; i++) {
    const tp = at(c.tp, i);
    const fp = at(c.fp, i);
    const fn = at(c.fn, i);
    const support = tp + fn;
    const p = div(tp, tp + fp);
    const r = div(tp, support);
    const f = f1(p, r);
    perClass.tp.push(tp);
    perClass.fp.push(fp);
    perClass.fn.push(fn);
    perClass.support.push(support);
    perClass.predicted.push(tp + fp);
    perClass.precision.push(p);
    perClass.recall.push(r);
    perClass.f1.push(f);
    sumTp += tp;
    sumFp += fp;
    sumFn += fn;
    if (support > 0) {
      withSupport++;
      macro.p += p;
      macro.r += r;
      macro.f += f;
      weighted.p += p * support;
      weighted.r += r * support;
      weighted.f += f * support;
    }
  }
  const totalSupport = sumTp + sumFn;
  const pMicro = div(sumTp, sumTp + sumFp);
  const rMicro = div(sumTp, totalSupport);
  const metrics: SplitMetrics = {
    precision_micro: pMicro,
    recall_micro: rMicro,
    f1_micro: f1(pMicro, rMicro),
    precision_macro: div(macro.p, withSupport),
    recall_macro: div(macro.r, withSupport),
    f1_macro: div(macro.f, withSupport),
    precision_weighted: div(weighted.p, totalSupport),
    recall_weighted: div(weighted.r, totalSupport),
    f1_weighted: div(weighted.f, totalSupport),
  };
  const N = c.examples;
  const out: ComputedSplit = {
    examples: N,
    metrics,
    macro: { classes: withSupport, excluded: C - withSupport },
    perClass,
  };
  if (c.task === 'multiclass') {
    metrics.accuracy = div(c.correct, N);
    out.counts = { correct: c.correct };
  } else {
    metrics.subset_accuracy = div(c.correct, N);
    metrics.hamming_loss = div(c.hammingErrors, N * C);
    out.multilabel = {
      emptyTruth: c.emptyTruth,
      emptyPred: c.emptyPred,
      meanTrueLabels: div(c.trueLabels, N),
      meanPredLabels: div(c.predLabels, N),
    };
    out.counts = {
      subsetCorrect: c.correct,
      hammingErrors: c.hammingErrors,
      trueLabels: c.trueLabels,
      predLabels: c.predLabels,
    };
  }
  // Headline metrics first in a stable order for readable JSON.
  out.metrics = orderMetrics(metrics);
  return out;
}

const ORDER = METRIC_NAMES;

function orderMetrics(m: SplitMetrics): SplitMetrics {
  const out: Partial<SplitMetrics> = {};
  for (const k of ORDER) if (m[k] !== undefined) out[k] = m[k];
  return out as SplitMetrics;
}
