// The report format: what one evaluation of one model on its splits produced.
// Two reports (base and head) are what a comparison reads. Versioned by `schema`;
// every read validates against schema/report.schema.json (see ./validate.ts).

import type { DeflatedData } from './deflated-data.js';
import type { TuningSummary } from '../metrics/tune-thresholds.js';

export const REPORT_SCHEMA = 'modelgate/report@3' as const;
/**
 * Older versions this one still reads (./validate.ts upgrades them in memory): each is the next
 * without its optional fields (report@3 adds the threshold-free metrics' standard errors).
 */
export const OLDER_REPORT_SCHEMAS: readonly string[] = ['modelgate/report@2', 'modelgate/report@1'];

export type Task = 'multiclass' | 'multilabel';

/** The split names between which generalization gaps are computed. */
export const GAP_PAIRS = [
  { name: 'train-validation', minuend: 'train', subtrahend: 'validation' },
  { name: 'validation-test', minuend: 'validation', subtrahend: 'test' },
] as const;
export type GapName = (typeof GAP_PAIRS)[number]['name'];

/**
 * Headline metrics of one split. Every value is a fraction in [0, 1].
 * Multiclass splits have `accuracy`; multi-label splits have `subset_accuracy` and `hamming_loss`.
 */
export interface SplitMetrics {
  accuracy?: number;
  subset_accuracy?: number;
  hamming_loss?: number;
  precision_micro: number;
  recall_micro: number;
  f1_micro: number;
  precision_macro: number;
  recall_macro: number;
  f1_macro: number;
  precision_weighted: number;
  recall_weighted: number;
  f1_weighted: number;
}
export type MetricName = keyof SplitMetrics;

/** Every metric name, in the order reports and comments list them. */
export const METRIC_NAMES: readonly MetricName[] = [
  'accuracy',
  'subset_accuracy',
  'hamming_loss',
  'precision_micro',
  'recall_micro',
  'f1_micro',
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'precision_weighted',
  'recall_weighted',
  'f1_weighted',
];

/** Direction of every metric: a comparison must know whether a rise is good. */
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set(['hamming_loss']);

/** Per-class figures, columnar: index i belongs to report.classes[i]. */
export interface PerClass {
  tp: number[];
  fp: number[];
  fn: number[];
  /** tp + fn: examples whose truth holds the class. */
  support: number[];
  /** tp + fp: examples predicted as the class. */
  predicted: number[];
  precision: number[];
  recall: number[];
  f1: number[];
}

export interface Confusion {
  /** Dense row-major C x C counts (row = truth, column = prediction) when C is small; sparse triples otherwise. */
  format: 'dense' | 'sparse';
  /** dense: C*C counts. */
  counts?: number[];
  /** sparse: [truthIndex, predIndex, count] for non-zero off-diagonal cells, largest first, capped. */
  cells?: [number, number, number][];
  /** Number of off-diagonal cells left out of `cells` by the cap. */
  truncated?: number;
}

/** For each class (by index), its most frequent wrong predictions: [predIndex, count], largest first. */
export type TopConfusions = [number, number][][];

export interface FileFingerprint {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Fingerprints {
  /** sha256 over the sequence of true label names (and ids when given), independent of class order. */
  labels: string;
  files: FileFingerprint[];
}

/**
 * Per-example predictions, kept compactly so that two reports of the same examples can be
 * compared example by example (paired tests, paired bootstrap).
 * Encoded in the report as base64 of deflated little-endian arrays (see ./examples.ts).
 */
export interface EncodedExamples {
  /** 'u8' | 'u16' | 'u32': width of a class index. */
  width: 'u8' | 'u16' | 'u32';
  /** multiclass: truth[n] then pred[n]. multilabel: CSR truth (offsets u32[n+1], indices) then CSR pred. */
  layout: 'multiclass' | 'multilabel-csr';
  n: number;
  /**
   * base64(deflate(bytes)); a report built in this process holds the deflated pieces instead,
   * turned into the base64 as the report is written.
   */
  data: string | DeflatedData;
}

/** Decoded per-example data, in the report's own class index space. */
export type SplitExamples =
  | { task: 'multiclass'; n: number; truth: Uint32Array; pred: Uint32Array }
  | {
      task: 'multilabel';
      n: number;
      truthOffsets: Uint32Array;
      truthIndices: Uint32Array;
      predOffsets: Uint32Array;
      predIndices: Uint32Array;
    };

export interface SplitReport {
  examples: number;
  metrics: SplitMetrics;
  /** Classes with support > 0 that macro averages are taken over, and how many classes were left out. */
  macro: { classes: number; excluded: number };
  perClass: PerClass;
  /** Class distribution of the truth (= support) and of the predictions (= predicted) are in perClass. */
  confusion?: Confusion;
  topConfusions?: TopConfusions;
  /** Multi-label only. */
  multilabel?: { emptyTruth: number; emptyPred: number; meanTrueLabels: number; meanPredLabels: number };
  fingerprints: Fingerprints;
  predictions?: EncodedExamples;
  /**
   * Raw integer counts the headline metrics come from, so nothing needs a float round trip.
   * Multiclass: `correct` (truth == prediction). Multi-label: `subsetCorrect` (exact set match),
   * `hammingErrors` (wrong label decisions), `trueLabels` / `predLabels` (labels summed over examples).
   */
  counts?: RawCounts;
  /** Threshold-free metrics, when the predictions came with probabilities (since report@2). */
  scores?: ScoreMetrics;
  /** A shard's report only: the counts `scores` comes from, which a merge of the shards adds up. */
  scoreCounts?: ScoreCounts;
  /**
   * A shard's report only, in its validation and test splits of multi-label scores: the threshold
   * histograms of the tuning summary (report.thresholdTuning), which a merge of the shards adds up.
   */
  tuningCounts?: TuningCounts;
}

/** Per class, the positives and negatives at each threshold slot: what the tuning summary searches. */
export interface TuningCounts {
  /** Threshold cuts b / bins (the tuning summary's 1,000); slots 0..bins + 1 (score-histograms.ts's binOf). */
  bins: number;
  /** Examples counted: every example of the split. */
  examples: number;
  /** Classes in `data` (report.classes' length). */
  classes: number;
  /** Per class (report.classes' order), [slot, positives, negatives] of each non-empty slot, encoded as ScoreCounts.data. */
  data: string;
}

/**
 * The mergeable counts behind ScoreMetrics (src/core/diagnostics/scores.ts): per class, the
 * positives and negatives in each of `bins` score bins; the log-loss sum and the calibration sums.
 */
export interface ScoreCounts {
  bins: number;
  /** Examples that came with scores. */
  examples: number;
  /** What log-loss and calibration error average over: examples (multiclass), label decisions (multi-label). */
  decisions: number;
  /** Minus the sum of the log-likelihoods. */
  logLossSum: number;
  /** The sum of the squares of the examples' losses (for log-loss's standard error); absent from older shards. */
  lossSquares?: number;
  /**
   * Per calibration bin: scores, the sum of them, true ones; multiclass also the true ones'
   * scores summed and the scores' squares summed (for the calibration error's standard error;
   * absent from older shards).
   */
  ece: { count: number[]; conf: number[]; hit: number[]; hitConf?: number[]; confSq?: number[] };
  /** Classes in `data` (report.classes' length). */
  classes: number;
  /**
   * Per class (report.classes' order): the positives and negatives of each non-empty bin,
   * encoded by src/core/diagnostics/score-counts.ts (base64 of deflated uint32).
   */
  data: string;
}

/**
 * Threshold-free metrics of one split from its scores (src/core/diagnostics/scores.ts). Per-class
 * arrays are indexed like report.classes; null where a value is undefined (no positives, or for
 * ROC-AUC no negatives, or no score column). ROC-AUC and average precision come from per-class
 * histograms of `bins` bins (logarithmic in the score near 0 and in 1 - s near 1): `*Bound` is the largest possible difference to the exact
 * (scikit-learn) value that the binning allows, computed from the histograms.
 */
export interface ScoreMetrics {
  bins: number;
  rocAuc: (number | null)[];
  rocAucBound: (number | null)[];
  averagePrecision: (number | null)[];
  averagePrecisionBound: (number | null)[];
  /** Means over the classes with a value. */
  rocAucMacro: number | null;
  averagePrecisionMacro: number | null;
  /** Multiclass: mean -log p(true class) (sklearn log_loss); multi-label: mean binary cross-entropy over labels. */
  logLoss: number;
  /** Expected calibration error over `eceBins` equal-width confidence bins (top label; every label decision for multi-label). */
  ece: number;
  eceBins: number;
  /**
   * Standard errors, for telling a change from sampling noise (src/core/diagnostics/scores.ts):
   * per class, ROC-AUC's (DeLong's, from the histograms) and average precision's (binomial, Boyd
   * et al. 2013); log-loss's (examples as the unit) and the calibration error's (first order).
   * Absent from reports written before modelgate kept them.
   */
  rocAucSe?: (number | null)[];
  averagePrecisionSe?: (number | null)[];
  logLossSe?: number;
  eceSe?: number;
}

/**
 * Examples that occur in more than one split (src/core/diagnostics/leakage.ts), by the `id`
 * column of prediction files or a hash of the features (model runs).
 */
export interface Leakage {
  key: 'id' | 'features';
  /** 1 when every example was checked; 2^-k when beyond the memory cap only examples whose key starts with k zero bits were (counts are then scaled estimates). */
  sampled: number;
  /** Upper bound on the expected number of false matches from 64-bit key collisions, over every pair. */
  falseMatches: number;
  /** Every pair of splits (earlier, later in evaluation order). */
  pairs: LeakagePair[];
}

export interface LeakagePair {
  /** [earlier, later]. */
  splits: [string, string];
  /** Examples of the later split whose key occurs in the earlier split. */
  count: number;
  /** count / examples of the later split. */
  share: number;
  /** A few of them: their ids (prediction files) or "<split> row N" (model runs, 1-based). */
  examples: string[];
}

export interface RawCounts {
  correct?: number;
  subsetCorrect?: number;
  hammingErrors?: number;
  trueLabels?: number;
  predLabels?: number;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: 'modelgate'; version: string };
  createdAt: string;
  commit?: string;
  /** Free-form origin, e.g. "predictions" or "model:models/pr/model.json". */
  source?: string;
  task: Task;
  classes: string[];
  /** Multi-label decision thresholds used (score >= threshold). */
  thresholds?: { default: number; perClass?: Record<string, number> };
  splits: Record<string, SplitReport>;
  /** Headline metric differences between splits, e.g. gaps['train-validation'].accuracy = train - validation. */
  gaps: Partial<Record<GapName, Partial<Record<MetricName, number>>>>;
  /** Model runs: the model's weight count and the preprocessing applied, so a comparison can say what changed. */
  model?: { parameters?: number; preprocess?: string };
  /**
   * Set on a partial report: shard `index` of `count` (1-based) of a sharded evaluation, holding
   * the examples whose index k has k mod count = index - 1 (src/core/shard.ts). Only a merge of
   * every shard is compared.
   */
  shard?: { index: number; count: number };
  /** Findings about the model and the splits (constant output, a class never predicted, a class absent from a split, ...). */
  sanity?: SanityFinding[];
  /** Examples shared between splits (since report@2). */
  leakage?: Leakage;
  /**
   * Several runs of the same code and data with different seeds (`modelgate merge --replicates`):
   * each run's headline metrics and per-class found per split, this report's own run first. Comparisons add the
   * between-seed spread to the sampling interval (src/core/compare/seeds.ts). Since report@2.
   */
  replicates?: Replicate[];
  /**
   * Multi-label scores on validation and test: what per-class thresholds chosen on validation
   * (`modelgate thresholds`, default objective) would give on test. Since report@2.
   */
  thresholdTuning?: TuningSummary;
}

/** One seed run of a replicated report: where it came from, its headline metrics and what each class found, per split. */
export interface Replicate {
  source?: string;
  createdAt: string;
  splits: Record<
    string,
    {
      examples: number;
      metrics: SplitMetrics;
      /**
       * Examples each class found (tp) and times each was predicted (tp + fp: precision's
       * denominator), indexed like report.classes; absent in replicates merged before they were kept.
       */
      perClass?: { tp: number[]; predicted?: number[] };
    }
  >;
}

export interface SanityFinding {
  /** 'info': shown, never changes the verdict (e.g. class shares that differ between splits). */
  level: 'info' | 'warn' | 'fail';
  split?: string;
  /** Model runs: 'constant-output', 'non-finite', 'not-probabilities'; every report: see REPORT_SANITY_CODES (./sanity.ts). */
  code: string;
  message: string;
}
