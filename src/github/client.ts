// The REST client every GitHub call goes through: @actions/github's getOctokit (which honours
// HTTPS_PROXY / NO_PROXY and GITHUB_API_URL, as on self-hosted runners and GitHub Enterprise
// Server) with retries for 5xx and the throttling plugin for rate limits. Retry-after is
// honoured up to a cap; every request has a timeout and all of them share one time budget, so a
// job fails with a clear line rather than sit for an hour. Delays (and the spacing of writes)
// scale with MODELGATE_RETRY_BASE_MS so tests against the fake server run in milliseconds.

import { getOctokit } from '@actions/github';
import Bottleneck from 'bottleneck';
import type { Octokit, OctokitOptions } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import type { EndpointDefaults } from '@octokit/types';

/** What src/github needs of a client: getOctokit's, or any octokit with the REST methods and pagination (e.g. an App installation client). */
export type GitHubClient = ReturnType<typeof getOctokit>;

/** The REST API version every request asks for. */
export const API_VERSION = '2022-11-28';

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

export interface Limits {
  /** Longest wait for one answer (each retry gets its own). */
  requestTimeoutMs: number;
  /** All requests of one client together, retries and rate-limit waits included, from its first request. */
  budgetMs: number;
  /** Most pages read from one paginated list. */
  maxPages: number;
}

export const DEFAULT_LIMITS: Limits = { requestTimeoutMs: 30_000, budgetMs: 180_000, maxPages: 30 };

/** Reads MODELGATE_GITHUB_TIMEOUT_MS, MODELGATE_GITHUB_BUDGET_MS and MODELGATE_GITHUB_MAX_PAGES; bad values fall back to the defaults. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Limits {
  const num = (v: string | undefined, dflt: number) => {
    const n = v === undefined || v.trim() === '' ? NaN : Number(v);
    return Number.isFinite(n) && n > 0 ? n : dflt;
  };
  return {
    requestTimeoutMs: num(env.MODELGATE_GITHUB_TIMEOUT_MS, DEFAULT_LIMITS.requestTimeoutMs),
    budgetMs: num(env.MODELGATE_GITHUB_BUDGET_MS, DEFAULT_LIMITS.budgetMs),
    maxPages: Math.floor(num(env.MODELGATE_GITHUB_MAX_PAGES, DEFAULT_LIMITS.maxPages)),
  };
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * A request cut short by modelgate: no answer within the timeout, or the time budget used up.
 * A RequestError (carrying the request) so the retry plugin can tell it apart: a timeout is
 * retried like a 5xx (status 504), a spent budget never (status 0).
 */
export class GitHubLimitError extends RequestError {
  constructor(
    message: string,
    public readonly kind: 'timeout' | 'budget',
    request: ConstructorParameters<typeof RequestError>[2]['request'],
  ) {
    super(message, kind === 'timeout' ? 504 : 0, { request });
  }
}

type Plugin = (octokit: Octokit, options: OctokitOptions) => void;
type HookOptions = Required<EndpointDefaults>;

/**
 * Innermost hook (registered first): every attempt, retries included, gets its own timeout,
 * cut to what is left of the client's budget, and asks for API_VERSION.
 */
const limitsPlugin: Plugin = (octokit, options) => {
  const l = (options as { modelgateLimits?: Limits }).modelgateLimits ?? DEFAULT_LIMITS;
  const log = (options as { modelgateLog?: ClientLog }).modelgateLog;
  // The budget runs from the first request, not from when the client was made.
  let deadline: number | undefined;
  octokit.hook.wrap('request', async (request, opts: HookOptions) => {
    const what = `${opts.method} ${String(opts.url).replace(/\?.*$/, '')}`;
    deadline ??= Date.now() + l.budgetMs;
    const left = deadline - Date.now();
    if (left <= 0)
      throw new GitHubLimitError(
        `the GitHub time budget of ${seconds(l.budgetMs)} is used up, so ${what} was not sent`,
        'budget',
        opts,
      );
    const ms = Math.min(l.requestTimeoutMs, left);
    const timer = AbortSignal.timeout(ms);
    // Hooks share one options object (octokit's auth hook, inside this one, reads it, not what
    // we pass on): set the signal and header on it, with fresh objects (`request` may be the
    // client's defaults, shared by every call).
    const req = (opts.request ?? {}) as { signal?: AbortSignal; modelgateSignal?: AbortSignal };
    // The caller's own signal, not the one this hook set on an earlier attempt.
    const own = 'modelgateSignal' in req ? req.modelgateSignal : req.signal;
    opts.headers = { 'x-github-api-version': API_VERSION, ...opts.headers };
    opts.request = {
      ...opts.request,
      modelgateSignal: own,
      signal: own ? AbortSignal.any([own, timer]) : timer,
    } as HookOptions['request'];
    try {
      return await request(opts);
    } catch (e) {
      if (!timer.aborted || own?.aborted) throw e;
      const budget = ms < l.requestTimeoutMs;
      const msg = budget
        ? `the GitHub time budget of ${seconds(l.budgetMs)} ran out waiting for ${what}`
        : `GitHub did not answer ${what} within ${seconds(ms)}`;
      log?.warn(msg);
      throw new GitHubLimitError(msg, budget ? 'budget' : 'timeout', opts);
    }
  });
};

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL; https://api.github.com when absent. */
  baseUrl?: string;
  userAgent?: string;
  retry?: RetrySettings;
  limits?: Limits;
  log?: ClientLog;
}

/**
 * A 429 that is neither a primary (x-ratelimit-remaining: 0) nor a secondary rate limit is left
 * alone by the throttling plugin and would be retried blindly by the retry plugin: retry it
 * after its retry-after instead (capped). Registered first, so it sees the error before the
 * retry plugin, which leaves 429s to us (see doNotRetry below).
 */
const plain429: Plugin = (octokit, options) => {
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

let clientCount = 0;

/**
 * The options every modelgate octokit gets: retries, rate-limit handling, time limits and
 * logging. createClient uses them; so does the bot's App (src/bot/octokit.ts), with
 * withClientLimits, so both doors have one set of limits.
 */
export function clientOptions(opts: Omit<ClientOptions, 'token'>) {
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
  return {
    baseUrl: (opts.baseUrl || 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: opts.userAgent ?? 'modelgate',
    // Octokit's own messages (deprecations, request failures) go to the debug log: our callers
    // turn failures into one clear line themselves.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.debug(m), error: (m: string) => log.debug(m) },
    retry: { retries: r.retries, retryAfterBaseValue: r.baseMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    modelgate: r,
    modelgateLimits: opts.limits ?? DEFAULT_LIMITS,
    modelgateLog: log,
    throttle: {
      // A fresh limiter key per client: one job's writes are spaced, unrelated clients are not.
      id: `modelgate-${process.pid}-${++clientCount}`,
      // GitHub's spacing (1 s between writes, 3 s between comments), scaled like the retries
      // so tests against the fake server run in milliseconds (as src/bot/octokit.ts does).
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: r.baseMs }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * r.baseMs }),
      retryAfterBaseValue: r.baseMs,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
  };
}

export function createClient(opts: ClientOptions): GitHubClient {
  // No `request` option here: it would replace getOctokit's proxy-aware fetch (a shallow merge).
  return getOctokit(opts.token, clientOptions(opts), limitsPlugin, plain429, retry, throttling);
}

/**
 * An Octokit class (e.g. the `octokit` package's, which brings retry and throttling) with
 * modelgate's time limits and 429 handling as its first plugins: innermost, as in createClient,
 * so every retry attempt gets its own timeout. Give it clientOptions().
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withClientLimits<T extends (new (...args: any[]) => object) & { plugins: Plugin[] }>(Base: T): T {
  return class extends Base {
    static override plugins = [
      limitsPlugin,
      plain429,
      ...Base.plugins.filter((p) => p !== limitsPlugin && p !== plain429),
    ];
  };
}
