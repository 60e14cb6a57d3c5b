// workflow_run completed: the bot downloads the evaluation artifact (a zip behind a redirect),
// checks it against the run and the pull request, and posts the comment, check run and status.
import { beforeAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { zipSync, strToU8 } from 'fflate';
import type { Report } from '../../src/core/report/types.js';
import { buildEvaluation, zipEvaluation, EVALUATION_FILE } from '../../src/github/evaluation-artifact.js';
import { APP_BOT, workflowRunPayload } from '../helpers/fake-github-app.js';
import { outsideDetails } from '../helpers/scenario.js';
import { writePredictions } from '../action/scenario.js';
import {
  AWKWARD,
  BASE_MODEL,
  BASE_SHA,
  HEAD2_SHA,
  HEAD_MODEL,
  HEAD_SHA,
  REPO,
  reportOf,
  seedPull,
  startWorld,
  type World,
} from './world.js';

let base: Report;
let head: Report;
beforeAll(async () => {
  base = await reportOf(BASE_MODEL, BASE_SHA);
  head = await reportOf(HEAD_MODEL, HEAD_SHA);
});
void writePredictions;

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(() => w.stop());

const writes = () => w.gh.writes().filter((r) => !r.path.endsWith('/access_tokens'));

describe('workflow_run completed with an evaluation artifact', () => {
  it('posts the sticky comment, a check run with annotations and the status', async () => {
    const run = seedPull(w.gh, { number: 4, base, head, headRepo: 'contributor/models' });
    expect(await w.send('workflow_run', workflowRunPayload(w.gh, run))).toBe(202);
    const [comment] = w.gh.commentList(REPO, 4);
    expect(comment.user.login).toBe(APP_BOT.login);
    const visible = outsideDetails(comment.body);
    expect(visible).toMatch(/❌/);
    expect(visible).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(visible).not.toContain('<img');
    const [check] = w.gh.checkRuns;
    expect(check).toMatchObject({ name: 'modelgate', head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure' });
    expect(check.output.title).toMatch(/^fail: /);
    expect(check.output.summary).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(check.output.annotations).toEqual([
      expect.objectContaining({
        annotation_level: 'failure',
        title: `test: class ${AWKWARD} (regression)`,
        message: expect.stringMatching(/^recall 100\.0% -> 40\.0% \(50\/50 -> 20\/50\), q = /),
      }),
    ]);
    expect(w.gh.statuses).toEqual([
      expect.objectContaining({ sha: HEAD_SHA, context: 'modelgate', state: 'failure', target_url: comment.html_url }),
    ]);
    // The same run delivered again (a redelivery with a new id): one comment, edited or left.
    await w.send('workflow_run', workflowRunPayload(w.gh, run));
    expect(w.gh.commentList(REPO, 4)).toHaveLength(1);
  });

  it('rejects a fork artifact that claims a pull request with another head SHA', async () => {
    w.gh.addPull(REPO, { number: 5, headSha: HEAD2_SHA, baseSha: BASE_SHA, baseRef: 'main', headRepo: REPO });
    // The fork's run evaluated HEAD_SHA, and its artifact claims PR #5, whose head is HEAD2_SHA.
    const run = seedPull(w.gh, { number: 6, base, head, headRepo: 'mallory/models', claim: { pullRequest: 5 } });
    await w.send('workflow_run', workflowRunPayload(w.gh, run));
    expect(writes()).toEqual([]);
    expect(w.logs.join('\n')).toMatch(
      /rejected: the evaluation claims PR #5, whose head is cccccccccccc, not the run's bbbbbbbbbbbb/,
    );
  });

  it('rejects an artifact whose head SHA is not the run’s', async () => {
    const run = seedPull(w.gh, { number: 7, base, head, claim: { headSha: HEAD2_SHA } });
    await w.send('workflow_run', workflowRunPayload(w.gh, run));
    expect(writes()).toEqual([]);
    expect(w.logs.join('\n')).toMatch(
      /rejected: the evaluation claims head cccccccccccc, but the run evaluated bbbbbbbbbbbb/,
    );
  });

  it('rejects malformed artifacts without a crash', async () => {
    w.gh.addPull(REPO, { number: 8, headSha: HEAD_SHA, baseSha: BASE_SHA, baseRef: 'main', headRepo: REPO });
    const good = buildEvaluation({
      key: 'modelgate',
      pullRequest: 8,
      headSha: HEAD_SHA,
      baseSha: BASE_SHA,
      report: head,
    });
    const bad = (o: Record<string, unknown>) =>
      zipSync({ [EVALUATION_FILE]: strToU8(JSON.stringify({ ...good, ...o })) });
    const run = w.gh.addRun(REPO, {
      sha: HEAD_SHA,
      artifacts: {
        'modelgate-evaluation-a': bad({ pullRequest: '8' }),
        'modelgate-evaluation-b': bad({ pullRequest: 8.5 }),
        'modelgate-evaluation-c': bad({ extra: 1 }),
        'modelgate-evaluation-d': bad({ report: { ...head, classes: 'x' } }),
        'modelgate-evaluation-e': strToU8('not a zip'),
        'modelgate-evaluation-f': zipSync({ 'other.json': strToU8('{}') }),
        'modelgate-evaluation-g': bad({ key: '../../x' }),
      },
    });
    await w.send('workflow_run', workflowRunPayload(w.gh, run));
    expect(writes()).toEqual([]);
    const rejected = w.logs.filter((l) => l.includes('rejected'));
    expect(rejected).toHaveLength(7);
    expect(rejected.join('\n')).toMatch(
      /pullRequest: expected a positive integer or null[\s\S]*pullRequest: expected[\s\S]*unexpected field "extra"[\s\S]*report[\s\S]*not a readable zip archive[\s\S]*holds no modelgate-evaluation\.json[\s\S]*key: expected/,
    );
  });

  it('ignores runs without an evaluation artifact and push runs (baselines)', async () => {
    const plain = w.gh.addRun(REPO, { sha: HEAD_SHA, artifacts: { coverage: strToU8('x') } });
    await w.send('workflow_run', workflowRunPayload(w.gh, plain));
    const pushRun = w.gh.addRun(REPO, {
      sha: BASE_SHA,
      event: 'push',
      artifacts: {
        'modelgate-evaluation': zipEvaluation(
          buildEvaluation({ key: 'modelgate', pullRequest: null, headSha: BASE_SHA, baseSha: null, report: base }),
        ),
      },
    });
    await w.send('workflow_run', workflowRunPayload(w.gh, pushRun));
    expect(writes()).toEqual([]);
  });

  it('says "no baseline" when the base commit has no evaluation, and passes the check', async () => {
    const run = seedPull(w.gh, { number: 9, base: null, head });
    await w.send('workflow_run', workflowRunPayload(w.gh, run));
    expect(w.gh.checkRuns[0]).toMatchObject({ conclusion: 'success' });
    expect(w.gh.checkRuns[0].output.title).toMatch(/^no baseline/);
  });

  it('reads the rules at the base commit: fail-on-regression: false there makes the check neutral', async () => {
    w.gh.putFile(REPO, BASE_SHA, '.modelgate.yml', 'fail-on-regression: false\n');
    // The PR's own copy would say otherwise; it is never read.
    w.gh.putFile(REPO, HEAD_SHA, '.modelgate.yml', 'classes: { ignore: [dog] }\n');
    const run = seedPull(w.gh, { number: 11, base, head });
    await w.send('workflow_run', workflowRunPayload(w.gh, run));
    expect(w.gh.checkRuns[0]).toMatchObject({ conclusion: 'neutral' });
    expect(w.gh.statuses[0]).toMatchObject({ state: 'success' });
    const contents = w.gh.requests.filter((r) => r.path.includes('/contents/'));
    expect(contents.map((r) => r.query.get('ref'))).toEqual([BASE_SHA]);
  });

  it('sends more than 50 annotations in batches of 50', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `class-${String(i).padStart(2, '0')}`);
    const b = await reportOf({ classes: many, perClass: 30 }, BASE_SHA);
    const found = Object.fromEntries(many.map((c) => [c, 5]));
    const h = await reportOf({ classes: many, perClass: 30, found: { test: found } }, HEAD_SHA);
    const run = seedPull(w.gh, { number: 10, base: b, head: h });
    await w.send('workflow_run', workflowRunPayload(w.gh, run));
    const [check] = w.gh.checkRuns;
    const calls = w.gh.requests.filter((r) => /\/check-runs(\/\d+)?$/.test(r.path));
    expect(calls.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'PATCH 200']);
    expect(check.output.annotations).toHaveLength(60);
    expect(check.output.summary!.length).toBeLessThanOrEqual(65535);
  });

  it("an annotation title over GitHub's 255 characters is shortened in the middle, on one line", async () => {
    const long = `species-${'x'.repeat(300)}-end`;
    const names = ['plain', long];
    const b = await reportOf({ classes: names, perClass: 30 }, BASE_SHA);
    const h = await reportOf({ classes: names, perClass: 30, found: { test: { [long]: 5 } } }, HEAD_SHA);
    await w.send('workflow_run', workflowRunPayload(w.gh, seedPull(w.gh, { number: 11, base: b, head: h })));
    const titles = w.gh.checkRuns[0].output.annotations!.map((a) => String(a.title ?? ''));
    const t = titles.find((x) => x.includes('species-'))!;
    expect([...t].length).toBeLessThanOrEqual(255);
    expect(t).not.toContain('\n');
    expect(t).toMatch(/species-x+…x*-end/);
  });
});
