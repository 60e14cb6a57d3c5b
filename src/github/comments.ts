// The sticky PR comment: one per pull request and key, found by its hidden marker among the
// comments written by our own account (all pages), edited in place on every push.

import { utf8Length } from '../core/render/budget.js';
import { commentMarker, hasMarker } from '../core/render/marker.js';
import { acceptanceBlockEnd } from './acceptance.js';
import { DEFAULT_LIMITS, type GitHubClient } from './client.js';
import { explain, httpStatus, isRateLimit } from './errors.js';
import { isOwnComment, preference, type Identity } from './identity.js';
import type { CommentMode } from './comment-mode.js';

/**
 * GitHub rejects comment bodies longer than this. Whether it counts characters or bytes, a body
 * of at most this many UTF-8 bytes passes: UTF-8 never takes fewer bytes than UTF-16 units or
 * code points.
 */
export const MAX_COMMENT_LENGTH = 65536;

export { COMMENT_MODES, type CommentMode } from './comment-mode.js';

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
  /** When the comment was last written (ISO time). */
  updatedAt: string;
}

export interface CommentResult {
  action: 'created' | 'updated' | 'unchanged' | 'recreated' | 'off';
  id?: number;
  url?: string;
  /** Other own comments carrying the same marker (left alone), e.g. after a race between two runs. */
  duplicates?: number;
}

/** The longest prefix of `text` within `bytes` UTF-8 bytes, never splitting a surrogate pair. */
function utf8Prefix(text: string, bytes: number): string {
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    if (n + size > bytes) break;
    n += size;
    i += pair ? 2 : 1;
  }
  return text.slice(0, i);
}

const TRUNCATED = "\n\n… (truncated: the comment exceeded GitHub's 65,536-character limit; see the job summary)\n";

/** Puts the marker first when the body lacks it, and keeps the body within GitHub's limit (in bytes, see MAX_COMMENT_LENGTH). */
export function prepareBody(body: string, key: string): string {
  const marker = commentMarker(key);
  const out = hasMarker(body, key) ? body : `${marker}\n${body}`;
  return utf8Length(out) > MAX_COMMENT_LENGTH ? truncateBody(out, marker) : out;
}

/**
 * A last resort (the renderers budget their output): cuts the body to fit with a note, never
 * before the end of the marker line and of the acceptance record, which later runs read back.
 */
function truncateBody(body: string, marker: string): string {
  const end = Math.max(lineEnd(body, body.indexOf(marker) + marker.length), acceptanceBlockEnd(body));
  const room = MAX_COMMENT_LENGTH - utf8Length(TRUNCATED) - utf8Length(body.slice(0, end));
  // Only a marker or record far down a huge body (never one modelgate renders): keep the marker.
  if (room < 0) return `${marker}\n${TRUNCATED}`;
  return body.slice(0, end) + cleanCut(utf8Prefix(body.slice(end), room)) + TRUNCATED;
}

const REPLY_CUT = "\n\n… (cut: the reply exceeded GitHub's 65,536-character limit)\n";

/** A reply (a comment without a marker) within GitHub's limit: cut on a whole line, with a note, when it is not. */
export function boundReply(body: string): string {
  if (utf8Length(body) <= MAX_COMMENT_LENGTH) return body;
  return cleanCut(utf8Prefix(body, MAX_COMMENT_LENGTH - utf8Length(REPLY_CUT))) + REPLY_CUT;
}

/** The index after the line break ending the line at `i` (the end of `text` without one). */
function lineEnd(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * The cut text ending on whole lines where it has a line break (list items and table rows are
 * lines, so none is left half open), and never in a tag or a character reference.
 */
function cleanCut(text: string): string {
  const nl = text.lastIndexOf('\n');
  return (nl > 0 ? text.slice(0, nl) : text).replace(/<[^>]*$/, '').replace(/&#?[A-Za-z0-9]*$/, '');
}

export interface ListLimits {
  /** Most pages of comments to read (100 a page). */
  maxPages?: number;
  /** Told when the page cap stopped the search. */
  warn?: (msg: string) => void;
}

/** Our comments for `key` on the issue, preferred author first then oldest, searching every page up to the cap. */
export async function findOwnComments(
  gh: GitHubClient,
  ref: IssueRef,
  key: string,
  me: Identity,
  limits: ListLimits = {},
): Promise<ExistingComment[]> {
  const found: (ExistingComment & { rank: number })[] = [];
  const maxPages = limits.maxPages ?? DEFAULT_LIMITS.maxPages;
  let read = 0;
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
        found.push({
          id: c.id,
          body: c.body ?? '',
          url: c.html_url,
          login: c.user?.login ?? '',
          updatedAt: c.updated_at,
          rank: preference(c),
        });
      }
      if (++read >= maxPages && /\brel="next"/.test(page.headers.link ?? '')) {
        limits.warn?.(
          `stopped reading the comments of #${ref.issueNumber} after ${maxPages} pages: a modelgate comment beyond them is not found`,
        );
        break;
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
  /** Page cap of the comment search, and where its warning goes. */
  limits?: ListLimits;
}

/**
 * A 403 on editing or deleting a comment the heuristic took for ours: another app's bot wrote
 * it (GitHub lets an account change only its own comments), so it is not ours after all.
 */
function notOurs(e: unknown, c: ExistingComment, me: Identity): boolean {
  return httpStatus(e) === 403 && !isRateLimit(e) && me.login !== c.login;
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
  const existing = await findOwnComments(gh, ref, key, opts.identity, opts.limits);
  const base = { owner: ref.owner, repo: ref.repo };

  if (opts.mode === 'update') {
    // Candidates in order of preference; one another app wrote answers 403 and is passed over.
    for (const [i, c] of existing.entries()) {
      const duplicates = existing.length - i - 1 || undefined;
      if (opts.skipUnchanged && sameText(c.body, text))
        return { action: 'unchanged', id: c.id, url: c.url, duplicates };
      try {
        const { data } = await gh.rest.issues.updateComment({ ...base, comment_id: c.id, body: text });
        return { action: 'updated', id: data.id, url: data.html_url, duplicates };
      } catch (e) {
        if (!notOurs(e, c, opts.identity)) throw explain(e, 'comment', `editing PR comment ${c.id}`);
        opts.limits?.warn?.(`PR comment ${c.id} by ${c.login} carries our marker but is not ours: left alone`);
      }
    }
    return keepOne(gh, ref, key, text, opts, await create(gh, ref, text));
  }

  const created = await create(gh, ref, text);
  if (!existing.length) return keepOne(gh, ref, key, text, opts, created);
  for (const old of existing) {
    try {
      await gh.rest.issues.deleteComment({ ...base, comment_id: old.id });
    } catch (e) {
      if (notOurs(e, old, opts.identity)) continue;
      throw explain(e, 'comment', `deleting the previous PR comment ${old.id} (the new one is ${created.url})`);
    }
  }
  return { ...created, action: 'recreated' };
}

/**
 * After creating a comment: runs racing on the same pull request (no `concurrency:` group) may
 * each have created one. Re-list and keep one, the first in findOwnComments' order (preferred
 * author, then oldest): every run that created a later copy sees the kept one and deletes its
 * own, so one remains whatever the interleaving. Our text goes into the kept one.
 */
async function keepOne(
  gh: GitHubClient,
  ref: IssueRef,
  key: string,
  text: string,
  opts: UpsertOptions,
  created: CommentResult,
): Promise<CommentResult> {
  const own = await findOwnComments(gh, ref, key, opts.identity, opts.limits);
  const kept = own[0];
  if (!kept || kept.id === created.id || !own.some((c) => c.id === created.id)) return created;
  const base = { owner: ref.owner, repo: ref.repo };
  try {
    await gh.rest.issues.deleteComment({ ...base, comment_id: created.id! });
  } catch (e) {
    // Another run deleted it first.
    if (httpStatus(e) !== 404) throw explain(e, 'comment', `deleting the duplicate PR comment ${created.id}`);
  }
  try {
    const { data } = await gh.rest.issues.updateComment({ ...base, comment_id: kept.id, body: text });
    return { action: 'updated', id: data.id, url: data.html_url };
  } catch (e) {
    if (httpStatus(e) === 404) return { action: 'updated', id: kept.id, url: kept.url };
    throw explain(e, 'comment', `editing PR comment ${kept.id}`);
  }
}

async function create(gh: GitHubClient, ref: IssueRef, text: string): Promise<CommentResult> {
  try {
    const { data } = await gh.rest.issues.createComment({
      owner: ref.owner,
      repo: ref.repo,
      issue_number: ref.issueNumber,
      body: text,
    });
    return { action: 'created', id: data.id, url: data.html_url };
  } catch (e) {
    throw explain(e, 'comment', `creating the PR comment on #${ref.issueNumber}`);
  }
}
