// Automatic baselines against the fake GitHub (real octokit over 127.0.0.1): the artifact store
// (at the base commit, at an ancestor, none, expired, deleted, corrupt, claiming another commit,
// a fork's), the branch store (two racing pushes), and a >1 MB committed report.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { artifactBaselineSource, baselineArtifactName, BASELINE_FILE } from '../../src/github/baseline-artifact.js';
import {
  BASELINE_BRANCH,
  baselinePath,
  branchBaselineSource,
  storeBaselineOnBranch,
} from '../../src/github/baseline-branch.js';
import { refBaseline } from '../../src/github/baseline-ref.js';
import type { GitHubClient } from '../../src/github/client.js';
import { writeReport } from '../../src/io/report-file.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { baselineNotes, BaselineUnusable, findBaseline } from '../../src/pipeline/gate.js';
import { ANIMALS, workspace, writePredictions } from '../action/scenario.js';
import { fakeServerClient, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const REPO = 'o/r';
const R = { owner: 'o', repo: 'r' };
const KEY = 'ci';
const NAME = baselineArtifactName(KEY);
let gh: FakeGitHub;
let client: GitHubClient;
const dir = workspace();
/** A valid report claiming `commit`. */
let reportAt: (commit: string) => string;

beforeAll(async () => {
  const splits = writePredictions(dir, ANIMALS)
    .split('\n')
    .map((l) => ({ name: l.split('=')[0], path: join(dir, l.split('=')[1]) }));
  const report = await evaluatePredictionFiles(splits, { commit: 'c'.repeat(40) });
  await writeReport(join(dir, 'r.json'), report);
  const text = readFileSync(join(dir, 'r.json'), 'utf8');
  reportAt = (commit) => text.replace('c'.repeat(40), commit);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  gh = await startFakeGitHub();
  client = fakeServerClient(gh, 1);
});
afterEach(() => gh.stop());

const zipReport = (text: string) => zipSync({ [BASELINE_FILE]: strToU8(text) });
/** A push run on main at `sha` that stored `zip` (by default a valid report made at `sha`). */
const stored = (sha: string, zip?: Uint8Array, o: { headRepo?: string; branch?: string } = {}) =>
  gh.addRun(REPO, { sha, event: 'push', artifacts: { [NAME]: zip ?? zipReport(reportAt(sha)) }, ...o });
const logs: string[] = [];
const source = (baseSha: string, maxDistance = 50) =>
  artifactBaselineSource(client, {
    ...R,
    key: KEY,
    baseSha,
    maxDistance,
    branches: ['main'],
    limits: { maxPages: 30 },
    log: (l) => logs.push(l),
  });

describe('artifact baselines', () => {
  it('finds the report stored at the base commit, with no note', async () => {
    const [, base] = gh.git.chain(REPO, 2);
    stored(base);
    const b = await source(base).load();
    expect(b?.commit).toBe(base);
    expect(b?.distance).toBe(0);
    expect(b?.report.commit).toBe(base);
    expect(baselineNotes(b, base)).toEqual([]);
    // The name filter went to GitHub, and the zip came through the redirect.
    expect(gh.requests.find((q) => q.path === '/repos/o/r/actions/artifacts')?.query.get('name')).toBe(NAME);
    expect(gh.requests.some((q) => q.path.startsWith('/_blob/') && q.status === 200)).toBe(true);
  });

  it('walks back to the nearest ancestor that has one, and the note names it and the distance', async () => {
    const line = gh.git.chain(REPO, 10);
    const base = line[9];
    stored(line[2]);
    stored(line[6]);
    const b = await source(base).load();
    expect(b?.commit).toBe(line[6]);
    expect(b?.distance).toBe(3);
    expect(baselineNotes(b, base)).toEqual([
      `The baseline report was made at commit ${line[6].slice(0, 12)}, 3 commits before the base commit ${base.slice(0, 12)} (the nearest stored baseline).`,
    ]);
    // Beyond the distance limit there is none.
    expect(await source(base, 2).load()).toBeNull();
  });

  it('none stored: null, so the verdict is no-baseline', async () => {
    const [base] = gh.git.chain(REPO, 1);
    expect(await findBaseline([source(base)])).toBeNull();
  });

  it('ignores artifacts of a fork, another branch, another name or a commit outside the history', async () => {
    const [base] = gh.git.chain(REPO, 1);
    stored(base, undefined, { headRepo: 'fork/r' });
    stored(base, undefined, { branch: 'feature' });
    gh.addRun(REPO, { sha: base, event: 'push', artifacts: { 'modelgate-report-other': zipReport(reportAt(base)) } });
    stored('f'.repeat(40));
    expect(await source(base).load()).toBeNull();
  });

  it('an expired artifact (flag or HTTP 410) or a deleted one: no-baseline with the reason', async () => {
    const [base] = gh.git.chain(REPO, 1);
    const run = stored(base);
    const art = [...gh.artifacts.values()].find((a) => a.runId === run.id)!;
    art.expired = true;
    const unusable: string[] = [];
    expect(await findBaseline([source(base)], () => {}, unusable)).toBeNull();
    expect(unusable).toEqual([expect.stringMatching(/artifact "modelgate-report-ci" \(\d+\): expired$/)]);
    expect(baselineNotes(null, base, unusable)).toEqual([expect.stringMatching(/^No usable baseline: .*expired\.$/)]);
    // Listed as live, but the download answers 410 (expired in between).
    gh.fail({ path: /\/actions\/artifacts\/\d+\/zip$/, status: 410, message: 'Artifact has expired' });
    art.expired = false;
    await expect(source(base).load()).rejects.toThrow(/expired \(HTTP 410\)/);
    gh.artifacts.delete(art.id);
    stored(base);
    gh.fail({ path: /\/actions\/artifacts\/\d+\/zip$/, status: 404, message: 'Not Found' });
    await expect(source(base).load()).rejects.toThrow(BaselineUnusable);
  });

  it('an unusable newer one does not hide an older good one: used, with the reason', async () => {
    const [older, base] = gh.git.chain(REPO, 2);
    stored(older);
    stored(base, strToU8('PK\u0003\u0004garbage'));
    const b = await source(base).load();
    expect(b?.commit).toBe(older);
    expect(baselineNotes(b, base)).toEqual([
      expect.stringMatching(/made at commit \w{12}, 1 commit before the base commit/),
      expect.stringMatching(/Newer stored baselines were unusable: .*not a readable zip archive/),
    ]);
  });

  it('corrupt zip, a zip without the report, an invalid report: BaselineUnusable naming the problem', async () => {
    const cases: [Uint8Array, RegExp][] = [
      [strToU8('not a zip at all'), /not a readable zip archive/],
      [zipSync({ 'other.json': strToU8('{}') }), /holds no modelgate-report.json/],
      [zipReport('{"schema": "nope"}'), /modelgate-report-ci of run \d+ \(commit \w{12}\)/],
    ];
    for (const [zip, why] of cases) {
      const [base] = gh.git.chain(REPO, 1);
      stored(base, zip);
      await expect(source(base).load()).rejects.toThrow(why);
    }
  });

  it('a report claiming another commit is used, and the note says so', async () => {
    const [base] = gh.git.chain(REPO, 1);
    stored(base, zipReport(reportAt('d'.repeat(40))));
    const b = await source(base).load();
    expect(baselineNotes(b, base)).toEqual([
      `The baseline report was made at commit ${'d'.repeat(12)}, not at the base commit ${base.slice(0, 12)}; found in ${b!.source}.`,
    ]);
  });

  it('a refused listing names actions: read and is an error, not "no baseline"', async () => {
    const [base] = gh.git.chain(REPO, 1);
    gh.fail({ path: /\/actions\/artifacts$/, status: 403, message: 'Resource not accessible by integration' });
    await expect(source(base).load()).rejects.toThrow(/baseline: .*actions: read/);
  });
});

describe('branch store', () => {
  it('two racing pushes both land: one file per key and commit, linear history, reads back', async () => {
    const line = gh.git.chain(REPO, 3);
    const log: string[] = [];
    await Promise.all(
      // Two jobs, two clients.
      [line[1], line[2]].map((sha) =>
        storeBaselineOnBranch(fakeServerClient(gh, 1), {
          ...R,
          key: KEY,
          sha,
          text: reportAt(sha),
          log: (l) => log.push(l),
        }),
      ),
    );
    const tip = gh.git.ref(REPO, `heads/${BASELINE_BRANCH}`)!;
    const history = gh.git.ancestors(REPO, tip);
    expect(history).toHaveLength(2);
    expect(history[1].parents).toEqual([]);
    for (const sha of [line[1], line[2]])
      expect(gh.git.fileAt(REPO, BASELINE_BRANCH, baselinePath(KEY, sha))?.toString()).toBe(reportAt(sha));
    // One of them lost the race at least once and retried.
    const refWrites = gh.requests.filter((q) => /\/git\/refs/.test(q.path) && q.method !== 'GET');
    expect(refWrites.filter((q) => q.status === 422).length).toBeGreaterThanOrEqual(1);
    expect(log.length).toBeGreaterThanOrEqual(1);

    const b = await branchBaselineSource(client, {
      ...R,
      key: KEY,
      baseSha: line[2],
      maxDistance: 50,
      maxPages: 30,
    }).load();
    expect(b).toMatchObject({ commit: line[2], distance: 0 });
    const older = gh.git.commit(REPO, { parents: [line[2]] });
    const c = await branchBaselineSource(client, {
      ...R,
      key: KEY,
      baseSha: older,
      maxDistance: 50,
      maxPages: 30,
    }).load();
    expect(c).toMatchObject({ commit: line[2], distance: 1 });
  });

  it('gives up after a bounded number of lost races', async () => {
    const [sha] = gh.git.chain(REPO, 1);
    await storeBaselineOnBranch(client, { ...R, key: KEY, sha, text: '{}' });
    gh.fail({
      method: 'PATCH',
      path: /\/git\/refs\//,
      status: 422,
      message: 'Update is not a fast forward',
      times: 99,
    });
    await expect(storeBaselineOnBranch(client, { ...R, key: KEY, sha, text: '{}' })).rejects.toThrow(
      /storing ci\/\w+\.json on branch modelgate-baselines failed \(HTTP 422: Update is not a fast forward\)/,
    );
    expect(gh.requests.filter((q) => q.method === 'PATCH').length).toBe(6);
  });

  it('no branch yet: null', async () => {
    const [sha] = gh.git.chain(REPO, 1);
    expect(
      await branchBaselineSource(client, { ...R, key: KEY, baseSha: sha, maxDistance: 5, maxPages: 3 }).load(),
    ).toBeNull();
  });
});

describe('a committed report over 1 MB (baseline-ref-path)', () => {
  it('is read with the raw media type; the JSON media type would have been refused with 403 too_large', async () => {
    const sha = 'a'.repeat(40);
    const big = reportAt(sha) + ' '.repeat(1_100_000);
    gh.putFile(REPO, sha, 'reports/main.json', big);
    const b = await refBaseline(client, { ...R, path: 'reports/main.json', ref: sha }).load();
    expect(b?.report.commit).toBe(sha);
    expect(gh.requests.every((q) => q.status === 200)).toBe(true);
  });
});
