import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ClassIndex } from '../../../src/core/classes.js';
import { imageClassNames, openFeatures } from '../../../src/io/data/index.js';
import { resizeBilinear } from '../../../src/io/data/images.js';
import { MAX_READ_BATCH_BYTES, readBatchRows } from '../../../src/io/data/types.js';

/** A w x h RGBA image from a pixel function. */
function rgba(w: number, h: number, px: (x: number, y: number) => [number, number, number]): Buffer {
  const b = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [r, g, bl] = px(x, y);
      b.set([r, g, bl, 255], (y * w + x) * 4);
    }
  return b;
}
function png(file: string, w: number, h: number, px: (x: number, y: number) => [number, number, number]) {
  const p = new PNG({ width: w, height: h });
  rgba(w, h, px).copy(p.data);
  writeFileSync(file, PNG.sync.write(p));
}
function jpg(file: string, w: number, h: number, px: (x: number, y: number) => [number, number, number]) {
  writeFileSync(file, jpeg.encode({ data: rgba(w, h, px), width: w, height: h }, 100).data);
}

async function all(dir: string, opts: object = {}, classes = new ClassIndex()) {
  const s = await openFeatures(dir, { classes, batchSize: 2, ...opts });
  const x: number[][] = [];
  const truth: number[] = [];
  for await (const b of s.batches) {
    const f = b.x.length / b.n;
    for (let i = 0; i < b.n; i++) x.push(Array.from(b.x.subarray(i * f, (i + 1) * f)));
    truth.push(...b.truth!);
  }
  return { s, x, truth };
}

describe('image folders (Keras image_dataset_from_directory layout)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'mg-img-'));
  const split = path.join(root, 'train');
  for (const c of ['b', 'B', 'a10', 'a2']) mkdirSync(path.join(split, c), { recursive: true });
  // Each class gets a solid colour; `a2` also holds a JPEG and a text file that must be skipped.
  const colour: Record<string, [number, number, number]> = {
    b: [200, 10, 30],
    B: [0, 0, 255],
    a10: [90, 90, 90],
    a2: [1, 2, 3],
  };
  for (const [c, col] of Object.entries(colour)) png(path.join(split, c, 'one.png'), 3, 2, () => col);
  jpg(path.join(split, 'a2', 'two.jpg'), 3, 2, () => [120, 60, 30]);
  writeFileSync(path.join(split, 'a2', 'notes.txt'), 'not an image');

  it('classes are the subfolders sorted by code point, as Python sorts them', async () => {
    expect(await imageClassNames(split)).toEqual(['B', 'a10', 'a2', 'b']);
  });

  it('decodes PNG exactly and JPEG closely, RGB in HWC order, labels by folder', async () => {
    const classes = new ClassIndex(['B', 'a10', 'a2', 'b'], true);
    const { s, x, truth } = await all(split, {}, classes);
    expect(s.featureShape).toEqual([2, 3, 3]);
    expect(s.count).toBe(5);
    expect(truth).toEqual([0, 1, 2, 2, 3]);
    expect(x[0]).toEqual(new Array(6).fill([0, 0, 255]).flat());
    expect(x[4]).toEqual(new Array(6).fill([200, 10, 30]).flat());
    for (let i = 0; i < 18; i++) expect(Math.abs(x[3][i] - [120, 60, 30][i % 3])).toBeLessThanOrEqual(3);
  });

  it('grayscale uses the luma weights of tf.image.rgb_to_grayscale', async () => {
    const { x } = await all(split, { image: { channels: 1 } }, new ClassIndex(['B', 'a10', 'a2', 'b'], true));
    expect(x[4][0]).toBeCloseTo(0.2989 * 200 + 0.587 * 10 + 0.114 * 30, 4);
    expect(x[1][0]).toBe(90); // grey stays exactly grey
  });

  it('resizes bilinearly with half-pixel centres: a linear ramp stays linear inside', () => {
    const src = Float32Array.from([0, 10, 20, 30]); // 1 x 4, one channel
    const out = resizeBilinear(src, 1, 4, 1, 1, 8);
    // out x -> source (x + 0.5) / 2 - 0.5, clamped to [0, 3]; the ramp is 10 * source.
    const want = [0, 1, 2, 3, 4, 5, 6, 7].map((x) => 10 * Math.min(3, Math.max(0, (x + 0.5) / 2 - 0.5)));
    Array.from(out).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    // Downscaling 4 -> 2 averages neighbour pairs at half-pixel centres.
    expect(Array.from(resizeBilinear(src, 1, 4, 1, 1, 2))).toEqual([5, 25]);
  });

  it('images of other sizes need a resize; with one they are all brought to it', async () => {
    const d = path.join(root, 'mixed');
    mkdirSync(path.join(d, 'x'), { recursive: true });
    png(path.join(d, 'x', '1.png'), 4, 4, () => [10, 10, 10]);
    png(path.join(d, 'x', '2.png'), 2, 2, () => [10, 10, 10]);
    await expect(all(d)).rejects.toThrow(
      `${path.join(d, 'x', '2.png')}: image is 2x2 but the first image is 4x4; set a resize`,
    );
    const { s, x } = await all(d, { image: { resize: [3, 3], channels: 3 } });
    expect(s.featureShape).toEqual([3, 3, 3]);
    for (const row of x) expect(row).toEqual(new Array(27).fill(10));
  });

  it('an undecodable image names its file', async () => {
    const d = path.join(root, 'broken');
    mkdirSync(path.join(d, 'x'), { recursive: true });
    writeFileSync(path.join(d, 'x', 'bad.png'), 'not a png');
    await expect(all(d, { image: { resize: [2, 2] } })).rejects.toThrow(
      `${path.join(d, 'x', 'bad.png')}: cannot decode the image`,
    );
  });
});

describe('image folders in a sharded run (keep)', () => {
  const split = path.join(mkdtempSync(path.join(tmpdir(), 'mg-img-shard-')), 'test');
  mkdirSync(path.join(split, 'a'), { recursive: true });
  mkdirSync(path.join(split, 'b'), { recursive: true });
  for (const [i, c] of ['a', 'a', 'b', 'b', 'b'].entries())
    png(path.join(split, c, `${i}.png`), 2, 2, () => [10 * i, 20, 30]);
  const even = (k: number) => k % 2 === 0;

  it('decodes only the kept images, yet hashes every file: the same fingerprint as reading all', async () => {
    const whole = await all(split);
    const part = await all(split, { keep: even });
    expect(part.truth).toEqual(whole.truth);
    part.x.forEach((row, k) => expect(row).toEqual(even(k) ? whole.x[k] : row.map(() => 0)));
    expect(part.s.fingerprints()).toEqual(whole.s.fingerprints());
  });

  it('a broken image that is not kept is not decoded (its own shard reports it)', async () => {
    writeFileSync(path.join(split, 'a', '1.png'), 'not a png');
    await expect(all(split)).rejects.toThrow(/1\.png/);
    await expect(all(split, { keep: even })).resolves.toBeDefined();
  });
});

describe('batches by bytes, not only by examples', () => {
  it('readBatchRows: the batch asked for, fewer when its examples would pass 64 MB, at least one', () => {
    expect(readBatchRows(undefined, 64)).toBe(256);
    expect(readBatchRows(1024, 64)).toBe(1024);
    expect(readBatchRows(1024, 512 * 512 * 3)).toBe(Math.floor(MAX_READ_BATCH_BYTES / (4 * 512 * 512 * 3)));
    expect(readBatchRows(1024, 512 * 512 * 3)).toBe(21);
    expect(readBatchRows(8, 8192 * 8192 * 3)).toBe(1);
  });
});
