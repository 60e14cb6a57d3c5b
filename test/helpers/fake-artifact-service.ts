// A stand-in, on 127.0.0.1, for the artifact service of GitHub Actions that @actions/artifact
// (v2+) talks to, as read from its source (lib/internal/upload, lib/internal/shared):
// - Twirp JSON RPC at ACTIONS_RESULTS_URL: POST /twirp/github.actions.results.api.v1.ArtifactService/
//   CreateArtifact {workflow_run_backend_id, workflow_job_run_backend_id, name, version, expires_at}
//   -> {ok, signed_upload_url}; FinalizeArtifact {..., name, size, hash} -> {ok, artifact_id};
//   bearer ACTIONS_RUNTIME_TOKEN, a JWT whose `scp` holds "Actions.Results:<run>:<job>".
// - the signed upload URL is an Azure block blob: PUT ?comp=block&blockid=<id> per chunk, then
//   PUT ?comp=blocklist with <BlockList><Latest>id</Latest>...</BlockList>.
// A finalized upload is handed to `onFinalize` (e.g. to show it on the fake REST API).

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

export interface FinishedUpload {
  runBackendId: string;
  jobBackendId: string;
  name: string;
  /** The zip as uploaded. */
  zip: Buffer;
  /** RFC 3339, from the retention. */
  expiresAt?: string;
  /** `sha256:<hex>` as the client computed it. */
  hash?: string;
  size: number;
}

interface Pending {
  runBackendId: string;
  jobBackendId: string;
  name: string;
  expiresAt?: string;
  blocks: Map<string, Buffer>;
  committed?: Buffer;
}

export class FakeArtifactService {
  url = '';
  readonly uploads: FinishedUpload[] = [];
  readonly rpcs: { method: string; body: Record<string, unknown> }[] = [];
  /** Called on FinalizeArtifact; answers the artifact id. */
  onFinalize: (u: FinishedUpload) => number = () => this.uploads.length;
  private readonly pending = new Map<string, Pending>();
  private server: Server | null = null;
  private seq = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        res.statusCode = 500;
        res.end(JSON.stringify({ code: 'internal', msg: `fake artifact service bug: ${e}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The environment a job step gets: runtime token (for run/job backend ids) and results URL. */
  env(runBackendId = 'run-backend-1', jobBackendId = 'job-backend-1'): Record<string, string> {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp: `Actions.GenericRead:x Actions.Results:${runBackendId}:${jobBackendId}` })}.sig`;
    return { ACTIONS_RUNTIME_TOKEN: jwt, ACTIONS_RESULTS_URL: `${this.url}/` };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    if (req.method === 'POST' && u.pathname.startsWith(SERVICE)) {
      if (!/^Bearer \S+\.\S+\.\S+$/.test(req.headers.authorization ?? ''))
        return json(401, { code: 'unauthenticated', msg: 'missing runtime token' });
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const method = u.pathname.slice(SERVICE.length);
      this.rpcs.push({ method, body });
      return this.rpc(method, body, json);
    }
    const m = /^\/blob\/([\w-]+)$/.exec(u.pathname);
    if (req.method === 'PUT' && m && u.searchParams.get('sig') === 'upload') {
      const p = this.pending.get(m[1]);
      if (!p) return void res.writeHead(404).end();
      const comp = u.searchParams.get('comp');
      if (comp === 'block') p.blocks.set(u.searchParams.get('blockid') ?? '', raw);
      else if (comp === 'blocklist') {
        const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)].map((x) => x[1]);
        if (ids.some((id) => !p.blocks.has(id))) return void res.writeHead(400).end('InvalidBlockList');
        p.committed = Buffer.concat(ids.map((id) => p.blocks.get(id)!));
      } else p.committed = raw;
      res.writeHead(201, {
        etag: `"0x${createHash('md5').update(raw).digest('hex').slice(0, 16)}"`,
        'last-modified': new Date().toUTCString(),
        'x-ms-request-server-encrypted': 'true',
        'x-ms-version': '2025-01-05',
      });
      return void res.end();
    }
    res.writeHead(404).end();
  }

  private rpc(method: string, body: Record<string, unknown>, json: (s: number, d: unknown) => void): void {
    const key = `${body.workflow_run_backend_id}/${body.workflow_job_run_backend_id}/${body.name}`;
    if (method === 'CreateArtifact') {
      if ([...this.pending.values()].some((p) => `${p.runBackendId}/${p.jobBackendId}/${p.name}` === key))
        return json(409, {
          code: 'already_exists',
          msg: 'an artifact with this name already exists on the workflow run',
        });
      const id = `b${++this.seq}`;
      this.pending.set(id, {
        runBackendId: String(body.workflow_run_backend_id),
        jobBackendId: String(body.workflow_job_run_backend_id),
        name: String(body.name),
        expiresAt: body.expires_at as string | undefined,
        blocks: new Map(),
      });
      return json(200, { ok: true, signed_upload_url: `${this.url}/blob/${id}?sig=upload` });
    }
    if (method === 'FinalizeArtifact') {
      const p = [...this.pending.values()].find((x) => `${x.runBackendId}/${x.jobBackendId}/${x.name}` === key);
      if (!p?.committed) return json(404, { code: 'not_found', msg: 'no upload to finalize' });
      const up: FinishedUpload = {
        runBackendId: p.runBackendId,
        jobBackendId: p.jobBackendId,
        name: p.name,
        zip: p.committed,
        expiresAt: p.expiresAt,
        hash: (body.hash as string | undefined) ?? undefined,
        size: Number(body.size),
      };
      this.uploads.push(up);
      return json(200, { ok: true, artifact_id: String(this.onFinalize(up)) });
    }
    json(404, { code: 'bad_route', msg: `no handler for ${method}` });
  }
}

export async function startFakeArtifactService(): Promise<FakeArtifactService> {
  return new FakeArtifactService().start();
}
