// The built action (dist/index.js) run as a child process against the fake GitHub, with real
// webhook payloads, INPUT_* variables and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { commentMarker } from '../../src/core/render/marker.js';
import { startFakeArtifactService } from '../helpers/fake-artifact-service.js';
import { ACTIONS_BOT, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { buildAction, prPayload, pushPayload, runAction, type RunOptions } from '../helpers/run-action.js';
import { ANIMALS, BIRD_DROPS, workspace, writePredictions, type Scenario } from './scenario.js';

const REPO = 'octo/models';
const BASE_SHA = 'ba5e000000000000000000000000000000000001';
const HEAD_SHA = 'f00d100000000000000000000000000000000002';
const HEAD_SHA_2 = 'f00d200000000000000000000000000000000003';
const PR = 2; // the number in the real payload

let gh: FakeGitHub;
const dirs: string[] = [];
/** The baseline report made by a push run on main (shared by the PR tests). */
let baselineReport = '';

beforeAll(async () => {
  await buildAction();
  // The baseline: what a push to main produced (reports/main.json), as a user would commit it.
  const server = await startFakeGitHub();
  try {
    const { dir, splits } = ws(ANIMALS);
    const r = await runAction({
      cwd: dir,
      apiUrl: server.url,
      eventName: 'push',
      payload: pushPayload(REPO, { after: BASE_SHA }),
      inputs: { splits, 'report-path': 'main.json' },
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

function ws(s: Scenario): { dir: string; splits: string } {
  const dir = workspace();
  dirs.push(dir);
  return { dir, splits: writePredictions(dir, s) };
}

function prRun(
  dir: string,
  inputs: Record<string, string>,
  o: Partial<RunOptions> & { headSha?: string; fork?: boolean } = {},
) {
  return runAction({
    cwd: dir,
    apiUrl: gh.url,
    eventName: 'pull_request',
    payload: prPayload(REPO, {
      baseSha: BASE_SHA,
      headSha: o.headSha ?? HEAD_SHA,
      fork: o.fork,
      action: o.headSha && o.headSha !== HEAD_SHA ? 'synchronize' : 'opened',
    }),
    ...o,
    inputs,
  });
}

const comments = () => gh.commentList(REPO, PR);
const commentPosts = () => gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/issues/${PR}/comments`));
const log = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

describe('push to main', () => {
  it('evaluates, writes the report and summary, sets the status on the pushed sha, comments nowhere', async () => {
    const { dir, splits } = ws(ANIMALS);
    const after = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'push',
      payload: pushPayload(REPO, { after }),
      inputs: { splits, 'report-path': 'reports/main.json' },
    });
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe('no-baseline');
    expect(r.outputs.report).toBe('reports/main.json');
    const report = JSON.parse(readFileSync(join(dir, 'reports/main.json'), 'utf8'));
    expect(report.commit).toBe(after);
    expect(Object.keys(report.splits).sort()).toEqual(['test', 'train', 'validation']);
    expect(report.splits.test.examples).toBe(150);
    expect(r.summary.length).toBeGreaterThan(100);
    expect(gh.statuses).toEqual([expect.objectContaining({ sha: after, context: 'modelgate', state: 'success' })]);
    expect(gh.requests.some((q) => q.path.includes('/comments'))).toBe(false);
    // The token is only ever named in the runner's mask command, which hides it from the log.
    expect(r.stdout).toContain('::add-mask::ghs_fakeToken123');
    expect(log(r).replace('::add-mask::ghs_fakeToken123', '')).not.toContain('ghs_fakeToken123');
  });
});

describe('pull request', () => {
  function withBaseline(s: Scenario) {
    const w = ws(s);
    writeFileSync(join(w.dir, 'main.json'), baselineReport);
    return w;
  }

  it('first run: one comment and one status; a new push edits that comment; an identical run leaves it', async () => {
    const { dir, splits } = withBaseline(ANIMALS);
    const r1 = await prRun(dir, { splits, 'baseline-report': 'main.json' });
    expect(r1.code).toBe(0);
    expect(r1.outputs.verdict).toBe('pass');
    expect(r1.outputs.regressions).toBe('0');
    expect(Object.keys(r1.outputs).sort()).toEqual([
      'comment-url',
      'html-report',
      'html-report-url',
      'regressions',
      'report',
      'verdict',
    ]);
    // Written next to the head report; not uploaded off a runner, so no link.
    expect(r1.outputs['html-report']).toBe('modelgate-report.html');
    expect(r1.outputs['html-report-url']).toBe('');
    expect(comments()).toHaveLength(1);
    const c = comments()[0];
    expect(c.user.login).toBe(ACTIONS_BOT.login);
    expect(c.body).toContain(commentMarker('model'));
    expect(c.body).toContain('https://github.com/octo/models/actions/runs/4242');
    expect(r1.outputs['comment-url']).toBe(c.html_url);
    expect(gh.statuses).toEqual([
      expect.objectContaining({
        sha: HEAD_SHA,
        context: 'modelgate',
        state: 'success',
        target_url: 'https://github.com/octo/models/actions/runs/4242',
      }),
    ]);
    expect(r1.summary).toMatch(/pass/i);

    const r2 = await prRun(dir, { splits, 'baseline-report': 'main.json' }, { headSha: HEAD_SHA_2 });
    expect(r2.code).toBe(0);
    expect(comments()).toHaveLength(1);
    expect(comments()[0].id).toBe(c.id);
    expect(commentPosts()).toHaveLength(1);
    expect(gh.requests.filter((q) => q.method === 'PATCH')).toHaveLength(1);
    expect(gh.statuses.map((s) => s.sha)).toEqual([HEAD_SHA, HEAD_SHA_2]);

    const r3 = await prRun(dir, { splits, 'baseline-report': 'main.json' }, { headSha: HEAD_SHA_2 });
    expect(r3.code).toBe(0);
    expect(gh.requests.filter((q) => q.method === 'PATCH')).toHaveLength(1);
    expect(log(r3)).toMatch(/unchanged/);
  });

  it('a second key gets its own comment and status context', async () => {
    const { dir, splits } = withBaseline(ANIMALS);
    await prRun(dir, { splits, 'baseline-report': 'main.json' });
    const r = await prRun(dir, { splits, 'baseline-report': 'main.json', 'comment-key': 'resnet' });
    expect(r.code).toBe(0);
    expect(comments()).toHaveLength(2);
    expect(comments()[1].body).toContain(commentMarker('resnet'));
    expect(gh.statuses.map((s) => s.context)).toEqual(['modelgate', 'modelgate/resnet']);
    expect(r.outputs.report).toBe('modelgate-report-resnet.json');
    expect(existsSync(join(dir, 'modelgate-report-resnet.json'))).toBe(true);
  });

  it("leaves other users' look-alike markers alone and finds its own comment on page 3", async () => {
    const { dir, splits } = withBaseline(ANIMALS);
    const mallory = { login: 'mallory', id: 666, type: 'User' as const };
    const fake = gh.addComment(REPO, PR, `${commentMarker('model')}\nfake verdict: pass`, mallory);
    for (let i = 0; i < 220; i++) gh.addComment(REPO, PR, `review chatter ${i}`, i % 3 ? mallory : ACTIONS_BOT);
    const ours = gh.addComment(REPO, PR, `${commentMarker('model')}\nold verdict`, ACTIONS_BOT);
    for (let i = 0; i < 5; i++) gh.addComment(REPO, PR, `later ${i}`, mallory);
    const r = await prRun(dir, { splits, 'baseline-report': 'main.json' });
    expect(r.code).toBe(0);
    expect(commentPosts()).toHaveLength(0);
    expect(comments().find((c) => c.id === ours.id)?.body).not.toContain('old verdict');
    expect(comments().find((c) => c.id === fake.id)?.body).toBe(`${commentMarker('model')}\nfake verdict: pass`);
    expect(gh.requests.some((q) => q.path.endsWith(`/comments/${fake.id}`))).toBe(false);
    const pages = gh.requests
      .filter((q) => q.method === 'GET' && q.path.endsWith(`/issues/${PR}/comments`))
      .map((q) => q.query.get('page') ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
  });

  it('a real regression fails the job with verdict fail; fail-on-regression: false only reports it', async () => {
    const { dir, splits } = withBaseline(BIRD_DROPS);
    const r = await prRun(dir, { splits, 'baseline-report': 'main.json' });
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    expect(Number(r.outputs.regressions)).toBeGreaterThanOrEqual(1);
    expect(r.stdout).toMatch(/::error::modelgate: /);
    expect(gh.statuses).toEqual([expect.objectContaining({ sha: HEAD_SHA, state: 'failure' })]);
    expect(gh.statuses[0].description).toMatch(/^fail/);
    expect(comments()[0].body).toContain('bird');
    expect(r.summary).toContain('bird');

    const r2 = await prRun(dir, { splits, 'baseline-report': 'main.json', 'fail-on-regression': 'false' });
    expect(r2.code).toBe(0);
    expect(r2.outputs.verdict).toBe('fail');
    expect(r2.stdout).toMatch(/::warning::.*fail-on-regression is false/);
    expect(r2.stdout).not.toMatch(/::error::/);
  });

  it('retries a 500 on comment creation and a secondary rate limit on the status; each write lands once', async () => {
    const { dir, splits } = withBaseline(ANIMALS);
    gh.fail({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 500 });
    gh.fail({
      method: 'POST',
      path: /\/statuses\//,
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '5' },
    });
    const r = await prRun(dir, { splits, 'baseline-report': 'main.json' });
    expect(r.code).toBe(0);
    expect(commentPosts().map((q) => q.status)).toEqual([500, 201]);
    expect(comments()).toHaveLength(1);
    expect(gh.requests.filter((q) => q.path.includes('/statuses/')).map((q) => q.status)).toEqual([403, 201]);
    expect(gh.statuses).toHaveLength(1);
    expect(r.stdout).toMatch(/secondary rate limit .*retrying after 5s/);
  });

  it('the HTML report is uploaded as an artifact and linked from the comment and the summary', async () => {
    const { dir, splits } = withBaseline(BIRD_DROPS);
    const svc = await startFakeArtifactService();
    svc.onFinalize = () => 8675;
    try {
      const r = await prRun(
        dir,
        { splits, 'baseline-report': 'main.json', 'comment-key': 'vision' },
        { env: svc.env() },
      );
      expect(r.code).toBe(1);
      const url = 'https://github.com/octo/models/actions/runs/4242/artifacts/8675';
      expect(r.outputs['html-report']).toBe('modelgate-report-vision.html');
      expect(r.outputs['html-report-url']).toBe(url);
      expect(svc.uploads.map((u) => u.name)).toEqual(['modelgate-html-vision']);
      // The zip holds the page the run wrote, byte for byte, under its own name.
      const page = readFileSync(join(dir, 'modelgate-report-vision.html'));
      const entries = unzipSync(new Uint8Array(svc.uploads[0].zip));
      expect(Object.keys(entries)).toEqual(['modelgate-report-vision.html']);
      expect(Buffer.from(entries['modelgate-report-vision.html']).equals(page)).toBe(true);
      expect(page.toString('utf8')).toContain('bird');
      expect(comments()[0].body).toContain(`[HTML report with charts](${url})`);
      expect(r.summary).toContain(`[HTML report with charts](${url})`);
      expect(r.stdout).not.toMatch(/::warning::.*(HTML|artifact)/i);
    } finally {
      await svc.stop();
    }
  });

  it('a fork PR with a read-only token: no crash, summary written, exit by verdict, permission named', async () => {
    const { dir, splits } = withBaseline(BIRD_DROPS);
    gh.denied.add('issues:write');
    gh.denied.add('statuses:write');
    const r = await prRun(dir, { splits, 'baseline-report': 'main.json' }, { fork: true });
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    expect(r.outputs['comment-url']).toBe('');
    expect(r.summary).toContain('bird');
    expect(comments()).toHaveLength(0);
    expect(gh.statuses).toHaveLength(0);
    expect(r.stdout).toMatch(/::warning::.*pull-requests: write/);
    expect(r.stdout).toMatch(/::warning::.*statuses: write/);
    expect(r.stdout).toMatch(/fork/);
    expect(log(r)).not.toMatch(/internal error|\n\s+at /);

    const ok = withBaseline(ANIMALS);
    const r2 = await prRun(ok.dir, { splits: ok.splits, 'baseline-report': 'main.json' }, { fork: true });
    expect(r2.code).toBe(0);
    expect(r2.outputs.verdict).toBe('pass');
  });

  it('reads baseline-ref-path at the PR base commit through the contents API', async () => {
    const { dir, splits } = ws(BIRD_DROPS);
    gh.putFile(REPO, BASE_SHA, 'reports/main.json', baselineReport);
    // The head branch carries a report too: it must not be the one used.
    const headReport = JSON.parse(baselineReport);
    headReport.commit = HEAD_SHA;
    gh.putFile(REPO, HEAD_SHA, 'reports/main.json', JSON.stringify(headReport));
    const r = await prRun(dir, { splits, 'baseline-ref-path': 'reports/main.json' });
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    const reads = gh.requests.filter((q) => q.path.includes('/contents/'));
    expect(reads.map((q) => [q.path, q.query.get('ref')])).toEqual([
      [`/repos/${REPO}/contents/reports/main.json`, BASE_SHA],
    ]);
    expect(comments()[0].body).toContain(`https://github.com/${REPO}/commit/${BASE_SHA}`);
  });

  it('names contents: read when the baseline cannot be read', async () => {
    const { dir, splits } = ws(ANIMALS);
    gh.denied.add('contents:read');
    const r = await prRun(dir, { splits, 'baseline-ref-path': 'reports/main.json' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/::error::.*contents: read/);
    expect(comments()).toHaveLength(0);
  });

  it('no baseline: verdict no-baseline, a comment saying how to make one, exit 0', async () => {
    const { dir, splits } = ws(ANIMALS);
    const r = await prRun(dir, { splits, 'baseline-ref-path': 'reports/main.json', 'baseline-report': 'nowhere.json' });
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe('no-baseline');
    expect(comments()).toHaveLength(1);
    expect(comments()[0].body).toMatch(/baseline-ref-path/);
    expect(gh.statuses).toEqual([
      expect.objectContaining({ state: 'success', description: expect.stringMatching(/^no baseline/) }),
    ]);
  });

  it('bad input: one line, exit 2, no stack trace, nothing written to GitHub', async () => {
    const dir = workspace();
    dirs.push(dir);
    const r = await prRun(dir, { splits: 'test=missing.csv' });
    expect(r.code).toBe(2);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/missing\.csv/);
    expect(r.summary).toMatch(/modelgate could not run/);
    expect(r.summary).toMatch(/missing\.csv/);
    expect(log(r)).not.toMatch(/\n\s+at /);
    expect(gh.writes()).toHaveLength(0);
  });

  it('a broken baseline report or config file: one line naming the file, exit 2', async () => {
    const { dir, splits } = ws(ANIMALS);
    writeFileSync(join(dir, 'main.json'), baselineReport.slice(0, baselineReport.length / 2));
    const r = await prRun(dir, { splits, 'baseline-report': 'main.json' });
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::error: main\.json:\d+:\d+: .*truncated/),
    ]);

    writeFileSync(join(dir, '.modelgate.yml'), 'classes:\n  min-suport: 3\n');
    const r2 = await prRun(dir, { splits });
    expect(r2.code).toBe(2);
    expect(r2.stdout).toMatch(/::error::error: \.modelgate\.yml: classes\.min-suport: unknown key/);
    expect(log(r) + log(r2)).not.toMatch(/\n\s+at /);
    expect(gh.writes()).toHaveLength(0);
  });

  // Issue 13 item 8: one .modelgate.yml loader for the action and the CLI, checked whole first.
  it('checks the whole configuration before evaluating anything, with the errors the CLI gives', async () => {
    const { dir } = ws(ANIMALS);
    // The split file is missing too: the configuration error must come first.
    writeFileSync(join(dir, '.modelgate.yml'), 'headline:\n  metrics: [accuracy, recal_macro]\n');
    const r = await prRun(dir, { splits: 'test=missing.csv' });
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::error: \.modelgate\.yml: headline\.metrics\[1\]: unknown metric 'recal_macro'/),
    ]);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const k of 'bcdefghij')
      bomb.push(
        `${k}: &${k} [${Array(9)
          .fill(`*${String.fromCharCode(k.charCodeAt(0) - 1)}`)
          .join(', ')}]`,
      );
    writeFileSync(join(dir, '.modelgate.yml'), bomb.join('\n') + '\n');
    const r2 = await prRun(dir, { splits: 'test=missing.csv', 'max-drop': 'lots' });
    expect(r2.code).toBe(2);
    expect(r2.stdout).toMatch(/::error::error: \.modelgate\.yml: not valid YAML \(Excessive alias count/);
    writeFileSync(join(dir, '.modelgate.yml'), 'fail-on-regression: false\n');
    const r3 = await prRun(dir, { splits: 'test=missing.csv', 'max-drop': 'lots' });
    expect(r3.stdout).toMatch(/::error::error: input max-drop: headline\.max-drop\.default\.fail: expected points/);
    expect(log(r) + log(r2) + log(r3)).not.toMatch(/\n\s+at /);
    expect(gh.writes()).toHaveLength(0);
  });
});

describe('what the comment holds', () => {
  it('485 classes with long names stay within 65,536 characters', async () => {
    const classes = Array.from(
      { length: 485 },
      (_, i) => `class ${String(i).padStart(3, '0')} ${'of a very long and descriptive taxonomy name '.repeat(4)}`,
    );
    // Every third class loses most of its test examples: hundreds of regressions to list.
    const found = { test: Object.fromEntries(classes.filter((_, i) => i % 3 === 0).map((c) => [c, 2])) };
    const base = ws({ classes, perClass: 12 });
    const pushRun = await runAction({
      cwd: base.dir,
      apiUrl: gh.url,
      eventName: 'push',
      payload: pushPayload(REPO),
      inputs: { splits: base.splits, 'report-path': 'main.json', 'commit-status': 'false' },
    });
    expect(pushRun.code).toBe(0);
    const head = ws({ classes, perClass: 12, found });
    writeFileSync(join(head.dir, 'main.json'), readFileSync(join(base.dir, 'main.json')));
    const r = await prRun(head.dir, { splits: head.splits, 'baseline-report': 'main.json' });
    expect(r.outputs.verdict).toBe('fail');
    const posted = (commentPosts()[0].body as { body: string }).body;
    expect(posted.length).toBeLessThanOrEqual(65536);
    expect(posted.length).toBeGreaterThan(10000);
    expect(posted).toContain(commentMarker('model'));
    expect(r.summary.length).toBeGreaterThan(posted.length);
  });

  it('hostile class names come out inert', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '@everyone',
      `${commentMarker('model')}`,
      '| a | b |',
      '`code` **bold**',
    ];
    const classes = ['plain', ...hostile];
    const found = { test: Object.fromEntries(hostile.map((c) => [c, 10])) };
    const base = ws({ classes, perClass: 50 });
    const pushRun = await runAction({
      cwd: base.dir,
      apiUrl: gh.url,
      eventName: 'push',
      payload: pushPayload(REPO),
      inputs: { splits: base.splits, 'report-path': 'main.json', 'commit-status': 'false' },
    });
    expect(pushRun.code).toBe(0);
    const head = ws({ classes, perClass: 50, found });
    writeFileSync(join(head.dir, 'main.json'), readFileSync(join(base.dir, 'main.json')));
    const r = await prRun(head.dir, { splits: head.splits, 'baseline-report': 'main.json' });
    expect(r.outputs.verdict).toBe('fail');
    const body = (commentPosts()[0].body as { body: string }).body;
    // The names are there (the regressions are listed), only defused.
    expect(body.match(/alert\(1\)/g)?.length).toBeGreaterThanOrEqual(3);
    expect(body).toMatch(/everyone/);
    expect(body).not.toMatch(/<script/i);
    expect(body).not.toMatch(/<img/i);
    expect(body).not.toMatch(/\]\(javascript:/i);
    expect(body).not.toMatch(/(^|[^\w`\\])@everyone/);
    // Exactly one marker: ours, first. A class name cannot plant a second one.
    expect(body.split(commentMarker('model')).length - 1).toBe(1);
    expect(body.startsWith(commentMarker('model'))).toBe(true);
    for (const s of [r.summary]) {
      expect(s).not.toMatch(/<script/i);
      expect(s).not.toMatch(/<img/i);
    }
  });
});
