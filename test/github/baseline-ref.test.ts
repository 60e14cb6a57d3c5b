// The committed-baseline source against the fake GitHub.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { refBaseline } from '../../src/github/baseline-ref.js';
import type { GitHubClient } from '../../src/github/client.js';
import { writeReport } from '../../src/io/report-file.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { ANIMALS, workspace, writePredictions } from '../action/scenario.js';
import { fakeServerClient, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const SHA = '1234567890123456789012345678901234567890';
let gh: FakeGitHub;
let client: GitHubClient;
let reportText = '';
const dir = workspace();

beforeAll(async () => {
  const splits = writePredictions(dir, ANIMALS)
    .split('\n')
    .map((l) => ({ name: l.split('=')[0], path: join(dir, l.split('=')[1]) }));
  await writeReport(join(dir, 'r.json'), await evaluatePredictionFiles(splits, { commit: SHA }));
  reportText = readFileSync(join(dir, 'r.json'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  gh = await startFakeGitHub();
  client = fakeServerClient(gh, 1);
});
afterEach(() => gh.stop());

const source = (path = 'reports/main.json') => refBaseline(client, { owner: 'o', repo: 'r', path, ref: SHA });

describe('refBaseline', () => {
  it('loads and validates the report at the ref, and says where it came from', async () => {
    gh.putFile('o/r', SHA, 'reports/main.json', reportText);
    const b = await source().load();
    expect(b?.commit).toBe(SHA);
    expect(b?.source).toBe(`ref:${SHA}:reports/main.json`);
    expect(Object.keys(b!.report.splits).sort()).toEqual(['test', 'train', 'validation']);
    expect(source().describe()).toContain('123456789012');
  });
  it('is null when the file is not there at that commit', async () => {
    gh.putFile('o/r', 'f'.repeat(40), 'reports/main.json', reportText);
    expect(await source().load()).toBeNull();
  });
  it('names the file and commit of a broken report', async () => {
    gh.putFile('o/r', SHA, 'reports/main.json', reportText.slice(0, 200));
    await expect(source().load()).rejects.toThrow(/^reports\/main\.json at 123456789012:.*truncated/);
    gh.putFile('o/r', SHA, 'reports/main.json', '{"schema": "something else"}');
    await expect(source().load()).rejects.toThrow(/^reports\/main\.json at 123456789012/);
  });
  it('refuses to pass a refused read off as "no baseline"', async () => {
    gh.denied.add('contents:read');
    await expect(source().load()).rejects.toThrow(/baseline-ref-path: .*contents: read/);
  });
});
