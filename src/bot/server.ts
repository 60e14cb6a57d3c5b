// The bot's HTTP front: GET /healthz, and POST <webhook path> for GitHub's deliveries. A
// delivery is checked before anything happens: size (413, counted while it streams in, never
// buffered past the limit), signature over the raw body (401; constant-time, by the caller's
// verify), duplicate delivery id (answered, not processed again). Then it is acknowledged at
// once (202) and processed in the background, so a slow GitHub API delays no other delivery.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  id: string;
  name: string;
  payload: unknown;
}

export interface BotLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface WebhookServerOptions {
  path: string;
  maxBodyBytes: number;
  /** True when `signature` (X-Hub-Signature-256) signs `body` with the webhook secret. */
  verify(body: string, signature: string): Promise<boolean>;
  /** Processes one delivery; a rejection is logged (never sent back) and lets a redelivery through. */
  handle(delivery: Delivery): Promise<void>;
  log: BotLog;
  /** Delivery ids remembered for de-duplication. */
  rememberDeliveries?: number;
}

export interface WebhookServer {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  /** Resolves when every delivery accepted so far has been processed. */
  idle(): Promise<void>;
  /** Stops accepting deliveries, waits for the in-flight ones (at most `graceMs`), closes the server. */
  close(graceMs?: number): Promise<void>;
  inFlight(): number;
}

class TooLarge extends Error {}

/** The body, or TooLarge as soon as more than `max` bytes arrive (the rest is not kept). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > max) {
        over = true;
        chunks.length = 0;
        reject(new TooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!over) reject(e);
    });
  });
}

function answer(res: ServerResponse, status: number, data: Record<string, unknown>, close = false): void {
  const body = JSON.stringify(data);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function createWebhookServer(o: WebhookServerOptions): WebhookServer {
  const seen = new Set<string>();
  const remember = o.rememberDeliveries ?? 10_000;
  const running = new Set<Promise<void>>();
  let closing = false;

  const dispatch = (d: Delivery) => {
    const p = o
      .handle(d)
      .catch((e: unknown) => {
        // Failed: a redelivery of the same id (from the App's settings page) gets another try.
        seen.delete(d.id);
        o.log.error(`delivery ${d.id} (${d.name}): ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => running.delete(p));
    running.add(p);
  };

  async function onWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return answer(res, 405, { error: 'use POST' });
    if (closing) return answer(res, 503, { error: 'shutting down' }, true);
    const declared = Number(header(req, 'content-length'));
    if (Number.isFinite(declared) && declared > o.maxBodyBytes) {
      req.resume();
      return answer(res, 413, { error: `body over ${o.maxBodyBytes} bytes` }, true);
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, o.maxBodyBytes);
    } catch (e) {
      if (e instanceof TooLarge) {
        req.resume();
        return answer(res, 413, { error: `body over ${o.maxBodyBytes} bytes` }, true);
      }
      throw e;
    }
    const signature = header(req, 'x-hub-signature-256') ?? '';
    const body = raw.toString('utf8');
    if (!/^sha256=[0-9a-f]{64}$/.test(signature) || !(await o.verify(body, signature).catch(() => false))) {
      o.log.warn(`refused a delivery with a ${signature ? 'wrong' : 'missing'} signature`);
      return answer(res, 401, { error: 'signature does not match' });
    }
    const id = header(req, 'x-github-delivery') ?? '';
    const name = header(req, 'x-github-event') ?? '';
    if (!id || !/^[a-z_]{1,64}$/.test(name))
      return answer(res, 400, { error: 'missing X-GitHub-Delivery or X-GitHub-Event' });
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return answer(res, 400, { error: 'the body is not JSON' });
    }
    if (seen.has(id)) return answer(res, 200, { ok: true, duplicate: true });
    seen.add(id);
    if (seen.size > remember) seen.delete(seen.values().next().value!);
    dispatch({ id, name, payload });
    return answer(res, 202, { ok: true });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const work =
      path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')
        ? Promise.resolve(answer(res, closing ? 503 : 200, { status: closing ? 'shutting down' : 'ok' }))
        : path === o.path
          ? onWebhook(req, res)
          : Promise.resolve(answer(res, 404, { error: 'not found' }));
    work.catch((e: unknown) => {
      o.log.error(`request failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) answer(res, 500, { error: 'internal error' });
    });
  });
  // A slow client cannot hold a connection forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  const idle = async () => {
    while (running.size) await Promise.allSettled([...running]);
  };
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    idle,
    inFlight: () => running.size,
    async close(graceMs = 120_000) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([idle(), late]);
      clearTimeout(timer);
      if (running.size) o.log.warn(`stopping with ${running.size} delivery(ies) unfinished after ${graceMs} ms`);
      server.closeAllConnections();
      await closed;
    },
  };
}
