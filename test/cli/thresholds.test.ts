// `modelgate thresholds` on a long-tail multi-label problem (fixtures/thresholds, made by
// make_fixtures.py): the thresholds it writes and the test figures it prints equal scikit-learn's
// exhaustive search (precision_recall_curve) and recall_score/precision_score; evaluating the
// test split with the written file gives the macro recall it announced.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runThresholds } from '../../src/cli/commands/thresholds.js';
import { UsageError } from '../../src/core/errors.js';
import { InputError } from '../../src/io/types.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { tuneThresholdFiles } from '../../src/pipeline/tune-thresholds.js';
import { readThresholds } from '../../src/io/thresholds.js';

const FIX = join(process.cwd(), 'fixtures/thresholds');
const VAL = join(FIX, 'validation.csv');
const TEST = join(FIX, 'test.csv');
interface Run {
  objective: 'recall-at-precision' | 'f1';
  minPrecision: number | null;
  thresholds: Record<string, number>;
  kept: Record<string, string>;
  current: { recall: number; precision: number; classes: number };
  tuned: { recall: number; precision: number; classes: number };
}
const ORACLE = JSON.parse(readFileSync(join(FIX, 'oracle.json'), 'utf8')) as {
  classes: string[];
  minPositives: number;
  global: number;
  runs: Run[];
};

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'mg-thr-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  return { out, sink: { write: (s: string) => out.push(s), isTTY: false } };
}

describe.each(ORACLE.runs)('$objective $minPrecision', (run) => {
  const flags = [
    '--objective',
    run.objective,
    ...(run.minPrecision === null ? [] : ['--min-precision', String(run.minPrecision)]),
  ];

  it('writes the thresholds of the exhaustive search and prints sklearn’s test figures', async () => {
    const out = join(dir, `${run.objective}-${run.minPrecision}.json`);
    const o = capture();
    const code = await runThresholds(
      ['--split', `validation=${VAL}`, '--split', `test=${TEST}`, '--out', out, ...flags],
      {
        stdout: o.sink,
      },
    );
    expect(code).toBe(0);
    expect(await readThresholds(out)).toEqual(run.thresholds);
    const text = o.out.join('');
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    expect(text).toContain(
      `macro recall     ${pct(run.current.recall)} at the global threshold -> ${pct(run.tuned.recall)} tuned`,
    );
    for (const [name, why] of Object.entries(run.kept)) {
      expect(text).toContain(JSON.stringify(name));
      expect(text).toContain(why === 'few-positives' ? 'fewer than 5 validation positives' : 'no threshold reaches');
    }
  });

  it('predicts on test what evaluate --thresholds then measures', async () => {
    const objective =
      run.objective === 'f1' ? { kind: 'f1' as const } : { kind: run.objective, minPrecision: run.minPrecision! };
    const r = await tuneThresholdFiles(
      { validation: VAL, test: TEST },
      { objective, minPositives: ORACLE.minPositives },
    );
    expect(r.current.recall).toBeCloseTo(run.current.recall, 12);
    expect(r.current.precision).toBeCloseTo(run.current.precision, 12);
    expect(r.tuned.recall).toBeCloseTo(run.tuned.recall, 12);
    expect(r.tuned.precision).toBeCloseTo(run.tuned.precision, 12);
    expect(r.tuned.classes).toBe(run.tuned.classes);
    const measured = await evaluatePredictionFiles([{ name: 'test', path: TEST }], {
      perClassThreshold: run.thresholds,
    });
    expect(measured.splits.test.metrics.recall_macro).toBeCloseTo(r.tuned.recall, 12);
    expect(measured.splits.test.metrics.precision_macro).toBeCloseTo(r.tuned.precision, 12);
  });
});

describe('bad input', () => {
  const ok = ['--split', `validation=${VAL}`, '--split', `test=${TEST}`];
  it.each([
    [['--split', `validation=${VAL}`, '--out', 'x.json'], /give --split validation=PATH and --split test=PATH/],
    [[...ok], /--out FILE is required/],
    [[...ok, '--out', 'x.json', '--objective', 'auc'], /--objective is "auc"; expected recall-at-precision or f1/],
    [[...ok, '--out', 'x.json', '--min-precision', '1.5'], /--min-precision is "1.5"; expected a number from 0 to 1/],
    [
      [...ok, '--out', 'x.json', '--objective', 'f1', '--min-precision', '0.5'],
      /belongs to --objective recall-at-precision/,
    ],
    [[...ok, '--out', 'x.json', '--threshold', '0.3333'], /threshold 0.3333 must be a multiple of 0.001/],
    [[...ok, '--out', 'x.json', '--min-positives', 'many'], /--min-positives is "many"; expected a whole number/],
  ])('rejects %j in one line', async (argv, re) => {
    const e = await runThresholds(argv as string[], { stdout: capture().sink }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toMatch(re);
    expect((e as Error).message).not.toContain('\n');
  });

  it('never overwrites an input', async () => {
    const copy = join(dir, 'val-copy.csv');
    copyFileSync(VAL, copy);
    const before = readFileSync(copy, 'utf8');
    const e = await runThresholds(['--split', `validation=${copy}`, '--split', `test=${TEST}`, '--out', copy]).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/is also an input/);
    expect(readFileSync(copy, 'utf8')).toBe(before);
  });

  it('refuses multiclass predictions and predicted labels without scores, naming the file', async () => {
    const mc = join(dir, 'mc.csv');
    writeFileSync(mc, 'label,score:a,score:b\na,0.9,0.1\nb,0.2,0.8\n');
    const names = join(dir, 'names.csv');
    writeFileSync(names, 'labels,preds\na|b,a\nb,b\n');
    const go = (v: string) =>
      runThresholds(['--split', `validation=${v}`, '--split', `test=${TEST}`, '--out', join(dir, 'o.json')]);
    await expect(go(mc)).rejects.toThrow(`${mc}: holds multiclass predictions`);
    await expect(go(names)).rejects.toThrow(`${names}: holds predicted labels, not scores`);
  });
});
