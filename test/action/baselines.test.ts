// The automatic baseline through the built action, as the README's workflow runs it: a push to
// the default branch uploads its report with the real @actions/artifact client (to the stand-in
// artifact service), and pull requests find it through the REST API of the fake GitHub.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { startFakeArtifactService, type FakeArtifactService } from '../helpers/fake-artifact-service.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { buildAction, prPayload, pushPayload, runAction } from '../helpers/run-action.js';
import { ANIMALS, BIRD_DROPS, workspace, writePredictions, type Scenario } from './scenario.js';

const REPO = 'octo/models';
const PR = 2; // the number in the real payload
let gh: FakeGitHub;
let svc: FakeArtifactService;
const dirs: string[] = [];
/** c[0] <- c[1] <- ... on master (the real push payload's default branch). */
let c: string[] = [];

beforeAll(async () => {
  await buildAction();
  gh = await startFakeGitHub();
  svc = await startFakeArtifactService();
  c = gh.git.chain(REPO, 5);
  // What GitHub does on FinalizeArtifact: the artifact appears on the run (here: the push run at c[1]).
  svc.onFinalize = (u) => {
    if (!u.name.startsWith('modelgate-report-')) return 1;
    const run = gh.addRun(REPO, { sha: pushedSha, event: 'push', branch: 'master' });
    return gh.addArtifact(run, u.name, u.zip).id;
  };
});
afterAll(async () => {
  await gh.stop();
  await svc.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

let pushedSha = '';
function ws(s: Scenario): { dir: string; splits: string } {
  const dir = workspace();
  dirs.push(dir);
  return { dir, splits: writePredictions(dir, s) };
}
const push = (s: Scenario, before: string, after: string) => {
  pushedSha = after;
  const { dir, splits } = ws(s);
  return runAction({
    cwd: dir,
    apiUrl: gh.url,
    eventName: 'push',
    payload: pushPayload(REPO, { before, after }),
    inputs: { splits, 'baseline-retention-days': '30' },
    env: svc.env(`run-${after.slice(0, 8)}`),
  });
};
const pr = (s: Scenario, baseSha: string) => {
  const { dir, splits } = ws(s);
  return runAction({
    cwd: dir,
    apiUrl: gh.url,
    eventName: 'pull_request',
    payload: prPayload(REPO, { baseSha, headSha: 'f00d'.padEnd(40, '7') }),
    inputs: { splits },
  });
};
/** Uploads of baselines (the HTML report is uploaded too). */
const baselines = () => svc.uploads.filter((u) => u.name.startsWith('modelgate-report-'));
const comment = () => gh.commentList(REPO, PR).at(-1)?.body ?? '';

describe('automatic baselines (artifact store)', () => {
  it('a push to the default branch stores its report as modelgate-report-<key>, kept as asked', async () => {
    const r = await push(ANIMALS, c[0], c[1]);
    expect(r.code).toBe(0);
    expect(baselines().map((u) => u.name)).toEqual(['modelgate-report-model']);
    const days = (Date.parse(baselines()[0].expiresAt!) - Date.now()) / 86400_000;
    expect(Math.round(days)).toBe(30);
    expect(r.summary).toMatch(/stored its report as the baseline \(artifact modelgate-report-model\)/);
  });

  it('a pull request based on that commit finds it: compared, no note about the commit', async () => {
    const r = await pr(BIRD_DROPS, c[1]);
    expect(r.stdout).toMatch(
      /baseline: artifact modelgate-report-model at \w{12} or up to 50 commits before \(commit \w{12}\)/,
    );
    expect(r.outputs.verdict).toBe('fail');
    expect(r.code).toBe(1);
    expect(comment()).toContain('bird');
    expect(comment()).not.toMatch(/made at commit/);
  });

  it('a pull request based 3 commits later: the nearest ancestor, named in the comment above the fold', async () => {
    const r = await pr(ANIMALS, c[4]);
    expect(r.outputs.verdict).toBe('pass');
    const body = comment();
    const note = `The baseline report was made at commit ${c[1].slice(0, 12)}, 3 commits before the base commit ${c[4].slice(0, 12)}`;
    expect(body).toContain(note);
    expect(body.indexOf(note)).toBeLessThan(body.indexOf('<details>') >>> 0);
    expect(gh.commentList(REPO, PR)).toHaveLength(1);
  });

  it("a push with regressions against the previous baseline passes (main's own build is not gated), and says so", async () => {
    const r = await push(BIRD_DROPS, c[1], c[2]);
    expect(r.outputs.verdict).toBe('fail');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/::warning::modelgate: .*not failing: a push to master makes the baseline/);
    expect(r.summary).toMatch(/never failed on regressions/);
    expect(baselines()).toHaveLength(2);
    // No red cross on the branch either: the status is informative and says what it would be.
    const statuses = gh.statuses.filter((s) => s.sha === c[2]);
    expect(statuses.map((s) => s.state)).toEqual(['success']);
    expect(statuses[0].description).toMatch(/^not gated \(baseline push\); fail: /);
  });

  it('the fork-safe pull_request workflow (mode: evaluate-only) keeps the baseline on a push too', async () => {
    const before = baselines().length;
    const writes = () => gh.commentList(REPO, PR).length + gh.statuses.length;
    const writesBefore = writes();
    pushedSha = c[3];
    const { dir, splits } = ws(ANIMALS);
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'push',
      payload: pushPayload(REPO, { before: c[2], after: c[3] }),
      inputs: { splits, mode: 'evaluate-only' },
      env: svc.env(`run-${c[3].slice(0, 8)}`),
    });
    expect(r.code).toBe(0);
    expect(baselines()).toHaveLength(before + 1);
    expect(r.stdout).toMatch(/baseline stored: artifact modelgate-report-model/);
    expect(writes()).toBe(writesBefore); // evaluate-only never writes to GitHub
  });

  it('an expired baseline: no-baseline with the reason, exit 0', async () => {
    for (const a of gh.artifacts.values()) a.expired = true;
    const r = await pr(ANIMALS, c[2]);
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe('no-baseline');
    expect(comment()).toMatch(/No usable baseline: artifact "modelgate-report-model" \(\d+\): expired/);
  });
});

describe('automatic baselines (baseline-store: branch)', () => {
  it('a push commits <key>/<sha>.json to modelgate-baselines; a later pull request finds it one commit back', async () => {
    const { dir, splits } = ws(ANIMALS);
    const r = await runAction({
      cwd: dir,
      apiUrl: gh.url,
      eventName: 'push',
      payload: pushPayload(REPO, { before: c[2], after: c[3] }),
      inputs: { splits, 'baseline-store': 'branch', 'html-report': 'false' },
    });
    expect(r.code).toBe(0);
    expect(r.summary).toContain(`model/${c[3]}.json on branch modelgate-baselines`);
    expect(gh.git.fileAt(REPO, 'modelgate-baselines', `model/${c[3]}.json`)?.toString()).toContain(c[3]);

    const p = ws(BIRD_DROPS);
    const q = await runAction({
      cwd: p.dir,
      apiUrl: gh.url,
      eventName: 'pull_request',
      payload: prPayload(REPO, { baseSha: c[4], headSha: 'f00d'.padEnd(40, '8') }),
      inputs: { splits: p.splits, 'baseline-store': 'branch', 'html-report': 'false' },
    });
    expect(q.outputs.verdict).toBe('fail');
    expect(comment()).toContain(
      `The baseline report was made at commit ${c[3].slice(0, 12)}, 1 commit before the base commit ${c[4].slice(0, 12)}`,
    );
  });
});
