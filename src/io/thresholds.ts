// Per-class multi-label thresholds: a JSON object {"class": threshold in [0, 1]}. Whether each key
// names a class is checked once the classes are known (checkThresholdKeys, src/core/threshold.ts).

import { thresholdProblem } from '../core/threshold.js';
import { decodeText, readSmallFile } from './source.js';
import { InputError } from './types.js';

/** A threshold for each of a million classes with long names. */
const MAX_BYTES = 256 << 20;

export async function readThresholds(path: string): Promise<Record<string, number>> {
  const text = decodeText(path, await readSmallFile(path, 'thresholds file', MAX_BYTES), 'JSON');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new InputError(path, null, `invalid JSON (${(e as Error).message}); expected an object {"class": threshold}`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new InputError(path, null, 'expected a JSON object {"class": threshold}');
  const out: Record<string, number> = Object.create(null);
  for (const [name, t] of Object.entries(v)) {
    const problem = thresholdProblem(t, false);
    if (problem) throw new InputError(path, `key ${JSON.stringify(name)}`, problem);
    out[name] = t as number;
  }
  return out;
}
