// The artifacts of a workflow run through the REST API: listed (paginated, bounded, filtered by
// name) and downloaded (GitHub answers with a redirect to the zip), size-capped. What is inside
// is the caller's to validate: an artifact is whatever the run's code uploaded.

import { unzipSync } from 'fflate';
import { UsageError } from '../core/errors.js';
import type { GitHubClient } from './client.js';
import { explain, httpStatus } from './errors.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface ArtifactInfo {
  id: number;
  name: string;
  sizeInBytes: number;
  expired: boolean;
}

/** Largest artifact (zip) worth downloading. */
export const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

/** The run's artifacts whose name `keep` accepts, at most `maxPages` pages of 100. */
export async function listRunArtifacts(
  gh: GitHubClient,
  r: RepoRef & { runId: number },
  keep: (name: string) => boolean,
  maxPages = 10,
): Promise<ArtifactInfo[]> {
  const out: ArtifactInfo[] = [];
  try {
    for (let page = 1; page <= maxPages; page++) {
      const { data } = await gh.rest.actions.listWorkflowRunArtifacts({
        owner: r.owner,
        repo: r.repo,
        run_id: r.runId,
        per_page: 100,
        page,
      });
      for (const a of data.artifacts)
        if (keep(a.name)) out.push({ id: a.id, name: a.name, sizeInBytes: a.size_in_bytes, expired: a.expired });
      if (data.artifacts.length < 100) break;
    }
  } catch (e) {
    throw explain(e, 'actions', `listing the artifacts of run ${r.runId}`);
  }
  return out;
}

export function artifactOrigin(a: ArtifactInfo): string {
  return `artifact ${JSON.stringify(a.name)} (${a.id})`;
}

/** The artifact's zip, refused when expired or larger than MAX_ARTIFACT_BYTES. */
export async function downloadArtifactZip(gh: GitHubClient, r: RepoRef & { artifact: ArtifactInfo }): Promise<Uint8Array> {
  const origin = artifactOrigin(r.artifact);
  if (r.artifact.expired) throw new UsageError(`${origin}: expired`);
  if (r.artifact.sizeInBytes > MAX_ARTIFACT_BYTES) throw new UsageError(`${origin}: larger than the limit`);
  let data: unknown;
  try {
    data = (
      await gh.rest.actions.downloadArtifact({
        owner: r.owner,
        repo: r.repo,
        artifact_id: r.artifact.id,
        archive_format: 'zip',
      })
    ).data;
  } catch (e) {
    if (httpStatus(e) === 410) throw new UsageError(`${origin}: expired (HTTP 410)`);
    throw explain(e, 'actions', `downloading ${origin}`);
  }
  const bytes =
    data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : null;
  if (!bytes) throw new UsageError(`${origin}: the download was not a zip archive`);
  if (bytes.length > MAX_ARTIFACT_BYTES) throw new UsageError(`${origin}: larger than the limit`);
  return bytes;
}

/** The zip's files that `want` names, each at most `maxFileBytes` once inflated. */
export function unzipFiles(
  zip: Uint8Array,
  origin: string,
  want: (name: string) => boolean,
  maxFileBytes: number,
): Record<string, Uint8Array> {
  try {
    return unzipSync(zip, {
      filter: (f) => {
        if (!want(f.name)) return false;
        if (f.originalSize > maxFileBytes) throw new UsageError(`${origin}: ${f.name} is too large`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${origin}: not a readable zip archive`);
  }
}

/** Text of a file from an artifact, which must be UTF-8. */
export function utf8(bytes: Uint8Array, origin: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${origin} is not UTF-8 text`);
  }
}
