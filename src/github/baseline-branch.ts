// Baselines kept on a dedicated branch (`baseline-store: branch`), for history older than
// artifact retention: one file per key and commit, `<key>/<sha>.json`, committed through the
// Git data API (blob, tree, commit, ref) without a checkout. The branch has its own history
// (its first commit has no parent), so it never carries the repository's files. Two pushes
// racing to update it are safe: a non-fast-forward ref update is retried on the new tip.

import { UsageError } from '../core/errors.js';
import { normalizeKey } from '../core/render/marker.js';
import { parseReport } from '../io/report-file.js';
import { InputError } from '../io/types.js';
import { BaselineUnusable, type BaselineSource, type LoadedBaseline } from '../pipeline/gate.js';
import type { RepoRef } from './artifacts.js';
import type { GitHubClient } from './client.js';
import { listAncestors } from './commits.js';
import { readRepoFile } from './contents.js';
import { explain, GitHubCallError, httpStatus } from './errors.js';

export const BASELINE_BRANCH = 'modelgate-baselines';
/** Attempts at moving the branch when other pushes keep moving it first. */
export const MAX_REF_ATTEMPTS = 6;

export function baselinePath(key: string, sha: string): string {
  return `${normalizeKey(key)}/${sha}.json`;
}

const REF = `heads/${BASELINE_BRANCH}`;

/** The branch tip and its tree, or null when the branch does not exist yet. */
async function tip(gh: GitHubClient, r: RepoRef): Promise<{ commit: string; tree: string } | null> {
  let commit: string;
  try {
    commit = (await gh.rest.git.getRef({ ...r, ref: REF })).data.object.sha;
  } catch (e) {
    if (httpStatus(e) === 404) return null;
    throw e;
  }
  const tree = (await gh.rest.git.getCommit({ ...r, commit_sha: commit })).data.tree.sha;
  return { commit, tree };
}

/** A ref update another push beat us to: GitHub answers 422 (not a fast forward / already exists). */
const lostRace = (e: unknown) => httpStatus(e) === 422;

/**
 * Commits `text` as `<key>/<sha>.json` on the baselines branch (creating the branch on first
 * use). Returns the new branch commit. Retries a lost race up to MAX_REF_ATTEMPTS times.
 */
export async function storeBaselineOnBranch(
  gh: GitHubClient,
  r: RepoRef & { key: string; sha: string; text: string; log?: (line: string) => void },
): Promise<string> {
  const path = baselinePath(r.key, r.sha);
  const repo = { owner: r.owner, repo: r.repo };
  try {
    const blob = (
      await gh.rest.git.createBlob({ ...repo, content: Buffer.from(r.text).toString('base64'), encoding: 'base64' })
    ).data.sha;
    for (let attempt = 1; ; attempt++) {
      const t = await tip(gh, repo);
      const tree = (
        await gh.rest.git.createTree({
          ...repo,
          ...(t ? { base_tree: t.tree } : {}),
          tree: [{ path, mode: '100644', type: 'blob', sha: blob }],
        })
      ).data.sha;
      const message = `modelgate baseline ${normalizeKey(r.key)} at ${r.sha}`;
      const commit = (await gh.rest.git.createCommit({ ...repo, message, tree, parents: t ? [t.commit] : [] })).data
        .sha;
      try {
        if (t) await gh.rest.git.updateRef({ ...repo, ref: REF, sha: commit, force: false });
        else await gh.rest.git.createRef({ ...repo, ref: `refs/${REF}`, sha: commit });
        return commit;
      } catch (e) {
        if (!lostRace(e) || attempt >= MAX_REF_ATTEMPTS) throw e;
        r.log?.(`baseline branch moved under us (attempt ${attempt}); retrying on the new tip`);
      }
    }
  } catch (e) {
    throw explain(e, 'contentsWrite', `storing ${path} on branch ${BASELINE_BRANCH}`);
  }
}

/** The paths on the baselines branch (one recursive tree listing), or null when it does not exist. */
async function branchPaths(gh: GitHubClient, r: RepoRef): Promise<Set<string> | null> {
  try {
    const { data } = await gh.rest.git.getTree({ ...r, tree_sha: BASELINE_BRANCH, recursive: 'true' });
    return new Set(data.tree.filter((e) => e.type === 'blob' && e.path).map((e) => e.path!));
  } catch (e) {
    if (httpStatus(e) === 404 || httpStatus(e) === 409) return null;
    throw explain(e, 'contents', `listing branch ${BASELINE_BRANCH}`);
  }
}

type BranchSourceOptions = RepoRef & { key: string; baseSha: string; maxDistance: number; maxPages: number };

/** The nearest stored report: its path on the branch, parsed (an invalid one is BaselineUnusable). */
async function findOnBranch(gh: GitHubClient, o: BranchSourceOptions): Promise<LoadedBaseline | null> {
  const repo = { owner: o.owner, repo: o.repo };
  const paths = await branchPaths(gh, repo);
  if (!paths) return null;
  const ancestors = await listAncestors(gh, { ...repo, sha: o.baseSha, max: o.maxDistance, maxPages: o.maxPages });
  const distance = ancestors.findIndex((sha) => paths.has(baselinePath(o.key, sha)));
  if (distance < 0) return null;
  const sha = ancestors[distance];
  const path = baselinePath(o.key, sha);
  const file = await readRepoFile(gh, { ...repo, path, ref: BASELINE_BRANCH });
  if (!file) return null;
  const origin = `${path} on branch ${BASELINE_BRANCH}`;
  try {
    return { report: parseReport(file.text, origin), commit: sha, distance, source: origin };
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) throw new BaselineUnusable(e.message);
    throw e;
  }
}

/** The baseline committed on the baselines branch for the base commit or its nearest ancestor. */
export function branchBaselineSource(gh: GitHubClient, o: BranchSourceOptions): BaselineSource {
  return {
    describe: () =>
      `branch ${BASELINE_BRANCH}: ${normalizeKey(o.key)}/ at ${o.baseSha.slice(0, 12)} or up to ${o.maxDistance} commits before`,
    async load() {
      try {
        return await findOnBranch(gh, o);
      } catch (e) {
        // A refused or failing read must not pass as "no baseline": that would wave regressions through.
        if (e instanceof GitHubCallError) throw new UsageError(`baseline: ${e.message}`);
        throw e;
      }
    },
  };
}
