// The fake GitHub of ./fake-github.ts, extended with what a GitHub App talks to: the App's JWT
// (verified with the App's public key) exchanged for installation tokens, collaborator
// permissions, reactions, check runs, pull requests, workflow runs and their artifacts (zip
// downloads through a redirect to a blob URL, as GitHub does). Comments written with an
// installation token are authored by the App's bot account.

import { createPublicKey, createVerify, generateKeyPairSync, createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import {
  ACTIONS_BOT,
  FakeGitHub,
  repoJson,
  userJson,
  validationFailed,
  type FakeRun,
  type FakeUser,
  type RecordedRequest,
} from './fake-github.js';

export type { FakeArtifact, FakeRun } from './fake-github.js';
import { githubObject, githubResponse, recordGitHubResponse } from './openapi.js';

export const APP_ID = 4242;
export const APP_SLUG = 'modelgate';
export const APP_BOT: FakeUser = { login: `${APP_SLUG}[bot]`, id: 4242001, type: 'Bot' };

export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface FakePull {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  /** owner/name of the head repository (a fork's, or the base repository). */
  headRepo: string;
}

export interface FakeCheckRun {
  id: number;
  repo: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  details_url?: string;
  output: { title?: string; summary?: string; text?: string; annotations: Record<string, unknown>[] };
}

export interface FakeReaction {
  repo: string;
  commentId: number;
  content: string;
  user: string;
}

/** A fresh RSA key pair for the App (PKCS#1 PEM, as GitHub hands it out). */
export function appKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const LEGACY: Record<Role, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

export class FakeGitHubApp extends FakeGitHub {
  readonly roles = new Map<string, Role>();
  readonly reactions: FakeReaction[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly pulls = new Map<string, FakePull>();
  readonly tokens = new Map<string, number>();
  private seq = 500_000;

  constructor(private readonly publicKey: string) {
    super();
  }

  setRole(repo: string, login: string, role: Role): void {
    this.roles.set(`${repo}:${login}`, role);
  }

  /** A collaborator with any role shows as COLLABORATOR (admin: OWNER), as on a user's repository. */
  protected override associationOf(repo: string, login: string): string {
    const role = this.roles.get(`${repo}:${login}`);
    return role === undefined || role === 'none' ? 'NONE' : role === 'admin' ? 'OWNER' : 'COLLABORATOR';
  }

  addPull(repo: string, p: FakePull): void {
    this.pulls.set(`${repo}#${p.number}`, { ...p });
  }

  pull(repo: string, n: number): FakePull {
    return this.pulls.get(`${repo}#${n}`)!;
  }

  reactionsOn(commentId: number): string[] {
    return this.reactions.filter((r) => r.commentId === commentId).map((r) => r.content);
  }

  private verifyJwt(auth: string | undefined): boolean {
    const m = /^bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(auth ?? '');
    if (!m) return false;
    const v = createVerify('RSA-SHA256');
    v.update(`${m[1]}.${m[2]}`);
    if (!v.verify(createPublicKey(this.publicKey), Buffer.from(m[3], 'base64url'))) return false;
    const claims = JSON.parse(Buffer.from(m[2], 'base64url').toString()) as { iss?: unknown; exp?: number };
    return String(claims.iss) === String(APP_ID) && (claims.exp ?? 0) * 1000 > Date.now();
  }

  protected override async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const auth = req.headers.authorization;
    const token = /^token (\S+)$/.exec(auth ?? '')?.[1];
    const route = this.appRoute(method, u.pathname);
    if (!route) {
      // The base server's routes: comments written with an installation token are the App's.
      this.actor = token && this.tokens.has(token) ? APP_BOT : ACTIONS_BOT;
      return super.handle(req, res);
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const rec: RecordedRequest = {
      method,
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body,
      status: 0,
    };
    this.requests.push(rec);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      rec.status = status;
      if (!(data instanceof Uint8Array)) recordGitHubResponse(method, rec.path, status, data);
      const buf = data instanceof Uint8Array ? Buffer.from(data) : Buffer.from(JSON.stringify(data ?? {}));
      res.writeHead(status, {
        'content-type': data instanceof Uint8Array ? 'application/zip' : 'application/json; charset=utf-8',
        'content-length': String(buf.length),
        ...headers,
      });
      res.end(buf);
    };
    const x = this.scriptedFailure(method, u.pathname);
    if (x) {
      if (x.hang) return;
      return send(x.status, validationFailed(x.message ?? `scripted ${x.status}`), x.headers);
    }
    if (route.kind === 'jwt') {
      if (!this.verifyJwt(auth)) return send(401, { message: 'A JSON web token could not be decoded' });
      if (route.name === 'app') return send(200, appJson());
      const t = `ghs_inst${route.m[1]}_${randomUUID().replace(/-/g, '')}`;
      this.tokens.set(t, Number(route.m[1]));
      const expires = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
      return send(201, githubObject('installation-token', { token: t, expires_at: expires, permissions: {} }));
    }
    if (!token) return send(401, { message: 'Requires authentication' });
    return this.repoRoute(route.name, route.m, u, body, send);
  }

  private appRoute(method: string, path: string): { kind: 'jwt' | 'repo'; name: string; m: RegExpMatchArray } | null {
    const table: [string, RegExp, 'jwt' | 'repo', string][] = [
      ['GET', /^\/app$/, 'jwt', 'app'],
      ['POST', /^\/app\/installations\/(\d+)\/access_tokens$/, 'jwt', 'token'],
      ['GET', /^\/repos\/([^/]+\/[^/]+)\/collaborators\/([^/]+)\/permission$/, 'repo', 'permission'],
      ['POST', /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)\/reactions$/, 'repo', 'reaction'],
      ['POST', /^\/repos\/([^/]+\/[^/]+)\/check-runs$/, 'repo', 'check-create'],
      ['PATCH', /^\/repos\/([^/]+\/[^/]+)\/check-runs\/(\d+)$/, 'repo', 'check-update'],
      ['GET', /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)$/, 'repo', 'pull'],
    ];
    for (const [m, re, kind, name] of table) {
      const hit = method === m ? re.exec(path) : null;
      if (hit) return { kind, name, m: hit };
    }
    return null;
  }

  private repoRoute(
    name: string,
    m: RegExpMatchArray,
    u: URL,
    body: Record<string, unknown>,
    send: (s: number, d: unknown, h?: Record<string, string>) => void,
  ): void {
    const repo = m[1];
    switch (name) {
      case 'permission': {
        const role = this.roles.get(`${repo}:${m[2]}`) ?? 'read';
        const user = githubObject('nullable-collaborator', {
          ...userJson({ login: m[2], id: 1, type: 'User' }),
          role_name: role,
        });
        return send(
          200,
          githubObject('repository-collaborator-permission', { permission: LEGACY[role], role_name: role, user }),
        );
      }
      case 'reaction': {
        if (!['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'].includes(String(body.content)))
          return send(422, validationFailed('Validation Failed: content'));
        this.reactions.push({ repo, commentId: Number(m[2]), content: String(body.content), user: APP_BOT.login });
        const id = ++this.seq;
        return send(
          201,
          githubObject('reaction', { id, node_id: `REA_${id}`, content: body.content, user: userJson(APP_BOT) }),
        );
      }
      case 'check-create':
      case 'check-update': {
        const output = (body.output ?? {}) as FakeCheckRun['output'];
        for (const k of ['title', 'summary', 'text'] as const)
          if (typeof output[k] === 'string' && output[k]!.length > 65535)
            return send(
              422,
              validationFailed(`Validation Failed: output.${k} is too long (maximum is 65535 characters)`),
            );
        const annotations = output.annotations ?? [];
        if (annotations.length > 50) return send(422, validationFailed('Validation Failed: at most 50 annotations'));
        if (name === 'check-create') {
          const c: FakeCheckRun = {
            id: ++this.seq,
            repo,
            name: String(body.name),
            head_sha: String(body.head_sha),
            status: String(body.status),
            conclusion: body.conclusion as string | undefined,
            details_url: body.details_url as string | undefined,
            output: { ...output, annotations: [...annotations] },
          };
          this.checkRuns.push(c);
          return send(201, checkRunJson(c));
        }
        const c = this.checkRuns.find((x) => x.id === Number(m[2]) && x.repo === repo);
        if (!c) return send(404, { message: 'Not Found' });
        c.output = { ...c.output, ...output, annotations: [...c.output.annotations, ...annotations] };
        return send(200, checkRunJson(c));
      }
      case 'pull': {
        const p = this.pulls.get(`${repo}#${m[2]}`);
        if (!p) return send(404, { message: 'Not Found' });
        const side = (sha: string, ref: string, r: string) => ({
          sha,
          ref,
          label: `${r.split('/')[0]}:${ref}`,
          repo: githubObject('repository', repoJson(r)),
          user: userJson({ login: r.split('/')[0], id: 1, type: 'User' }),
        });
        return send(
          200,
          githubResponse('GET /repos/{owner}/{repo}/pulls/{pull_number}', 200, {
            number: p.number,
            state: 'open',
            html_url: `https://github.com/${repo}/pull/${p.number}`,
            head: side(p.headSha, 'feature', p.headRepo),
            base: side(p.baseSha, p.baseRef, repo),
          }),
        );
      }
    }
    return send(404, { message: 'Not Found' });
  }
}

/** The App as GitHub shows it (integration). */
function appJson(): Record<string, unknown> {
  return githubObject('integration', {
    id: APP_ID,
    slug: APP_SLUG,
    node_id: 'A_modelgate',
    name: 'modelgate',
    owner: userJson({ login: 'octo', id: 1, type: 'User' }),
    html_url: `https://github.com/apps/${APP_SLUG}`,
    external_url: 'https://example.com/modelgate',
    permissions: { checks: 'write', issues: 'write' },
    events: ['issue_comment', 'workflow_run'],
  });
}

/** A repository as GitHub shows it (minimal-repository; repository adds fields around it). */

/** A check run as GitHub shows it (check-run): annotations are counted, not listed. */
function checkRunJson(c: FakeCheckRun): Record<string, unknown> {
  const url = `https://api.github.com/repos/${c.repo}/check-runs/${c.id}`;
  return githubObject('check-run', {
    id: c.id,
    node_id: `CR_${c.id}`,
    name: c.name,
    head_sha: c.head_sha,
    status: c.status,
    conclusion: c.conclusion ?? null,
    details_url: c.details_url ?? null,
    url,
    html_url: `https://github.com/${c.repo}/runs/${c.id}`,
    app: appJson(),
    output: {
      title: c.output.title ?? null,
      summary: c.output.summary ?? null,
      text: c.output.text ?? null,
      annotations_count: c.output.annotations.length,
      annotations_url: `${url}/annotations`,
    },
  });
}

export async function startFakeGitHubApp(publicKey: string): Promise<FakeGitHubApp> {
  return new FakeGitHubApp(publicKey).start();
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const require = createRequire(import.meta.url);
const examples: { name: string; examples: Json[] }[] = require('@octokit/webhooks-examples');

/** A deep copy of a real webhook payload from @octokit/webhooks-examples. */
export function example(event: string, action: string): Json {
  const ex = examples.find((e) => e.name === event)?.examples.find((x) => x.action === action);
  if (!ex) throw new Error(`no ${event}.${action} example`);
  return JSON.parse(JSON.stringify(ex));
}

function setRepository(p: Json, repo: string): void {
  const [owner, name] = repo.split('/');
  p.repository.full_name = repo;
  p.repository.name = name;
  p.repository.owner.login = owner;
  p.repository.html_url = `https://github.com/${repo}`;
}

let commentIds = 900_000;

/** An issue_comment.created delivery on pull request `pr`, by `user`. */
export function commentPayload(repo: string, pr: number, body: string, user: FakeUser, installationId = 1): Json {
  const p = example('issue_comment', 'created');
  setRepository(p, repo);
  p.issue.number = pr;
  p.issue.pull_request = { url: `https://api.github.com/repos/${repo}/pulls/${pr}` };
  p.comment.id = ++commentIds;
  p.comment.body = body;
  p.comment.user = { ...p.comment.user, login: user.login, id: user.id, type: user.type };
  p.comment.created_at = new Date().toISOString();
  p.comment.html_url = `https://github.com/${repo}/pull/${pr}#issuecomment-${p.comment.id}`;
  p.installation = { id: installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  return p;
}

/** A workflow_run.completed delivery for a fake run. */
export function workflowRunPayload(gh: FakeGitHubApp, run: FakeRun, installationId = 1): Json {
  const p = example('workflow_run', 'completed');
  setRepository(p, run.repo);
  p.workflow_run = { ...p.workflow_run, ...gh.runJson(run) };
  p.installation = { id: installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  return p;
}

export interface SentDelivery {
  status: number;
  body: string;
  id: string;
}

/** POSTs a delivery signed with `secret` (or with `signature` as given) to the bot. */
export async function deliver(
  url: string,
  event: string,
  payload: Json | string,
  o: { secret?: string; signature?: string | null; id?: string } = {},
): Promise<SentDelivery> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const id = o.id ?? randomUUID();
  const sig =
    o.signature === undefined
      ? `sha256=${createHmac('sha256', o.secret ?? '')
          .update(body)
          .digest('hex')}`
      : o.signature;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': id,
      ...(sig === null ? {} : { 'x-hub-signature-256': sig }),
    },
    body,
  });
  return { status: res.status, body: await res.text(), id };
}
