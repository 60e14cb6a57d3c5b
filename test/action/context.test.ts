import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readContext } from '../../src/action/context.js';
import { prPayload, pushPayload } from '../helpers/run-action.js';

const dir = mkdtempSync(join(tmpdir(), 'modelgate-ctx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function ctxFor(payload: object, env: Record<string, string> = {}) {
  const path = join(dir, `e${n++}.json`);
  writeFileSync(path, JSON.stringify(payload));
  return readContext({ GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: 'octo/models', GITHUB_RUN_ID: '9', ...env });
}

describe('readContext', () => {
  it('reads a real pull_request payload: head, base sha, number, not a fork', () => {
    const c = ctxFor(prPayload('octo/models', { baseSha: 'b'.repeat(40) }), { GITHUB_EVENT_NAME: 'pull_request' });
    expect(c.pr).toEqual({
      number: 2,
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      baseSha: 'b'.repeat(40),
      baseRef: 'master',
      headRepo: 'octo/models',
      baseRepo: 'octo/models',
      fork: false,
    });
    expect(c.runUrl).toBe('https://github.com/octo/models/actions/runs/9');
    expect(c.apiUrl).toBe('https://api.github.com');
  });
  it('sees a fork, and a deleted fork', () => {
    expect(ctxFor(prPayload('octo/models', { fork: true })).pr?.fork).toBe(true);
    const p = prPayload('octo/models');
    p.pull_request.head.repo = null;
    expect(ctxFor(p).pr?.fork).toBe(true);
  });
  it('reads push: before, and none for a new branch', () => {
    const c = ctxFor(pushPayload('octo/models', { before: 'c'.repeat(40) }), {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SERVER_URL: 'https://ghe.example/',
      GITHUB_API_URL: 'https://ghe.example/api/v3',
    });
    expect(c.pr).toBeNull();
    expect(c.before).toBe('c'.repeat(40));
    expect(c.runUrl).toBe('https://ghe.example/octo/models/actions/runs/9');
    expect(c.apiUrl).toBe('https://ghe.example/api/v3');
    expect(ctxFor(pushPayload('octo/models', { before: '0'.repeat(40) })).before).toBeNull();
  });
  it('explains a broken payload file', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{nope');
    expect(() => readContext({ GITHUB_EVENT_PATH: path })).toThrow(
      /GITHUB_EVENT_PATH .*bad.json: expected the event payload/,
    );
  });
});
