// What the bot compares, found from GitHub alone: the head's evaluation artifact (uploaded by
// the pull request's workflow with `mode: evaluate-only`), the baseline (the evaluation
// artifact of a push run at the PR's base commit, in this repository only), and the rules
// (.modelgate.yml as committed at the base commit: a pull request cannot loosen its own gate).
// Every artifact is untrusted: validated, and checked against the run and the pull request.

import { UsageError } from '../core/errors.js';
import { loadRules } from '../action/config.js';
import { parseConfig } from '../io/config.js';
import { listRunsAt, type ArtifactInfo, type RunInfo } from '../github/artifacts.js';
import type { GitHubClient } from '../github/client.js';
import { readRepoFile } from '../github/contents.js';
import {
  downloadEvaluation,
  listEvaluationArtifacts,
  type Evaluation,
  type RepoRef,
  type VerifiedPull,
} from '../github/evaluation-artifact.js';
import { findBaseline, runGate, type BaselineSource, type GateOutcome, type LoadedBaseline } from '../pipeline/gate.js';

/**
 * Completed workflow runs listed per commit, newest first (one page), and of those the most whose
 * artifacts are listed (a call each). A commit at the tip of the default branch has many runs
 * (CI, lint, CodeQL, scheduled and comment-triggered workflows): a review found the baseline's
 * push run buried under 10 others, and the check passing with "no baseline". The baseline is
 * looked for among push runs only (GitHub filters them), the head's evaluation among all runs.
 */
const RUNS_LISTED = 100;
const RUNS_EXAMINED = 30;
export const CONFIG_PATH = '.modelgate.yml';

export interface FoundEvaluation {
  evaluation: Evaluation;
  runId: number;
  runUrl: string;
  /**
   * When this evaluation came to be, as GitHub dates it (see evaluatedAt); null when GitHub gave
   * no time. A command written before it was not written for this evaluation.
   */
  evaluatedAt: string | null;
}

/**
 * The later of the run's creation (which the push of its head, or a later event of the PR,
 * started) and the artifact's upload: nobody saw the evaluation before both.
 */
export function evaluatedAt(runCreatedAt: string | undefined, artifact: ArtifactInfo): string | null {
  const times = [runCreatedAt, artifact.createdAt].filter((t): t is string => !Number.isNaN(Date.parse(t ?? '')));
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
}

/** listRunsAt hands back GitHub's run objects whole; RunInfo leaves their creation time out. */
const runCreatedAt = (run: RunInfo) =>
  'created_at' in run && typeof run.created_at === 'string' ? run.created_at : undefined;

/**
 * The valid evaluations of `sha` among the completed runs of that commit, newest run first.
 * `accept` says which runs and evaluations count; invalid artifacts are skipped with a log line.
 */
async function* evaluationsAt(
  gh: GitHubClient,
  r: RepoRef & { sha: string },
  accept: (run: RunInfo, ev: Evaluation) => boolean,
  log: (line: string) => void,
  event?: string,
): AsyncGenerator<FoundEvaluation> {
  const runs = await listRunsAt(gh, { owner: r.owner, repo: r.repo, sha: r.sha, perPage: RUNS_LISTED, event });
  if (runs.length > RUNS_EXAMINED)
    log(`${r.sha.slice(0, 12)} has ${runs.length} completed ${event ?? ''} runs: the newest ${RUNS_EXAMINED} are looked at`);
  for (const run of runs.slice(0, RUNS_EXAMINED)) {
    for (const artifact of await listEvaluationArtifacts(gh, { ...r, runId: run.id })) {
      let ev: Evaluation;
      try {
        ev = await downloadEvaluation(gh, { ...r, artifact });
        if (ev.headSha !== run.head_sha)
          throw new UsageError(
            `claims head ${ev.headSha.slice(0, 12)}, the run evaluated ${run.head_sha.slice(0, 12)}`,
          );
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        log(`run ${run.id}: ${artifact.name} skipped: ${e.message}`);
        continue;
      }
      if (accept(run, ev))
        yield {
          evaluation: ev,
          runId: run.id,
          runUrl: run.html_url,
          evaluatedAt: evaluatedAt(runCreatedAt(run), artifact),
        };
    }
  }
}

/** The newest valid evaluation of `sha` (of comment key `key`, when given) that `accept` takes. */
export async function findEvaluationAt(
  gh: GitHubClient,
  r: RepoRef & { sha: string; key?: string; event?: string },
  accept: (run: RunInfo, ev: Evaluation) => boolean,
  log: (line: string) => void,
): Promise<FoundEvaluation | null> {
  const wanted = (run: RunInfo, ev: Evaluation) => (r.key === undefined || ev.key === r.key) && accept(run, ev);
  for await (const found of evaluationsAt(gh, r, wanted, log, r.event)) return found;
  return null;
}

/**
 * The evaluations of the pull request's head, the newest of each comment key (a matrix of models
 * has one per model), in key order: each must name this PR and this head.
 */
export async function findPullEvaluations(
  gh: GitHubClient,
  r: RepoRef,
  pull: VerifiedPull,
  log: (l: string) => void,
): Promise<FoundEvaluation[]> {
  const byKey = new Map<string, FoundEvaluation>();
  const ofPull = (_run: RunInfo, ev: Evaluation) => ev.pullRequest === pull.number;
  for await (const found of evaluationsAt(gh, { ...r, sha: pull.headSha }, ofPull, log))
    if (!byKey.has(found.evaluation.key)) byKey.set(found.evaluation.key, found);
  return [...byKey.values()].sort((a, b) => (a.evaluation.key < b.evaluation.key ? -1 : 1));
}

/** The baseline: an evaluation made by a push run of this repository at the base commit. */
export function artifactBaseline(
  gh: GitHubClient,
  r: RepoRef & { baseSha: string; key: string },
  log: (l: string) => void,
): BaselineSource {
  return {
    describe: () => `evaluation artifact of a push run at ${r.baseSha.slice(0, 12)}`,
    async load(): Promise<LoadedBaseline | null> {
      const found = await findEvaluationAt(
        gh,
        { owner: r.owner, repo: r.repo, sha: r.baseSha, key: r.key, event: 'push' },
        (run, ev) =>
          run.event === 'push' &&
          run.head_repository?.full_name?.toLowerCase() === `${r.owner}/${r.repo}`.toLowerCase() &&
          ev.pullRequest === null,
        log,
      );
      return found
        ? { report: found.evaluation.report, commit: r.baseSha, source: `artifact of run ${found.runId}` }
        : null;
    },
  };
}

/** .modelgate.yml at the base commit, as the action would read it from its checkout. */
export async function rulesAtBase(
  gh: GitHubClient,
  r: RepoRef & { baseSha: string },
  task: Evaluation['report']['task'],
) {
  const origin = `${CONFIG_PATH} at ${r.baseSha.slice(0, 12)}`;
  const file = await readRepoFile(gh, { ...r, path: CONFIG_PATH, ref: r.baseSha });
  // The loader every door shares (src/io/config.ts): same checks, same errors.
  const config = file ? parseConfig(file.text, origin) : { path: origin, found: false, rules: {} };
  return loadRules({ config, inputRules: {}, task });
}

export interface PullGate {
  pull: VerifiedPull;
  found: FoundEvaluation;
  baseline: LoadedBaseline | null;
  gate: GateOutcome;
  /** From .modelgate.yml at the base: false makes a failing verdict a neutral check. */
  failOnRegression: boolean;
  serverUrl: string;
}

/** The comparison the bot publishes for a pull request's evaluation. */
export async function gateForPull(
  gh: GitHubClient,
  r: RepoRef & { serverUrl: string },
  pull: VerifiedPull,
  found: FoundEvaluation,
  log: (l: string) => void,
): Promise<PullGate> {
  const head = found.evaluation.report;
  const key = found.evaluation.key;
  const baseline = await findBaseline([artifactBaseline(gh, { ...r, baseSha: pull.baseSha, key }, log)], log);
  const { rules, failOnRegression, origin } = await rulesAtBase(gh, { ...r, baseSha: pull.baseSha }, head.task);
  const gate = runGate({
    head,
    headSide: { commit: pull.headSha, source: head.source, toolVersion: head.tool.version, createdAt: head.createdAt },
    baseline,
    rules,
    rulesOrigin: origin,
    render: {
      key,
      runUrl: found.runUrl,
      baseCommit: baseline?.commit,
      baseCommitUrl: baseline?.commit ? `${r.serverUrl}/${r.owner}/${r.repo}/commit/${baseline.commit}` : undefined,
      headCommit: pull.headSha,
    },
  });
  return { pull, found, baseline, gate, failOnRegression, serverUrl: r.serverUrl };
}
