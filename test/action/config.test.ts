import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deepMerge, loadRules, preprocessOf, readActionConfig } from '../../src/action/config.js';
import { defaultRules } from '../../src/core/compare/rules.js';

const dir = mkdtempSync(join(tmpdir(), 'modelgate-cfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
type LoadArgs = Omit<Parameters<typeof loadRules>[0], 'config'> & { configPath: string };
const load = async ({ configPath, ...rest }: LoadArgs) =>
  loadRules({ config: await readActionConfig(configPath), ...rest });
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('loadRules', () => {
  it('uses the defaults when the file is missing', async () => {
    const r = await load({ configPath: join(dir, 'none.yml'), inputRules: {}, task: 'multiclass' });
    expect(r).toEqual({ rules: defaultRules('multiclass'), failOnRegression: true, origin: 'defaults' });
  });

  it('lays inputs over the file', async () => {
    const p = file(
      'a.yml',
      'fail-on-regression: false\nclasses:\n  min-support: 10\n  ignore: [x]\nheadline: [accuracy]\nfdr: 0.1\n',
    );
    const r = await load({
      configPath: p,
      inputRules: { 'min-support': '3', 'max-drop': '4pt' },
      task: 'multiclass',
    });
    expect(r.failOnRegression).toBe(false);
    expect(r.origin).toBe(`${p} + action inputs`);
    expect(r.rules.classes.minSupport).toBe(3);
    expect(r.rules.classes.ignore).toEqual(['x']);
    expect(r.rules.headline.metrics).toEqual(['accuracy']);
    expect(r.rules.headline.maxDrop.default.fail).toEqual({ value: 0.04, relative: false });
    expect(r.rules.headline.maxDrop.default.warn).toEqual(defaultRules('multiclass').headline.maxDrop.default.warn);
    expect(r.rules.fdr.level).toBe(0.1);
  });

  it('lets the input decide fail-on-regression over the file', async () => {
    const p = file('b.yml', 'fail-on-regression: false\n');
    expect(
      (await load({ configPath: p, inputRules: {}, failOnRegression: true, task: 'multiclass' })).failOnRegression,
    ).toBe(true);
  });

  it('takes ignore-classes one a line or comma-separated', async () => {
    const none = join(dir, 'none.yml');
    expect(
      (await load({ configPath: none, inputRules: { 'ignore-classes': 'a,b' }, task: 'multiclass' })).rules.classes
        .ignore,
    ).toEqual(['a', 'b']);
    expect(
      (await load({ configPath: none, inputRules: { 'ignore-classes': 'a, b\nc' }, task: 'multiclass' })).rules.classes
        .ignore,
    ).toEqual(['a, b', 'c']);
  });

  it('names the input or the file line that is wrong', async () => {
    const none = join(dir, 'none.yml');
    await expect(load({ configPath: none, inputRules: { fdr: '7' }, task: 'multiclass' })).rejects.toThrow(
      /^input fdr: fdr.level: expected a number/,
    );
    await expect(
      load({ configPath: file('c.yml', 'classes:\n  min-suport: 3\n'), inputRules: {}, task: 'multiclass' }),
    ).rejects.toThrow(/c\.yml: classes\.min-suport: unknown key/);
    await expect(
      load({ configPath: file('d.yml', 'classes: [\n'), inputRules: {}, task: 'multiclass' }),
    ).rejects.toThrow(/d\.yml:\d+:\d+: not valid YAML \(/);
    await expect(load({ configPath: file('e.yml', '- a\n'), inputRules: {}, task: 'multiclass' })).rejects.toThrow(
      /e\.yml: expected a mapping of rules/,
    );
  });
});

describe('preprocessOf', () => {
  it('takes the file, the input over it, and names the origin of a bad value', async () => {
    const cfg = await readActionConfig(file('p.yml', 'preprocess:\n  scale: 1/16\nclasses:\n  min-support: 2\n'));
    expect(preprocessOf(cfg, undefined)).toEqual({ scale: 1 / 16 });
    expect(preprocessOf(cfg, '{ mean: 0.5, std: 2 }')).toEqual({ mean: 0.5, std: 2 });
    expect(preprocessOf(await readActionConfig(join(dir, 'none.yml')), undefined)).toBeUndefined();
    expect(() => preprocessOf(cfg, '{ scal: 1 }')).toThrow(/^input preprocess: preprocess\.scal is not a known option/);
    // The file's preprocess is checked when the file is read, before anything is evaluated.
    await expect(readActionConfig(file('q.yml', 'preprocess:\n  std: 0\n'))).rejects.toThrow(
      /q\.yml: preprocess: preprocess\.std must not contain 0/,
    );
  });
  it('keeps preprocess out of the rules', async () => {
    const r = await load({ configPath: join(dir, 'p.yml'), inputRules: {}, task: 'multiclass' });
    expect(r.rules.classes.minSupport).toBe(2);
  });
});

describe('deepMerge', () => {
  it('merges mappings and replaces lists and values', () => {
    expect(deepMerge({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] }, e: 2 })).toEqual({
      a: { b: 1, c: [2] },
      d: 1,
      e: 2,
    });
  });
});
