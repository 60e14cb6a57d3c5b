import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  openPredictions
} from "./chunk-JU3MACUJ.js";
import "./chunk-NEJ5F2JK.js";
import {
  DEFAULT_THRESHOLD
} from "./chunk-EGE46RNV.js";
import "./chunk-J4X2SOEV.js";
import "./chunk-3PH7HBNS.js";
import "./chunk-D5XZYOBY.js";
import {
  chooseThresholds,
  cutOf,
  macroAt
} from "./chunk-KSATUSI5.js";
import {
  InputError
} from "./chunk-R7VUTDUK.js";
import {
  DEFAULT_BINS,
  ScoreHistograms
} from "./chunk-L4A26YP5.js";
import {
  ClassIndex,
  UnknownClassError
} from "./chunk-GTK7TP36.js";
import "./chunk-TEFQHNLO.js";
import {
  UsageError
} from "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";

// src/pipeline/tune-thresholds.ts
async function histogramsOf(path, classes, opts) {
  const hist = new ScoreHistograms(opts.bins);
  const stream = await openPredictions(path, { classes, task: opts.task, threshold: opts.threshold, scores: hist });
  if (stream.task !== "multilabel")
    throw new InputError(
      path,
      null,
      "holds multiclass predictions, decided by the arg-max of the scores; per-class thresholds apply to multi-label scores (score >= threshold). Pass --task multilabel when every class is a yes/no decision of its own"
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
      `holds predicted labels, not scores; expected 'score:<class>' columns, "scores" or scores.npy`
    );
  return hist;
}
async function tuneThresholdFiles(splits, o) {
  const bins = o.bins ?? DEFAULT_BINS;
  const threshold = o.threshold ?? DEFAULT_THRESHOLD;
  if (cutOf(threshold, bins) < 0)
    throw new UsageError(`threshold ${threshold} must be a multiple of ${1 / bins} (the histogram cuts)`);
  const classes = new ClassIndex(o.classes ?? [], o.classes !== void 0);
  const read = { task: o.task, threshold, bins };
  const validation = await histogramsOf(splits.validation, classes, read);
  const test = await histogramsOf(splits.test, classes, read);
  const perClass = chooseThresholds(validation, classes.size, {
    objective: o.objective,
    globalThreshold: threshold,
    minPositives: o.minPositives
  });
  return {
    classes: [...classes.names],
    perClass,
    bins,
    examples: { validation: validation.examples, test: test.examples },
    current: macroAt(
      test,
      perClass.map(() => threshold)
    ),
    tuned: macroAt(
      test,
      perClass.map((p) => p.threshold)
    )
  };
}
function thresholdsFileOf(r) {
  const out = {};
  r.perClass.forEach((p, c) => {
    if (p.tuned) Object.defineProperty(out, r.classes[c], { value: p.threshold, enumerable: true, writable: true });
  });
  return out;
}
export {
  histogramsOf,
  thresholdsFileOf,
  tuneThresholdFiles
};
