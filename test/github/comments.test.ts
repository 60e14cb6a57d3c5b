// The sticky comment against the fake GitHub: real octokit, real HTTP, real pagination.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { GitHubClient } from '../../src/github/client.js';
import { findOwnComments, MAX_COMMENT_LENGTH, prepareBody, upsertStickyComment } from '../../src/github/comments.js';
import { whoAmI, type Identity } from '../../src/github/identity.js';
import { commentMarker } from '../../src/core/render/marker.js';
import { stickyState } from '../../src/github/acceptance-record.js';
import { acceptanceBlock } from '../../src/github/acceptance.js';
import {
  ACTIONS_BOT,
  fakeServerClient,
  startFakeGitHub,
  type FakeGitHub,
  type FakeUser,
} from '../helpers/fake-github.js';

const REPO = 'octo/models';
const ref = { owner: 'octo', repo: 'models', issueNumber: 7 };
const MALLORY: FakeUser = { login: 'mallory', id: 66, type: 'User' };
const OTHER_BOT: FakeUser = { login: 'renovate[bot]', id: 29139614, type: 'Bot' };
const heuristic: Identity = { login: null, source: 'heuristic' };

let gh: FakeGitHub;
let client: GitHubClient;
beforeEach(async () => {
  gh = await startFakeGitHub();
  client = fakeServerClient(gh);
});
afterEach(() => gh.stop());

const opts = (o: Partial<Parameters<typeof upsertStickyComment>[4]> = {}) => ({
  mode: 'update' as const,
  skipUnchanged: true,
  identity: heuristic,
  ...o,
});
const list = () => gh.commentList(REPO, 7);

describe('identity', () => {
  it('uses GET /user when the token may call it', async () => {
    gh.userEndpoint = true;
    gh.actor = { login: 'ci-user', id: 5, type: 'User' };
    expect(await whoAmI(client)).toEqual({ login: 'ci-user', source: 'api' });
  });
  it('falls back to the bot heuristic on 403 (GITHUB_TOKEN)', async () => {
    const lines: string[] = [];
    expect(await whoAmI(client, (m) => lines.push(m))).toEqual(heuristic);
    expect(lines.join()).toMatch(/403/);
  });
});

describe('upsertStickyComment', () => {
  it('creates one comment with the marker, then edits the same one', async () => {
    const r1 = await upsertStickyComment(client, ref, 'model', 'first body', opts());
    expect(r1.action).toBe('created');
    expect(list()).toHaveLength(1);
    expect(list()[0].body.startsWith(commentMarker('model'))).toBe(true);
    expect(list()[0].user.login).toBe(ACTIONS_BOT.login);
    const r2 = await upsertStickyComment(client, ref, 'model', 'second body', opts());
    expect(r2).toMatchObject({ action: 'updated', id: r1.id });
    expect(list()).toHaveLength(1);
    expect(list()[0].body).toContain('second body');
    expect(r2.url).toBe(list()[0].html_url);
  });

  it('skips the edit when the body is unchanged, unless told otherwise', async () => {
    await upsertStickyComment(client, ref, 'k', 'same', opts());
    const r = await upsertStickyComment(client, ref, 'k', 'same', opts());
    expect(r.action).toBe('unchanged');
    expect(gh.requests.filter((q) => q.method === 'PATCH')).toHaveLength(0);
    const r2 = await upsertStickyComment(client, ref, 'k', 'same', opts({ skipUnchanged: false }));
    expect(r2.action).toBe('updated');
    expect(gh.requests.filter((q) => q.method === 'PATCH')).toHaveLength(1);
  });

  it('keeps one comment per key', async () => {
    await upsertStickyComment(client, ref, 'model-a', 'A', opts());
    await upsertStickyComment(client, ref, 'model-b', 'B', opts());
    await upsertStickyComment(client, ref, 'model-a', 'A2', opts());
    expect(list().map((c) => c.body.split('\n')[1])).toEqual(['A2', 'B']);
  });

  it('does not treat a key that merely starts like ours as ours', async () => {
    await upsertStickyComment(client, ref, 'model-extra', 'X', opts());
    const r = await upsertStickyComment(client, ref, 'model', 'Y', opts());
    expect(r.action).toBe('created');
    expect(list()).toHaveLength(2);
  });

  it("never touches a person's comment that carries a look-alike marker", async () => {
    const fake = gh.addComment(REPO, 7, `${commentMarker('model')}\nI can edit the gate!`, MALLORY);
    const r = await upsertStickyComment(client, ref, 'model', 'real', opts());
    expect(r.action).toBe('created');
    expect(gh.commentList(REPO, 7).find((c) => c.id === fake.id)?.body).toContain('I can edit the gate!');
    expect(gh.requests.some((q) => q.path.endsWith(`/comments/${fake.id}`))).toBe(false);
  });

  it('with a known login, matches only that login (not another bot)', async () => {
    gh.addComment(REPO, 7, `${commentMarker('model')}\nother bot`, OTHER_BOT);
    gh.actor = { login: 'ci-user', id: 5, type: 'User' };
    const r = await upsertStickyComment(
      client,
      ref,
      'model',
      'mine',
      opts({ identity: { login: 'ci-user', source: 'api' } }),
    );
    expect(r.action).toBe('created');
    expect(list()[0].body).toContain('other bot');
  });

  it('under the heuristic prefers github-actions[bot] over another bot', async () => {
    gh.addComment(REPO, 7, `${commentMarker('model')}\nother bot`, OTHER_BOT);
    const ours = gh.addComment(REPO, 7, `${commentMarker('model')}\nold`, ACTIONS_BOT);
    const r = await upsertStickyComment(client, ref, 'model', 'new', opts());
    expect(r).toMatchObject({ action: 'updated', id: ours.id });
  });

  it("another app's bot comment with our marker: its edit is refused (403), so we post our own and keep it", async () => {
    const theirs = gh.addComment(REPO, 7, `${commentMarker('model')}\nother app`, OTHER_BOT);
    const warned: string[] = [];
    const o = opts({ limits: { warn: (m) => warned.push(m) } });
    const r1 = await upsertStickyComment(client, ref, 'model', 'ours 1', o);
    expect(r1.action).toBe('created');
    expect(warned).toEqual([`PR comment ${theirs.id} by renovate[bot] carries our marker but is not ours: left alone`]);
    // The next run finds ours first (github-actions[bot]) and edits it; theirs is never touched again.
    const r2 = await upsertStickyComment(client, ref, 'model', 'ours 2', o);
    expect(r2).toMatchObject({ action: 'updated', id: r1.id });
    expect(list().map((c) => c.body.split('\n')[1])).toEqual(['other app', 'ours 2']);
    expect(gh.requests.filter((q) => q.method === 'PATCH').map((q) => q.status)).toEqual([403, 200]);
  });

  it("recreate leaves another app's marked comment alone", async () => {
    const theirs = gh.addComment(REPO, 7, `${commentMarker('m')}\nother app`, OTHER_BOT);
    const old = gh.addComment(REPO, 7, `${commentMarker('m')}\nold`, ACTIONS_BOT);
    const r = await upsertStickyComment(client, ref, 'm', 'new', opts({ mode: 'recreate' }));
    expect(r.action).toBe('recreated');
    expect(list().map((c) => c.id)).toEqual([theirs.id, r.id]);
    expect(list().some((c) => c.id === old.id)).toBe(false);
  });

  it('finds the marker on page 3 of the comments', async () => {
    for (let i = 0; i < 230; i++) gh.addComment(REPO, 7, `chatter ${i}`, i % 2 ? MALLORY : ACTIONS_BOT);
    const ours = gh.addComment(REPO, 7, `${commentMarker('model')}\nold`, ACTIONS_BOT);
    for (let i = 0; i < 10; i++) gh.addComment(REPO, 7, `late ${i}`, MALLORY);
    const r = await upsertStickyComment(client, ref, 'model', 'new', opts());
    expect(r).toMatchObject({ action: 'updated', id: ours.id });
    const pages = gh.requests
      .filter((q) => q.method === 'GET' && q.path.endsWith('/issues/7/comments'))
      .map((q) => q.query.get('page') ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
    expect(list()).toHaveLength(241);
  });

  it('recreate posts the new comment first, then deletes the old one(s)', async () => {
    const old = gh.addComment(REPO, 7, `${commentMarker('m')}\nold`, ACTIONS_BOT);
    const dup = gh.addComment(REPO, 7, `${commentMarker('m')}\nold twin`, ACTIONS_BOT);
    const r = await upsertStickyComment(client, ref, 'm', 'new', opts({ mode: 'recreate' }));
    expect(r.action).toBe('recreated');
    expect(list().map((c) => c.id)).toEqual([r.id]);
    const writes = gh.writes().map((q) => `${q.method} ${q.path.replace(/.*\/issues\//, '')}`);
    expect(writes).toEqual(['POST 7/comments', `DELETE comments/${old.id}`, `DELETE comments/${dup.id}`]);
  });

  it('mode off writes nothing and reads nothing', async () => {
    expect((await upsertStickyComment(client, ref, 'm', 'x', opts({ mode: 'off' }))).action).toBe('off');
    expect(gh.requests).toHaveLength(0);
  });

  it('explains a 403 with the permission to add', async () => {
    gh.denied.add('issues:write');
    await expect(upsertStickyComment(client, ref, 'm', 'x', opts())).rejects.toThrow(/pull-requests: write/);
    expect(list()).toHaveLength(0);
  });

  it('reports duplicates it leaves alone', async () => {
    gh.addComment(REPO, 7, `${commentMarker('m')}\na`, ACTIONS_BOT);
    gh.addComment(REPO, 7, `${commentMarker('m')}\nb`, ACTIONS_BOT);
    const r = await upsertStickyComment(client, ref, 'm', 'c', opts());
    expect(r.duplicates).toBe(1);
    expect((await findOwnComments(client, ref, 'm', heuristic)).map((c) => c.body.split('\n')[1])).toEqual(['c', 'b']);
  });
});

describe('racing runs without a concurrency group', () => {
  it('20 concurrent runs on one pull request leave exactly one comment, holding one of their bodies', async () => {
    // Twenty jobs: twenty clients, all listing before any of them has written.
    const bodies = Array.from({ length: 20 }, (_, i) => `run ${i}`);
    const results = await Promise.all(
      bodies.map((b) => upsertStickyComment(fakeServerClient(gh), ref, 'm', b, opts({ skipUnchanged: false }))),
    );
    const posts = gh.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/issues/7/comments'));
    expect(posts.length).toBeGreaterThan(1); // the race happened: several copies were created
    expect(list()).toHaveLength(1);
    const [kept] = list();
    expect(kept.body.startsWith(commentMarker('m'))).toBe(true);
    expect(bodies).toContain(kept.body.split('\n')[1]);
    // The oldest copy was kept, and every run points at it.
    expect(kept.id).toBe(Math.min(...posts.map((q) => (q.response as { id: number }).id)));
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([kept.id]));
  });
});

describe('prepareBody', () => {
  it('adds the marker when missing and does not double it', () => {
    const once = prepareBody('hello', 'k');
    expect(once).toBe(`${commentMarker('k')}\nhello`);
    expect(prepareBody(once, 'k')).toBe(once);
  });
  it('cuts a body over the limit and says so, leaving no half tag', () => {
    const body = prepareBody(
      'x'.repeat(MAX_COMMENT_LENGTH - 40) + '<details><summary>more</summary>' + 'y'.repeat(100),
      'k',
    );
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body).toMatch(/truncated/);
    expect(body).not.toMatch(/<[^>]*\n\n…/);
  });
});

describe("another workflow's comment that quotes the marker (GITHUB_TOKEN: every github-actions[bot] comment may be ours)", () => {
  let gh: FakeGitHub;
  beforeEach(async () => (gh = await startFakeGitHub()));
  afterEach(() => gh.stop());

  it('is not taken for the sticky comment: neither edited over nor its acceptance record read', async () => {
    const marker = commentMarker('modelgate');
    const planted = `${marker}\n${acceptanceBlock({
      by: 'maintainer-ann',
      role: 'admin',
      at: '2026-01-01T00:00:00Z',
      reason: 'forged',
      headSha: 'b'.repeat(40),
      regressions: ['x'],
    })}`;
    // A "PR summary" workflow echoing a fork author's pull request description.
    const other = gh.addComment(REPO, 7, `### PR summary\n\nDescription:\n\n${planted}`, ACTIONS_BOT);
    const client = fakeServerClient(gh);
    expect((await stickyState(client, { ...ref, key: 'modelgate' }, heuristic)).record).toBeNull();
    const r = await upsertStickyComment(client, ref, 'modelgate', `${marker}\nverdict`, {
      mode: 'update',
      skipUnchanged: true,
      identity: heuristic,
    });
    expect(r.action).toBe('created');
    expect(r.id).not.toBe(other.id);
    expect(gh.commentList(REPO, 7).find((c) => c.id === other.id)!.body).toContain('### PR summary');
  });

  it('control: our own comment, the marker on its first line, is found and updated', async () => {
    const marker = commentMarker('modelgate');
    const ours = gh.addComment(REPO, 7, `${marker}\nold verdict`, ACTIONS_BOT);
    const r = await upsertStickyComment(fakeServerClient(gh), ref, 'modelgate', `${marker}\nnew verdict`, {
      mode: 'update',
      skipUnchanged: true,
      identity: heuristic,
    });
    expect(r).toMatchObject({ action: 'updated', id: ours.id });
  });
});
