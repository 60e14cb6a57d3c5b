// Per-class multi-label thresholds: a JSON object {"class": threshold in [0, 1]}.

import { readFile } from 'node:fs/promises';
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
    if (typeof t !== 'number' || !(t >= 0 && t <= 1))
      throw new InputError(
        path,
        `key ${JSON.stringify(name)}`,
        `is ${JSON.stringify(t)}; expected a number from 0 to 1`,
      );
    out[name] = t;
  }
  return out;
}
