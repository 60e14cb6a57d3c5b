// Workflow artifacts end to end on 127.0.0.1: uploaded through the real @actions/artifact client
// to the fake artifact service, listed and downloaded through the real octokit client from the
// fake REST server (302 redirect to a signed blob URL, as GitHub does).
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { uploadFileArtifact } from '../../src/github/artifact-upload.js';
import {
  downloadArtifactZip,
  listArtifactsNamed,
  listRunArtifacts,
  readZipText,
  type ArtifactInfo,
} from '../../src/github/artifacts.js';
import type { GitHubClient } from '../../src/github/client.js';
import { startFakeArtifactService, type FakeArtifactService } from '../helpers/fake-artifact-service.js';
import { fakeServerClient, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const REPO = 'o/r';
const R = { owner: 'o', repo: 'r' };
const SHA = 'a'.repeat(40);
let gh: FakeGitHub;
let client: GitHubClient;
beforeEach(async () => {
  gh = await startFakeGitHub();
  client = fakeServerClient(gh);
});
afterEach(() => gh.stop());

const zipOf = (files: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));

describe('uploadFileArtifact (the real @actions/artifact client against the stand-in service)', () => {
  let svc: FakeArtifactService;
  const saved = { ...process.env };
  beforeAll(async () => {
    svc = await startFakeArtifactService();
  });
  afterAll(async () => {
    process.env = saved;
    await svc.stop();
  });

  it('uploads a zip holding the file, with the retention asked for, that the REST API then lists and serves', async () => {
    Object.assign(process.env, svc.env('run-b', 'job-b'));
    delete process.env.GITHUB_SERVER_URL;
    delete process.env.GITHUB_RETENTION_DAYS;
    const run = gh.addRun(REPO, { sha: SHA, event: 'push' });
    svc.onFinalize = (u) => gh.addArtifact(run, u.name, u.zip).id;
    const dir = mkdtempSync(join(tmpdir(), 'mg-art-'));
    const text = JSON.stringify({ hello: 'wörld' });
    writeFileSync(join(dir, 'modelgate-report.json'), text);

    const before = Date.now();
    const up = await uploadFileArtifact('modelgate-report-ci', join(dir, 'modelgate-report.json'), 7);
    expect(svc.rpcs.map((r) => r.method)).toEqual(['CreateArtifact', 'FinalizeArtifact']);
    expect(svc.rpcs[0].body).toMatchObject({
      workflow_run_backend_id: 'run-b',
      workflow_job_run_backend_id: 'job-b',
      name: 'modelgate-report-ci',
    });
    const [stored] = svc.uploads;
    const days = (Date.parse(stored.expiresAt!) - before) / 86400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    expect(stored.hash).toBe(`sha256:${createHash('sha256').update(stored.zip).digest('hex')}`);
    expect(Object.keys(unzipSync(stored.zip))).toEqual(['modelgate-report.json']);

    const [listed] = await listArtifactsNamed(client, { ...R, name: 'modelgate-report-ci' });
    expect(listed).toMatchObject({ id: up.id, name: 'modelgate-report-ci', expired: false });
    expect(listed.run).toEqual({ id: run.id, headSha: SHA, headBranch: 'main', fromFork: false });
    const zip = await downloadArtifactZip(client, { ...R, artifact: listed });
    expect(readZipText(zip, 'modelgate-report.json', 'x')).toBe(text);
  });

  it('says plainly when not on Actions', async () => {
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    await expect(uploadFileArtifact('a', 'x.json', 1)).rejects.toThrow(/ACTIONS_RUNTIME_TOKEN/);
  });
});

describe('listing', () => {
  it('pages through the repository-wide list (name-filtered, newest first) up to the page cap', async () => {
    const other = gh.addRun(REPO, { sha: 'b'.repeat(40), artifacts: { unrelated: zipOf({}) } });
    for (let i = 0; i < 230; i++)
      gh.addRun(REPO, { sha: i.toString(16).padStart(40, '0'), artifacts: { want: zipOf({}) } });
    const all = await listArtifactsNamed(client, { ...R, name: 'want' });
    expect(all).toHaveLength(230);
    expect(all[0].run?.headSha).toBe((229).toString(16).padStart(40, '0'));
    expect(all.every((a) => a.name === 'want' && a.run?.id !== other.id)).toBe(true);
    const warned: string[] = [];
    const capped = await listArtifactsNamed(
      client,
      { ...R, name: 'want' },
      { maxPages: 2, warn: (m) => warned.push(m) },
    );
    expect(capped).toHaveLength(200);
    expect(warned).toEqual([expect.stringMatching(/stopped reading the artifacts named want after 2 pages/)]);
    const listCalls = gh.requests.filter((q) => q.path === '/repos/o/r/actions/artifacts');
    expect(listCalls.every((q) => q.query.get('name') === 'want')).toBe(true);
  });

  it('can stop early, and tells a fork run apart', async () => {
    gh.addRun(REPO, { sha: SHA, headRepo: 'fork/r', artifacts: { want: zipOf({}) } });
    for (let i = 0; i < 150; i++) gh.addRun(REPO, { sha: SHA, artifacts: { want: zipOf({}) } });
    const firstPage = await listArtifactsNamed(client, { ...R, name: 'want' }, undefined, () => true);
    expect(firstPage).toHaveLength(100);
    const all = await listArtifactsNamed(client, { ...R, name: 'want' });
    expect(all.filter((a) => a.run?.fromFork)).toHaveLength(1);
  });

  it("lists one run's artifacts", async () => {
    const run = gh.addRun(REPO, { sha: SHA, artifacts: { a: zipOf({}), b: zipOf({}) } });
    expect((await listRunArtifacts(client, { ...R, runId: run.id })).map((a) => a.name)).toEqual(['a', 'b']);
  });
});

describe('downloadArtifactZip', () => {
  const one = async (files: Record<string, string> | Uint8Array): Promise<ArtifactInfo> => {
    gh.addRun(REPO, { sha: SHA, artifacts: { rep: files instanceof Uint8Array ? files : zipOf(files) } });
    return (await listArtifactsNamed(client, { ...R, name: 'rep' }))[0];
  };

  it('follows the redirect to the blob without sending the token there', async () => {
    const a = await one({ 'f.json': '{"x":1}' });
    expect(readZipText(await downloadArtifactZip(client, { ...R, artifact: a }), 'f.json', 'o')).toBe('{"x":1}');
    const [api, blob] = gh.requests.slice(-2);
    expect(api.status).toBe(302);
    expect(blob.path).toBe(`/_blob/${a.id}`);
    expect(blob.headers.authorization).toBeUndefined();
    expect(blob.status).toBe(200);
  });

  it('refuses expired (flag or HTTP 410), deleted and oversized artifacts with a reason', async () => {
    const a = await one({ 'f.json': '{}' });
    await expect(downloadArtifactZip(client, { ...R, artifact: { ...a, expired: true } })).rejects.toThrow(
      /artifact "rep" \(\d+\): expired$/,
    );
    gh.artifacts.get(a.id)!.expired = true;
    await expect(downloadArtifactZip(client, { ...R, artifact: a })).rejects.toThrow(/expired \(HTTP 410\)/);
    gh.artifacts.delete(a.id);
    await expect(downloadArtifactZip(client, { ...R, artifact: a })).rejects.toThrow(/not found \(deleted\?\)/);
    const big = await one({ 'f.json': 'y'.repeat(5000) });
    await expect(downloadArtifactZip(client, { ...R, artifact: big }, { maxBytes: 100 })).rejects.toThrow(
      /larger than the limit of 100 bytes/,
    );
    // The listed size can lie: the download itself is bounded.
    await expect(
      downloadArtifactZip(client, { ...R, artifact: { ...big, sizeInBytes: 10 } }, { maxBytes: 100 }),
    ).rejects.toThrow(/larger than the limit of 100 bytes/);
  });

  it('reads one file out of the zip, refusing corrupt archives, missing files, non-UTF-8 and oversized entries', () => {
    const zip = zipOf({ 'f.json': 'z'.repeat(1000), 'other.txt': 'x' });
    expect(() => readZipText(strToU8('PK\u0003\u0004 not really'), 'f.json', 'art')).toThrow(
      /^art: not a readable zip archive$/,
    );
    expect(() => readZipText(zip, 'g.json', 'art')).toThrow(/art: the artifact holds no g.json/);
    expect(() => readZipText(zip, 'f.json', 'art', 999)).toThrow(/art: f.json is too large/);
    expect(() => readZipText(zipSync({ 'f.json': new Uint8Array([0xff, 0xfe]) }), 'f.json', 'art')).toThrow(
      /not UTF-8 text/,
    );
  });
});
