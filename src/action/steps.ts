// The action's steps after the first log line (./run.ts loads this module then, issue 14):
// inputs -> the head report -> find the baseline at the PR's base commit -> compare -> publish
// (summary always; comment on PRs; status) -> exit code by verdict. The head report is evaluated
// here (a `shard` job stops at its partial report, `evaluate-only` at the uploaded evaluation
// artifact), merged from this run's shard artifacts (`merge-artifacts`), or taken from the checked
// evaluation artifact of the triggering run (`mode: comment`).

import * as core from '@actions/core';
import * as log from './log.js';
import { normalizeKey } from '../core/render/marker.js';
import type { Report } from '../core/report/types.js';
import { createClient, limitsFromEnv, retrySettingsFromEnv, type GitHubClient, type Limits } from '../github/client.js';
import { honourAcceptance } from '../github/acceptance.js';
import { stickyState } from '../github/acceptance-record.js';
import { whoAmI } from '../github/identity.js';
import { refBaseline } from '../github/baseline-ref.js';
import { writeReport } from '../io/report-file.js';
import type { Comparison } from '../core/compare/types.js';
import type { RenderContext } from '../core/render/comment.js';
import { baselinePushStatus } from '../core/render/status.js';
import {
  baselineNotes,
  fileBaseline,
  findBaseline,
  renderOutcome,
  runGate,
  type BaselineSource,
  type GateOutcome,
  type LoadedBaseline,
} from '../pipeline/gate.js';
import { uploadFileArtifact } from '../github/artifact-upload.js';
import { publishHtmlReport } from './html-report.js';
import { isBaselinePush, storeBaseline, storedBaselineSource, usesStoredBaseline } from './baseline.js';
import { UsageError } from '../core/errors.js';
import { formatShard } from '../core/shard.js';
import { triggeringEvaluation, uploadEvaluation, uploadToActions, type UploadArtifact } from './fork.js';
import { mergeArtifactReports } from './shards.js';
import { EXIT_FAIL_VERDICT, EXIT_OK } from '../exit.js';
import { VERSION } from '../version.js';
import { checkActionConfig, loadRules, preprocessOf, readActionConfig } from './config.js';
import { COMMIT_ID, readContext, type ActionContext } from './context.js';
import { evaluateHead, modelAtCommit, readSetup, type EvaluationSetup } from './evaluate.js';
import { htmlArtifactName, readInputs, type ActionInputs } from './inputs.js';
import {
  channel,
  FORK_HINT,
  publishComment,
  publishStatus,
  setOutput,
  writeSummary,
  type WriteOutcome,
} from './publish.js';

/** Where the head report goes when report-path is not given. */
export function defaultReportPath(explicitKey: string | undefined): string {
  return explicitKey ? `modelgate-report-${normalizeKey(explicitKey)}.json` : 'modelgate-report.json';
}

function baselineSources(
  inputs: ActionInputs,
  ctx: ActionContext,
  gh: GitHubClient | null,
  setup: EvaluationSetup,
  stored: { key: string; limits: Limits },
): BaselineSource[] {
  // The PR's base commit; on a push, the commit before the push.
  const ref = ctx.pr ? ctx.pr.baseSha : ctx.before;
  if (usesStoredBaseline(inputs)) {
    if (!ref) log.info(`baseline: no base commit for a ${ctx.eventName || 'local'} event (new branch?)`);
    else if (!gh) log.warning('baseline: no github-token, so the stored baseline cannot be looked for');
    else return [storedBaselineSource(inputs, ctx, gh, { ...stored, baseSha: ref })];
    return [];
  }
  if (inputs.baseline === 'evaluate') {
    if (inputs.baselineReport || inputs.baselineRefPath)
      log.info('baseline: evaluate re-runs the base model; baseline-report and baseline-ref-path are not used');
    if (!ref) {
      log.info(`baseline: evaluate: no base commit for a ${ctx.eventName || 'local'} event (new branch?)`);
      return [];
    }
    return [modelAtCommit(inputs, setup, ref)];
  }
  const sources: BaselineSource[] = [];
  if (inputs.baselineReport) sources.push(fileBaseline(inputs.baselineReport));
  if (inputs.baselineRefPath) {
    if (!ref)
      log.info(`baseline-ref-path: no base commit for a ${ctx.eventName || 'local'} event (new branch?): skipped`);
    else if (!gh) log.warning('baseline-ref-path: no github-token, so the committed report cannot be read');
    else sources.push(refBaseline(gh, { owner: ctx.owner, repo: ctx.repo, path: inputs.baselineRefPath, ref }));
  }
  return sources;
}

interface Publishable {
  key: string;
  statusContext: string;
  headSha: string;
  comment: string;
  status: GateOutcome['status'];
}

/** Comment (PRs) and status; every failure is a warning. Returns the comment URL ('' when none). */
async function publishWrites(
  gh: GitHubClient,
  ctx: ActionContext,
  inputs: ActionInputs,
  p: Publishable,
  limits: Limits,
): Promise<string> {
  const fork = ctx.pr?.fork ?? false;
  if (fork) log.info('pull request from a fork: the token is probably read-only; trying anyway');
  const outcomes: WriteOutcome[] = [];
  let commentUrl = '';
  if (ctx.pr) {
    const r = await publishComment(gh, {
      owner: ctx.owner,
      repo: ctx.repo,
      pr: ctx.pr,
      key: p.key,
      body: p.comment,
      mode: inputs.commentMode,
      skipUnchanged: inputs.commentSkipUnchanged,
      maxPages: limits.maxPages,
    });
    if (typeof r === 'string') outcomes.push(r);
    else commentUrl = r.url ?? '';
  } else {
    log.info(`${ctx.eventName || 'this'} event: no pull request, so no comment`);
  }
  if (inputs.commitStatus && p.headSha) {
    outcomes.push(
      await publishStatus(gh, {
        owner: ctx.owner,
        repo: ctx.repo,
        sha: p.headSha,
        context: p.statusContext,
        state: p.status.state,
        description: p.status.description,
        targetUrl: ctx.runUrl,
      }),
    );
  }
  if (fork && outcomes.includes('denied')) log.warning(FORK_HINT);
  return commentUrl;
}

/**
 * The token, or '' when it cannot be one: run outside GitHub Actions (e.g. by
 * @github/local-action), the action.yml default `${{ github.token }}` arrives unexpanded.
 */
export function usableToken(token: string): string {
  if (!/^\s*\$\{\{[^}]*\}\}\s*$/.test(token)) return token;
  log.warning(
    `github-token is the unexpanded expression ${token.trim()} (not running on GitHub Actions?): no PR comment, commit status or contents API; set INPUT_GITHUB-TOKEN to a token to use them`,
  );
  return '';
}

function githubClient(token: string, ctx: ActionContext, env: NodeJS.ProcessEnv, limits: Limits): GitHubClient | null {
  if (!token) return null;
  return createClient({
    token,
    baseUrl: ctx.apiUrl,
    userAgent: `modelgate/${VERSION}`,
    retry: retrySettingsFromEnv(env),
    limits,
    log: { debug: log.debug, info: log.info, warn: log.warning },
  });
}

/** Files the run reads (or has written), which no output may replace. */
function actionInputFiles(inputs: ActionInputs, reportPath: string): string[] {
  return [
    ...inputs.splits.map((s) => s.path),
    ...inputs.data.map((d) => d.path),
    inputs.model,
    inputs.baselineReport,
    inputs.classes,
    reportPath,
  ].filter((p): p is string => !!p);
}

/** Writes and uploads the HTML report when html-report asks for it; the artifact's URL when uploaded. */
async function htmlReportStep(
  inputs: ActionInputs,
  ctx: ActionContext,
  cmp: Comparison,
  head: Report,
  reportPath: string,
): Promise<string | undefined> {
  if (!inputs.htmlReport) return undefined;
  const path = inputs.htmlReport;
  const r = await core.group('modelgate: HTML report', () =>
    publishHtmlReport({
      comparison: cmp,
      head,
      path,
      artifact: htmlArtifactName(inputs.commentKey),
      runUrl: ctx.runUrl,
      inputs: actionInputFiles(inputs, reportPath),
      upload: uploadFileArtifact,
    }),
  );
  await setOutput('html-report', r.written ? path : '');
  await setOutput('html-report-url', r.url ?? '');
  return r.url;
}

export interface Prepared {
  ctx: ActionContext;
  inputs: ActionInputs;
  config: Awaited<ReturnType<typeof readActionConfig>>;
  setup: EvaluationSetup;
}

export async function prepare(env: NodeJS.ProcessEnv): Promise<Prepared> {
  const inputs = readInputs((name) => core.getInput(name));
  if (inputs.token) core.setSecret(inputs.token);
  const ctx = readContext(env);
  const config = await readActionConfig(inputs.config);
  checkActionConfig(config, inputs.rules, inputs.task);
  log.info(config.found ? `config: ${inputs.config}` : `config: ${inputs.config} not found, default rules`);
  const setup = await readSetup(inputs, inputs.model ? preprocessOf(config, inputs.preprocess) : undefined);
  log.info(
    `event ${ctx.eventName || '(none)'} on ${ctx.owner ? `${ctx.owner}/${ctx.repo}` : '(no repository)'}${ctx.pr ? `, PR #${ctx.pr.number} (head ${ctx.pr.headSha.slice(0, 12)}, base ${ctx.pr.baseSha.slice(0, 12)}${ctx.pr.fork ? ', from a fork' : ''})` : ''}`,
  );
  return { ctx, inputs, config, setup };
}

/** The head report and what it belongs to; null when there is nothing to judge (comment mode, no PR). */
interface Head {
  report: Report;
  /** The context, with the pull request GitHub confirmed in comment mode. */
  ctx: ActionContext;
  headSha: string;
  /** The comment key when the inputs give none: the job's, or the evaluation artifact's. */
  defaultKey: string;
}

function needClient(gh: GitHubClient | null, what: string): GitHubClient {
  if (!gh)
    throw new UsageError(
      `${what} needs the github-token input (a token that can read this repository's Actions artifacts)`,
    );
  return gh;
}

async function headOf(p: Prepared, gh: GitHubClient | null, env: NodeJS.ProcessEnv): Promise<Head | null> {
  const { ctx, inputs } = p;
  if (inputs.mode === 'comment') {
    const trusted = await triggeringEvaluation(needClient(gh, 'mode comment'), ctx, inputs.commentKey);
    if (!trusted) return null;
    const e = trusted.evaluation;
    return { report: e.report, ctx: { ...ctx, pr: trusted.pr }, headSha: trusted.pr.headSha, defaultKey: e.key };
  }
  const headSha = ctx.pr?.headSha ?? ctx.sha;
  const defaultKey = ctx.job || 'modelgate';
  if (inputs.mergeArtifacts) {
    const runId = Number(env.GITHUB_RUN_ID);
    if (!Number.isSafeInteger(runId) || runId <= 0)
      throw new UsageError('input merge-artifacts: GITHUB_RUN_ID is not set (not running on GitHub Actions?)');
    const report = await mergeArtifactReports(
      needClient(gh, 'input merge-artifacts'),
      { owner: ctx.owner, repo: ctx.repo, runId },
      inputs.mergeArtifacts,
      limitsFromEnv(env),
    );
    return { report, ctx, headSha, defaultKey };
  }
  return { report: await evaluateHead(inputs, p.setup, headSha), ctx, headSha, defaultKey };
}

export interface RunDeps {
  /** evaluate-only: how the evaluation artifact is uploaded (tests give their own). */
  upload?: UploadArtifact;
}

/** Everything after the inputs group (`prepare`). */
export async function runPrepared(p: Prepared, env: NodeJS.ProcessEnv, deps: RunDeps = {}): Promise<number> {
  const { inputs } = p;
  const limits = limitsFromEnv(env);
  const gh = githubClient(usableToken(inputs.token), p.ctx, env, limits);
  const head = await core.group('modelgate: evaluate the head', () => headOf(p, gh, env));
  if (!head) return EXIT_OK;
  const key = inputs.commentKey ?? head.defaultKey;
  const reportPath = inputs.reportPath ?? defaultReportPath(inputs.commentKey);
  if (
    await channel(`writing the head report to ${reportPath}`, () =>
      writeReport(reportPath, head.report).then(() => true),
    )
  ) {
    await setOutput('report', reportPath);
    log.info(`head report written to ${reportPath}`);
  }
  if (inputs.shard) {
    log.info(
      `shard ${formatShard(inputs.shard)}: partial report written; upload it as an artifact, and a final job merges every shard (merge-artifacts) and compares`,
    );
    return EXIT_OK;
  }
  if (inputs.mode === 'evaluate-only') {
    // The fork-safe pull_request workflow also runs on pushes to the base branch: there it keeps
    // the baseline that the comment workflow finds, as a full run would.
    const stored = await storeOnPush({ ...p, ctx: head.ctx }, gh, {
      head: head.report,
      headSha: head.headSha,
      key,
      reportPath,
    });
    for (const note of stored) log.info(note);
    await uploadEvaluation(deps.upload ?? uploadToActions, {
      ctx: head.ctx,
      key,
      explicitKey: inputs.commentKey,
      head: head.report,
      headSha: head.headSha,
    });
    return EXIT_OK;
  }
  return gateAndPublish({ ...p, ctx: head.ctx }, gh, limits, env, {
    head: head.report,
    headSha: head.headSha,
    key,
    reportPath,
  });
}

/** The baseline, and what the comment must say about it (see baselineNotes), also told to the log. */
async function baselineOf(
  p: Prepared,
  gh: GitHubClient | null,
  stored: { key: string; limits: Limits },
): Promise<{ baseline: LoadedBaseline | null; notes: string[] }> {
  const { ctx, inputs, setup } = p;
  const unusable: string[] = [];
  const b = await findBaseline(baselineSources(inputs, ctx, gh, setup, stored), log.info, unusable);
  if (!b) log.info('no baseline found: verdict no-baseline (the comment says how to produce one)');
  const notes = baselineNotes(b, ctx.pr?.baseSha ?? ctx.before ?? undefined, unusable);
  for (const n of notes) log.notice(n);
  return { baseline: b, notes };
}

/** A push to a baseline branch stores its report; returns the note for the comment and summary. */
async function storeOnPush(p: Prepared, gh: GitHubClient | null, j: Judged): Promise<string[]> {
  const { ctx, inputs } = p;
  if (!isBaselinePush(inputs, ctx) || inputs.baselineStore === 'none') return [];
  const where = await core.group('modelgate: store the baseline', () =>
    channel('storing the baseline', () =>
      storeBaseline(inputs, ctx, gh, { key: j.key, sha: j.headSha, report: j.head }),
    ),
  );
  if (where) log.info(`baseline stored: ${where}`);
  return [
    `This push to ${ctx.pushBranch} ${where ? `stored its report as the baseline (${where})` : 'makes the baseline'}; ` +
      'a push to a baseline branch is compared for information and never failed on regressions: pull requests are gated.',
  ];
}

interface Judged {
  head: Report;
  headSha: string;
  key: string;
  reportPath: string;
}

/** honourAcceptance for this run: the pull request's accept commands and our sticky comment's record. */
function acceptanceStep(
  gh: GitHubClient,
  prNumber: number,
  p: Prepared,
  env: NodeJS.ProcessEnv,
  j: Judged,
  cmp: Comparison,
  render: RenderContext,
) {
  const { owner, repo } = p.ctx;
  const q = { owner, repo, prNumber, headSha: j.headSha, eventPath: env.GITHUB_EVENT_PATH };
  const sticky = async () =>
    stickyState(gh, { owner, repo, issueNumber: prNumber, key: render.key }, await whoAmI(gh, log.debug));
  return honourAcceptance(gh, q, { comparison: cmp, render }, log, sticky);
}

/** Baseline, comparison, acceptance, publishing and the exit code: the same for every mode that judges. */
async function gateAndPublish(
  p: Prepared,
  gh: GitHubClient | null,
  limits: Limits,
  env: NodeJS.ProcessEnv,
  j: Judged,
): Promise<number> {
  const { ctx, inputs } = p;
  const { headSha, key } = j;
  const statusContext = inputs.commentKey ? `modelgate/${normalizeKey(inputs.commentKey)}` : 'modelgate';
  const stored = await storeOnPush(p, gh, j);
  const { baseline, notes } = await core.group('modelgate: baseline', () => baselineOf(p, gh, { key, limits }));

  const render = { ...renderContext(ctx, baseline, j), baselineNotes: [...stored, ...notes] };
  const outcome = await core.group('modelgate: compare', async () => compare(p, baseline, j, render));
  const { comparison: cmp } = outcome;
  // The comment and the summary link to the HTML report: rendered again with the link.
  const htmlReportUrl = await htmlReportStep(inputs, ctx, cmp, j.head, j.reportPath);
  const rendered = htmlReportUrl ? { ...render, htmlReportUrl } : render;
  if (htmlReportUrl) Object.assign(outcome, renderOutcome(cmp, rendered));
  // `/modelgate accept <reason>` by a maintainer, for this very head: the verdict becomes accepted.
  const honoured = gh && ctx.pr ? await acceptanceStep(gh, ctx.pr.number, p, env, j, cmp, rendered) : null;
  const accepted = honoured && 'accepted' in honoured ? honoured.accepted : null;
  if (accepted) Object.assign(outcome, { comment: accepted.comment, status: accepted.status });
  // Accepted before, but for other regressions: the comment and the summary say why it is red again.
  if (honoured && 'uncovered' in honoured) {
    Object.assign(outcome, renderOutcome(cmp, { ...rendered, gateNotes: [honoured.uncovered.note] }));
    outcome.comment = honoured.uncovered.comment;
  }
  if (isBaselinePush(inputs, ctx)) outcome.status = baselinePushStatus(outcome.status);

  await core.group('modelgate: publish', async () => {
    // Outputs and summary first: they need no permission and must survive a refused write.
    await setOutput('verdict', accepted ? 'accepted' : cmp.verdict);
    await setOutput('regressions', String(outcome.regressions));
    await channel('writing the job summary', () => writeSummary(outcome.summary));
    let commentUrl = '';
    if (gh)
      commentUrl =
        (await channel('publishing to GitHub', () =>
          publishWrites(
            gh,
            ctx,
            inputs,
            { key, statusContext, headSha, comment: outcome.comment, status: outcome.status },
            limits,
          ),
        )) ?? '';
    // An unexpanded token was already said once (usableToken).
    else if (!inputs.token.trim()) log.warning('github-token is empty: no PR comment and no commit status');
    await setOutput('comment-url', commentUrl);
  });

  if (cmp.verdict === 'fail' && !accepted) {
    const why = cmp.reasons[0] ?? 'regressions found';
    if (isBaselinePush(inputs, ctx)) {
      log.warning(
        `modelgate: ${why} (not failing: a push to ${ctx.pushBranch} makes the baseline; pull requests are gated)`,
      );
      return EXIT_OK;
    }
    if (outcome.failOnRegression) {
      log.setFailed(`modelgate: ${why}`);
      return EXIT_FAIL_VERDICT;
    }
    log.warning(`modelgate: ${why} (not failing the job: fail-on-regression is false)`);
  }
  return EXIT_OK;
}

function renderContext(ctx: ActionContext, baseline: LoadedBaseline | null, j: Judged): RenderContext {
  const baseCommit = baseline?.commit;
  return {
    key: j.key,
    runUrl: ctx.runUrl,
    baseCommit,
    // The commit may come from a report file: link it only when it is a commit id.
    baseCommitUrl:
      baseCommit && ctx.owner && COMMIT_ID.test(baseCommit)
        ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${baseCommit}`
        : undefined,
    headCommit: j.headSha || undefined,
    reportPath: j.reportPath,
  };
}

/** The comparison with the rules of this checkout's config (in comment mode: the base branch's). */
function compare(
  p: Prepared,
  baseline: LoadedBaseline | null,
  j: Judged,
  render: RenderContext,
): GateOutcome & { failOnRegression: boolean } {
  const { inputs, config } = p;
  const { head, headSha } = j;
  const { rules, failOnRegression, origin } = loadRules({
    config,
    inputRules: inputs.rules,
    failOnRegression: inputs.failOnRegression,
    task: head.task,
  });
  log.info(`rules: ${origin}`);
  const gate = runGate({
    head,
    headSide: {
      commit: headSha || undefined,
      source: head.source,
      toolVersion: head.tool.version,
      createdAt: head.createdAt,
    },
    baseline,
    rules,
    rulesOrigin: origin,
    render,
  });
  log.info(
    `verdict: ${gate.comparison.verdict}${gate.comparison.reasons.length ? ` (${gate.comparison.reasons.join('; ')})` : ''}`,
  );
  return { ...gate, failOnRegression };
}
