// The action's search for `/modelgate accept` among a pull request's comments (findAcceptance),
// against the fake GitHub App API: only unedited comments written after the head's push, a
// command only at the start of its first line, and a long thread's newest comment still found.
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { findAcceptance } from '../../src/github/acceptance.js';
import { parseCommand } from '../../src/github/commands.js';
import { fakeServerClient } from '../helpers/fake-github.js';
import { appKeyPair, startFakeGitHubApp, type FakeGitHubApp } from '../helpers/fake-github-app.js';

const REPO = 'octo/models';
const HEAD = 'f'.repeat(40);
const ADMIN = { login: 'maintainer-ann', id: 21, type: 'User' as const };
const WRITER = { login: 'writer-will', id: 23, type: 'User' as const };
/** Before every comment of the fake's clock (2026-01-01, a second a comment). */
const SINCE = '2025-12-31T12:00:00Z';
let gh: FakeGitHubApp;
beforeEach(async () => {
  gh = await startFakeGitHubApp(appKeyPair().publicKey);
  gh.setRole(REPO, ADMIN.login, 'admin');
  gh.setRole(REPO, WRITER.login, 'write');
  gh.addPull(REPO, { number: 2, headSha: HEAD, baseSha: 'a'.repeat(40), baseRef: 'main', headRepo: REPO });
});
afterEach(() => gh.stop());
const query = (since = SINCE) => ({ owner: 'octo', repo: 'models', prNumber: 2, headSha: HEAD, since });

it('control: an unedited command by an admin is found, with its comment', async () => {
  const c = gh.addComment(REPO, 2, '/modelgate accept intended', ADMIN);
  expect(await findAcceptance(fakeServerClient(gh), query())).toMatchObject({
    by: ADMIN.login,
    reason: 'intended',
    commentUrl: c.html_url,
  });
});

it('a command edited into a comment afterwards is not one (anyone with write access can edit any comment)', async () => {
  const c = gh.addComment(REPO, 2, 'Looks reasonable, will have a closer look tomorrow', ADMIN);
  c.body = '/modelgate accept edited in afterwards';
  c.updated_at = '2026-02-01T00:00:00Z';
  expect(await findAcceptance(fakeServerClient(gh), query())).toBeNull();
});

it('an indented command is quoted code, not a command; quoted and fenced ones neither', async () => {
  gh.addComment(REPO, 2, '    /modelgate accept example from the docs\n\nThat is how you would accept.', ADMIN);
  gh.addComment(REPO, 2, '\t/modelgate accept tab-indented', ADMIN);
  expect(await findAcceptance(fakeServerClient(gh), query())).toBeNull();
  expect(parseCommand('    /modelgate accept x')).toBeNull();
  expect(parseCommand('> /modelgate accept x')).toBeNull();
  expect(parseCommand('```\n/modelgate accept x\n```')).toBeNull();
  // Trailing spaces and a byte-order mark are still fine.
  expect(parseCommand('\uFEFF/modelgate accept x  ')).toMatchObject({ name: 'accept', reason: 'x' });
});

it("after 2,000 comments of discussion, the newest command is found: only comments since the head's push are read", async () => {
  for (let i = 0; i < 2000; i++) gh.addComment(REPO, 2, `chatter ${i}`, WRITER);
  const pushed = new Date(Date.parse(gh.commentList(REPO, 2).at(-1)!.created_at) + 500).toISOString();
  gh.addComment(REPO, 2, '/modelgate accept intended, after a long discussion', ADMIN);
  const got = await findAcceptance(fakeServerClient(gh), query(pushed));
  expect(got).toMatchObject({ by: ADMIN.login, reason: 'intended, after a long discussion' });
  // One page: the 2,000 older comments were not listed.
  const listed = gh.requests.filter((r) => r.method === 'GET' && /\/issues\/2\/comments$/.test(r.path));
  expect(listed).toHaveLength(1);
});

it('a command written before the push does not count', async () => {
  gh.addComment(REPO, 2, '/modelgate accept for the old head', ADMIN);
  const pushed = new Date(Date.parse(gh.commentList(REPO, 2)[0].created_at) + 500).toISOString();
  expect(await findAcceptance(fakeServerClient(gh), query(pushed))).toBeNull();
});
