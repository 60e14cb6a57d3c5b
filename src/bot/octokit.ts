// The App and its installation clients: the `octokit` package's Octokit (REST methods,
// pagination, retry, throttling) with the same retry settings, rate-limit handling, request
// timeout and time budget as the action's client (src/github/client.ts: clientOptions and
// withClientLimits, the one place for them). Content-creating requests are spaced the way GitHub
// asks (1 s between writes, 3 s between comments); the spacing scales with MODELGATE_RETRY_BASE_MS
// so tests run in milliseconds.

import Bottleneck from 'bottleneck';
import { App, Octokit } from 'octokit';
import { clientOptions, DEFAULT_LIMITS, withClientLimits, type Limits, type RetrySettings } from '../github/client.js';
import { VERSION } from '../version.js';
import type { BotLog } from './server.js';

export type BotOctokit = InstanceType<typeof Octokit>;

function spacing(minTime: number) {
  return new Bottleneck.Group({ maxConcurrent: 1, minTime });
}

export function botOctokitClass(apiUrl: string, r: RetrySettings, log: BotLog, limits: Limits = DEFAULT_LIMITS) {
  const scale = r.baseMs / 1000;
  const options = clientOptions({
    baseUrl: apiUrl,
    userAgent: `modelgate-bot/${VERSION}`,
    retry: r,
    limits,
    log: { debug: () => {}, info: (m) => log.info(m), warn: (m) => log.warn(m) },
  });
  return withClientLimits(Octokit).defaults({
    ...options,
    // One limiter for every installation client: GitHub's spacing is per App, not per client.
    throttle: {
      ...options.throttle,
      id: 'modelgate-bot',
      write: spacing(1000 * scale),
      notifications: spacing(3000 * scale),
    },
  });
}

export function createApp(o: {
  appId: string;
  privateKey: string;
  webhookSecret: string;
  apiUrl: string;
  retry: RetrySettings;
  log: BotLog;
  limits?: Limits;
}) {
  return new App({
    appId: o.appId,
    privateKey: o.privateKey,
    webhooks: { secret: o.webhookSecret },
    Octokit: botOctokitClass(o.apiUrl, o.retry, o.log, o.limits),
    log: { debug: () => {}, info: () => {}, warn: (m: string) => o.log.warn(m), error: (m: string) => o.log.error(m) },
  });
}
export type BotApp = ReturnType<typeof createApp>;
