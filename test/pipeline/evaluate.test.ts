import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../src/core/errors.js';
import { decodeExamples } from '../../src/core/report/examples.js';
import { validateReport } from '../../src/core/report/validate.js';
import { InputError } from '../../src/io/types.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mg-eval-'));
  // Hand-countable multiclass splits.
  // train: 4 of 5 right. validation: 3 of 4 right. test: 2 of 4 right.
  writeFileSync(join(dir, 'train.csv'), 'label,pred\ncat,cat\ndog,dog\nc10,c10\nc2,c2\nc2,cat\n');
  writeFileSync(join(dir, 'validation.csv'), 'label,pred\ncat,cat\ndog,dog\nc10,c2\nc2,c2\n');
  writeFileSync(join(dir, 'test.csv'), 'label,pred\ncat,cat\ndog,cat\nc10,c10\nc2,dog\n');
  writeFileSync(
    join(dir, 'test.jsonl'),
    ['cat', 'dog', 'c10', 'c2']
      .map((l, i) => JSON.stringify({ label: l, pred: ['cat', 'cat', 'c10', 'dog'][i] }))
      .join('\n') + '\n',
  );
  writeFileSync(join(dir, 'unknown.csv'), 'label,pred\ncat,cat\nemu,cat\n');
  // Multi-label with scores: thresholds decide the predicted sets.
  writeFileSync(join(dir, 'ml.csv'), 'labels,score:a,score:b,score:c\na|b,0.9,0.55,0.1\n,0.2,0.1,0.0\nc,0.5,0.2,0.7\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => join(dir, name);

describe('evaluatePredictionFiles', () => {
  it('evaluates every split over one class index, sorted naturally, with gaps and fingerprints', async () => {
    const progress: [string, number][] = [];
    const r = await evaluatePredictionFiles(
      [
        { name: 'train', path: at('train.csv') },
        { name: 'validation', path: at('validation.csv') },
        { name: 'test', path: at('test.csv') },
      ],
      { commit: 'abc123', onProgress: (s, n) => progress.push([s, n]) },
    );
    expect(r.task).toBe('multiclass');
    expect(r.classes).toEqual(['c2', 'c10', 'cat', 'dog']);
    expect(r.commit).toBe('abc123');
    expect(r.source).toBe('predictions');
    expect(r.thresholds).toBeUndefined();
    expect(r.splits.train.metrics.accuracy).toBe(4 / 5);
    expect(r.splits.validation.metrics.accuracy).toBe(3 / 4);
    expect(r.splits.test.metrics.accuracy).toBe(2 / 4);
    // test: c2 -> dog, dog -> cat.
    expect(r.splits.test.perClass.tp).toEqual([0, 1, 1, 0]);
    expect(r.splits.test.perClass.fp).toEqual([0, 0, 1, 1]);
    expect(r.splits.test.perClass.fn).toEqual([1, 0, 0, 1]);
    expect(r.gaps['train-validation']!.accuracy).toBeCloseTo(0.8 - 0.75, 15);
    expect(r.gaps['validation-test']!.accuracy).toBe(0.25);
    const bytes = readFileSync(at('test.csv'));
    expect(r.splits.test.fingerprints.files).toEqual([
      { path: at('test.csv'), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length },
    ]);
    expect(r.splits.test.fingerprints.labels).toBe(createHash('sha256').update('cat\ndog\nc10\nc2\n').digest('hex'));
    expect(progress).toContainEqual(['train', 5]);
    expect(progress).toContainEqual(['test', 4]);
    validateReport(JSON.parse(JSON.stringify(r)), 'r');
  });

  it('gives the same figures and label fingerprint for the same examples in another format', async () => {
    const csv = await evaluatePredictionFiles([{ name: 'test', path: at('test.csv') }]);
    const jsonl = await evaluatePredictionFiles([{ name: 'test', path: at('test.jsonl') }]);
    expect(jsonl.splits.test.metrics).toEqual(csv.splits.test.metrics);
    expect(jsonl.splits.test.fingerprints.labels).toBe(csv.splits.test.fingerprints.labels);
    expect(jsonl.splits.test.fingerprints.files[0].sha256).not.toBe(csv.splits.test.fingerprints.files[0].sha256);
  });

  it('keeps the order of a given class list and refuses classes outside it', async () => {
    const classes = ['dog', 'cat', 'c10', 'c2', 'never'];
    const r = await evaluatePredictionFiles([{ name: 'test', path: at('test.csv') }], { classes });
    expect(r.classes).toEqual(classes);
    expect(r.splits.test.macro).toEqual({ classes: 4, excluded: 1 });
    const ex = decodeExamples(r.splits.test.predictions!, classes.length);
    expect(ex.task === 'multiclass' && Array.from(ex.truth)).toEqual([1, 0, 2, 3]);
    const e = await evaluatePredictionFiles([{ name: 'test', path: at('unknown.csv') }], { classes }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toContain(at('unknown.csv'));
    expect((e as Error).message).toContain('emu');
  });

  it('without score diagnostics (the baseline of the diagnostics bench) gives the same figures and no threshold-free metrics', async () => {
    const splits = [
      { name: 'validation', path: at('ml.csv') },
      { name: 'test', path: at('ml.csv') },
    ];
    const on = await evaluatePredictionFiles(splits, { createdAt: 'now' });
    const off = await evaluatePredictionFiles(splits, { createdAt: 'now', scoreDiagnostics: false });
    expect(on.splits.test.scores).toBeDefined();
    expect(on.thresholdTuning).toBeDefined();
    expect(off.splits.test.scores).toBeUndefined();
    expect(off.thresholdTuning).toBeUndefined();
    expect(off.splits.test.metrics).toEqual(on.splits.test.metrics);
  });

  it('reads a score written -0 as 0 (once a WebAssembly trap), in both tasks and every loop position', async () => {
    // Five scores a row: the kernel's four-at-a-time loop and its one-at-a-time loop both see a -0.
    const names = ['a', 'b', 'c', 'd', 'e'];
    const header = (col: string) => `${col},${names.map((n) => `score:${n}`).join(',')}\n`;
    const rows = ['a,-0,0.1,0.2,0.3,0.4', 'b,0.4,-0.0,0.3,0.2,0.1', 'e,0.1,0.2,0.3,0.4,-0', 'c,0.2,0.2,-0,0.3,0.3'];
    for (const col of ['label', 'labels']) {
      const text = header(col) + rows.join('\n') + '\n';
      writeFileSync(at('negative-zero.csv'), text);
      writeFileSync(at('zero.csv'), text.replace(/-0(\.0)?(?=[,\n])/g, '0'));
      const negative = await evaluatePredictionFiles([{ name: 'test', path: at('negative-zero.csv') }]);
      const zero = await evaluatePredictionFiles([{ name: 'test', path: at('zero.csv') }]);
      expect(negative.task).toBe(col === 'label' ? 'multiclass' : 'multilabel');
      expect(negative.splits.test.scores).toBeDefined();
      expect(negative.splits.test.scores).toEqual(zero.splits.test.scores);
      expect(negative.splits.test.metrics).toEqual(zero.splits.test.metrics);
    }
  });

  it('applies multi-label thresholds and records them', async () => {
    const r = await evaluatePredictionFiles([{ name: 'test', path: at('ml.csv') }], {
      threshold: 0.6,
      perClassThreshold: { c: 0.75 },
    });
    expect(r.task).toBe('multilabel');
    expect(r.thresholds).toEqual({ default: 0.6, perClass: { c: 0.75 } });
    // Predicted sets at a >= .6, b >= .6, c >= .75: {a}, {}, {} against {a,b}, {}, {c}.
    expect(r.splits.test.perClass.tp).toEqual([1, 0, 0]);
    expect(r.splits.test.perClass.fn).toEqual([0, 1, 1]);
    expect(r.splits.test.metrics.subset_accuracy).toBe(1 / 3);
    expect(r.splits.test.metrics.hamming_loss).toBe(2 / 9);
    expect(r.splits.test.multilabel).toEqual({ emptyTruth: 1, emptyPred: 2, meanTrueLabels: 1, meanPredLabels: 1 / 3 });
    const d = await evaluatePredictionFiles([{ name: 'test', path: at('ml.csv') }]);
    expect(d.thresholds).toEqual({ default: 0.5 });
    expect(d.splits.test.perClass.tp).toEqual([1, 1, 1]);
  });

  it('refuses splits of different tasks', async () => {
    const e = await evaluatePredictionFiles([
      { name: 'train', path: at('train.csv') },
      { name: 'test', path: at('ml.csv') },
    ]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    // The task found in the first split is forced on the next ones: the reader names the line.
    expect((e as Error).message).toMatch(
      new RegExp(`^${at('ml.csv').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:line 2: .*multiclass`),
    );
  });

  it('refuses empty and repeated split names', async () => {
    await expect(evaluatePredictionFiles([{ name: '', path: at('test.csv') }])).rejects.toThrow(UsageError);
    await expect(
      evaluatePredictionFiles([
        { name: 'test', path: at('test.csv') },
        { name: 'test', path: at('train.csv') },
      ]),
    ).rejects.toThrow(/split "test" is given twice/);
    await expect(evaluatePredictionFiles([])).rejects.toThrow(/no splits/);
  });
});
