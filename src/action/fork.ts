// Fork pull requests in two workflows. `mode: evaluate-only` runs in the unprivileged
// pull_request workflow (a fork gets a read-only token): it evaluates and uploads the evaluation
// artifact (src/github/evaluation-artifact.ts: the report, the PR number and the head SHA), and
// writes nothing to GitHub. `mode: comment` runs in a workflow_run workflow (the base
// repository's code, a write token): it downloads that artifact from the triggering run and
// treats all of it as untrusted (schema, sizes, and the PR it names must exist here with the
// run's head SHA as its head) before the one pipeline compares and publishes.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as log from './log.js';
import { UsageError } from '../core/errors.js';
import { normalizeKey } from '../core/render/marker.js';
import type { Report } from '../core/report/types.js';
import { uploadFileArtifact } from '../github/artifact-upload.js';
import type { GitHubClient } from '../github/client.js';
import {
  buildEvaluation,
  downloadEvaluation,
  EVALUATION_FILE,
  evaluationArtifactName,
  listEvaluationArtifacts,
  verifyClaimedPull,
  type Evaluation,
} from '../github/evaluation-artifact.js';
import type { ActionContext, PullRequestInfo } from './context.js';

/** Uploads one file as an artifact of this run. */
export type UploadArtifact = (name: string, path: string) => Promise<void>;

/**
 * Days the evaluation artifact is kept: the comment workflow reads it within minutes; the bot's
 * `explain` and `accept` read the newest one of the PR head while the PR is open.
 */
export const EVALUATION_RETENTION_DAYS = 14;

/** The artifact service of GitHub Actions (@actions/artifact), for the evaluation file. */
export const uploadToActions: UploadArtifact = async (name, path) => {
  try {
    await uploadFileArtifact(name, path, EVALUATION_RETENTION_DAYS);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
};

/** evaluate-only: the evaluation artifact of this run, named after the comment key. */
export async function uploadEvaluation(
  upload: UploadArtifact,
  o: { ctx: ActionContext; key: string; explicitKey?: string; head: Report; headSha: string },
): Promise<string> {
  const { ctx } = o;
  const evaluation = buildEvaluation({
    key: normalizeKey(o.key),
    pullRequest: ctx.pr?.number ?? null,
    headSha: o.headSha,
    baseSha: ctx.pr?.baseSha ?? null,
    report: o.head,
  });
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'modelgate-evaluation-'));
  const file = join(dir, EVALUATION_FILE);
  await writeFile(file, JSON.stringify(evaluation));
  const name = evaluationArtifactName(o.explicitKey);
  await upload(name, file);
  log.info(
    `evaluation artifact ${name} uploaded (${ctx.pr ? `PR #${ctx.pr.number}` : 'no pull request'}, head ${o.headSha.slice(0, 12)}); a workflow_run workflow with mode: comment compares and comments it`,
  );
  return name;
}

export interface TrustedEvaluation {
  evaluation: Evaluation;
  /** The pull request as GitHub tells it (not as the artifact claims). */
  pr: PullRequestInfo;
}

/**
 * comment: the evaluation uploaded by the run that triggered this workflow_run, checked. Null
 * when that run was not for a pull request (nothing to comment on). Every refusal is a UsageError.
 */
export async function triggeringEvaluation(
  gh: GitHubClient,
  ctx: ActionContext,
  explicitKey: string | undefined,
): Promise<TrustedEvaluation | null> {
  const run = ctx.workflowRun;
  if (ctx.eventName !== 'workflow_run' || !run)
    throw new UsageError(
      `input mode: comment runs in a workflow triggered by workflow_run (the run that evaluated); this is a ${ctx.eventName || 'local'} event`,
    );
  if (run.event !== 'pull_request') {
    log.info(
      `the triggering run ${run.id} was started by ${run.event || 'an unknown event'}, not pull_request: nothing to comment`,
    );
    return null;
  }
  const r = { owner: ctx.owner, repo: ctx.repo };
  const name = evaluationArtifactName(explicitKey);
  const artifact = (await listEvaluationArtifacts(gh, { ...r, runId: run.id })).find((a) => a.name === name);
  if (!artifact)
    throw new UsageError(
      `run ${run.id} uploaded no artifact ${name}; run the action there with mode: evaluate-only${explicitKey ? ' and the same comment-key' : ''}`,
    );
  const evaluation = await downloadEvaluation(gh, { ...r, artifact });
  const where = `artifact ${name} of run ${run.id}`;
  if (explicitKey && evaluation.key !== normalizeKey(explicitKey))
    throw new UsageError(
      `${where}: key ${JSON.stringify(evaluation.key)} is not the comment-key ${JSON.stringify(explicitKey)}`,
    );
  if (evaluation.report.commit !== undefined && evaluation.report.commit !== evaluation.headSha)
    throw new UsageError(
      `${where}: the report is of commit ${evaluation.report.commit.slice(0, 12)}, not of the head it claims`,
    );
  const pull = await verifyClaimedPull(gh, { ...r, evaluation, runHeadSha: run.headSha }).catch((e: unknown) => {
    throw e instanceof UsageError ? new UsageError(`${where} rejected: ${e.message}`) : e;
  });
  log.info(`${where}: PR #${pull.number} at head ${pull.headSha.slice(0, 12)}, checked against GitHub`);
  return {
    evaluation,
    pr: {
      number: pull.number,
      headSha: pull.headSha,
      baseSha: pull.baseSha,
      baseRef: pull.baseRef,
      headRepo: null,
      baseRepo: `${ctx.owner}/${ctx.repo}`,
      // This workflow has the base repository's token: writes are expected to work.
      fork: false,
    },
  };
}
