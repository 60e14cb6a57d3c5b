// The action door: inputs -> evaluate the head -> find the baseline at the PR's base commit ->
// compare -> publish (summary always; comment on PRs; status) -> exit code by verdict.

import * as core from '@actions/core';
import * as log from './log.js';
import { normalizeKey } from '../core/render/marker.js';
import type { Report } from '../core/report/types.js';
import type { GitHubClient, Limits } from '../github/client.js';
import type { BaselineSource, GateOutcome } from '../pipeline/gate.js';
import { EXIT_FAIL_VERDICT, EXIT_OK } from '../exit.js';
import { VERSION } from '../version.js';
import { COMMIT_ID, readContext, type ActionContext } from './context.js';
import type { EvaluationSetup } from './evaluate.js';
import { readInputs, type ActionInputs } from './inputs.js';
import type { WriteOutcome } from './publish.js';

/**
 * What the run needs after its first log line (YAML, the readers, the report schema, octokit):
 * imported then, so that the line comes at once (start-up, issue 14). One at a time: jest's ESM
 * loader races on parallel imports of shared modules.
 */
async function loadModules() {
  return {
    ...(await import('../github/client.js')),
    ...(await import('../github/acceptance.js')),
    ...(await import('../github/baseline-ref.js')),
    ...(await import('../io/report-file.js')),
    ...(await import('../pipeline/gate.js')),
    ...(await import('./config.js')),
    ...(await import('./evaluate.js')),
    ...(await import('./publish.js')),
  };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

/** Where the head report goes when report-path is not given. */
export function defaultReportPath(explicitKey: string | undefined): string {
  return explicitKey ? `modelgate-report-${normalizeKey(explicitKey)}.json` : 'modelgate-report.json';
}

function baselineSources(
  { modelAtCommit, fileBaseline, refBaseline }: Modules,
  inputs: ActionInputs,
  ctx: ActionContext,
  gh: GitHubClient | null,
  setup: EvaluationSetup,
): BaselineSource[] {
  // The PR's base commit; on a push, the commit before the push.
  const ref = ctx.pr ? ctx.pr.baseSha : ctx.before;
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
  { publishComment, publishStatus, FORK_HINT }: Modules,
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

function githubClient(
  { createClient, retrySettingsFromEnv }: Modules,
  token: string,
  ctx: ActionContext,
  env: NodeJS.ProcessEnv,
  limits: Limits,
): GitHubClient | null {
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

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { m, ctx, inputs, config, setup } = await core.group('modelgate: inputs', async () => {
    const inputs = readInputs((name) => core.getInput(name));
    if (inputs.token) core.setSecret(inputs.token);
    const ctx = readContext(env);
    const m = await loadModules();
    const { readActionConfig, checkActionConfig, readSetup, preprocessOf } = m;
    const config = await readActionConfig(inputs.config);
    checkActionConfig(config, inputs.rules, inputs.task);
    log.info(config.found ? `config: ${inputs.config}` : `config: ${inputs.config} not found, default rules`);
    const setup = await readSetup(inputs, inputs.model ? preprocessOf(config, inputs.preprocess) : undefined);
    log.info(
      `event ${ctx.eventName || '(none)'} on ${ctx.owner ? `${ctx.owner}/${ctx.repo}` : '(no repository)'}${ctx.pr ? `, PR #${ctx.pr.number} (head ${ctx.pr.headSha.slice(0, 12)}, base ${ctx.pr.baseSha.slice(0, 12)}${ctx.pr.fork ? ', from a fork' : ''})` : ''}`,
    );
    return { m, ctx, inputs, config, setup };
  });
  const key = inputs.commentKey ?? (ctx.job || 'modelgate');
  const statusContext = inputs.commentKey ? `modelgate/${normalizeKey(inputs.commentKey)}` : 'modelgate';
  const reportPath = inputs.reportPath ?? defaultReportPath(inputs.commentKey);
  const headSha = ctx.pr?.headSha ?? ctx.sha;

  const { channel, setOutput, writeSummary, writeReport, findBaseline, loadRules, runGate, honourAcceptance } = m;
  const head: Report = await core.group('modelgate: evaluate the head', () => m.evaluateHead(inputs, setup, headSha));
  if (await channel(`writing the head report to ${reportPath}`, () => writeReport(reportPath, head).then(() => true))) {
    await setOutput('report', reportPath);
    log.info(`head report written to ${reportPath}`);
  }

  const limits = m.limitsFromEnv(env);
  const gh = githubClient(m, usableToken(inputs.token), ctx, env, limits);

  const baseline = await core.group('modelgate: baseline', async () => {
    const b = await findBaseline(baselineSources(m, inputs, ctx, gh, setup), log.info);
    if (!b) log.info('no baseline found: verdict no-baseline (the comment says how to produce one)');
    else if (ctx.pr && b.commit && b.commit !== ctx.pr.baseSha) {
      log.notice(
        `the baseline report was made at ${b.commit.slice(0, 12)}, not at the PR's base commit ${ctx.pr.baseSha.slice(0, 12)}`,
      );
    }
    return b;
  });

  const outcome = await core.group('modelgate: compare', async () => {
    const { rules, failOnRegression, origin } = loadRules({
      config,
      inputRules: inputs.rules,
      failOnRegression: inputs.failOnRegression,
      task: head.task,
    });
    log.info(`rules: ${origin}`);
    const baseCommit = baseline?.commit;
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
      render: {
        key,
        runUrl: ctx.runUrl,
        baseCommit,
        // The commit may come from a report file: link it only when it is a commit id.
        baseCommitUrl:
          baseCommit && ctx.owner && COMMIT_ID.test(baseCommit)
            ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/commit/${baseCommit}`
            : undefined,
        headCommit: headSha || undefined,
        reportPath,
      },
    });
    log.info(
      `verdict: ${gate.comparison.verdict}${gate.comparison.reasons.length ? ` (${gate.comparison.reasons.join('; ')})` : ''}`,
    );
    return { ...gate, failOnRegression };
  });
  const { comparison: cmp } = outcome;
  // `/modelgate accept <reason>` by a maintainer, for this very head: the verdict becomes accepted.
  const accepted =
    gh && ctx.pr
      ? await honourAcceptance(
          gh,
          { owner: ctx.owner, repo: ctx.repo, prNumber: ctx.pr.number, headSha, eventPath: env.GITHUB_EVENT_PATH },
          outcome,
          log,
        )
      : null;
  if (accepted) Object.assign(outcome, { comment: accepted.comment, status: accepted.status });

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
            m,
            gh,
            ctx,
            inputs,
            { key, statusContext, headSha, comment: outcome.comment, status: outcome.status },
            limits,
          ),
        )) ?? '';
    else log.warning('github-token is empty: no PR comment and no commit status');
    await setOutput('comment-url', commentUrl);
  });

  if (cmp.verdict === 'fail' && !accepted) {
    const why = cmp.reasons[0] ?? 'regressions found';
    if (outcome.failOnRegression) {
      log.setFailed(`modelgate: ${why}`);
      return EXIT_FAIL_VERDICT;
    }
    log.warning(`modelgate: ${why} (not failing the job: fail-on-regression is false)`);
  }
  return EXIT_OK;
}
