// The acceptance recorded in our sticky comment: what the bot wrote when it accepted, or the
// action when it honoured a command. Both doors read it back to tell a re-run of an accepted
// head from a first acceptance (acceptance.ts's acceptanceCovers). The record is only a pointer:
// anyone with write access can edit any comment of the repository, ours included, so it counts
// only while the command comment it names still says it (verifiedRecord).

import { forKey, readAcceptanceBlock, type Acceptance } from './acceptance.js';
import type { GitHubClient } from './client.js';
import { isBotAccount, parseCommand } from './commands.js';
import { findOwnComments } from './comments.js';
import { explain } from './errors.js';
import type { Identity } from './identity.js';
import { ACCEPT_ROLES, repoRole } from './permissions.js';

export interface RecordQuery {
  owner: string;
  repo: string;
  issueNumber: number;
  /** The sticky comment's key. */
  key: string;
  /** Pages of 100 comments read at most. */
  maxPages?: number;
}

/** Our sticky comment of `key` on the pull request: its acceptance record and when it was last written (null: no comment). */
export interface StickyState {
  record: Acceptance | null;
  updatedAt: string | null;
}

export async function stickyState(gh: GitHubClient, q: RecordQuery, me: Identity): Promise<StickyState> {
  const ref = { owner: q.owner, repo: q.repo, issueNumber: q.issueNumber };
  const [own] = await findOwnComments(gh, ref, q.key, me, { maxPages: q.maxPages });
  const record = readAcceptanceBlock(own?.body);
  return { record: record && (await verifiedRecord(gh, q, record)), updatedAt: own?.updatedAt ?? null };
}

/**
 * The record if the comment it names (its commentUrl) is a command on this pull request, by the
 * record's author at the record's time, not a bot's, still saying `/modelgate accept` with the
 * record's reason for this key, and its author may still accept (the role read again); null
 * otherwise. A record written into our comment by hand (or one without its comment) never counts.
 */
export async function verifiedRecord(gh: GitHubClient, q: RecordQuery, a: Acceptance): Promise<Acceptance | null> {
  const id = /#issuecomment-(\d{1,19})$/.exec(a.commentUrl ?? '')?.[1];
  if (!id) return null;
  let c;
  try {
    c = (await gh.rest.issues.getComment({ owner: q.owner, repo: q.repo, comment_id: Number(id) })).data;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw explain(e, 'comment', `reading the comment of the acceptance recorded on #${q.issueNumber}`);
  }
  const cmd = parseCommand(c.body);
  const same =
    c.issue_url.endsWith(`/issues/${q.issueNumber}`) &&
    !isBotAccount(c.user) &&
    c.user?.login === a.by &&
    Date.parse(c.created_at) === Date.parse(a.at) &&
    cmd?.name === 'accept' &&
    cmd.reason === a.reason &&
    forKey(cmd.key, q.key);
  if (!same) return null;
  const role = await repoRole(gh, { owner: q.owner, repo: q.repo, username: a.by });
  return ACCEPT_ROLES.has(role) ? { ...a, role } : null;
}

/** The record in our sticky comment of `key` on the pull request; null when there is none. */
export async function recordedAcceptance(gh: GitHubClient, q: RecordQuery, me: Identity): Promise<Acceptance | null> {
  return (await stickyState(gh, q, me)).record;
}
