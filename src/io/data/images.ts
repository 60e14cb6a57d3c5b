// Image folders in the layout Keras' image_dataset_from_directory reads: split/<class>/*.png|jpg,
// classes = subfolder names sorted by code point (as Python's sorted()), files in sorted order.
// PNG via pngjs, JPEG via jpeg-js; pixels stay 0..255 floats (scaling is the Preprocess's job),
// converted to 1 (luma, as tf.image.rgb_to_grayscale) or 3 channels and resized bilinearly with
// half-pixel centers (as tf.image.resize). Images are decoded one batch at a time.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { InputError } from '../types.js';
import { labelIndexOf } from './labels.js';
import { MAX_IMAGE_PIXELS, readBatchRows, type DataOptions, type FeatureBatch, type FeatureStream } from './types.js';

const IMAGE_EXT = /\.(png|jpe?g)$/i;
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  rgba: Uint8Array;
}

/**
 * Width and height from a PNG's IHDR or a JPEG's start-of-frame marker, read before decoding so
 * that a small file claiming a huge image is refused before any pixel memory is allocated.
 * Null when the header is not found (the decoder then reports the damage).
 */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR')
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  for (let p = 2; p + 9 <= b.length;) {
    if (b[p] !== 0xff) return null;
    const marker = b[p + 1];
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2; // markers without a length
      continue;
    }
    // SOF0..SOF15 except DHT (c4), JPG (c8) and DAC (cc): precision, height, width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { width: b.readUInt16BE(p + 7), height: b.readUInt16BE(p + 5) };
    p += 2 + b.readUInt16BE(p + 2);
  }
  return null;
}

export function decodeImage(bytes: Uint8Array, file: string): DecodedImage {
  const size = imageSize(bytes);
  if (size && size.width * size.height > MAX_IMAGE_PIXELS)
    throw new InputError(
      file,
      null,
      `image is ${size.height}x${size.width} (${size.width * size.height} pixels); expected at most ${MAX_IMAGE_PIXELS} pixels (8192x8192): resize it first`,
    );
  try {
    if (/\.png$/i.test(file)) {
      const png = PNG.sync.read(Buffer.from(bytes));
      return { width: png.width, height: png.height, rgba: png.data };
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256 });
    return { width: img.width, height: img.height, rgba: img.data };
  } catch (e) {
    throw new InputError(file, null, `cannot decode the image: ${(e as Error).message}`);
  }
}

/** RGBA pixels to `channels` float planes-interleaved (HWC) values 0..255. */
export function toChannels(img: DecodedImage, channels: 1 | 3): Float32Array {
  const { width, height, rgba } = img;
  const out = new Float32Array(width * height * channels);
  for (let p = 0, q = 0; p < width * height; p++) {
    const r = rgba[4 * p],
      g = rgba[4 * p + 1],
      b = rgba[4 * p + 2];
    if (channels === 3) {
      out[q++] = r;
      out[q++] = g;
      out[q++] = b;
    } else out[q++] = r === g && g === b ? r : 0.2989 * r + 0.587 * g + 0.114 * b;
  }
  return out;
}

/** Bilinear resize of an HWC image, half-pixel centers, no antialiasing (tf.image.resize's default). */
export function resizeBilinear(
  src: Float32Array,
  h: number,
  w: number,
  c: number,
  oh: number,
  ow: number,
): Float32Array {
  if (h === oh && w === ow) return src;
  const out = new Float32Array(oh * ow * c);
  const sy = h / oh,
    sx = w / ow;
  for (let y = 0; y < oh; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
    const y0 = Math.floor(fy),
      y1 = Math.min(y0 + 1, h - 1),
      dy = fy - y0;
    for (let x = 0; x < ow; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
      const x0 = Math.floor(fx),
        x1 = Math.min(x0 + 1, w - 1),
        dx = fx - x0;
      for (let k = 0; k < c; k++) {
        const a = src[(y0 * w + x0) * c + k],
          b = src[(y0 * w + x1) * c + k];
        const d = src[(y1 * w + x0) * c + k],
          e = src[(y1 * w + x1) * c + k];
        const top = a + (b - a) * dx,
          bot = d + (e - d) * dx;
        out[(y * ow + x) * c + k] = top + (bot - top) * dy;
      }
    }
  }
  return out;
}

/** Class subfolder names of an image split, sorted as Keras sorts them. */
export async function imageClassNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(byCodePoint);
}

export async function readImageFolder(dir: string, opts: DataOptions): Promise<FeatureStream> {
  if (opts.task === 'multilabel')
    throw new InputError(
      dir,
      null,
      'image folders hold one class per image (multiclass); multi-label data needs CSV or NumPy labels',
    );
  const classNames = await imageClassNames(dir);
  if (classNames.length === 0)
    throw new InputError(dir, null, 'no class subfolders: expected <split>/<class>/*.png|jpg');
  const items: { file: string; label: number }[] = [];
  for (const name of classNames) {
    const label = labelIndexOf(opts.classes, name, dir, `folder ${name}`);
    const files = (await readdir(path.join(dir, name))).filter((f) => IMAGE_EXT.test(f)).sort(byCodePoint);
    for (const f of files) items.push({ file: path.join(dir, name, f), label });
  }
  if (items.length === 0) throw new InputError(dir, null, 'no .png or .jpg images in the class subfolders');
  const channels = opts.image?.channels ?? 3;
  let [oh, ow] = opts.image?.resize ?? [0, 0];
  if (!opts.image?.resize) {
    const first = decodeImage(await readFile(items[0].file), items[0].file);
    [oh, ow] = [first.height, first.width];
  }
  const f = oh * ow * channels;
  const batchSize = readBatchRows(opts.batchSize, f);
  // The split's fingerprint: sha256 over (relative path, file hash) of every image in order.
  const hash = createHash('sha256');
  let bytes = 0;

  async function* batches(): AsyncGenerator<FeatureBatch> {
    for (let start = 0; start < items.length; start += batchSize) {
      const m = Math.min(batchSize, items.length - start);
      const x = new Float32Array(m * f);
      const truth = new Uint32Array(m);
      for (let i = 0; i < m; i++) {
        const { file, label } = items[start + i];
        const raw = await readFile(file);
        hash
          .update(path.relative(dir, file).split(path.sep).join('/'))
          .update('\0')
          .update(createHash('sha256').update(raw).digest());
        bytes += raw.length;
        truth[i] = label;
        if (opts.keep && !opts.keep(start + i)) continue;
        const img = decodeImage(raw, file);
        if (!opts.image?.resize && (img.height !== oh || img.width !== ow))
          throw new InputError(
            file,
            null,
            `image is ${img.height}x${img.width} but the first image is ${oh}x${ow}; set a resize in the preprocessing`,
          );
        x.set(resizeBilinear(toChannels(img, channels), img.height, img.width, channels, oh, ow), i * f);
      }
      yield { n: m, x, truth };
    }
  }

  let digest: string | null = null;
  return {
    featureShape: [oh, ow, channels],
    task: 'multiclass',
    count: items.length,
    batches: batches(),
    rowName: (row) => path.relative(dir, items[row].file).split(path.sep).join('/'),
    close: async () => {},
    fingerprints() {
      digest ??= hash.digest('hex');
      return [{ path: dir, sha256: digest, bytes }];
    },
  };
}
