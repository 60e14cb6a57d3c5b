// The automatic baseline of the action door: a push to a baseline branch stores its report
// (artifact or branch, see `baseline-store`); a pull request with neither `baseline-report` nor
// `baseline-ref-path` finds the one stored at its base commit, or at the nearest ancestor.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../core/report/types.js';
import { uploadFileArtifact } from '../github/artifact-upload.js';
import { artifactBaselineSource, BASELINE_FILE, baselineArtifactName } from '../github/baseline-artifact.js';
import {
  BASELINE_BRANCH,
  baselinePath,
  branchBaselineSource,
  storeBaselineOnBranch,
} from '../github/baseline-branch.js';
import type { GitHubClient, Limits } from '../github/client.js';
import { formatReport } from '../io/report-file.js';
import type { BaselineSource } from '../pipeline/gate.js';
import type { ActionContext } from './context.js';
import type { ActionInputs } from './inputs.js';
import * as log from './log.js';

/** The branches whose pushes store the baseline: the input, else the repository's default branch. */
export function baselineBranches(inputs: ActionInputs, ctx: ActionContext): string[] {
  if (inputs.baselineBranches.length) return inputs.baselineBranches;
  return ctx.defaultBranch ? [ctx.defaultBranch] : [];
}

/** This run is a push to a baseline branch: it stores its report, and is never failed on regressions. */
export function isBaselinePush(inputs: ActionInputs, ctx: ActionContext): boolean {
  return ctx.eventName === 'push' && !!ctx.pushBranch && baselineBranches(inputs, ctx).includes(ctx.pushBranch);
}

/** Neither baseline-report nor baseline-ref-path: the stored baseline is looked for. */
export function usesStoredBaseline(inputs: ActionInputs): boolean {
  return (
    inputs.baseline === 'report' && !inputs.baselineReport && !inputs.baselineRefPath && inputs.baselineStore !== 'none'
  );
}

/** The stored-baseline source for commit `baseSha` (the PR's base; on a push, the commit before it). */
export function storedBaselineSource(
  inputs: ActionInputs,
  ctx: ActionContext,
  gh: GitHubClient,
  r: { key: string; baseSha: string; limits: Limits },
): BaselineSource {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const common = { ...repo, key: r.key, baseSha: r.baseSha, maxDistance: inputs.baselineMaxDistance };
  if (inputs.baselineStore === 'branch') return branchBaselineSource(gh, { ...common, maxPages: r.limits.maxPages });
  return artifactBaselineSource(gh, {
    ...common,
    branches: baselineBranches(inputs, ctx),
    limits: r.limits,
    log: log.info,
  });
}

/**
 * Stores the head report as the baseline of `sha`. Returns where it went, for the log and the
 * summary. Throws a one-line Error on failure (the caller warns: the evaluation itself succeeded).
 */
export async function storeBaseline(
  inputs: ActionInputs,
  ctx: ActionContext,
  gh: GitHubClient | null,
  r: { key: string; sha: string; report: Report },
): Promise<string> {
  const text = formatReport(r.report);
  if (inputs.baselineStore === 'branch') {
    if (!gh) throw new Error('baseline-store: branch needs the github-token');
    await storeBaselineOnBranch(gh, { owner: ctx.owner, repo: ctx.repo, key: r.key, sha: r.sha, text, log: log.info });
    return `${baselinePath(r.key, r.sha)} on branch ${BASELINE_BRANCH}`;
  }
  // The artifact holds the report under a fixed name, whatever report-path is.
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-baseline-'));
  writeFileSync(join(dir, BASELINE_FILE), text);
  const name = baselineArtifactName(r.key);
  await uploadFileArtifact(name, join(dir, BASELINE_FILE), inputs.baselineRetentionDays);
  return `artifact ${name}`;
}
