// Temporary files for reader tests, removed after each test file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/io/types.js';

export function tempDir(): {
  path(name: string): string;
  write(name: string, data: string | Uint8Array): string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-io-'));
  return {
    path: (name) => join(dir, name),
    write(name, data) {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Awaits `work`, which must fail with an InputError whose message holds every part. */
export async function expectInputError(work: Promise<unknown>, ...parts: (string | RegExp)[]): Promise<InputError> {
  const e = await work.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  const msg = (e as InputError).message;
  expect(msg).not.toContain('\n    at ');
  for (const p of parts) {
    if (typeof p === 'string') expect(msg).toContain(p);
    else expect(msg).toMatch(p);
  }
  return e as InputError;
}
