// `modelgate thresholds`: per-class multi-label thresholds chosen on the validation split's scores
// and checked on the test split. Both files are streamed into per-class score histograms (memory
// O(classes x bins), never the file size) over one class index; the choice and the figures are
// src/core/metrics/tune-thresholds.ts.

import { ClassIndex, UnknownClassError } from '../core/classes.js';
import { UsageError } from '../core/errors.js';
import { DEFAULT_BINS, ScoreHistograms } from '../core/metrics/score-histograms.js';
import {
  chooseThresholds,
  cutOf,
  macroAt,
  type ClassThreshold,
  type MacroFigures,
  type Objective,
} from '../core/metrics/tune-thresholds.js';
import type { Task } from '../core/report/types.js';
import { openPredictions } from '../io/predictions.js';
import { InputError } from '../io/types.js';
import { DEFAULT_THRESHOLD } from '../core/threshold.js';

export interface TuneFilesOptions {
  objective: Objective;
  minPositives: number;
  /** The current global threshold; default DEFAULT_THRESHOLD. */
  threshold?: number;
  classes?: string[];
  task?: Task;
  bins?: number;
}

export interface TuneResult {
  classes: string[];
  perClass: ClassThreshold[];
  bins: number;
  examples: { validation: number; test: number };
  /** Macro figures on the test split: every class at the global threshold, and with the chosen ones. */
  current: MacroFigures;
  tuned: MacroFigures;
}

/** One split's scores into histograms over the shared class index. */
export async function histogramsOf(
  path: string,
  classes: ClassIndex,
  opts: { task?: Task; threshold: number; bins: number },
): Promise<ScoreHistograms> {
  const hist = new ScoreHistograms(opts.bins);
  const stream = await openPredictions(path, { classes, task: opts.task, threshold: opts.threshold, scores: hist });
  if (stream.task !== 'multilabel')
    throw new InputError(
      path,
      null,
      'holds multiclass predictions, decided by the arg-max of the scores; per-class thresholds apply to multi-label scores (score >= threshold). Pass --task multilabel when every class is a yes/no decision of its own',
    );
  let examples = 0;
  try {
    for await (const b of stream.batches) examples += b.n;
  } catch (e) {
    if (e instanceof UnknownClassError)
      throw new InputError(path, null, `class ${JSON.stringify(e.className)} is not in the class list`);
    throw e;
  }
  if (hist.examples < examples)
    throw new InputError(
      path,
      null,
      'holds predicted labels, not scores; expected \'score:<class>\' columns, "scores" or scores.npy',
    );
  return hist;
}

export async function tuneThresholdFiles(
  splits: { validation: string; test: string },
  o: TuneFilesOptions,
): Promise<TuneResult> {
  const bins = o.bins ?? DEFAULT_BINS;
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  if (cutOf(threshold, bins) < 0)
    throw new UsageError(`threshold ${threshold} must be a multiple of ${1 / bins} (the histogram cuts)`);
  const classes = new ClassIndex(o.classes ?? [], o.classes !== undefined);
  const read = { task: o.task, threshold, bins };
  const validation = await histogramsOf(splits.validation, classes, read);
  const test = await histogramsOf(splits.test, classes, read);
  const perClass = chooseThresholds(validation, classes.size, {
    objective: o.objective,
    globalThreshold: threshold,
    minPositives: o.minPositives,
  });
  return {
    classes: [...classes.names],
    perClass,
    bins,
    examples: { validation: validation.examples, test: test.examples },
    current: macroAt(
      test,
      perClass.map(() => threshold),
    ),
    tuned: macroAt(
      test,
      perClass.map((p) => p.threshold),
    ),
  };
}

/** The thresholds file (src/io/thresholds.ts reads it): the tuned classes; the others use the global threshold. */
export function thresholdsFileOf(r: TuneResult): Record<string, number> {
  const out: Record<string, number> = {};
  r.perClass.forEach((p, c) => {
    if (p.tuned) Object.defineProperty(out, r.classes[c], { value: p.threshold, enumerable: true, writable: true });
  });
  return out;
}
