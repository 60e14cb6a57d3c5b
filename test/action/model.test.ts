// The built action evaluating a model (not prediction files), against the fake GitHub. The two
// tiny models in fixtures/action/models are hand-weighted (see make_models.mjs): under the base
// model bird's recall is 50/50 in every split, under the head model 20/50; cat and dog stay 50/50.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { buildAction, prPayload, pushPayload, ROOT, runAction } from '../helpers/run-action.js';
import { workspace } from './scenario.js';

const FIX = join(ROOT, 'fixtures/action');
const REPO = 'octo/models';
const DATA = 'train=data/train.csv\nvalidation=data/validation.csv\ntest=data/test.csv';
let gh: FakeGitHub;
const dirs: string[] = [];

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  })
    .toString()
    .trim();
}

/** A checkout: data, and the base model committed at the returned sha; the head model in the work tree. */
function checkout(): { dir: string; baseSha: string } {
  const dir = workspace();
  dirs.push(dir);
  cpSync(join(FIX, 'model-data'), join(dir, 'data'), { recursive: true });
  cpSync(join(FIX, 'models/base'), join(dir, 'model'), { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  cpSync(join(FIX, 'models/head'), join(dir, 'model'), { recursive: true });
  return { dir, baseSha };
}

beforeAll(() => {
  return buildAction();
});
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.stop());
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const modelInputs = { model: 'model', data: DATA, classes: 'data/classes.txt' };

describe('model evaluation in the action', () => {
  it('baseline: evaluate runs the base commit model on the same data and finds bird 50/50 -> 20/50', async () => {
    const { dir, baseSha } = checkout();
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'pull_request',
      payload: prPayload(REPO, { baseSha }),
      inputs: { ...modelInputs, baseline: 'evaluate' },
    });
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    const head = JSON.parse(readFileSync(join(dir, r.outputs.report), 'utf8'));
    expect(head.source).toMatch(/^model:/);
    expect(head.classes).toEqual(['bird', 'cat', 'dog']);
    for (const split of ['train', 'validation', 'test']) {
      expect(head.splits[split].perClass.tp).toEqual([20, 50, 50]);
      expect(head.splits[split].perClass.support).toEqual([50, 50, 50]);
    }
    const body = gh.commentList(REPO, 2)[0].body;
    expect(body).toContain('bird');
    expect(body).toContain(`https://github.com/${REPO}/commit/${baseSha}`);
    expect(r.stdout).toContain(`baseline: model as committed at ${baseSha.slice(0, 12)}`);
  });

  it('a model added in this PR has no baseline', async () => {
    const { dir, baseSha } = checkout();
    cpSync(join(FIX, 'models/head'), join(dir, 'new-model'), { recursive: true });
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'pull_request',
      payload: prPayload(REPO, { baseSha }),
      inputs: { ...modelInputs, model: 'new-model', baseline: 'evaluate' },
    });
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe('no-baseline');
  });

  it('a shallow checkout without the base commit gets told to fetch it', async () => {
    const { dir } = checkout();
    const missing = '0123456789abcdef0123456789abcdef01234567';
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'pull_request',
      payload: prPayload(REPO, { baseSha: missing }),
      inputs: { ...modelInputs, baseline: 'evaluate' },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/::error::error: baseline: evaluate needs the base commit 0123456789ab .*fetch-depth: 0/);
  });

  it('a model on push writes a report a later PR can use as its baseline', async () => {
    const { dir } = checkout();
    cpSync(join(FIX, 'models/base'), join(dir, 'model'), { recursive: true });
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'push',
      payload: pushPayload(REPO),
      inputs: { ...modelInputs, 'report-path': 'main.json' },
    });
    expect(r.code).toBe(0);
    const base = JSON.parse(readFileSync(join(dir, 'main.json'), 'utf8'));
    expect(base.splits.test.perClass.tp).toEqual([50, 50, 50]);
    cpSync(join(FIX, 'models/head'), join(dir, 'model'), { recursive: true });
    const pr = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'pull_request',
      payload: prPayload(REPO),
      inputs: { ...modelInputs, 'baseline-report': 'main.json' },
    });
    expect(pr.code).toBe(1);
    expect(pr.outputs.verdict).toBe('fail');
  });
});
