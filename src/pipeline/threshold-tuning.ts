// The report's thresholdTuning, gathered during an evaluation: the validation and test splits'
// multi-label scores go into per-class histograms (O(classes x bins) memory) as they are read,
// and at the end the per-class threshold search of `modelgate thresholds` runs on them
// (src/core/metrics/tune-thresholds.ts). Shared by prediction files and model runs.

import { ScoreHistograms } from '../core/metrics/score-histograms.js';
import { tuningSummary, type TuningSummary } from '../core/metrics/tune-thresholds.js';
import type { Task } from '../core/report/types.js';

/** Thresholds are chosen on `from` and checked on `to`. */
export const TUNING_SPLITS = { from: 'validation', to: 'test' } as const;

export class ThresholdTuning {
  private readonly hist = new Map<string, ScoreHistograms>();
  private readonly examples = new Map<string, number>();

  /** `enabled` false (a shard, whose rows the readers see whole) gathers nothing. */
  constructor(private readonly enabled = true) {}

  /** The sink for a split's scores, or undefined when the split or the task cannot use one. */
  sinkFor(split: string, task: Task | undefined): ScoreHistograms | undefined {
    if (!this.enabled || task === 'multiclass') return undefined;
    if (split !== TUNING_SPLITS.from && split !== TUNING_SPLITS.to) return undefined;
    const h = new ScoreHistograms();
    this.hist.set(split, h);
    return h;
  }

  /** Examples of a split once read: every one must have been scored. */
  finished(split: string, examples: number): void {
    this.examples.set(split, examples);
  }

  /** The summary, when both splits were multi-label scores throughout and every threshold is on the grid. */
  summary(
    task: Task,
    classNames: readonly string[],
    threshold: number,
    perClass?: Record<string, number>,
  ): TuningSummary | undefined {
    if (task !== 'multilabel') return undefined;
    const from = this.hist.get(TUNING_SPLITS.from);
    const to = this.hist.get(TUNING_SPLITS.to);
    if (!from || !to) return undefined;
    for (const [name, h] of [[TUNING_SPLITS.from, from] as const, [TUNING_SPLITS.to, to] as const])
      if (h.examples === 0 || h.examples !== this.examples.get(name)) return undefined;
    const current = classNames.map((n) => (perClass && Object.hasOwn(perClass, n) ? perClass[n] : threshold));
    return tuningSummary({ from, to }, TUNING_SPLITS, current) ?? undefined;
  }
}
