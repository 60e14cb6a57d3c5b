// The bot's baseline: the evaluation artifact of a push run at the pull request's base commit.
// That commit is the default branch's tip, where every workflow runs (CI, lint, CodeQL on the
// push; comment-triggered and scheduled ones too): a review found the baseline's run buried
// under 10 newer runs and the regression passed as "no baseline". Push runs are asked for alone,
// and more of them are looked at.
import { afterEach, beforeAll, beforeEach, expect, it } from '@jest/globals';
import type { Report } from '../../src/core/report/types.js';
import { workflowRunPayload } from '../helpers/fake-github-app.js';
import {
  BASE_MODEL,
  BASE_SHA,
  HEAD_MODEL,
  HEAD_SHA,
  REPO,
  reportOf,
  seedPull,
  startWorld,
  type World,
} from './world.js';

let base: Report;
let head: Report;
beforeAll(async () => {
  base = await reportOf(BASE_MODEL, BASE_SHA);
  head = await reportOf(HEAD_MODEL, HEAD_SHA);
});
let w: World;
beforeEach(async () => (w = await startWorld()));
afterEach(() => w.stop());
const lastCheck = () => w.gh.checkRuns.filter((c) => c.head_sha === HEAD_SHA && c.name === 'modelgate').at(-1)!;

it.each([0, 12, 60])(
  '%i newer runs of other workflows at the base commit: the baseline is found, the regression fails',
  async (others) => {
    const run = seedPull(w.gh, { number: 50, base, head });
    // Newer than the baseline's push run: a third push runs (lint, docs), the rest comment-triggered and scheduled.
    for (let i = 0; i < others; i++)
      w.gh.addRun(REPO, { sha: BASE_SHA, event: ['push', 'issue_comment', 'schedule'][i % 3] });
    await w.send('workflow_run', workflowRunPayload(w.gh, run));
    expect(lastCheck().conclusion).toBe('failure');
    expect(lastCheck().output.title).not.toMatch(/no baseline/i);
    // The runs were asked for by event: the comment-triggered ones were never listed.
    const listed = w.gh.requests.filter(
      (r) => r.path.endsWith('/actions/runs') && r.query.get('head_sha') === BASE_SHA,
    );
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.map((r) => r.query.get('event'))).toEqual(listed.map(() => 'push'));
  },
);
