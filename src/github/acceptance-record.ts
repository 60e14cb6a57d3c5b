// The acceptance recorded in our sticky comment: what the bot wrote when it accepted, or the
// action when it honoured a command. Both doors read it back to tell a re-run of an accepted
// head from a first acceptance (acceptance.ts's acceptanceCovers).

import { readAcceptanceBlock, type Acceptance } from './acceptance.js';
import type { GitHubClient } from './client.js';
import { findOwnComments } from './comments.js';
import type { Identity } from './identity.js';

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
  return { record: readAcceptanceBlock(own?.body), updatedAt: own?.updatedAt ?? null };
}

/** The record in our sticky comment of `key` on the pull request; null when there is none. */
export async function recordedAcceptance(gh: GitHubClient, q: RecordQuery, me: Identity): Promise<Acceptance | null> {
  return (await stickyState(gh, q, me)).record;
}
