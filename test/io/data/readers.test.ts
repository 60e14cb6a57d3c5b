import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ClassIndex } from '../../../src/core/classes.js';
import { openFeatures, type FeatureStream } from '../../../src/io/data/index.js';
import { InputError } from '../../../src/io/types.js';

const FIX = path.resolve('fixtures/model-data');
const fixed = (names = ['0', '1', '2']) => new ClassIndex(names, true);

async function collect(s: FeatureStream) {
  const x: number[] = [];
  const truth: number[] = [];
  const sets: number[][] = [];
  let batches = 0;
  for await (const b of s.batches) {
    batches++;
    x.push(...b.x);
    if (b.truth) truth.push(...b.truth);
    else
      for (let i = 0; i < b.n; i++)
        sets.push(Array.from(b.truthIndices!.subarray(b.truthOffsets![i], b.truthOffsets![i + 1])));
  }
  return { x, truth, sets, batches };
}

/** The oracle: features.csv parsed here by hand. */
function expected() {
  const rows = readFileSync(path.join(FIX, 'features.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
  return { x: rows.flatMap((r) => r.slice(0, 6)).map((v) => Math.fround(v)), y: rows.map((r) => r[6]) };
}

describe('feature readers give the same features in every format', () => {
  const want = expected();
  it.each([
    ['features.csv', {}],
    ['features_label_first.csv', { labelColumn: 0 }],
    ['features.npz', {}],
    ['features_compressed.npz', {}],
    ['features_npy', {}],
  ])('%s', async (file, extra) => {
    const s = await openFeatures(path.join(FIX, file), { classes: fixed(), batchSize: 5, ...extra });
    expect(s.featureShape).toEqual([6]);
    expect(s.task).toBe('multiclass');
    const got = await collect(s);
    expect(got.batches).toBe(3); // 5 + 5 + 2: streamed in batches
    expect(got.truth).toEqual(want.y);
    expect(got.x.length).toBe(want.x.length);
    // float32 from the CSV's 6 significant digits: compare to that precision.
    got.x.forEach((v, i) =>
      expect(Math.abs(v - want.x[i])).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(want.x[i]))),
    );
    const fp = s.fingerprints();
    expect(fp.length).toBeGreaterThan(0);
    for (const f of fp) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gzip CSV gives the same as plain CSV and the fingerprint is of the bytes read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-gz-'));
    const gz = path.join(dir, 'f.csv.gz');
    const bytes = gzipSync(readFileSync(path.join(FIX, 'features.csv')));
    writeFileSync(gz, bytes);
    const a = await collect(await openFeatures(path.join(FIX, 'features.csv'), { classes: fixed() }));
    const s = await openFeatures(gz, { classes: fixed() });
    const b = await collect(s);
    expect(b.x).toEqual(a.x);
    expect(b.truth).toEqual(a.truth);
    const { createHash } = await import('node:crypto');
    expect(s.fingerprints()[0]).toEqual({
      path: gz,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    });
  });

  it('multi-label from a |-separated column and from a 0/1 matrix agree with the truth matrix', async () => {
    const truthNpy = readFileSync(path.join(FIX, 'multilabel_truth.npy'));
    const hdr = truthNpy.readUInt16LE(8) + 10;
    const m = truthNpy.subarray(hdr);
    const want = Array.from({ length: 12 }, (_, i) => [0, 1, 2].filter((j) => m[i * 3 + j] === 1));
    const csv = await openFeatures(path.join(FIX, 'multilabel.csv'), {
      classes: fixed(['cat', 'dog', 'eel']),
      task: 'multilabel',
      batchSize: 4,
    });
    const npz = await openFeatures(path.join(FIX, 'multilabel.npz'), { classes: fixed(['cat', 'dog', 'eel']) });
    expect(npz.task).toBe('multilabel');
    expect((await collect(csv)).sets).toEqual(want);
    expect((await collect(npz)).sets).toEqual(want);
  });
});

describe('bad input names the file and the place', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-bad-'));
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const run = async (f: string, opts = {}) => collect(await openFeatures(f, { classes: fixed(), ...opts }));

  it('a non-number feature', async () => {
    const f = write('nan.csv', 'a,b,label\n1,2,0\n1,x,1\n');
    await expect(run(f)).rejects.toThrow(new InputError(f, 'line 3', 'column "b" should be a number, found "x"'));
  });
  it('a short row', async () => {
    const f = write('short.csv', '1,2,0\n1,1\n');
    await expect(run(f)).rejects.toThrow(`${f}:line 2: expected 3 columns, found 2`);
  });
  it('a label the model does not have', async () => {
    const f = write('label.csv', '1,2,0\n1,1,7\n');
    await expect(run(f)).rejects.toThrow(`${f}:line 2: label "7" is not a known class; expected one of "0", "1", "2"`);
  });
  it('a missing label column name', async () => {
    const f = write('named.csv', 'a,b,c\n1,2,0\n');
    await expect(run(f, { labelColumn: 'target' })).rejects.toThrow(
      `${f}:line 1: no label column named "target" in the header`,
    );
  });
  it('a .npz without y', async () => {
    const { zipSync } = await import('fflate');
    const x = readFileSync(path.join(FIX, 'features_npy/x.npy'));
    const f = path.join(dir, 'noy.npz');
    writeFileSync(f, zipSync({ 'x.npy': new Uint8Array(x) }));
    await expect(run(f)).rejects.toThrow(`${f}: archive has no array named y`);
  });
  it('a truncated .npy', async () => {
    const d = path.join(dir, 'trunc');
    mkdirSync(d);
    writeFileSync(path.join(d, 'x.npy'), readFileSync(path.join(FIX, 'features_npy/x.npy')).subarray(0, 300));
    writeFileSync(path.join(d, 'y.npy'), readFileSync(path.join(FIX, 'features_npy/y.npy')));
    await expect(run(d)).rejects.toThrow(
      /x\.npy:array x: has shape \(12, 6\), which needs 704 bytes, but holds 300; expected a complete array/,
    );
  });
  it('y rows that do not match x', async () => {
    const d = path.join(dir, 'rows');
    mkdirSync(d);
    writeFileSync(path.join(d, 'x.npy'), readFileSync(path.join(FIX, 'features_npy/x.npy')));
    const y = Buffer.from(readFileSync(path.join(FIX, 'features_npy/y.npy')));
    writeFileSync(
      path.join(d, 'y.npy'),
      Buffer.from(y.toString('latin1').replace("'shape': (12,)", "'shape': (11,)"), 'latin1'),
    );
    await expect(run(d)).rejects.toThrow('y has 11 rows but x has 12');
  });
  it('an unknown format', async () => {
    const f = write('data.parquet', 'x');
    await expect(run(f)).rejects.toThrow(`${f}: unknown data format`);
  });
});

describe('feature CSV through the one CSV parser', () => {
  it('reads quoted fields holding a line break, a comma and a doubled quote, in CSV and gzip TSV alike', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-quoted-'));
    const csv = path.join(dir, 'q.csv');
    // The line break is in a feature's name: a class name may not hold one (classNameProblem).
    writeFileSync(csv, 'f1,"f\n2",label\n1,2,"two lines"\n3,4,"a, ""b"""\n5,6,"two lines"\n');
    const tsv = path.join(dir, 'q.tsv.gz');
    writeFileSync(
      tsv,
      gzipSync(Buffer.from('f1\t"f\n2"\tlabel\n1\t2\t"two lines"\n3\t4\t"a, ""b"""\n5\t6\t"two lines"\n')),
    );
    for (const file of [csv, tsv]) {
      const classes = new ClassIndex();
      const s = await openFeatures(file, { classes });
      const truth: number[] = [];
      const x: number[] = [];
      for await (const b of s.batches) {
        truth.push(...b.truth!);
        x.push(...b.x);
      }
      expect([classes.names, truth, x]).toEqual([
        ['two lines', 'a, "b"'],
        [0, 1, 0],
        [1, 2, 3, 4, 5, 6],
      ]);
    }
    writeFileSync(path.join(dir, 'bad.csv'), 'f1,label\n1,"open\n');
    const bad = await openFeatures(path.join(dir, 'bad.csv'), { classes: new ClassIndex() }).then(
      async (s) => {
        for await (const _ of s.batches);
      },
      (e: unknown) => e,
    );
    expect(String(bad)).toMatch(/bad\.csv:line 2: a quoted field that is never closed/);
  });
});
