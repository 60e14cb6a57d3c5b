// What a comparison of a head report against a base report produces: every judged change,
// why it was judged so, and the verdict. Rendering (Markdown, job summary, status line) and
// the exit code read only this.

import type { GapName, Leakage, SanityFinding, Task } from '../report/types.js';
import type { SeedSpread } from './seeds.js';
import type { ThresholdSuggestion } from './suggestions.js';

export type Verdict = 'pass' | 'warn' | 'fail' | 'no-baseline';
export type Level = 'ok' | 'warn' | 'fail';

/** A two-sided confidence interval on a change (head - base), in the metric's own units (fractions). */
export interface Interval {
  lo: number;
  hi: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

export interface MetricDelta {
  split: string;
  metric: string;
  higherIsBetter: boolean;
  base: number | null;
  head: number | null;
  /** head - base; null when either side is missing. */
  delta: number | null;
  /** Paired-bootstrap interval on delta, when per-example data allowed one. */
  ci?: Interval;
  level: Level;
  /** Plain words, present when level is warn or fail. */
  reason?: string;
  /**
   * 'gate': judged against the limits; 'context': shown and used by the gaps, never warns or
   * fails (train, by default: train-time augmentation and regularization move it on purpose).
   */
  role?: 'gate' | 'context';
  /** Plain words for a worsening that did not warn: "within noise", or why there is no interval. */
  note?: string;
  /** Replicate seeds behind base and head (then base, head and delta are means over the runs, and ci adds their spread). */
  seeds?: SeedSpread;
}

/** A plain-words explanation the renderers show outside <details>, under the section it belongs to. */
export interface Note {
  section: 'headline' | 'gaps' | 'data';
  text: string;
}

export interface GapDelta {
  gap: GapName;
  metric: string;
  higherIsBetter: boolean;
  /** Gap = score(minuend split) - score(subtrahend split), e.g. train - validation. */
  base: number | null;
  head: number | null;
  delta: number | null;
  ci?: Interval;
  level: Level;
  reason?: string;
  /** Plain words for a change that is not a regression (e.g. the gap widened while held-out scores rose). */
  note?: string;
  /** Replicate seeds behind base and head (then base, head and delta are means over the runs, and ci adds their spread). */
  seeds?: SeedSpread;
}

export type ClassStatus =
  | 'regression' // significant and at least the minimum drop
  | 'catastrophic' // found >= k before, none now
  | 'improvement'
  | 'noise' // moved, but not significantly or less than the minimum drop
  | 'unchanged'
  | 'too-few' // even a total loss could not reach significance
  | 'ignored' // configured to be ignored, or support below the minimum
  | 'added' // class only in head
  | 'removed'; // class only in base

export interface ClassTest {
  kind: 'mcnemar' | 'newcombe' | 'threshold';
  /** One-sided p-value for "head's recall is lower". */
  p?: number;
  /** Multiple-comparison adjusted p-value (BH or BY). */
  q?: number;
  /** McNemar discordant counts: b = base found, head missed; c = head found, base missed. */
  b?: number;
  c?: number;
  /** Interval on the recall change (Newcombe), when unpaired. */
  ci?: Interval;
  /** Adjusted p-value of the mirror test ("head's is higher"): the q an improvement is judged on. */
  qUp?: number;
  /**
   * Replicate seeds behind either side (recall): the change as the mean over the runs, its
   * interval with the between-seed spread added, and the spread; p (and the mirror test's) is
   * then no smaller than what that interval gives (src/core/compare/seeds.ts).
   */
  seeds?: SeedSpread & { delta: number; ci: Interval };
}

export interface ClassDelta {
  name: string;
  split: string;
  /** Recall = found / support. */
  base: { found: number; support: number } | null;
  head: { found: number; support: number } | null;
  /** head recall - base recall, null when either side is missing or has no support. */
  delta: number | null;
  test?: ClassTest;
  status: ClassStatus;
  /** The recall judgement alone (status also turns 'regression' when only precision regressed). */
  recallStatus?: ClassStatus;
  /** The row's level: the worse of its recall's and its precision's. */
  level: Level;
  /** The recall judgement's level alone (a catastrophic warning stays one beside a precision failure). */
  recallLevel?: Level;
  /**
   * Precision side, present when the rules ask for it (classes.precision): precision = tp / predicted.
   * Paired test on the class's negatives (b = new false positives in head, c = false positives head dropped).
   * A precision regression also sets the row's status to 'regression' and its level to 'fail'.
   */
  precision?: {
    base: { tp: number; predicted: number } | null;
    head: { tp: number; predicted: number } | null;
    delta: number | null;
    test?: ClassTest;
    status: ClassStatus;
    level: Level;
  };
}

/** The macro recall of the classes whose base support lies in [min, max) ("support band"), base and head. */
export interface BandDelta {
  min: number;
  /** null: no upper edge. */
  max: number | null;
  /** Classes in the band (judged classes with positives on both sides). */
  classes: number;
  /** Their base positives in total. */
  positives: number;
  /** Too few positives for any fall to be significant (see docs/rules.md): shown, never judged. */
  tooFew?: boolean;
  base: number;
  head: number;
  delta: number;
  /** Interval on delta: paired bootstrap, or unpaired when the examples differ (see ClassAggregate.interval). */
  ci?: Interval;
  level: Level;
  /** Plain words, present when level is warn or fail. */
  reason?: string;
}

/** The per-class judgement of one split seen in aggregate: direction counts and support bands. */
export interface ClassAggregate {
  split: string;
  /** Judged classes whose recall fell, rose, or stayed the same. */
  fell: number;
  rose: number;
  unchanged: number;
  /** Exact two-sided sign test on fell vs rose (scipy.stats.binomtest(fell, fell + rose, 0.5)). */
  signP: number;
  /** Bands holding at least one class, lowest support first; empty when bands are off. */
  bands: BandDelta[];
  /** How the band intervals were made, in words. */
  interval: string;
  /** True when the classes fell into fewer than two bands: the one band is the macro recall, judged as a headline metric. */
  oneBand: boolean;
}

/** A likely cause of what the comparison found, where the data supports one (./hints.ts). */
export interface Hint {
  kind: 'class-order' | 'confusions' | 'parameters' | 'preprocess';
  /** The splits it is seen on (class-order, confusions). */
  splits?: string[];
  /** The class it is about (confusions). */
  className?: string;
  /** Plain words; renderers escape it. */
  message: string;
}

export interface SideInfo {
  commit?: string;
  /** Where the report came from: a path, "ref:<sha>:<path>", "evaluated at <sha>", ... */
  source?: string;
  toolVersion?: string;
  createdAt?: string;
}

export interface Comparison {
  schema: 'modelgate/comparison@1';
  verdict: Verdict;
  /** The one or two reasons that matter most, most important first, in plain words. */
  reasons: string[];
  task: Task;
  base: SideInfo | null;
  head: SideInfo;
  splits: { both: string[]; onlyBase: string[]; onlyHead: string[] };
  /** Per split in both: true when the label fingerprints match (the same examples in the same order). */
  sameExamples: Record<string, boolean>;
  /** Per split: which test the per-class judgement used, and why. */
  methods: Record<string, { classTest: ClassTest['kind']; why: string }>;
  headline: MetricDelta[];
  gaps: GapDelta[];
  /** Every class of every judged split. Renderers pick regressions, improvements, too-few, ... */
  classes: ClassDelta[];
  classesAdded: string[];
  classesRemoved: string[];
  /** Count of classes that moved within noise, per split. */
  noise: Record<string, number>;
  /** Per judged split: how many classes fell and rose, and recall by support band. */
  classAggregates?: ClassAggregate[];
  sanity: SanityFinding[];
  /** Likely causes (class-order mismatch, where a regressed class's examples go now, model changes). */
  hints?: Hint[];
  /** The effective rules, so a reader can see what was applied. */
  settings: Record<string, unknown>;
  /** Explanations of the headline and gap judgement and of data differences (see Note). */
  notes?: Note[];
  /** Leakage between splits, threshold-free metrics and threshold effects (./diagnostics.ts). */
  diagnostics?: Diagnostics;
}

export interface Diagnostics {
  /** How the head's examples were keyed for leakage, when they were. */
  leakageKey?: Leakage['key'];
  /** Below 1 when the head's leakage counts are estimates from a sample (report.leakage.sampled). */
  leakageSampled?: number;
  /** Every pair of the head's splits. */
  leakage: LeakageDelta[];
  /** Split-level threshold-free metrics, base and head. */
  scores: ScoreDelta[];
  /** Per-class threshold-free metrics, base and head, every head class of every split with scores (split order, then class order). */
  classScores?: ClassScoreDelta[];
  thresholdEffects: ThresholdEffect[];
  /** Regressed classes whose average precision fell too: their ranking changed, not only the decision. */
  rankingDrops?: ThresholdEffect[];
  /** Per-class thresholds chosen on validation would raise held-out macro recall this much (./suggestions.ts). */
  thresholds?: ThresholdSuggestion;
}

export interface LeakageDelta {
  /** [earlier, later]: examples of the later split also in the earlier one. */
  splits: [string, string];
  /** The base's count for the pair; null when the base had no leakage data (or keyed otherwise). */
  base: number | null;
  head: number;
  /** head / examples of the later split. */
  share: number;
  /** A few leaked examples of the head (ids or "row N"): untrusted text, escape it. */
  examples: string[];
  /** none: no leakage; new / more: more than in the base; same: not more; unknown: no base to tell. */
  status: 'none' | 'new' | 'more' | 'same' | 'unknown';
  level: Level;
  reason?: string;
}

export interface ScoreDelta {
  split: string;
  metric: 'roc_auc_macro' | 'average_precision_macro' | 'log_loss' | 'ece';
  higherIsBetter: boolean;
  base: number | null;
  head: number | null;
  delta: number | null;
  /** Half-width of the change's noise band (z standard errors of the difference); null when unknown. */
  noise: number | null;
  /** Worse by a notable amount, beyond the noise band, on the same examples (shown in the comment). */
  worse: boolean;
}

/** One class's ROC-AUC and average precision on one split (report.splits[split].scores); null where undefined or absent. */
export interface ClassScoreDelta {
  split: string;
  name: string;
  apBase: number | null;
  apHead: number | null;
  /** apHead - apBase; null when either is. */
  apDelta: number | null;
  rocAucBase: number | null;
  rocAucHead: number | null;
}

/** A recall drop whose average precision held: the decisions moved, not the ranking. */
export interface ThresholdEffect {
  split: string;
  /** null: the split's macro recall (headline). */
  className: string | null;
  recallDelta: number;
  apBase: number;
  apHead: number;
  /** Plain words; renderers escape it. */
  text: string;
}
