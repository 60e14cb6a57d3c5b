// The action (the built dist/index.js, run as a runner would) honours `/modelgate accept <reason>`
// when it re-runs on the same head: verdict accepted, status "accepted by", job passes. Only for
// write/maintain/admin (asked of the collaborator-permission API), only after the head was pushed,
// only while the PR's head is still the run's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readAcceptanceBlock } from '../../src/github/acceptance.js';
import { formatReport } from '../../src/io/report-file.js';
import { appKeyPair, startFakeGitHubApp, type FakeGitHubApp } from '../helpers/fake-github-app.js';
import { buildAction, prPayload, runAction } from '../helpers/run-action.js';
import { workspace, writePredictions } from '../action/scenario.js';
import { BASE_MODEL, HEAD_MODEL, reportOf } from './world.js';

const REPO = 'octo/models';
const PR = 2; // the number in the real payload
const BASE_SHA = 'ba5e000000000000000000000000000000000001';
const HEAD_SHA = 'f00d100000000000000000000000000000000002';
const PUSHED_AT = '2025-12-31T12:00:00Z'; // comments seeded by the fake are made on 2026-01-01

const ADMIN = { login: 'maintainer-ann', id: 21, type: 'User' as const };
const READER = { login: 'drive-by-dan', id: 22, type: 'User' as const };

let publicKey: string;
let dir: string;
let splits: string;
beforeAll(async () => {
  buildAction();
  publicKey = appKeyPair().publicKey;
  dir = workspace();
  splits = writePredictions(dir, HEAD_MODEL);
  writeFileSync(join(dir, 'main.json'), formatReport(await reportOf(BASE_MODEL, BASE_SHA)));
});

let gh: FakeGitHubApp;
beforeEach(async () => {
  gh = await startFakeGitHubApp(publicKey);
  gh.setRole(REPO, ADMIN.login, 'admin');
  gh.setRole(REPO, READER.login, 'read');
  gh.addPull(REPO, { number: PR, headSha: HEAD_SHA, baseSha: BASE_SHA, baseRef: 'main', headRepo: REPO });
});
afterEach(() => gh.stop());

function rerun(pushedAt = PUSHED_AT) {
  const payload = prPayload(REPO, { baseSha: BASE_SHA, headSha: HEAD_SHA, action: 'synchronize' });
  payload.pull_request.updated_at = pushedAt;
  return runAction({
    cwd: dir,
    apiUrl: gh.url,
    eventName: 'pull_request',
    payload,
    inputs: { splits, 'baseline-report': 'main.json' },
  });
}

const statuses = () => gh.statuses.filter((s) => s.sha === HEAD_SHA);

describe('the action and /modelgate accept', () => {
  it('honours an acceptance by an admin made after the push: verdict accepted, job passes', async () => {
    gh.addComment(REPO, PR, '/modelgate accept the drop is the price of the smaller model', ADMIN);
    const r = await rerun();
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe('accepted');
    expect(statuses()).toEqual([
      expect.objectContaining({
        state: 'success',
        description: 'accepted by @maintainer-ann: the drop is the price of the smaller model',
      }),
    ]);
    const sticky = gh.commentList(REPO, PR).find((c) => c.body.includes('<!-- modelgate:comment'))!;
    expect(sticky.body).toContain('### Accepted');
    expect(readAcceptanceBlock(sticky.body)).toMatchObject({ by: ADMIN.login, role: 'admin', headSha: HEAD_SHA });
    expect(gh.requests.some((q) => q.path.endsWith(`/collaborators/${ADMIN.login}/permission`))).toBe(true);
  });

  it('ignores a read-only user, a comment older than the push, and a PR that moved on', async () => {
    gh.addComment(REPO, PR, '/modelgate accept fine by me', READER);
    const byReader = await rerun();
    expect([byReader.code, byReader.outputs.verdict]).toEqual([1, 'fail']);

    gh.addComment(REPO, PR, '/modelgate accept intended', ADMIN);
    const stale = await rerun('2026-01-02T00:00:00Z');
    expect([stale.code, stale.outputs.verdict]).toEqual([1, 'fail']);

    gh.pull(REPO, PR).headSha = 'f00d200000000000000000000000000000000003';
    const moved = await rerun();
    expect([moved.code, moved.outputs.verdict]).toEqual([1, 'fail']);
    expect(statuses().map((s) => s.state)).toEqual(['failure', 'failure', 'failure']);
  });
});
