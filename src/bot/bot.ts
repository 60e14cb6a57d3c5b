// The bot assembled: the App (installation clients with retry and throttling), the webhook
// handlers, and the HTTP server in front. `startBot` is what `modelgate bot` and dist/bot.js run.

import type { GitHubClient } from '../github/client.js';
import { limitsFromEnv, retrySettingsFromEnv, type RetrySettings } from '../github/client.js';
import type { Identity } from '../github/identity.js';
import type { BotConfig } from './config.js';
import {
  onIssueComment,
  onWorkflowRun,
  type BotContext,
  type IssueCommentPayload,
  type WorkflowRunPayload,
} from './handlers.js';
import { createApp, type BotApp } from './octokit.js';
import { createWebhookServer, type BotLog, type Delivery, type WebhookServer } from './server.js';

/** Events the bot acts on; every other event is acknowledged and ignored. */
export const HANDLED_EVENTS: ReadonlySet<string> = new Set(['issue_comment', 'workflow_run']);

export interface Bot {
  app: BotApp;
  web: WebhookServer;
  /** Listens; resolves with the port. */
  start(): Promise<number>;
  /** Graceful: no new deliveries, in-flight ones finish. */
  stop(): Promise<void>;
}

export const consoleLog: BotLog = {
  info: (m) => process.stdout.write(`${new Date().toISOString()} info ${m}\n`),
  warn: (m) => process.stdout.write(`${new Date().toISOString()} warn ${m}\n`),
  error: (m) => process.stderr.write(`${new Date().toISOString()} error ${m}\n`),
};

/** One line per failure of a delivery (octokit/webhooks gathers them in an AggregateError). */
function failureLines(e: unknown): string[] {
  const errs = e instanceof AggregateError ? e.errors : [e];
  return errs.map((x) => (x instanceof Error ? x.message : String(x)).split('\n')[0]);
}

export function createBot(
  config: BotConfig,
  o: { log?: BotLog; retry?: RetrySettings; requestTimeoutMs?: number } = {},
): Bot {
  const log = o.log ?? consoleLog;
  const app = createApp({
    ...config,
    retry: o.retry ?? retrySettingsFromEnv(),
    log,
    limits: { ...limitsFromEnv(), ...(o.requestTimeoutMs !== undefined && { requestTimeoutMs: o.requestTimeoutMs }) },
  });
  let me: Promise<Identity> | null = null;
  const ctx: BotContext = {
    log,
    identity: () => {
      // The App's own account, `<slug>[bot]`: its sticky comments are the ones it edits.
      me ??= app.octokit.request('GET /app').then(
        ({ data }) => ({ login: `${(data as { slug?: string }).slug}[bot]`, source: 'api' as const }),
        (e: unknown) => {
          me = null;
          throw e;
        },
      );
      return me;
    },
  };
  app.webhooks.on('issue_comment.created', ({ octokit, payload }) =>
    onIssueComment(octokit as unknown as GitHubClient, payload as unknown as IssueCommentPayload, ctx),
  );
  app.webhooks.on('workflow_run.completed', ({ octokit, payload }) =>
    onWorkflowRun(octokit as unknown as GitHubClient, payload as unknown as WorkflowRunPayload, ctx),
  );

  const handle = async (d: Delivery) => {
    if (!HANDLED_EVENTS.has(d.name)) return;
    try {
      await app.webhooks.receive({ id: d.id, name: d.name, payload: d.payload } as Parameters<
        typeof app.webhooks.receive
      >[0]);
    } catch (e) {
      throw new Error(failureLines(e).join('; '));
    }
  };
  const web = createWebhookServer({
    path: config.webhookPath,
    maxBodyBytes: config.maxBodyBytes,
    verify: (body, signature) => app.webhooks.verify(body, signature),
    handle,
    log,
  });
  return {
    app,
    web,
    start: () => web.listen(config.port, config.host),
    stop: () => web.close(),
  };
}

/** Runs until SIGTERM/SIGINT, then shuts down gracefully. */
export async function startBot(config: BotConfig, log: BotLog = consoleLog): Promise<void> {
  const bot = createBot(config, { log });
  const port = await bot.start();
  log.info(
    `modelgate bot listening on ${config.host}:${port}${config.webhookPath} (health: /healthz), GitHub API ${config.apiUrl}`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal}: finishing ${bot.web.inFlight()} delivery(ies) in flight, accepting no new ones`);
      bot.stop().then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  log.info('stopped');
}
