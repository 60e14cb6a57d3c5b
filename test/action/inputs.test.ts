import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseSplits, readInputs } from '../../src/action/inputs.js';

const getter = (m: Record<string, string>) => (name: string) => m[name] ?? '';

describe('parseSplits', () => {
  it('reads name=path lines, skipping blanks and comments', () => {
    expect(parseSplits('train=p/train.csv\n\n# the test set\n  test = p/test.csv  \r\n')).toEqual([
      { name: 'train', path: 'p/train.csv' },
      { name: 'test', path: 'p/test.csv' },
    ]);
  });
  it('takes a single bare path as the test split', () => {
    expect(parseSplits('preds.csv')).toEqual([{ name: 'test', path: 'preds.csv' }]);
  });
  it('names the line of a bad entry', () => {
    expect(() => parseSplits('train=a.csv\nb.csv')).toThrow('input splits, line 2: expected name=path');
    expect(() => parseSplits('a=x\na=y')).toThrow('split a is given twice');
    expect(() => parseSplits('bad name=x')).toThrow(/split name "bad name"/);
    expect(() => parseSplits('test=')).toThrow('split test has no path');
  });
});

describe('readInputs', () => {
  it('applies the defaults of action.yml when inputs are empty', () => {
    const i = readInputs(getter({ splits: 'test=t.csv' }));
    expect(i).toMatchObject({
      commentMode: 'update',
      commentSkipUnchanged: true,
      commitStatus: true,
      config: '.modelgate.yml',
      baseline: 'report',
      rules: {},
    });
    expect(i.failOnRegression).toBeUndefined();
    expect(i.commentKey).toBeUndefined();
  });
  it('reads booleans and rule inputs', () => {
    const i = readInputs(
      getter({
        splits: 'test=t.csv',
        'fail-on-regression': 'false',
        'comment-skip-unchanged': 'No',
        'max-drop': '2pt',
        fdr: '0.1',
        'ignore-classes': 'a, b',
      }),
    );
    expect(i.failOnRegression).toBe(false);
    expect(i.commentSkipUnchanged).toBe(false);
    expect(i.rules).toEqual({ 'max-drop': '2pt', fdr: '0.1', 'ignore-classes': 'a, b' });
  });
  it('refuses bad values with the input name', () => {
    expect(() => readInputs(getter({ splits: 'x.csv', 'comment-mode': 'sticky' }))).toThrow(
      'input comment-mode: expected update, recreate, off',
    );
    expect(() => readInputs(getter({ splits: 'x.csv', 'fail-on-regression': 'maybe' }))).toThrow(
      'input fail-on-regression: expected true or false',
    );
    expect(() => readInputs(getter({ splits: 'x.csv', threshold: '2' }))).toThrow('input threshold');
    expect(() => readInputs(getter({}))).toThrow('input splits: give the prediction files');
    expect(() => readInputs(getter({ splits: 'x.csv', model: 'm.json' }))).toThrow(/not both/);
  });
  it('refuses backend: tensorflow, which action.yml no longer offers, saying what to use instead', () => {
    const withBackend = (backend: string) => getter({ model: 'm/model.json', data: 'test=d.csv', backend });
    expect(() => readInputs(withBackend('tensorflow'))).toThrow(
      /^input backend: tensorflow \(native TensorFlow, @tensorflow\/tfjs-node\) cannot load in the action; use auto, wasm or cpu/,
    );
    expect(() => readInputs(withBackend('gpu'))).toThrow('input backend: expected auto, wasm, cpu, got "gpu"');
    for (const b of ['auto', 'wasm', 'cpu']) expect(readInputs(withBackend(b)).backend).toBe(b);
    // action.yml offers the same three.
    const yml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');
    expect(yml).toMatch(/backend:\n\s+description: .*`auto` \(wasm, else cpu\), `wasm` or `cpu`\./);
  });
  it('html-report: true or empty is the default name for the key, false none, anything else a path', () => {
    const html = (m: Record<string, string>) => readInputs(getter({ splits: 'test=t.csv', ...m })).htmlReport;
    expect(html({})).toBe('modelgate-report.html');
    expect(html({ 'html-report': 'true' })).toBe('modelgate-report.html');
    expect(html({ 'html-report': 'TRUE', 'comment-key': 'resnet 50' })).toMatch(/^modelgate-report-resnet.*50\.html$/);
    expect(html({ 'html-report': 'false' })).toBeUndefined();
    expect(html({ 'html-report': 'off' })).toBeUndefined();
    expect(html({ 'html-report': ' out/charts.html ' })).toBe('out/charts.html');
  });
});

describe('mode, shard and merge-artifacts', () => {
  it('default to a full run; comment and merge runs need no splits or model', () => {
    expect(readInputs(getter({ splits: 't.csv' }))).toMatchObject({
      mode: 'full',
      shard: undefined,
      mergeArtifacts: undefined,
    });
    expect(readInputs(getter({ mode: 'comment' })).mode).toBe('comment');
    expect(readInputs(getter({ 'merge-artifacts': 'modelgate-shard-*' })).mergeArtifacts).toBe('modelgate-shard-*');
    expect(readInputs(getter({ splits: 't.csv', shard: '2/8' })).shard).toEqual({ index: 2, count: 8 });
    expect(() => readInputs(getter({ mode: 'evaluate-only' }))).toThrow(/^input splits: give the prediction files/);
  });

  it.each([
    [{ mode: 'publish' }, 'input mode: expected full, evaluate-only, comment, got "publish"'],
    [{ splits: 't.csv', shard: '9/8' }, 'input shard: expected i/n with 1 <= i <= n <= 256 (e.g. 3/8), got "9/8"'],
    [{ 'merge-artifacts': 'shards/*' }, /^input merge-artifacts: expected an artifact name pattern/],
    [{ splits: 't.csv', shard: '1/2', 'merge-artifacts': 's-*' }, /^inputs shard and merge-artifacts: /],
    [{ mode: 'comment', 'merge-artifacts': 's-*' }, /^input merge-artifacts: not used with mode comment/],
    [
      { mode: 'comment', baseline: 'evaluate' },
      /^input baseline: evaluate runs the base model on this job's data, which mode comment does not have/,
    ],
  ])('refuse %j', (given, message) => {
    expect(() => readInputs(getter(given as Record<string, string>))).toThrow(message);
  });
});
