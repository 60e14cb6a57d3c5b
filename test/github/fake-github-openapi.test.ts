// The fake GitHub servers are held to GitHub's OpenAPI description (test/helpers/openapi.ts):
// wrong shapes are caught, whether checked directly or sent by a fake server to the real client.

import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { fakeServerClient, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import {
  checkGitHubResponse,
  GITHUB_OPENAPI_SOURCE,
  githubObject,
  githubResponse,
  operationOf,
  takeViolations,
} from '../helpers/openapi.js';

const require = createRequire(import.meta.url);
const extract: {
  operations: Record<string, Record<string, unknown>>;
} = require('../../fixtures/github-openapi/responses.json');

const COMMENTS = '/repos/o/r/issues/7/comments';

describe('checkGitHubResponse', () => {
  const comment = () =>
    githubObject('issue-comment', { id: 1, body: 'hi', user: githubObject('simple-user', { login: 'a', id: 2 }) });

  test('accepts a comment with every field GitHub promises', () => {
    expect(checkGitHubResponse('POST', COMMENTS, 201, comment())).toEqual([]);
  });

  test('names a missing field, a wrong type and a malformed date', () => {
    const { node_id: _, ...noNodeId } = comment();
    expect(checkGitHubResponse('POST', COMMENTS, 201, noNodeId).join('\n')).toMatch(
      /POST \/repos\/o\/r\/issues\/7\/comments → 201: \/ must have required property 'node_id'/,
    );
    expect(checkGitHubResponse('POST', COMMENTS, 201, { ...comment(), id: '1' }).join('\n')).toMatch(
      /\/id must be integer/,
    );
    expect(checkGitHubResponse('POST', COMMENTS, 201, { ...comment(), created_at: 'yesterday' }).join('\n')).toMatch(
      /\/created_at must match format "date-time"/,
    );
  });

  test('a user without avatar_url (the old fake shape) is caught', () => {
    const c = { ...comment(), user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } };
    expect(checkGitHubResponse('GET', COMMENTS, 200, [c]).join('\n')).toMatch(
      /\/0\/user must have required property 'avatar_url'/,
    );
  });

  test('a success on an operation or status GitHub does not describe is refused; undescribed errors pass', () => {
    expect(checkGitHubResponse('GET', '/repos/o/r/teleport', 200, {})).toEqual([
      expect.stringMatching(/not an operation in .*add it to scripts\/extract-github-openapi\.mjs/),
    ]);
    expect(checkGitHubResponse('POST', COMMENTS, 200, comment())).toEqual([
      expect.stringMatching(
        /GitHub does not answer POST \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}\/comments with 200/,
      ),
    ]);
    expect(checkGitHubResponse('POST', COMMENTS, 502, { message: 'bad gateway' })).toEqual([]);
    expect(checkGitHubResponse('DELETE', '/repos/o/r/issues/comments/5', 204, { id: 5 })).toEqual([
      expect.stringMatching(/GitHub sends no body here/),
    ]);
  });

  test('request paths map to their operation templates', () => {
    expect(operationOf('GET', '/repos/o/r/issues/comments/12')).toBe(
      'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
    );
    expect(operationOf('GET', COMMENTS)).toBe('GET /repos/{owner}/{repo}/issues/{issue_number}/comments');
    expect(operationOf('GET', '/repos/o/r/contents/reports/a/main.json')).toBe(
      'GET /repos/{owner}/{repo}/contents/{path}',
    );
    expect(operationOf('GET', '/repos/o/r/git/ref/heads/modelgate/results')).toBe(
      'GET /repos/{owner}/{repo}/git/ref/{ref}',
    );
    expect(operationOf('GET', '/repos/o/r/actions/runs')).toBe('GET /repos/{owner}/{repo}/actions/runs');
    expect(operationOf('PUT', COMMENTS)).toBeNull();
  });

  test('githubResponse fills every described success body so that it validates', () => {
    expect(GITHUB_OPENAPI_SOURCE).toMatch(/^@octokit\/openapi@\d+\.\d+\.\d+ /);
    const concrete = (template: string) => template.replace(/\{[^}]+\}/g, '1');
    let checked = 0;
    for (const [op, responses] of Object.entries(extract.operations))
      for (const status of Object.keys(responses).filter((s) => /^2/.test(s) && responses[s] !== null)) {
        const [method, path] = op.split(' ');
        expect([
          op,
          checkGitHubResponse(method, concrete(path), Number(status), githubResponse(op, Number(status))),
        ]).toEqual([op, []]);
        checked++;
      }
    expect(checked).toBeGreaterThan(25);
  });
});

describe('a fake server sending a wrong shape', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await startFakeGitHub();
  });
  afterEach(async () => {
    await gh.stop();
  });

  test('is recorded for the guard, which fails the test', async () => {
    // A scripted "failure" with a success status: an error body where GitHub sends a list.
    gh.fail({ method: 'GET', path: /\/comments$/, status: 200, message: 'not a list' });
    const client = fakeServerClient(gh);
    await client.rest.issues.listComments({ owner: 'o', repo: 'r', issue_number: 7 }).catch(() => undefined);
    const store = (globalThis as Record<symbol, string[]>)[Symbol.for('modelgate.github-openapi.violations')];
    expect(store.join('\n')).toMatch(/GET \/repos\/o\/r\/issues\/7\/comments → 200: \/ must be array/);
    expect(takeViolations()).toHaveLength(store.length); // taken, so the guard lets this test pass
  });

  test('the fake server’s own answers conform', async () => {
    gh.addComment('o/r', 7, 'earlier');
    const client = fakeServerClient(gh);
    await client.rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 7, body: 'hello' });
    await client.rest.issues.listComments({ owner: 'o', repo: 'r', issue_number: 7 });
    expect(gh.requests.map((r) => r.status)).toEqual([201, 200]);
    expect(takeViolations()).toEqual([]);
  });
});
