// The preprocessing stated in .modelgate.yml or the action inputs. One Preprocess object is built
// per evaluation and the runner applies it to every split, so train, validation and test are
// transformed the same way by construction. x' = (x * scale - mean) / std, with mean and std a
// single number, one per feature, or one per channel (last axis); resize and channels apply to
// image folders as they are decoded.

import { UsageError } from '../core/errors.js';
import { MAX_IMAGE_PIXELS, type ImageOptions } from '../io/data/types.js';

export interface PreprocessSpec {
  scale?: number;
  mean?: number | number[];
  std?: number | number[];
  /** Image folders: [height, width]. */
  resize?: [number, number];
  /** Image folders: 1 (grayscale) or 3 (RGB). */
  channels?: 1 | 3;
}

function numbers(v: unknown, what: string): number | number[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const parts = v
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (parts.every(Number.isFinite)) return parts.length === 1 ? parts[0] : parts;
  }
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x)))
    return v as number[];
  throw new UsageError(`preprocess.${what} must be a number or a list of numbers, got ${JSON.stringify(v)}`);
}

/** Validates a preprocessing block from configuration (YAML object or action inputs as strings). */
export function parsePreprocess(raw: unknown): PreprocessSpec {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new UsageError('preprocess must be a mapping with scale, mean, std, resize, channels');
  const r = raw as Record<string, unknown>;
  const known = new Set(['scale', 'mean', 'std', 'resize', 'channels']);
  for (const k of Object.keys(r))
    if (!known.has(k))
      throw new UsageError(`preprocess.${k} is not a known option (scale, mean, std, resize, channels)`);
  const spec: PreprocessSpec = {};
  if (r.scale !== undefined) {
    const s =
      typeof r.scale === 'string' && /^\s*1\s*\/\s*\d+(\.\d+)?\s*$/.test(r.scale)
        ? 1 / Number(r.scale.split('/')[1])
        : numbers(r.scale, 'scale');
    if (typeof s !== 'number')
      throw new UsageError(
        `preprocess.scale must be one number (e.g. 0.00392 or "1/255"), got ${JSON.stringify(r.scale)}`,
      );
    spec.scale = s;
  }
  spec.mean = numbers(r.mean, 'mean');
  spec.std = numbers(r.std, 'std');
  const stds = spec.std === undefined ? [] : Array.isArray(spec.std) ? spec.std : [spec.std];
  if (stds.some((s) => s === 0)) throw new UsageError('preprocess.std must not contain 0');
  if (r.resize !== undefined) {
    const z = numbers(r.resize, 'resize');
    if (!Array.isArray(z) || z.length !== 2 || z.some((d) => !Number.isInteger(d) || d < 1))
      throw new UsageError(`preprocess.resize must be [height, width] in pixels, got ${JSON.stringify(r.resize)}`);
    if (z[0] * z[1] > MAX_IMAGE_PIXELS)
      throw new UsageError(
        `preprocess.resize [${z[0]}, ${z[1]}] is ${z[0] * z[1]} pixels; expected at most ${MAX_IMAGE_PIXELS} (8192x8192), as for the images read`,
      );
    spec.resize = [z[0], z[1]];
  }
  if (r.channels !== undefined) {
    const c = Number(r.channels);
    if (c !== 1 && c !== 3)
      throw new UsageError(`preprocess.channels must be 1 or 3, got ${JSON.stringify(r.channels)}`);
    spec.channels = c;
  }
  for (const k of Object.keys(spec) as (keyof PreprocessSpec)[]) if (spec[k] === undefined) delete spec[k];
  return spec;
}

export class Preprocess {
  constructor(readonly spec: PreprocessSpec = {}) {}

  /** Decoding options for image folders. */
  get image(): ImageOptions {
    return { resize: this.spec.resize, channels: this.spec.channels };
  }

  get isIdentity(): boolean {
    const { scale, mean, std } = this.spec;
    return (scale === undefined || scale === 1) && mean === undefined && std === undefined;
  }

  /**
   * Binds to one example shape, checking that mean/std fit it, and returns the in-place transform
   * of a batch (n * featureSize values). Throws a UsageError naming both lengths otherwise.
   */
  bind(featureShape: readonly number[]): (x: Float32Array) => void {
    const size = featureShape.reduce((a, b) => a * b, 1);
    const channels = featureShape[featureShape.length - 1] ?? 1;
    const expand = (v: number | number[] | undefined, fill: number, what: string): Float32Array => {
      const out = new Float32Array(size).fill(fill);
      if (v === undefined) return out;
      if (typeof v === 'number' || v.length === 1) return out.fill(typeof v === 'number' ? v : v[0]);
      if (v.length === size) return Float32Array.from(v);
      if (v.length === channels) {
        for (let i = 0; i < size; i++) out[i] = v[i % channels];
        return out;
      }
      throw new UsageError(
        `preprocess.${what} has ${v.length} values; expected 1, one per feature (${size}) or one per channel (${channels}) for examples of shape [${featureShape.join(', ')}]`,
      );
    };
    const scale = this.spec.scale ?? 1;
    const mean = expand(this.spec.mean, 0, 'mean');
    const std = expand(this.spec.std, 1, 'std');
    if (this.isIdentity) return () => {};
    const inv = std.map((s) => 1 / s);
    return (x) => {
      for (let i = 0, j = 0; i < x.length; i++, j++) {
        if (j === size) j = 0;
        x[i] = (x[i] * scale - mean[j]) * inv[j];
      }
    };
  }
}
