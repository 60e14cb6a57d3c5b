// Commit statuses and the contents API against the fake GitHub.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { GitHubClient } from '../../src/github/client.js';
import { contentsPath, readRepoFile } from '../../src/github/contents.js';
import { explain, httpStatus, isTooLarge } from '../../src/github/errors.js';
import { setCommitStatus, statusDescription } from '../../src/github/statuses.js';
import { fakeServerClient, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
let gh: FakeGitHub;
let client: GitHubClient;
beforeEach(async () => {
  gh = await startFakeGitHub();
  client = fakeServerClient(gh);
});
afterEach(() => gh.stop());

describe('setCommitStatus', () => {
  it('posts state, context, a one-line description and the run link', async () => {
    await setCommitStatus(client, {
      owner: 'o',
      repo: 'r',
      sha: SHA,
      state: 'failure',
      context: 'modelgate/m',
      description: 'recall of "cat"\ndropped',
      targetUrl: 'https://x/run',
    });
    expect(gh.statuses).toEqual([
      {
        owner: 'o',
        repo: 'r',
        sha: SHA,
        state: 'failure',
        context: 'modelgate/m',
        description: 'recall of "cat" dropped',
        target_url: 'https://x/run',
      },
    ]);
  });
  it('keeps descriptions within 140 characters', async () => {
    const long = 'é'.repeat(300);
    expect(statusDescription(long)).toHaveLength(140);
    await setCommitStatus(client, {
      owner: 'o',
      repo: 'r',
      sha: SHA,
      state: 'success',
      context: 'c',
      description: long,
    });
    expect(gh.statuses[0].description!.length).toBeLessThanOrEqual(140);
  });
  it('names statuses: write on a 403', async () => {
    gh.denied.add('statuses:write');
    await expect(
      setCommitStatus(client, { owner: 'o', repo: 'r', sha: SHA, state: 'success', context: 'c', description: 'ok' }),
    ).rejects.toThrow(/setting the commit status 'c' on 0123456 was refused .*statuses: write/);
  });
});

describe('readRepoFile', () => {
  it('reads a small file at the given ref (JSON, base64)', async () => {
    gh.putFile('o/r', SHA, 'reports/main.json', '{"a":"é"}');
    gh.putFile('o/r', 'f'.repeat(40), 'reports/main.json', '{"other":1}');
    expect(await readRepoFile(client, { owner: 'o', repo: 'r', path: 'reports/main.json', ref: SHA })).toEqual({
      text: '{"a":"é"}',
      size: 10,
    });
    const q = gh.requests[0];
    expect(q.path).toBe('/repos/o/r/contents/reports/main.json');
    expect(q.query.get('ref')).toBe(SHA);
    // Raw from the start: the JSON media type is refused for files over 1 MB.
    expect(q.headers.accept).toMatch(/application\/vnd\.github(\.v3)?\.raw/);
  });
  it('keeps the slashes of the path and encodes each segment', async () => {
    gh.putFile('o/r', SHA, 'my reports/main #1?.json', 'x');
    expect(
      (await readRepoFile(client, { owner: 'o', repo: 'r', path: 'my reports/main #1?.json', ref: SHA }))?.text,
    ).toBe('x');
    expect(gh.requests[0].path).toBe('/repos/o/r/contents/my%20reports/main%20%231%3F.json');
  });
  it.each(['../../issues', 'reports/../../../../user', './../pulls', 'reports/./main.json', 'a//b.json', 'x\n/y'])(
    'refuses %j before any request: it must not leave the contents endpoint',
    async (path) => {
      await expect(readRepoFile(client, { owner: 'o', repo: 'r', path, ref: SHA })).rejects.toThrow(
        /baseline-ref-path: expected a file path inside the repository/,
      );
      expect(gh.requests).toEqual([]);
    },
  );
  it('encodes dots and URL syntax inside segments, so every read stays under /contents/', () => {
    expect(contentsPath('/reports/main.json')).toBe('reports/main.json');
    expect(contentsPath('.../..x/%2e%2e/a?b#c/{owner}')).toBe('.../..x/%252e%252e/a%3Fb%23c/%7Bowner%7D');
  });
  it('reads files over 1 MB in one request with the raw media type (JSON media answers 403 too_large)', async () => {
    const big = JSON.stringify({ pad: 'z'.repeat(1_200_000) });
    gh.putFile('o/r', SHA, 'big.json', big);
    const f = await readRepoFile(client, { owner: 'o', repo: 'r', path: './big.json', ref: SHA });
    expect(f?.text).toBe(big);
    expect(gh.requests.map((q) => q.headers.accept)).toEqual([
      expect.stringMatching(/application\/vnd\.github(\.v3)?\.raw/),
    ]);
    // What the old JSON request got: a 403 that is about size, not about permissions.
    const json = await client.request('GET /repos/o/r/contents/big.json', { ref: SHA }).catch((e: unknown) => e);
    expect(httpStatus(json)).toBe(403);
    expect(isTooLarge(json)).toBe(true);
    const said = explain(json, 'contents', 'reading big.json');
    expect(said.message).toMatch(/too large/);
    expect(said.message).not.toMatch(/contents: read/);
    expect(said.permissionDenied).toBe(false);
  });
  it('calls a directory a directory', async () => {
    gh.putFile('o/r', SHA, 'reports/main.json', '{}');
    await expect(readRepoFile(client, { owner: 'o', repo: 'r', path: 'reports', ref: SHA })).rejects.toThrow(
      /reports is a directory, not a file/,
    );
  });
  it('answers null for a missing path and explains a 403', async () => {
    expect(await readRepoFile(client, { owner: 'o', repo: 'r', path: 'nope.json', ref: SHA })).toBeNull();
    gh.denied.add('contents:read');
    await expect(readRepoFile(client, { owner: 'o', repo: 'r', path: 'nope.json', ref: SHA })).rejects.toThrow(
      /contents: read/,
    );
  });
});
