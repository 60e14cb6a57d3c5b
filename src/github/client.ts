// The REST client every GitHub call goes through: @octokit/rest with retries for 5xx and the
// throttling plugin for rate limits. Retry-after is honoured up to a cap (a job should fail
// with a clear line rather than sit for an hour); delays scale with MODELGATE_RETRY_BASE_MS so
// tests against the fake server run in milliseconds.

import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

export type GitHubClient = InstanceType<typeof Octokit>;

export interface ClientLog {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
}

export interface RetrySettings {
  /** Milliseconds per backoff unit and per second of retry-after (1000 in production). */
  baseMs: number;
  /** Retries of a 5xx / unexplained 429 (exponential backoff: 1, 4, 9, ... units). */
  retries: number;
  /** Longest retry-after (seconds) worth waiting for; a longer one fails the call. */
  maxRetryAfterS: number;
  /** Retries of one request after a rate-limit answer. */
  rateLimitRetries: number;
}

export const DEFAULT_RETRY: RetrySettings = { baseMs: 1000, retries: 3, maxRetryAfterS: 60, rateLimitRetries: 2 };

/** Reads MODELGATE_RETRY_BASE_MS, MODELGATE_RETRIES and MODELGATE_MAX_RETRY_AFTER_S; bad values fall back to the defaults. */
export function retrySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): RetrySettings {
  const num = (v: string | undefined, dflt: number) => {
    const n = v === undefined || v.trim() === '' ? NaN : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : dflt;
  };
  return {
    baseMs: num(env.MODELGATE_RETRY_BASE_MS, DEFAULT_RETRY.baseMs),
    retries: Math.floor(num(env.MODELGATE_RETRIES, DEFAULT_RETRY.retries)),
    maxRetryAfterS: num(env.MODELGATE_MAX_RETRY_AFTER_S, DEFAULT_RETRY.maxRetryAfterS),
    rateLimitRetries: DEFAULT_RETRY.rateLimitRetries,
  };
}

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL; https://api.github.com when absent. */
  baseUrl?: string;
  userAgent?: string;
  retry?: RetrySettings;
  log?: ClientLog;
}

/**
 * A 429 that is neither a primary (x-ratelimit-remaining: 0) nor a secondary rate limit is left
 * alone by the throttling plugin and would be retried blindly by the retry plugin: retry it
 * after its retry-after instead (capped). Registered first, so it sees the error before the
 * retry plugin, which leaves 429s to us (see doNotRetry below).
 */
const plain429: Parameters<typeof Octokit.plugin>[0] = (octokit, options) => {
  const r = (options as { modelgate?: RetrySettings }).modelgate ?? DEFAULT_RETRY;
  octokit.hook.error('request', (e: unknown) => {
    const err = e as {
      status?: number;
      message?: string;
      response?: { headers?: Record<string, string> };
      request?: { request?: Record<string, unknown> };
    };
    const h = err.response?.headers ?? {};
    if (
      err.status === 429 &&
      h['x-ratelimit-remaining'] !== '0' &&
      !/\bsecondary rate\b/i.test(err.message ?? '') &&
      err.request
    ) {
      const after = Number(h['retry-after']);
      const wait = Number.isFinite(after) && after >= 0 ? after : 1;
      err.request.request = {
        ...err.request.request,
        retries: wait <= r.maxRetryAfterS ? r.retries : 0,
        retryAfter: wait,
      };
    }
    throw e;
  });
};

const Client = Octokit.plugin(plain429, retry, throttling);
let clientCount = 0;

export function createClient(opts: ClientOptions): GitHubClient {
  const r = opts.retry ?? DEFAULT_RETRY;
  const log: ClientLog = opts.log ?? { debug: () => {}, info: () => {}, warn: () => {} };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
      const what = `${options.method ?? ''} ${options.url ?? ''}`.trim();
      if (retryAfter > r.maxRetryAfterS) {
        log.warn(
          `GitHub ${kind} on ${what}: retry-after ${retryAfter}s is longer than ${r.maxRetryAfterS}s; giving up on this call`,
        );
        return false;
      }
      if (retryCount >= r.rateLimitRetries) {
        log.warn(`GitHub ${kind} on ${what}: still limited after ${retryCount} retries; giving up on this call`);
        return false;
      }
      log.info(`GitHub ${kind} on ${what}: retrying after ${retryAfter}s`);
      return true;
    };
  return new Client({
    auth: opts.token,
    baseUrl: (opts.baseUrl || 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: opts.userAgent ?? 'modelgate',
    // Octokit's own messages (deprecations, request failures) go to the debug log: our callers
    // turn failures into one clear line themselves.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.debug(m), error: (m: string) => log.debug(m) },
    retry: { retries: r.retries, retryAfterBaseValue: r.baseMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    modelgate: r,
    throttle: {
      // A fresh limiter key per client: one job's writes are spaced, unrelated clients are not.
      id: `modelgate-${process.pid}-${++clientCount}`,
      retryAfterBaseValue: r.baseMs,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
  });
}
