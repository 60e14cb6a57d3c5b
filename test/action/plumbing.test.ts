// The built action when its surroundings misbehave: output files that cannot be written, a
// GitHub that never answers or never stops paging, a proxy between the runner and GitHub, an
// unexpanded token, and the run() that @github/local-action calls. Every case: the verdict
// still decides the exit code, the failure is one warning line, never a stack trace.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { commentMarker } from '../../src/core/render/marker.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { bundleEntry } from '../helpers/bundle.js';
import {
  buildAction,
  prPayload,
  pushPayload,
  runAction,
  type RunOptions,
  type RunResult,
} from '../helpers/run-action.js';
import { ANIMALS, BIRD_DROPS, workspace, writePredictions } from './scenario.js';

const REPO = 'octo/models';
const BASE_SHA = 'ba5e000000000000000000000000000000000001';
const HEAD_SHA = 'f00d100000000000000000000000000000000002';
const PR = 2;

let gh: FakeGitHub;
const dirs: string[] = [];
let baselineReport = '';

beforeAll(async () => {
  await buildAction();
  const server = await startFakeGitHub();
  try {
    const dir = ws();
    const r = await runAction({
      cwd: dir,
      apiUrl: server.url,
      eventName: 'push',
      payload: pushPayload(REPO, { after: BASE_SHA }),
      inputs: { splits: writePredictions(dir, ANIMALS), 'report-path': 'main.json', 'commit-status': 'false' },
    });
    if (r.code !== 0) throw new Error(`baseline run failed: ${r.stdout}${r.stderr}`);
    baselineReport = readFileSync(join(dir, 'main.json'), 'utf8');
  } finally {
    await server.stop();
  }
});
beforeEach(async () => {
  gh = await startFakeGitHub();
});
afterEach(() => gh.stop());
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function ws(): string {
  const dir = workspace();
  dirs.push(dir);
  return dir;
}

/** A PR whose head loses bird's test recall (verdict fail, exit 1), with the baseline report beside it. */
function failingPr(o: Partial<RunOptions> & { inputs?: Record<string, string> } = {}): Promise<RunResult> {
  const dir = o.cwd ?? ws();
  writeFileSync(join(dir, 'main.json'), baselineReport);
  return runAction({
    apiUrl: gh.url,
    eventName: 'pull_request',
    payload: prPayload(REPO, { baseSha: BASE_SHA, headSha: HEAD_SHA }),
    ...o,
    cwd: dir,
    inputs: { splits: writePredictions(dir, BIRD_DROPS), 'baseline-report': 'main.json', ...o.inputs },
  });
}

const warnings = (r: RunResult) => r.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
const noStack = (r: RunResult) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
const comments = () => gh.commentList(REPO, PR);

describe('each output channel fails alone', () => {
  it('a job summary and a GITHUB_OUTPUT that cannot be written: warnings; comment, status and exit code follow the verdict', async () => {
    const dir = ws();
    mkdirSync(join(dir, 'summary-is-a-folder'));
    const r = await failingPr({
      cwd: dir,
      env: { GITHUB_OUTPUT: join(dir, 'no/such/output.txt'), GITHUB_STEP_SUMMARY: join(dir, 'summary-is-a-folder') },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::modelgate: /m);
    expect(comments()).toHaveLength(1);
    expect(gh.statuses).toEqual([expect.objectContaining({ state: 'failure', sha: HEAD_SHA })]);
    const w = warnings(r).join('\n');
    for (const name of ['report', 'verdict', 'regressions', 'comment-url'])
      expect(w).toContain(`::warning::setting the output '${name}' failed: `);
    expect(w).toMatch(/::warning::writing the job summary failed: /);
    expect(r.stdout).not.toMatch(/internal error/);
    noStack(r);
  });

  it('a report file that cannot be written: a warning, no report output, the rest goes on', async () => {
    const r = await failingPr({ inputs: { 'report-path': 'predictions' } });
    expect(r.code).toBe(1);
    expect(warnings(r)).toContainEqual(
      expect.stringMatching(/^::warning::writing the head report to predictions failed: /),
    );
    expect(r.outputs.report).toBeUndefined();
    expect(r.outputs.verdict).toBe('fail');
    expect(comments()).toHaveLength(1);
    expect(gh.statuses).toHaveLength(1);
    noStack(r);
  });
});

describe("another app's comment carrying our marker", () => {
  it('is left alone with a warning; we post our own, and the exit code follows the verdict', async () => {
    const otherApp = { login: 'renovate[bot]', id: 29139614, type: 'Bot' as const };
    const theirs = gh.addComment(REPO, PR, `${commentMarker('model')}\nnot modelgate`, otherApp);
    const r = await failingPr();
    expect(r.code).toBe(1);
    expect(comments().map((c) => c.user.login)).toEqual(['renovate[bot]', 'github-actions[bot]']);
    expect(comments()[0].body).toBe(theirs.body);
    expect(comments()[1].body).toContain(commentMarker('model'));
    expect(warnings(r).join('\n')).toContain(
      `PR comment ${theirs.id} by renovate[bot] carries our marker but is not ours`,
    );
    // No misleading permission hint: the 403 was for a comment we do not own, not a missing permission.
    expect(r.stdout).not.toMatch(/permissions:|issues: write|pull-requests: write/);
    noStack(r);
  });
});

describe('GitHub calls are bounded', () => {
  it('a GitHub that never answers costs the time budget, not the job: warnings, exit code by verdict', async () => {
    gh.fail({ status: 0, hang: true, times: 1000 });
    const t0 = Date.now();
    const r = await failingPr({
      env: { MODELGATE_GITHUB_TIMEOUT_MS: '300', MODELGATE_GITHUB_BUDGET_MS: '1500', MODELGATE_RETRIES: '1' },
    });
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    const w = warnings(r).join('\n');
    expect(w).toMatch(/GitHub did not answer \S+ \S+ within 0\.3 s/);
    expect(w).toMatch(/time budget of 1\.5 s (is used up|ran out)/);
    expect(comments()).toHaveLength(0);
    noStack(r);
  });

  it('a comment list that never ends is read up to the page cap, then our comment is posted', async () => {
    gh.endlessPages = true;
    const r = await failingPr({ env: { MODELGATE_GITHUB_MAX_PAGES: '3' } });
    expect(r.code).toBe(1);
    // Three pages for the search, three more for the re-list after posting (one comment, even when runs race).
    expect(gh.requests.filter((q) => q.method === 'GET' && q.path.endsWith(`/issues/${PR}/comments`))).toHaveLength(6);
    expect(warnings(r)).toContainEqual(expect.stringMatching(/stopped reading the comments of #2 after 3 pages/));
    expect(comments()).toHaveLength(1);
  });
});

/** A forward proxy (CONNECT tunnels and absolute-URI requests) that sends everything to `target`. */
async function startProxy(target: string): Promise<{ url: string; seen: string[]; server: Server }> {
  const { port } = new URL(target);
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const up = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: new URL(req.url!).pathname + new URL(req.url!).search,
        headers: req.headers,
      },
      (r) => {
        res.writeHead(r.statusCode!, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(up);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const up = connect(Number(port), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('self-hosted runners and GitHub Enterprise Server', () => {
  it('talks to GITHUB_API_URL through HTTP_PROXY, and directly for hosts in NO_PROXY', async () => {
    const proxy = await startProxy(gh.url);
    try {
      // A host name only the proxy can reach: the request gets through only by the proxy.
      const apiUrl = `http://api.github.test:${new URL(gh.url).port}/api/v3`;
      const r = await failingPr({ apiUrl, env: { HTTP_PROXY: proxy.url, MODELGATE_RETRIES: '0' } });
      expect(r.code).toBe(1);
      expect(proxy.seen.join('\n')).toMatch(/api\.github\.test/);
      expect(comments()).toHaveLength(1);
      expect(gh.statuses).toHaveLength(1);
      expect(gh.requests.every((q) => q.headers['x-github-api-version'] === '2022-11-28')).toBe(true);
      // GHES serves the API under /api/v3: the client keeps the path.
      expect(gh.requests.every((q) => q.rawPath?.startsWith('/api/v3/'))).toBe(true);

      // NO_PROXY names the host: no proxy, so the unresolvable name fails the calls (warnings only).
      proxy.seen.length = 0;
      gh.requests.length = 0;
      const direct = await failingPr({
        apiUrl,
        env: { HTTP_PROXY: proxy.url, NO_PROXY: 'example.com,api.github.test', MODELGATE_RETRIES: '0' },
      });
      expect(direct.code).toBe(1);
      expect(proxy.seen).toEqual([]);
      expect(gh.requests).toEqual([]);
      expect(warnings(direct).join('\n')).toMatch(/the PR comment failed|creating the PR comment|listing the comments/);
      noStack(direct);
    } finally {
      proxy.server.closeAllConnections();
      await new Promise((r) => proxy.server.close(r));
    }
  });
});

describe('running outside GitHub Actions', () => {
  it('an unexpanded ${{ github.token }} is one warning line and no GitHub call', async () => {
    const r = await failingPr({ env: { 'INPUT_GITHUB-TOKEN': '${{ github.token }}' } });
    expect(r.code).toBe(1);
    expect(warnings(r).filter((w) => w.includes('github-token'))).toEqual([
      expect.stringMatching(/^::warning::github-token is the unexpanded expression \$\{\{ github\.token \}\} /),
    ]);
    expect(gh.requests).toEqual([]);
    noStack(r);
  });

  it('src/action/main.ts exports run() (as @github/local-action needs): importing runs nothing, run() fails through setFailed', async () => {
    const dir = ws();
    const bundle = await bundleEntry('src/action/main.ts', join(dir, 'main.js'));
    const driver = join(dir, 'driver.mjs');
    writeFileSync(
      driver,
      `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)});\n` +
        `console.log('imported: run is a ' + typeof m.run);\n` +
        `const out = await m.run();\n` +
        `console.log('run() resolved to ' + out + ', exitCode ' + process.exitCode);\n`,
    );
    const r = await failingPr({ entry: driver });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('imported: run is a function');
    expect(lines).toContain('run() resolved to undefined, exitCode 1');
    expect(r.stdout).toMatch(/^::error::modelgate: /m);
    expect(r.code).toBe(1);
  });
});
