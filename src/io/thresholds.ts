// Per-class multi-label thresholds: a JSON object {"class": threshold in [0, 1]}. Whether each key
// names a class is checked once the classes are known (checkThresholdKeys, src/core/threshold.ts).

import { readFile } from 'node:fs/promises';
import { thresholdProblem } from '../core/threshold.js';
import { checkFile, decodeText } from './source.js';
import { InputError } from './types.js';

export async function readThresholds(path: string): Promise<Record<string, number>> {
  await checkFile(path, 'thresholds file');
  const text = decodeText(path, await readFile(path), 'JSON');
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
