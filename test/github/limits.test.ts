// Every GitHub call is bounded: a server that never answers, a list that never ends and a run
// of retries all stop with one clear line (the real client over HTTP against the fake GitHub).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  API_VERSION,
  createClient,
  GitHubLimitError,
  limitsFromEnv,
  type GitHubClient,
  type Limits,
} from '../../src/github/client.js';
import { botOctokitClass } from '../../src/bot/octokit.js';
import { findOwnComments } from '../../src/github/comments.js';
import { explain } from '../../src/github/errors.js';
import { commentMarker } from '../../src/core/render/marker.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

let gh: FakeGitHub;
const warnings: string[] = [];
const log = { debug: () => {}, info: () => {}, warn: (m: string) => warnings.push(m) };

beforeEach(async () => {
  gh = await startFakeGitHub();
  warnings.length = 0;
});
afterEach(() => gh.stop());

function client(limits: Partial<Limits>, retries = 1): GitHubClient {
  return createClient({
    token: 't',
    baseUrl: gh.url,
    retry: { baseMs: 1, retries, maxRetryAfterS: 60, rateLimitRetries: 1 },
    limits: { requestTimeoutMs: 30_000, budgetMs: 60_000, maxPages: 30, ...limits },
    log,
  });
}

const createStatus = (c: GitHubClient) =>
  c.rest.repos.createCommitStatus({ owner: 'o', repo: 'r', sha: 'a'.repeat(40), state: 'success', context: 'm' });

async function timed<T>(p: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const t0 = Date.now();
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - t0 };
}

describe('a server that never answers', () => {
  it('each attempt times out, the retries too, and the failure is one line', async () => {
    gh.fail({ status: 0, hang: true, times: 100 });
    const { error, ms } = await timed(createStatus(client({ requestTimeoutMs: 300 }, 1)));
    expect(error).toBeInstanceOf(GitHubLimitError);
    expect((error as GitHubLimitError).kind).toBe('timeout');
    expect(gh.requests).toHaveLength(2); // the first try and one retry
    expect(ms).toBeLessThan(5_000);
    expect(warnings).toEqual([
      'GitHub did not answer POST /repos/{owner}/{repo}/statuses/{sha} within 0.3 s',
      'GitHub did not answer POST /repos/{owner}/{repo}/statuses/{sha} within 0.3 s',
    ]);
    const line = explain(error, 'status', 'setting the commit status').message;
    expect(line).toBe(
      'setting the commit status failed: GitHub did not answer POST /repos/{owner}/{repo}/statuses/{sha} within 0.3 s',
    );
  });

  it('all calls of a client share one time budget; past it nothing more is sent', async () => {
    gh.fail({ status: 0, hang: true, times: 100 });
    const c = client({ requestTimeoutMs: 400, budgetMs: 900 }, 10);
    const { error, ms } = await timed(createStatus(c));
    expect((error as GitHubLimitError).kind).toBe('budget');
    expect(ms).toBeLessThan(5_000);
    expect(gh.requests.length).toBeLessThanOrEqual(3);
    expect(warnings.at(-1)).toMatch(/^the GitHub time budget of 0\.9 s ran out waiting for POST /);
    const sent = gh.requests.length;
    const later = await timed(createStatus(c));
    expect((later.error as Error).message).toMatch(/time budget of 0\.9 s is used up, so POST \S+ was not sent/);
    expect(later.ms).toBeLessThan(200);
    expect(gh.requests).toHaveLength(sent);
  });

  it('an answer in time is not affected', async () => {
    await createStatus(client({ requestTimeoutMs: 2_000, budgetMs: 5_000 }));
    expect(gh.statuses).toHaveLength(1);
    expect(warnings).toEqual([]);
  });
});

describe('a comment list that never ends', () => {
  it('stops after the page cap with a warning', async () => {
    gh.endlessPages = true;
    gh.addComment('o/r', 1, `${commentMarker('k')}\nold`);
    const notes: string[] = [];
    const found = await findOwnComments(
      client({}),
      { owner: 'o', repo: 'r', issueNumber: 1 },
      'k',
      { login: null, source: 'heuristic' },
      { maxPages: 4, warn: (m) => notes.push(m) },
    );
    expect(found).toHaveLength(1);
    expect(gh.requests.filter((r) => r.path.endsWith('/issues/1/comments'))).toHaveLength(4);
    expect(notes).toEqual([expect.stringMatching(/^stopped reading the comments of #1 after 4 pages/)]);
  });
});

describe('client settings', () => {
  it('asks for REST API version 2022-11-28 on every request', async () => {
    await createStatus(client({}));
    expect(API_VERSION).toBe('2022-11-28');
    expect(gh.requests[0].headers['x-github-api-version']).toBe('2022-11-28');
  });

  it('reads the limits from the environment, ignoring junk', () => {
    expect(
      limitsFromEnv({
        MODELGATE_GITHUB_TIMEOUT_MS: '50',
        MODELGATE_GITHUB_BUDGET_MS: '900',
        MODELGATE_GITHUB_MAX_PAGES: '3',
      }),
    ).toEqual({ requestTimeoutMs: 50, budgetMs: 900, maxPages: 3 });
    expect(limitsFromEnv({ MODELGATE_GITHUB_TIMEOUT_MS: 'never', MODELGATE_GITHUB_MAX_PAGES: '0' })).toEqual({
      requestTimeoutMs: 30_000,
      budgetMs: 180_000,
      maxPages: 30,
    });
  });
});

describe("the bot's App clients share these limits", () => {
  const botLog = { info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} };
  const botClient = (limits: Partial<Limits>) => {
    const BotOctokit = botOctokitClass(
      gh.url,
      { baseMs: 1, retries: 1, maxRetryAfterS: 60, rateLimitRetries: 1 },
      botLog,
      { requestTimeoutMs: 30_000, budgetMs: 60_000, maxPages: 30, ...limits },
    );
    return new BotOctokit({ auth: 'ghs_installation' }) as unknown as GitHubClient;
  };

  it('each attempt times out with the same one line, and every request asks for the API version', async () => {
    gh.fail({ status: 0, hang: true, times: 100 });
    const { error } = await timed(createStatus(botClient({ requestTimeoutMs: 300 })));
    expect(error).toBeInstanceOf(GitHubLimitError);
    expect(gh.requests).toHaveLength(2); // each retry its own timeout: the limits are innermost
    expect(warnings).toEqual([
      'GitHub did not answer POST /repos/{owner}/{repo}/statuses/{sha} within 0.3 s',
      'GitHub did not answer POST /repos/{owner}/{repo}/statuses/{sha} within 0.3 s',
    ]);
    expect(gh.requests.map((r) => r.headers['x-github-api-version'])).toEqual([API_VERSION, API_VERSION]);
  });

  it('past the time budget nothing more is sent', async () => {
    gh.fail({ status: 0, hang: true, times: 100 });
    const c = botClient({ requestTimeoutMs: 400, budgetMs: 500 });
    await timed(createStatus(c));
    const { error } = await timed(createStatus(c));
    expect((error as GitHubLimitError).kind).toBe('budget');
    expect(gh.requests).toHaveLength(2);
  });
});
