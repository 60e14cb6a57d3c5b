import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompare } from '../../src/cli/commands/compare.js';
import type { Comparison } from '../../src/core/compare/types.js';
import { describeError } from '../../src/exit.js';
import { makeReport, mc } from '../helpers/stats-reports.js';

const names = ['cat', 'dog', 'bird'];
const truth = Array.from({ length: 600 }, (_, i) => i % 3);
const basePred = truth.map((t, i) => (i % 10 === 0 ? (t + 1) % 3 : t));
// Head misses the 99 dogs among the first 330 examples that base found (recall 0.9 -> 0.405).
const headPred = basePred.map((p, i) => (truth[i] === 1 && i % 10 !== 0 && i < 330 ? 2 : p));

let dir: string;
const out = () => {
  let text = '';
  return { sink: { write: (s: string) => ((text += s), true) }, text: () => text };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mg-compare-'));
  writeFileSync(join(dir, 'base.json'), JSON.stringify(makeReport('multiclass', names, { test: mc(truth, basePred) })));
  writeFileSync(join(dir, 'head.json'), JSON.stringify(makeReport('multiclass', names, { test: mc(truth, headPred) })));
  writeFileSync(join(dir, 'same.json'), JSON.stringify(makeReport('multiclass', names, { test: mc(truth, basePred) })));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('modelgate compare', () => {
  it('fails with exit 1 on a regression, writing JSON and Markdown and a short verdict', async () => {
    const missing = await runCompare(
      ['--base', join(dir, 'base.json'), '--head', join(dir, 'head.json'), '--config', join(dir, 'none.yml')],
      { stdout: out().sink },
    ).then(
      () => null,
      (e) => e,
    );
    // --config naming a missing file is an error when given explicitly.
    expect(describeError(missing)).toEqual({ message: expect.stringMatching(/none\.yml: no such file/), exitCode: 2 });

    const o2 = out();
    const code2 = await runCompare(
      [
        '--base',
        join(dir, 'base.json'),
        '--head',
        join(dir, 'head.json'),
        '--json',
        join(dir, 'o/cmp.json'),
        '--markdown',
        join(dir, 'o/c.md'),
      ],
      { stdout: o2.sink },
    );
    expect(code2).toBe(1);
    const cmp: Comparison = JSON.parse(readFileSync(join(dir, 'o/cmp.json'), 'utf8'));
    expect(cmp.schema).toBe('modelgate/comparison@1');
    expect(cmp.verdict).toBe('fail');
    const dog = cmp.classes.find((c) => c.name === 'dog')!;
    expect(dog.status).toBe('regression');
    expect(dog.test).toMatchObject({ kind: 'mcnemar', b: 99, c: 0 });
    expect(readFileSync(join(dir, 'o/c.md'), 'utf8')).toContain('dog');
    expect(o2.text()).toMatch(/^verdict: FAIL\n/);
    expect(o2.text()).toMatch(/class 'dog' \(test\): found 180\/200 → 81\/200/);
    expect(o2.text()).toMatch(/wrote .*cmp\.json, .*c\.md\n$/);
  });

  it('passes with exit 0 on identical reports; no-baseline without --base', async () => {
    const o = out();
    expect(
      await runCompare(['--base', join(dir, 'base.json'), '--head', join(dir, 'same.json')], { stdout: o.sink }),
    ).toBe(0);
    expect(o.text()).toMatch(/^verdict: PASS/);
    const o2 = out();
    expect(await runCompare(['--head', join(dir, 'head.json')], { stdout: o2.sink })).toBe(0);
    expect(o2.text()).toMatch(/^verdict: NO-BASELINE/);
  });

  it('applies a YAML config: ignoring the class turns the verdict around', async () => {
    const cfg = join(dir, 'rules.yml');
    writeFileSync(cfg, 'classes:\n  ignore: [dog]\nheadline:\n  metrics: []\ngaps:\n  metrics: []\n');
    const o = out();
    expect(
      await runCompare(['--base', join(dir, 'base.json'), '--head', join(dir, 'head.json'), '--config', cfg], {
        stdout: o.sink,
      }),
    ).toBe(0);
  });

  it('bad input is one line with exit code 2: unknown rule key, bad YAML, missing report, missing --head', async () => {
    const cases: [string[], RegExp][] = [];
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'headline: [accuracy, f1_macro, recal_macro]\n');
    cases.push([
      ['--head', join(dir, 'head.json'), '--config', bad],
      /bad\.yml: headline\[2\]: unknown metric 'recal_macro'/,
    ]);
    const broken = join(dir, 'broken.yml');
    writeFileSync(broken, 'classes:\n  ignore: [dog\n');
    cases.push([['--head', join(dir, 'head.json'), '--config', broken], /broken\.yml:\d+:\d+: not valid YAML/]);
    cases.push([['--head', join(dir, 'nope.json')], /nope\.json: no such file/]);
    cases.push([['--base', join(dir, 'base.json')], /compare: --head FILE is required/]);
    cases.push([['--head', join(dir, 'head.json'), '--bogus'], /compare: unknown option --bogus/]);
    for (const [argv, re] of cases) {
      const err = await runCompare(argv, { stdout: out().sink }).then(
        () => null,
        (e) => e,
      );
      const d = describeError(err);
      expect(d.exitCode).toBe(2);
      expect(d.message).toMatch(re);
      expect(d.message).not.toContain('\n');
    }
    expect(existsSync(join(dir, 'o2'))).toBe(false);
  });

  it('--html writes the self-contained report, with a point per class and the verdict', async () => {
    const o = out();
    const html = join(dir, 'h/report.html');
    const code = await runCompare(
      ['--base', join(dir, 'base.json'), '--head', join(dir, 'head.json'), '--html', html],
      {
        stdout: o.sink,
      },
    );
    expect(code).toBe(1);
    const text = readFileSync(html, 'utf8');
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain('verdict-fail');
    expect((text.match(/<circle class="pt pt-/g) ?? []).length).toBe(names.length);
    expect(o.text()).toContain(`wrote ${html}`);
  });

  it('--html naming an input is refused before anything is written', async () => {
    const err = await runCompare(
      ['--base', join(dir, 'base.json'), '--head', join(dir, 'head.json'), '--html', join(dir, 'base.json')],
      {
        stdout: out().sink,
      },
    ).then(
      () => null,
      (e) => e,
    );
    expect(describeError(err).exitCode).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')).schema).toBe('modelgate/report@3');
  });
});
