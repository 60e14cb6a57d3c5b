// Accepting a regression: a person with write access says "this drop is intended, because ..."
// with `/modelgate accept <reason>`. The acceptance is recorded (who, role, when, why, which
// head SHA, which regressions), binds to that head SHA only (a new push invalidates it), and
// turns a failing verdict into `accepted`. The bot records it in its sticky comment (a hidden
// block); the action, without the bot, finds the command itself among the PR's comments.

import { readFileSync } from 'node:fs';
import type { Comparison } from '../core/compare/types.js';
import { escapeMarkdown, sanitizeText, truncateEnd } from '../core/render/escape.js';
import type { GitHubClient } from './client.js';
import { isBotAccount, parseCommand } from './commands.js';
import { explain } from './errors.js';
import { ACCEPT_ROLES, repoRole, type RepoRole } from './permissions.js';

export interface Acceptance {
  by: string;
  role: RepoRole;
  /** ISO time of the command. */
  at: string;
  reason: string;
  headSha: string;
  /** What was accepted, in words ("test: class cat recall"); empty when not known. */
  regressions: string[];
  commentUrl?: string;
}

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

/** The commit status line of an accepted verdict (plain text). */
export function acceptedDescription(a: Acceptance): string {
  return sanitizeText(`accepted by @${a.by}: ${truncateEnd(a.reason, 100)}`);
}

/** The "Accepted" section of the sticky comment; every piece of data escaped. */
export function acceptedSection(a: Acceptance): string {
  const lines = [
    '### Accepted',
    '',
    `${escapeMarkdown(`@${a.by}`)} (${a.role}) accepted the regressions of head \`${a.headSha.slice(0, 12)}\` at ${escapeMarkdown(a.at)}:`,
    '',
    `> ${escapeMarkdown(a.reason)}`,
  ];
  if (a.regressions.length) {
    lines.push('');
    for (const r of a.regressions.slice(0, 20)) lines.push(`- ${escapeMarkdown(truncateEnd(r, 200))}`);
    if (a.regressions.length > 20) lines.push(`- … and ${a.regressions.length - 20} more`);
  }
  lines.push('', '_A new push invalidates this acceptance._');
  return lines.join('\n');
}

const BLOCK = /<!-- modelgate:acceptance ([A-Za-z0-9_-]+) -->/;

/** The machine-readable record hidden in the sticky comment. */
export function acceptanceBlock(a: Acceptance): string {
  return `<!-- modelgate:acceptance ${Buffer.from(JSON.stringify(a)).toString('base64url')} -->`;
}

/** The record in a comment body, validated; null when absent or malformed. */
export function readAcceptanceBlock(body: string | null | undefined): Acceptance | null {
  const m = BLOCK.exec(body ?? '');
  if (!m) return null;
  try {
    const a = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as Acceptance;
    const ok =
      typeof a.by === 'string' &&
      ACCEPT_ROLES.has(a.role) &&
      typeof a.at === 'string' &&
      typeof a.reason === 'string' &&
      typeof a.headSha === 'string' &&
      /^[0-9a-f]{40,64}$/.test(a.headSha) &&
      Array.isArray(a.regressions) &&
      a.regressions.every((r) => typeof r === 'string');
    return ok ? a : null;
  } catch {
    return null;
  }
}

export interface AcceptanceQuery {
  owner: string;
  repo: string;
  prNumber: number;
  headSha: string;
  /** Commands older than this (ISO time: when the head was pushed) do not count. */
  since: string;
  /** Pages of 100 comments read at most. */
  maxPages?: number;
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
  const since = Date.parse(q.since);
  const candidates: { login: string; at: string; reason: string; url: string }[] = [];
  try {
    let pages = 0;
    const it = gh.paginate.iterator(gh.rest.issues.listComments, { ...where, issue_number: q.prNumber, per_page: 100 });
    for await (const page of it) {
      for (const c of page.data) {
        const cmd = parseCommand(c.body);
        if (cmd?.name !== 'accept' || !cmd.reason || isBotAccount(c.user)) continue;
        if (!(Date.parse(c.created_at) > since)) continue;
        candidates.push({ login: c.user!.login, at: c.created_at, reason: cmd.reason, url: c.html_url });
      }
      if (++pages >= (q.maxPages ?? 20)) break;
    }
  } catch (e) {
    throw explain(e, 'comment', `listing the comments of #${q.prNumber}`);
  }
  const roles = new Map<string, RepoRole>();
  for (const c of candidates.reverse()) {
    if (!roles.has(c.login)) roles.set(c.login, await repoRole(gh, { ...where, username: c.login }));
    const role = roles.get(c.login)!;
    if (ACCEPT_ROLES.has(role))
      return { by: c.login, role, at: c.at, reason: c.reason, headSha: q.headSha, regressions: [], commentUrl: c.url };
    if (roles.size >= 10) break;
  }
  return null;
}

/** The sticky comment with the acceptance (section and record) right under its marker line. */
export function withAcceptance(comment: string, a: Acceptance): string {
  const extra = `${acceptanceBlock(a)}\n\n${acceptedSection(a)}\n\n---\n`;
  const nl = comment.indexOf('\n');
  return nl < 0 ? `${comment}\n${extra}` : `${comment.slice(0, nl + 1)}${extra}${comment.slice(nl + 1)}`;
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
 * The action's hook: on a failing verdict for a pull request, a valid acceptance of this head
 * (see findAcceptance; `since`: headPushedSince) turns the outcome into `accepted`. Any failure
 * to check means no acceptance.
 */
export async function honourAcceptance(
  gh: GitHubClient,
  q: Omit<AcceptanceQuery, 'since'> & { eventPath: string | undefined },
  outcome: { comparison: Comparison; comment: string },
  log: { info(m: string): void; warning(m: string): void },
): Promise<AcceptedOutcome | null> {
  if (outcome.comparison.verdict !== 'fail' || !q.eventPath) return null;
  let since: unknown;
  try {
    since = headPushedSince(JSON.parse(readFileSync(q.eventPath, 'utf8')));
  } catch {
    return null;
  }
  if (typeof since !== 'string' || Number.isNaN(Date.parse(since))) return null;
  let found: Acceptance | null;
  try {
    found = await findAcceptance(gh, { ...q, since });
  } catch (e) {
    log.warning(`checking for a /modelgate accept comment failed: ${(e as Error).message}`);
    return null;
  }
  if (!found) return null;
  const acceptance = { ...found, regressions: regressionNames(outcome.comparison) };
  log.info(`${acceptedDescription(acceptance)} (${acceptance.role}, ${acceptance.commentUrl ?? ''}): verdict accepted`);
  return {
    acceptance,
    comment: withAcceptance(outcome.comment, acceptance),
    status: { state: 'success', description: acceptedDescription(acceptance) },
  };
}
