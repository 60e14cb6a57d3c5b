// Base and head reports of a made-up classifier, compared by the real engine, for the HTML
// report and Mermaid chart tests: a long tail of class supports (so every support band is
// populated), a base model right 90% of the time, and a head that loses some classes and gains
// others. Seeded, so every run builds the same reports. The per-example arrays are returned too:
// tests derive their expected figures from them, not from the renderer's inputs.

import { confusionOf } from '../../src/core/metrics/confusion.js';
import { compareReports } from '../../src/core/compare/compare.js';
import { defaultRules } from '../../src/core/compare/rules.js';
import type { Comparison } from '../../src/core/compare/types.js';
import type { Report, SplitExamples } from '../../src/core/report/types.js';
import { makeReport, mc } from './stats-reports.js';

/** Names a renderer must escape: markup, quotes, entities, right-to-left text, bidi overrides, a very long one. */
export const HOSTILE_NAMES = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=2">',
  "' onmouseover='window.__pwned=3",
  'Tom & Jerry &amp; &lt;b&gt;',
  'חתול שחור',
  'قطة سوداء',
  '\u202Eevil\u202C override',
  `very/long/${'hierarchy/'.repeat(60)}species`,
  '`fence` ``` end',
  '%%{init: {"theme":"dark"}}%%',
];

export interface Pair {
  base: Report;
  head: Report;
  comparison: Comparison;
  truth: Uint32Array;
  basePred: Uint32Array;
  headPred: Uint32Array;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * `classes` names; class i has about 2 + 120 * 0.98^i examples in the split `test` (and the
 * same examples in `validation` when `twoSplits`). Classes 0, 3 and 40 regress in head, 1 and 5 improve.
 */
export function comparedPair(classes: string[], seed = 7, twoSplits = false): Pair {
  const rand = lcg(seed);
  const C = classes.length;
  const truth: number[] = [];
  for (let i = 0; i < C; i++) for (let k = 0; k < 2 + Math.floor(120 * 0.98 ** i); k++) truth.push(i);
  const other = (t: number) => (t + 1 + Math.floor(rand() * (C - 1))) % C;
  const basePred = truth.map((t) => (rand() < 0.9 ? t : other(t)));
  const headPred = truth.map((t, i) => {
    const b = basePred[i];
    if ((t === 0 || t === 3 || t === 40) && b === t && rand() < 0.45) return other(t);
    if ((t === 1 || t === 5) && b !== t && rand() < 0.9) return t;
    return b;
  });
  const splits = (pred: number[]): Record<string, SplitExamples> =>
    twoSplits ? { validation: mc(truth, pred), test: mc(truth, pred) } : { test: mc(truth, pred) };
  const base = makeReport('multiclass', classes, splits(basePred), { commit: 'a'.repeat(40) });
  const head = makeReport('multiclass', classes, splits(headPred), { commit: 'b'.repeat(40) });
  for (const [r, pred] of [
    [base, basePred],
    [head, headPred],
  ] as const)
    for (const s of Object.values(r.splits)) {
      const { confusion, topConfusions } = confusionOf(
        Uint32Array.from(truth),
        Uint32Array.from(pred),
        truth.length,
        C,
      );
      s.confusion = confusion;
      s.topConfusions = topConfusions;
    }
  const rules = defaultRules('multiclass');
  rules.bootstrap.resamples = 100;
  const comparison = compareReports(base, head, rules);
  return {
    base,
    head,
    comparison,
    truth: Uint32Array.from(truth),
    basePred: Uint32Array.from(basePred),
    headPred: Uint32Array.from(headPred),
  };
}

/** 485 classes, hostile names at the ones that move (0, 1, 3, 5, 40) and spread over the rest. */
export function manyHostileClasses(): string[] {
  const names = Array.from({ length: 485 }, (_, i) => `class-${i}`);
  const at = [0, 1, 3, 5, 40, 100, 200, 300, 400, 484];
  HOSTILE_NAMES.forEach((n, k) => (names[at[k]] = n));
  return names;
}
