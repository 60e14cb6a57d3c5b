// The gate as a commit status: branch protection can require its context.

import type { GitHubClient } from './client.js';
import { explain } from './errors.js';

export type StatusState = 'success' | 'failure' | 'error' | 'pending';

/** GitHub rejects longer descriptions. */
export const MAX_STATUS_DESCRIPTION = 140;

export interface StatusInput {
  owner: string;
  repo: string;
  sha: string;
  state: StatusState;
  context: string;
  description: string;
  targetUrl?: string;
}

/** One line, at most 140 characters. */
export function statusDescription(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_STATUS_DESCRIPTION
    ? line
    : line.slice(0, MAX_STATUS_DESCRIPTION - 1).replace(/[\uD800-\uDBFF]$/, '') + '…';
}

export async function setCommitStatus(gh: GitHubClient, s: StatusInput): Promise<void> {
  try {
    await gh.rest.repos.createCommitStatus({
      owner: s.owner,
      repo: s.repo,
      sha: s.sha,
      state: s.state,
      context: s.context,
      description: statusDescription(s.description),
      ...(s.targetUrl ? { target_url: s.targetUrl } : {}),
    });
  } catch (e) {
    throw explain(e, 'status', `setting the commit status '${s.context}' on ${s.sha.slice(0, 7)}`);
  }
}
