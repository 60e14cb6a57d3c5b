// Compact per-example predictions: the narrowest unsigned integer width that holds every
// class index, little-endian, deflated, base64 in the report. About one byte per example per
// array for up to 256 classes before compression; predictions compress well. Encoding goes
// through ./example-store.ts, which builds the same bytes batch by batch.

import { inflateSync } from 'fflate';
import { ExampleStore } from './example-store.js';
import type { EncodedExamples, SplitExamples } from './types.js';

type Width = EncodedExamples['width'];
const BYTES: Record<Width, number> = { u8: 1, u16: 2, u32: 4 };

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

/** Encodes per-example predictions for a report whose class list has `numClasses` entries. */
export function encodeExamples(ex: SplitExamples, numClasses: number): EncodedExamples {
  const store = new ExampleStore(ex.task, numClasses);
  store.append(ex);
  return store.encode();
}

/** The deflate stream of encoded predictions, from a report file's base64 or as built in this process. */
export function deflatedBytes(enc: EncodedExamples): Uint8Array {
  return typeof enc.data === 'string' ? Buffer.from(enc.data, 'base64') : enc.data.bytes();
}

/** Decodes and checks per-example predictions; throws with a plain message when they are damaged. */
export function decodeExamples(enc: EncodedExamples, numClasses: number): SplitExamples {
  let bytes: Uint8Array;
  try {
    bytes = inflateSync(deflatedBytes(enc));
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
