// Builds small but complete Reports from per-example arrays, for the comparison engine's tests
// and the gate simulation. Metrics follow the report definitions (sklearn, zero_division=0,
// macro over classes with support > 0); the label fingerprint is a hash of the truth by name.

import { createHash } from 'node:crypto';
import { encodeExamples } from '../../src/core/report/examples.js';
import { REPORT_SCHEMA, type PerClass, type Report, type SplitExamples, type SplitMetrics, type SplitReport, type Task } from '../../src/core/report/types.js';

const div = (a: number, b: number) => (b > 0 ? a / b : 0);

export function splitFromExamples(
  ex: SplitExamples,
  classes: readonly string[],
  encode = true,
  fingerprint?: string,
): SplitReport {
  const C = classes.length;
  const tpA = new Float64Array(C),
    fpA = new Float64Array(C),
    fnA = new Float64Array(C);
  let exact = 0;
  let ham = 0;
  const hash = createHash('sha256');
  if (ex.task === 'multiclass') {
    for (let i = 0; i < ex.n; i++) {
      const t = ex.truth[i],
        p = ex.pred[i];
      if (t === p) {
        tpA[t]++;
        exact++;
      } else {
        fnA[t]++;
        fpA[p]++;
      }
    }
    // Fingerprint over names, so a report with reordered classes fingerprints the same.
    if (fingerprint === undefined) for (let i = 0; i < ex.n; i++) hash.update(classes[ex.truth[i]] + '\n');
  } else {
    for (let i = 0; i < ex.n; i++) {
      const T = new Set(ex.truthIndices.subarray(ex.truthOffsets[i], ex.truthOffsets[i + 1]));
      const P = new Set(ex.predIndices.subarray(ex.predOffsets[i], ex.predOffsets[i + 1]));
      let err = 0;
      for (const k of T)
        if (P.has(k)) tpA[k]++;
        else {
          fnA[k]++;
          err++;
        }
      for (const k of P)
        if (!T.has(k)) {
          fpA[k]++;
          err++;
        }
      if (err === 0) exact++;
      ham += err;
      hash.update(
        [...T]
          .map((k) => classes[k])
          .sort()
          .join('\t') + '\n',
      );
    }
  }
  const tp = Array.from(tpA),
    fp = Array.from(fpA),
    fn = Array.from(fnA);
  const perClass: PerClass = { tp, fp, fn, support: [], predicted: [], precision: [], recall: [], f1: [] };
  let k = 0,
    S = 0,
    pM = 0,
    rM = 0,
    fM = 0,
    pW = 0,
    rW = 0,
    fW = 0;
  for (let c = 0; c < C; c++) {
    const support = tp[c] + fn[c];
    const pr = div(tp[c], tp[c] + fp[c]);
    const rc = div(tp[c], support);
    const f1 = pr + rc > 0 ? (2 * pr * rc) / (pr + rc) : 0;
    perClass.support.push(support);
    perClass.predicted.push(tp[c] + fp[c]);
    perClass.precision.push(pr);
    perClass.recall.push(rc);
    perClass.f1.push(f1);
    if (support > 0) {
      k++;
      S += support;
      pM += pr;
      rM += rc;
      fM += f1;
      pW += support * pr;
      rW += support * rc;
      fW += support * f1;
    }
  }
  const TP = tp.reduce((a, b) => a + b, 0),
    FP = fp.reduce((a, b) => a + b, 0),
    FN = fn.reduce((a, b) => a + b, 0);
  const pMi = div(TP, TP + FP),
    rMi = div(TP, TP + FN);
  const metrics: SplitMetrics = {
    precision_micro: pMi,
    recall_micro: rMi,
    f1_micro: pMi + rMi > 0 ? (2 * pMi * rMi) / (pMi + rMi) : 0,
    precision_macro: div(pM, k),
    recall_macro: div(rM, k),
    f1_macro: div(fM, k),
    precision_weighted: div(pW, S),
    recall_weighted: div(rW, S),
    f1_weighted: div(fW, S),
  };
  if (ex.task === 'multiclass') metrics.accuracy = div(exact, ex.n);
  else {
    metrics.subset_accuracy = div(exact, ex.n);
    metrics.hamming_loss = div(ham, ex.n * C);
  }
  return {
    examples: ex.n,
    metrics,
    macro: { classes: k, excluded: C - k },
    perClass,
    fingerprints: { labels: fingerprint ?? hash.digest('hex'), files: [] },
    ...(encode ? { predictions: encodeExamples(ex, C) } : {}),
  };
}

export function makeReport(
  task: Task,
  classes: readonly string[],
  splits: Record<string, SplitExamples>,
  opts: { encode?: boolean; commit?: string } = {},
): Report {
  const out: Report = {
    schema: REPORT_SCHEMA,
    tool: { name: 'modelgate', version: 'test' },
    createdAt: '2026-01-01T00:00:00Z',
    commit: opts.commit,
    task,
    classes: [...classes],
    splits: {},
    gaps: {},
  };
  for (const [name, ex] of Object.entries(splits))
    out.splits[name] = splitFromExamples(ex, classes, opts.encode ?? true);
  return out;
}

/** A multiclass split from plain arrays. */
export function mc(truth: ArrayLike<number>, pred: ArrayLike<number>): SplitExamples {
  return { task: 'multiclass', n: truth.length, truth: Uint32Array.from(truth), pred: Uint32Array.from(pred) };
}

/** A multi-label split from lists of label sets. */
export function ml(truth: number[][], pred: number[][]): SplitExamples {
  const csr = (rows: number[][]) => {
    const off = new Uint32Array(rows.length + 1);
    rows.forEach((r, i) => (off[i + 1] = off[i] + r.length));
    return { off, idx: Uint32Array.from(rows.flatMap((r) => [...r].sort((a, b) => a - b))) };
  };
  const t = csr(truth),
    p = csr(pred);
  return {
    task: 'multilabel',
    n: truth.length,
    truthOffsets: t.off,
    truthIndices: t.idx,
    predOffsets: p.off,
    predIndices: p.idx,
  };
}

/** The same split seen through a report whose classes are listed in another order: old index -> new index. */
export function remapSplit(ex: SplitExamples, perm: readonly number[]): SplitExamples {
  if (ex.task === 'multiclass')
    return { ...ex, truth: ex.truth.map((k) => perm[k]), pred: ex.pred.map((k) => perm[k]) };
  return { ...ex, truthIndices: ex.truthIndices.map((k) => perm[k]), predIndices: ex.predIndices.map((k) => perm[k]) };
}
