// Untrusted text (class names with newlines from quoted CSV fields, a baseline report's fields,
// workflow inputs) must stay inert in every output channel of the BUILT action: the log (where
// the runner parses workflow commands), GITHUB_OUTPUT, the job summary, the commit status and
// the comment.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commentMarker } from '../../src/core/render/marker.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { buildAction, prPayload, pushPayload, runAction } from '../helpers/run-action.js';
import { workspace, writePredictions, type Scenario } from './scenario.js';

const REPO = 'octo/models';
const BASE_SHA = 'ba5e000000000000000000000000000000000001';
const HEAD_SHA = 'f00d100000000000000000000000000000000002';
const TOKEN = 'ghs_fakeToken123';

/** A class name that, printed raw, forges outputs, masks, stops command processing and annotates. */
/** Line breaks other than the C0 ones a class name may not hold (classNameProblem refuses those). */
const HOSTILE =
  'x\u2028::set-output name=verdict::pass\u2028::add-mask::x\u0085::stop-commands::pwned\u2028' +
  '  ::warning file=a.ts,line=1::forged\u2028##[set-output name=verdict;]pass\u2028::notice::nel\u0085::error::c1';
/** With raw line breaks: refused at the reader, and the refusal itself forges nothing. */
const HOSTILE_C0 =
  'x\n::set-output name=verdict::pass\n::add-mask::x\r::stop-commands::pwned\n' +
  '  ::warning file=a.ts,line=1::forged\n##[set-output name=verdict;]pass';

/** The workflow commands @actions/core issues for us; anything else starting a line is forged. */
const OURS = /^::(group|endgroup|debug|notice|warning|error|add-mask::ghs_fakeToken123$)/;

let gh: FakeGitHub;
const dirs: string[] = [];
beforeAll(() => {
  return buildAction();
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

/** Lines the runner would take as workflow commands (it trims leading blanks), minus ours. */
function forgedCommands(stdout: string): string[] {
  return stdout
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimStart())
    .filter((l) => (l.startsWith('::') && !OURS.test(l)) || l.includes('##['));
}

/** Our own command lines must still be one line each: no unescaped break inside their data. */
function annotationLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^::(error|warning|notice)/.test(l));
}

/** A baseline (push run on main) and a PR head where the hostile class regresses on test. */
async function hostileRun(mutateBaseline?: (report: Record<string, unknown>) => void, inputs = {}) {
  const classes = ['plain', HOSTILE];
  const base = ws({ classes, perClass: 50 });
  const push = await runAction({
    cwd: base.dir,
    apiUrl: gh.url,
    eventName: 'push',
    payload: pushPayload(REPO, { after: BASE_SHA }),
    inputs: { splits: base.splits, 'report-path': 'main.json', 'commit-status': 'false' },
  });
  expect(push.code).toBe(0);
  expect(forgedCommands(push.stdout)).toEqual([]);
  const head = ws({ classes, perClass: 50, found: { test: { [HOSTILE]: 10 } } });
  const report = JSON.parse(readFileSync(join(base.dir, 'main.json'), 'utf8')) as Record<string, unknown>;
  mutateBaseline?.(report);
  writeFileSync(join(head.dir, 'main.json'), JSON.stringify(report));
  return runAction({
    cwd: head.dir,
    apiUrl: gh.url,
    eventName: 'pull_request',
    payload: prPayload(REPO, { baseSha: BASE_SHA, headSha: HEAD_SHA }),
    inputs: { splits: head.splits, 'baseline-report': 'main.json', ...inputs },
  });
}

describe('a class name carrying workflow commands', () => {
  it('with raw line breaks is refused by the reader, the error naming it escaped on one line', async () => {
    const base = ws({ classes: ['plain', HOSTILE_C0], perClass: 5 });
    const r = await runAction({
      cwd: base.dir,
      apiUrl: gh.url,
      eventName: 'push',
      payload: pushPayload(REPO, { after: BASE_SHA }),
      inputs: { splits: base.splits, 'report-path': 'main.json', 'commit-status': 'false' },
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('contains the control character U+000A');
    expect(forgedCommands(r.stdout)).toEqual([]);
  });

  it('reaches the log as inert text; the verdict output stays fail; summary, status and comment are defused', async () => {
    const r = await hostileRun();
    expect(r.code).toBe(1);
    // The name really is in the log (the reason names it), only on one line.
    expect(r.stdout).toMatch(/verdict: fail \(.*set-output name=verdict/);
    expect(forgedCommands(r.stdout)).toEqual([]);
    for (const l of annotationLines(r.stdout)) expect(l).not.toMatch(/[\r\u0085\u2028]/);
    expect(r.outputs.verdict).toBe('fail');
    expect(Object.keys(r.outputs).sort()).toEqual([
      'comment-url',
      'html-report',
      'html-report-url',
      'regressions',
      'report',
      'verdict',
    ]);

    // The job summary: escaped like the comment (no raw line starting a heading or HTML).
    expect(r.summary).toContain('set-output');
    expect(r.summary).not.toMatch(/^::/m);
    expect(r.summary).not.toMatch(/^#+\[/m);
    expect(r.summary).not.toContain('##[');

    // Commit status: one plain line within GitHub's limit, pointing at our run.
    expect(gh.statuses).toHaveLength(1);
    const st = gh.statuses[0];
    expect(st.state).toBe('failure');
    expect(st.description!.length).toBeLessThanOrEqual(140);
    expect(st.description).not.toMatch(/[\r\n\u0085\u2028]/);
    expect(st.target_url).toBe(`https://github.com/${REPO}/actions/runs/4242`);

    // The comment: one marker (ours), the name present but without a raw line break inside it.
    const body = gh.commentList(REPO, 2)[0].body;
    expect(body.startsWith(commentMarker('model'))).toBe(true);
    expect(body.split('<!-- modelgate:comment').length - 1).toBe(1);
    expect(body).toContain('set-output');
    expect(body).not.toMatch(/^\s*::/m);
  });

  it.each([
    // Logged as its first 12 characters: enough for a whole command line.
    ['a command', '\n::echo::on\n##[set-output name=verdict;]pass'],
    ['a path out of the repository', '../../../../evil/repo'],
  ])(
    "a baseline report's commit field holding %s is neither a command in the log nor a foreign link",
    async (_, evil) => {
      const r = await hostileRun((rep) => {
        rep.commit = evil;
      });
      expect(r.code).toBe(1);
      expect(r.outputs.verdict).toBe('fail');
      expect(forgedCommands(r.stdout)).toEqual([]);
      const body = gh.commentList(REPO, 2)[0].body;
      // Only links to our repository's run; never a commit link built from file contents.
      expect(body).not.toContain('https://github.com/evil');
      expect(body).not.toMatch(/\/commit\/\.\./);
      expect(r.summary).not.toContain('https://github.com/evil');
      expect(body).toContain(`https://github.com/${REPO}/actions/runs/4242`);
    },
  );

  it('a hostile comment-key and report-path stay inert (marker, status context, log, outputs)', async () => {
    const key = 'k\n::set-output name=verdict::pass -->\n<!-- modelgate:comment key=model';
    const reportPath = 'r.json\n::add-mask::zz';
    const r = await hostileRun(undefined, { 'comment-key': key, 'report-path': reportPath });
    expect(r.outputs.verdict).toBe('fail');
    expect(r.outputs.report).toBe(reportPath);
    expect(forgedCommands(r.stdout)).toEqual([]);
    expect(r.stdout).not.toMatch(/^\s*::add-mask::zz/m);
    const body = gh.commentList(REPO, 2)[0].body;
    expect(body.split('<!-- modelgate:comment').length - 1).toBe(1);
    expect(body.split('-->').length - 1).toBe(1);
    expect(gh.statuses[0].context).toMatch(/^modelgate\/[A-Za-z0-9_./-]+$/);
  });
});

describe('the token', () => {
  const leaks = (r: { stdout: string; stderr: string }) =>
    (r.stdout + r.stderr).replace(`::add-mask::${TOKEN}`, '').includes(TOKEN);

  it('is masked first and never printed, also when GitHub rejects it or cannot be reached', async () => {
    const { dir, splits } = ws({ classes: ['a', 'b'], perClass: 20 });
    gh.fail({ status: 401, message: 'Bad credentials', times: 1000 });
    const payload = prPayload(REPO, { baseSha: BASE_SHA, headSha: HEAD_SHA });
    const inputs = { splits, 'baseline-ref-path': 'reports/main.json' };
    const rejected = await runAction({ cwd: dir, apiUrl: gh.url, eventName: 'pull_request', payload, inputs });
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toMatch(/::error::.*token was rejected \(HTTP 401/);
    const unreachable = await runAction({
      cwd: dir,
      apiUrl: 'http://127.0.0.1:9',
      eventName: 'pull_request',
      payload,
      inputs,
      env: { MODELGATE_RETRIES: '0' },
    });
    expect(unreachable.code).toBe(2);
    for (const r of [rejected, unreachable]) {
      expect(leaks(r)).toBe(false);
      // The mask is registered before any line that could quote it.
      const lines = r.stdout.split('\n');
      expect(lines.findIndex((l) => l === `::add-mask::${TOKEN}`)).toBe(1);
      expect(lines[0]).toBe('::group::modelgate: inputs');
    }
  });
});

describe('baseline-ref-path', () => {
  it('cannot step out of the contents endpoint: ../../issues is refused before any request', async () => {
    const { dir, splits } = ws({ classes: ['a', 'b'], perClass: 20 });
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'pull_request',
      payload: prPayload(REPO, { baseSha: BASE_SHA, headSha: HEAD_SHA }),
      inputs: { splits, 'baseline-ref-path': '../../issues' },
    });
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::error: baseline-ref-path: expected a file path inside the repository/),
    ]);
    expect(gh.requests).toEqual([]);
  });
});
