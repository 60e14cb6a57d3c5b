// Several comment keys on one pull request (a matrix of models, each with its own `comment-key`):
// `/modelgate accept` and `/modelgate explain` act on every key of the head, or on the one
// `--key <key>` names. Against the fake GitHub App API, with real reports and webhook payloads.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Report } from '../../src/core/report/types.js';
import { readAcceptanceBlock } from '../../src/github/acceptance.js';
import { parseCommand } from '../../src/github/commands.js';
import { commentPayload, workflowRunPayload } from '../helpers/fake-github-app.js';
import { outsideDetails } from '../helpers/scenario.js';
import {
  AWKWARD,
  BASE_MODEL,
  BASE_SHA,
  HEAD_MODEL,
  HEAD_SHA,
  REPO,
  addKeyedRun,
  reportOf,
  startWorld,
  type World,
} from './world.js';

const ADMIN = { login: 'maintainer-ann', id: 21, type: 'User' as const };

let base: Report;
let unchanged: Report;
let regressed: Report;
beforeAll(async () => {
  base = await reportOf(BASE_MODEL, BASE_SHA);
  unchanged = await reportOf(BASE_MODEL, HEAD_SHA);
  regressed = await reportOf(HEAD_MODEL, HEAD_SHA);
});

let w: World;
beforeEach(async () => {
  w = await startWorld();
  w.gh.setRole(REPO, ADMIN.login, 'admin');
});
afterEach(() => w.stop());

const comments = (pr: number) => w.gh.commentList(REPO, pr);
const sticky = (pr: number, key: string) =>
  comments(pr).find((c) => c.body.includes(`<!-- modelgate:comment key=${key} -->`))!.body;
const replies = (pr: number) => comments(pr).filter((c) => !c.body.includes('<!-- modelgate:comment key='));
const check = (key: string) => w.gh.checkRuns.filter((c) => c.head_sha === HEAD_SHA && c.name === `modelgate/${key}`);
const status = (key: string) => w.gh.statuses.filter((s) => s.sha === HEAD_SHA && s.context === `modelgate/${key}`);

/** PR `number` with baselines for every key and one run evaluating each key's head model. */
async function matrixPull(number: number, heads: Record<string, Report>) {
  w.gh.addPull(REPO, { number, headSha: HEAD_SHA, baseSha: BASE_SHA, baseRef: 'main', headRepo: REPO });
  const bases = Object.fromEntries(Object.keys(heads).map((k) => [k, base]));
  addKeyedRun(w.gh, { sha: BASE_SHA, pullRequest: null, reports: bases });
  const run = addKeyedRun(w.gh, { sha: HEAD_SHA, pullRequest: number, reports: heads });
  await w.send('workflow_run', workflowRunPayload(w.gh, run));
  return run;
}

describe('the command parser: `--key <key>` in front of the argument', () => {
  it('reads the key, and leaves a reason or class that merely starts with a word alone', () => {
    expect(parseCommand('/modelgate accept --key large the new tokenizer')).toEqual({
      name: 'accept',
      key: 'large',
      reason: 'the new tokenizer',
    });
    expect(parseCommand('/modelgate accept --key=large  intended')).toEqual({
      name: 'accept',
      key: 'large',
      reason: 'intended',
    });
    expect(parseCommand('/modelgate explain --KEY modelgate/large "a b"')).toEqual({
      name: 'explain',
      key: 'modelgate/large',
      className: 'a b',
    });
    expect(parseCommand('/modelgate accept --key')).toEqual({ name: 'accept', key: '', reason: '' });
    expect(parseCommand('/modelgate accept key large is fine')).toEqual({
      name: 'accept',
      reason: 'key large is fine',
    });
    expect(parseCommand('/modelgate accept --keyboard layout changed')).toEqual({
      name: 'accept',
      reason: '--keyboard layout changed',
    });
    expect(parseCommand('/modelgate explain large')).toEqual({ name: 'explain', className: 'large' });
  });
});

describe('/modelgate accept with two keys (small passes, large fails)', () => {
  it('accepts every failing key: only modelgate/large turns green, recorded in its own comment; small untouched', async () => {
    await matrixPull(40, { small: unchanged, large: regressed });
    expect(check('small').at(-1)!.conclusion).toBe('success');
    expect(check('large').at(-1)!.conclusion).toBe('failure');
    const [smallBefore, smallChecks, smallStatuses] = [
      sticky(40, 'small'),
      check('small').length,
      status('small').length,
    ];
    const payload = commentPayload(REPO, 40, '/modelgate accept the large model trades this class for speed', ADMIN);
    await w.send('issue_comment', payload);
    expect(check('large').at(-1)!).toMatchObject({
      conclusion: 'success',
      output: expect.objectContaining({
        title: 'accepted by @maintainer-ann: the large model trades this class for speed',
      }),
    });
    expect(status('large').at(-1)).toMatchObject({ state: 'success' });
    expect(outsideDetails(sticky(40, 'large'))).toContain('### Accepted');
    expect(readAcceptanceBlock(sticky(40, 'large'))).toMatchObject({
      by: ADMIN.login,
      headSha: HEAD_SHA,
      reason: 'the large model trades this class for speed',
      regressions: expect.arrayContaining([`test: class ${AWKWARD} recall`]),
    });
    // small: nothing written.
    expect(sticky(40, 'small')).toBe(smallBefore);
    expect(readAcceptanceBlock(sticky(40, 'small'))).toBeNull();
    expect(check('small')).toHaveLength(smallChecks);
    expect(status('small')).toHaveLength(smallStatuses);
    // The reply says which keys were accepted and why the others were not.
    const [reply] = replies(40).map((c) => c.body);
    expect(reply).toMatch(/^Accepted the regressions of `bbbbbbbbbbbb` for 1 of 2 keys:/);
    expect(reply).toContain('- `large`: accepted');
    expect(reply).toContain('- `small`: nothing to accept, the verdict is pass');
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', '+1']);
  });

  it('two failing keys: both accepted, each recorded in its own comment', async () => {
    await matrixPull(41, { small: unchanged, medium: regressed, large: regressed });
    await w.send('issue_comment', commentPayload(REPO, 41, '/modelgate accept both models trade it', ADMIN));
    for (const key of ['medium', 'large']) {
      expect(check(key).at(-1)!.conclusion).toBe('success');
      expect(readAcceptanceBlock(sticky(41, key))).toMatchObject({ reason: 'both models trade it' });
    }
    expect(replies(41)[0].body).toMatch(/^Accepted the regressions of `bbbbbbbbbbbb` for 2 of 3 keys:/);
  });

  it('--key large: only that key, the reason without the selector', async () => {
    await matrixPull(42, { medium: regressed, large: regressed });
    const mediumBefore = sticky(42, 'medium');
    const payload = commentPayload(REPO, 42, '/modelgate accept --key large only the large one is intended', ADMIN);
    await w.send('issue_comment', payload);
    expect(check('large').at(-1)!.output.title).toBe('accepted by @maintainer-ann: only the large one is intended');
    expect(readAcceptanceBlock(sticky(42, 'large'))).toMatchObject({ reason: 'only the large one is intended' });
    expect(check('medium').at(-1)!.conclusion).toBe('failure');
    expect(sticky(42, 'medium')).toBe(mediumBefore);
    expect(replies(42)[0].body).toMatch(
      /^Accepted the regressions of `bbbbbbbbbbbb` for 1 of 1 key:\n\n- `large`: accepted/,
    );
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', '+1']);
    // The check's name selects it too.
    await w.send('issue_comment', commentPayload(REPO, 42, '/modelgate accept --key=modelgate/medium fine too', ADMIN));
    expect(check('medium').at(-1)!.output.title).toBe('accepted by @maintainer-ann: fine too');
  });

  it('an unknown or missing key: the keys are listed, and nothing changes', async () => {
    await matrixPull(43, { small: unchanged, large: regressed });
    const n = w.gh.checkRuns.length;
    const unknown = commentPayload(REPO, 43, '/modelgate accept --key huge intended', ADMIN);
    await w.send('issue_comment', unknown);
    await w.send('issue_comment', commentPayload(REPO, 43, '/modelgate explain --key', ADMIN));
    expect(w.gh.checkRuns).toHaveLength(n);
    const [a, b] = replies(43).map((c) => c.body);
    expect(a).toBe(
      'The head `bbbbbbbbbbbb` has no evaluation with the key `huge`; its keys are `large`, `small`. Nothing was accepted.',
    );
    expect(b).toBe('Which key? `--key <key>`; the keys of the head `bbbbbbbbbbbb` are `large`, `small`.');
    expect(w.gh.reactionsOn(unknown.comment.id)).toEqual(['eyes', 'confused']);
  });

  it('nothing fails: refused, naming each key', async () => {
    await matrixPull(44, { small: unchanged, large: unchanged });
    const payload = commentPayload(REPO, 44, '/modelgate accept intended', ADMIN);
    await w.send('issue_comment', payload);
    expect(replies(44)[0].body).toBe(
      'Accepted the regressions of `bbbbbbbbbbbb` for 0 of 2 keys:\n\n- `large`: nothing to accept, the verdict is pass\n- `small`: nothing to accept, the verdict is pass',
    );
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', 'confused']);
  });

  it('the stale-command rule holds per key: a key evaluated after the command is not accepted', async () => {
    await matrixPull(45, { medium: regressed });
    // The large model's evaluation comes from a second run of the head, after the command.
    const late = addKeyedRun(w.gh, { sha: HEAD_SHA, pullRequest: 45, reports: { large: regressed } });
    addKeyedRun(w.gh, { sha: BASE_SHA, pullRequest: null, reports: { large: base } });
    await w.send('workflow_run', workflowRunPayload(w.gh, late));
    const payload = commentPayload(REPO, 45, '/modelgate accept intended', ADMIN);
    payload.comment.created_at = new Date(Date.parse(late.created_at) + 500).toISOString(); // before its upload
    await w.send('issue_comment', payload);
    expect(check('medium').at(-1)!.conclusion).toBe('success');
    expect(check('large').at(-1)!.conclusion).toBe('failure');
    expect(readAcceptanceBlock(sticky(45, 'large'))).toBeNull();
    const reply = replies(45)[0].body;
    expect(reply).toMatch(/^Accepted the regressions of `bbbbbbbbbbbb` for 1 of 2 keys:/);
    expect(reply).toContain('- `medium`: accepted');
    expect(reply).toMatch(/- `large`: not accepted: this command was written at .*, before this key's evaluation/);
    expect(reply).toContain('`/modelgate accept --key large <reason>`');
  });
});

describe('/modelgate explain with two keys', () => {
  it("shows each key's figures, labelled by key", async () => {
    await matrixPull(50, { small: unchanged, large: regressed });
    await w.send('issue_comment', commentPayload(REPO, 50, `/modelgate explain ${AWKWARD}`, ADMIN));
    const [reply] = replies(50).map((c) => c.body);
    const large = reply.indexOf('### modelgate/large');
    const small = reply.indexOf('### modelgate/small');
    expect(large).toBe(0);
    expect(small).toBeGreaterThan(large);
    const part = (from: number, to?: number) => {
      const s = reply.slice(from, to);
      return s.slice(s.indexOf('**test**'));
    };
    expect(part(large, small)).toMatch(/\| head \| 50 \| 20 \| 20 \| 40\.0% \| 100\.0% \| dog \(30\) \|/);
    expect(part(small)).toMatch(/\| head \| 50 \| 50 \| 50 \| 100\.0% \| 100\.0% \| — \|/);
  });

  it('--key shows one key', async () => {
    await matrixPull(51, { small: unchanged, large: regressed });
    await w.send('issue_comment', commentPayload(REPO, 51, '/modelgate explain --key small dog', ADMIN));
    const [reply] = replies(51).map((c) => c.body);
    expect(reply).toMatch(/^### modelgate\/small\n\n#### Class dog/);
    expect(reply).not.toContain('modelgate/large');
  });
});
