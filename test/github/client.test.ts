// The real octokit client (retry + throttling plugins) against the fake GitHub over HTTP.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createClient, retrySettingsFromEnv, type GitHubClient } from '../../src/github/client.js';
import { explain, isPermissionDenied } from '../../src/github/errors.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const FAST = { baseMs: 1, retries: 3, maxRetryAfterS: 60, rateLimitRetries: 2 };
let gh: FakeGitHub;
let client: GitHubClient;
const warnings: string[] = [];
const log = { debug: () => {}, info: () => {}, warn: (m: string) => warnings.push(m) };

beforeEach(async () => {
  gh = await startFakeGitHub();
  warnings.length = 0;
  client = createClient({ token: 'ghs_secret', baseUrl: gh.url, retry: FAST, log });
});
afterEach(() => gh.stop());

const statusCalls = () => gh.requests.filter((r) => r.path.includes('/statuses/'));
const createStatus = () =>
  client.rest.repos.createCommitStatus({
    owner: 'o',
    repo: 'r',
    sha: 'a'.repeat(40),
    state: 'success',
    context: 'modelgate',
  });

describe('retries', () => {
  it('retries a 500 and succeeds on the second answer', async () => {
    gh.fail({ method: 'POST', path: /statuses/, status: 500 });
    await createStatus();
    expect(statusCalls().map((r) => r.status)).toEqual([500, 201]);
    expect(gh.statuses).toHaveLength(1);
  });

  it('gives up after the configured number of 5xx retries', async () => {
    gh.fail({ method: 'POST', path: /statuses/, status: 502, times: 10 });
    await expect(createStatus()).rejects.toMatchObject({ status: 502 });
    expect(statusCalls()).toHaveLength(1 + FAST.retries);
    expect(gh.statuses).toHaveLength(0);
  });

  it('retries a secondary rate limit (403) after its retry-after', async () => {
    gh.fail({
      method: 'POST',
      path: /statuses/,
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes.',
      headers: { 'retry-after': '3' },
    });
    await createStatus();
    expect(statusCalls().map((r) => r.status)).toEqual([403, 201]);
  });

  it('retries a 429 secondary rate limit, and a plain 429 with retry-after', async () => {
    gh.fail({
      method: 'POST',
      path: /statuses/,
      status: 429,
      message: 'You have exceeded a secondary rate limit',
      headers: { 'retry-after': '2' },
    });
    await createStatus();
    gh.fail({
      method: 'POST',
      path: /statuses/,
      status: 429,
      message: 'Too Many Requests',
      headers: { 'retry-after': '2' },
    });
    await createStatus();
    expect(statusCalls().map((r) => r.status)).toEqual([429, 201, 429, 201]);
  });

  it('retries a primary rate limit whose reset is near', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    gh.fail({
      method: 'POST',
      path: /statuses/,
      status: 403,
      message: 'API rate limit exceeded',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    await createStatus();
    expect(statusCalls().map((r) => r.status)).toEqual([403, 201]);
  });

  it('does not wait for a retry-after beyond the cap', async () => {
    gh.fail({
      method: 'POST',
      path: /statuses/,
      status: 429,
      message: 'You have exceeded a secondary rate limit',
      headers: { 'retry-after': '3600' },
      times: 5,
    });
    await expect(createStatus()).rejects.toMatchObject({ status: 429 });
    expect(statusCalls()).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/retry-after 3600s is longer than 60s/);
    gh.fail({
      method: 'POST',
      path: /statuses/,
      status: 429,
      message: 'Too Many Requests',
      headers: { 'retry-after': '3600' },
      times: 5,
    });
    await expect(createStatus()).rejects.toMatchObject({ status: 429 });
    expect(statusCalls()).toHaveLength(2);
  });

  it('never retries a permission 403 and explains it', async () => {
    gh.denied.add('statuses:write');
    const err = await createStatus().catch((e: unknown) => e);
    expect(statusCalls()).toHaveLength(1);
    expect(isPermissionDenied(err)).toBe(true);
    const ex = explain(err, 'status', 'setting the status');
    expect(ex.message).toMatch(/statuses: write/);
    expect(ex.message).toMatch(/Resource not accessible by integration/);
  });
});

describe('client setup', () => {
  it('sends the token as authorization and talks to baseUrl', async () => {
    await createStatus();
    expect(gh.requests[0].headers.authorization).toBe('token ghs_secret');
    expect(gh.requests[0].headers['user-agent']).toMatch(/^modelgate/);
  });

  it('reads retry settings from the environment, ignoring junk', () => {
    expect(
      retrySettingsFromEnv({ MODELGATE_RETRY_BASE_MS: '5', MODELGATE_RETRIES: '1', MODELGATE_MAX_RETRY_AFTER_S: '10' }),
    ).toMatchObject({ baseMs: 5, retries: 1, maxRetryAfterS: 10 });
    expect(retrySettingsFromEnv({ MODELGATE_RETRY_BASE_MS: 'soon', MODELGATE_RETRIES: '-1' })).toMatchObject({
      baseMs: 1000,
      retries: 3,
      maxRetryAfterS: 60,
    });
  });
});
