// Files bundled next to the running program (the worker threads' entries in dist/): next to the
// bundle chunk that holds this module (dist/, or .bench/ for the benches), else in ./dist when
// running from the sources (the tests use the committed bundle).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first of `names` found (after `override`, a path the user gave), or null. */
export function findBundled(names: readonly string[], override?: string): string | null {
  const candidates: string[] = override ? [override] : [];
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    candidates.push(...names.map((n) => path.join(here, n)));
  } catch {
    // not a file URL
  }
  candidates.push(...names.map((n) => path.resolve('dist', n)));
  return candidates.find((f) => existsSync(f)) ?? null;
}
