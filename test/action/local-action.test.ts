// GitHub's documented local runner, @github/local-action, runs the action's TypeScript entry
// (src/action/main.ts, its exported run()) on the repository's example. The package and its
// dependencies take about 330 MB, so it is not a dependency: the test runs when it is installed
// (in node_modules, or at MODELGATE_LOCAL_ACTION, e.g. after
// `cd /tmp && npm install @github/local-action` set MODELGATE_LOCAL_ACTION=/tmp/node_modules/@github/local-action)
// and is skipped, visibly, when it is not. It runs offline: tsx is called directly, as the
// package's bin would through `npm exec`, which may try to download tsx.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, test } from '@jest/globals';

const ROOT = process.cwd();

/** The installed @github/local-action package folder, or null. */
function localActionDir(): string | null {
  const given = process.env.MODELGATE_LOCAL_ACTION;
  if (given) return existsSync(join(given, 'package.json')) ? given : null;
  try {
    return dirname(createRequire(join(ROOT, 'package.json')).resolve('@github/local-action/package.json'));
  } catch {
    return null;
  }
}

/** tsx's command-line entry, as installed beside the package. */
function tsxCli(pkg: string): string {
  const tsxPkg = createRequire(join(pkg, 'package.json')).resolve('tsx/package.json');
  const bin = (JSON.parse(readFileSync(tsxPkg, 'utf8')) as { bin: string | Record<string, string> }).bin;
  return join(dirname(tsxPkg), typeof bin === 'string' ? bin : bin.tsx);
}

const pkg = localActionDir();
const WHY_SKIPPED =
  '@github/local-action is not installed (about 330 MB, so not a dependency); set MODELGATE_LOCAL_ACTION to its folder to run this test';
if (!pkg) console.log(`skipped: ${WHY_SKIPPED}`);

const dir = mkdtempSync(join(tmpdir(), 'mg-local-action-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

(pkg ? test : test.skip)(
  pkg
    ? 'npx @github/local-action run . src/action/main.ts .env: evaluates the example, one warning for the unexpanded token'
    : `@github/local-action runs the action (skipped: ${WHY_SKIPPED})`,
  () => {
    const report = join(dir, 'report.json');
    const env = join(dir, '.env');
    // As README shows: the inputs in a .env file; the token left as action.yml's unexpanded default.
    writeFileSync(
      env,
      [
        'INPUT_MODEL=examples/digits/models/base',
        'INPUT_DATA=test=examples/digits/data/test.csv',
        `INPUT_REPORT-PATH=${report}`,
        'INPUT_COMMENT-MODE=off',
        'INPUT_COMMIT-STATUS=false',
        'INPUT_GITHUB-TOKEN=${{ github.token }}',
        '',
      ].join('\n'),
    );
    const p = spawnSync(
      process.execPath,
      [tsxCli(pkg!), join(pkg!, 'src/index.ts'), 'run', '.', 'src/action/main.ts', env],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TARGET_ACTION_PATH: ROOT,
          NODE_PACKAGE_MANAGER: 'npm',
          NODE_NO_WARNINGS: '1',
        },
      },
    );
    const out = `${p.stdout}${p.stderr}`;
    expect([p.status, out.match(/^::error::.*$/m)?.[0] ?? null]).toEqual([0, null]);
    expect(out).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
    expect(out.match(/^::warning::.*github-token.*$/gm)).toEqual([
      expect.stringMatching(
        /^::warning::github-token is the unexpanded expression \*{4} \(not running on GitHub Actions\?\)/,
      ),
    ]);
    expect(out).toMatch(/::set-output name=verdict::no-baseline/);
    const r = JSON.parse(readFileSync(report, 'utf8'));
    expect(r.splits.test.examples).toBe(360);
    expect(r.source).toBe('model:examples/digits/models/base/model.json');
  },
);
