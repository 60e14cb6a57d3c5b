// `modelgate evaluate --model` on the digits example: the report holds the predictions of an
// independent float64 forward pass (test/helpers/mlp-reference.ts), the preprocessing given on the
// command line, and bad inputs end in one line naming what to fix.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runEvaluate } from '../../src/cli/commands/evaluate.js';
import { UsageError } from '../../src/core/errors.js';
import { decodeExamples } from '../../src/core/report/examples.js';
import { readReport } from '../../src/io/report-file.js';
import { InputError } from '../../src/io/types.js';
import { predictDigits, readDigitsCsv, readMlp } from '../helpers/mlp-reference.js';

const ROOT = path.resolve('examples/digits');
const MODEL = path.join(ROOT, 'models/base');
const TEST = path.join(ROOT, 'data/test.csv');
const VALIDATION = path.join(ROOT, 'data/validation.csv');
let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'mg-cli-model-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  return { out, sink: { write: (s: string) => out.push(s), isTTY: false } };
}

it('runs the model on every --data split with --preprocess, as the action does', async () => {
  const out = path.join(dir, 'r.json');
  const o = capture();
  const e = capture();
  const code = await runEvaluate(
    [
      '--model',
      MODEL,
      '--data',
      `validation=${VALIDATION}`,
      '--data',
      `test=${TEST}`,
      '--preprocess',
      '{ scale: 1/16 }',
      '--backend',
      'cpu',
      '--batch-size',
      '64',
      '--commit',
      'abc123',
      '--out',
      out,
    ],
    { stdout: o.sink, stderr: e.sink },
  );
  expect(code).toBe(0);
  const r = await readReport(out);
  expect(Object.keys(r.splits)).toEqual(['validation', 'test']);
  expect(r.commit).toBe('abc123');
  expect(r.model?.preprocess).toMatch(/1\/16|0\.0625/);
  const mlp = readMlp(MODEL);
  for (const [name, file] of [
    ['validation', VALIDATION],
    ['test', TEST],
  ]) {
    const { x, y } = readDigitsCsv(file);
    const ref = predictDigits(mlp, x);
    const ex = decodeExamples(r.splits[name].predictions!, r.classes.length);
    if (ex.task !== 'multiclass') throw new Error('multiclass expected');
    expect(Array.from(ex.pred, (i) => Number(r.classes[i]))).toEqual(ref);
    expect(r.splits[name].metrics.accuracy).toBeCloseTo(ref.filter((p, i) => p === y[i]).length / y.length, 12);
  }
  expect(e.out.join('')).toMatch(/backend: cpu \(requested\)/);
  expect(o.out.join('')).toContain(`wrote ${out} (multiclass, 10 classes, 2 splits)`);
});

describe('bad input: one line naming what to fix', () => {
  const out = () => path.join(dir, 'bad.json');
  const go = (...argv: string[]) =>
    runEvaluate([...argv, '--out', out()], { stdout: capture().sink, stderr: capture().sink }).then(
      () => null,
      (err: unknown) => err as Error,
    );

  it.each([
    [['--model', MODEL], /--model needs the data to run on: --data NAME=PATH/],
    [['--data', `test=${TEST}`], /--data belongs to a model run; give --model PATH too/],
    [['--split', `test=${TEST}`, '--backend', 'cpu'], /--backend belongs to a model run/],
    [
      ['--model', MODEL, '--data', `test=${TEST}`, '--split', `test=${TEST}`],
      /give --split .* or --model with --data .*, not both/,
    ],
    [['--model', MODEL, '--data', TEST], /--data ".*test.csv" must be NAME=PATH, e.g. --data test=data\/test.csv/],
    [
      ['--model', MODEL, '--data', `test=${TEST}`, '--backend', 'gpu'],
      /backend must be one of auto, tensorflow, wasm, cpu, got "gpu"/,
    ],
    [
      ['--model', MODEL, '--data', `test=${TEST}`, '--preprocess', '{ scale: [1, 2] }'],
      /--preprocess: preprocess.scale must be one number/,
    ],
    [
      ['--model', MODEL, '--data', `test=${TEST}`, '--preprocess', '{ scale: '],
      /--preprocess: expected a mapping such as/,
    ],
    [['--model', MODEL, '--data', `test=${TEST}`, '--data', `test=${VALIDATION}`], /split "test" is given twice/],
    [['--model', MODEL, '--data', `__proto__=${TEST}`], /split name "__proto__" is reserved/],
  ])('%j', async (argv, re) => {
    const e = await go(...(argv as string[]));
    expect(e).toBeInstanceOf(UsageError);
    expect(e!.message).toMatch(re);
    expect(e!.message).not.toContain('\n');
  });

  it('a folder without model.json', async () => {
    const e = await go('--model', ROOT, '--data', `test=${TEST}`, '--backend', 'cpu');
    expect(e).toBeInstanceOf(InputError);
    expect(e!.message).toContain(ROOT);
    expect(e!.message).toMatch(/model\.json/);
    expect(e!.message).not.toContain('\n');
  });

  it('a data folder that holds no features', async () => {
    const e = await go('--model', MODEL, '--data', `test=${path.join(ROOT, 'models')}`, '--backend', 'cpu');
    expect(e).toBeInstanceOf(InputError);
    expect(e!.message).toContain(path.join(ROOT, 'models'));
    expect(e!.message).not.toContain('\n');
  });
});
