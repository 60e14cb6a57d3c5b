// A fake GitHub REST server on 127.0.0.1 that the real octokit client (in-process or inside the
// built action) talks to over HTTP. It holds state (comments with ids and authors, statuses,
// files per ref), records every request, and can be scripted to fail the way GitHub does
// (5xx, permission 403, 429 with retry-after, secondary rate limits).
//
// Every JSON answer is checked against GitHub's OpenAPI description (./openapi.ts); a test during
// which a fake server sends a shape GitHub would not send fails (./openapi-guard.ts). To serve a new
// operation: add "METHOD /path/{template}" to OPERATIONS in scripts/extract-github-openapi.mjs,
// re-run the script (it says how), and build the answer with githubResponse()/githubObject() from
// ./openapi.ts, which fill every field GitHub promises, so only the fields that matter are written.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type GitHubClient } from '../../src/github/client.js';
import {
  actionsRoute,
  addArtifact,
  addRun,
  blobRoute,
  runJson,
  type FakeArtifact,
  type FakeRun,
  type RunOptions,
} from './fake-actions.js';
import { FakeGit, gitRoute } from './fake-git.js';
import { githubObject, recordGitHubResponse } from './openapi.js';

export { repoJson } from './fake-actions.js';
export type { FakeArtifact, FakeRun, RunOptions };

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

/** What GITHUB_TOKEN authenticates as. */
export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const ACTIONS_APP = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' };

export interface FakeComment {
  id: number;
  body: string;
  user: FakeUser;
  performed_via_github_app: typeof ACTIONS_APP | null;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export interface FakeStatus {
  owner: string;
  repo: string;
  sha: string;
  state: string;
  context: string;
  description?: string;
  target_url?: string;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. /repos/o/r/issues/2/comments (without GHES's /api/v3 prefix). */
  path: string;
  /** The path as requested, e.g. /api/v3/repos/o/r/issues/2/comments on GitHub Enterprise Server. */
  rawPath?: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The status the server answered with (0 while unanswered). */
  status: number;
  /** The JSON body it answered with (undefined for raw or empty answers). */
  response?: unknown;
}

/** A scripted failure: answers the next `times` requests that match with `status`. */
export interface Failure {
  method?: string;
  /** Matched against the path (without query). */
  path?: RegExp;
  status: number;
  headers?: Record<string, string>;
  message?: string;
  times?: number;
  /** Never answer (hold the connection open), like a server that hangs. */
  hang?: boolean;
}

/** Permissions the token lacks: writes (or reads) of that kind get GitHub's 403. */
export type Permission = 'issues:write' | 'statuses:write' | 'contents:read';

const INTEGRATION_403 = 'Resource not accessible by integration';
const DOCS = 'https://docs.github.com/rest';

/** A user as GitHub's API shows it (simple-user). */
export function userJson(u: FakeUser): Record<string, unknown> {
  return githubObject('simple-user', {
    login: u.login,
    id: u.id,
    type: u.type,
    node_id: `U_${u.id}`,
    html_url: `https://github.com/${u.login.replace('[bot]', '')}`,
    url: `https://api.github.com/users/${encodeURIComponent(u.login)}`,
  });
}

/** A comment as GitHub's API shows it (issue-comment). */
function commentJson(repo: string, issue: number, c: FakeComment, association = 'NONE'): Record<string, unknown> {
  return githubObject('issue-comment', {
    ...c,
    author_association: association,
    node_id: `IC_${c.id}`,
    url: `https://api.github.com/repos/${repo}/issues/comments/${c.id}`,
    issue_url: `https://api.github.com/repos/${repo}/issues/${issue}`,
    user: userJson(c.user),
    performed_via_github_app: c.performed_via_github_app && githubObject('integration', c.performed_via_github_app),
  });
}

/** GitHub's answer to a comment body over 65,536 characters. */
const tooLong = () =>
  validationFailed('Validation Failed', [
    { code: 'custom', field: 'body', message: 'Body is too long (maximum is 65536 characters)' },
  ]);

/** GitHub's 422 body (validation-error). */
export function validationFailed(message: string, errors?: unknown[]): Record<string, unknown> {
  return { message, documentation_url: DOCS, ...(errors ? { errors } : {}) };
}
/** Over this size the contents API refuses JSON (403 too_large) and wants the raw media type. */
const CONTENTS_JSON_LIMIT = 1024 * 1024;

export class FakeGitHub {
  url = '';
  readonly requests: RecordedRequest[] = [];
  /** Keyed by `owner/repo#number`. */
  readonly comments = new Map<string, FakeComment[]>();
  readonly statuses: FakeStatus[] = [];
  /** Keyed by `owner/repo@ref:path`. */
  readonly files = new Map<string, Buffer>();
  readonly failures: Failure[] = [];
  readonly denied = new Set<Permission>();
  /** The account the token belongs to: author of every comment written through the API. */
  actor: FakeUser = ACTIONS_BOT;
  /** Comments are written on a clock of their own, a second a write from 2026-01-01: ordered, and before any real time. */
  private ticks = 0;
  private clock(): string {
    return new Date(Date.UTC(2026, 0, 1, 0, 0, this.ticks++)).toISOString();
  }
  /** GET /user answers 403 for installation tokens such as GITHUB_TOKEN; true = answer with `actor`. */
  userEndpoint = false;
  /** Every page of a comment list links to a next one, forever (a broken proxy or server). */
  endlessPages = false;
  /** Workflow runs and their artifacts (see ./fake-actions.ts for the routes). */
  readonly runs: FakeRun[] = [];
  readonly artifacts = new Map<number, FakeArtifact>();
  /** Answers to GET /repos/.../actions/runs are delayed by this many ms (a slow API). */
  runsDelayMs = 0;
  /** Git objects and refs per repository (commits listing, Git data API, contents at a branch). */
  readonly git = new FakeGit();
  private nextId = 1000;
  private server: Server | null = null;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ message: `fake server bug: ${e}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.git.url = this.url;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Seeds a comment as if written earlier by `user`. Returns it. */
  addComment(repo: string, issue: number, body: string, user: FakeUser = ACTIONS_BOT): FakeComment {
    const list = this.commentList(repo, issue);
    const id = this.nextId++;
    const now = this.clock();
    const c: FakeComment = {
      id,
      body,
      user,
      performed_via_github_app: user.type === 'Bot' && user.login === ACTIONS_BOT.login ? ACTIONS_APP : null,
      created_at: now,
      updated_at: now,
      html_url: `https://github.com/${repo}/pull/${issue}#issuecomment-${id}`,
    };
    list.push(c);
    return c;
  }

  /**
   * The comments webhook deliveries announced (`${repo}#${issue}` -> comments), as GitHub holds
   * them: GET /repos/{o}/{r}/issues/comments/{id} reads them. Kept apart from commentList (which
   * the tests read as what was written to the pull request), so listing does not show them.
   */
  readonly delivered = new Map<string, FakeComment[]>();

  /** The comment a webhook delivery announces, stored as GitHub holds it (its id, author, body and time). */
  storeDeliveredComment(
    repo: string,
    issue: number,
    c: { id: number; body: string; user: FakeUser; created_at: string; html_url: string },
  ): void {
    const k = `${repo}#${issue}`;
    const list = this.delivered.get(k) ?? [];
    if (!list.some((x) => x.id === c.id)) list.push({ ...c, performed_via_github_app: null, updated_at: c.created_at });
    this.delivered.set(k, list);
  }

  commentList(repo: string, issue: number): FakeComment[] {
    const k = `${repo}#${issue}`;
    let l = this.comments.get(k);
    if (!l) this.comments.set(k, (l = []));
    return l;
  }

  putFile(repo: string, ref: string, path: string, content: string | Buffer): void {
    this.files.set(`${repo}@${ref}:${path}`, Buffer.isBuffer(content) ? content : Buffer.from(content));
  }

  /** A completed workflow run of `repo` at `sha`, with the given artifacts (zips). */
  addRun(repo: string, o: RunOptions): FakeRun {
    return addRun(this, repo, o);
  }

  /** An artifact uploaded by `run` (e.g. by the fake artifact service on FinalizeArtifact). */
  addArtifact(run: FakeRun, name: string, zip: Uint8Array): FakeArtifact {
    return addArtifact(this, run, name, zip);
  }

  /** The run as GitHub shows it (workflow-run), for the API and webhook deliveries. */
  runJson(run: FakeRun): Record<string, unknown> {
    return runJson(run);
  }

  fail(f: Failure): void {
    this.failures.push({ times: 1, ...f });
  }

  /** The commenter's author_association as GitHub shows it (NONE here; the App's fake knows roles). */
  protected associationOf(_repo: string, _login: string): string {
    return 'NONE';
  }

  /** The first scripted failure matching this request, used up once (removed when it has no times left). */
  protected scriptedFailure(method: string, path: string): Failure | undefined {
    const i = this.failures.findIndex(
      (f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)) && (f.times ?? 1) > 0,
    );
    if (i < 0) return undefined;
    const f = this.failures[i];
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) this.failures.splice(i, 1);
    return f;
  }

  /** Requests other than GET /user, for assertions on what the client wrote. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      // GitHub Enterprise Server serves the same REST API under /api/v3.
      path: u.pathname.replace(/^\/api\/v3(?=\/)/, ''),
      rawPath: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body,
      status: 0,
    };
    this.requests.push(rec);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      rec.status = status;
      if (!Buffer.isBuffer(data)) {
        rec.response = data;
        recordGitHubResponse(rec.method, rec.path, status, data);
      }
      const payload = Buffer.isBuffer(data)
        ? data
        : data === undefined
          ? Buffer.alloc(0)
          : Buffer.from(JSON.stringify(data));
      res.writeHead(status, {
        'content-type': Buffer.isBuffer(data) ? 'application/vnd.github.raw' : 'application/json; charset=utf-8',
        'content-length': String(payload.length),
        ...headers,
      });
      res.end(payload);
    };

    // Scripted failures first, in order.
    const f = this.scriptedFailure(rec.method, rec.path);
    if (f) {
      if (f.hang) return;
      return send(f.status, { message: f.message ?? `scripted ${f.status}`, documentation_url: DOCS }, f.headers);
    }
    // A signed blob URL (where artifact downloads redirect): its signature is the credential.
    if (rec.method === 'GET' && rec.path.startsWith('/_blob/')) return blobRoute(this, rec, send);
    if (!/^(token|Bearer) \S+$/.test(req.headers.authorization ?? ''))
      return send(401, { message: 'Requires authentication', documentation_url: DOCS });
    const deny = (p: Permission) => {
      if (!this.denied.has(p)) return false;
      send(403, { message: INTEGRATION_403, documentation_url: DOCS, status: '403' });
      return true;
    };

    let m: RegExpMatchArray | null;
    if (rec.method === 'GET' && rec.path === '/user') {
      if (!this.userEndpoint) return send(403, { message: INTEGRATION_403, documentation_url: DOCS, status: '403' });
      return send(200, githubObject('public-user', userJson(this.actor)));
    }
    if ((m = rec.path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/))) {
      const [repo, issue] = [`${m[1]}/${m[2]}`, Number(m[3])];
      const since = u.searchParams.get('since');
      // `since`: only comments updated at or after it, as GitHub filters.
      const list = this.commentList(repo, issue).filter((c) => !since || Date.parse(c.updated_at) >= Date.parse(since));
      if (rec.method === 'GET') {
        const perPage = Math.min(100, Number(u.searchParams.get('per_page') ?? 30) || 30);
        const page = Math.max(1, Number(u.searchParams.get('page') ?? 1) || 1);
        const last = Math.max(1, Math.ceil(list.length / perPage));
        const links: string[] = [];
        const link = (p: number, rel: string) => {
          const q = new URLSearchParams(u.searchParams);
          q.set('page', String(p));
          q.set('per_page', String(perPage));
          links.push(`<${this.url}${rec.rawPath}?${q}>; rel="${rel}"`);
        };
        if (page < last || this.endlessPages) {
          link(page + 1, 'next');
          link(last, 'last');
        }
        if (page > 1) {
          link(1, 'first');
          link(page - 1, 'prev');
        }
        return send(
          200,
          list
            .slice((page - 1) * perPage, page * perPage)
            .map((c) => commentJson(repo, issue, c, this.associationOf(repo, c.user.login))),
          links.length ? { link: links.join(', ') } : {},
        );
      }
      if (rec.method === 'POST') {
        if (deny('issues:write')) return;
        const text = (body as { body?: unknown })?.body;
        if (typeof text !== 'string') return send(422, validationFailed('Invalid request: body is required'));
        if (text.length > 65536) return send(422, tooLong());
        const c = this.addComment(repo, issue, text, this.actor);
        return send(201, commentJson(repo, issue, c, this.associationOf(repo, c.user.login)));
      }
    }
    if ((m = rec.path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/))) {
      const id = Number(m[3]);
      const repo = `${m[1]}/${m[2]}`;
      let found: { list: FakeComment[]; i: number; issue: number } | null = null;
      for (const [k, list] of [...this.comments, ...this.delivered]) {
        if (!k.startsWith(`${repo}#`)) continue;
        const i = list.findIndex((c) => c.id === id);
        if (i >= 0) found = { list, i, issue: Number(k.slice(repo.length + 1)) };
      }
      if (!found) return send(404, { message: 'Not Found', documentation_url: DOCS });
      const json = () =>
        commentJson(repo, found.issue, found.list[found.i], this.associationOf(repo, found.list[found.i].user.login));
      if (rec.method === 'GET') return send(200, json());
      if (deny('issues:write')) return;
      const c = found.list[found.i];
      // GitHub lets an account edit or delete only its own comments (short of admin rights).
      if (c.user.login !== this.actor.login)
        return send(403, { message: 'Must have admin rights to Repository.', documentation_url: DOCS });
      if (rec.method === 'PATCH') {
        const text = (body as { body?: unknown })?.body;
        if (typeof text !== 'string') return send(422, validationFailed('Invalid request: body is required'));
        if (text.length > 65536) return send(422, tooLong());
        c.body = text;
        c.updated_at = this.clock();
        return send(200, json());
      }
      if (rec.method === 'DELETE') {
        found.list.splice(found.i, 1);
        return send(204, undefined);
      }
    }
    if ((m = rec.path.match(/^\/repos\/([^/]+)\/([^/]+)\/statuses\/([0-9a-f]{40})$/)) && rec.method === 'POST') {
      if (deny('statuses:write')) return;
      const b = body as Partial<FakeStatus>;
      if (!['error', 'failure', 'pending', 'success'].includes(String(b?.state)))
        return send(422, validationFailed('Validation Failed: state'));
      if (b.description && b.description.length > 140)
        return send(422, validationFailed('Validation Failed: description is too long (maximum is 140 characters)'));
      const s: FakeStatus = {
        owner: m[1],
        repo: m[2],
        sha: m[3],
        state: b.state!,
        context: b.context ?? 'default',
        description: b.description,
        target_url: b.target_url,
      };
      this.statuses.push(s);
      const id = this.nextId++;
      const now = new Date().toISOString();
      return send(
        201,
        githubObject('status', {
          id,
          node_id: `SC_${id}`,
          url: `https://api.github.com/repos/${m[1]}/${m[2]}/statuses/${s.sha}`,
          state: s.state,
          context: s.context,
          description: s.description ?? null,
          target_url: s.target_url ?? null,
          created_at: now,
          updated_at: now,
          creator: userJson(this.actor),
        }),
      );
    }
    if ((m = rec.path.match(/^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/)) && rec.method === 'GET') {
      if (deny('contents:read')) return;
      const repo = `${m[1]}/${m[2]}`;
      const path = decodeURIComponent(m[3]);
      const ref = u.searchParams.get('ref') ?? 'HEAD';
      const content = this.files.get(`${repo}@${ref}:${path}`) ?? this.git.fileAt(repo, ref, path);
      const under = [...this.files.keys()].filter((k) => k.startsWith(`${repo}@${ref}:${path}/`));
      // A directory: its listing, whatever the media type.
      if (!content && under.length)
        return send(
          200,
          under.map((k) => {
            const p = k.slice(k.indexOf(':') + 1);
            const url = `https://api.github.com/repos/${repo}/contents/${p}`;
            const html = `https://github.com/${repo}/blob/${ref}/${p}`;
            const git = `https://api.github.com/repos/${repo}/git/blobs/${'e'.repeat(40)}`;
            const links = { self: url, git, html };
            return {
              type: 'file',
              size: 2,
              name: p.split('/').pop(),
              path: p,
              sha: 'e'.repeat(40),
              url,
              git_url: git,
              html_url: html,
              download_url: null,
              _links: links,
            };
          }),
        );
      if (!content)
        return send(404, {
          message: 'Not Found',
          documentation_url: `${DOCS}/repos/contents#get-repository-content`,
          status: '404',
        });
      const accept = req.headers.accept ?? '';
      if (/application\/vnd\.github(\.v3)?\.raw/.test(accept)) return send(200, content);
      const big = content.length > CONTENTS_JSON_LIMIT;
      // GitHub serves 1-100 MB files as JSON only with the object media type; the default
      // JSON media type is refused with 403 too_large.
      if (big && !/application\/vnd\.github(\.v3)?\.object/.test(accept))
        return send(403, {
          message:
            'This API returns blobs up to 1 MB in size. The requested blob is too large to fetch via the API, but you can use the Git Data API to request blobs up to 100 MB in size.',
          errors: [{ resource: 'Blob', field: 'data', code: 'too_large' }],
          documentation_url: `${DOCS}/repos/contents#get-repository-content`,
          status: '403',
        });
      const api = `https://api.github.com/repos/${repo}`;
      const sha = 'f'.repeat(40);
      return send(
        200,
        githubObject('content-file', {
          type: 'file',
          name: path.split('/').pop(),
          path,
          size: content.length,
          sha,
          encoding: big ? 'none' : 'base64',
          // GitHub wraps base64 at 60 columns.
          content: big ? '' : (content.toString('base64').match(/.{1,60}/g) ?? []).join('\n'),
          url: `${api}/contents/${path}?ref=${ref}`,
          git_url: `${api}/git/blobs/${sha}`,
          html_url: `https://github.com/${repo}/blob/${ref}/${path}`,
          download_url: `https://raw.githubusercontent.com/${repo}/${ref}/${path}`,
          _links: {
            self: `${api}/contents/${path}?ref=${ref}`,
            git: `${api}/git/blobs/${sha}`,
            html: `https://github.com/${repo}/blob/${ref}/${path}`,
          },
        }),
      );
    }
    if (/^\/repos\/[^/]+\/[^/]+\/actions\//.test(rec.path)) {
      if (this.runsDelayMs && /\/actions\/runs$/.test(rec.path))
        await new Promise((r) => setTimeout(r, this.runsDelayMs).unref());
      if (actionsRoute(this, rec, send)) return;
    }
    if (gitRoute(this.git, rec, send)) return;
    return send(404, { message: 'Not Found (fake GitHub has no such route)' });
  }
}

/** Starts a fake GitHub; stop it in afterEach/afterAll. */
export async function startFakeGitHub(): Promise<FakeGitHub> {
  return new FakeGitHub().start();
}

/** The real client pointed at the fake server, with millisecond backoff so retry tests run fast. */
export function fakeServerClient(gh: FakeGitHub, retries = 2): GitHubClient {
  return createClient({
    token: 't',
    baseUrl: gh.url,
    retry: { baseMs: 1, retries, maxRetryAfterS: 60, rateLimitRetries: 1 },
  });
}
