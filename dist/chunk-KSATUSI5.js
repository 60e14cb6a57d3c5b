import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// src/core/metrics/tune-thresholds.ts
var DEFAULT_MIN_PRECISION = 0.5;
var DEFAULT_OBJECTIVE = { kind: "recall-at-precision", minPrecision: DEFAULT_MIN_PRECISION };
var DEFAULT_MIN_POSITIVES = 5;
var TUNING_SPLITS = { from: "validation", to: "test" };
function cutOf(t, bins) {
  const b = Math.round(t * bins);
  return b >= 0 && b <= bins && b / bins === t ? b : -1;
}
var f1Of = (tp, fp, positives) => tp === 0 ? 0 : 2 * tp / (2 * tp + fp + (positives - tp));
function bestCut(tp, fp, positives, objective) {
  let best = -1;
  let bestValue = -1;
  for (let b = tp.length - 1; b >= 0; b--) {
    let value;
    if (objective.kind === "f1") value = f1Of(tp[b], fp[b], positives);
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
function positivesOf(h, c) {
  return h.positives(c);
}
function chooseThresholds(validation, classes, o) {
  const bins = validation.bins;
  if (cutOf(o.globalThreshold, bins) < 0)
    throw new Error(`global threshold ${o.globalThreshold} is not a multiple of 1/${bins}`);
  const out = [];
  for (let c = 0; c < classes; c++) {
    const positives = positivesOf(validation, c);
    const keep = (kept) => ({ threshold: o.globalThreshold, tuned: false, kept, positives });
    if (positives < Math.max(1, o.minPositives)) {
      out.push(keep("few-positives"));
      continue;
    }
    const b = bestCut(validation.atOrAbove(c, true), validation.atOrAbove(c, false), positives, o.objective);
    out.push(b < 0 ? keep("unreachable") : { threshold: b / bins, tuned: true, positives });
  }
  return out;
}
function macroAt(split, thresholds) {
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
  return classes === 0 ? { recall: 0, precision: 0, classes: 0 } : { recall: recall / classes, precision: precision / classes, classes };
}
function tuningSummary(hist, names, current) {
  const bins = hist.from.bins;
  if (current.some((t) => cutOf(t, bins) < 0)) return null;
  const objective = DEFAULT_OBJECTIVE;
  const chosen = chooseThresholds(hist.from, current.length, {
    objective,
    globalThreshold: 0,
    minPositives: DEFAULT_MIN_POSITIVES
  }).map((c, i) => c.tuned ? c.threshold : current[i]);
  const tuned = chosen.filter((t, i) => t !== current[i]).length;
  return {
    ...names,
    objective: objective.kind,
    ...objective.kind === "recall-at-precision" && { minPrecision: objective.minPrecision },
    minPositives: DEFAULT_MIN_POSITIVES,
    bins,
    classesTuned: tuned,
    classesKept: current.length - tuned,
    current: macroAt(hist.to, current),
    tuned: macroAt(hist.to, chosen)
  };
}

export {
  DEFAULT_MIN_PRECISION,
  DEFAULT_MIN_POSITIVES,
  TUNING_SPLITS,
  cutOf,
  chooseThresholds,
  macroAt,
  tuningSummary
};
