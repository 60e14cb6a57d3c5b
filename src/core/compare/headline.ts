// Headline metrics and generalization gaps, judged the way a data scientist reads them:
// - held-out splits (validation, test) gate; train is shown for context and feeds the gaps,
//   because augmentation, dropout and other train-time regularization move train on purpose;
// - a change warns only when its bootstrap interval excludes 0 and it is past the warn limit,
//   and fails only when the whole interval is past the fail limit; a point estimate alone
//   (no interval could be had) never fails;
// - a widened train − validation gap is a regression only when a held-out score fell too.

import { GAP_PAIRS, LOWER_IS_BETTER, type Report } from '../report/types.js';
import { percentileInterval } from '../stats/bootstrap.js';
import type { Finding } from './classes.js';
import { pts } from './format.js';
import type { SplitBootstrap, BootMetric } from './resample.js';
import { metricRun, seedAdjusted, type RunValue, type SeedAdjusted } from './seeds.js';
import {
  allowedWorsening,
  chosenSplits,
  gapThreshold,
  headlineThreshold,
  type GateRules,
  type SplitChoice,
  type Threshold,
} from './rules.js';
import type { GapDelta, Interval, Level, MetricDelta, Note } from './types.js';

const EPS = 1e-12;

/** The splits that gate by default; every other split is context. */
export const HELD_OUT: readonly string[] = ['validation', 'test'];

/** Why a split that was bootstrapped still has no interval (fewer than two resamples drew an example). */
const NO_RESAMPLE_WHY = 'too few examples for a bootstrap interval';

/**
 * Per split: its bootstrap (paired, or unpaired when the two reports saw different examples), or
 * why there is none. `changed`: paired, the examples whose prediction changed (fewChanged).
 */
export type Boots = Map<string, { boot: SplitBootstrap; unpaired?: boolean; changed?: number } | { why: string }>;

/** The splits whose headline metrics gate: `configured` when given, else validation and test, else every split. */
export function gateSplits(splits: string[], configured: SplitChoice): string[] {
  const chosen = chosenSplits(splits, configured);
  if (chosen) return chosen;
  const held = splits.filter((s) => HELD_OUT.includes(s));
  return held.length ? held : splits;
}

function metricOf(r: Report | null, split: string, metric: string): number | null {
  const v = r?.splits[split]?.metrics[metric as keyof Report['splits'][string]['metrics']];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : ''}${pts(Math.abs(x))}`;
const showCi = (ci: Interval) => `[${signed(ci.lo)}, ${signed(ci.hi)}]`;
const showLimit = (allowed: number) => `${pts(allowed)} pt limit`;
const levelPct = (ci: Interval) => `${Math.round(ci.level * 100)}%`;

/** Interval on the change (head − base) of `metric` on `split`, from the split's bootstrap. */
function changeInterval(boots: Boots, split: string, metric: string, level: number): Interval | undefined {
  const b = boots.get(split);
  if (!b || !('boot' in b)) return undefined;
  const m = metric as BootMetric;
  const d = b.boot.head[m].map((h, r) => h - b.boot.base[m][r]);
  return reachZero(percentileInterval(d, level) ?? undefined, fewChanged(boots, [split], level));
}

/**
 * The examples that changed prediction on `splits` (paired), when so few that no test on them
 * could be significant even with every one lost: a sign test's smallest two-sided p, 2 * 0.5^k,
 * above 1 - level (5 or fewer at 95%). Null otherwise. The bootstrap misses this: 4 examples of 40
 * lost gave [-20.6, -2.2] pts, where McNemar's exact p is 0.125.
 */
function fewChanged(boots: Boots, splits: string[], level: number): number | null {
  let changed = 0;
  for (const s of splits) {
    const b = boots.get(s);
    if (!b || !('boot' in b) || b.changed === undefined) return null;
    changed += b.changed;
  }
  return changed > 0 && 2 * 0.5 ** changed > 1 - level ? changed : null;
}

/** `ci` extended to 0 when too few examples changed for it to exclude 0 (fewChanged). */
function reachZero(ci: Interval | undefined, few: number | null): Interval | undefined {
  return ci && few !== null ? { ...ci, lo: Math.min(ci.lo, 0), hi: Math.max(ci.hi, 0) } : ci;
}

/** Why some gating splits' intervals were extended to 0 (fewChanged), in one note; null if none were. */
function fewChangedNote(boots: Boots, splits: string[], level: number): Note | null {
  const few = splits.flatMap((s) => {
    const k = fewChanged(boots, [s], level);
    return k === null ? [] : [`${s}: ${k === 1 ? '1 example' : `${k} examples`}`];
  });
  if (few.length === 0) return null;
  return {
    section: 'headline',
    text:
      `Too few examples changed prediction for any change to be significant (${few.join(', ')}), even had ` +
      'every one of them gone the same way: their intervals are extended to 0, so these changes are within noise.',
  };
}

/**
 * The change of `metric` on `split`: its bootstrap interval, and over the seeds when a side has
 * replicates (means, and the interval widened by their spread; ./seeds.ts).
 */
function seededChange(
  base: Report,
  head: Report,
  boots: Boots,
  split: string,
  metric: string,
  level: number,
): { ci?: Interval; seeds: SeedAdjusted | null } {
  const ci = changeInterval(boots, split, metric, level);
  const run = metricRun(split, metric);
  const seeds = seedAdjusted(base, head, run, run, ci, level);
  return { ci: seeds ? seeds.ci : ci, seeds };
}

/** +1: the change is significantly better, -1: significantly worse, 0: the interval includes 0, null: no interval. */
function direction(ci: Interval | undefined, higherIsBetter: boolean): -1 | 0 | 1 | null {
  if (!ci) return null;
  if (ci.lo > EPS) return higherIsBetter ? 1 : -1;
  if (ci.hi < -EPS) return higherIsBetter ? -1 : 1;
  return 0;
}

export interface Judged {
  level: Level;
  /** Present when level is warn or fail. */
  reason?: string;
  /** Present for a worsening past a limit that did not warn (within noise). */
  note?: string;
}

/**
 * Level and words for a change. `worseUp` = a rise is bad; `label` names the quantity; `verb`
 * describes a worsening ("fell", "widened"). With an interval: warn when it excludes 0 and the
 * change is past the warn limit, fail when the whole interval is past the fail limit, otherwise
 * "within noise". Without one (`noCiWhy`): at most a warning that says so.
 */
export function judgeChange(
  delta: number,
  base: number | null,
  worseUp: boolean,
  th: Threshold,
  ci: Interval | undefined,
  label: string,
  verb: string,
  noCiWhy: string | null,
): Judged {
  const worsening = worseUp ? delta : -delta;
  if (!(worsening > EPS)) return { level: 'ok' };
  const text = `${label} ${verb} ${pts(Math.abs(delta))} pts${ci ? ` ${showCi(ci)}` : ''}`;
  const failAt = th.fail ? allowedWorsening(th.fail, base) : null;
  const warnAt = th.warn ? allowedWorsening(th.warn, base) : null;
  const limits = [warnAt, failAt].filter((x): x is number => x !== null);
  if (limits.length === 0) return { level: 'ok' };
  const lowest = Math.min(...limits);
  if (!ci) {
    if (worsening <= lowest + EPS) return { level: 'ok' };
    const why = noCiWhy ?? 'no per-example data';
    return {
      level: 'warn',
      reason: `${text}, past the ${showLimit(lowest)}; no interval (${why}), so a point estimate alone cannot fail`,
    };
  }
  const leastWorsening = worseUp ? ci.lo : -ci.hi;
  if (!(leastWorsening > EPS)) {
    if (worsening <= lowest + EPS) return { level: 'ok' };
    return { level: 'ok', note: text };
  }
  if (failAt !== null && leastWorsening > failAt + EPS)
    return { level: 'fail', reason: `${text}, beyond the ${showLimit(failAt)}` };
  if (failAt !== null && worsening > failAt + EPS)
    return {
      level: 'warn',
      reason: `${text}: past the ${showLimit(failAt)}, but its ${levelPct(ci)} interval reaches back inside the limit`,
    };
  if (warnAt !== null && worsening > warnAt + EPS)
    return { level: 'warn', reason: `${text}, past the ${showLimit(warnAt)}` };
  return { level: 'ok' };
}

function noCiWhy(boots: Boots, split: string): string | null {
  const b = boots.get(split);
  return b && 'why' in b ? b.why : b ? NO_RESAMPLE_WHY : null;
}

/**
 * Headline rows for every split in `gate` (judged) and `context` (shown, never warns or fails),
 * and a note when train fell while the held-out splits held.
 */
export function judgeHeadline(
  base: Report | null,
  head: Report,
  gate: string[],
  context: string[],
  rules: GateRules,
  boots: Boots,
): { rows: MetricDelta[]; findings: Finding[]; notes: Note[] } {
  const rows: MetricDelta[] = [];
  const findings: Finding[] = [];
  const conf = rules.bootstrap.confidence;
  for (const split of [...context, ...gate].filter((s, i, a) => a.indexOf(s) === i)) {
    const role = gate.includes(split) ? 'gate' : 'context';
    for (const metric of rules.headline.metrics) {
      const hv = metricOf(head, split, metric);
      const bv = base ? metricOf(base, split, metric) : null;
      const higherIsBetter = !LOWER_IS_BETTER.has(metric);
      if (!base) {
        if (hv !== null)
          rows.push({ split, metric, higherIsBetter, base: null, head: hv, delta: null, level: 'ok', role });
        continue;
      }
      if (hv === null && bv === null) continue;
      const row: MetricDelta = { split, metric, higherIsBetter, base: bv, head: hv, delta: null, level: 'ok', role };
      rows.push(row);
      if (hv === null || bv === null) continue;
      row.delta = hv - bv;
      const { ci, seeds } = seededChange(base, head, boots, split, metric, conf);
      row.ci = ci;
      if (seeds) Object.assign(row, seeds);
      if (role === 'context') continue;
      const j = judgeChange(
        row.delta,
        bv,
        !higherIsBetter,
        headlineThreshold(rules, split, metric),
        row.ci,
        `${split} ${metric}`,
        higherIsBetter ? 'fell' : 'rose',
        noCiWhy(boots, split),
      );
      row.level = j.level;
      if (j.note) row.note = j.note;
      if (j.reason) {
        row.reason = j.reason;
        findings.push({ level: j.level, category: 2, rank: -Math.abs(row.delta), text: j.reason });
      }
    }
  }
  const notes: Note[] = [];
  const noisy = rows.filter((r) => r.note);
  if (noisy.length) {
    const level = noisy[0].ci ? ` (the ${levelPct(noisy[0].ci)} interval includes 0)` : '';
    notes.push({
      section: 'headline',
      text: `Within noise${level}, not a warning: ${noisy.map((r) => r.note).join('; ')}.`,
    });
  }
  const few = fewChangedNote(boots, gate, conf);
  if (few) notes.push(few);
  const seeded = rows.find((r) => r.seeds && r.role === 'gate') ?? rows.find((r) => r.seeds);
  if (seeded) notes.push({ section: 'headline', text: seedNote(seeded) });
  const train = trainNote(rows, gate);
  if (train) notes.push({ section: 'headline', text: train });
  return { rows, findings, notes };
}

/** What replicate seeds change in the headline rows, with one row's spread as the example. */
function seedNote(r: MetricDelta): string {
  const s = r.seeds!;
  const runs = (k: number) => `${k} run${k === 1 ? '' : 's'}`;
  return (
    `Seeds: base ${runs(s.base)}, head ${runs(s.head)}; the figures are means over the runs and each interval ` +
    `adds the between-seed spread (${r.split} ${r.metric}: SD ${pts(s.sd)} pts between seeds), so what a different seed does is not a change.`
  );
}

/** Train fell significantly while no gating row fell: say why that is not a regression. */
function trainNote(rows: MetricDelta[], gate: string[]): string | null {
  const fell = (r: MetricDelta) =>
    r.delta !== null &&
    (r.ci ? direction(r.ci, r.higherIsBetter) === -1 : r.higherIsBetter ? r.delta < 0 : r.delta > 0);
  const trainFell = rows.filter((r) => r.role === 'context' && r.split === 'train' && r.ci && fell(r));
  if (!trainFell.length || gate.length === 0) return null;
  const gateRows = rows.filter((r) => r.role === 'gate' && r.delta !== null);
  if (!gateRows.length || gateRows.some(fell)) return null;
  const worst = [...trainFell].sort((a, b) => Math.abs(b.delta!) - Math.abs(a.delta!))[0];
  const improved = gateRows.some((r) => direction(r.ci, r.higherIsBetter) === 1);
  const held = `${gate.join(' and ')} ${improved ? 'held or improved' : 'held'}`;
  return (
    `Train fell (${worst.metric} ${signed(worst.delta!)} pts ${showCi(worst.ci!)}) while ${held}: ` +
    'augmentation, dropout or other train-time regularization lowers the scores measured on train, ' +
    'so a train drop alone never fails; the held-out splits decide.'
  );
}

/** Gap = metric(minuend split) - metric(subtrahend split), e.g. train - validation. */
function gapOf(r: Report | null, minuend: string, subtrahend: string, metric: string): number | null {
  const a = metricOf(r, minuend, metric);
  const b = metricOf(r, subtrahend, metric);
  return a === null || b === null ? null : a - b;
}

/** The gap in one run (a report's own, or a replicate). */
function runGap(minuend: string, subtrahend: string, metric: string): RunValue {
  const [a, b] = [metricRun(minuend, metric), metricRun(subtrahend, metric)];
  return (splits) => {
    const [x, y] = [a(splits), b(splits)];
    return x === null || y === null ? null : x - y;
  };
}

/** Interval on the change of a gap: the two splits are resampled independently, resample r of each paired base/head. */
function gapInterval(boots: Boots, minuend: string, subtrahend: string, metric: string, level: number) {
  const b1 = boots.get(minuend);
  const b2 = boots.get(subtrahend);
  if (b1 && 'boot' in b1 && b2 && 'boot' in b2) {
    const m = metric as BootMetric;
    const R = Math.min(b1.boot.resamples, b2.boot.resamples);
    const d = new Float64Array(R);
    const head = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      head[r] = b1.boot.head[m][r] - b2.boot.head[m][r];
      d[r] = head[r] - (b1.boot.base[m][r] - b2.boot.base[m][r]);
    }
    const ci = reachZero(percentileInterval(d, level) ?? undefined, fewChanged(boots, [minuend, subtrahend], level));
    return { ci, headCi: percentileInterval(head, level) ?? undefined, why: ci ? null : NO_RESAMPLE_WHY };
  }
  const w = [b1, b2].find((x) => x && 'why' in x) as { why: string } | undefined;
  return { ci: undefined, headCi: undefined, why: w ? w.why : 'no per-example data for both splits' };
}

/** Whether `split`'s score of `metric` got worse, on the point estimates (no interval to read). */
function pointFell(base: Report, head: Report, split: string, metric: string): boolean {
  const [b, h] = [metricOf(base, split, metric), metricOf(head, split, metric)];
  if (b === null || h === null) return false;
  return LOWER_IS_BETTER.has(metric) ? h - b > EPS : b - h > EPS;
}

/** The held-out splits a gap speaks for: train − validation → validation, test; validation − test → test. */
function heldOutFor(minuend: string, subtrahend: string): string[] {
  return minuend === 'train' ? [subtrahend, ...HELD_OUT.filter((s) => s !== subtrahend)] : [subtrahend];
}

/**
 * "train rose (+1.5 pts)", "validation improved (+0.5 pts)", "test held (−0.3 pts, within noise)";
 * a lower-is-better metric (hamming loss) "improved" or "worsened", never "rose" for better. Without
 * an interval, the point estimate's direction, said to have none.
 */
function movement(split: string, delta: number | null, ci: Interval | undefined, higherIsBetter: boolean): string {
  if (delta === null) return `${split} has no score on one side`;
  const point = Math.abs(delta) <= EPS ? 0 : delta > 0 === higherIsBetter ? 1 : -1;
  const dir = ci ? direction(ci, higherIsBetter) : point;
  const tail = ci ? '' : ', no interval';
  const better = higherIsBetter && split === 'train' ? 'rose' : 'improved';
  if (dir === 1) return `${split} ${better} (${signed(delta)} pts${tail})`;
  if (dir === -1) return `${split} ${worseVerb(higherIsBetter)} (${signed(delta)} pts${tail})`;
  return `${split} held (${signed(delta)} pts${ci ? ', within noise' : tail})`;
}

/** How a score that got worse moved: accuracy "fell", hamming loss "worsened" (it rose). */
const worseVerb = (higherIsBetter: boolean) => (higherIsBetter ? 'fell' : 'worsened');

export function judgeGaps(
  base: Report | null,
  head: Report,
  rules: GateRules,
  boots: Boots,
): { rows: GapDelta[]; findings: Finding[]; notes: Note[] } {
  const rows: GapDelta[] = [];
  const findings: Finding[] = [];
  const notes: Note[] = [];
  const conf = rules.bootstrap.confidence;
  for (const g of GAP_PAIRS) {
    const explained: { metric: string; words: string; worse: boolean }[] = [];
    const below: string[] = [];
    for (const metric of rules.gaps.metrics) {
      const hv = gapOf(head, g.minuend, g.subtrahend, metric);
      const bv = base ? gapOf(base, g.minuend, g.subtrahend, metric) : null;
      // A wider gap is worse for a higher-is-better metric; for hamming loss the gap (train - val) falls as it worsens.
      const lowerBetter = LOWER_IS_BETTER.has(metric);
      const higherIsBetter = lowerBetter;
      if (hv === null && bv === null) continue;
      const row: GapDelta = { gap: g.name, metric, higherIsBetter, base: bv, head: hv, delta: null, level: 'ok' };
      rows.push(row);
      const { ci, headCi, why } = base ? gapInterval(boots, g.minuend, g.subtrahend, metric, conf) : {};
      // Train scoring below validation (augmentation, dropout, noisy train labels) is explained, not scored.
      const trainBelow =
        g.minuend === 'train' &&
        hv !== null &&
        (headCi ? direction(headCi, !lowerBetter) === -1 : lowerBetter ? hv > 0.01 : hv < -0.01);
      if (trainBelow) below.push(`${metric} ${signed(hv!)} pts`);
      if (!base || hv === null || bv === null) continue;
      row.delta = hv - bv;
      row.ci = ci;
      // Over the seeds, like the headline: every run's gap, their means and spread.
      const gapRun = runGap(g.minuend, g.subtrahend, metric);
      const seeds = seedAdjusted(base, head, gapRun, gapRun, ci, conf);
      if (seeds) Object.assign(row, seeds);
      if (trainBelow) continue;
      const j = judgeChange(
        row.delta,
        bv,
        !higherIsBetter,
        gapThreshold(rules, g.name, metric),
        row.ci,
        `${g.name} gap in ${metric}`,
        'widened',
        why ?? null,
      );
      const widenedSignificantly = direction(row.ci, higherIsBetter) === -1;
      // The held-out splits whose score fell significantly: what makes a wider gap matter.
      const fell = widenedSignificantly
        ? heldOutFor(g.minuend, g.subtrahend).filter(
            (s) => direction(seededChange(base, head, boots, s, metric, conf).ci, !lowerBetter) === -1,
          )
        : [];
      const explain = () =>
        explained.push({
          metric,
          words: gapWords(g, metric, row, base, head, boots, conf, fell),
          worse: fell.length > 0,
        });
      // No interval: the rule's condition (a held-out score fell) read on the point estimates.
      if (
        !row.ci &&
        j.level !== 'ok' &&
        !heldOutFor(g.minuend, g.subtrahend).some((s) => pointFell(base, head, s, metric))
      ) {
        explain();
        continue;
      }
      if (j.level === 'ok' || !widenedSignificantly) {
        row.level = j.level;
        if (j.reason) {
          row.reason = j.reason;
          findings.push({ level: j.level, category: 4, rank: -Math.abs(row.delta), text: j.reason });
        }
        if (j.note) row.note = j.note;
        else if (widenedSignificantly) explain();
        continue;
      }
      // Widened significantly and past a limit: a regression only when a held-out score fell too.
      if (fell.length) {
        row.level = j.level;
        row.note = `${fell.join(' and ')} ${worseVerb(!lowerBetter)} too`;
        row.reason = `${j.reason} and ${fell.join(' and ')} ${worseVerb(!lowerBetter)}`;
        findings.push({ level: j.level, category: 4, rank: -Math.abs(row.delta), text: row.reason });
      } else explain();
    }
    // One sentence for the metrics whose held-out scores fell, one for those whose did not.
    for (const worse of [true, false]) {
      const [first, ...rest] = explained.filter((e) => e.worse === worse);
      if (!first) continue;
      const same = rest.length ? ` (the same for ${rest.map((e) => e.metric).join(', ')})` : '';
      notes.push({ section: 'gaps', text: `${first.words}${same}.` });
    }
    if (below.length)
      notes.push({
        section: 'gaps',
        text:
          `Train scores below ${g.subtrahend} in head (${below.join(', ')}): usual when train is measured with ` +
          'augmentation or dropout active, or when its labels are noisier; explained, not scored as a change.',
      });
  }
  return { rows, findings, notes };
}

/**
 * Plain words for a gap that widened significantly without being flagged: nothing generalizes
 * worse when no held-out score fell; when one did (by less than the gap's limit), the head
 * generalizes worse, and the words say so rather than contradict the headline.
 */
function gapWords(
  g: (typeof GAP_PAIRS)[number],
  metric: string,
  row: GapDelta,
  base: Report,
  head: Report,
  boots: Boots,
  conf: number,
  fell: string[],
): string {
  const hib = !LOWER_IS_BETTER.has(metric);
  const move = (s: string) => {
    const b = metricOf(base, s, metric);
    const h = metricOf(head, s, metric);
    const { ci, seeds } = seededChange(base, head, boots, s, metric, conf);
    return movement(s, seeds ? seeds.delta : b === null || h === null ? null : h - b, ci, hib);
  };
  const held = heldOutFor(g.minuend, g.subtrahend).filter((s) => s in head.splits && s in base.splits);
  const label = g.name.replace('-', ' − ');
  return (
    `The ${label} gap in ${metric} widened by ${pts(Math.abs(row.delta!))} pts because ${move(g.minuend)} while ` +
    `${held.map(move).join(' and ')}: ` +
    (fell.length
      ? "the head generalizes worse, by less than the gap's limit"
      : g.minuend === 'validation'
        ? "validation's gain did not carry over to test: validation may read optimistic (a model or setting chosen on it), test is the score to trust"
        : 'nothing generalizes worse')
  );
}
