// Accepting a regression: a person with write access says "this drop is intended, because ..."
// with `/modelgate accept <reason>`. The acceptance is recorded (who, role, when, why, which
// head SHA, which regressions), binds to that head SHA only (a new push invalidates it) and to
// the regressions it was recorded with (a later evaluation of the head with others, e.g. after
// the baseline moved, is not covered: acceptanceCovers), and turns a failing verdict into `accepted`. The bot records it in its sticky comment (a hidden
// block); the action, without the bot, finds the command itself among the PR's comments.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Comparison } from '../core/compare/types.js';
import { utf8Length } from '../core/render/budget.js';
import { COMMENT_MAX_LENGTH, renderComment, type RenderContext } from '../core/render/comment.js';
import { escapeMarkdown, sanitizeText, truncateEnd } from '../core/render/escape.js';
import { normalizeKey } from '../core/render/marker.js';
import type { GitHubClient } from './client.js';
import type { StickyState } from './acceptance-record.js';
import { isBotAccount, MAX_ARGUMENT, parseCommand } from './commands.js';
import { explain } from './errors.js';
import { ACCEPT_ROLES, repoRole, type RepoRole } from './permissions.js';

export interface Acceptance {
  by: string;
  role: RepoRole;
  /** ISO time of the command. */
  at: string;
  reason: string;
  headSha: string;
  /**
   * What was accepted, in words ("test: class cat recall"); empty when not known. All of them
   * when made from a comparison; read back from a record, only the first RECORDED_NAMES.
   */
  regressions: string[];
  /** How many regressions were accepted; absent: `regressions.length`. */
  count?: number;
  /** regressionDigest of all of them; absent: computed from `regressions`. */
  digest?: string;
  commentUrl?: string;
}

/** Regressions named in the record and in the Accepted section: enough for a reader, bounded in size. */
export const RECORDED_NAMES = 10;
/** Longest regression name kept, in code points. */
const NAME_MAX = 200;

/** The failing judgements of a comparison, one line each. */
export function regressionNames(cmp: Comparison): string[] {
  const out: string[] = [];
  for (const h of cmp.headline) if (h.level === 'fail') out.push(`${h.split} ${h.metric}`);
  for (const g of cmp.gaps) if (g.level === 'fail') out.push(`${g.gap} gap ${g.metric}`);
  for (const c of cmp.classes) {
    if (c.level !== 'fail') continue;
    out.push(`${c.split}: class ${c.name} ${c.precision?.level === 'fail' ? 'precision' : 'recall'}`);
  }
  for (const s of cmp.sanity) if (s.level === 'fail') out.push(`${s.split ? `${s.split}: ` : ''}${s.code}`);
  return out;
}

/**
 * Identifies a list of regressions whatever its order or length: the SHA-256 of the sorted
 * names, so a bounded record still tells whether a comparison has the accepted regressions.
 */
export function regressionDigest(names: string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([...names].sort()))
    .digest('hex');
}

/**
 * Whether an acceptance recorded for a head covers `names`, the regressions of an evaluation of
 * that head (a re-run): the same ones (by digest), or only some of them when the record names
 * every one. Regressions the record does not account for were never seen by whoever accepted
 * (a baseline that moved, a re-run that found others): they need a new command.
 */
export function acceptanceCovers(a: Acceptance, names: string[]): boolean {
  const r = recordOf(a);
  if (regressionDigest(names) === r.digest) return true;
  if (r.count > r.regressions.length) return false;
  const accepted = new Set(r.regressions);
  return names.every((n) => accepted.has(n));
}

/** Regressions named in a note, and the longest name kept there (code points). */
const NOTE_NAMES = 3;
const NOTE_NAME_MAX = 80;

/**
 * Why a failing verdict stays failing although its head was accepted (plain text, for
 * RenderContext.gateNotes and the log): acceptanceCovers was false.
 */
export function uncoveredNote(a: Acceptance, names: string[]): string {
  const r = recordOf(a);
  const known = r.count === r.regressions.length ? new Set(r.regressions) : null;
  const other = known ? names.filter((n) => !known.has(n)) : names;
  const some = other.slice(0, NOTE_NAMES).map((n) => truncateEnd(n, NOTE_NAME_MAX));
  const more = other.length > some.length ? `, and ${other.length - some.length} more` : '';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const which = known
    ? plural(other.length, 'other regression')
    : `${plural(names.length, 'regression')}, not the ones accepted`;
  const one = known !== null && other.length === 1;
  // The names last: a long one is what the note's bound cuts, never the instruction.
  return (
    `@${r.by} accepted ${plural(r.count, 'regression')} of this head at ${r.at}, but this evaluation of it has ${which}. ` +
    `The acceptance does not cover ${one ? 'it' : 'them'}, so the verdict stands; if ${one ? 'it is' : 'they are'} intended too, ` +
    `review ${one ? 'it' : 'them'} and write \`/modelgate accept <reason>\` again.` +
    (known ? ` Not accepted: ${some.join('; ')}${more}.` : '')
  );
}

/** Whether a record was made from the command `a` (the same person's comment at the same time). */
export function sameCommand(record: Acceptance, a: Pick<Acceptance, 'by' | 'at'>): boolean {
  return record.by === a.by && record.at === a.at;
}

/** The acceptance as recorded: count and digest of all regressions, the first few names, a bounded reason. */
function recordOf(a: Acceptance): Acceptance & { count: number; digest: string } {
  return {
    ...a,
    reason: truncateEnd(a.reason, MAX_ARGUMENT),
    regressions: a.regressions.slice(0, RECORDED_NAMES).map((r) => truncateEnd(r, NAME_MAX)),
    count: a.count ?? a.regressions.length,
    digest: a.digest ?? regressionDigest(a.regressions),
  };
}

/** The commit status line of an accepted verdict (plain text). */
export function acceptedDescription(a: Acceptance): string {
  return sanitizeText(`accepted by @${a.by}: ${truncateEnd(a.reason, 100)}`);
}

/** The "Accepted" section of the sticky comment; every piece of data escaped. */
export function acceptedSection(acceptance: Acceptance): string {
  const a = recordOf(acceptance);
  const lines = [
    '### Accepted',
    '',
    `${escapeMarkdown(`@${a.by}`)} (${a.role}) accepted the regressions of head \`${a.headSha.slice(0, 12)}\` at ${escapeMarkdown(a.at)}:`,
    '',
    `> ${escapeMarkdown(a.reason)}`,
  ];
  if (a.regressions.length) {
    lines.push('');
    for (const r of a.regressions) lines.push(`- ${escapeMarkdown(r)}`);
    if (a.count > a.regressions.length) lines.push(`- … and ${a.count - a.regressions.length} more`);
  }
  lines.push('', '_A new push, or other regressions in a later evaluation of this head, invalidates this acceptance._');
  return lines.join('\n');
}

const BLOCK = /<!-- modelgate:acceptance ([A-Za-z0-9_-]+) -->/;

/**
 * The machine-readable record hidden in the sticky comment: base64url JSON of recordOf, a few
 * KB at most however many regressions there are (a full list once outgrew the comment).
 */
export function acceptanceBlock(a: Acceptance): string {
  return `<!-- modelgate:acceptance ${Buffer.from(JSON.stringify(recordOf(a))).toString('base64url')} -->`;
}

/** Where the record in `body` ends, or -1 when there is none; prepareBody never cuts before it. */
export function acceptanceBlockEnd(body: string): number {
  const m = BLOCK.exec(body);
  return m ? m.index + m[0].length : -1;
}

/**
 * The record in a comment body, validated, with its count and digest; null when absent or
 * malformed. A record of the first format lists every regression and has neither: both are
 * derived from that list, so acceptances recorded before stay valid.
 */
export function readAcceptanceBlock(body: string | null | undefined): Acceptance | null {
  const m = BLOCK.exec(body ?? '');
  if (!m) return null;
  try {
    const a = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as Acceptance;
    return validRecord(a) ? recordOf(a) : null;
  } catch {
    return null;
  }
}

function validRecord(a: Acceptance): boolean {
  return (
    typeof a.by === 'string' &&
    ACCEPT_ROLES.has(a.role) &&
    typeof a.at === 'string' &&
    typeof a.reason === 'string' &&
    typeof a.headSha === 'string' &&
    /^[0-9a-f]{40,64}$/.test(a.headSha) &&
    Array.isArray(a.regressions) &&
    a.regressions.every((r) => typeof r === 'string') &&
    (a.count === undefined || (Number.isSafeInteger(a.count) && a.count >= a.regressions.length)) &&
    (a.digest === undefined || (typeof a.digest === 'string' && /^[0-9a-f]{64}$/.test(a.digest)))
  );
}

/**
 * Whether a command made at `commandAt` counts for a head evaluated at `since` (ISO times): only
 * when strictly later, so a command written for an earlier head, or before this head's evaluation,
 * never counts. `commandAt` is the comment's creation: editing an old comment does not make it a
 * new command. An unreadable time never counts. The action and the bot both decide with this.
 */
export function commandPostdates(commandAt: string, since: string): boolean {
  return Date.parse(commandAt) > Date.parse(since);
}

/** Comment authors likely to hold write access (GitHub's author_association), checked first. */
const MEMBER_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

export interface AcceptanceQuery {
  owner: string;
  repo: string;
  prNumber: number;
  headSha: string;
  /** Commands older than this (ISO time: when the head was pushed) do not count. */
  since: string;
  /** Pages of 100 comments read at most. */
  maxPages?: number;
  /** This job's comment key: a command naming another (`--key other`) is not for it. */
  key?: string;
}

/** Whether a command's `--key` (absent: every key) names the job's key, as given or as its check's name. */
export function forKey(selector: string | undefined, key: string | undefined): boolean {
  if (selector === undefined || key === undefined) return true;
  const k = normalizeKey(key);
  return selector !== '' && [key, k, `modelgate/${k}`].includes(selector);
}

/**
 * For the action: the latest `/modelgate accept <reason>` on the pull request made after `since`
 * by a person whose role allows it, provided the PR's head is still `headSha`. Null otherwise.
 */
export async function findAcceptance(gh: GitHubClient, q: AcceptanceQuery): Promise<Acceptance | null> {
  const where = { owner: q.owner, repo: q.repo };
  let head: string;
  try {
    head = (await gh.rest.pulls.get({ ...where, pull_number: q.prNumber })).data.head.sha;
  } catch (e) {
    throw explain(e, 'pulls', `reading PR #${q.prNumber}`);
  }
  if (head !== q.headSha) return null;
  const candidates: { login: string; at: string; reason: string; url: string; member: boolean }[] = [];
  try {
    let pages = 0;
    // Only comments written or edited since the head was pushed: older commands never count, and
    // a long thread's newest comments are then within the bound of pages.
    const it = gh.paginate.iterator(gh.rest.issues.listComments, {
      ...where,
      issue_number: q.prNumber,
      per_page: 100,
      since: q.since,
    });
    for await (const page of it) {
      for (const c of page.data) {
        const cmd = parseCommand(c.body);
        if (cmd?.name !== 'accept' || !cmd.reason || isBotAccount(c.user) || !forKey(cmd.key, q.key)) continue;
        // An edited comment is not a command: its text may not be its author's (anyone with
        // write access can edit any comment), and its time is its creation's.
        if (c.updated_at !== c.created_at) continue;
        if (!commandPostdates(c.created_at, q.since)) continue;
        const member = MEMBER_ASSOCIATIONS.has(c.author_association);
        candidates.push({ login: c.user!.login, at: c.created_at, reason: cmd.reason, url: c.html_url, member });
      }
      if (++pages >= (q.maxPages ?? 20)) break;
    }
  } catch (e) {
    throw explain(e, 'comment', `listing the comments of #${q.prNumber}`);
  }
  // Newest first, and the repository's members before anyone else: only the order of the bounded
  // permission checks comes from author_association (never the permission itself), so a run of
  // accepts from outsiders cannot push a maintainer's past the bound.
  const ordered = candidates.reverse().sort((a, b) => Number(b.member) - Number(a.member));
  const roles = new Map<string, RepoRole>();
  for (const c of ordered) {
    if (!roles.has(c.login)) roles.set(c.login, await repoRole(gh, { ...where, username: c.login }));
    const role = roles.get(c.login)!;
    if (ACCEPT_ROLES.has(role))
      return { by: c.login, role, at: c.at, reason: c.reason, headSha: q.headSha, regressions: [], commentUrl: c.url };
    if (roles.size >= 10) break;
  }
  return null;
}

/** What an acceptance adds under the marker line: the record, the Accepted section, a rule. */
function acceptanceText(a: Acceptance): string {
  return `${acceptanceBlock(a)}\n\n${acceptedSection(a)}\n\n---\n`;
}

/** `extra` right under the comment's marker line. */
function underMarker(comment: string, extra: string): string {
  const nl = comment.indexOf('\n');
  return nl < 0 ? `${comment}\n${extra}` : `${comment.slice(0, nl + 1)}${extra}${comment.slice(nl + 1)}`;
}

/** The sticky comment with the acceptance (section and record) right under its marker line. */
export function withAcceptance(comment: string, a: Acceptance): string {
  return underMarker(comment, acceptanceText(a));
}

/** The comparison rendered with `extra`'s room reserved in UTF-8 bytes (what the limit counts), then `extra` under the marker. */
function renderWith(cmp: Comparison, ctx: RenderContext, extra: string): string {
  const room = utf8Length(extra) + 1; // + the newline underMarker may add
  const maxLength = (ctx.maxLength ?? COMMENT_MAX_LENGTH) - room;
  return underMarker(renderComment(cmp, { ...ctx, maxLength }), extra);
}

/**
 * The sticky comment of an accepted verdict, for the bot and the action alike. The comparison
 * is rendered with the acceptance's room reserved, so the renderer drops whole items rather
 * than prepareBody cutting the text.
 */
export function renderAcceptedComment(cmp: Comparison, ctx: RenderContext, a: Acceptance): string {
  return renderWith(cmp, ctx, acceptanceText(a));
}

/**
 * The sticky comment of a failing verdict whose head was accepted for other regressions: the
 * note near the top (gateNotes), and the record kept, hidden, so that a later evaluation with
 * the accepted regressions is accepted again and this one never counts as a first acceptance.
 */
export function renderUncoveredComment(cmp: Comparison, ctx: RenderContext, a: Acceptance, note: string): string {
  return renderWith(cmp, { ...ctx, gateNotes: [...(ctx.gateNotes ?? []), note] }, `${acceptanceBlock(a)}\n`);
}

export interface AcceptedOutcome {
  acceptance: Acceptance;
  comment: string;
  status: { state: 'success'; description: string };
}

/**
 * A time at or after the push of the run's head, from its event: a pull_request event's
 * `updated_at`; in the comment workflow (`mode: comment`, a workflow_run event) the creation of
 * the evaluating run, which the push of that head (or a later event of the PR) started, so never
 * before the push. Commands older than it do not count, so none made for an earlier head does.
 */
function headPushedSince(payload: {
  pull_request?: { updated_at?: unknown };
  workflow_run?: { created_at?: unknown };
}): unknown {
  return payload.pull_request?.updated_at ?? payload.workflow_run?.created_at;
}

/**
 * What the action's hook decided: the verdict accepted, or an acceptance of this head that does
 * not cover its regressions (the note, and the failing comment that keeps the record).
 */
export type Honoured = { accepted: AcceptedOutcome } | { uncovered: { note: string; comment: string } };

/**
 * The action's hook: on a failing verdict for a pull request, a valid acceptance of this head
 * (see findAcceptance; `since`: headPushedSince) turns the outcome into `accepted`, its comment
 * rendered again from `render` with the acceptance's room. A command already recorded in our
 * sticky comment holds only for the regressions it was recorded with (acceptanceCovers): a re-run
 * with others gets `uncovered`, the note saying why. Any failure to check means no acceptance.
 */
export async function honourAcceptance(
  gh: GitHubClient,
  q: Omit<AcceptanceQuery, 'since'> & { eventPath: string | undefined },
  outcome: { comparison: Comparison; render: RenderContext },
  log: { info(m: string): void; warning(m: string): void },
  /** Our sticky comment's record and last write (acceptance-record.ts), read only when a command is found. */
  sticky: () => Promise<StickyState>,
): Promise<Honoured | null> {
  if (outcome.comparison.verdict !== 'fail' || !q.eventPath) return null;
  let since: unknown;
  try {
    since = headPushedSince(JSON.parse(readFileSync(q.eventPath, 'utf8')));
  } catch {
    return null;
  }
  if (typeof since !== 'string' || Number.isNaN(Date.parse(since))) return null;
  try {
    const found = await findAcceptance(gh, { ...q, since, key: outcome.render.key });
    return found && decide(found, await sticky(), q.headSha, outcome, log);
  } catch (e) {
    log.warning(`checking for a /modelgate accept comment failed: ${(e as Error).message}`);
    return null;
  }
}

/** What a found command does to a failing verdict, given what our sticky comment recorded. */
function decide(
  found: Acceptance,
  { record, updatedAt }: StickyState,
  headSha: string,
  { comparison, render }: { comparison: Comparison; render: RenderContext },
  log: { info(m: string): void; warning(m: string): void },
): Honoured | null {
  const names = regressionNames(comparison);
  const again = record && record.headSha === headSha && sameCommand(record, found) ? record : null;
  // A first acceptance needs a command written after our last evaluation: one our comment shows
  // unrecorded (a run since then passed, or found others) may be about regressions not seen.
  if (!again && updatedAt !== null && !commandPostdates(found.at, updatedAt)) {
    log.info(
      `the /modelgate accept by @${found.by} (${found.commentUrl ?? ''}) was written before this pull request's last evaluation (${updatedAt}), which did not record it: not honoured; write it again to accept these regressions`,
    );
    return null;
  }
  if (again && !acceptanceCovers(again, names)) {
    const note = uncoveredNote(again, names);
    log.warning(`${note} (${found.commentUrl ?? ''})`);
    return { uncovered: { note, comment: renderUncoveredComment(comparison, render, again, note) } };
  }
  // Recorded before: what was accepted then stays the record (a re-run with fewer keeps all).
  const acceptance = again
    ? { ...found, regressions: again.regressions, count: again.count, digest: again.digest }
    : { ...found, regressions: names };
  log.info(`${acceptedDescription(acceptance)} (${acceptance.role}, ${acceptance.commentUrl ?? ''}): verdict accepted`);
  return {
    accepted: {
      acceptance,
      comment: renderAcceptedComment(comparison, render, acceptance),
      status: { state: 'success', description: acceptedDescription(acceptance) },
    },
  };
}
