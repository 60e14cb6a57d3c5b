// /modelgate accept on a pull request that regresses on every class, against the fake GitHub App
// API: the sticky comment keeps its verdict, Accepted section, record and footer within GitHub's
// limit (counted in UTF-8 bytes), and a re-run of the same head keeps the acceptance. Records
// written by the first format (every regression listed) keep working.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/core/report/types.js';
import { readAcceptanceBlock } from '../../src/github/acceptance.js';
import { APP_BOT, commentPayload, workflowRunPayload } from '../helpers/fake-github-app.js';
import { HEAD_SHA, REPO, addHeadRun, reportOf, seedPull, startWorld, type World } from './world.js';

const ADMIN = { login: 'maintainer-ann', id: 21, type: 'User' as const };
const LIMIT = 65536;
const MARKER = '<!-- modelgate:comment key=modelgate -->';
const FOOTER = /<sub>\[workflow run\]\(https:\/\/github\.com\/.*\) · base aaaaaaa.* · head bbbbbbb/;

/** Reports (without per-example predictions, as `evaluate --no-predictions`) where every class drops from 12/12 to 2/12 on validation and test. */
async function everyClassDrops(names: string[]): Promise<{ base: Report; head: Report }> {
  const drop = Object.fromEntries(names.map((n) => [n, 2]));
  const o = { keepPredictions: false };
  return {
    base: await reportOf({ classes: names, perClass: 12 }, 'a'.repeat(40), o),
    head: await reportOf({ classes: names, perClass: 12, found: { validation: drop, test: drop } }, HEAD_SHA, o),
  };
}

let imagenet: { base: Report; head: Report };
let cjk: { base: Report; head: Report };
beforeAll(async () => {
  imagenet = await everyClassDrops(Array.from({ length: 1000 }, (_, i) => `n${String(i).padStart(8, '0')}`));
  const long = '鸟类物种名称很长的中文标签'.repeat(5);
  cjk = await everyClassDrops(Array.from({ length: 150 }, (_, i) => `${long}${String(i).padStart(3, '0')}`));
}, 60_000);

let w: World;
beforeEach(async () => {
  w = await startWorld();
  w.gh.setRole(REPO, ADMIN.login, 'admin');
});
afterEach(() => w.stop());

const sticky = (pr: number) => w.gh.commentList(REPO, pr).find((c) => c.body.includes(MARKER))!;
const conclusion = () => w.gh.checkRuns.filter((c) => c.head_sha === HEAD_SHA).at(-1)!.conclusion;

async function failingPull(number: number, reports: { base: Report; head: Report }): Promise<void> {
  const run = seedPull(w.gh, { number, ...reports });
  await w.send('workflow_run', workflowRunPayload(w.gh, run));
  expect(conclusion()).toBe('failure');
}

async function rerun(number: number, head: Report): Promise<void> {
  await w.send('workflow_run', workflowRunPayload(w.gh, addHeadRun(w.gh, { number, head }, HEAD_SHA)));
}

/** Whole and within the limit: no truncation, every `<b>` and `<details>` closed, no cut reference, the footer last. */
function expectWhole(body: string): void {
  expect(Buffer.byteLength(body)).toBeLessThanOrEqual(LIMIT);
  expect(body).not.toContain('(truncated:');
  expect(body.match(/<b>/g)?.length ?? 0).toBe(body.match(/<\/b>/g)?.length ?? 0);
  expect(body.match(/<details>/g)?.length ?? 0).toBe(body.match(/<\/details>/g)?.length ?? 0);
  expect(body.match(/&(?!#?[A-Za-z0-9]+;)/g) ?? []).toEqual([]);
  expect(body.trimEnd().split('\n').at(-1)).toMatch(FOOTER);
}

describe('accepting 2,000 regressions', () => {
  it('keeps the verdict, the Accepted section, a bounded record and the footer; a re-run of the same head stays accepted', async () => {
    await failingPull(30, imagenet);
    await w.send(
      'issue_comment',
      commentPayload(REPO, 30, '/modelgate accept broken preprocessing, fixed in #8', ADMIN),
    );
    expect(conclusion()).toBe('success');
    const body = sticky(30).body;
    expectWhole(body);
    expect(body).toContain('❌ **modelgate: fail**');
    expect(body).toContain('### Accepted');
    expect(body).toMatch(/- … and 1990 more/);
    const record = readAcceptanceBlock(body)!;
    expect(record).toMatchObject({ by: ADMIN.login, headSha: HEAD_SHA, count: 2000 });
    expect(record.regressions).toHaveLength(10);
    expect(body.indexOf('<!-- modelgate:acceptance ')).toBe(MARKER.length + 1);
    expect(body.split('\n')[1].length).toBeLessThan(4096);

    await rerun(30, imagenet.head);
    expect(conclusion()).toBe('success');
    const again = sticky(30).body;
    expectWhole(again);
    expect(again).toContain('### Accepted');
    expect(readAcceptanceBlock(again)).toEqual(record);
  }, 180_000); // three evaluations of 1,000 classes through the bot: ~15 s each
});

describe('accepting regressions of long CJK class names with a long CJK reason', () => {
  it('budgets the acceptance in bytes: no item cut, the footer kept', async () => {
    await failingPull(31, cjk);
    const reason = `新的分词器用这些类别换取速度，这是有意的。${'原因说明'.repeat(110)}`;
    await w.send('issue_comment', commentPayload(REPO, 31, `/modelgate accept ${reason}`, ADMIN));
    expect(conclusion()).toBe('success');
    const body = sticky(31).body;
    expectWhole(body);
    expect(Buffer.byteLength(body)).toBeGreaterThan(LIMIT / 2); // the class lists filled the budget
    expect(body).toContain('### Accepted');
    expect(body).toContain('> 新的分词器用这些类别换取速度');
  });
});

describe('an acceptance recorded in the first format', () => {
  it('(every regression listed, no count or digest) is honoured by a re-run and recorded again, bounded', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `class${i}`);
    const small = await everyClassDrops(names);
    await failingPull(32, small);
    // What the bot wrote before: the full list in the record, right under the marker.
    const regressions = names.flatMap((n) => [`validation: class ${n} recall`, `test: class ${n} recall`]);
    // Its command comment, as GitHub holds it (a record counts only while that comment says it).
    const command = commentPayload(REPO, 32, '/modelgate accept intended', ADMIN);
    command.comment.created_at = '2026-01-01T00:00:05Z';
    w.gh.storeDeliveredComment(REPO, 32, { ...command.comment, user: ADMIN });
    const old = {
      by: ADMIN.login,
      role: 'admin',
      at: '2026-01-01T00:00:05Z',
      reason: 'intended',
      headSha: HEAD_SHA,
      commentUrl: command.comment.html_url,
    };
    const block = Buffer.from(JSON.stringify({ ...old, regressions })).toString('base64url');
    const comment = sticky(32);
    expect(comment.user.login).toBe(APP_BOT.login);
    comment.body = comment.body.replace(`${MARKER}\n`, `${MARKER}\n<!-- modelgate:acceptance ${block} -->\n\n`);

    await rerun(32, small.head);
    expect(conclusion()).toBe('success');
    const body = sticky(32).body;
    expect(body).toContain('### Accepted');
    expect(body).toContain('- … and 30 more');
    const record = readAcceptanceBlock(body)!;
    expect(record).toMatchObject({ ...old, count: 40, regressions: regressions.slice(0, 10) });
    expect(record.digest).toMatch(/^[0-9a-f]{64}$/);
  });
});
