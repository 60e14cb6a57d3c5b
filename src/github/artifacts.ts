// Workflow artifacts through the REST API: list them (one run's, or the repository's by name),
// find the workflow runs of a commit, and download one zip. GitHub answers a download with a
// redirect to a signed blob URL: we follow it ourselves, without our token, reading at most
// MAX_ARTIFACT_BYTES, then read one file out of the zip with fflate under a size limit. Every
// list is paginated under the client's page cap. Uploading lives in ./artifact-upload.ts (it
// pulls in @actions/artifact, which the bot never needs).

import { HttpClient } from '@actions/http-client';
import { unzipSync } from 'fflate';
import { UsageError } from '../core/errors.js';
import { DEFAULT_LIMITS, type GitHubClient, type Limits } from './client.js';
import { explain, httpStatus } from './errors.js';

/** Largest artifact (zip) worth downloading, and largest file inside one. */
export const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;
export const MAX_ARTIFACT_FILE_BYTES = 256 * 1024 * 1024;

export interface RepoRef {
  owner: string;
  repo: string;
}

/** The run that uploaded an artifact, as the repository-wide artifact list tells it. */
export interface ArtifactRun {
  id: number;
  headSha: string;
  headBranch: string;
  /** The run's head lives in another repository (a fork's pull request). */
  fromFork: boolean;
}

export interface ArtifactInfo {
  id: number;
  name: string;
  sizeInBytes: number;
  expired: boolean;
  createdAt?: string;
  /** Known when listed repository-wide; a run's own list leaves it out. */
  run?: ArtifactRun;
}

export interface RunInfo {
  id: number;
  head_sha: string;
  event: string;
  html_url: string;
  head_repository?: { full_name?: string } | null;
}

type PageCap = Pick<Limits, 'maxPages'> & { warn?: (msg: string) => void };

/** Reads pages until `stop` says so or the page cap is reached (told to `warn` when more were left). */
async function readPages<T>(
  pages: AsyncIterable<{ data: T[]; headers: { link?: string } }>,
  cap: PageCap,
  what: string,
  stop: (items: T[]) => boolean = () => false,
): Promise<T[]> {
  const out: T[] = [];
  let read = 0;
  for await (const page of pages) {
    out.push(...page.data);
    if (stop(page.data)) break;
    if (++read >= cap.maxPages && /\brel="next"/.test(page.headers.link ?? '')) {
      cap.warn?.(`stopped reading ${what} after ${cap.maxPages} pages`);
      break;
    }
  }
  return out;
}

interface RawArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at?: string | null;
  workflow_run?: {
    id?: number;
    head_sha?: string;
    head_branch?: string;
    repository_id?: number;
    head_repository_id?: number;
  } | null;
}

function artifactInfo(a: RawArtifact): ArtifactInfo {
  const w = a.workflow_run;
  return {
    id: a.id,
    name: a.name,
    sizeInBytes: a.size_in_bytes,
    expired: a.expired,
    createdAt: a.created_at ?? undefined,
    run:
      w && typeof w.id === 'number' && typeof w.head_sha === 'string'
        ? {
            id: w.id,
            headSha: w.head_sha,
            headBranch: w.head_branch ?? '',
            fromFork: w.head_repository_id !== undefined && w.head_repository_id !== w.repository_id,
          }
        : undefined,
  };
}

/** One run's artifacts. */
export async function listRunArtifacts(
  gh: GitHubClient,
  r: RepoRef & { runId: number },
  cap: PageCap = DEFAULT_LIMITS,
): Promise<ArtifactInfo[]> {
  try {
    const pages = gh.paginate.iterator(gh.rest.actions.listWorkflowRunArtifacts, {
      owner: r.owner,
      repo: r.repo,
      run_id: r.runId,
      per_page: 100,
    });
    return (await readPages(pages, cap, `the artifacts of run ${r.runId}`)).map(artifactInfo);
  } catch (e) {
    throw explain(e, 'actions', `listing the artifacts of run ${r.runId}`);
  }
}

/**
 * The repository's artifacts called exactly `name`, newest first, each with the run that made
 * it. `stop` ends the listing early (e.g. once the wanted commit's artifact is seen).
 */
export async function listArtifactsNamed(
  gh: GitHubClient,
  r: RepoRef & { name: string },
  cap: PageCap = DEFAULT_LIMITS,
  stop?: (page: ArtifactInfo[]) => boolean,
): Promise<ArtifactInfo[]> {
  try {
    const pages = gh.paginate.iterator(gh.rest.actions.listArtifactsForRepo, {
      owner: r.owner,
      repo: r.repo,
      name: r.name,
      per_page: 100,
    });
    const out = await readPages(pages, cap, `the artifacts named ${r.name}`, (page) =>
      stop ? stop((page as RawArtifact[]).map(artifactInfo)) : false,
    );
    // GitHub filters by name; a proxy or an older server might not.
    return (out as RawArtifact[]).map(artifactInfo).filter((a) => a.name === r.name);
  } catch (e) {
    throw explain(e, 'actions', `listing the artifacts named ${r.name}`);
  }
}

/** The completed workflow runs at commit `sha`, newest first (one page of up to `perPage`). */
export async function listRunsAt(
  gh: GitHubClient,
  r: RepoRef & { sha: string; perPage?: number; event?: string },
): Promise<RunInfo[]> {
  try {
    const { data } = await gh.rest.actions.listWorkflowRunsForRepo({
      owner: r.owner,
      repo: r.repo,
      head_sha: r.sha,
      status: 'completed',
      per_page: r.perPage ?? 20,
      ...(r.event !== undefined && { event: r.event }),
    });
    return data.workflow_runs.filter((w) => w.head_sha === r.sha);
  } catch (e) {
    throw explain(e, 'actions', `listing the workflow runs of ${r.sha.slice(0, 12)}`);
  }
}

/** Reads an async stream of chunks, refusing more than `max` bytes. */
async function readBounded(chunks: AsyncIterable<Uint8Array>, max: number, origin: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of chunks) {
    n += c.length;
    if (n > max) throw new UsageError(`${origin}: larger than the limit of ${max} bytes`);
    parts.push(c);
  }
  return Buffer.concat(parts);
}

/** GETs a signed blob URL (no token: the signature is the credential) under a size and time limit. */
async function fetchBlob(url: string, max: number, timeoutMs: number, origin: string): Promise<Uint8Array> {
  const http = new HttpClient('modelgate', [], { allowRedirects: true, maxRedirects: 3, socketTimeout: timeoutMs });
  let timer: NodeJS.Timeout | undefined;
  try {
    const res = await http.get(url);
    const status = res.message.statusCode ?? 0;
    if (status === 404 || status === 410) throw new UsageError(`${origin}: gone from storage (HTTP ${status})`);
    if (status !== 200) throw new UsageError(`${origin}: the download failed (HTTP ${status})`);
    timer = setTimeout(() => res.message.destroy(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    return await readBounded(res.message, max, origin);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${origin}: the download failed (${(e as Error).message})`);
  } finally {
    clearTimeout(timer);
  }
}

export interface DownloadLimits {
  maxBytes?: number;
  /** For the blob download (the API call has the client's own timeout). */
  timeoutMs?: number;
}

/**
 * The artifact's zip. Expired (flag or HTTP 410), deleted (404) and oversized artifacts are a
 * UsageError naming the artifact; a refused or failing API call is a GitHubCallError.
 */
export async function downloadArtifactZip(
  gh: GitHubClient,
  r: RepoRef & { artifact: ArtifactInfo },
  l: DownloadLimits = {},
): Promise<Uint8Array> {
  const max = l.maxBytes ?? MAX_ARTIFACT_BYTES;
  const origin = `artifact ${JSON.stringify(r.artifact.name)} (${r.artifact.id})`;
  if (r.artifact.expired) throw new UsageError(`${origin}: expired`);
  if (r.artifact.sizeInBytes > max) throw new UsageError(`${origin}: larger than the limit of ${max} bytes`);
  let res;
  try {
    res = await gh.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
      owner: r.owner,
      repo: r.repo,
      artifact_id: r.artifact.id,
      archive_format: 'zip',
      // The redirect is followed below, without our token and with a size limit.
      request: { redirect: 'manual', parseSuccessResponseBody: false },
    });
  } catch (e) {
    if (httpStatus(e) === 410) throw new UsageError(`${origin}: expired (HTTP 410)`);
    if (httpStatus(e) === 404) throw new UsageError(`${origin}: not found (deleted?)`);
    throw explain(e, 'actions', `downloading ${origin}`);
  }
  const body = res.data as unknown as ReadableStream<Uint8Array> | null;
  const location = (res.headers as Record<string, string | undefined>).location;
  if ((res.status as number) >= 300 && location) {
    await body?.cancel().catch(() => {});
    return fetchBlob(location, max, l.timeoutMs ?? DEFAULT_LIMITS.requestTimeoutMs, origin);
  }
  if (!body) throw new UsageError(`${origin}: the download was empty`);
  return readBounded(body as unknown as AsyncIterable<Uint8Array>, max, origin);
}

/** The UTF-8 text of `file` inside `zip`, refusing a corrupt archive or an entry over `maxBytes`. */
export function readZipText(zip: Uint8Array, file: string, origin: string, maxBytes = MAX_ARTIFACT_FILE_BYTES): string {
  const text = readZipTexts(zip, (name) => name === file, origin, maxBytes)[file];
  if (text === undefined) throw new UsageError(`${origin}: the artifact holds no ${file}`);
  return text;
}

/** The UTF-8 text of every entry of `zip` that `want` names, each at most `maxBytes`. */
export function readZipTexts(
  zip: Uint8Array,
  want: (name: string) => boolean,
  origin: string,
  maxBytes = MAX_ARTIFACT_FILE_BYTES,
): Record<string, string> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (!want(f.name)) return false;
        if (f.originalSize > maxBytes) throw new UsageError(`${origin}: ${f.name} is too large`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${origin}: not a readable zip archive`);
  }
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) {
    if (bytes.length > maxBytes) throw new UsageError(`${origin}: ${name} is too large`);
    try {
      out[name] = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new UsageError(`${origin}: ${name} is not UTF-8 text`);
    }
  }
  return out;
}
