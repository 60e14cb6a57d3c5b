// The bot's HTTP front over real HTTP: health, signatures, size limit, unknown events,
// duplicate deliveries, concurrency, and a slow or failing GitHub API.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { HELP } from '../../src/bot/handlers.js';
import { APP_BOT, commentPayload, deliver, example } from '../helpers/fake-github-app.js';
import { REPO, SECRET, startWorld, type World } from './world.js';

const ALICE = { login: 'alice', id: 11, type: 'User' as const };

let w: World;
beforeEach(async () => {
  w = await startWorld({ maxBodyBytes: 64 * 1024 });
});
afterEach(() => w.stop());

const replies = (pr: number) => w.gh.commentList(REPO, pr).map((c) => c.body);
/** A pull request without evaluations whose workflow-runs listing answers after `delayMs`. */
function slowPull(number: number, delayMs: number): void {
  w.gh.runsDelayMs = delayMs;
  w.gh.addPull(REPO, { number, headSha: 'b'.repeat(40), baseSha: 'a'.repeat(40), baseRef: 'main', headRepo: REPO });
}

describe('the HTTP front', () => {
  it('answers /healthz', async () => {
    const res = await fetch(w.url.replace(/\/api\/github\/webhooks$/, '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses a forged or missing signature with 401, and nothing else happens', async () => {
    const payload = commentPayload(REPO, 1, '/modelgate help', ALICE);
    const forged = await deliver(w.url, 'issue_comment', payload, { secret: 'not-the-secret' });
    const missing = await deliver(w.url, 'issue_comment', payload, { signature: null });
    // A valid signature, but of another body.
    const body = JSON.stringify(payload);
    const sigOfOther = `sha256=${createHmac('sha256', SECRET).update(body.replace('help', 'hel ')).digest('hex')}`;
    const other = await deliver(w.url, 'issue_comment', body, { signature: sigOfOther });
    await w.bot.web.idle();
    expect([forged.status, missing.status, other.status]).toEqual([401, 401, 401]);
    expect(w.gh.requests).toHaveLength(0);
    expect(w.logs.join('\n')).not.toContain(SECRET);
  });

  it('refuses a body over the limit with 413 before reading it whole', async () => {
    const big = JSON.stringify({ ...commentPayload(REPO, 1, '/modelgate help', ALICE), pad: 'x'.repeat(200 * 1024) });
    const declared = await deliver(w.url, 'issue_comment', big, { secret: SECRET });
    expect(declared.status).toBe(413);
    // Streamed without a content-length: counted as it arrives.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        w.url,
        { method: 'POST', headers: { 'x-github-event': 'issue_comment', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(16 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    await w.bot.web.idle();
    expect(w.gh.requests).toHaveLength(0);
  });

  it('acknowledges an unknown event and does nothing with it', async () => {
    const status = await w.send('star', example('star', 'created'));
    expect(status).toBe(202);
    expect(w.gh.requests).toHaveLength(0);
  });

  it('processes a duplicate delivery once', async () => {
    const payload = commentPayload(REPO, 3, '/modelgate help', ALICE);
    const first = await w.send('issue_comment', payload, { id: 'delivery-1' });
    const again = await deliver(w.url, 'issue_comment', payload, { secret: SECRET, id: 'delivery-1' });
    await w.bot.web.idle();
    expect(first).toBe(202);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
    expect(replies(3)).toHaveLength(1);
  });
});

describe('/modelgate help', () => {
  it('replies with the commands and reacts 👀 then 👍', async () => {
    const payload = commentPayload(REPO, 5, '/modelgate help\nthanks!', ALICE);
    await w.send('issue_comment', payload);
    expect(replies(5)).toEqual([HELP]);
    expect(w.gh.commentList(REPO, 5)[0].user.login).toBe(APP_BOT.login);
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', '+1']);
  });

  it('ignores bots, other text, and commands not on the first line', async () => {
    await w.send(
      'issue_comment',
      commentPayload(REPO, 6, '/modelgate help', { login: 'renovate[bot]', id: 2, type: 'Bot' }),
    );
    await w.send('issue_comment', commentPayload(REPO, 6, 'LGTM\n/modelgate help', ALICE));
    await w.send('issue_comment', commentPayload(REPO, 6, '/modelgatehelp', ALICE));
    const onIssue = commentPayload(REPO, 6, '/modelgate help', ALICE);
    delete onIssue.issue.pull_request;
    await w.send('issue_comment', onIssue);
    expect(w.gh.requests).toHaveLength(0);
  });

  it('answers an unknown command with 😕 and the help', async () => {
    const payload = commentPayload(REPO, 7, '/modelgate merge-it-now', ALICE);
    await w.send('issue_comment', payload);
    expect(replies(7)[0]).toMatch(/^I do not know `\/modelgate merge-it-now`/);
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', 'confused']);
  });

  it('shows the unknown word as typed inside its code span (no character references there), without backticks', async () => {
    await w.send('issue_comment', commentPayload(REPO, 8, '/modelgate re_run#2<b>`x`', ALICE));
    expect(replies(8)[0]).toMatch(/^I do not know `\/modelgate re_run#2<b>x`\./);
  });
});

describe('concurrency and a struggling GitHub API', () => {
  it('handles 20 concurrent deliveries, each once', async () => {
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        deliver(w.url, 'issue_comment', commentPayload(REPO, 100 + i, '/modelgate help', ALICE), { secret: SECRET }),
      ),
    );
    await w.bot.web.idle();
    expect(sent.map((s) => s.status)).toEqual(Array(20).fill(202));
    for (let i = 0; i < 20; i++) expect(replies(100 + i)).toEqual([HELP]);
    // One installation token, fetched once and shared.
    expect(w.gh.requests.filter((r) => r.path.endsWith('/access_tokens')).length).toBeLessThanOrEqual(2);
  });

  it('retries a failing call with backoff', async () => {
    w.gh.fail({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 502, times: 2 });
    await w.send('issue_comment', commentPayload(REPO, 8, '/modelgate help', ALICE));
    expect(replies(8)).toEqual([HELP]);
    expect(
      w.gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues/8/comments')).map((r) => r.status),
    ).toEqual([502, 502, 201]);
  });

  it('a slow delivery does not hold up the next one', async () => {
    slowPull(9, 1500);
    const slow = deliver(w.url, 'issue_comment', commentPayload(REPO, 9, '/modelgate explain dog', ALICE), {
      secret: SECRET,
    });
    expect((await slow).status).toBe(202);
    await w.send('issue_comment', commentPayload(REPO, 10, '/modelgate help', ALICE));
    // help was answered while explain still waited for the runs listing.
    const at = (pr: number) =>
      w.gh.requests.findIndex((r) => r.method === 'POST' && r.path.endsWith(`/issues/${pr}/comments`));
    expect(at(10)).toBeGreaterThanOrEqual(0);
    expect(at(9) === -1 || at(10) < at(9)).toBe(true);
    await w.bot.web.idle();
    expect(replies(9)[0]).toMatch(/no modelgate evaluation/);
  });
});

describe('graceful shutdown', () => {
  it('finishes the deliveries in flight and accepts no new ones', async () => {
    slowPull(30, 500);
    const sent = await deliver(w.url, 'issue_comment', commentPayload(REPO, 30, '/modelgate explain dog', ALICE), {
      secret: SECRET,
    });
    expect(sent.status).toBe(202);
    expect(w.bot.web.inFlight()).toBe(1);
    const stopping = w.bot.stop();
    const late = await deliver(w.url, 'issue_comment', commentPayload(REPO, 31, '/modelgate help', ALICE), {
      secret: SECRET,
    }).catch(() => ({ status: 0 }));
    await stopping;
    // Refused (503) or not even connected: either way never processed.
    expect([0, 503]).toContain(late.status);
    expect(replies(30)[0]).toMatch(/no modelgate evaluation/);
    expect(replies(31)).toEqual([]);
  });
});

describe('a GitHub API that hangs', () => {
  it('times each request out, retries, and gives up on that delivery alone', async () => {
    await w.stop();
    w = await startWorld({ requestTimeoutMs: 300 });
    slowPull(40, 60_000);
    const payload = commentPayload(REPO, 40, '/modelgate explain dog', ALICE);
    const t0 = Date.now();
    await w.send('issue_comment', payload);
    expect(Date.now() - t0).toBeLessThan(10_000);
    // Three attempts (two retries), then one error line and 😕.
    expect(w.gh.requests.filter((r) => r.path.endsWith('/actions/runs'))).toHaveLength(3);
    const errors = w.logs.filter((l) => l.startsWith('error '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/listing the workflow runs of bbbbbbbbbbbb failed/);
    expect(w.gh.reactionsOn(payload.comment.id)).toEqual(['eyes', 'confused']);
  });
});

describe('a delivery that failed', () => {
  it('is processed again when GitHub redelivers it with the same id', async () => {
    w.gh.fail({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 502, times: 3 });
    const payload = commentPayload(REPO, 50, '/modelgate help', ALICE);
    await w.send('issue_comment', payload, { id: 'redelivered-1' });
    expect(replies(50)).toEqual([]);
    expect(w.logs.filter((l) => l.startsWith('error '))).toEqual([
      expect.stringMatching(/^error delivery redelivered-1 \(issue_comment\): replying on #50 failed \(HTTP 502/),
    ]);
    await w.send('issue_comment', payload, { id: 'redelivered-1' });
    expect(replies(50)).toEqual([HELP]);
  });
});
