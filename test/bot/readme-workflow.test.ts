// The README's pairing workflow builds the evaluation file with jq; the bot must accept what it makes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseEvaluation } from '../../src/github/evaluation-artifact.js';
import { reportOf, BASE_MODEL } from './world.js';

function jqAvailable(): boolean {
  try {
    execFileSync('jq', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** The jq program of the README's workflow, with the expressions GitHub would substitute. */
function readmeJq(): string {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## The modelgate bot');
  const m = /jq -n --slurpfile r report\.json \\\n[\s\S]*?'(\{schema[\s\S]*?\})' \\\n/.exec(readme.slice(start));
  if (!m) throw new Error('the README no longer shows the jq step');
  return m[1];
}

const maybe = jqAvailable() ? describe : describe.skip;
if (!jqAvailable()) console.warn('jq is not installed: the README workflow test is skipped');

maybe('the README workflow', () => {
  it('writes an evaluation the bot accepts, for a PR and for a push', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelgate-readme-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(await reportOf(BASE_MODEL, 'a'.repeat(40))));
    const program = readmeJq();
    const run = (pr: string, head: string, base: string) =>
      execFileSync(
        'jq',
        [
          '-n',
          '--slurpfile',
          'r',
          'report.json',
          '--argjson',
          'pr',
          pr,
          '--arg',
          'head',
          head,
          '--arg',
          'base',
          base,
          program,
        ],
        { cwd: dir },
      ).toString();
    const pr = parseEvaluation(run('12', 'b'.repeat(40), 'a'.repeat(40)), 'pr');
    expect(pr).toMatchObject({ pullRequest: 12, headSha: 'b'.repeat(40), baseSha: 'a'.repeat(40), key: 'modelgate' });
    const push = parseEvaluation(run('null', 'a'.repeat(40), ''), 'push');
    expect(push).toMatchObject({ pullRequest: null, baseSha: null });
  });
});
