// The acceptance record hidden in the bot's sticky comment is a pointer, not the truth: anyone with
// write access can edit any comment of a repository (the bot's included), so a re-run honours a
// record only while the command comment it names still says it, by its author, at its time, and
// its author may still accept. Found by a review: a record planted by hand turned the check green
// "accepted by @maintainer-ann" for a command ann never wrote.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/core/report/types.js';
import { acceptanceBlock, readAcceptanceBlock, type Acceptance } from '../../src/github/acceptance.js';
import { commentPayload, workflowRunPayload } from '../helpers/fake-github-app.js';
import {
  BASE_MODEL,
  HEAD_MODEL,
  HEAD_SHA,
  REPO,
  addHeadRun,
  reportOf,
  seedPull,
  startWorld,
  type World,
} from './world.js';

const ADMIN = { login: 'maintainer-ann', id: 21, type: 'User' as const };
const WRITER = { login: 'contributor-bo', id: 22, type: 'User' as const };
const MARKER = '<!-- modelgate:comment key=modelgate -->';
let base: Report;
let head: Report;
beforeAll(async () => {
  base = await reportOf(BASE_MODEL, 'a'.repeat(40));
  head = await reportOf(HEAD_MODEL, HEAD_SHA);
});
let w: World;
beforeEach(async () => {
  w = await startWorld();
  w.gh.setRole(REPO, ADMIN.login, 'admin');
  w.gh.setRole(REPO, WRITER.login, 'read');
});
afterEach(() => w.stop());

const sticky = (pr: number) => w.gh.commentList(REPO, pr).find((c) => c.body.startsWith(MARKER))!;
const lastCheck = () => w.gh.checkRuns.filter((c) => c.head_sha === HEAD_SHA && c.name === 'modelgate').at(-1)!;
const rerun = (pr: number) =>
  w.send('workflow_run', workflowRunPayload(w.gh, addHeadRun(w.gh, { number: pr, head }, HEAD_SHA)));

/** A failing pull request accepted by ADMIN; returns its record and command. */
async function accepted(pr: number, reason = 'intended') {
  await w.send('workflow_run', workflowRunPayload(w.gh, seedPull(w.gh, { number: pr, base, head })));
  const command = commentPayload(REPO, pr, `/modelgate accept ${reason}`, ADMIN);
  await w.send('issue_comment', command);
  expect(lastCheck().conclusion).toBe('success');
  return { record: readAcceptanceBlock(sticky(pr).body)!, command };
}

/** Replaces the record in the sticky comment by hand, as an edit in GitHub's UI would. */
function plant(pr: number, record: Acceptance): void {
  const c = sticky(pr);
  const without = c.body.replace(/<!-- modelgate:acceptance [A-Za-z0-9_-]+ -->\n?/, '');
  const nl = without.indexOf('\n');
  c.body = `${without.slice(0, nl + 1)}${acceptanceBlock(record)}\n${without.slice(nl + 1)}`;
  c.updated_at = new Date().toISOString();
}

describe('a re-run of an accepted head', () => {
  it('control: stays accepted while the command comment says what the record says', async () => {
    await accepted(40);
    await rerun(40);
    expect(lastCheck()).toMatchObject({ conclusion: 'success' });
    expect(lastCheck().output.title).toBe('accepted by @maintainer-ann: intended');
  });

  it('a record planted with no command behind it (or naming a comment that is not there) does not count', async () => {
    const { record } = await accepted(41);
    // PR 42 fails and nobody accepted it; somebody writes a record into the bot's comment.
    await w.send('workflow_run', workflowRunPayload(w.gh, seedPull(w.gh, { number: 42, base, head })));
    expect(lastCheck().conclusion).toBe('failure');
    const { commentUrl: _url, ...noUrl } = record;
    plant(42, { ...noUrl, reason: 'FORGED: never written by ann' });
    await rerun(42);
    expect(lastCheck().conclusion).toBe('failure');
    plant(42, { ...record, commentUrl: `https://github.com/${REPO}/pull/42#issuecomment-987654321` });
    await rerun(42);
    expect(lastCheck().conclusion).toBe('failure');
    expect(sticky(42).body).not.toContain('### Accepted');
  });

  it("a record pointing at another pull request's real command does not count here", async () => {
    const { record } = await accepted(43);
    await w.send('workflow_run', workflowRunPayload(w.gh, seedPull(w.gh, { number: 44, base, head })));
    plant(44, record);
    await rerun(44);
    expect(lastCheck().conclusion).toBe('failure');
  });

  it("a record whose reason or author differs from its command's does not count", async () => {
    const { record } = await accepted(45);
    plant(45, { ...record, reason: 'a better story' });
    await rerun(45);
    expect(lastCheck().conclusion).toBe('failure');
    const { record: again } = await accepted(46);
    plant(46, { ...again, by: WRITER.login });
    await rerun(46);
    expect(lastCheck().conclusion).toBe('failure');
  });

  it('the command edited since, or its author no longer allowed to accept: not accepted any more', async () => {
    const { command } = await accepted(47);
    const stored = w.gh.delivered.get(`${REPO}#47`)!.find((c) => c.id === command.comment.id)!;
    stored.body = 'never mind';
    await rerun(47);
    expect(lastCheck().conclusion).toBe('failure');

    await accepted(48);
    w.gh.setRole(REPO, ADMIN.login, 'read');
    await rerun(48);
    expect(lastCheck().conclusion).toBe('failure');
  });
});
