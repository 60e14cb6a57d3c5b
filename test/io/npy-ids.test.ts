// The optional `ids` array of NumPy prediction files (fixtures/ids, written by numpy): every
// row's id reaches its batch as text, whatever the dtype; unusable ids are refused by name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClassIndex } from '../../src/core/classes.js';
import type { Task } from '../../src/core/report/types.js';
import { openPredictions } from '../../src/io/predictions.js';
import type { ExampleBatch } from '../../src/io/types.js';
import { MAX_ID_BYTES } from '../../src/io/npy-ids.js';
import { expectInputError, tempDir } from './tmp.js';

const DIR = join(process.cwd(), 'fixtures/ids');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<
  string,
  { dtype: string; ids: string[] }
>;

const UTF8 = new TextDecoder();
function idsOf(b: ExampleBatch): string[] {
  if (!b.ids) return [];
  const { bytes, ends } = b.ids;
  return Array.from(ends, (end, i) => UTF8.decode(bytes.subarray(i === 0 ? 0 : ends[i - 1], end)));
}

/** Every batch's ids, checking each batch has one per example. */
async function readIds(path: string, task?: Task): Promise<string[]> {
  const s = await openPredictions(path, { classes: new ClassIndex(), batchSize: 7, task });
  const out: string[] = [];
  for await (const b of s.batches) {
    expect(b.ids?.ends.length).toBe(b.n);
    out.push(...idsOf(b));
  }
  return out;
}

describe('ids of NumPy prediction files', () => {
  it.each(['train.npz', 'validation.npz', 'test-leaked.npz', 'test-clean.npz', 'uint.npy'])(
    '%s: each row has its id, as numpy prints it',
    async (name) => {
      expect(await readIds(join(DIR, name))).toEqual(expected[name].ids);
    },
  );

  it('covers integers (int64 beyond 2^53, negative; uint16), unicode and bytes', () => {
    expect(Object.values(expected).map((e) => e.dtype)).toEqual(
      expect.arrayContaining(['<i8', '<U7', '|S19', '|S3', '<u2']),
    );
    expect(expected['train.npz'].ids).toContain('1152921504606846983');
    expect(expected['train.npz'].ids).toContain('-12');
  });

  it('multi-label batches carry them too', async () => {
    expect(await readIds(join(DIR, 'test-leaked.npz'), 'multilabel')).toEqual(expected['test-leaked.npz'].ids);
  });

  it('a file without ids gives batches without ids', async () => {
    const s = await openPredictions(join(process.cwd(), 'fixtures/predictions/multiclass.npz'), {
      classes: new ClassIndex(),
    });
    for await (const b of s.batches) expect(b.ids).toBeUndefined();
  });

  it.each([
    ['object.npz', 'object.npz:array ids: dtype |O holds pickled Python objects, which modelgate never unpickles'],
    ['short.npz', 'short.npz:array ids: has 9 ids but labels has 10 rows; expected 10, one id per row'],
    ['float.npz', 'float.npz:array ids: dtype <f8 is not supported for ids; expected little-endian integers'],
    ['matrix.npz', 'matrix.npz:array ids: has shape (10, 2); expected (N,), one id per row'],
    ['empty-str.npz', 'empty-str.npz:array ids: row 3: the id is empty; expected one for every example'],
    ['empty-bytes.npz', 'empty-bytes.npz:array ids: row 3: the id is empty; expected one for every example'],
  ])('bad/%s is refused', async (name, message) => {
    await expectInputError(readIds(join(DIR, 'bad', name)), message);
  });
});

describe('an ids dtype wider than any id', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  /** A C-order .npy of `shape`, dtype `descr`, its elements as bytes. */
  const npy = (descr: string, shape: number[], body: Uint8Array) => {
    let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')},), }`;
    header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
    const pre = Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
    return Buffer.concat([pre, Buffer.from(header, 'latin1'), body]);
  };
  const ints = (v: number[]) => new Uint8Array(BigInt64Array.from(v.map(BigInt)).buffer);

  it('is refused before a row is read (each id is read whole)', async () => {
    tmp.write('labels.npy', npy('<i8', [2], ints([0, 1])));
    tmp.write('preds.npy', npy('<i8', [2], ints([0, 1])));
    const width = MAX_ID_BYTES / 4 + 1;
    tmp.write('ids.npy', npy(`<U${width}`, [2], new Uint8Array(2 * 4 * width)));
    await expectInputError(
      readIds(tmp.path('')),
      `array ids: dtype <U${width} makes each id ${4 * width} bytes; expected at most 65536 (<U16384, |S65536)`,
    );
  });

  it('the widest taken is read', async () => {
    const body = new Uint8Array(2 * MAX_ID_BYTES);
    body[0] = 0x41; // UTF-32LE 'A', then NUL padding
    body[MAX_ID_BYTES] = 0x42;
    tmp.write('ids.npy', npy(`<U${MAX_ID_BYTES / 4}`, [2], body));
    expect(await readIds(tmp.path(''))).toEqual(['A', 'B']);
  });

  it('a value that is no Unicode code point is refused by row, not thrown', async () => {
    const body = new Uint8Array(2 * 8);
    body.set([0x41, 0, 0, 0], 0);
    body.set([0x41, 0x41, 0x41, 0x41], 8); // 0x41414141 > 0x10ffff
    tmp.write('ids.npy', npy('<U2', [2], body));
    await expectInputError(
      readIds(tmp.path('')),
      'array ids: row 1: the id holds 0x41414141, not a Unicode code point',
    );
  });
});
