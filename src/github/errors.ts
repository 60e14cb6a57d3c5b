// Turns a failed GitHub call into one line a workflow author can act on: which call, what
// GitHub said, and - for a permission refusal - which `permissions:` entry the job lacks.

import { GitHubLimitError } from './client.js';

/** The GitHub calls modelgate makes, with the workflow permission each needs. */
export const PERMISSION_FOR = {
  comment: 'pull-requests: write',
  status: 'statuses: write',
  contents: 'contents: read',
  contentsWrite: 'contents: write',
  actions: 'actions: read',
  pulls: 'pull-requests: read',
  checks: 'checks: write',
  reaction: 'issues: write',
  metadata: 'metadata: read',
} as const;
export type GitHubOperation = keyof typeof PERMISSION_FOR;

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

function asRequestError(e: unknown): RequestErrorLike | null {
  return e && typeof e === 'object' && typeof (e as RequestErrorLike).status === 'number'
    ? (e as RequestErrorLike)
    : null;
}

export function httpStatus(e: unknown): number | undefined {
  return asRequestError(e)?.status;
}

/** GitHub's own message, without octokit's " - https://docs..." suffix. */
function githubMessage(e: RequestErrorLike): string {
  const data = e.response?.data as { message?: unknown } | undefined;
  const m = typeof data?.message === 'string' ? data.message : (e.message ?? '');
  return m.replace(/\s+-\s+https?:\/\/\S+$/, '').slice(0, 300);
}

export function isRateLimit(e: unknown): boolean {
  const r = asRequestError(e);
  if (!r || (r.status !== 403 && r.status !== 429)) return false;
  return r.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(githubMessage(r));
}

/** GitHub's 403 for a file too large for the JSON media type of the contents API (not a permission matter). */
export function isTooLarge(e: unknown): boolean {
  const errors = (asRequestError(e)?.response?.data as { errors?: unknown } | undefined)?.errors;
  return (
    httpStatus(e) === 403 &&
    Array.isArray(errors) &&
    errors.some((x) => (x as { code?: unknown } | null)?.code === 'too_large')
  );
}

/** A refusal that more retries will not fix: the token lacks a permission (or the repository is a fork's). */
export function isPermissionDenied(e: unknown): boolean {
  return httpStatus(e) === 403 && !isRateLimit(e) && !isTooLarge(e);
}

/** A failure of one GitHub call, already explained in one line. */
export class GitHubCallError extends Error {
  constructor(
    message: string,
    public readonly operation: GitHubOperation,
    public readonly status: number | undefined,
    public readonly permissionDenied: boolean,
  ) {
    super(message);
    this.name = 'GitHubCallError';
  }
}

/** Explains `e`, raised by `what` (e.g. "creating the PR comment"), as a GitHubCallError. */
export function explain(e: unknown, operation: GitHubOperation, what: string): GitHubCallError {
  if (e instanceof GitHubCallError) return e;
  const r = asRequestError(e);
  if (!r) {
    const msg = e instanceof Error ? e.message : String(e);
    return new GitHubCallError(`${what} failed: ${msg}`, operation, undefined, false);
  }
  // Our own timeout or time budget, not an answer from GitHub.
  if (e instanceof GitHubLimitError)
    return new GitHubCallError(`${what} failed: ${r.message}`, operation, undefined, false);
  const said = githubMessage(r);
  if (isTooLarge(e))
    return new GitHubCallError(
      `${what} failed: the file is too large for the API (HTTP 403: ${said})`,
      operation,
      403,
      false,
    );
  if (isPermissionDenied(e)) {
    return new GitHubCallError(
      `${what} was refused (HTTP 403: ${said}): the workflow token needs \`${PERMISSION_FOR[operation]}\` ` +
        `(add it under \`permissions:\` in the workflow; pull requests from forks get a read-only token)`,
      operation,
      403,
      true,
    );
  }
  if (isRateLimit(e))
    return new GitHubCallError(
      `${what} hit a GitHub rate limit (HTTP ${r.status}: ${said}); try again later`,
      operation,
      r.status,
      false,
    );
  if (r.status === 401)
    return new GitHubCallError(
      `${what} failed: the token was rejected (HTTP 401: ${said}); check the github-token input`,
      operation,
      401,
      false,
    );
  return new GitHubCallError(`${what} failed (HTTP ${r.status}: ${said})`, operation, r.status, false);
}
