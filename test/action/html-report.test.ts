// The action's HTML report step: written next to the head report, uploaded through the given
// uploader only on a runner, linked by the artifact's URL; every failure is one warning.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { artifactUrl, publishHtmlReport, type UploadFile } from '../../src/action/html-report.js';
import { comparedPair, type Pair } from '../helpers/html-reports.js';

let dir: string;
let pair: Pair;
let stdout: string[];
const saved = process.env.ACTIONS_RUNTIME_TOKEN;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mg-html-'));
  pair = comparedPair(['cat', 'dog', 'bird', 'fish'], 5);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (stdout.push(String(s)), true));
});
afterEach(() => {
  jest.restoreAllMocks();
  if (saved === undefined) delete process.env.ACTIONS_RUNTIME_TOKEN;
  else process.env.ACTIONS_RUNTIME_TOKEN = saved;
});

const RUN = 'https://github.com/acme/vision/actions/runs/4242';
const job = (path: string, upload: UploadFile, inputs: string[] = []) => ({
  comparison: pair.comparison,
  head: pair.head,
  path,
  artifact: 'modelgate-report',
  runUrl: RUN,
  inputs,
  upload,
});

describe('artifactUrl', () => {
  test('the run URL with /artifacts/<id>; nothing without a positive whole id or a run', () => {
    expect(artifactUrl(RUN, 987)).toBe(`${RUN}/artifacts/987`);
    expect(artifactUrl(RUN, undefined)).toBeUndefined();
    expect(artifactUrl(RUN, 0)).toBeUndefined();
    expect(artifactUrl(RUN, 1.5)).toBeUndefined();
    expect(artifactUrl(undefined, 3)).toBeUndefined();
  });
});

describe('publishHtmlReport', () => {
  test('on a runner: writes the page, uploads that file with the retention, returns the link', async () => {
    process.env.ACTIONS_RUNTIME_TOKEN = 'x';
    const calls: [string, string, number][] = [];
    const path = join(dir, 'a', 'report.html');
    const r = await publishHtmlReport(
      job(path, async (name, file, days) => {
        calls.push([name, file, days]);
        return { id: 31 };
      }),
    );
    expect(r).toEqual({ written: true, url: `${RUN}/artifacts/31` });
    expect(calls).toEqual([['modelgate-report', path, 30]]);
    expect(readFileSync(path, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  test('off a runner: written, not uploaded, said once', async () => {
    delete process.env.ACTIONS_RUNTIME_TOKEN;
    const upload = jest.fn<UploadFile>();
    const r = await publishHtmlReport(job(join(dir, 'b.html'), upload));
    expect(r).toEqual({ written: true });
    expect(upload).not.toHaveBeenCalled();
    expect(stdout.join('')).toContain('the HTML report was not uploaded');
  });

  test('a refused upload is one warning and no link', async () => {
    process.env.ACTIONS_RUNTIME_TOKEN = 'x';
    const r = await publishHtmlReport(
      job(join(dir, 'c.html'), async () => {
        throw new Error('uploading c.html as artifact modelgate-report failed: 403\nstack');
      }),
    );
    expect(r).toEqual({ written: true });
    const warnings = stdout
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('::warning::'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('403');
    expect(warnings[0]).not.toContain('stack');
  });

  test('never over an input: a warning, the input intact, nothing uploaded', async () => {
    process.env.ACTIONS_RUNTIME_TOKEN = 'x';
    const input = join(dir, 'head.json');
    writeFileSync(input, '{"keep":true}');
    const upload = jest.fn<UploadFile>();
    const r = await publishHtmlReport(job(input, upload, [input]));
    expect(r).toEqual({ written: false });
    expect(readFileSync(input, 'utf8')).toBe('{"keep":true}');
    expect(upload).not.toHaveBeenCalled();
    expect(stdout.join('')).toMatch(/::warning::writing the HTML report/);
    expect(existsSync(join(dir, 'c.html'))).toBe(true);
  });
});
