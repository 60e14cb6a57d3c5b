// What the bot does with each event: PR comments carrying a command (help, explain, accept),
// and completed workflow runs that uploaded an evaluation artifact (comment, check, status).
// GitHub's payloads are signed, so their shape is trusted; the artifacts and the comment text
// are not: they are validated and escaped wherever they are used.

import {
  acceptanceCovers,
  acceptedDescription,
  commandPostdates,
  regressionNames,
  uncoveredNote,
  type Acceptance,
} from '../github/acceptance.js';
import { recordedAcceptance } from '../github/acceptance-record.js';
import type { GitHubClient } from '../github/client.js';
import { isBotAccount, parseCommand, type BotCommand } from '../github/commands.js';
import { boundReply } from '../github/comments.js';
import { explain as explainError } from '../github/errors.js';
import {
  downloadEvaluation,
  listEvaluationArtifacts,
  verifyClaimedPull,
  type RepoRef,
  type VerifiedPull,
} from '../github/evaluation-artifact.js';
import type { Identity } from '../github/identity.js';
import { ACCEPT_ROLES, repoRole } from '../github/permissions.js';
import { REACTION, reactToComment } from '../github/reactions.js';
import { UsageError } from '../core/errors.js';
import { escapeMarkdown, truncateEnd, truncateMiddle } from '../core/render/escape.js';
import { evaluatedAt, findPullEvaluations, gateForPull, type FoundEvaluation, type PullGate } from './evaluation.js';
import { renderExplain, resolveClass, wholeParts } from './explain.js';
import { checkName, publishPullGate } from './publish.js';
import type { BotLog } from './server.js';

export interface BotContext {
  log: BotLog;
  identity(gh: GitHubClient): Promise<Identity>;
}

interface Repository {
  name: string;
  owner: { login: string };
  html_url: string;
}
interface User {
  login: string;
  type?: string;
}

export interface IssueCommentPayload {
  issue: { number: number; pull_request?: unknown };
  comment: { id: number; body?: string | null; user: User | null; created_at: string; html_url: string };
  repository: Repository;
}

export interface WorkflowRunPayload {
  action: string;
  workflow_run: { id: number; head_sha: string; html_url: string; conclusion: string | null; created_at: string };
  repository: Repository;
}

const repoOf = (r: Repository): RepoRef => ({ owner: r.owner.login, repo: r.name });
const serverOf = (r: Repository) => new URL(r.html_url).origin;

export const HELP = [
  '**modelgate commands** (on the first line of a pull request comment):',
  '',
  "- `/modelgate accept <reason>`: accept the regressions of the current head, saying why. Needs write, maintain or admin permission; the check turns green, the comment records who, when and why, and a new push undoes it. Write it after the head's evaluation: an older command does not count.",
  "- `/modelgate explain <class>`: that class's figures for base and head on every split (counts, recall, precision, top confusions, test and q-value).",
  '- `/modelgate help`: this list.',
  '',
  'With several models (comment keys) on the pull request, `accept` and `explain` act on every one of them; `--key <key>` right after the verb (`/modelgate accept --key large <reason>`) picks one.',
].join('\n');

async function readPull(gh: GitHubClient, r: RepoRef, number: number): Promise<VerifiedPull> {
  try {
    const { data } = await gh.rest.pulls.get({ ...r, pull_number: number });
    return { number: data.number, headSha: data.head.sha, baseSha: data.base.sha, baseRef: data.base.ref };
  } catch (e) {
    throw explainError(e, 'pulls', `reading PR #${number}`);
  }
}

async function reply(gh: GitHubClient, r: RepoRef, issue: number, body: string): Promise<void> {
  try {
    await gh.rest.issues.createComment({ ...r, issue_number: issue, body: boundReply(body) });
  } catch (e) {
    throw explainError(e, 'comment', `replying on #${issue}`);
  }
}

const NO_EVALUATION = (sha: string) =>
  `I found no modelgate evaluation of the head \`${sha.slice(0, 12)}\`: the pull request's workflow uploads one when it runs modelgate with \`mode: evaluate-only\` (it may still be running).`;

type Outcome = 'done' | 'refused';

/**
 * A word shown inside a code span: GitHub shows a span's text as it is (no mention, link or
 * markup, and no character reference decoded), so only what would close it (a backtick) or
 * break it (a line break) is taken out, and the length is capped.
 */
function codeSpanText(word: string): string {
  return truncateEnd(word.replace(/[`\r\n]/g, ''), 60);
}
type Command<N extends BotCommand['name']> = Extract<BotCommand, { name: N }>;

/** Where a command is answered, and by whom. */
interface Asked {
  gh: GitHubClient;
  r: RepoRef;
  serverUrl: string;
  issue: number;
  who: string;
  comment: IssueCommentPayload['comment'];
  ctx: BotContext;
  log: (l: string) => void;
}

const refuse = (a: Asked, body: string): Promise<Outcome> => reply(a.gh, a.r, a.issue, body).then(() => 'refused');
const short = (sha: string) => `\`${sha.slice(0, 12)}\``;
/** A comment key read from a validated evaluation: [A-Za-z0-9_./-] only, safe in a code span. */
const keyCode = (f: FoundEvaluation) => `\`${f.evaluation.key}\``;

/**
 * The head's evaluations a command is about: every comment key's, or the one `key` names (by
 * itself or by its check's name), else the reply saying why there is none. `labelled`: the head
 * has several keys, so the answer names the key of each part.
 */
async function headEvaluations(
  a: Asked,
  pull: VerifiedPull,
  key: string | undefined,
): Promise<{ found: FoundEvaluation[]; labelled: boolean } | { refusal: string }> {
  const all = await findPullEvaluations(a.gh, a.r, pull, a.log);
  if (!all.length) return { refusal: NO_EVALUATION(pull.headSha) };
  const found = all.filter((f) => key === undefined || f.evaluation.key === key || checkName(f.evaluation.key) === key);
  if (found.length) return { found, labelled: all.length > 1 };
  const keys = all.map(keyCode).join(', ');
  if (!key) return { refusal: `Which key? \`--key <key>\`; the keys of the head ${short(pull.headSha)} are ${keys}.` };
  const asked = escapeMarkdown(truncateMiddle(key, 100));
  return {
    refusal: `The head ${short(pull.headSha)} has no evaluation with the key \`${asked}\`; its keys are ${keys}.`,
  };
}

/**
 * The reply to an accept written before the current head's evaluation: a delayed or redelivered
 * webhook must not accept a head the maintainer never saw (the action's rule, commandPostdates).
 */
function staleAccept(who: string, commandAt: string, sha: string, found: FoundEvaluation): string {
  const when = found.evaluatedAt ? ` (at ${escapeMarkdown(found.evaluatedAt)})` : '';
  return [
    `Sorry ${escapeMarkdown(`@${who}`)}, this command was written at ${escapeMarkdown(commandAt)}, before the current head ${short(sha)} was evaluated${when}:`,
    `the head changed (or was evaluated again) since, so the command may be about code or regressions you have not seen. Nothing was accepted.`,
    `If the regressions of ${short(sha)} are intended too, please review them and write \`/modelgate accept <reason>\` again.`,
  ].join(' ');
}

/** What an accept did for one comment key. */
interface KeyAccepted {
  found: FoundEvaluation;
  verdict: string;
  result: 'accepted' | 'stale' | 'nothing';
}

/** Accepts one key's failing verdict, when the command postdates that key's evaluation. */
async function acceptKey(
  a: Asked,
  pull: VerifiedPull,
  found: FoundEvaluation,
  given: Omit<Acceptance, 'regressions'>,
): Promise<KeyAccepted> {
  const pg = await gateForPull(a.gh, { ...a.r, serverUrl: a.serverUrl }, pull, found, a.log);
  const { verdict } = pg.gate.comparison;
  const name = `${checkName(found.evaluation.key)} of ${pull.headSha.slice(0, 12)}`;
  if (verdict !== 'fail') return { found, verdict, result: 'nothing' };
  if (!commandPostdates(given.at, found.evaluatedAt ?? '')) {
    a.log(`accept by ${given.by} refused for ${name}: written before its evaluation`);
    return { found, verdict, result: 'stale' };
  }
  const acceptance: Acceptance = { ...given, regressions: regressionNames(pg.gate.comparison) };
  await publishPullGate(a.gh, { repo: a.r, pg, acceptance, identity: await a.ctx.identity(a.gh) });
  a.log(`${acceptedDescription(acceptance)} (${name})`);
  return { found, verdict, result: 'accepted' };
}

/** One line of the reply about several keys. */
function keyLine(k: KeyAccepted, commandAt: string): string {
  const code = keyCode(k.found);
  if (k.result === 'accepted')
    return `- ${code}: accepted, \`${checkName(k.found.evaluation.key)}\` is green and its comment records it`;
  if (k.result === 'nothing') return `- ${code}: nothing to accept, the verdict is ${k.verdict}`;
  const when = k.found.evaluatedAt ? ` (at ${escapeMarkdown(k.found.evaluatedAt)})` : '';
  return `- ${code}: not accepted: this command was written at ${escapeMarkdown(commandAt)}, before this key's evaluation of the head${when}. If its regressions are intended too, review them and write \`/modelgate accept --key ${k.found.evaluation.key} <reason>\`.`;
}

/** The reply to an accept; null when a single key was accepted (its check and comment say it). */
function acceptReply(done: KeyAccepted[], labelled: boolean, who: string, commandAt: string, sha: string) {
  const [one] = done;
  if (!labelled && one.result === 'accepted') return null;
  if (!labelled && one.result === 'stale') return staleAccept(who, commandAt, sha, one.found);
  if (!labelled) return `Nothing to accept: the verdict for ${short(sha)} is ${one.verdict}.`;
  const n = done.filter((k) => k.result === 'accepted').length;
  const lines = done.map((k) => keyLine(k, commandAt));
  return `Accepted the regressions of ${short(sha)} for ${n} of ${done.length} key${done.length === 1 ? '' : 's'}:\n\n${lines.join('\n')}`;
}

async function runAccept(a: Asked, cmd: Command<'accept'>): Promise<Outcome> {
  const role = await repoRole(a.gh, { ...a.r, username: a.who });
  if (!ACCEPT_ROLES.has(role))
    return refuse(
      a,
      `Sorry ${escapeMarkdown(`@${a.who}`)}, accepting a regression needs write, maintain or admin permission on this repository (yours: ${role}). Nothing was changed; someone with that permission can accept it.`,
    );
  if (!cmd.reason)
    return refuse(a, 'Please say why: `/modelgate accept <why this change is intended>`. Nothing was changed.');
  const pull = await readPull(a.gh, a.r, a.issue);
  const sel = await headEvaluations(a, pull, cmd.key);
  if ('refusal' in sel) return refuse(a, `${sel.refusal} Nothing was accepted.`);
  const given = { by: a.who, role, at: a.comment.created_at, reason: cmd.reason, headSha: pull.headSha };
  const done: KeyAccepted[] = [];
  for (const found of sel.found)
    done.push(await acceptKey(a, pull, found, { ...given, commentUrl: a.comment.html_url }));
  const body = acceptReply(done, sel.labelled, a.who, given.at, pull.headSha);
  if (body) await reply(a.gh, a.r, a.issue, body);
  return done.some((k) => k.result === 'accepted') ? 'done' : 'refused';
}

/** One key's side of an explain: its comparison and the class names of its base and head. */
async function explainView(a: Asked, pull: VerifiedPull, found: FoundEvaluation) {
  const pg = await gateForPull(a.gh, { ...a.r, serverUrl: a.serverUrl }, pull, found, a.log);
  const base = pg.baseline?.report ?? null;
  const names = [...new Set([...found.evaluation.report.classes, ...(base?.classes ?? [])])];
  return { found, pg, base, names };
}

async function runExplain(a: Asked, cmd: Command<'explain'>): Promise<Outcome> {
  const pull = await readPull(a.gh, a.r, a.issue);
  const sel = await headEvaluations(a, pull, cmd.key);
  if ('refusal' in sel) return refuse(a, sel.refusal);
  const views = [];
  for (const found of sel.found) views.push(await explainView(a, pull, found));
  const names = [...new Set(views.flatMap((v) => v.names))];
  const name = cmd.className ? resolveClass(cmd.className, names) : null;
  if (!name) {
    const some = names.slice(0, 20).map((n) => escapeMarkdown(truncateMiddle(n, 60)));
    return refuse(
      a,
      `${cmd.className ? `No class is named ${escapeMarkdown(truncateMiddle(cmd.className, 100))}` : 'Which class? `/modelgate explain <class>`'}. The classes are: ${some.join(', ')}${names.length > 20 ? `, and ${names.length - 20} more` : ''}.`,
    );
  }
  const parts = views.map((v) => {
    const text = v.names.includes(name)
      ? renderExplain(name, v.base, v.found.evaluation.report, v.pg.gate.comparison)
      : `_This model has no class ${escapeMarkdown(truncateMiddle(name, 100))}._\n`;
    return sel.labelled ? `### ${escapeMarkdown(checkName(v.found.evaluation.key))}\n\n${text}` : text;
  });
  await reply(a.gh, a.r, a.issue, wholeParts(parts));
  return 'done';
}

async function runCommand(
  gh: GitHubClient,
  p: IssueCommentPayload,
  cmd: BotCommand,
  ctx: BotContext,
): Promise<Outcome> {
  const r = repoOf(p.repository);
  const issue = p.issue.number;
  const log = (l: string) => ctx.log.info(`${r.owner}/${r.repo}#${issue}: ${l}`);
  const a: Asked = {
    gh,
    r,
    serverUrl: serverOf(p.repository),
    issue,
    who: p.comment.user!.login,
    comment: p.comment,
    ctx,
    log,
  };
  if (cmd.name === 'help') return reply(gh, r, issue, HELP).then(() => 'done');
  if (cmd.name === 'unknown') return refuse(a, `I do not know \`/modelgate ${codeSpanText(cmd.word)}\`.\n\n${HELP}`);
  return cmd.name === 'accept' ? runAccept(a, cmd) : runExplain(a, cmd);
}

export async function onIssueComment(gh: GitHubClient, p: IssueCommentPayload, ctx: BotContext): Promise<void> {
  if (!p.issue.pull_request || isBotAccount(p.comment.user)) return;
  const cmd = parseCommand(p.comment.body);
  if (!cmd) return;
  const r = repoOf(p.repository);
  const react = (content: (typeof REACTION)[keyof typeof REACTION]) =>
    reactToComment(gh, { ...r, commentId: p.comment.id, content });
  await react(REACTION.received);
  let outcome: Outcome;
  try {
    outcome = await runCommand(gh, p, cmd, ctx);
  } catch (e) {
    // A broken input (e.g. .modelgate.yml at the base) is the repository's to fix: say it there.
    if (e instanceof UsageError)
      await reply(gh, r, p.issue.number, `modelgate could not answer: ${escapeMarkdown(e.message)}`).catch(() => {});
    await react(REACTION.refused).catch(() => {});
    throw e;
  }
  await react(outcome === 'done' ? REACTION.done : REACTION.refused);
}

/**
 * The acceptance recorded in our sticky comment, when it is for this very head and covers its
 * regressions now (a re-run); else null, with the note saying why when it no longer covers them.
 */
async function standingAcceptance(gh: GitHubClient, r: RepoRef, pull: VerifiedPull, pg: PullGate, me: Identity) {
  const key = pg.found.evaluation.key;
  const a = await recordedAcceptance(gh, { ...r, issueNumber: pull.number, key }, me);
  if (!a || a.headSha !== pull.headSha || pg.gate.comparison.verdict !== 'fail') return { acceptance: null };
  const names = regressionNames(pg.gate.comparison);
  return acceptanceCovers(a, names)
    ? { acceptance: a }
    : { acceptance: null, uncovered: { record: a, note: uncoveredNote(a, names) } };
}

export async function onWorkflowRun(gh: GitHubClient, p: WorkflowRunPayload, ctx: BotContext): Promise<void> {
  if (p.action !== 'completed') return;
  const r = repoOf(p.repository);
  const run = p.workflow_run;
  const log = (l: string) => ctx.log.info(`${r.owner}/${r.repo} run ${run.id}: ${l}`);
  for (const artifact of await listEvaluationArtifacts(gh, { ...r, runId: run.id })) {
    try {
      const evaluation = await downloadEvaluation(gh, { ...r, artifact });
      if (evaluation.pullRequest === null) continue; // a push run: a baseline for later
      const pull = await verifyClaimedPull(gh, { ...r, evaluation, runHeadSha: run.head_sha });
      const found = {
        evaluation,
        runId: run.id,
        runUrl: run.html_url,
        evaluatedAt: evaluatedAt(run.created_at, artifact),
      };
      const pg = await gateForPull(gh, { ...r, serverUrl: serverOf(p.repository) }, pull, found, log);
      const me = await ctx.identity(gh);
      const { acceptance, uncovered } = await standingAcceptance(gh, r, pull, pg, me);
      const out = await publishPullGate(gh, { repo: r, pg, acceptance, identity: me, uncovered });
      log(
        `PR #${pull.number}: ${checkName(evaluation.key)} ${pg.gate.comparison.verdict}${acceptance ? ' (accepted)' : uncovered ? ' (accepted before, not these regressions)' : ''}, ${out.commentUrl ?? ''}`,
      );
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      ctx.log.warn(
        `${r.owner}/${r.repo} run ${run.id}: artifact ${JSON.stringify(artifact.name)} rejected: ${e.message}`,
      );
    }
  }
}
