// Publishing the outcome: report file, outputs, job summary (always), PR comment (pull requests
// only), commit status. Each channel stands alone: a failed write (a full disk, a missing
// GITHUB_OUTPUT file, a refused GitHub call) becomes a warning naming the channel, so the other
// channels and the exit code, which follows the verdict, still do their job.

import * as core from '@actions/core';
import * as log from './log.js';
import type { GitHubClient } from '../github/client.js';
import { upsertStickyComment, type CommentMode, type CommentResult } from '../github/comments.js';
import { GitHubCallError } from '../github/errors.js';
import { whoAmI } from '../github/identity.js';
import { setCommitStatus, type StatusState } from '../github/statuses.js';
import type { PullRequestInfo } from './context.js';

export const FORK_HINT =
  'This pull request comes from a fork, and GitHub gives fork workflows a read-only token, so modelgate cannot ' +
  'comment or set a status here. The verdict is in the job summary and the exit code. To get comments on fork PRs, ' +
  'use two workflows: mode: evaluate-only here and mode: comment in a workflow_run workflow (examples/workflows/ in ' +
  'the modelgate repository) - never check out fork code under pull_request_target.';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Runs one output channel; a failure is one warning naming the channel, never the end of the run. */
export async function channel<T>(what: string, write: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (e) {
    log.warning(`${what} failed: ${messageOf(e).split('\n')[0]}`);
    return undefined;
  }
}

/** One action output; a GITHUB_OUTPUT that cannot be written is a warning. */
export function setOutput(name: string, value: string): Promise<void | undefined> {
  return channel(`setting the output '${name}'`, () => core.setOutput(name, value));
}

/** Writes the job summary; false (with a note) when there is no summary file, e.g. when run locally. */
export async function writeSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    log.info('GITHUB_STEP_SUMMARY is not set (not on a runner?): the job summary was not written');
    return false;
  }
  await core.summary.addRaw(markdown, true).write({ overwrite: false });
  return true;
}

/** What a write came to: done, refused for lack of permission, or failed otherwise (both logged). */
export type WriteOutcome = 'done' | 'denied' | 'failed';

function reportWriteFailure(e: unknown, what: string): WriteOutcome {
  if (!(e instanceof GitHubCallError)) {
    log.warning(`${what} failed: ${messageOf(e).split('\n')[0]}`);
    return 'failed';
  }
  log.warning(e.message);
  return e.permissionDenied ? 'denied' : 'failed';
}

export interface CommentTarget {
  owner: string;
  repo: string;
  pr: PullRequestInfo;
  key: string;
  body: string;
  mode: CommentMode;
  skipUnchanged: boolean;
  /** Most pages of comments searched for ours. */
  maxPages?: number;
}

/** The sticky comment, or why there is none (already logged). */
export async function publishComment(gh: GitHubClient, t: CommentTarget): Promise<CommentResult | WriteOutcome> {
  if (t.mode === 'off') {
    log.info('comment-mode is off: no PR comment');
    return { action: 'off' };
  }
  try {
    const identity = await whoAmI(gh, log.debug);
    log.info(
      identity.login
        ? `commenting as ${identity.login}`
        : 'commenting with the workflow token (own comments = bot comments, github-actions[bot] first)',
    );
    const r = await upsertStickyComment(gh, { owner: t.owner, repo: t.repo, issueNumber: t.pr.number }, t.key, t.body, {
      mode: t.mode,
      skipUnchanged: t.skipUnchanged,
      identity,
      limits: { maxPages: t.maxPages, warn: log.warning },
    });
    const what = {
      created: 'created',
      updated: 'updated',
      unchanged: 'left as is (unchanged)',
      recreated: 'recreated',
      off: 'off',
    }[r.action];
    log.info(`PR comment ${what}: ${r.url ?? ''}`);
    if (r.duplicates) log.info(`${r.duplicates} more comment(s) of ours carry the same key; left alone`);
    return r;
  } catch (e) {
    return reportWriteFailure(e, 'the PR comment');
  }
}

export interface StatusTarget {
  owner: string;
  repo: string;
  sha: string;
  context: string;
  state: StatusState;
  description: string;
  targetUrl?: string;
}

export async function publishStatus(gh: GitHubClient, s: StatusTarget): Promise<WriteOutcome> {
  try {
    await setCommitStatus(gh, s);
    log.info(`commit status ${s.context} = ${s.state} on ${s.sha.slice(0, 12)}`);
    return 'done';
  } catch (e) {
    return reportWriteFailure(e, 'the commit status');
  }
}
