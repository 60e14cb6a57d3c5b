// The report's thresholdTuning, gathered during an evaluation: the validation and test splits'
// multi-label scores are counted by their ScoreAccumulator in cells that include the threshold
// cuts 0.000, 0.001, ..., 1.000 (src/core/diagnostics/score-grid.ts), so at the end the per-class
// threshold search of `modelgate thresholds` (src/core/metrics/tune-thresholds.ts) runs on those
// counts, O(classes x bins) memory and no second pass over the scores. Shared by prediction files
// and model runs.

import type { ScoreAccumulator } from '../core/diagnostics/scores.js';
import { ScoreHistograms } from '../core/metrics/score-histograms.js';
import { TUNING_SPLITS, tuningSummary, type TuningSummary } from '../core/metrics/tune-thresholds.js';
import type { Task } from '../core/report/types.js';

export class ThresholdTuning {
  private readonly scores = new Map<string, { counted: ScoreAccumulator; examples: number }>();

  /** `enabled` false (a shard: its report carries the histograms instead, for the merge) gathers nothing. */
  constructor(private readonly enabled = true) {}

  /** A split's scores once read (`examples`: all its examples; every one must have been scored). */
  finished(split: string, counted: ScoreAccumulator, examples: number): void {
    if (this.enabled && (split === TUNING_SPLITS.from || split === TUNING_SPLITS.to))
      this.scores.set(split, { counted, examples });
  }

  /** The summary, when both splits were multi-label probabilities throughout and every threshold is on the grid. */
  summary(
    task: Task,
    classNames: readonly string[],
    threshold: number,
    perClass?: Record<string, number>,
  ): TuningSummary | undefined {
    // Both splits, or no summary (and no histograms summed for one alone).
    if (task !== 'multilabel' || !this.scores.has(TUNING_SPLITS.from) || !this.scores.has(TUNING_SPLITS.to))
      return undefined;
    const [from, to] = [TUNING_SPLITS.from, TUNING_SPLITS.to].map((name) => this.histograms(name));
    if (!from || !to) return undefined;
    const current = classNames.map((n) => (perClass && Object.hasOwn(perClass, n) ? perClass[n] : threshold));
    return tuningSummary({ from, to }, TUNING_SPLITS, current) ?? undefined;
  }

  private histograms(split: string): ScoreHistograms | null {
    const got = this.scores.get(split);
    const counts = got?.counted.tuningCounts();
    if (!got || !counts || counts.examples === 0 || counts.examples !== got.examples) return null;
    const h = new ScoreHistograms(counts.bins);
    h.add(counts);
    return h;
  }
}
