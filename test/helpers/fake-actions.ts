// The GitHub Actions part of the fake REST server (./fake-github.ts): workflow runs, their
// artifacts, the repository-wide artifact list (filtered by name, newest first, paginated) and
// artifact downloads through a 302 redirect to a signed blob URL, as GitHub does.

import { userJson, type RecordedRequest } from './fake-github.js';
import { githubObject, githubResponse } from './openapi.js';

export interface FakeRun {
  id: number;
  repo: string;
  head_sha: string;
  head_branch: string;
  event: string;
  head_repository: string;
  created_at: string;
}

export interface FakeArtifact {
  id: number;
  runId: number;
  name: string;
  zip: Uint8Array;
  expired: boolean;
  created_at: string;
}

export interface RunOptions {
  sha: string;
  event?: string;
  branch?: string;
  headRepo?: string;
  artifacts?: Record<string, Uint8Array>;
}

export type Send = (status: number, data: unknown, headers?: Record<string, string>) => void;

interface Holder {
  url: string;
  runs: FakeRun[];
  artifacts: Map<number, FakeArtifact>;
}

const DOCS = 'https://docs.github.com/rest/actions/artifacts';
let seq = 500_000;
/** Artifacts and runs made so far, for created_at: later ones are newer. */
let clock = 0;
const stamp = () => new Date(Date.UTC(2026, 0, 1) + ++clock * 1000).toISOString();

export function addRun(h: Holder, repo: string, o: RunOptions): FakeRun {
  const run: FakeRun = {
    id: ++seq,
    repo,
    head_sha: o.sha,
    head_branch: o.branch ?? 'main',
    event: o.event ?? 'pull_request',
    head_repository: o.headRepo ?? repo,
    created_at: stamp(),
  };
  h.runs.push(run);
  for (const [name, zip] of Object.entries(o.artifacts ?? {})) addArtifact(h, run, name, zip);
  return run;
}

export function addArtifact(h: Holder, run: FakeRun, name: string, zip: Uint8Array): FakeArtifact {
  const a: FakeArtifact = { id: ++seq, runId: run.id, name, zip, expired: false, created_at: stamp() };
  h.artifacts.set(a.id, a);
  return a;
}

/** A stable numeric id per repository name, for repository_id / head_repository_id. */
const repoId = (name: string) => [...name].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 1_000_000_007, 7);

/** A repository as GitHub shows it inside other objects (minimal-repository). */
export function repoJson(fullName: string): Record<string, unknown> {
  const [owner, name] = fullName.split('/');
  return githubObject('minimal-repository', {
    id: repoId(fullName),
    full_name: fullName,
    name,
    owner: userJson({ login: owner, id: 1, type: 'User' }),
    html_url: `https://github.com/${fullName}`,
    url: `https://api.github.com/repos/${fullName}`,
  });
}

/** The run as GitHub shows it (workflow-run), for the API and webhook deliveries. */
export function runJson(run: FakeRun): Record<string, unknown> {
  return githubObject('workflow-run', {
    id: run.id,
    node_id: `WFR_${run.id}`,
    name: 'modelgate',
    head_sha: run.head_sha,
    head_branch: run.head_branch,
    event: run.event,
    status: 'completed',
    conclusion: 'success',
    created_at: run.created_at,
    updated_at: run.created_at,
    html_url: `https://github.com/${run.repo}/actions/runs/${run.id}`,
    head_repository: repoJson(run.head_repository),
    repository: repoJson(run.repo),
    pull_requests: [],
  });
}

function artifactJson(h: Holder, a: FakeArtifact): Record<string, unknown> {
  const run = h.runs.find((r) => r.id === a.runId)!;
  return githubObject('artifact', {
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: a.zip.length,
    url: `${h.url}/repos/${run.repo}/actions/artifacts/${a.id}`,
    archive_download_url: `${h.url}/repos/${run.repo}/actions/artifacts/${a.id}/zip`,
    expired: a.expired,
    created_at: a.created_at,
    updated_at: a.created_at,
    expires_at: new Date(Date.parse(a.created_at) + 90 * 86400_000).toISOString(),
    workflow_run: {
      id: run.id,
      repository_id: repoId(run.repo),
      head_repository_id: repoId(run.head_repository),
      head_branch: run.head_branch,
      head_sha: run.head_sha,
    },
  });
}

/** One page of `items` (GitHub's per_page/page, with a Link header when more follow). */
export function page<T>(
  h: { url: string },
  rec: RecordedRequest,
  items: T[],
): { items: T[]; link: Record<string, string> } {
  const perPage = Math.min(100, Number(rec.query.get('per_page') ?? 30) || 30);
  const n = Math.max(1, Number(rec.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const links: string[] = [];
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(rec.query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    links.push(`<${h.url}${rec.rawPath ?? rec.path}?${q}>; rel="${rel}"`);
  };
  if (n < last) {
    link(n + 1, 'next');
    link(last, 'last');
  }
  return { items: items.slice((n - 1) * perPage, n * perPage), link: links.length ? { link: links.join(', ') } : {} };
}

/** Answers GET .../actions/... routes; false when the path is not one of them. */
export function actionsRoute(h: Holder, rec: RecordedRequest, send: Send): boolean {
  if (rec.method !== 'GET') return false;
  let m: RegExpMatchArray | null;
  if ((m = rec.path.match(/^\/repos\/([^/]+\/[^/]+)\/actions\/runs$/))) {
    const [sha, event] = [rec.query.get('head_sha'), rec.query.get('event')];
    const runs = h.runs
      .filter((r) => r.repo === m![1] && (!sha || r.head_sha === sha) && (!event || r.event === event))
      .reverse();
    const p = page(h, rec, runs);
    const op = 'GET /repos/{owner}/{repo}/actions/runs';
    send(200, githubResponse(op, 200, { total_count: runs.length, workflow_runs: p.items.map(runJson) }), p.link);
    return true;
  }
  if ((m = rec.path.match(/^\/repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)\/artifacts$/))) {
    const list = [...h.artifacts.values()].filter((a) => a.runId === Number(m![2]));
    const p = page(h, rec, list);
    const op = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts';
    const artifacts = p.items.map((a) => artifactJson(h, a));
    send(200, githubResponse(op, 200, { total_count: list.length, artifacts }), p.link);
    return true;
  }
  if ((m = rec.path.match(/^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts$/))) {
    const name = rec.query.get('name');
    const list = [...h.artifacts.values()]
      .filter((a) => h.runs.find((r) => r.id === a.runId)?.repo === m![1] && (!name || a.name === name))
      .reverse();
    const p = page(h, rec, list);
    const op = 'GET /repos/{owner}/{repo}/actions/artifacts';
    const artifacts = p.items.map((a) => artifactJson(h, a));
    send(200, githubResponse(op, 200, { total_count: list.length, artifacts }), p.link);
    return true;
  }
  if ((m = rec.path.match(/^\/repos\/([^/]+\/[^/]+)\/actions\/artifacts\/(\d+)\/zip$/))) {
    const a = h.artifacts.get(Number(m[2]));
    if (!a || h.runs.find((r) => r.id === a.runId)?.repo !== m[1])
      send(404, { message: 'Not Found', documentation_url: DOCS });
    else if (a.expired) send(410, { message: 'Artifact has expired', documentation_url: DOCS });
    else send(302, undefined, { location: `${h.url}/_blob/${a.id}?sig=ok` });
    return true;
  }
  return false;
}

/** The signed blob URL: the signature is the credential; like Azure, a bearer token is refused next to it. */
export function blobRoute(h: Holder, rec: RecordedRequest, send: Send): void {
  const a = h.artifacts.get(Number(rec.path.split('/').pop()));
  if (!a || rec.query.get('sig') !== 'ok' || rec.headers.authorization)
    return send(403, { message: 'AuthenticationFailed' });
  send(200, Buffer.from(a.zip), { 'content-type': 'application/zip' });
}
