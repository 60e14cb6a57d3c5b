// The NumPy readers: unsupported arrays and broken archives fail with the file, the array and
// what was expected.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { join } from 'node:path';
import { ClassIndex } from '../../src/core/classes.js';
import { openPredictions } from '../../src/io/predictions.js';
import { collect } from './collect.js';
import { expectInputError, tempDir } from './tmp.js';

const DIR = join(process.cwd(), 'fixtures/predictions');
const BAD = join(DIR, 'bad');
const tmp = tempDir();
afterAll(() => tmp.remove());
const open = (path: string, classes = new ClassIndex()) => openPredictions(path, { classes });
const drain = async (path: string, classes = new ClassIndex()) => collect(await open(path, classes));

describe('unsupported arrays', () => {
  it.each([
    ['fortran.npy', 'scores.npy:array scores: is in Fortran order; expected C order'],
    ['bigendian.npy', 'scores.npy:array scores: dtype >f8 is not supported; expected little-endian float32 or float64'],
    ['float16.npy', 'dtype <f2 is not supported; expected little-endian float32 or float64'],
    ['strings.npy', 'labels.npy:array labels: dtype <U1 is not supported; expected little-endian integers'],
    ['object.npy', 'labels.npy:array labels: dtype |O is not supported'],
  ])('%s', async (dir, message) => {
    await expectInputError(drain(join(BAD, dir)), message);
  });

  it('shapes must agree, naming both arrays and shapes', async () => {
    await expectInputError(
      drain(join(BAD, 'rows.npy')),
      'labels has shape (39,) but scores has shape (40, 7); expected the same number of rows',
    );
    await expectInputError(drain(join(BAD, 'columns.npy')), 'labels has shape (40, 7) but scores has shape (40, 6)');
  });

  it('a class index beyond the scores columns or the class list is an error', async () => {
    await expectInputError(
      drain(join(BAD, 'index.npy')),
      'labels.npy:array labels: row 1 holds 9; expected a class index from 0 to 6',
    );
    await expectInputError(
      drain(join(DIR, 'multiclass.preds.npz'), new ClassIndex(['a', 'b'], true)),
      /multiclass\.preds\.npz:array (labels|preds): row \d+ holds [2-6];/,
      'expected a class index from 0 to 1',
    );
    await expectInputError(
      drain(join(DIR, 'multiclass.npz'), new ClassIndex(['a', 'b'], true)),
      'array scores: has 7 columns; expected 2',
    );
  });

  it('NaN scores are an error', async () => {
    await expectInputError(
      drain(join(BAD, 'nan.npy')),
      'scores.npy:array scores: row 0 column 2 holds NaN; expected a finite number',
    );
  });

  it('a multiclass task cannot take a label matrix', async () => {
    await expectInputError(
      openPredictions(join(DIR, 'multilabel.npz'), { classes: new ClassIndex(), task: 'multiclass' }),
      'array labels: has shape (50, 12); expected class indices (N,)',
    );
  });

  it('forcing multilabel on class indices gives one-element sets', async () => {
    const exp = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')).binary;
    const s = await openPredictions(join(DIR, 'binary.npz'), {
      classes: new ClassIndex(['neg', 'pos'], true),
      task: 'multilabel',
      threshold: 0.5,
    });
    const got = await collect(s);
    expect(got.truth).toEqual(exp.truth.map((t: number) => [t]));
  });
});

describe('archives and folders', () => {
  it('a folder needs labels.npy and scores.npy or preds.npy', async () => {
    const d = tmp.path('only-labels');
    mkdirSync(d);
    copyFileSync(join(DIR, 'multiclass.npy', 'labels.npy'), join(d, 'labels.npy'));
    await expectInputError(drain(d), 'only-labels: is a folder without labels.npy and scores.npy or preds.npy');
  });

  it('a truncated archive is an error', async () => {
    const bytes = readFileSync(join(DIR, 'multiclass.npz'));
    const p = tmp.write('cut.npz', bytes.subarray(0, bytes.length - 30));
    await expectInputError(drain(p), 'cut.npz', 'expected a zip archive');
  });

  it('a damaged member fails its CRC check', async () => {
    const bytes = Buffer.from(readFileSync(join(DIR, 'multiclass.npz')));
    // flip a byte inside the last float of scores.npy (stored, so the bytes are the array)
    const at = bytes.indexOf(Buffer.from('PK\x01\x02', 'latin1')) - 3;
    bytes[at] ^= 0x01;
    const p = tmp.write('flip.npz', bytes);
    await expectInputError(drain(p), 'flip.npz:member scores.npy: is corrupt (CRC-32 mismatch)');
  });

  it('a damaged deflate stream is an error', async () => {
    const bytes = Buffer.from(readFileSync(join(DIR, 'multilabel.compressed.npz')));
    for (let i = 200; i < 260; i++) bytes[i] = 0xff;
    const p = tmp.write('garbled.npz', bytes);
    await expectInputError(drain(p), 'garbled.npz:member');
  });

  it('an archive without the arrays lists its members', async () => {
    const text = readFileSync(join(DIR, 'multiclass.npz')).toString('latin1').replaceAll('labels.npy', 'lobels.npy');
    const p = tmp.write('other.npz', Buffer.from(text, 'latin1'));
    await expectInputError(
      drain(p),
      'has members "lobels.npy", "scores.npy"; expected labels.npy and scores.npy or preds.npy',
    );
  });

  it('an unknown extension is an error', async () => {
    const p = tmp.write('preds.parquet', 'x');
    await expectInputError(drain(p), 'unknown extension ".parquet"');
  });
});

/** A C-order .npy of `shape`, dtype `descr`, its elements as bytes. */
const npy = (descr: string, shape: number[], body: Uint8Array) => {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const pre = Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), body]);
};

describe('multi-label 0/1 matrices of one-byte dtype (read four bytes at a time where zero)', () => {
  // 11 columns: rows start at every alignment, so each row has bytes before, in and after whole words.
  const [N, C] = [60, 11];
  const labelsOf = (edit?: (b: Uint8Array) => void) => {
    const b = new Uint8Array(N * C);
    for (let i = 0; i < N * C; i++) b[i] = (i * 7919) % 13 === 0 ? 1 : 0;
    edit?.(b);
    return b;
  };
  let case_ = 0;
  const folder = (labels: Uint8Array) => {
    const dir = tmp.path(`onebyte-${case_++}`);
    mkdirSync(dir);
    tmp.write(`${dir.slice(dir.lastIndexOf('/') + 1)}/labels.npy`, npy('|i1', [N, C], labels));
    const scores = new Float32Array(N * C).map((_, i) => ((i * 37) % 100) / 100);
    tmp.write(`${dir.slice(dir.lastIndexOf('/') + 1)}/scores.npy`, npy('<f4', [N, C], new Uint8Array(scores.buffer)));
    return dir;
  };

  it('reads every row as byte by byte would', async () => {
    const labels = labelsOf();
    const got = await drain(
      folder(labels),
      new ClassIndex(
        Array.from({ length: C }, (_, c) => `c${c}`),
        true,
      ),
    );
    const want = Array.from({ length: N }, (_, r) =>
      Array.from({ length: C }, (_, c) => c).filter((c) => labels[r * C + c] === 1),
    );
    expect(got.truth).toEqual(want);
    expect(want.flat().length).toBeGreaterThan(40);
  });

  it.each([
    [0, 0, 2],
    [3, 5, -1],
    [7, 10, 3],
    [59, 4, 2],
  ])('row %i column %i holding %i is named (wherever it falls in a word)', async (r, c, v) => {
    const dir = folder(labelsOf((b) => (b[r * C + c] = v & 0xff)));
    await expectInputError(
      drain(
        dir,
        new ClassIndex(
          Array.from({ length: C }, (_, k) => `c${k}`),
          true,
        ),
      ),
      `row ${r} column ${c} holds ${v}; expected 0 or 1 (a multi-label indicator matrix)`,
    );
  });
});

describe('multi-label scores (decided a step at a time by threshold-kernel.wat)', () => {
  // 4,500 rows of 9 columns: more than one step of the reader for float64, a tail after the SIMD groups.
  const [N, C] = [4500, 9];
  const names = new ClassIndex(
    Array.from({ length: C }, (_, c) => `c${c}`),
    true,
  );
  let case_ = 0;
  const folder = (Kind: typeof Float32Array | typeof Float64Array, edit?: (s: Float32Array | Float64Array) => void) => {
    const name = `scores-${case_++}`;
    mkdirSync(tmp.path(name));
    const labels = new Uint8Array(N * C).map((_, i) => ((i * 7919) % 11 === 0 ? 1 : 0));
    tmp.write(`${name}/labels.npy`, npy('|u1', [N, C], labels));
    const scores = new Kind(N * C).map((_, i) => ((i * 37) % 101) / 100);
    edit?.(scores);
    const descr = Kind === Float32Array ? '<f4' : '<f8';
    tmp.write(`${name}/scores.npy`, npy(descr, [N, C], new Uint8Array(scores.buffer)));
    return { dir: tmp.path(name), scores };
  };

  it.each([
    ['float32', Float32Array],
    ['float64', Float64Array],
  ] as const)('%s: every row predicts the classes whose score is at or above the threshold', async (_, Kind) => {
    const { dir, scores } = folder(Kind);
    // Float32 0.7 is just below 0.7: a score of it is not predicted at threshold 0.7.
    const threshold = 0.7;
    const got = await collect(await openPredictions(dir, { classes: names, task: 'multilabel', threshold }));
    const want = Array.from({ length: N }, (_, r) =>
      Array.from({ length: C }, (_, c) => c).filter((c) => scores[r * C + c] >= threshold),
    );
    expect(got.pred).toEqual(want);
    const at = scores.indexOf(Kind === Float32Array ? Math.fround(0.7) : 0.7);
    expect(at).toBeGreaterThanOrEqual(0);
    expect((got.pred[Math.floor(at / C)] as number[]).includes(at % C)).toBe(Kind === Float64Array);
  });

  it.each([
    [Float32Array, 3000, 8, NaN],
    [Float64Array, 4, 1, Infinity],
    [Float64Array, 4499, 0, -Infinity],
  ] as const)('a non-finite score is named by row and column (%p row %i column %i)', async (Kind, r, c, v) => {
    const { dir } = folder(Kind, (s) => (s[r * C + c] = v));
    await expectInputError(drain(dir, names), `row ${r} column ${c} holds ${v}; expected a finite number`);
  });

  it("a row's bad label is named before its non-finite score, and an earlier bad score before a later bad label", async () => {
    const { dir } = folder(Float32Array, (s) => (s[10 * C + 2] = NaN));
    const labels = readFileSync(join(dir, 'labels.npy'));
    labels[labels.length - N * C + 10 * C + 5] = 2;
    tmp.write(`${dir.slice(dir.lastIndexOf('/') + 1)}/labels.npy`, labels);
    await expectInputError(drain(dir, names), 'labels.npy:array labels: row 10 column 5 holds 2');
    labels[labels.length - N * C + 10 * C + 5] = 0;
    labels[labels.length - N * C + 11 * C + 5] = 2;
    tmp.write(`${dir.slice(dir.lastIndexOf('/') + 1)}/labels.npy`, labels);
    await expectInputError(drain(dir, names), 'scores.npy:array scores: row 10 column 2 holds NaN');
  });
});

describe('shapes from an untrusted header', () => {
  const folder = (name: string, lShape: number[], sShape: number[]) => {
    mkdirSync(tmp.path(name));
    tmp.write(`${name}/labels.npy`, npy('|u1', lShape, new Uint8Array(lShape.reduce((a, b) => a * b, 1))));
    tmp.write(`${name}/scores.npy`, npy('<f4', sShape, new Uint8Array(4 * sShape.reduce((a, b) => a * b, 1))));
    return tmp.path(name);
  };

  it('0 rows of 10**12 columns (0 bytes) is refused before the columns are counted', async () => {
    // It used to add 10**12 classes one by one: 34 s, 1.6 GB, then "Map maximum size exceeded".
    await expectInputError(
      drain(folder('zero-rows', [0, 1e12], [0, 1e12])),
      'labels.npy:array labels:',
      'has no rows; expected at least one example',
    );
  });

  it('rows of 0 columns are refused as such', async () => {
    await expectInputError(
      drain(folder('zero-cols', [3, 0], [3, 0])),
      'labels.npy:array labels:',
      'has shape (3, 0); expected at least one class column',
    );
  });
});

describe('a large .npz (hashed on a worker thread, which takes the stored members’ CRC-32s too)', () => {
  // 20,000 x 485 multi-label: 48.5 MB, past the 32 MB from which the hashing pass is a worker's.
  const [N, C] = [20_000, 485];
  let clean: Buffer;
  let labelsAt: number;
  let scoresAt: number;
  beforeAll(() => {
    const labels = new Uint8Array(N * C);
    const scores = new Float32Array(N * C);
    for (let i = 0; i < N * C; i++) {
      labels[i] = i % 97 === 0 ? 1 : 0;
      scores[i] = ((i * 7919) % 1000) / 1000;
    }
    const L = npy('|u1', [N, C], labels);
    const S = npy('<f4', [N, C], new Uint8Array(scores.buffer));
    clean = Buffer.from(zipSync({ 'labels.npy': [L, { level: 0 }], 'scores.npy': [S, { level: 0 }] }));
    expect(clean.length).toBeGreaterThan(40 << 20);
    labelsAt = clean.indexOf(Buffer.from(L.subarray(0, 64))) + 200; // inside the label matrix
    scoresAt = clean.indexOf(Buffer.from('PK\x01\x02', 'latin1')) - 3; // inside the last float
  });
  const task = {
    classes: new ClassIndex(
      Array.from({ length: C }, (_, c) => `c${c}`),
      true,
    ),
    task: 'multilabel' as const,
  };

  it('reads an intact one, with its sha256', async () => {
    const p = tmp.write('large.npz', clean);
    const s = await openPredictions(p, task);
    const got = await collect(s);
    expect(got.truth).toHaveLength(N);
    expect((await s.fingerprint()).sha256).toBe(createHash('sha256').update(clean).digest('hex'));
  });

  it.each([
    ['labels.npy', () => labelsAt],
    ['scores.npy', () => scoresAt],
  ])('a flipped bit in %s fails its CRC check (a valid value: nothing else could tell)', async (member, at) => {
    const bytes = Buffer.from(clean);
    bytes[at()] ^= 0x01;
    const p = tmp.write(`flip-${member}.npz`, bytes);
    await expectInputError(
      collect(await openPredictions(p, task)),
      `flip-${member}.npz:member ${member}: is corrupt (CRC-32 mismatch)`,
    );
  });
});

describe('sizes and counts claimed by a hand-made file', () => {
  /** `zip` with every member's uncompressed size in the central directory replaced by `size`. */
  const claimSize = (zip: Uint8Array, size: number) => {
    const b = Buffer.from(zip);
    for (let at = b.indexOf('PK\x01\x02'); at >= 0; at = b.indexOf('PK\x01\x02', at + 4))
      b.writeUInt32LE(size, at + 24);
    return b;
  };
  const huge = {
    'labels.npy': npy('<i8', [1, 4e8], new Uint8Array(8)),
    'scores.npy': npy('<f4', [1, 4e8], new Uint8Array(4)),
  };

  it('a deflated member declaring more than deflate can produce is refused, before its header is trusted', async () => {
    // It used to register 400,000,000 classes: 2.6 GB, then "Map maximum size exceeded".
    const p = tmp.write('claims.npz', claimSize(zipSync(huge, { level: 6 }), 0xffffff00));
    const classes = new ClassIndex();
    await expectInputError(
      drain(p, classes),
      /claims\.npz:member labels\.npy: declares 4294967040 bytes, more than its \d+ deflated bytes can hold \(at most 1032:1\)/,
    );
    expect(classes.size).toBe(0);
  });

  it('a stored member declaring more than it stores is refused', async () => {
    const p = tmp.write('claims-stored.npz', claimSize(zipSync(huge, { level: 0 }), 0xffffff00));
    await expectInputError(drain(p), /member labels\.npy: declares 4294967040 bytes, more than its \d+ stored bytes/);
  });

  it('an array of more than 1,000,000 class columns is refused before any class is made', async () => {
    const d = tmp.path('wide');
    mkdirSync(d);
    const C = 1_000_001;
    tmp.write('wide/labels.npy', npy('|u1', [1, C], new Uint8Array(C)));
    tmp.write('wide/preds.npy', npy('|u1', [1, C], new Uint8Array(C)));
    const classes = new ClassIndex();
    await expectInputError(
      drain(d, classes),
      'labels.npy:array labels: has shape (1, 1000001): 1000001 class columns; expected at most 1,000,000 classes',
    );
    expect(classes.size).toBe(0);
  });

  /** An .npy of format 2.0 whose header length field says `len`, followed by `rest`. */
  const v2 = (len: number, rest: string) => {
    const pre = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 0, 0, 0, 0]);
    pre.writeUInt32LE(len, 8);
    return Buffer.concat([pre, Buffer.from(rest, 'latin1')]);
  };
  const scores = npy('<f4', [1, 2], new Uint8Array(8));

  it('a header longer than numpy allows is refused before it is read, in an archive or a folder', async () => {
    // 300 MB of spaces took 1.29 GB and 41 s; over 2 GB in a folder gave "could not be read (ERR_OUT_OF_RANGE)".
    const p = tmp.write(
      'long-header.npz',
      zipSync({ 'labels.npy': v2(300_000_000, ' '.repeat(1000)), 'scores.npy': scores }),
    );
    await expectInputError(
      drain(p),
      "long-header.npz:array labels: a header of 300000000 bytes, more than numpy's limit of 10000 (max_header_size)",
    );
    const d = tmp.path('long-header');
    mkdirSync(d);
    tmp.write('long-header/labels.npy', v2(0xfffffff0, ' '.repeat(100)));
    tmp.write('long-header/scores.npy', scores);
    await expectInputError(drain(d), "labels.npy:array labels: a header of 4294967280 bytes, more than numpy's limit");
  });

  it('a header longer than its file is refused as such', async () => {
    const d = tmp.path('short-file');
    mkdirSync(d);
    tmp.write('short-file/labels.npy', v2(5000, "{'descr': '<i8'"));
    tmp.write('short-file/scores.npy', scores);
    await expectInputError(
      drain(d),
      'labels.npy:array labels: a header of 5000 bytes, beyond the 27 bytes of the array',
    );
  });
});

describe('labels saved as a column vector', () => {
  it('(N, 1) labels with (N, C) scores are told to be (N,)', async () => {
    const p = tmp.write(
      'column.npz',
      zipSync({
        'labels.npy': npy('<i8', [3, 1], new Uint8Array(24)),
        'scores.npy': npy('<f4', [3, 2], new Uint8Array(24)),
      }),
    );
    await expectInputError(
      drain(p),
      'labels has shape (3, 1) but scores has shape (3, 2)',
      'a multiclass labels array should be (N,): save labels.ravel()',
    );
  });
});
