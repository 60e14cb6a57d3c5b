// Who may do what on a repository, asked of GitHub (the collaborator-permission API), never
// inferred from a comment's author_association (which says "MEMBER" for any org member, and
// nothing about rights on this repository).

import type { GitHubClient } from './client.js';
import { explain, httpStatus } from './errors.js';

export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** Roles that may accept a regression: the ones that could merge the pull request anyway. */
export const ACCEPT_ROLES: ReadonlySet<RepoRole> = new Set(['admin', 'maintain', 'write']);

const ROLES: readonly RepoRole[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];

/** The user's role on the repository; 'none' for an unknown user. */
export async function repoRole(
  gh: GitHubClient,
  p: { owner: string; repo: string; username: string },
): Promise<RepoRole> {
  let data: { permission?: string; role_name?: string };
  try {
    data = (await gh.rest.repos.getCollaboratorPermissionLevel(p)).data;
  } catch (e) {
    if (httpStatus(e) === 404) return 'none';
    throw explain(e, 'metadata', `reading the permission of @${p.username}`);
  }
  // role_name names maintain and triage too; permission is the older admin/write/read/none.
  const role = ROLES.find((r) => r === data.role_name) ?? ROLES.find((r) => r === data.permission);
  return role ?? 'none';
}
