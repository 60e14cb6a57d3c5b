// A sharded evaluation on an Actions matrix, run as the built action against a fake GitHub:
// three shard jobs write partial reports and call no GitHub API; the final job downloads this
// run's matching artifacts (zips behind a redirect), merges them into the report one unsharded
// job writes, compares and comments. A missing shard stops the merge with the shard named.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { zipSync } from 'fflate';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGitHubApp } from '../helpers/fake-github-app.js';
import { buildAction, prPayload, runAction } from '../helpers/run-action.js';
import { ANIMALS, BIRD_DROPS, workspace, writePredictions } from './scenario.js';

const REPO = 'octo/models';
const BASE_SHA = 'ba5e000000000000000000000000000000000001';
const HEAD_SHA = 'f00d100000000000000000000000000000000002';
const payload = prPayload(REPO, { number: 3, headSha: HEAD_SHA, baseSha: BASE_SHA });

let gh: FakeGitHubApp;
let dir: string;
let splits: string;
/** Each shard job's partial report, zipped as upload-artifact would. */
const artifacts: Record<string, Uint8Array> = {};

const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction({ cwd: dir, apiUrl: gh.url, eventName: 'pull_request', payload, inputs, env });

beforeAll(async () => {
  await buildAction();
  dir = workspace();
  writePredictions(dir, ANIMALS, 'base');
  splits = writePredictions(dir, BIRD_DROPS, 'head');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  gh = await new FakeGitHubApp('').start();
});
afterEach(() => gh.stop());

describe('sharded evaluation in the action', () => {
  it('shard jobs write partial reports and call no GitHub API', async () => {
    for (const i of [1, 2, 3]) {
      const r = await run({ splits, shard: `${i}/3`, 'report-path': `shard-${i}.json` });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`shard ${i}/3: partial report written`);
      expect(r.outputs.report).toBe(`shard-${i}.json`);
      expect(r.outputs.verdict).toBeUndefined();
      artifacts[`modelgate-shard-${i}`] = zipSync({ [`shard-${i}.json`]: readFileSync(join(dir, `shard-${i}.json`)) });
    }
    expect(gh.requests).toEqual([]);
  });

  it('the merge job merges this run’s shard artifacts into the unsharded report, compares and comments', async () => {
    const base = await run({
      splits: splits.replace(/head\//g, 'base/'),
      'report-path': 'main.json',
      'commit-status': 'false',
      'comment-mode': 'off',
    });
    expect(base.code).toBe(0);
    const whole = await run({ splits, 'report-path': 'whole.json', 'comment-mode': 'off', 'commit-status': 'false' });
    expect(whole.code).toBe(0);
    const other = gh.addRun(REPO, { sha: HEAD_SHA, artifacts: { 'modelgate-shard-9': new Uint8Array([1, 2]) } });
    const thisRun = gh.addRun(REPO, { sha: HEAD_SHA, artifacts: { ...artifacts, unrelated: new Uint8Array([1]) } });
    const r = await run(
      { 'merge-artifacts': 'modelgate-shard-*', 'baseline-report': 'main.json', 'report-path': 'merged.json' },
      { GITHUB_RUN_ID: String(thisRun.id) },
    );
    expect(r.stdout).toContain('merge-artifacts: 3 reports from 3 artifacts matching modelgate-shard-*');
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    const { createdAt: _m, ...merged } = JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8'));
    const { createdAt: _w, ...one } = JSON.parse(readFileSync(join(dir, 'whole.json'), 'utf8'));
    expect(merged).toEqual(one);
    expect(gh.commentList(REPO, 3)).toHaveLength(1);
    // Only this run's artifacts were listed; the other run's never downloaded.
    // (The runs without a baseline input also looked for a stored baseline: /actions/artifacts?name=...)
    const listed = gh.requests.filter((q) => /\/runs\/\d+\/artifacts$/.test(q.path)).map((q) => q.path);
    expect(listed).toEqual([`/repos/${REPO}/actions/runs/${thisRun.id}/artifacts`]);
    expect(gh.requests.some((q) => q.path.includes(`/${other.id}`))).toBe(false);
  });

  it('a missing shard stops the merge job, naming the shard, before any write', async () => {
    const { 'modelgate-shard-2': _, ...two } = artifacts;
    const thisRun = gh.addRun(REPO, { sha: HEAD_SHA, artifacts: two });
    const r = await run({ 'merge-artifacts': 'modelgate-shard-*' }, { GITHUB_RUN_ID: String(thisRun.id) });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('::error::error: shard 2/3 is missing: a merge needs every shard 1/3 to 3/3 once');
    expect(gh.writes()).toEqual([]);
  });
});
