// Compact per-example predictions: the narrowest unsigned integer width that holds every
// class index, little-endian, deflated, base64 in the report. About one byte per example per
// array for up to 256 classes before compression; predictions compress well.

import { deflateSync, inflateSync } from 'fflate';
import type { EncodedExamples, SplitExamples } from './types.js';

type Width = EncodedExamples['width'];

/**
 * Level 1, not 6: class indices are close to random bytes, so the higher levels search long for
 * matches that barely exist. On 100,000 x 485 multi-label predictions (2.3 MB raw) level 1 takes
 * 0.41 of level 6's time for 2.6% more bytes (1.22 MB instead of 1.19 MB) (issue 14).
 */
const DEFLATE_LEVEL = 1;

function widthFor(numClasses: number): Width {
  return numClasses <= 0x100 ? 'u8' : numClasses <= 0x10000 ? 'u16' : 'u32';
}
const BYTES: Record<Width, number> = { u8: 1, u16: 2, u32: 4 };

class Writer {
  private pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  put(values: Uint32Array, w: Width): void {
    const v = this.view;
    let p = this.pos;
    if (w === 'u8') for (let i = 0; i < values.length; i++) v.setUint8(p++, values[i]);
    else if (w === 'u16') for (let i = 0; i < values.length; i++, p += 2) v.setUint16(p, values[i], true);
    else for (let i = 0; i < values.length; i++, p += 4) v.setUint32(p, values[i], true);
    this.pos = p;
  }
}

class Reader {
  private pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  take(count: number, w: Width): Uint32Array {
    const need = count * BYTES[w];
    if (this.pos + need > this.bytes.length) throw new Error('per-example predictions are truncated');
    const out = new Uint32Array(count);
    const v = this.view;
    let p = this.pos;
    if (w === 'u8') for (let i = 0; i < count; i++) out[i] = v.getUint8(p++);
    else if (w === 'u16') for (let i = 0; i < count; i++, p += 2) out[i] = v.getUint16(p, true);
    else for (let i = 0; i < count; i++, p += 4) out[i] = v.getUint32(p, true);
    this.pos = p;
    return out;
  }
  get remaining(): number {
    return this.bytes.length - this.pos;
  }
}

/** A view, not a copy (the deflated bytes of a large split are megabytes). */
function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** Encodes per-example predictions for a report whose class list has `numClasses` entries. */
export function encodeExamples(ex: SplitExamples, numClasses: number): EncodedExamples {
  const w = widthFor(numClasses);
  const b = BYTES[w];
  let bytes: Uint8Array;
  if (ex.task === 'multiclass') {
    bytes = new Uint8Array(2 * ex.n * b);
    const wr = new Writer(bytes);
    wr.put(ex.truth.subarray(0, ex.n), w);
    wr.put(ex.pred.subarray(0, ex.n), w);
  } else {
    const tl = ex.truthOffsets[ex.n];
    const pl = ex.predOffsets[ex.n];
    bytes = new Uint8Array(2 * (ex.n + 1) * 4 + (tl + pl) * b);
    const wr = new Writer(bytes);
    wr.put(ex.truthOffsets.subarray(0, ex.n + 1), 'u32');
    wr.put(ex.truthIndices.subarray(0, tl), w);
    wr.put(ex.predOffsets.subarray(0, ex.n + 1), 'u32');
    wr.put(ex.predIndices.subarray(0, pl), w);
  }
  return {
    width: w,
    layout: ex.task === 'multiclass' ? 'multiclass' : 'multilabel-csr',
    n: ex.n,
    data: asBuffer(deflateSync(bytes, { level: DEFLATE_LEVEL })).toString('base64'),
  };
}

/** Decodes and checks per-example predictions; throws with a plain message when they are damaged. */
export function decodeExamples(enc: EncodedExamples, numClasses: number): SplitExamples {
  let bytes: Uint8Array;
  try {
    bytes = inflateSync(Buffer.from(enc.data, 'base64'));
  } catch {
    throw new Error('per-example predictions are not valid deflate data');
  }
  const rd = new Reader(bytes);
  const w = enc.width;
  const n = enc.n;
  const checkIndices = (a: Uint32Array, what: string) => {
    for (let i = 0; i < a.length; i++)
      if (a[i] >= numClasses)
        throw new Error(`${what} holds class index ${a[i]} but the report has ${numClasses} classes`);
  };
  const checkOffsets = (o: Uint32Array, what: string) => {
    if (o[0] !== 0) throw new Error(`${what} offsets must start at 0`);
    for (let i = 1; i < o.length; i++) if (o[i] < o[i - 1]) throw new Error(`${what} offsets must not decrease`);
  };
  let out: SplitExamples;
  if (enc.layout === 'multiclass') {
    const truth = rd.take(n, w);
    const pred = rd.take(n, w);
    checkIndices(truth, 'truth');
    checkIndices(pred, 'prediction');
    out = { task: 'multiclass', n, truth, pred };
  } else {
    const truthOffsets = rd.take(n + 1, 'u32');
    checkOffsets(truthOffsets, 'truth');
    const truthIndices = rd.take(truthOffsets[n], w);
    const predOffsets = rd.take(n + 1, 'u32');
    checkOffsets(predOffsets, 'prediction');
    const predIndices = rd.take(predOffsets[n], w);
    checkIndices(truthIndices, 'truth');
    checkIndices(predIndices, 'prediction');
    out = { task: 'multilabel', n, truthOffsets, truthIndices, predOffsets, predIndices };
  }
  if (rd.remaining !== 0) throw new Error('per-example predictions have trailing bytes');
  return out;
}
