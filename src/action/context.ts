// What the workflow run tells us: repository, event, PR (head, base, fork?), links. Read from
// the GITHUB_* environment and the event payload file, never from the network.

import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

export interface PullRequestInfo {
  number: number;
  headSha: string;
  /** The PR's base commit: the baseline is the report as of this commit. */
  baseSha: string;
  baseRef: string;
  headRepo: string | null;
  baseRepo: string;
  /** Head lives in another repository: the workflow token is read-only unless the repo allows otherwise. */
  fork: boolean;
}

export interface ActionContext {
  eventName: string;
  owner: string;
  repo: string;
  serverUrl: string;
  apiUrl: string;
  job: string;
  /** The commit the workflow runs on (for a PR: the merge commit). */
  sha: string;
  runUrl?: string;
  pr: PullRequestInfo | null;
  /** Push events: the commit before the push (null for a new branch). */
  before: string | null;
  /** workflow_run events: the run that triggered this one (its artifacts hold the evaluation). */
  workflowRun: WorkflowRunInfo | null;
  /** Push events: the branch pushed to (from GITHUB_REF refs/heads/...), '' otherwise. */
  pushBranch: string;
  /** The repository's default branch, from the event payload ('' when absent). */
  defaultBranch: string;
}

export interface WorkflowRunInfo {
  id: number;
  headSha: string;
  /** The event that started the triggering run, e.g. pull_request. */
  event: string;
}

const ZERO_SHA = /^0{40}$/;

/** A commit id (abbreviated or full SHA-1/SHA-256): what a commit link or a git argument may be built from. */
export const COMMIT_ID = /^[0-9a-f]{7,64}$/i;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

export function readEventPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`GITHUB_EVENT_PATH ${path}: expected the event payload (JSON): ${(e as Error).message}`);
  }
}

export function readContext(env: NodeJS.ProcessEnv = process.env): ActionContext {
  const payload = readEventPayload(env.GITHUB_EVENT_PATH);
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const [owner = '', repo = ''] = (
    env.GITHUB_REPOSITORY ??
    str((payload.repository as { full_name?: string })?.full_name) ??
    '/'
  ).split('/');
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const runUrl =
    owner && env.GITHUB_RUN_ID ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;

  let pr: PullRequestInfo | null = null;
  const p = payload.pull_request as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (p && typeof p === 'object') {
    const headSha = str(p.head?.sha);
    const baseSha = str(p.base?.sha);
    const number = Number(p.number ?? payload.number);
    if (!headSha || !baseSha || !Number.isInteger(number)) {
      throw new UsageError(`GITHUB_EVENT_PATH: the pull_request payload lacks head.sha, base.sha or number`);
    }
    const baseRepo = str(p.base?.repo?.full_name) ?? `${owner}/${repo}`;
    // A deleted fork has head.repo = null: still not ours.
    const headRepo = p.head?.repo ? (str(p.head.repo.full_name) ?? null) : null;
    pr = { number, headSha, baseSha, baseRef: str(p.base?.ref) ?? '', headRepo, baseRepo, fork: headRepo !== baseRepo };
  }
  const before = str(payload.before);
  const w = payload.workflow_run as Record<string, unknown> | undefined;
  const workflowRun =
    w && typeof w === 'object' && Number.isSafeInteger(w.id) && str(w.head_sha)
      ? { id: w.id as number, headSha: w.head_sha as string, event: str(w.event) ?? '' }
      : null;
  return {
    eventName,
    owner,
    repo,
    serverUrl,
    apiUrl,
    job: env.GITHUB_JOB ?? '',
    sha: env.GITHUB_SHA || str(payload.after) || '',
    runUrl,
    pr,
    before: before && !ZERO_SHA.test(before) ? before : null,
    workflowRun,
    pushBranch:
      eventName === 'push' ? ((env.GITHUB_REF || str(payload.ref) || '').match(/^refs\/heads\/(.+)$/)?.[1] ?? '') : '',
    defaultBranch: str((payload.repository as { default_branch?: unknown })?.default_branch) ?? '',
  };
}
