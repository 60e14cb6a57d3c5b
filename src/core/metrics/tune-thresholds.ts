// Per-class multi-label decision thresholds chosen on one split's score histograms (validation)
// and what they would give on another's (test), against the one global threshold. Candidates are
// the histogram's cuts b / bins (0.001 apart by default), where the counts are exact: the choice is
// the best threshold of that grid, so exact for scores with at most 3 decimals. A threshold
// between two cuts counts differently only the examples of the one bin it falls in: for F1 that
// bounds what the grid can lose by 2 x (examples in that bin) / positives; under a precision floor
// an off-grid threshold can do better by more (test/core/metrics/tune-thresholds.test.ts).

import type { ScoreHistograms } from './score-histograms.js';

export type Objective = { kind: 'recall-at-precision'; minPrecision: number } | { kind: 'f1' };

/** The precision floor of the default objective (the CLI's --min-precision default). */
export const DEFAULT_MIN_PRECISION = 0.5;
export const DEFAULT_OBJECTIVE: Objective = { kind: 'recall-at-precision', minPrecision: DEFAULT_MIN_PRECISION };
/** Below this many validation positives a chosen threshold is mostly noise: the class keeps the global one. */
export const DEFAULT_MIN_POSITIVES = 5;
/** The report's tuning summary chooses thresholds on `from` and checks them on `to`. */
export const TUNING_SPLITS = { from: 'validation', to: 'test' } as const;

export interface TuneOptions {
  objective: Objective;
  /** The current global threshold; must be one of the cuts. */
  globalThreshold: number;
  minPositives: number;
}

export interface ClassThreshold {
  /** The threshold the class gets: tuned, or the global one. */
  threshold: number;
  tuned: boolean;
  /** Why a class keeps the global threshold. */
  kept?: 'few-positives' | 'unreachable';
  positives: number;
}

/** The cut index of threshold t, or -1 when t is not a multiple of 1 / bins. */
export function cutOf(t: number, bins: number): number {
  const b = Math.round(t * bins);
  return b >= 0 && b <= bins && b / bins === t ? b : -1;
}

const f1Of = (tp: number, fp: number, positives: number) =>
  tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (positives - tp));

/**
 * The best cut for one class: the highest recall with precision >= the floor, or the highest F1;
 * among equals the highest threshold (fewest predictions). -1 when no cut reaches the floor.
 */
export function bestCut(tp: Float64Array, fp: Float64Array, positives: number, objective: Objective): number {
  let best = -1;
  let bestValue = -1;
  for (let b = tp.length - 1; b >= 0; b--) {
    let value: number;
    if (objective.kind === 'f1') value = f1Of(tp[b], fp[b], positives);
    else {
      const predicted = tp[b] + fp[b];
      if (predicted === 0 || tp[b] / predicted < objective.minPrecision) continue;
      value = tp[b];
    }
    if (value > bestValue) {
      best = b;
      bestValue = value;
    }
  }
  return best;
}

/** Positives of class c in the histograms (every slot, scores below 0 included). */
export function positivesOf(h: ScoreHistograms, c: number): number {
  return h.positives(c);
}

/** A threshold for every class 0..classes-1, chosen on `validation`. */
export function chooseThresholds(validation: ScoreHistograms, classes: number, o: TuneOptions): ClassThreshold[] {
  const bins = validation.bins;
  if (cutOf(o.globalThreshold, bins) < 0)
    throw new Error(`global threshold ${o.globalThreshold} is not a multiple of 1/${bins}`);
  const out: ClassThreshold[] = [];
  for (let c = 0; c < classes; c++) {
    const positives = positivesOf(validation, c);
    const keep = (kept: ClassThreshold['kept']) => ({ threshold: o.globalThreshold, tuned: false, kept, positives });
    if (positives < Math.max(1, o.minPositives)) {
      out.push(keep('few-positives'));
      continue;
    }
    const b = bestCut(validation.atOrAbove(c, true), validation.atOrAbove(c, false), positives, o.objective);
    out.push(b < 0 ? keep('unreachable') : { threshold: b / bins, tuned: true, positives });
  }
  return out;
}

export interface MacroFigures {
  recall: number;
  precision: number;
  /** Classes with positives in the split: what the macro averages are taken over. */
  classes: number;
}

/**
 * Macro recall and precision on `split` with threshold[c] for class c (each a cut of the
 * histograms), over the classes with positives there, as the report's macro figures are
 * (precision 0 for a class never predicted).
 */
export function macroAt(split: ScoreHistograms, thresholds: readonly number[]): MacroFigures {
  let recall = 0;
  let precision = 0;
  let classes = 0;
  thresholds.forEach((t, c) => {
    const positives = positivesOf(split, c);
    if (positives === 0) return;
    const b = cutOf(t, split.bins);
    if (b < 0) throw new Error(`threshold ${t} of class ${c} is not a multiple of 1/${split.bins}`);
    const tp = split.atOrAbove(c, true)[b];
    const fp = split.atOrAbove(c, false)[b];
    classes++;
    recall += tp / positives;
    precision += tp + fp === 0 ? 0 : tp / (tp + fp);
  });
  return classes === 0
    ? { recall: 0, precision: 0, classes: 0 }
    : { recall: recall / classes, precision: precision / classes, classes };
}

/** What per-class thresholds chosen on one split would give on another (report.thresholdTuning). */
export interface TuningSummary {
  /** The split the thresholds are chosen on, and the one they are checked on. */
  from: string;
  to: string;
  objective: Objective['kind'];
  minPrecision?: number;
  minPositives: number;
  bins: number;
  /** Classes whose threshold would change; the others keep theirs (too few positives, floor unreachable, or already best). */
  classesTuned: number;
  classesKept: number;
  /** Macro figures on `to`: with the thresholds of the evaluation, and with the tuned ones. */
  current: MacroFigures;
  tuned: MacroFigures;
}

/**
 * The default search (DEFAULT_OBJECTIVE, DEFAULT_MIN_POSITIVES) run on `from` and checked on `to`,
 * against `current` (the evaluation's threshold per class); null when a current threshold is off
 * the histogram grid, so no figure can be exact.
 */
export function tuningSummary(
  hist: { from: ScoreHistograms; to: ScoreHistograms },
  names: { from: string; to: string },
  current: readonly number[],
): TuningSummary | null {
  const bins = hist.from.bins;
  if (current.some((t) => cutOf(t, bins) < 0)) return null;
  const objective = DEFAULT_OBJECTIVE;
  const chosen = chooseThresholds(hist.from, current.length, {
    objective,
    globalThreshold: 0,
    minPositives: DEFAULT_MIN_POSITIVES,
  }).map((c, i) => (c.tuned ? c.threshold : current[i]));
  const tuned = chosen.filter((t, i) => t !== current[i]).length;
  return {
    ...names,
    objective: objective.kind,
    ...(objective.kind === 'recall-at-precision' && { minPrecision: objective.minPrecision }),
    minPositives: DEFAULT_MIN_POSITIVES,
    bins,
    classesTuned: tuned,
    classesKept: current.length - tuned,
    current: macroAt(hist.to, current),
    tuned: macroAt(hist.to, chosen),
  };
}
