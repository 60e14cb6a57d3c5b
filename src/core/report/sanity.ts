// Sanity and split findings from what every report holds (per-class counts, the confusion
// matrix), so they run on prediction files, on model runs and on first runs alike. Per split:
// predictions that are constant or collapsed onto one class, a class never predicted, accuracy
// at or far below chance. Across splits: a class absent from a split where it was expected, and
// class shares that differ between splits beyond what a random split gives. Every finding names
// its class. docs/rules.md gives each one's reason and level.

import { orderSplits, quoteName as quote } from '../compare/format.js';
import { chiSquareSf } from '../stats/special.js';
import type { SanityFinding, SplitReport, Task } from './types.js';

/** Codes computed here; findings with these codes given by a caller (a model run, merged parts) are recomputed. */
export const REPORT_SANITY_CODES: ReadonlySet<string> = new Set([
  'constant-prediction',
  'collapsed',
  'never-predicted',
  'chance-level',
  'below-chance',
  'class-absent',
  'class-shares',
]);

/** Fewest examples of other classes that a constant prediction must get wrong to fail (as classes.catastrophic). */
export const CONSTANT_FAIL_MIN_WRONG = 5;
/** Collapsed: one class takes at least this share of the predictions ... */
export const COLLAPSED_TOP_SHARE = 0.9;
/** ... while the other classes get fewer than this fraction of the predictions their truth share calls for. */
export const COLLAPSED_OTHERS_RATIO = 0.25;
/** Never predicted / collapsed / class-absent: judged only with at least this many examples at stake. */
export const MIN_AT_STAKE = 5;
/** Chance level and below chance need this many examples. */
export const CHANCE_MIN_EXAMPLES = 30;
/** Below chance: this many standard errors under the accuracy of predictions unrelated to the input. */
export const BELOW_CHANCE_Z = 3;
/** Class shares: notable when the total variation distance between two splits is at least this ... */
export const SHARES_MIN_TV = 0.1;
/** ... and a chi-square test of homogeneity rejects a random split at this level. */
export const SHARES_MAX_P = 0.001;
/** Names listed in one message before "and N more". */
const LIST_MAX = 5;

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function namesList(items: string[]): string {
  const shown = items.slice(0, LIST_MAX).join(', ');
  return items.length > LIST_MAX ? `${shown} and ${items.length - LIST_MAX} more` : shown;
}

/** Examples the split's truth holds for each class (multiclass: sums to n). */
function supportOf(s: SplitReport): number[] {
  return s.perClass.support;
}

/** Correct predictions of a multiclass split, from raw counts when present. */
function correctOf(s: SplitReport): number {
  return s.counts?.correct ?? Math.round((s.metrics.accuracy ?? 0) * s.examples);
}

/** Dense C x C confusion counts (row = truth) of a multiclass split, or null when the report holds no dense matrix. */
export function denseConfusion(s: SplitReport, C: number): number[] | null {
  const m = s.confusion;
  if (m?.format === 'dense' && m.counts && m.counts.length === C * C) return m.counts;
  return null;
}

/**
 * A clean one-to-one relabelling in the confusions: each class with examples is mostly predicted
 * as one class, no two classes share a target, and the mapped cells hold most examples. Returns
 * the mapping [truth, predicted] of the classes that move, and the share of examples on mapped cells.
 */
export function classOrderMapping(s: SplitReport, C: number): { moves: [number, number][]; share: number } | null {
  const m = denseConfusion(s, C);
  const n = s.examples;
  if (!m || n === 0) return null;
  const target = new Map<number, number>();
  let onMapped = 0;
  for (let t = 0; t < C; t++) {
    let rowSum = 0;
    let best = -1;
    for (let p = 0; p < C; p++) {
      rowSum += m[t * C + p];
      if (best < 0 || m[t * C + p] > m[t * C + best]) best = p;
    }
    if (rowSum === 0) continue;
    // Mostly one target: more than half of the class's examples.
    if (2 * m[t * C + best] <= rowSum) return null;
    if ([...target.values()].includes(best)) return null;
    target.set(t, best);
    onMapped += m[t * C + best];
  }
  const moves = [...target].filter(([t, p]) => t !== p);
  const share = onMapped / n;
  if (moves.length < 2 || share < 0.5) return null;
  return { moves, share };
}

/** Accuracy of predictions unrelated to the input with the same class frequencies: sum_k p_k q_k. */
function independentAccuracy(s: SplitReport): number {
  const n = s.examples;
  let e = 0;
  for (let k = 0; k < s.perClass.support.length; k++) e += (s.perClass.support[k] / n) * (s.perClass.predicted[k] / n);
  return e;
}

function multiclassFindings(split: string, s: SplitReport, classes: readonly string[]): SanityFinding[] {
  const out: SanityFinding[] = [];
  const n = s.examples;
  const C = classes.length;
  const support = supportOf(s);
  const predicted = s.perClass.predicted;
  const supported = support.filter((c) => c > 0).length;
  if (n === 0 || supported < 2) return out;
  let top = 0;
  for (let k = 1; k < C; k++) if (predicted[k] > predicted[top]) top = k;
  const othersTruth = n - support[top];
  const othersPred = n - predicted[top];
  const constant = othersPred === 0;
  if (constant) {
    out.push({
      level: othersTruth >= CONSTANT_FAIL_MIN_WRONG ? 'fail' : 'warn',
      split,
      code: 'constant-prediction',
      message: `every prediction is ${quote(classes[top])}, though ${othersTruth} of ${n} examples (${pct(othersTruth / n)}) are of other classes`,
    });
  } else if (
    predicted[top] / n >= COLLAPSED_TOP_SHARE &&
    othersTruth >= MIN_AT_STAKE &&
    othersPred < COLLAPSED_OTHERS_RATIO * othersTruth
  ) {
    out.push({
      level: 'warn',
      split,
      code: 'collapsed',
      message: `${pct(predicted[top] / n)} of predictions are ${quote(classes[top])}, the truth for ${pct(support[top] / n)}: the other classes get ${othersPred} predictions for their ${othersTruth} examples`,
    });
  }
  if (!constant) {
    const never = [];
    for (let k = 0; k < C; k++)
      if (predicted[k] === 0 && support[k] >= MIN_AT_STAKE) never.push(`${quote(classes[k])} (${support[k]} examples)`);
    if (never.length)
      out.push({
        level: 'warn',
        split,
        code: 'never-predicted',
        message:
          never.length === 1
            ? `class ${never[0]} is never predicted`
            : `${never.length} classes are never predicted: ${namesList(never)}`,
      });
  }
  if (n < CHANCE_MIN_EXAMPLES || constant) return out;
  const acc = correctOf(s) / n;
  const e = independentAccuracy(s);
  if (acc < e - BELOW_CHANCE_Z * Math.sqrt((e * (1 - e)) / n)) {
    const mapping = classOrderMapping(s, C);
    out.push({
      level: 'fail',
      split,
      code: 'below-chance',
      message:
        `accuracy ${pct(acc)} is far below chance (${pct(e)}, what predictions unrelated to the input score with these class frequencies)` +
        (mapping ? ': the confusions map the classes one-to-one onto others, likely a class-order mismatch' : ''),
    });
    return out;
  }
  // Chance: the better of guessing uniformly and always answering the majority class.
  const majority = Math.max(...support) / n;
  const chance = Math.max(1 / C, majority);
  if (acc < chance + 2 * Math.sqrt((chance * (1 - chance)) / n))
    out.push({
      level: 'warn',
      split,
      code: 'chance-level',
      message: `accuracy ${pct(acc)} is within noise of chance (${pct(chance)}: ${majority > 1 / C ? `always ${quote(classes[support.indexOf(Math.max(...support))])}` : `1/${C}`})`,
    });
  return out;
}

/**
 * Multi-label: the same labels for every example, and micro-F1 no better than predictions that
 * ignore the input, the better of guessing each label at its base rate p (expected micro-F1
 * sum p^2 / sum p) and guessing at the model's own rates q independently (2 sum pq / (sum p + sum q)).
 */
function multilabelFindings(split: string, s: SplitReport, classes: readonly string[]): SanityFinding[] {
  const out: SanityFinding[] = [];
  const n = s.examples;
  const { support, predicted, tp } = s.perClass;
  if (n === 0) return out;
  const always = classes.filter((_, j) => predicted[j] === n);
  if (n >= 2 && predicted.every((q) => q === 0 || q === n)) {
    // Wrong label decisions of the constant set: examples lacking a predicted label plus those holding another.
    let wrong = 0;
    for (let j = 0; j < classes.length; j++) wrong += predicted[j] === n ? n - support[j] : support[j];
    if (wrong > 0)
      out.push({
        level: wrong >= CONSTANT_FAIL_MIN_WRONG ? 'fail' : 'warn',
        split,
        code: 'constant-prediction',
        message: always.length
          ? `every example is predicted the same labels: ${namesList(always.map(quote))}`
          : 'no label is predicted for any example',
      });
  }
  let p = 0;
  let p2 = 0;
  let q = 0;
  let pq = 0;
  let varTp = 0;
  let truePositives = 0;
  for (let j = 0; j < classes.length; j++) {
    const pj = support[j] / n;
    const qj = predicted[j] / n;
    p += pj;
    p2 += pj * pj;
    q += qj;
    pq += pj * qj;
    varTp += n * pj * qj * (1 - pj * qj);
    truePositives += tp[j];
  }
  if (n < CHANCE_MIN_EXAMPLES || p === 0) return out;
  const baseRate = p2 / p;
  const independent = (2 * pq) / (p + q);
  const chance = Math.max(baseRate, independent);
  const f1 = (2 * truePositives) / (n * (p + q));
  // Two standard deviations of micro-F1 under independence (the true-positive count drives it).
  const noise = (2 * 2 * Math.sqrt(varTp)) / (n * (p + q));
  if (f1 < chance + noise)
    out.push({
      level: 'warn',
      split,
      code: 'chance-level',
      message: `micro-F1 ${pct(f1)} is within noise of chance (${pct(chance)}: ${baseRate >= independent ? 'guessing each label at its base rate' : "guessing at the model's own rates, ignoring the input"})`,
    });
  return out;
}

/** A class with no example in a split where its share elsewhere would put at least MIN_AT_STAKE. */
function absentClasses(splits: Record<string, SplitReport>, classes: readonly string[]): SanityFinding[] {
  const names = orderSplits(Object.keys(splits));
  const out: SanityFinding[] = [];
  if (names.length < 2) return out;
  for (const name of names) {
    const s = splits[name];
    const others = names.filter((x) => x !== name);
    const nOther = others.reduce((a, x) => a + splits[x].examples, 0);
    if (nOther === 0) continue;
    for (let k = 0; k < classes.length; k++) {
      if (supportOf(s)[k] > 0) continue;
      const elsewhere = others.reduce((a, x) => a + supportOf(splits[x])[k], 0);
      const expected = (elsewhere / nOther) * s.examples;
      if (expected < MIN_AT_STAKE) continue;
      out.push({
        level: 'warn',
        split: name,
        code: 'class-absent',
        message: `class ${quote(classes[k])} has no example in ${name}, though it is ${pct(elsewhere / nOther)} of the other splits (${elsewhere} of ${nOther}; about ${Math.round(expected)} expected): ${name} cannot measure it`,
      });
    }
  }
  return out;
}

/** Total variation distance and chi-square homogeneity p-value between two splits' class counts. */
export function shareSkew(a: readonly number[], b: readonly number[]): { tv: number; p: number } {
  const na = a.reduce((x, y) => x + y, 0);
  const nb = b.reduce((x, y) => x + y, 0);
  let tv = 0;
  let stat = 0;
  let cells = 0;
  for (let k = 0; k < a.length; k++) {
    tv += Math.abs(a[k] / na - b[k] / nb) / 2;
    const total = a[k] + b[k];
    if (total === 0) continue;
    cells++;
    const ea = (total * na) / (na + nb);
    const eb = (total * nb) / (na + nb);
    stat += (a[k] - ea) ** 2 / ea + (b[k] - eb) ** 2 / eb;
  }
  return { tv, p: cells < 2 ? 1 : chiSquareSf(stat, cells - 1) };
}

/** The pair of splits whose class shares differ most, when notably and beyond a random split. */
function classShares(splits: Record<string, SplitReport>, classes: readonly string[]): SanityFinding[] {
  const names = orderSplits(Object.keys(splits)).filter((x) => splits[x].examples > 0);
  let worst: { a: string; b: string; tv: number; p: number } | null = null;
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const r = shareSkew(supportOf(splits[names[i]]), supportOf(splits[names[j]]));
      if (r.tv >= SHARES_MIN_TV && r.p < SHARES_MAX_P && (!worst || r.tv > worst.tv))
        worst = { a: names[i], b: names[j], ...r };
    }
  if (!worst) return [];
  const w = worst;
  const share = (x: string, k: number) => supportOf(splits[x])[k] / splits[x].examples;
  const order = classes
    .map((_, k) => k)
    .sort((k, l) => Math.abs(share(w.a, l) - share(w.b, l)) - Math.abs(share(w.a, k) - share(w.b, k)))
    .slice(0, 3);
  const rows = order.map((k) => `${quote(classes[k])} ${names.map((x) => `${pct(share(x, k))} ${x}`).join(', ')}`);
  return [
    {
      level: 'info',
      code: 'class-shares',
      message: `class shares differ between ${w.a} and ${w.b} beyond a random split (total variation ${w.tv.toFixed(2)}, chi-square p ${w.p < 1e-4 ? '< 0.0001' : `= ${w.p.toPrecision(2)}`}): ${rows.join('; ')}`,
    },
  ];
}

/** Every finding this module computes for a report's splits (multiclass and multi-label). */
export function reportSanity(
  task: Task,
  classes: readonly string[],
  splits: Record<string, SplitReport>,
): SanityFinding[] {
  const out: SanityFinding[] = [];
  for (const name of orderSplits(Object.keys(splits))) {
    const s = splits[name];
    out.push(...(task === 'multiclass' ? multiclassFindings(name, s, classes) : multilabelFindings(name, s, classes)));
  }
  out.push(...absentClasses(splits, classes));
  if (task === 'multiclass') out.push(...classShares(splits, classes));
  return out;
}

/**
 * The report's findings: what a caller observed (model outputs) without anything this module
 * recomputes, then this module's. A constant raw output (model runs) already says the predictions
 * are constant; its message gains the class instead of a second finding.
 */
export function withReportSanity(
  given: readonly SanityFinding[],
  task: Task,
  classes: readonly string[],
  splits: Record<string, SplitReport>,
): SanityFinding[] {
  const kept = given.filter((f) => !REPORT_SANITY_CODES.has(f.code)).map((f) => ({ ...f }));
  const computed: SanityFinding[] = [];
  for (const f of reportSanity(task, classes, splits)) {
    const raw = kept.find((g) => g.code === 'constant-output' && g.split === f.split);
    if (raw && f.code === 'constant-prediction') raw.message = `${raw.message}: ${f.message}`;
    else computed.push(f);
  }
  return [...kept, ...computed];
}
