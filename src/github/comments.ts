// The sticky PR comment: one per pull request and key, found by its hidden marker among the
// comments written by our own account (all pages), edited in place on every push.

import { commentMarker, hasMarker } from '../core/render/marker.js';
import type { GitHubClient } from './client.js';
import { explain } from './errors.js';
import { isOwnComment, preference, type Identity } from './identity.js';

/** GitHub rejects comment bodies longer than this. */
export const MAX_COMMENT_LENGTH = 65536;

export type CommentMode = 'update' | 'recreate' | 'off';
export const COMMENT_MODES: readonly CommentMode[] = ['update', 'recreate', 'off'];

export interface IssueRef {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface ExistingComment {
  id: number;
  body: string;
  url: string;
  login: string;
}

export interface CommentResult {
  action: 'created' | 'updated' | 'unchanged' | 'recreated' | 'off';
  id?: number;
  url?: string;
  /** Other own comments carrying the same marker (left alone), e.g. after a race between two runs. */
  duplicates?: number;
}

/** Puts the marker first when the body lacks it, and keeps the body within GitHub's limit. */
export function prepareBody(body: string, key: string): string {
  const marker = commentMarker(key);
  let out = hasMarker(body, key) ? body : `${marker}\n${body}`;
  if (out.length > MAX_COMMENT_LENGTH) {
    const note = "\n\n… (truncated: the comment exceeded GitHub's 65,536-character limit; see the job summary)\n";
    out = out.slice(0, MAX_COMMENT_LENGTH - note.length);
    // Do not leave half a surrogate pair or an open HTML comment/tag at the cut.
    out = out.replace(/[\uD800-\uDBFF]$/, '').replace(/<[^>]*$/, '');
    out += note;
  }
  return out;
}

/** Our comments for `key` on the issue, oldest first, searching every page. */
export async function findOwnComments(
  gh: GitHubClient,
  ref: IssueRef,
  key: string,
  me: Identity,
): Promise<ExistingComment[]> {
  const found: (ExistingComment & { rank: number })[] = [];
  try {
    const pages = gh.paginate.iterator(gh.rest.issues.listComments, {
      owner: ref.owner,
      repo: ref.repo,
      issue_number: ref.issueNumber,
      per_page: 100,
    });
    for await (const page of pages) {
      for (const c of page.data) {
        if (!hasMarker(c.body, key) || !isOwnComment(c, me)) continue;
        found.push({ id: c.id, body: c.body ?? '', url: c.html_url, login: c.user?.login ?? '', rank: preference(c) });
      }
    }
  } catch (e) {
    throw explain(e, 'comment', `listing the comments of #${ref.issueNumber}`);
  }
  // Stable: oldest first within the preferred author.
  return found.sort((a, b) => a.rank - b.rank).map(({ rank: _rank, ...c }) => c);
}

const sameText = (a: string, b: string) => a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n');

export interface UpsertOptions {
  mode: CommentMode;
  /** Skip the edit when the body is already what we would write. */
  skipUnchanged: boolean;
  identity: Identity;
}

/**
 * Creates, edits or recreates our comment for `key`. In recreate mode the new comment is posted
 * before the old one is deleted, so a failure never leaves the PR without one.
 */
export async function upsertStickyComment(
  gh: GitHubClient,
  ref: IssueRef,
  key: string,
  body: string,
  opts: UpsertOptions,
): Promise<CommentResult> {
  if (opts.mode === 'off') return { action: 'off' };
  const text = prepareBody(body, key);
  const existing = await findOwnComments(gh, ref, key, opts.identity);
  const [first, ...rest] = existing;
  const duplicates = rest.length || undefined;
  const base = { owner: ref.owner, repo: ref.repo };

  if (first && opts.mode === 'update') {
    if (opts.skipUnchanged && sameText(first.body, text))
      return { action: 'unchanged', id: first.id, url: first.url, duplicates };
    try {
      const { data } = await gh.rest.issues.updateComment({ ...base, comment_id: first.id, body: text });
      return { action: 'updated', id: data.id, url: data.html_url, duplicates };
    } catch (e) {
      throw explain(e, 'comment', `editing PR comment ${first.id}`);
    }
  }

  let created;
  try {
    created = (await gh.rest.issues.createComment({ ...base, issue_number: ref.issueNumber, body: text })).data;
  } catch (e) {
    throw explain(e, 'comment', `creating the PR comment on #${ref.issueNumber}`);
  }
  if (!first) return { action: 'created', id: created.id, url: created.html_url };
  for (const old of existing) {
    try {
      await gh.rest.issues.deleteComment({ ...base, comment_id: old.id });
    } catch (e) {
      throw explain(e, 'comment', `deleting the previous PR comment ${old.id} (the new one is ${created.html_url})`);
    }
  }
  return { action: 'recreated', id: created.id, url: created.html_url };
}
