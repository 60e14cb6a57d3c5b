// The diagnostics of a comparison: leakage between splits (new in the head or not), the
// threshold-free metrics of both sides, and recall drops that are threshold effects (the
// decisions moved but the ranking, measured by average precision, did not). Only new leakage
// can change the verdict (rules.leakage); the rest explains what the gate judged.

import type { Leakage, Report, ScoreMetrics } from '../report/types.js';
import type { Finding } from './classes.js';
import { orderSplits, quoteName, pts } from './format.js';
import type { GateRules } from './rules.js';
import { normalQuantile } from '../stats/special.js';
import { thresholdSuggestion } from './suggestions.js';
import type {
  ClassDelta,
  ClassScoreDelta,
  Comparison,
  Diagnostics,
  LeakageDelta,
  ScoreDelta,
  ThresholdEffect,
} from './types.js';

/** Average precision is "unchanged" within this many points (of the binned values). */
export const AP_HELD = 0.01;
/**
 * Binning bounds (both sides') past which the histograms cannot tell a held ranking: hard 0/1
 * scores reach 0.66-0.90, continuous scores on 100,000 examples about 0.017 (see apChange).
 */
export const AP_RESOLVED = 0.05;
/** A macro ROC-AUC or average precision fall beyond this many points is shown as a ranking change. */
export const RANKING_DROP = 0.01;
/** Log-loss rising by more than this share of the base value is shown. */
export const LOG_LOSS_RISE = 0.1;
/** The calibration error rising by more than this many points is shown. */
export const ECE_RISE = 0.02;

export function judgeDiagnostics(
  base: Report | null,
  head: Report,
  cmp: Comparison,
  rules: GateRules,
): { diagnostics: Diagnostics; findings: Finding[] } {
  const leak = leakageDeltas(base, head, rules);
  const z = normalQuantile(1 - (1 - rules.bootstrap.confidence) / 2);
  const scores = scoreDeltas(base, head, cmp, z);
  const { effects: thresholdEffects, rankingDrops } = base
    ? thresholdEffectsOf(base, head, cmp)
    : { effects: [], rankingDrops: [] };
  const diagnostics: Diagnostics = { leakage: leak.rows, scores, thresholdEffects, rankingDrops };
  const classScores = classScoreDeltas(base, head);
  if (classScores.length) diagnostics.classScores = classScores;
  const thresholds = thresholdSuggestion(head);
  if (thresholds) diagnostics.thresholds = thresholds;
  if (head.leakage) diagnostics.leakageKey = head.leakage.key;
  if (head.leakage && head.leakage.sampled < 1) diagnostics.leakageSampled = head.leakage.sampled;
  return { diagnostics, findings: leak.findings };
}

function pairKey(p: { splits: [string, string] }): string {
  return JSON.stringify(p.splits);
}

/** Leakage per pair of splits of the head, against the base's pair; new or grown leakage is a finding. */
function leakageDeltas(
  base: Report | null,
  head: Report,
  rules: GateRules,
): { rows: LeakageDelta[]; findings: Finding[] } {
  const rows: LeakageDelta[] = [];
  const findings: Finding[] = [];
  if (!head.leakage) return { rows, findings };
  const before = new Map((base?.leakage?.pairs ?? []).map((p) => [pairKey(p), p]));
  const comparable = !!base?.leakage && base.leakage.key === head.leakage.key;
  for (const p of head.leakage.pairs) {
    const b = comparable ? before.get(pairKey(p)) : undefined;
    const baseCount = b ? b.count : null;
    const grew = p.count > 0 && comparable && (baseCount === null || p.count > baseCount);
    const limit = rules.leakage;
    const level = limit.level === 'off' ? null : limit.level;
    const judged = grew && level !== null && p.share > limit.minShare;
    const row: LeakageDelta = {
      splits: p.splits,
      base: baseCount,
      head: p.count,
      share: p.share,
      examples: p.examples,
      status: p.count === 0 ? 'none' : !comparable ? 'unknown' : grew ? (baseCount ? 'more' : 'new') : 'same',
      level: judged ? level : 'ok',
    };
    if (judged) {
      row.reason = `${leakWords(p, head.leakage)}${baseCount ? ` (base: ${baseCount})` : ' (none in the base)'}: the ${p.splits[1]} scores are optimistic`;
      findings.push({ level: level!, category: 0, rank: -p.share, text: row.reason });
    }
    rows.push(row);
  }
  return { rows, findings };
}

/** "12 examples of test (1.2%) also occur in train, by id". */
export function leakWords(p: { splits: [string, string]; count: number; share: number }, l: Leakage): string {
  const est = l.sampled < 1 ? 'about ' : '';
  return `${est}${p.count} example${p.count === 1 ? '' : 's'} of ${p.splits[1]} (${pts(p.share)}%) also occur${p.count === 1 ? 's' : ''} in ${p.splits[0]}, by ${l.key === 'id' ? 'id' : 'identical features'}`;
}

const METRICS: {
  metric: ScoreDelta['metric'];
  higherIsBetter: boolean;
  of: (s: ScoreMetrics) => number | null;
  se: (s: ScoreMetrics) => number | null;
}[] = [
  { metric: 'roc_auc_macro', higherIsBetter: true, of: (s) => s.rocAucMacro, se: (s) => macroSe(s.rocAuc, s.rocAucSe) },
  {
    metric: 'average_precision_macro',
    higherIsBetter: true,
    of: (s) => s.averagePrecisionMacro,
    se: (s) => macroSe(s.averagePrecision, s.averagePrecisionSe),
  },
  { metric: 'log_loss', higherIsBetter: false, of: (s) => s.logLoss, se: (s) => s.logLossSe ?? null },
  { metric: 'ece', higherIsBetter: false, of: (s) => s.ece, se: (s) => s.eceSe ?? null },
];

/**
 * A macro average's standard error from its classes' (those with a value, as the mean takes): at
 * most the mean of theirs, whatever their correlation (Cauchy-Schwarz: the variance of a mean is
 * at most the square of the mean standard error). Taken at that bound: one example is hard for
 * several labels at once, and a review measured the independent-classes value, sqrt(sum se^2) / k,
 * 2.8x below a bootstrap over the examples on correlated multi-label scores. Null when a class
 * with a value has no standard error (a report from before they were kept).
 */
export function macroSe(values: (number | null)[], ses: (number | null)[] | undefined): number | null {
  if (!ses) return null;
  let sum = 0;
  let k = 0;
  for (let c = 0; c < values.length; c++) {
    if (values[c] === null) continue;
    const se = ses[c];
    if (se === null || se === undefined) return null;
    sum += se;
    k++;
  }
  return k ? sum / k : null;
}

/**
 * Half the width of a change's noise band: z standard errors of the difference of two values
 * measured on the same examples, taken as if independent (sqrt(se_b^2 + se_h^2): larger than the
 * paired one when the two models err on the same examples, so a change called beyond it is
 * beyond noise). With one side's standard error unknown (an older report), the other's stands
 * for both; null when neither is known.
 */
export function noiseBand(seBase: number | null, seHead: number | null, z: number): number | null {
  if (seBase === null && seHead === null) return null;
  const b = seBase ?? seHead!;
  const h = seHead ?? seBase!;
  return z * Math.sqrt(b * b + h * h);
}

/** Is this change of a threshold-free metric worth a reviewer's attention? */
function notable(metric: ScoreDelta['metric'], base: number, head: number): boolean {
  if (metric === 'log_loss') return head - base > LOG_LOSS_RISE * base && head - base > 0.01;
  if (metric === 'ece') return head - base > ECE_RISE;
  return base - head > RANKING_DROP;
}

/** The split-level threshold-free metrics of both sides, every split that has them. */
function scoreDeltas(base: Report | null, head: Report, cmp: Comparison, z: number): ScoreDelta[] {
  const rows: ScoreDelta[] = [];
  for (const split of orderSplits(Object.keys(head.splits))) {
    const hs = head.splits[split];
    const bs = base?.splits[split]?.scores ?? null;
    const h = hs.scores ?? null;
    if (!h && !bs) continue;
    const same = cmp.sameExamples[split] === true;
    // A context split (train, when held-out splits gate): regularization or augmentation raise its
    // log-loss and calibration error on purpose, so a change there is shown, never called worse.
    const context = cmp.headline.some((r) => r.split === split && r.role === 'context');
    for (const m of METRICS) {
      const bv = bs ? m.of(bs) : null;
      const hv = h ? m.of(h) : null;
      const delta = bv !== null && hv !== null ? hv - bv : null;
      const noise = bs && h ? noiseBand(m.se(bs), m.se(h), z) : null;
      // Worse only by a notable amount and beyond the sampling noise of both values: seeds of one
      // MLP moved log-loss past the 10% cut-off in 29% of pairs (`npm run bench -- judgement`).
      const beyondNoise = delta !== null && (noise === null || Math.abs(delta) > noise);
      rows.push({
        split,
        metric: m.metric,
        higherIsBetter: m.higherIsBetter,
        base: bv,
        head: hv,
        delta,
        noise,
        worse: same && !context && bv !== null && hv !== null && notable(m.metric, bv, hv) && beyondNoise,
      });
    }
  }
  return rows;
}

/** Per-class ROC-AUC and average precision of both sides, for every head class of every split with scores. */
function classScoreDeltas(base: Report | null, head: Report): ClassScoreDelta[] {
  const rows: ClassScoreDelta[] = [];
  const bIdx = new Map((base?.classes ?? []).map((n, i) => [n, i]));
  for (const split of orderSplits(Object.keys(head.splits))) {
    const hs = head.splits[split].scores;
    if (!hs) continue;
    const bs = base?.splits[split]?.scores ?? null;
    head.classes.forEach((name, hi) => {
      const bi = bIdx.get(name);
      const apBase = bs && bi !== undefined ? (bs.averagePrecision[bi] ?? null) : null;
      const apHead = hs.averagePrecision[hi] ?? null;
      rows.push({
        split,
        name,
        apBase,
        apHead,
        apDelta: apBase !== null && apHead !== null ? apHead - apBase : null,
        rocAucBase: bs && bi !== undefined ? (bs.rocAuc[bi] ?? null) : null,
        rocAucHead: hs.rocAuc[hi] ?? null,
      });
    });
  }
  return rows;
}

/**
 * Recall regressions (per class and headline) whose average precision held on the same examples.
 * The macro claim needs the ranking intact for every class whose recall fell: a macro average
 * precision can hold while one class's collapses (diluted by the others), and that class's drop
 * is then a ranking one. (Classes that received the moved examples may lose a little precision
 * ranking; that is the shift itself, not a reason to doubt it.)
 */
function thresholdEffectsOf(
  base: Report,
  head: Report,
  cmp: Comparison,
): { effects: ThresholdEffect[]; rankingDrops: ThresholdEffect[] } {
  const out: ThresholdEffect[] = [];
  const rankingDrops: ThresholdEffect[] = [];
  const bIdx = new Map(base.classes.map((n, i) => [n, i]));
  const hIdx = new Map(head.classes.map((n, i) => [n, i]));
  const effect = effectPhrase(cmp.task);
  for (const split of cmp.splits.both) {
    const bs = base.splits[split].scores;
    const hs = head.splits[split].scores;
    if (!bs || !hs || !cmp.sameExamples[split]) continue;
    // Average precision averages over every threshold, so it can rise while the ranking near the
    // operating point gets worse: a class's ranking holds only when its ROC-AUC did not fall too
    // (AP rose 0.642 -> 0.759 while ROC-AUC fell 0.904 -> 0.830, and no threshold of the head got
    // back the base's recall at its precision). A fall of either is a ranking loss; AP holding or
    // rising with an AUC fall is no claim at all.
    const classAp = (name: string): ApChange | null => {
      const bi = bIdx.get(name);
      const hi = hIdx.get(name);
      if (bi === undefined || hi === undefined) return null;
      const apMove = apChange(
        bs.averagePrecision[bi],
        bs.averagePrecisionBound[bi],
        hs.averagePrecision[hi],
        hs.averagePrecisionBound[hi],
      );
      const aucMove = apChange(bs.rocAuc[bi], bs.rocAucBound[bi], hs.rocAuc[hi], hs.rocAucBound[hi]);
      return apMove === 'fell' || aucMove !== 'fell' ? apMove : null;
    };
    const macro = cmp.headline.find((r) => r.split === split && r.metric === 'recall_macro');
    const fallers = cmp.classes
      .filter((c) => c.split === split && c.delta !== null && c.delta < 0 && bIdx.has(c.name) && hIdx.has(c.name))
      .map((c) => classAp(c.name));
    const fallersHeld = fallers.every(notWorse);
    const held = fallers.includes('rose') ? 'held or rose' : 'held';
    if (
      macro &&
      macro.level !== 'ok' &&
      fallersHeld &&
      notWorse(apChange(bs.averagePrecisionMacro, meanBound(bs), hs.averagePrecisionMacro, meanBound(hs)))
    )
      out.push({
        split,
        className: null,
        recallDelta: macro.delta!,
        apBase: bs.averagePrecisionMacro!,
        apHead: hs.averagePrecisionMacro!,
        text: `${split}: macro recall fell ${pts(-macro.delta!)} pts while the average precision of every class that fell ${held} (macro ${ap(bs.averagePrecisionMacro!)} → ${ap(hs.averagePrecisionMacro!)}): ${effect}, not a ranking regression`,
      });
    for (const c of cmp.classes) {
      if (c.split !== split || !recallFell(c)) continue;
      const change = classAp(c.name);
      if (change === null) continue;
      const [b, h] = [bs.averagePrecision[bIdx.get(c.name)!], hs.averagePrecision[hIdx.get(c.name)!]];
      if (change === 'fell') {
        rankingDrops.push({
          split,
          className: c.name,
          recallDelta: c.delta!,
          apBase: b!,
          apHead: h!,
          text: `${split}: ${quoteName(c.name)} also lost ranking: its average precision fell ${ap(b!)} → ${ap(h!)}, so its scores order its examples worse (${rankingCause(cmp.task)})`,
        });
        continue;
      }
      out.push({
        split,
        className: c.name,
        recallDelta: c.delta!,
        apBase: b!,
        apHead: h!,
        text: `${split}: recall of ${cmp.task === 'multilabel' ? 'label' : 'class'} ${quoteName(c.name)} fell ${pts(-c.delta!)} pts while its average precision ${change} (${ap(b!)} → ${ap(h!)}): ${effect}, not a ranking regression`,
      });
    }
  }
  return { effects: out, rankingDrops };
}

/** What a recall drop with the ranking intact is: the decision moved. */
export function effectPhrase(task: Comparison['task']): string {
  return task === 'multilabel' ? 'a threshold effect' : 'a shift between classes at the arg-max';
}

/**
 * What a ranking loss points at: for a sigmoid label (its AP unmoved by its own bias), what the
 * model learned; for a softmax class, not necessarily (another class's prior lowers it too).
 */
export function rankingCause(task: Comparison['task']): string {
  return task === 'multilabel'
    ? 'what the model learned changed, not only the decision'
    : "not only the arg-max's decision; in a softmax a shift of another class's prior lowers it too";
}

/** How average precision moved, beyond what the binning can tell apart (apChange). */
type ApChange = 'fell' | 'held' | 'rose';

/** Held or rose: the ranking is no worse, so a recall drop is the decision's. */
const notWorse = (c: ApChange | null): boolean => c === 'held' || c === 'rose';

/**
 * How average precision moved. `fell` or `rose`: the binned values moved by more than AP_HELD
 * plus the two binning bounds, so the exact ones moved past AP_HELD too, whatever the order inside
 * the bins. `held`: the binned values moved by at most AP_HELD, both sides binned alike, so the
 * ranking held at the histograms' resolution (a bin is 1.1% of the score, or of 1 - s): a loss
 * confined to examples whose scores differ by less than that is no ranking regression a
 * threshold could not undo. Between the two, no claim. Null too when unknown (a side without it),
 * and no `held` when the bounds pass AP_RESOLVED: hard 0/1 scores (an unpruned tree, a one-hot export, a
 * collapsed model) leave the histogram no ranking to measure (bounds of 0.66-0.90). (The bounds
 * are worst cases over the order inside each bin and do not shrink with the examples: on the
 * speed bench's 100,000 x 485 long tail their median is 0.0085 a side, and requiring them below
 * AP_HELD, as this did, left 481 of its 485 labels without a claim either way.) A rise with a
 * recall drop is the clearest threshold effect: the class's examples are ranked better, and
 * fewer are predicted. No noise band here, unlike the split-level lines: these claims only explain a recall
 * regression already judged significant, and the unpaired band (the report holds no
 * per-example scores to pair) is too wide for one class: the demo's digit 8, whose AP fell
 * 0.987 -> 0.894 on 35 positives with its recall 32/35 -> 18/35, would have had a band of
 * ±0.108 and no explanation (docs/rules.md).
 */
function apChange(b: number | null, bBound: number | null, h: number | null, hBound: number | null): ApChange | null {
  if (b === null || h === null) return null;
  const bounds = (bBound ?? 0) + (hBound ?? 0);
  if (h - b < -(AP_HELD + bounds)) return 'fell';
  if (h - b > AP_HELD + bounds) return 'rose';
  return Math.abs(h - b) <= AP_HELD && bounds <= AP_RESOLVED ? 'held' : null;
}

/** The macro average precision's binning bound: the mean of its classes' (a mean's error is at most the mean error). */
function meanBound(s: { averagePrecisionBound: (number | null)[] }): number {
  const known = s.averagePrecisionBound.filter((x): x is number => x !== null);
  return known.length ? known.reduce((a, x) => a + x, 0) / known.length : 0;
}

function recallFell(c: ClassDelta): boolean {
  const s = c.recallStatus ?? c.status;
  return (s === 'regression' || s === 'catastrophic') && c.delta !== null && c.delta < 0;
}

const ap = (x: number) => x.toFixed(3);
