// /modelgate explain and /modelgate accept against the fake GitHub App API, with real reports.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/core/report/types.js';
import { readAcceptanceBlock } from '../../src/github/acceptance.js';
import { WJ } from '../../src/core/render/escape.js';
import { APP_BOT, commentPayload, workflowRunPayload } from '../helpers/fake-github-app.js';
import { outsideDetails } from '../helpers/scenario.js';
import {
  AWKWARD,
  BASE_MODEL,
  HEAD2_SHA,
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
const READER = { login: 'drive-by-dan', id: 22, type: 'User' as const };

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
  w.gh.setRole(REPO, READER.login, 'read');
});
afterEach(() => w.stop());

const comments = (pr: number) => w.gh.commentList(REPO, pr);
const sticky = (pr: number) => comments(pr).find((c) => c.body.includes('<!-- modelgate:comment key=modelgate -->'));
const checks = (sha: string) => w.gh.checkRuns.filter((c) => c.head_sha === sha && c.name === 'modelgate');
const statuses = (sha: string) => w.gh.statuses.filter((s) => s.sha === sha && s.context === 'modelgate');

describe('/modelgate explain', () => {
  it('shows a class with an awkward name for base and head on every split, escaped', async () => {
    seedPull(w.gh, { number: 1, base, head });
    const payload = commentPayload(REPO, 1, `/modelgate explain ${AWKWARD}`, ADMIN);
    await w.send('issue_comment', payload);
    const [reply] = comments(1).map((c) => c.body);
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', '+1']);
    // No raw HTML, mention, emphasis, table-breaking pipe or issue reference from the name.
    expect(reply).not.toContain('<img');
    expect(reply).not.toMatch(/@octocat/);
    expect(reply).toContain(`@${WJ}octocat`);
    expect(reply).not.toMatch(/(^|[^&])#12/);
    expect(reply).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(reply).toContain('&#42;cat&#42;');
    // Every split, base then head, with the figures of the prediction files.
    for (const split of ['train', 'validation', 'test']) expect(reply).toContain(`**${split}**`);
    const testPart = reply.slice(reply.indexOf('**test**'));
    expect(testPart).toMatch(/\| base \| 50 \| 50 \| 50 \| 100\.0% \| 100\.0% \| — \|/);
    expect(testPart).toMatch(/\| head \| 50 \| 20 \| 20 \| 40\.0% \| 100\.0% \| dog \(30\) \|/);
    expect(testPart).toMatch(
      /status \*\*regression\*\* · McNemar test · p [<=] [\d.]+ · q [<=] [\d.]+ · base-only 30, head-only 0/,
    );
    // Splits where it did not move say so.
    const train = reply.slice(reply.indexOf('**train**'), reply.indexOf('**validation**'));
    expect(train).toMatch(/not judged on this split|status \*\*(unchanged|noise)\*\*/);
    expect(train).toMatch(/\| head \| 50 \| 50 \| 50 \| 100\.0% \| 100\.0% \| — \|/);
  });

  it('finds a class ignoring case, and lists the classes for an unknown one', async () => {
    seedPull(w.gh, { number: 2, base, head });
    await w.send('issue_comment', commentPayload(REPO, 2, '/modelgate explain DOG', ADMIN));
    expect(comments(2)[0].body).toMatch(/^#### Class dog/);
    const p = commentPayload(REPO, 2, '/modelgate explain <b>unicorn</b>', READER);
    await w.send('issue_comment', p);
    const listing = comments(2)[1].body;
    expect(listing).toMatch(/^No class is named &lt;b&gt;unicorn&lt;\/b&gt;\. The classes are: /);
    expect(listing).toContain('bird, dog');
    expect(listing).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(w.gh.reactionsOn(p.comment.id)).toEqual(['eyes', 'confused']);
  });

  it('says so when the head has no evaluation yet', async () => {
    w.gh.addPull(REPO, { number: 3, headSha: HEAD_SHA, baseSha: 'a'.repeat(40), baseRef: 'main', headRepo: REPO });
    await w.send('issue_comment', commentPayload(REPO, 3, '/modelgate explain dog', ADMIN));
    expect(comments(3)[0].body).toMatch(/^I found no modelgate evaluation of the head `bbbbbbbbbbbb`/);
  });
});

describe('/modelgate accept', () => {
  async function failingPull(number: number) {
    const run = seedPull(w.gh, { number, base, head });
    await w.send('workflow_run', workflowRunPayload(w.gh, run));
    expect(checks(HEAD_SHA).at(-1)?.conclusion).toBe('failure');
    expect(statuses(HEAD_SHA).at(-1)?.state).toBe('failure');
  }

  it('by an admin: recorded, check and status green "accepted by", an Accepted section', async () => {
    await failingPull(10);
    const before = w.gh.requests.length;
    const payload = commentPayload(REPO, 10, '/modelgate accept the new tokenizer trades this class for speed', ADMIN);
    await w.send('issue_comment', payload);
    // Permission asked of GitHub, not read from author_association.
    expect(w.gh.requests.slice(before).some((r) => r.path.endsWith(`/collaborators/${ADMIN.login}/permission`))).toBe(
      true,
    );
    const check = checks(HEAD_SHA).at(-1)!;
    expect(check.conclusion).toBe('success');
    expect(check.output.title).toBe('accepted by @maintainer-ann: the new tokenizer trades this class for speed');
    expect(statuses(HEAD_SHA).at(-1)).toMatchObject({ state: 'success', description: check.output.title });
    const body = sticky(10)!.body;
    expect(comments(10).filter((c) => c.user.login === APP_BOT.login)).toHaveLength(1);
    const visible = outsideDetails(body);
    expect(visible).toContain('### Accepted');
    expect(visible).toContain(
      `@${WJ}maintainer-ann (admin) accepted the regressions of head \`${HEAD_SHA.slice(0, 12)}\``,
    );
    expect(visible).toContain('> the new tokenizer trades this class for speed');
    const record = readAcceptanceBlock(body)!;
    expect(record).toMatchObject({
      by: ADMIN.login,
      role: 'admin',
      headSha: HEAD_SHA,
      reason: 'the new tokenizer trades this class for speed',
    });
    expect(record.at).toBe(payload.comment.created_at);
    expect(record.regressions).toContain(`test: class ${AWKWARD} recall`);
    expect(record.regressions).toContain('test accuracy');
    expect(visible).toContain(`test: class &lt;img src=x onerror=alert(1)&gt;`);
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', '+1']);
  });

  it('by a read-only user: a polite refusal, and nothing changes', async () => {
    await failingPull(11);
    const stickyBefore = sticky(11)!.body;
    const [checksBefore, statusesBefore] = [w.gh.checkRuns.length, w.gh.statuses.length];
    const payload = commentPayload(REPO, 11, '/modelgate accept looks fine to me', READER);
    await w.send('issue_comment', payload);
    expect(w.gh.checkRuns).toHaveLength(checksBefore);
    expect(w.gh.statuses).toHaveLength(statusesBefore);
    expect(sticky(11)!.body).toBe(stickyBefore);
    const reply = comments(11).at(-1)!.body;
    expect(reply).toMatch(
      /^Sorry @\u2060drive-by-dan, accepting a regression needs write, maintain or admin permission on this repository \(yours: read\)\. Nothing was changed/,
    );
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', 'confused']);
  });

  it('without a reason: refused, nothing changes', async () => {
    await failingPull(12);
    const n = w.gh.checkRuns.length;
    await w.send('issue_comment', commentPayload(REPO, 12, '/modelgate accept', ADMIN));
    expect(w.gh.checkRuns).toHaveLength(n);
    expect(comments(12).at(-1)!.body).toMatch(/^Please say why/);
  });

  it('then a new push: the acceptance no longer applies', async () => {
    await failingPull(13);
    await w.send('issue_comment', commentPayload(REPO, 13, '/modelgate accept intended', ADMIN));
    expect(checks(HEAD_SHA).at(-1)!.conclusion).toBe('success');
    // A new commit with the same regression.
    w.gh.pull(REPO, 13).headSha = HEAD2_SHA;
    const run2 = addHeadRun(w.gh, { number: 13, head }, HEAD2_SHA);
    await w.send('workflow_run', workflowRunPayload(w.gh, run2));
    expect(checks(HEAD2_SHA).at(-1)!.conclusion).toBe('failure');
    expect(statuses(HEAD2_SHA).at(-1)!.state).toBe('failure');
    const body = sticky(13)!.body;
    expect(body).not.toContain('### Accepted');
    expect(readAcceptanceBlock(body)).toBeNull();
    // A re-run on the accepted head keeps it, though.
    w.gh.pull(REPO, 13).headSha = HEAD_SHA;
  });

  /** Head HEAD2_SHA pushed and evaluated (failing) after the pull's first evaluation. */
  async function pushHead2(number: number) {
    w.gh.pull(REPO, number).headSha = HEAD2_SHA;
    const run2 = addHeadRun(w.gh, { number, head }, HEAD2_SHA);
    await w.send('workflow_run', workflowRunPayload(w.gh, run2));
    expect(checks(HEAD2_SHA).at(-1)!.conclusion).toBe('failure');
    return run2;
  }
  const shifted = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  it('written for the previous head, handled late: refused for the new head, which stays red', async () => {
    await failingPull(15);
    const run2 = await pushHead2(15);
    // Written after HEAD_SHA's evaluation, before HEAD2_SHA's run: the delivery came late.
    const payload = commentPayload(REPO, 15, '/modelgate accept the awkward class is intended to drop', ADMIN);
    payload.comment.created_at = shifted(run2.created_at, -500);
    const [checksBefore, statusesBefore, stickyBefore] = [
      w.gh.checkRuns.length,
      w.gh.statuses.length,
      sticky(15)!.body,
    ];
    await w.send('issue_comment', payload);
    expect(w.gh.checkRuns).toHaveLength(checksBefore);
    expect(w.gh.statuses).toHaveLength(statusesBefore);
    expect(checks(HEAD2_SHA).at(-1)!.conclusion).toBe('failure');
    expect(sticky(15)!.body).toBe(stickyBefore);
    expect(readAcceptanceBlock(sticky(15)!.body)).toBeNull();
    const reply = comments(15).at(-1)!.body;
    expect(reply).toMatch(
      new RegExp(
        `^Sorry @\u2060maintainer-ann, this command was written at .*, before the current head \`cccccccccccc\` was evaluated`,
      ),
    );
    expect(reply).toContain('Nothing was accepted.');
    expect(reply).toContain('write `/modelgate accept <reason>` again');
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', 'confused']);
  });

  it('written after the new head was pushed but before its evaluation was uploaded: refused', async () => {
    await failingPull(16);
    const run2 = await pushHead2(16);
    const payload = commentPayload(REPO, 16, '/modelgate accept intended', ADMIN);
    payload.comment.created_at = shifted(run2.created_at, 500); // the fake uploads a second later
    await w.send('issue_comment', payload);
    expect(checks(HEAD2_SHA).at(-1)!.conclusion).toBe('failure');
    expect(comments(16).at(-1)!.body).toMatch(/^Sorry .* before the current head `cccccccccccc` was evaluated/);
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', 'confused']);
  });

  it('control: re-issued after the new head was evaluated, it accepts that head', async () => {
    await failingPull(17);
    const run2 = await pushHead2(17);
    const stale = commentPayload(REPO, 17, '/modelgate accept intended', ADMIN);
    stale.comment.created_at = shifted(run2.created_at, -500);
    await w.send('issue_comment', stale);
    const fresh = commentPayload(REPO, 17, '/modelgate accept intended for this head too', ADMIN);
    fresh.comment.created_at = shifted(run2.created_at, 60_000);
    await w.send('issue_comment', fresh);
    expect(checks(HEAD2_SHA).at(-1)!).toMatchObject({
      conclusion: 'success',
      output: expect.objectContaining({ title: 'accepted by @maintainer-ann: intended for this head too' }),
    });
    expect(readAcceptanceBlock(sticky(17)!.body)).toMatchObject({ headSha: HEAD2_SHA, at: fresh.comment.created_at });
    expect(w.gh.reactionsOn(fresh.comment.id)).toEqual(['eyes', '+1']);
  });

  it('a re-run of the same head keeps the acceptance', async () => {
    await failingPull(14);
    await w.send('issue_comment', commentPayload(REPO, 14, '/modelgate accept intended', ADMIN));
    const rerun = addHeadRun(w.gh, { number: 14, head }, HEAD_SHA);
    await w.send('workflow_run', workflowRunPayload(w.gh, rerun));
    expect(checks(HEAD_SHA).at(-1)!.conclusion).toBe('success');
    expect(sticky(14)!.body).toContain('### Accepted');
  });

  it('a re-run of the same head with another regression is not covered: red, says why, keeps the record', async () => {
    await failingPull(18);
    await w.send('issue_comment', commentPayload(REPO, 18, '/modelgate accept intended', ADMIN));
    const record = readAcceptanceBlock(sticky(18)!.body)!;
    // The same head evaluated again, e.g. after the baseline moved: bird breaks as well.
    const worse = await reportOf({ ...HEAD_MODEL, found: { test: { ...HEAD_MODEL.found!.test, bird: 20 } } }, HEAD_SHA);
    await w.send('workflow_run', workflowRunPayload(w.gh, addHeadRun(w.gh, { number: 18, head: worse }, HEAD_SHA)));
    expect(checks(HEAD_SHA).at(-1)!.conclusion).toBe('failure');
    expect(statuses(HEAD_SHA).at(-1)!.state).toBe('failure');
    const visible = outsideDetails(sticky(18)!.body);
    expect(visible).not.toContain('### Accepted');
    expect(visible).toContain('> [!IMPORTANT]');
    expect(visible).toContain('has 1 other regression. The acceptance does not cover it, so the verdict stands');
    expect(visible).toContain('Not accepted: test: class bird recall.');
    expect(checks(HEAD_SHA).at(-1)!.output.summary).toContain('Not accepted: test: class bird recall.');
    expect(readAcceptanceBlock(sticky(18)!.body)).toEqual(record);
    // Control: the accepted regressions evaluated once more are accepted again.
    await w.send('workflow_run', workflowRunPayload(w.gh, addHeadRun(w.gh, { number: 18, head }, HEAD_SHA)));
    expect(checks(HEAD_SHA).at(-1)!.conclusion).toBe('success');
    expect(outsideDetails(sticky(18)!.body)).toContain('### Accepted');
    expect(sticky(18)!.body).not.toContain('[!IMPORTANT]');
  });
});

describe('a broken .modelgate.yml at the base', () => {
  it('is named in a reply, and nothing else is written', async () => {
    seedPull(w.gh, { number: 20, base, head });
    w.gh.putFile(REPO, 'a'.repeat(40), '.modelgate.yml', 'fdr: { level: lots }\n');
    const payload = commentPayload(REPO, 20, '/modelgate explain dog', ADMIN);
    await w.send('issue_comment', payload);
    expect(comments(20).map((c) => c.body)).toEqual([
      expect.stringMatching(/^modelgate could not answer: \.modelgate\.yml at aaaaaaaaaaaa: fdr\.level/),
    ]);
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', 'confused']);
    expect(w.gh.checkRuns).toEqual([]);
  });
});
