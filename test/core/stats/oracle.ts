// Loads the committed oracle values made by fixtures/stats/make_oracle.py (scipy/statsmodels/sklearn).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const oracle: any = JSON.parse(readFileSync(join(process.cwd(), 'fixtures/stats/oracle.json'), 'utf8'));

/** |a - b| <= rel * |b| + abs. */
export function expectClose(actual: number, expected: number, rel = 1e-9, abs = 0): void {
  const ok = Math.abs(actual - expected) <= rel * Math.abs(expected) + abs || actual === expected;
  if (!ok) throw new Error(`expected ${actual} to be within rel ${rel} / abs ${abs} of ${expected}`);
}
