// The multi-label decision threshold (a label is predicted when its score >= threshold): one
// default and one check for every door (CLI flags, action inputs, the per-class thresholds file,
// the pipelines), so each refuses the same values in the same words.

import { unknownName } from './compare/rule-names.js';
import { UsageError } from './errors.js';

export const DEFAULT_THRESHOLD = 0.5;

/** Plain decimal text: no hex, no "Infinity", no sign (a threshold is never negative). */
const DECIMAL = /^\s*(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;

/**
 * Why `value` is not a threshold, e.g. `is "1.5"; expected a number from 0 to 1`, or null.
 * Decimal text counts as its number only where `text` (flags and inputs; JSON files hold numbers).
 */
export function thresholdProblem(value: unknown, text = true): string | null {
  const n =
    typeof value === 'number' ? value : text && typeof value === 'string' && DECIMAL.test(value) ? Number(value) : NaN;
  if (n >= 0 && n <= 1) return null;
  return `is ${typeof value === 'number' ? String(value) : JSON.stringify(value)}; expected a number from 0 to 1`;
}

/** The threshold `value` holds (a number or decimal text); else a UsageError `<where> is ...`. */
export function parseThreshold(value: unknown, where: string): number {
  const problem = thresholdProblem(value);
  if (problem) throw new UsageError(`${where} ${problem}`);
  return Number(value);
}

/** The decision threshold of class `name`: its per-class one, else the global one, else the default. */
export function thresholdFor(name: string, threshold?: number, perClass?: Record<string, number>): number {
  return perClass && Object.hasOwn(perClass, name) ? perClass[name] : (threshold ?? DEFAULT_THRESHOLD);
}

/**
 * Refuses a per-class threshold whose key names no class (or differs only by case from one):
 * it would silently leave that class at the global threshold. `origin` names the file.
 */
export function checkThresholdKeys(perClass: Record<string, number>, classes: readonly string[], origin: string): void {
  const names = new Set(classes);
  for (const key of Object.keys(perClass)) {
    const problem = unknownName('class', key, names, 'among the classes evaluated');
    if (problem) throw new UsageError(`${origin}: key ${JSON.stringify(key)}: ${problem}`);
  }
}
