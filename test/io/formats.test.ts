// Every format written by the fixture script (pandas, json, numpy) must give exactly the index
// sequences that numpy computed (fixtures/predictions/expected.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClassIndex } from '../../src/core/classes.js';
import { openPredictions } from '../../src/io/predictions.js';
import { collect, remap } from './collect.js';

const DIR = join(process.cwd(), 'fixtures/predictions');
interface Expected {
  task: 'multiclass' | 'multilabel';
  classes: string[];
  truth: (number | number[])[];
  pred: (number | number[])[];
  thresholds?: Record<string, number>;
  predWithThresholds?: number[][];
}
const EXPECTED: Record<string, Expected> = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));

const TEXT = ['pred.csv', 'scores.csv', 'scores.jsonl', 'pred.ndjson'];
const NUMPY = ['npy', 'npz', 'compressed.npz', 'preds.npz'];
const SCORES = ['scores.csv', 'scores.jsonl', 'npy', 'npz', 'compressed.npz'];

describe.each(Object.keys(EXPECTED))('%s fixtures', (name) => {
  const exp = EXPECTED[name];

  it.each([...TEXT, ...NUMPY])('%s with the class list gives numpy’s sequences', async (fmt) => {
    const classes = new ClassIndex(exp.classes, true);
    const s = await openPredictions(join(DIR, `${name}.${fmt}`), { classes });
    expect(s.task).toBe(exp.task);
    const got = await collect(s);
    expect(got.truth).toEqual(exp.truth);
    expect(got.pred).toEqual(exp.pred);
    expect(classes.names).toEqual(exp.classes);
  });

  it.each([...TEXT, ...NUMPY])('%s in batches of 3 gives the same sequences', async (fmt) => {
    const classes = new ClassIndex(exp.classes, true);
    const got = await collect(await openPredictions(join(DIR, `${name}.${fmt}`), { classes, batchSize: 3 }));
    const n = exp.truth.length;
    expect(got.batchSizes).toEqual([...Array(Math.floor(n / 3)).fill(3), ...(n % 3 ? [n % 3] : [])]);
    expect(got.truth).toEqual(exp.truth);
    expect(got.pred).toEqual(exp.pred);
  });

  it.each(TEXT)('%s without a class list discovers the names', async (fmt) => {
    const classes = new ClassIndex();
    const got = await collect(await openPredictions(join(DIR, `${name}.${fmt}`), { classes }));
    expect(remap(got.truth, classes, exp.classes)).toEqual(exp.truth);
    expect(remap(got.pred, classes, exp.classes)).toEqual(exp.pred);
  });

  it.each(NUMPY)('%s without a class list names classes by index', async (fmt) => {
    const classes = new ClassIndex();
    const got = await collect(await openPredictions(join(DIR, `${name}.${fmt}`), { classes }));
    const order = exp.classes.map((_, i) => String(i));
    expect(remap(got.truth, classes, order)).toEqual(exp.truth);
    expect(remap(got.pred, classes, order)).toEqual(exp.pred);
    if (fmt !== 'preds.npz' || exp.task === 'multilabel') expect(classes.names).toEqual(order);
  });

  if (exp.thresholds) {
    it.each(SCORES)('%s applies per-class thresholds', async (fmt) => {
      const classes = new ClassIndex(exp.classes, true);
      const s = await openPredictions(join(DIR, `${name}.${fmt}`), { classes, perClassThreshold: exp.thresholds });
      const got = await collect(s);
      expect(got.pred).toEqual(exp.predWithThresholds);
      expect(got.pred).not.toEqual(exp.pred);
    });
    it('a global threshold moves every class', async () => {
      const classes = new ClassIndex(exp.classes, true);
      const lo = await collect(await openPredictions(join(DIR, `${name}.scores.csv`), { classes, threshold: 0 }));
      expect(lo.pred.every((p) => (p as number[]).length === exp.classes.length)).toBe(true);
    });
  }
});

describe('zip64 and fingerprints', () => {
  it('reads an archive with zip64 records (one deflated, one stored member)', async () => {
    const exp = EXPECTED.multiclass;
    const classes = new ClassIndex(exp.classes, true);
    const got = await collect(await openPredictions(join(DIR, 'multiclass.zip64.npz'), { classes }));
    expect(got.truth).toEqual(exp.truth);
    expect(got.pred).toEqual(exp.pred);
  });

  it.each(['multiclass.scores.csv', 'multiclass.scores.jsonl', 'multiclass.npz'])(
    '%s: the fingerprint is the sha256 of the file, after the last batch',
    async (file) => {
      const { createHash } = await import('node:crypto');
      const path = join(DIR, file);
      const bytes = readFileSync(path);
      const s = await openPredictions(path, { classes: new ClassIndex() });
      expect(() => s.fingerprint()).toThrow();
      await collect(s);
      expect(s.fingerprint()).toEqual({
        path,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
      });
    },
  );

  it('a folder’s fingerprint covers both files and changes with either', async () => {
    const a = await openPredictions(join(DIR, 'multiclass.npy'), { classes: new ClassIndex() });
    await collect(a);
    const b = await openPredictions(join(DIR, 'binary.npy'), { classes: new ClassIndex() });
    await collect(b);
    const fa = a.fingerprint();
    expect(fa.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fa.sha256).not.toBe(b.fingerprint().sha256);
    const size = (f: string) => readFileSync(join(DIR, 'multiclass.npy', f)).length;
    expect(fa.bytes).toBe(size('labels.npy') + size('scores.npy'));
  });
});
