import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { ClassIndex } from '../../../src/core/classes.js';
import { openFeatures, type FeatureStream } from '../../../src/io/data/index.js';
import { MAX_READ_BATCH_BYTES } from '../../../src/io/data/types.js';

const FIX = path.resolve('fixtures/model-data');
const dir = mkdtempSync(path.join(tmpdir(), 'mg-npyfeat-'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** An .npy (format 1.0) of the given dtype and shape around `data`, as numpy.save writes it. */
function npy(descr: string, shape: number[], data: Uint8Array): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const pad = 64 - ((10 + dict.length + 1) % 64);
  const header = dict + ' '.repeat(pad % 64) + '\n';
  const pre = Buffer.alloc(10);
  Buffer.from('\x93NUMPY', 'latin1').copy(pre);
  pre[6] = 1;
  pre.writeUInt16LE(header.length, 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(data)]);
}

function unicode(labels: string[], width: number): Uint8Array {
  const b = Buffer.alloc(labels.length * width * 4);
  labels.forEach((s, i) => [...s].forEach((c, j) => b.writeUInt32LE(c.codePointAt(0)!, (i * width + j) * 4)));
  return b;
}

async function collect(s: FeatureStream) {
  const x: number[] = [];
  const truth: number[] = [];
  let batches = 0;
  for await (const b of s.batches) {
    batches++;
    x.push(...b.x);
    truth.push(...b.truth!);
  }
  return { x, truth, batches };
}

describe('NumPy feature files', () => {
  it('reads class-name labels (unicode) from an .npz, streamed in batches, and fingerprints the archive', async () => {
    const names = ['eel', 'cat', 'dog', 'cat', 'ü', 'eel', 'dog'];
    const xs = Float32Array.from({ length: names.length * 2 }, (_, i) => i / 4 - 1);
    const f = path.join(dir, 'names.npz');
    const bytes = zipSync(
      {
        'x.npy': npy('<f4', [names.length, 2], new Uint8Array(xs.buffer)),
        'y.npy': npy('<U3', [names.length], unicode(names, 3)),
      },
      { level: 6 },
    );
    writeFileSync(f, bytes);
    const classes = new ClassIndex(['cat', 'dog', 'eel', 'ü'], true);
    const s = await openFeatures(f, { classes, batchSize: 3 });
    expect(() => s.fingerprints()).toThrow(/before the last batch/);
    const got = await collect(s);
    expect(got.batches).toBe(3);
    expect(got.x).toEqual(Array.from(xs));
    expect(got.truth).toEqual(names.map((n) => classes.indexOf(n)));
    expect(s.fingerprints()).toEqual([{ path: f, sha256: sha(bytes), bytes: bytes.length }]);
  });

  it('fingerprints an x.npy + y.npy folder as a predictions folder is: sha256 over sha256sum lines', async () => {
    const d = path.join(FIX, 'features_npy');
    const s = await openFeatures(d, { classes: new ClassIndex(['0', '1', '2'], true) });
    await collect(s);
    const files = ['x.npy', 'y.npy'].map((m) => readFileSync(path.join(d, m)));
    // As `sha256sum x.npy y.npy | sort | sha256sum`.
    const lines = files
      .map((b, i) => `${sha(b)}  ${['x.npy', 'y.npy'][i]}\n`)
      .sort()
      .join('');
    expect(s.fingerprints()).toEqual([
      { path: d, sha256: sha(Buffer.from(lines)), bytes: files[0].length + files[1].length },
    ]);
  });

  it('a corrupt compressed member is an input error naming the member', async () => {
    const good = readFileSync(path.join(FIX, 'features_compressed.npz'));
    const bad = Buffer.from(good);
    // Flip bits inside x.npy's deflate stream (the first member, after its 30-byte local header and name).
    bad[30 + bad.readUInt16LE(26) + bad.readUInt16LE(28) + 40] ^= 0x55;
    const f = path.join(dir, 'corrupt.npz');
    writeFileSync(f, bad);
    const s = await openFeatures(f, { classes: new ClassIndex(['0', '1', '2'], true) }).catch((e: Error) => e);
    const err =
      s instanceof Error
        ? s
        : await collect(s).then(
            () => null,
            (e: Error) => e,
          );
    expect(err?.name).toBe('InputError');
    expect(err?.message).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(array x|member x\\.npy)`));
  });

  it('a big-endian x is rejected with the dtype named', async () => {
    const d = path.join(dir, 'be');
    mkdirSync(d);
    writeFileSync(path.join(d, 'x.npy'), npy('>f8', [1, 1], new Uint8Array(8)));
    writeFileSync(path.join(d, 'y.npy'), npy('<i8', [1], new Uint8Array(8)));
    await expect(openFeatures(d, { classes: new ClassIndex(['0'], true) })).rejects.toThrow(
      `${path.join(d, 'x.npy')}:array x: dtype >f8 is not supported`,
    );
  });
});

describe('batches by bytes, not only by examples', () => {
  it('large examples come in batches of at most 64 MB, whatever batch was asked for', async () => {
    // 4 examples of 4,200,000 float32 features (16.8 MB each): 3 a batch, not the 1,024 asked for.
    const f = 4_200_000;
    const d = path.join(dir, 'wide');
    mkdirSync(d, { recursive: true });
    const x = new Float32Array(4 * f);
    for (let i = 0; i < 4; i++) x[i * f] = i;
    writeFileSync(path.join(d, 'x.npy'), npy('<f4', [4, f], new Uint8Array(x.buffer)));
    writeFileSync(path.join(d, 'y.npy'), npy('<i8', [4], new Uint8Array(BigInt64Array.from([0n, 1n, 0n, 1n]).buffer)));
    const s = await openFeatures(d, { classes: new ClassIndex(), batchSize: 1024 });
    const sizes: number[] = [];
    const firsts: number[] = [];
    for await (const b of s.batches) {
      sizes.push(b.n);
      expect(b.x.length * 4).toBeLessThanOrEqual(MAX_READ_BATCH_BYTES);
      for (let i = 0; i < b.n; i++) firsts.push(b.x[i * f]);
    }
    expect(sizes).toEqual([3, 1]);
    expect(firsts).toEqual([0, 1, 2, 3]);
  });
});
