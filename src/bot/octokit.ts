// The App and its installation clients: the `octokit` package's Octokit (REST methods,
// pagination, retry, throttling) with modelgate's retry settings, so a failing GitHub API is
// retried with backoff and rate limits are waited out (up to a cap), as in the action.
// Content-creating requests are spaced the way GitHub asks (1 s between writes, 3 s between
// comments); the spacing scales with MODELGATE_RETRY_BASE_MS so tests run in milliseconds.

import Bottleneck from 'bottleneck';
import { App, Octokit } from 'octokit';
import type { RetrySettings } from '../github/client.js';
import { VERSION } from '../version.js';
import type { BotLog } from './server.js';

export type BotOctokit = InstanceType<typeof Octokit>;

function spacing(minTime: number) {
  return new Bottleneck.Group({ maxConcurrent: 1, minTime });
}

/** No GitHub call may hang a delivery: each request is aborted after this long (then retried). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** fetch with a deadline per request, so a stalled connection becomes a retryable failure. */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
}

export function botOctokitClass(apiUrl: string, r: RetrySettings, log: BotLog, timeoutMs = REQUEST_TIMEOUT_MS) {
  const scale = r.baseMs / 1000;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
      const what = `${options.method ?? ''} ${options.url ?? ''}`.trim();
      if (retryAfter > r.maxRetryAfterS || retryCount >= r.rateLimitRetries) {
        log.warn(`GitHub ${kind} on ${what}: giving up on this call (retry-after ${retryAfter}s)`);
        return false;
      }
      log.info(`GitHub ${kind} on ${what}: retrying after ${retryAfter}s`);
      return true;
    };
  return Octokit.defaults({
    baseUrl: apiUrl,
    userAgent: `modelgate-bot/${VERSION}`,
    request: { fetch: fetchWithTimeout(timeoutMs) },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: { retries: r.retries, retryAfterBaseValue: r.baseMs, doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    throttle: {
      id: 'modelgate-bot',
      retryAfterBaseValue: r.baseMs,
      fallbackSecondaryRateRetryAfter: 60,
      write: spacing(1000 * scale),
      notifications: spacing(3000 * scale),
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
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
  requestTimeoutMs?: number;
}) {
  return new App({
    appId: o.appId,
    privateKey: o.privateKey,
    webhooks: { secret: o.webhookSecret },
    Octokit: botOctokitClass(o.apiUrl, o.retry, o.log, o.requestTimeoutMs),
    log: { debug: () => {}, info: () => {}, warn: (m: string) => o.log.warn(m), error: (m: string) => o.log.error(m) },
  });
}
export type BotApp = ReturnType<typeof createApp>;
