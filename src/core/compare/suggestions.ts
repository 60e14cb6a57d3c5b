// Suggestions the comment makes from the head report alone, where its own figures support them.
// Per-class thresholds: when thresholds chosen on validation would raise the test macro recall by
// SUGGEST_MIN_GAIN or more (report.thresholdTuning, measured during the evaluation), the comment
// says by how much and at what precision cost, and names the command (docs/rules.md).

import type { Report } from '../report/types.js';
import { pts } from './format.js';

/**
 * 2 points of macro recall on held-out data: twice the smallest headline drop the default rules
 * warn about (1 point), and over three times the between-seed spread of macro recall on the
 * judgement runs (SD 0.4 to 0.6 points, fixtures/replicates/oracle.json), so the gain is not what a
 * different seed would give anyway.
 */
export const SUGGEST_MIN_GAIN = 0.02;

export interface ThresholdSuggestion {
  /** Chosen on `from`, measured on `to`. */
  from: string;
  to: string;
  objective: string;
  minPrecision?: number;
  classesTuned: number;
  recall: { current: number; tuned: number };
  precision: { current: number; tuned: number };
}

export function thresholdSuggestion(head: Report): ThresholdSuggestion | null {
  const t = head.thresholdTuning;
  if (!t || t.classesTuned === 0 || !(t.tuned.recall - t.current.recall >= SUGGEST_MIN_GAIN - 1e-12)) return null;
  if (sameExamples(head, t.from, t.to)) return null;
  return {
    from: t.from,
    to: t.to,
    objective: t.objective,
    ...(t.minPrecision !== undefined && { minPrecision: t.minPrecision }),
    classesTuned: t.classesTuned,
    recall: { current: t.current.recall, tuned: t.tuned.recall },
    precision: { current: t.current.precision, tuned: t.tuned.precision },
  };
}

/**
 * Whether two splits hold the same examples (the same labels in the same order, or the same
 * files): thresholds chosen on one and measured on the other then gain nothing held out (the
 * same file given as validation and test showed "+10.4 pts" on test).
 */
function sameExamples(r: Report, a: string, b: string): boolean {
  const [fa, fb] = [r.splits[a]?.fingerprints, r.splits[b]?.fingerprints];
  if (!fa || !fb) return false;
  const files = (f: typeof fa) => f.files.map((x) => x.sha256).join(',');
  return fa.labels === fb.labels || (fa.files.length > 0 && files(fa) === files(fb));
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The suggestion in plain words (the comment's Diagnostics section). */
export function suggestionText(s: ThresholdSuggestion): string {
  const goal =
    s.objective === 'f1' ? 'the highest F1' : `the highest recall at precision ≥ ${pct(s.minPrecision ?? 0)}`;
  const dp = s.precision.tuned - s.precision.current;
  return (
    `Per-class thresholds would raise ${s.to} macro recall from ${pct(s.recall.current)} to ${pct(s.recall.tuned)} ` +
    `(+${pts(s.recall.tuned - s.recall.current)} pts; macro precision ${pct(s.precision.current)} → ${pct(s.precision.tuned)}, ` +
    `${dp >= 0 ? '+' : '−'}${pts(Math.abs(dp))} pts), with a threshold of its own for ${s.classesTuned} ` +
    `class${s.classesTuned === 1 ? '' : 'es'} chosen on ${s.from} for ${goal}. ` +
    `Run modelgate thresholds --split ${s.from}=… --split ${s.to}=… --out thresholds.json and give the file as per-class-threshold.`
  );
}
