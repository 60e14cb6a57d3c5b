import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/io/data/types.ts
var MAX_READ_BATCH_BYTES = 64 << 20;
function readBatchRows(asked, featureSize) {
  const fit = Math.floor(MAX_READ_BATCH_BYTES / (4 * Math.max(1, featureSize)));
  return Math.max(1, Math.min(asked ?? 256, fit));
}
var MAX_IMAGE_PIXELS = 8192 * 8192;

// src/model/preprocess.ts
function numbers(v, what) {
  if (v === void 0 || v === null) return void 0;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "") {
    const parts = v.split(/[\s,]+/).filter(Boolean).map(Number);
    if (parts.every(Number.isFinite)) return parts.length === 1 ? parts[0] : parts;
  }
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "number" && Number.isFinite(x)))
    return v;
  throw new UsageError(`preprocess.${what} must be a number or a list of numbers, got ${JSON.stringify(v)}`);
}
function parsePreprocess(raw) {
  if (raw === void 0 || raw === null) return {};
  if (typeof raw !== "object" || Array.isArray(raw))
    throw new UsageError("preprocess must be a mapping with scale, mean, std, resize, channels");
  const r = raw;
  const known = /* @__PURE__ */ new Set(["scale", "mean", "std", "resize", "channels"]);
  for (const k of Object.keys(r))
    if (!known.has(k))
      throw new UsageError(`preprocess.${k} is not a known option (scale, mean, std, resize, channels)`);
  const spec = {};
  if (r.scale !== void 0) {
    const s = typeof r.scale === "string" && /^\s*1\s*\/\s*\d+(\.\d+)?\s*$/.test(r.scale) ? 1 / Number(r.scale.split("/")[1]) : numbers(r.scale, "scale");
    if (typeof s !== "number")
      throw new UsageError(
        `preprocess.scale must be one number (e.g. 0.00392 or "1/255"), got ${JSON.stringify(r.scale)}`
      );
    spec.scale = s;
  }
  spec.mean = numbers(r.mean, "mean");
  spec.std = numbers(r.std, "std");
  const stds = spec.std === void 0 ? [] : Array.isArray(spec.std) ? spec.std : [spec.std];
  if (stds.some((s) => s === 0)) throw new UsageError("preprocess.std must not contain 0");
  if (r.resize !== void 0) {
    const z = numbers(r.resize, "resize");
    if (!Array.isArray(z) || z.length !== 2 || z.some((d) => !Number.isInteger(d) || d < 1))
      throw new UsageError(`preprocess.resize must be [height, width] in pixels, got ${JSON.stringify(r.resize)}`);
    if (z[0] * z[1] > MAX_IMAGE_PIXELS)
      throw new UsageError(
        `preprocess.resize [${z[0]}, ${z[1]}] is ${z[0] * z[1]} pixels; expected at most ${MAX_IMAGE_PIXELS} (8192x8192), as for the images read`
      );
    spec.resize = [z[0], z[1]];
  }
  if (r.channels !== void 0) {
    const c = Number(r.channels);
    if (c !== 1 && c !== 3)
      throw new UsageError(`preprocess.channels must be 1 or 3, got ${JSON.stringify(r.channels)}`);
    spec.channels = c;
  }
  for (const k of Object.keys(spec)) if (spec[k] === void 0) delete spec[k];
  return spec;
}
var Preprocess = class {
  constructor(spec = {}) {
    this.spec = spec;
  }
  spec;
  /** Decoding options for image folders. */
  get image() {
    return { resize: this.spec.resize, channels: this.spec.channels };
  }
  get isIdentity() {
    const { scale, mean, std } = this.spec;
    return (scale === void 0 || scale === 1) && mean === void 0 && std === void 0;
  }
  /**
   * Binds to one example shape, checking that mean/std fit it, and returns the in-place transform
   * of a batch (n * featureSize values). Throws a UsageError naming both lengths otherwise.
   */
  bind(featureShape) {
    const size = featureShape.reduce((a, b) => a * b, 1);
    const channels = featureShape[featureShape.length - 1] ?? 1;
    const expand = (v, fill, what) => {
      const out = new Float32Array(size).fill(fill);
      if (v === void 0) return out;
      if (typeof v === "number" || v.length === 1) return out.fill(typeof v === "number" ? v : v[0]);
      if (v.length === size) return Float32Array.from(v);
      if (v.length === channels) {
        for (let i = 0; i < size; i++) out[i] = v[i % channels];
        return out;
      }
      throw new UsageError(
        `preprocess.${what} has ${v.length} values; expected 1, one per feature (${size}) or one per channel (${channels}) for examples of shape [${featureShape.join(", ")}]`
      );
    };
    const scale = this.spec.scale ?? 1;
    const mean = expand(this.spec.mean, 0, "mean");
    const std = expand(this.spec.std, 1, "std");
    if (this.isIdentity) return () => {
    };
    const inv = std.map((s) => 1 / s);
    return (x) => {
      for (let i = 0, j = 0; i < x.length; i++, j++) {
        if (j === size) j = 0;
        x[i] = (x[i] * scale - mean[j]) * inv[j];
      }
    };
  }
};

export {
  readBatchRows,
  MAX_IMAGE_PIXELS,
  parsePreprocess,
  Preprocess
};
