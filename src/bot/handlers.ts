// What the bot does with each event: PR comments carrying a command (help, explain, accept),
// and completed workflow runs that uploaded an evaluation artifact (comment, check, status).
// GitHub's payloads are signed, so their shape is trusted; the artifacts and the comment text
// are not: they are validated and escaped wherever they are used.

import {
  acceptedDescription,
  commandPostdates,
  readAcceptanceBlock,
  regressionNames,
  type Acceptance,
} from '../github/acceptance.js';
import type { GitHubClient } from '../github/client.js';
import { isBotAccount, parseCommand, type BotCommand } from '../github/commands.js';
import { findOwnComments } from '../github/comments.js';
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
import { escapeMarkdown, truncateMiddle } from '../core/render/escape.js';
import { evaluatedAt, findPullEvaluation, gateForPull, type FoundEvaluation } from './evaluation.js';
import { renderExplain, resolveClass } from './explain.js';
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
    await gh.rest.issues.createComment({ ...r, issue_number: issue, body });
  } catch (e) {
    throw explainError(e, 'comment', `replying on #${issue}`);
  }
}

const NO_EVALUATION = (sha: string) =>
  `I found no modelgate evaluation of the head \`${sha.slice(0, 12)}\`: the pull request's workflow uploads one when it runs modelgate with \`mode: evaluate-only\` (it may still be running).`;

type Outcome = 'done' | 'refused';

/**
 * The reply to an accept written before the current head's evaluation: a delayed or redelivered
 * webhook must not accept a head the maintainer never saw (the action's rule, commandPostdates).
 */
function staleAccept(who: string, commandAt: string, sha: string, found: FoundEvaluation): string {
  const short = `\`${sha.slice(0, 12)}\``;
  const when = found.evaluatedAt ? ` (at ${escapeMarkdown(found.evaluatedAt)})` : '';
  return [
    `Sorry ${escapeMarkdown(`@${who}`)}, this command was written at ${escapeMarkdown(commandAt)}, before the current head ${short} was evaluated${when}:`,
    `the head changed (or was evaluated again) since, so the command may be about code or regressions you have not seen. Nothing was accepted.`,
    `If the regressions of ${short} are intended too, please review them and write \`/modelgate accept <reason>\` again.`,
  ].join(' ');
}

async function runCommand(
  gh: GitHubClient,
  p: IssueCommentPayload,
  cmd: BotCommand,
  ctx: BotContext,
): Promise<Outcome> {
  const r = repoOf(p.repository);
  const issue = p.issue.number;
  const who = p.comment.user!.login;
  const log = (l: string) => ctx.log.info(`${r.owner}/${r.repo}#${issue}: ${l}`);
  if (cmd.name === 'help') return reply(gh, r, issue, HELP).then(() => 'done');
  if (cmd.name === 'unknown') {
    await reply(gh, r, issue, `I do not know \`/modelgate ${escapeMarkdown(cmd.word)}\`.\n\n${HELP}`);
    return 'refused';
  }
  if (cmd.name === 'accept') {
    const role = await repoRole(gh, { ...r, username: who });
    if (!ACCEPT_ROLES.has(role)) {
      await reply(
        gh,
        r,
        issue,
        `Sorry ${escapeMarkdown(`@${who}`)}, accepting a regression needs write, maintain or admin permission on this repository (yours: ${role}). Nothing was changed; someone with that permission can accept it.`,
      );
      return 'refused';
    }
    if (!cmd.reason) {
      await reply(
        gh,
        r,
        issue,
        'Please say why: `/modelgate accept <why this change is intended>`. Nothing was changed.',
      );
      return 'refused';
    }
    const pull = await readPull(gh, r, issue);
    const found = await findPullEvaluation(gh, r, pull, log);
    if (!found)
      return reply(gh, r, issue, `${NO_EVALUATION(pull.headSha)} Nothing was accepted.`).then(() => 'refused');
    const pg = await gateForPull(gh, { ...r, serverUrl: serverOf(p.repository) }, pull, found, log);
    if (pg.gate.comparison.verdict !== 'fail') {
      await reply(
        gh,
        r,
        issue,
        `Nothing to accept: the verdict for \`${pull.headSha.slice(0, 12)}\` is ${pg.gate.comparison.verdict}.`,
      );
      return 'refused';
    }
    if (!commandPostdates(p.comment.created_at, found.evaluatedAt ?? '')) {
      await reply(gh, r, issue, staleAccept(who, p.comment.created_at, pull.headSha, found));
      log(`accept by ${who} refused: written before the evaluation of ${pull.headSha.slice(0, 12)}`);
      return 'refused';
    }
    const acceptance: Acceptance = {
      by: who,
      role,
      at: p.comment.created_at,
      reason: cmd.reason,
      headSha: pull.headSha,
      regressions: regressionNames(pg.gate.comparison),
      commentUrl: p.comment.html_url,
    };
    await publishPullGate(gh, { repo: r, pg, acceptance, identity: await ctx.identity(gh) });
    log(`${acceptedDescription(acceptance)} (head ${pull.headSha.slice(0, 12)})`);
    return 'done';
  }
  // explain
  const pull = await readPull(gh, r, issue);
  const found = await findPullEvaluation(gh, r, pull, log);
  if (!found) return reply(gh, r, issue, NO_EVALUATION(pull.headSha)).then(() => 'refused');
  const pg = await gateForPull(gh, { ...r, serverUrl: serverOf(p.repository) }, pull, found, log);
  const head = found.evaluation.report;
  const base = pg.baseline?.report ?? null;
  const names = [...new Set([...head.classes, ...(base?.classes ?? [])])];
  const name = cmd.className ? resolveClass(cmd.className, names) : null;
  if (!name) {
    const some = names.slice(0, 20).map((n) => escapeMarkdown(truncateMiddle(n, 60)));
    await reply(
      gh,
      r,
      issue,
      `${cmd.className ? `No class is named ${escapeMarkdown(truncateMiddle(cmd.className, 100))}` : 'Which class? `/modelgate explain <class>`'}. The classes are: ${some.join(', ')}${names.length > 20 ? `, and ${names.length - 20} more` : ''}.`,
    );
    return 'refused';
  }
  await reply(gh, r, issue, renderExplain(name, base, head, pg.gate.comparison));
  return 'done';
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

/** The acceptance recorded in our sticky comment, when it is for this very head. */
async function recordedAcceptance(gh: GitHubClient, r: RepoRef, pull: VerifiedPull, key: string, me: Identity) {
  const [own] = await findOwnComments(gh, { ...r, issueNumber: pull.number }, key, me);
  const a = readAcceptanceBlock(own?.body);
  return a && a.headSha === pull.headSha ? a : null;
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
      const acceptance = await recordedAcceptance(gh, r, pull, evaluation.key, me);
      const out = await publishPullGate(gh, { repo: r, pg, acceptance, identity: me });
      log(
        `PR #${pull.number}: ${checkName(evaluation.key)} ${pg.gate.comparison.verdict}${acceptance ? ' (accepted)' : ''}, ${out.commentUrl ?? ''}`,
      );
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      ctx.log.warn(
        `${r.owner}/${r.repo} run ${run.id}: artifact ${JSON.stringify(artifact.name)} rejected: ${e.message}`,
      );
    }
  }
}
