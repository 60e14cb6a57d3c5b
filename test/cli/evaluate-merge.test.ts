import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, runEvaluate } from '../../src/cli/commands/evaluate.js';
import { merge, runMerge } from '../../src/cli/commands/merge.js';
import { UsageError } from '../../src/core/errors.js';
import { readReport } from '../../src/io/report-file.js';
import { InputError } from '../../src/io/types.js';
import { bundleEntry } from '../helpers/bundle.js';

let dir: string;
const at = (name: string) => join(dir, name);
const rows = (n: number, offset: number) =>
  Array.from({ length: n }, (_, i) => {
    const t = `k${(i + offset) % 7}`;
    return `${t},${(i + offset) % 3 === 0 ? `k${(i + offset + 1) % 7}` : t}`;
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mg-cli-'));
  const all = rows(300, 0);
  writeFileSync(at('all.csv'), ['label,pred', ...all].join('\n') + '\n');
  writeFileSync(at('shard0.csv'), ['label,pred', ...all.slice(0, 120)].join('\n') + '\n');
  writeFileSync(at('shard1.csv'), ['label,pred', ...all.slice(120)].join('\n') + '\n');
  writeFileSync(at('train.csv'), ['label,pred', ...rows(100, 5)].join('\n') + '\n');
  writeFileSync(at('classes.txt'), ['k6', 'k5', 'k4', 'k3', 'k2', 'k1', 'k0'].join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  return { out, sink: { write: (s: string) => out.push(s), isTTY: false } };
}

describe('evaluate command', () => {
  it('writes a valid report and prints a summary per split', async () => {
    const o = capture();
    const code = await runEvaluate(
      [
        '--split',
        `test=${at('all.csv')}`,
        `--split=train=${at('train.csv')}`,
        '--classes',
        at('classes.txt'),
        '--commit',
        'c0ffee',
        '--out',
        at('out/r.json'),
      ],
      { stdout: o.sink, stderr: capture().sink },
    );
    expect(code).toBe(0);
    const r = await readReport(at('out/r.json'));
    expect(r.classes).toEqual(['k6', 'k5', 'k4', 'k3', 'k2', 'k1', 'k0']);
    expect(Object.keys(r.splits)).toEqual(['test', 'train']);
    expect(r.commit).toBe('c0ffee');
    expect(r.splits.test.examples).toBe(300);
    expect(r.splits.test.metrics.accuracy).toBe(200 / 300); // every third row is wrong
    const text = o.out.join('');
    expect(text).toContain(`wrote ${at('out/r.json')} (multiclass, 7 classes, 2 splits)`);
    expect(text).toMatch(
      /\n {2}test {4}\s+300 examples {2}accuracy 0\.6667 {2}f1_macro 0\.\d{4} {2}f1_weighted 0\.\d{4}\n/,
    );
  });

  it('has help with an example', () => {
    expect(evaluate.help).toMatch(/\nexamples?:\n/);
    expect(evaluate.help).toContain('--split NAME=PATH');
    expect(merge.help).toMatch(/\nexamples?:\n/);
  });

  it.each([
    [['--out', 'x.json'], /give at least one --split/],
    [['--split', 'test=a.csv'], /--out FILE is required/],
    [['--split', 'a.csv', '--out', 'x'], /must be NAME=PATH/],
    [['--split', '=a.csv', '--out', 'x'], /must be NAME=PATH/],
    [
      ['--split', 'a=x.csv', '--task', 'regression', '--out', 'x'],
      /--task is "regression"; expected multiclass or multilabel/,
    ],
    [['--split', 'a=x.csv', '--threshold', '1.5', '--out', 'x'], /--threshold is "1.5"; expected a number from 0 to 1/],
    [['--split', 'a=x.csv', '--threshold', 'abc', '--out', 'x'], /--threshold is "abc"/],
    [['--split', 'a=x.csv', '--bogus', '--out', 'x'], /unknown option --bogus/],
  ])('rejects %j', async (argv, re) => {
    const e = await runEvaluate(argv as string[], { stdout: capture().sink, stderr: capture().sink }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toMatch(re);
  });

  it('names a missing predictions file', async () => {
    const e = await runEvaluate(['--split', `test=${at('missing.csv')}`, '--out', at('x.json')], {
      stdout: capture().sink,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toContain(at('missing.csv'));
  });
});

describe('merge command', () => {
  it('merges shard reports into what one pass gives', async () => {
    const quiet = { stdout: capture().sink, stderr: capture().sink };
    await runEvaluate(['--split', `test=${at('shard0.csv')}`, '--out', at('s0.json')], quiet);
    await runEvaluate(['--split', `test=${at('shard1.csv')}`, '--out', at('s1.json')], quiet);
    await runEvaluate(['--split', `test=${at('all.csv')}`, '--out', at('one.json')], quiet);
    const o = capture();
    expect(await runMerge([at('s0.json'), at('s1.json'), '--out', at('merged.json')], { stdout: o.sink })).toBe(0);
    const merged = await readReport(at('merged.json'));
    const one = await readReport(at('one.json'));
    expect(merged.classes).toEqual(one.classes);
    expect(merged.splits.test.perClass).toEqual(one.splits.test.perClass);
    expect(merged.splits.test.metrics).toEqual(one.splits.test.metrics);
    expect(merged.splits.test.predictions).toEqual(one.splits.test.predictions);
    expect(merged.splits.test.fingerprints.labels).toBe(one.splits.test.fingerprints.labels);
    expect(merged.splits.test.fingerprints.files.map((f) => f.path)).toEqual([at('shard0.csv'), at('shard1.csv')]);
    expect(o.out.join('')).toContain('300 examples');
  });

  it('--shard i/n: three partial reports merge into the one-pass report; a missing shard is named', async () => {
    const quiet = { stdout: capture().sink, stderr: capture().sink };
    const args = ['--split', `test=${at('all.csv')}`, '--split', `train=${at('train.csv')}`, '--commit', 'c0ffee'];
    const o = capture();
    for (const i of [1, 2, 3])
      await runEvaluate([...args, '--shard', `${i}/3`, '--out', at(`part-${i}.json`)], { ...quiet, stdout: o.sink });
    expect(o.out[1]).toMatch(
      /^wrote .*part-2\.json \(shard 2\/3, multiclass, 7 classes, 2 splits\)\n {2}test .* 100 examples/,
    );
    await runEvaluate([...args, '--out', at('whole.json')], quiet);
    const parts = [3, 1, 2].map((i) => at(`part-${i}.json`));
    expect(await runMerge([...parts, '--out', at('sharded.json')], quiet)).toBe(0);
    const { createdAt: _a, ...merged } = await readReport(at('sharded.json'));
    const { createdAt: _b, ...whole } = await readReport(at('whole.json'));
    expect(merged).toEqual(whole);
    await expect(runMerge([parts[0], parts[2], '--out', at('x.json')], quiet)).rejects.toThrow(
      new UsageError('shard 1/3 is missing: a merge needs every shard 1/3 to 3/3 once'),
    );
    await expect(runEvaluate([...args, '--shard', '4/3', '--out', at('x.json')], quiet)).rejects.toThrow(
      new UsageError('evaluate: --shard: expected i/n with 1 <= i <= n <= 256 (e.g. 3/8), got "4/3"'),
    );
  });

  it('needs parts and --out', async () => {
    await expect(runMerge(['--out', 'x.json'])).rejects.toThrow(/give the report files/);
    await expect(runMerge(['a.json'])).rejects.toThrow(/--out FILE is required/);
  });
});

describe('the modelgate binary', () => {
  let cli: string;
  beforeAll(async () => {
    // The real door, bundled like dist/cli.js but into a temp dir (dist/ belongs to the build).
    cli = at('cli.mjs');
    await bundleEntry('src/cli/main.ts', cli);
  });
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, MODELGATE_DEBUG: '' } });

  it('exits 0 after writing the report', () => {
    const p = run('evaluate', '--split', `test=${at('all.csv')}`, '--out', at('bin.json'));
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(JSON.parse(readFileSync(at('bin.json'), 'utf8')).splits.test.examples).toBe(300);
  });

  it.each([
    [['evaluate', '--split', 'test=nope.csv', '--out', 'x.json'], /^error: nope\.csv: /],
    [['evaluate', '--splt', 'x'], /^error: evaluate: unknown option --splt/],
    [['merge', 'nope.json', '--out', 'x.json'], /^error: nope\.json: no such file/],
  ])('exits 2 on bad input %j with one line and no stack', (argv, re) => {
    const p = run(...(argv as string[]));
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(re);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stdout).toBe('');
  });

  it('exits 2 on a damaged report given to merge', () => {
    const text = readFileSync(at('bin.json'), 'utf8');
    writeFileSync(at('cut.json'), text.slice(0, 200));
    const p = run('merge', at('cut.json'), '--out', at('m.json'));
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/cut\.json:\d+:\d+: the JSON ends early/);
  });

  it('prints help with exit 0', () => {
    const p = run('evaluate', '--help');
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('usage: modelgate evaluate');
  });
});
