// The evaluation artifact: what a workflow that ran modelgate with `mode: evaluate-only` uploads
// (the head report plus the pull request number and head SHA it claims to describe), and what
// the bot (or a `workflow_run` job) downloads. One module defines the format, builds it, and
// reads it back as UNTRUSTED input: a fork's workflow writes it, so every field is checked,
// the zip is read with size limits, and the claimed pull request is checked against GitHub.

import { zipSync, strToU8 } from 'fflate';
import { UsageError } from '../core/errors.js';
import { normalizeKey } from '../core/render/marker.js';
import type { Report } from '../core/report/types.js';
import { validateReport } from '../core/report/validate.js';
import {
  downloadArtifactZip,
  listRunArtifacts,
  MAX_ARTIFACT_BYTES,
  readZipText,
  type ArtifactInfo,
  type RepoRef,
} from './artifacts.js';
import type { GitHubClient } from './client.js';
import { explain, httpStatus } from './errors.js';

export { MAX_ARTIFACT_BYTES, type ArtifactInfo, type RepoRef };

export const EVALUATION_SCHEMA = 'modelgate/evaluation@1' as const;
/** Artifact names start with this; `-<key>` follows when the workflow sets a comment key. */
export const EVALUATION_ARTIFACT_PREFIX = 'modelgate-evaluation';
/** The one file inside the artifact. */
export const EVALUATION_FILE = 'modelgate-evaluation.json';
/** Largest evaluation file inside the artifact. */
export const MAX_EVALUATION_BYTES = 256 * 1024 * 1024;

const SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;

export interface Evaluation {
  schema: typeof EVALUATION_SCHEMA;
  /** The comment key (one sticky comment and check per key). */
  key: string;
  /** The pull request the run evaluated; null for a push run (a baseline). */
  pullRequest: number | null;
  /** The commit evaluated. */
  headSha: string;
  /** The pull request's base commit as the run saw it; null for a push run. */
  baseSha: string | null;
  report: Report;
}

export function evaluationArtifactName(key: string | undefined): string {
  return key ? `${EVALUATION_ARTIFACT_PREFIX}-${normalizeKey(key)}` : EVALUATION_ARTIFACT_PREFIX;
}

export function buildEvaluation(e: Omit<Evaluation, 'schema'>): Evaluation {
  return { schema: EVALUATION_SCHEMA, ...e };
}

/** The artifact's content: a zip holding EVALUATION_FILE (what upload-artifact would produce). */
export function zipEvaluation(e: Evaluation): Uint8Array {
  return zipSync({ [EVALUATION_FILE]: strToU8(JSON.stringify(e)) });
}

const FIELDS = new Set(['schema', 'key', 'pullRequest', 'headSha', 'baseSha', 'report']);

/** Checks parsed JSON field by field; the report goes through the report validator. */
export function validateEvaluation(data: unknown, origin: string): Evaluation {
  const fail = (msg: string): never => {
    throw new UsageError(`${origin}: ${msg}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('expected a JSON object');
  const d = data as Record<string, unknown>;
  if (d.schema !== EVALUATION_SCHEMA)
    fail(`schema is ${JSON.stringify(d.schema)?.slice(0, 60)}, expected '${EVALUATION_SCHEMA}'`);
  const extra = Object.keys(d).find((k) => !FIELDS.has(k));
  if (extra) fail(`unexpected field ${JSON.stringify(extra.slice(0, 60))}`);
  if (
    typeof d.key !== 'string' ||
    d.key.length > 100 ||
    normalizeKey(d.key) !== d.key ||
    d.key.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')
  )
    fail('key: expected a comment key of at most 100 characters from [A-Za-z0-9_.-], segments separated by /');
  const pr = d.pullRequest;
  if (pr !== null && !(typeof pr === 'number' && Number.isSafeInteger(pr) && pr > 0))
    fail('pullRequest: expected a positive integer or null');
  if (typeof d.headSha !== 'string' || !SHA.test(d.headSha)) fail('headSha: expected a full commit SHA');
  if (d.baseSha !== null && (typeof d.baseSha !== 'string' || !SHA.test(d.baseSha)))
    fail('baseSha: expected a full commit SHA or null');
  const report = validateReport(d.report, `${origin}: report`);
  return { ...(d as unknown as Evaluation), report };
}

export function parseEvaluation(text: string, origin: string): Evaluation {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${origin}: not valid JSON`);
  }
  return validateEvaluation(data, origin);
}

/** Reads EVALUATION_FILE out of the artifact zip, refusing anything bigger than the limits. */
export function unzipEvaluation(zip: Uint8Array, origin: string): Evaluation {
  if (zip.length > MAX_ARTIFACT_BYTES) throw new UsageError(`${origin}: the artifact is larger than the limit`);
  return parseEvaluation(readZipText(zip, EVALUATION_FILE, origin, MAX_EVALUATION_BYTES), origin);
}

const isEvaluationArtifact = (a: ArtifactInfo) =>
  a.name === EVALUATION_ARTIFACT_PREFIX || a.name.startsWith(`${EVALUATION_ARTIFACT_PREFIX}-`);

/** The run's evaluation artifacts (name = prefix or prefix-<key>), at most two pages. */
export async function listEvaluationArtifacts(
  gh: GitHubClient,
  r: RepoRef & { runId: number },
): Promise<ArtifactInfo[]> {
  return (await listRunArtifacts(gh, r, { maxPages: 2 })).filter(isEvaluationArtifact);
}

/** Downloads and validates one artifact (GitHub answers with a redirect to the zip). */
export async function downloadEvaluation(
  gh: GitHubClient,
  r: RepoRef & { artifact: ArtifactInfo },
): Promise<Evaluation> {
  const origin = `artifact ${JSON.stringify(r.artifact.name)} (${r.artifact.id})`;
  return unzipEvaluation(await downloadArtifactZip(gh, r), origin);
}

export interface VerifiedPull {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
}

/**
 * The claimed pull request, checked: it exists in this repository, and its head is the commit
 * the run evaluated. Otherwise a fork's run could post its figures on someone else's PR.
 */
export async function verifyClaimedPull(
  gh: GitHubClient,
  r: RepoRef & { evaluation: Evaluation; runHeadSha: string },
): Promise<VerifiedPull> {
  const ev = r.evaluation;
  if (ev.pullRequest === null) throw new UsageError('the evaluation names no pull request');
  if (ev.headSha !== r.runHeadSha)
    throw new UsageError(
      `the evaluation claims head ${ev.headSha.slice(0, 12)}, but the run evaluated ${r.runHeadSha.slice(0, 12)}`,
    );
  let pull;
  try {
    pull = (await gh.rest.pulls.get({ owner: r.owner, repo: r.repo, pull_number: ev.pullRequest })).data;
  } catch (e) {
    if (httpStatus(e) === 404)
      throw new UsageError(`the evaluation claims PR #${ev.pullRequest}, which does not exist`);
    throw explain(e, 'pulls', `reading PR #${ev.pullRequest}`);
  }
  if (pull.base.repo.full_name.toLowerCase() !== `${r.owner}/${r.repo}`.toLowerCase())
    throw new UsageError(`PR #${ev.pullRequest} does not target ${r.owner}/${r.repo}`);
  if (pull.head.sha !== r.runHeadSha)
    throw new UsageError(
      `the evaluation claims PR #${ev.pullRequest}, whose head is ${pull.head.sha.slice(0, 12)}, not the run's ${r.runHeadSha.slice(0, 12)}`,
    );
  return { number: pull.number, headSha: pull.head.sha, baseSha: pull.base.sha, baseRef: pull.base.ref };
}
