// A bot on 127.0.0.1 talking to a fake GitHub App API, with real reports of a base and a head
// model (prediction files written as a user's evaluate script would, then evaluated).

import { join } from 'node:path';
import type { Report } from '../../src/core/report/types.js';
import { createBot, type Bot } from '../../src/bot/bot.js';
import { DEFAULT_WEBHOOK_PATH } from '../../src/bot/config.js';
import { buildEvaluation, zipEvaluation } from '../../src/github/evaluation-artifact.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { SPLITS, workspace, writePredictions, type Scenario } from '../action/scenario.js';
import type { FakeUser } from '../helpers/fake-github.js';
import {
  APP_ID,
  appKeyPair,
  deliver,
  startFakeGitHubApp,
  type FakeGitHubApp,
  type FakeRun,
} from '../helpers/fake-github-app.js';

export const REPO = 'octo-org/models';
export const SECRET = 'test-webhook-secret-0123456789';
export const BASE_SHA = 'a'.repeat(40);
export const HEAD_SHA = 'b'.repeat(40);
export const HEAD2_SHA = 'c'.repeat(40);

/** A class name that is Markdown, HTML, a mention and an issue reference at once. */
export const AWKWARD = '<img src=x onerror=alert(1)> @octocat *cat* | #12';
export const CLASSES = ['bird', AWKWARD, 'dog'];
export const BASE_MODEL: Scenario = { classes: CLASSES, perClass: 50 };
/** The awkward class's test recall drops from 50/50 to 20/50 (found as `dog` instead). */
export const HEAD_MODEL: Scenario = { ...BASE_MODEL, found: { test: { [AWKWARD]: 20 } } };

/** `keepPredictions: false` is `evaluate --no-predictions`: comparisons are then unpaired. */
export async function reportOf(s: Scenario, commit: string, o: { keepPredictions?: boolean } = {}): Promise<Report> {
  const dir = workspace();
  writePredictions(dir, s);
  return evaluatePredictionFiles(
    SPLITS.map((name) => ({ name, path: join(dir, 'predictions', `${name}.csv`) })),
    { commit, source: 'predictions', createdAt: '2026-01-01T00:00:00.000Z', keepPredictions: o.keepPredictions },
  );
}

let keys: ReturnType<typeof appKeyPair> | null = null;

export interface World {
  gh: FakeGitHubApp;
  bot: Bot;
  url: string;
  logs: string[];
  /** Sends a signed delivery and waits until the bot has processed everything. */
  send(event: string, payload: Record<string, unknown>, o?: { id?: string }): Promise<number>;
  stop(): Promise<void>;
}

export async function startWorld(o: { maxBodyBytes?: number; requestTimeoutMs?: number } = {}): Promise<World> {
  keys ??= appKeyPair();
  const gh = await startFakeGitHubApp(keys.publicKey);
  const logs: string[] = [];
  const bot = createBot(
    {
      appId: String(APP_ID),
      privateKey: keys.privateKey,
      webhookSecret: SECRET,
      port: 0,
      host: '127.0.0.1',
      webhookPath: DEFAULT_WEBHOOK_PATH,
      apiUrl: gh.url,
      maxBodyBytes: o.maxBodyBytes ?? 256 * 1024,
    },
    {
      log: {
        info: (m) => logs.push(`info ${m}`),
        warn: (m) => logs.push(`warn ${m}`),
        error: (m) => logs.push(`error ${m}`),
      },
      retry: { baseMs: 1, retries: 2, maxRetryAfterS: 60, rateLimitRetries: 1 },
      requestTimeoutMs: o.requestTimeoutMs,
    },
  );
  const port = await bot.start();
  const url = `http://127.0.0.1:${port}${DEFAULT_WEBHOOK_PATH}`;
  return {
    gh,
    bot,
    url,
    logs,
    async send(event, payload, so = {}) {
      // A delivered comment exists on GitHub too (the bot reads a recorded command back from it).
      if (event === 'issue_comment' && payload.action === 'created') storeComment(gh, payload);
      const r = await deliver(url, event, payload, { secret: SECRET, id: so.id });
      await bot.web.idle();
      return r.status;
    },
    async stop() {
      await bot.stop();
      await gh.stop();
    },
  };
}

export interface PullSetup {
  number: number;
  headSha?: string;
  base?: Report | null;
  head: Report;
  /** The head repository (a fork's name makes it a fork PR). */
  headRepo?: string;
  /** What the head artifact claims, when it lies. */
  claim?: { pullRequest?: number; headSha?: string };
}

/** A pull request, a push run at the base with its evaluation, and the PR's run with its own. */
export function seedPull(gh: FakeGitHubApp, s: PullSetup): FakeRun {
  const headSha = s.headSha ?? HEAD_SHA;
  gh.addPull(REPO, { number: s.number, headSha, baseSha: BASE_SHA, baseRef: 'main', headRepo: s.headRepo ?? REPO });
  if (s.base && !gh.runs.some((r) => r.head_sha === BASE_SHA)) {
    const ev = buildEvaluation({
      key: 'modelgate',
      pullRequest: null,
      headSha: BASE_SHA,
      baseSha: null,
      report: s.base,
    });
    gh.addRun(REPO, { sha: BASE_SHA, event: 'push', artifacts: { 'modelgate-evaluation': zipEvaluation(ev) } });
  }
  return addHeadRun(gh, s, headSha);
}

export function addHeadRun(gh: FakeGitHubApp, s: PullSetup, headSha: string): FakeRun {
  const ev = buildEvaluation({
    key: 'modelgate',
    pullRequest: s.claim?.pullRequest ?? s.number,
    headSha: s.claim?.headSha ?? headSha,
    baseSha: BASE_SHA,
    report: s.head,
  });
  return gh.addRun(REPO, {
    sha: headSha,
    event: 'pull_request',
    headRepo: s.headRepo ?? REPO,
    artifacts: { 'modelgate-evaluation': zipEvaluation(ev) },
  });
}

/** A run at `sha` uploading one evaluation per key, as a matrix of models with their own `comment-key`s does. */
export function addKeyedRun(
  gh: FakeGitHubApp,
  o: { sha: string; pullRequest: number | null; reports: Record<string, Report> },
): FakeRun {
  const push = o.pullRequest === null;
  const artifacts = Object.entries(o.reports).map(([key, report]) => {
    const ev = buildEvaluation({
      key,
      pullRequest: o.pullRequest,
      headSha: o.sha,
      baseSha: push ? null : BASE_SHA,
      report,
    });
    return [`modelgate-evaluation-${key}`, zipEvaluation(ev)] as const;
  });
  return gh.addRun(REPO, {
    sha: o.sha,
    event: push ? 'push' : 'pull_request',
    headRepo: REPO,
    artifacts: Object.fromEntries(artifacts),
  });
}

/** An issue_comment.created delivery's comment, stored on the fake GitHub as GitHub holds it. */
function storeComment(gh: FakeGitHubApp, payload: Record<string, unknown>): void {
  const p = payload as {
    repository: { full_name: string };
    issue: { number: number };
    comment: { id: number; body: string; user: FakeUser; created_at: string; html_url: string };
  };
  const { id, body, user, created_at, html_url } = p.comment;
  gh.storeDeliveredComment(p.repository.full_name, p.issue.number, {
    id,
    body,
    user: { login: user.login, id: user.id, type: user.type },
    created_at,
    html_url,
  });
}
