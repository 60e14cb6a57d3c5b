// Fork pull requests in two workflows, run as the built action against a fake GitHub: the
// pull_request run's evaluation artifact is judged by `mode: comment` in a workflow_run run,
// whose payload is GitHub's own (@octokit/webhooks-examples). The artifact is untrusted: a PR
// number pointing at another head, or one that is not an integer, is refused with no write.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Report } from '../../src/core/report/types.js';
import { buildEvaluation, EVALUATION_FILE, zipEvaluation } from '../../src/github/evaluation-artifact.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { startFakeArtifactService, type FakeArtifactService } from '../helpers/fake-artifact-service.js';
import { FakeGitHubApp, type FakeRun } from '../helpers/fake-github-app.js';
import { buildAction, prPayload, runAction, type RunResult } from '../helpers/run-action.js';
import { ANIMALS, BIRD_DROPS, workspace, writePredictions } from './scenario.js';

const REPO = 'octo/models';
const BASE_SHA = 'ba5e000000000000000000000000000000000001';
const HEAD_SHA = 'f00d100000000000000000000000000000000002';
const OTHER_SHA = '07be100000000000000000000000000000000003';
const PR = 7;
/** When the evaluating run was created (the fake's seeded comments are made on 2026-01-01). */
const RUN_CREATED = '2025-12-31T12:00:00Z';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const require = createRequire(import.meta.url);
const examples: { name: string; examples: Json[] }[] = require('@octokit/webhooks-examples');

/** GitHub's workflow_run completed payload, pointed at `run` (a fork's pull_request run lists no pull_requests). */
function workflowRunPayload(run: FakeRun, createdAt = RUN_CREATED): Json {
  const ex = examples.find((e) => e.name === 'workflow_run')!.examples.find((x) => x.action === 'completed')!;
  const p = JSON.parse(JSON.stringify(ex)) as Json;
  const [owner, name] = REPO.split('/');
  Object.assign(p.repository, { full_name: REPO, name });
  p.repository.owner.login = owner;
  Object.assign(p.workflow_run, {
    id: run.id,
    head_sha: run.head_sha,
    event: run.event,
    pull_requests: [],
    created_at: createdAt,
  });
  p.workflow_run.head_repository.full_name = run.head_repository;
  return p;
}

let gh: FakeGitHubApp;
let dir: string;
let head: Report;

beforeAll(async () => {
  await buildAction();
  dir = workspace();
  // The base branch checkout of the workflow_run job: its committed baseline report and rules.
  const base = await evaluatePredictionFiles(
    writePredictions(dir, ANIMALS, 'base')
      .split('\n')
      .map((l) => ({ name: l.split('=')[0], path: join(dir, l.split('=')[1]) })),
    { commit: BASE_SHA },
  );
  writeFileSync(join(dir, 'main.json'), JSON.stringify(base));
  // What the fork's pull_request run evaluated (bird's test recall drops 30 points).
  head = await evaluatePredictionFiles(
    writePredictions(dir, BIRD_DROPS, 'head')
      .split('\n')
      .map((l) => ({ name: l.split('=')[0], path: join(dir, l.split('=')[1]) })),
    { commit: HEAD_SHA },
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  gh = await new FakeGitHubApp('').start();
  gh.addPull(REPO, {
    number: PR,
    headSha: HEAD_SHA,
    baseSha: BASE_SHA,
    baseRef: 'main',
    headRepo: 'contributor/models',
  });
  // Someone else's pull request, at another head.
  gh.addPull(REPO, { number: 8, headSha: OTHER_SHA, baseSha: BASE_SHA, baseRef: 'main', headRepo: REPO });
});
afterEach(() => gh.stop());

function commentRun(artifact: Uint8Array, createdAt?: string): Promise<RunResult> {
  const run = gh.addRun(REPO, {
    sha: HEAD_SHA,
    headRepo: 'contributor/models',
    artifacts: { 'modelgate-evaluation': artifact },
  });
  return commentOn(run, createdAt);
}

function commentOn(run: FakeRun, createdAt?: string): Promise<RunResult> {
  return runAction({
    cwd: dir,
    apiUrl: gh.url,
    eventName: 'workflow_run',
    payload: workflowRunPayload(run, createdAt),
    job: 'comment',
    inputs: { mode: 'comment', 'baseline-report': 'main.json' },
  });
}

const evaluation = (pullRequest: unknown) =>
  zipSync({
    [EVALUATION_FILE]: strToU8(
      JSON.stringify({
        ...buildEvaluation({ key: 'model', pullRequest: PR, headSha: HEAD_SHA, baseSha: BASE_SHA, report: head }),
        pullRequest,
      }),
    ),
  });

describe('mode: evaluate-only in the pull_request run of a fork', () => {
  let svc: FakeArtifactService;
  beforeAll(async () => {
    svc = await startFakeArtifactService();
  });
  afterAll(() => svc.stop());

  it('uploads the evaluation artifact and calls no GitHub API; mode: comment then judges that very artifact', async () => {
    const run = gh.addRun(REPO, { sha: HEAD_SHA, headRepo: 'contributor/models' });
    svc.onFinalize = (u) => gh.addArtifact(run, u.name, u.zip).id;
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'pull_request',
      payload: prPayload(REPO, { number: PR, headSha: HEAD_SHA, baseSha: BASE_SHA, fork: true }),
      inputs: { mode: 'evaluate-only', splits: writePredictions(dir, BIRD_DROPS, 'head'), 'report-path': 'pr.json' },
      env: svc.env('run-b', 'job-b'),
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `evaluation artifact modelgate-evaluation uploaded (PR #${PR}, head ${HEAD_SHA.slice(0, 12)})`,
    );
    // Nothing at all was asked of GitHub, let alone written: a read-only token is enough.
    expect(gh.requests).toEqual([]);
    expect(r.outputs.verdict).toBeUndefined();
    const [up] = svc.uploads;
    expect(up.name).toBe('modelgate-evaluation');
    const days = (Date.parse(up.expiresAt!) - Date.now()) / 86400_000;
    expect(Math.round(days)).toBe(14);
    const uploaded = JSON.parse(new TextDecoder().decode(unzipSync(up.zip)[EVALUATION_FILE]));
    expect(uploaded).toMatchObject({
      schema: 'modelgate/evaluation@1',
      key: 'model',
      pullRequest: PR,
      headSha: HEAD_SHA,
      baseSha: BASE_SHA,
    });
    expect(uploaded.report).toEqual(JSON.parse(readFileSync(join(dir, 'pr.json'), 'utf8')));

    const c = await commentOn(run);
    expect(c.outputs.verdict).toBe('fail');
    expect(gh.commentList(REPO, PR)).toHaveLength(1);
    expect(gh.statuses.map((s) => [s.sha, s.state])).toEqual([[HEAD_SHA, 'failure']]);
  });
});

describe('mode: comment on a workflow_run', () => {
  it('checks the artifact against GitHub, compares with the baseline and posts the comment and status on the PR head', async () => {
    const r = await commentRun(
      zipEvaluation(
        buildEvaluation({ key: 'model', pullRequest: PR, headSha: HEAD_SHA, baseSha: BASE_SHA, report: head }),
      ),
    );
    expect(r.stdout).toContain(`PR #${PR} at head ${HEAD_SHA.slice(0, 12)}, checked against GitHub`);
    // The head fails the default rules (bird's recall -30 points): a fail verdict, exit 1.
    expect(r.outputs.verdict).toBe('fail');
    expect(r.code).toBe(1);
    const comments = gh.commentList(REPO, PR);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain('bird');
    // The comment key is the evaluating job's (from the artifact), as a full-mode run of that job would use.
    expect(comments[0].body).toContain('<!-- modelgate:comment key=model -->');
    expect(r.outputs['comment-url']).toBe(comments[0].html_url);
    expect(gh.statuses.map((s) => [s.sha, s.context, s.state])).toEqual([[HEAD_SHA, 'modelgate', 'failure']]);
  });

  it("honours a maintainer's /modelgate accept made after the evaluating run was created (the job re-run): accepted, exit 0", async () => {
    const ADMIN = { login: 'maintainer-ann', id: 21, type: 'User' as const };
    gh.setRole(REPO, ADMIN.login, 'admin');
    gh.addComment(REPO, PR, '/modelgate accept bird is being relabelled this sprint', ADMIN);
    const artifact = zipEvaluation(
      buildEvaluation({ key: 'model', pullRequest: PR, headSha: HEAD_SHA, baseSha: BASE_SHA, report: head }),
    );
    const r = await commentRun(artifact);
    expect(r.outputs.verdict).toBe('accepted');
    expect(r.code).toBe(0);
    expect(gh.statuses.map((s) => [s.sha, s.state, s.description])).toEqual([
      [HEAD_SHA, 'success', 'accepted by @maintainer-ann: bird is being relabelled this sprint'],
    ]);
    const body = gh.commentList(REPO, PR).find((c) => c.body.includes('<!-- modelgate:comment'))!.body;
    expect(body).toContain('### Accepted');
    // A command older than the evaluating run (made for an earlier head) does not count.
    gh.statuses.length = 0;
    const later = await commentRun(artifact, '2026-01-02T00:00:00Z');
    expect([later.outputs.verdict, later.code]).toEqual(['fail', 1]);
    expect(gh.statuses.map((s) => s.state)).toEqual(['failure']);
  });

  it('an accept naming another model (--key) is not for this job; one naming it, or its check, is', async () => {
    const ADMIN = { login: 'maintainer-ann', id: 21, type: 'User' as const };
    gh.setRole(REPO, ADMIN.login, 'admin');
    gh.addComment(REPO, PR, '/modelgate accept --key other bird is being relabelled', ADMIN);
    const artifact = zipEvaluation(
      buildEvaluation({ key: 'model', pullRequest: PR, headSha: HEAD_SHA, baseSha: BASE_SHA, report: head }),
    );
    const other = await commentRun(artifact);
    expect([other.outputs.verdict, other.code]).toEqual(['fail', 1]);
    gh.addComment(REPO, PR, '/modelgate accept --key modelgate/model bird is being relabelled', ADMIN);
    gh.statuses.length = 0;
    const mine = await commentRun(artifact);
    expect([mine.outputs.verdict, mine.code]).toEqual(['accepted', 0]);
    // The reason as recorded, without the selector.
    expect(gh.statuses.map((s) => s.description)).toEqual(['accepted by @maintainer-ann: bird is being relabelled']);
  });

  it("ten outsiders' accepts after a maintainer's cannot push it past the bounded permission checks", async () => {
    const ADMIN = { login: 'maintainer-ann', id: 21, type: 'User' as const };
    gh.setRole(REPO, ADMIN.login, 'admin');
    gh.addComment(REPO, PR, '/modelgate accept bird is being relabelled this sprint', ADMIN);
    for (let k = 0; k < 12; k++)
      gh.addComment(REPO, PR, '/modelgate accept looks fine to me', {
        login: `drive-by-${k}`,
        id: 100 + k,
        type: 'User',
      });
    const r = await commentRun(
      zipEvaluation(
        buildEvaluation({ key: 'model', pullRequest: PR, headSha: HEAD_SHA, baseSha: BASE_SHA, report: head }),
      ),
    );
    expect([r.outputs.verdict, r.code]).toEqual(['accepted', 0]);
    // The maintainer's permission was asked first; at most the bound's worth of others.
    const asked = gh.requests.filter((q) => q.path.endsWith('/permission')).map((q) => q.path.split('/').at(-2));
    expect(asked[0]).toBe('maintainer-ann');
  });

  it('refuses an artifact whose PR number points at a pull request with another head: no comment, no status, exit 2', async () => {
    const r = await commentRun(evaluation(8));
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      new RegExp(
        `::error::error: artifact modelgate-evaluation of run \\d+ rejected: the evaluation claims PR #8, whose head is ${OTHER_SHA.slice(0, 12)}, not the run's ${HEAD_SHA.slice(0, 12)}`,
      ),
    );
    expect(gh.writes()).toEqual([]);
    expect(gh.statuses).toEqual([]);
    expect(gh.commentList(REPO, 8)).toEqual([]);
  });

  it.each([['7'], [7.5]])('refuses a PR number that is not a positive integer (%j)', async (pr) => {
    const r = await commentRun(evaluation(pr));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('pullRequest: expected a positive integer or null');
    expect(gh.writes()).toEqual([]);
    // It never even asked GitHub about a pull request.
    expect(gh.requests.some((q) => q.path.includes('/pulls/'))).toBe(false);
  });

  it('refuses to run on any other event', async () => {
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'push',
      payload: { repository: { full_name: REPO }, after: HEAD_SHA },
      inputs: { mode: 'comment' },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('mode: comment runs in a workflow triggered by workflow_run');
    expect(gh.requests).toEqual([]);
  });
});
