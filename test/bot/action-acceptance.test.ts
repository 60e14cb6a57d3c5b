// The action (the built dist/index.js, run as a runner would) honours `/modelgate accept <reason>`
// when it re-runs on the same head: verdict accepted, status "accepted by", job passes. Only for
// write/maintain/admin (asked of the collaborator-permission API), only after the head was pushed,
// only while the PR's head is still the run's.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readAcceptanceBlock } from '../../src/github/acceptance.js';
import { formatReport } from '../../src/io/report-file.js';
import { outsideDetails } from '../helpers/scenario.js';
import { appKeyPair, startFakeGitHubApp, type FakeGitHubApp } from '../helpers/fake-github-app.js';
import { buildAction, prPayload, runAction } from '../helpers/run-action.js';
import { workspace, writePredictions, type Scenario } from '../action/scenario.js';
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

function rerun(pushedAt = PUSHED_AT, where = { dir, splits }) {
  const payload = prPayload(REPO, { baseSha: BASE_SHA, headSha: HEAD_SHA, action: 'synchronize' });
  payload.pull_request.updated_at = pushedAt;
  return runAction({
    cwd: where.dir,
    apiUrl: gh.url,
    eventName: 'pull_request',
    payload,
    inputs: { splits: where.splits, 'baseline-report': 'main.json' },
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

  it('a re-run of the accepted head with another regression is not covered; the accepted ones are again', async () => {
    gh.addComment(REPO, PR, '/modelgate accept intended', ADMIN);
    expect((await rerun()).outputs.verdict).toBe('accepted');
    const stickyBody = () => gh.commentList(REPO, PR).find((c) => c.body.includes('<!-- modelgate:comment'))!.body;
    const record = readAcceptanceBlock(stickyBody())!;
    expect(record).toMatchObject({ by: ADMIN.login, headSha: HEAD_SHA });
    // The same head evaluated again, with bird broken as well (say the baseline or the data moved).
    const worse = workspace();
    writeFileSync(join(worse, 'main.json'), readFileSync(join(dir, 'main.json')));
    const bird = { ...HEAD_MODEL, found: { test: { ...HEAD_MODEL.found!.test, bird: 20 } } };
    const r = await rerun(PUSHED_AT, { dir: worse, splits: writePredictions(worse, bird) });
    expect([r.code, r.outputs.verdict]).toEqual([1, 'fail']);
    expect(statuses().at(-1)!.state).toBe('failure');
    const visible = outsideDetails(stickyBody());
    expect(visible).not.toContain('### Accepted');
    expect(visible).toContain('> [!IMPORTANT]');
    expect(visible).toContain('The acceptance does not cover it, so the verdict stands');
    expect(visible).toContain('Not accepted: test: class bird recall.');
    expect(r.summary).toContain('Not accepted: test: class bird recall.');
    expect(readAcceptanceBlock(stickyBody())).toEqual(record);
    // Control: the accepted regressions once more, with the same command: accepted.
    const again = await rerun();
    expect([again.code, again.outputs.verdict]).toEqual([0, 'accepted']);
    expect(stickyBody()).not.toContain('[!IMPORTANT]');
    expect(readAcceptanceBlock(stickyBody())).toEqual(record);
  });

  it('a command older than our last evaluation of the head, which passed, does not accept a later failure', async () => {
    gh.addComment(REPO, PR, '/modelgate accept intended', ADMIN);
    // The same head evaluated first as passing (say, against another baseline): the comment
    // is written after the command, without a record.
    const passing = workspace();
    writeFileSync(join(passing, 'main.json'), readFileSync(join(dir, 'main.json')));
    const pass = await rerun(PUSHED_AT, { dir: passing, splits: writePredictions(passing, BASE_MODEL) });
    expect(pass.outputs.verdict).toBe('pass');
    // Then failing: the old command was never about these regressions.
    const late = await rerun();
    expect([late.code, late.outputs.verdict]).toEqual([1, 'fail']);
    expect(late.stdout).toContain('was written before this pull request');
    // Control: written again now, it accepts them.
    gh.addComment(REPO, PR, '/modelgate accept intended, checked again', ADMIN);
    const again = await rerun();
    expect([again.code, again.outputs.verdict]).toEqual([0, 'accepted']);
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

/**
 * A workspace where every class of `classes` drops from 12/12 to 2/12 on validation and test;
 * the baseline report has no per-example predictions (`evaluate --no-predictions`), so the tests
 * are unpaired and every drop is a regression: two a class.
 */
async function everyClassDrops(classes: string[]): Promise<{ dir: string; splits: string }> {
  const drop = Object.fromEntries(classes.map((c) => [c, 2]));
  const base: Scenario = { classes, perClass: 12 };
  const ws = workspace();
  const report = await reportOf(base, BASE_SHA, { keepPredictions: false });
  writeFileSync(join(ws, 'main.json'), formatReport(report));
  return { dir: ws, splits: writePredictions(ws, { ...base, found: { validation: drop, test: drop } }) };
}

/** The sticky comment, checked whole: within 65,536 bytes, not cut, no open element, the footer last. */
function wholeSticky(): string {
  const body = gh.commentList(REPO, PR).find((c) => c.body.includes('<!-- modelgate:comment'))!.body;
  expect(Buffer.byteLength(body)).toBeLessThanOrEqual(65536);
  expect(body).not.toContain('(truncated:');
  expect(body.match(/<b>/g)?.length ?? 0).toBe(body.match(/<\/b>/g)?.length ?? 0);
  expect(body.match(/<details>/g)?.length ?? 0).toBe(body.match(/<\/details>/g)?.length ?? 0);
  expect(body.match(/&(?!#?[A-Za-z0-9]+;)/g) ?? []).toEqual([]);
  expect(body.trimEnd().split('\n').at(-1)).toMatch(/^<sub>\[workflow run\]\(.*· head f00d100 /);
  expect(body).toContain('❌ **modelgate: fail**');
  expect(body).toContain('### Accepted');
  return body;
}

describe('the action accepting many or long regressions', () => {
  it('2,000 regressions: the comment keeps the verdict, the Accepted section, a bounded record and the footer', async () => {
    const where = await everyClassDrops(Array.from({ length: 1000 }, (_, i) => `n${String(i).padStart(8, '0')}`));
    gh.addComment(REPO, PR, '/modelgate accept broken preprocessing, fixed in #8', ADMIN);
    const r = await rerun(PUSHED_AT, where);
    expect([r.code, r.outputs.verdict, r.outputs.regressions]).toEqual([0, 'accepted', expect.any(String)]);
    expect(Number(r.outputs.regressions)).toBeGreaterThanOrEqual(2000);
    const body = wholeSticky();
    expect(readAcceptanceBlock(body)).toMatchObject({ by: ADMIN.login, headSha: HEAD_SHA, count: 2000 });
    expect(body.split('\n')[1].length).toBeLessThan(4096);
  }, 60_000);

  it('long CJK class names and a long CJK reason: measured in bytes, no item cut', async () => {
    const long = '鸟类物种名称很长的中文标签'.repeat(5);
    const where = await everyClassDrops(Array.from({ length: 150 }, (_, i) => `${long}${String(i).padStart(3, '0')}`));
    gh.addComment(
      REPO,
      PR,
      `/modelgate accept 新的分词器用这些类别换取速度，这是有意的。${'原因说明'.repeat(110)}`,
      ADMIN,
    );
    const r = await rerun(PUSHED_AT, where);
    expect([r.code, r.outputs.verdict]).toEqual([0, 'accepted']);
    const body = wholeSticky();
    expect(Buffer.byteLength(body)).toBeGreaterThan(65536 / 2);
  }, 60_000);
});
