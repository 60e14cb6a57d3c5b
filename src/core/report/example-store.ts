// Per-example predictions kept as the report stores them (./examples.ts), built batch by batch so
// that memory holds the deflated bytes, not the examples (issue 14: 1M multi-label examples took
// 150 MB as arrays and copies, 12 MB deflated). Every array of the layout (multiclass: truth,
// pred; multi-label: truth offsets, truth indices, pred offsets, pred indices) is a section of
// little-endian values, deflated in CHUNK_BYTES pieces as it fills. Each piece is deflated on its
// own and ends on a byte boundary (a sync flush, no final block), so the pieces of every section
// in layout order and one empty final block are a single deflate stream: the report's encoding,
// read by the same decoder as before. Pieces start every CHUNK_BYTES raw bytes whatever the
// batches were, so the same examples always encode to the same bytes (a merge of shards equals
// the one-pass report).

import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { DeflatedData } from './deflated-data.js';
import type { EncodedExamples, SplitExamples, Task } from './types.js';

export type Width = EncodedExamples['width'];
const BYTES: Record<Width, number> = { u8: 1, u16: 2, u32: 4 };

/** The narrowest width that holds every index of `numClasses` classes. */
export function widthFor(numClasses: number): Width {
  return numClasses <= 0x100 ? 'u8' : numClasses <= 0x10000 ? 'u16' : 'u32';
}

/** Raw bytes per deflated piece: a multiple of 4, so no value straddles two pieces. */
export const CHUNK_BYTES = 1 << 17;

/**
 * Node's zlib, not fflate: fflate's deflateSync always ends its stream and its streaming flush
 * writes stored blocks zlib rejects. Run-length matches only (Z_RLE): class indices are close to
 * random bytes, so searching for longer matches barely pays. On the 100,000 x 485 multi-label
 * predictions (2.28 MB raw) that is 1.39 MB in 0.04 s, against 1.43 MB in 0.08 s at zlib's
 * default level 1 and 1.22 MB in 0.1 s for fflate's level 1 on the whole (which finds the 3-byte
 * matches of the u32 offsets that zlib's 4-byte hash misses) (issue 14).
 */
const DEFLATE = { level: 1, strategy: constants.Z_RLE, finishFlush: constants.Z_SYNC_FLUSH };
/** A piece inflates to at most CHUNK_BYTES: one output buffer (and no second, empty one) per piece. */
const INFLATE = { finishFlush: constants.Z_SYNC_FLUSH, chunkSize: CHUNK_BYTES + 1024 };
/** An empty final block (BFINAL 1, fixed Huffman, end of block): ends the stream of pieces. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/** Examples per piece when reading back: a few hundred kilobytes of arrays for typical label counts. */
const PIECE_EXAMPLES = 1 << 14;

/** One array of the layout: deflated pieces and the raw bytes of the piece being filled. */
class Section {
  private readonly chunks: Uint8Array[] = [];
  private raw = new Uint8Array(1024);
  private view = new DataView(this.raw.buffer);
  private rawLength = 0;
  private count = 0;

  constructor(readonly width: Width) {}

  get length(): number {
    return this.count;
  }

  /** Appends values[from..to) + add; every sum must fit the width. */
  append(values: ArrayLike<number>, from: number, to: number, add = 0): void {
    const b = BYTES[this.width];
    for (let i = from; i < to;) {
      if (this.rawLength === CHUNK_BYTES) this.seal();
      const m = Math.min((CHUNK_BYTES - this.rawLength) / b, to - i);
      this.reserve(this.rawLength + m * b);
      const end = i + m;
      let p = this.rawLength;
      if (this.width === 'u8') {
        const raw = this.raw;
        for (; i < end; i++) raw[p++] = values[i] + add;
      } else if (this.width === 'u16') {
        const v = this.view;
        for (; i < end; i++, p += 2) v.setUint16(p, values[i] + add, true);
      } else {
        const v = this.view;
        for (; i < end; i++, p += 4) v.setUint32(p, values[i] + add, true);
      }
      this.rawLength = p;
      this.count += m;
    }
  }

  private reserve(bytes: number): void {
    if (bytes <= this.raw.length) return;
    let cap = this.raw.length;
    while (cap < bytes) cap *= 2;
    const next = new Uint8Array(Math.min(cap, CHUNK_BYTES));
    next.set(this.raw.subarray(0, this.rawLength));
    this.raw = next;
    this.view = new DataView(next.buffer);
  }

  private seal(): void {
    this.chunks.push(deflateRawSync(this.raw.subarray(0, this.rawLength), DEFLATE));
    this.rawLength = 0;
  }

  /** The deflated section: non-final blocks ending on a byte boundary. */
  deflated(): Uint8Array[] {
    if (this.rawLength === 0) return this.chunks;
    return [...this.chunks, deflateRawSync(this.raw.subarray(0, this.rawLength), DEFLATE)];
  }

  /** Reads the values back in order; the section must not grow meanwhile. */
  reader(): SectionReader {
    return new SectionReader(this.chunks, this.raw.subarray(0, this.rawLength), this.width);
  }

  /** A copy at another width (every value must fit it). */
  widened(width: Width): Section {
    const out = new Section(width);
    const rd = this.reader();
    for (let left = this.count; left > 0;) {
      const m = Math.min(left, CHUNK_BYTES);
      out.append(rd.take(m), 0, m);
      left -= m;
    }
    return out;
  }
}

/** Reads a section's values back in order, inflating one piece at a time. */
class SectionReader {
  private next = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  private view = new DataView(this.bytes.buffer);
  private pos = 0;
  constructor(
    private readonly chunks: readonly Uint8Array[],
    private readonly tail: Uint8Array,
    private readonly width: Width,
  ) {}

  /** The next `count` values, in `into` when it is long enough, else in a new array. */
  take(count: number, into?: Uint32Array): Uint32Array {
    const out = into && into.length >= count ? into.subarray(0, count) : new Uint32Array(count);
    const b = BYTES[this.width];
    for (let i = 0; i < count;) {
      if (this.pos === this.bytes.length) this.load();
      const end = i + Math.min(count - i, (this.bytes.length - this.pos) / b);
      let p = this.pos;
      if (this.width === 'u8') {
        const bytes = this.bytes;
        for (; i < end; i++) out[i] = bytes[p++];
      } else if (this.width === 'u16') {
        const v = this.view;
        for (; i < end; i++, p += 2) out[i] = v.getUint16(p, true);
      } else {
        const v = this.view;
        for (; i < end; i++, p += 4) out[i] = v.getUint32(p, true);
      }
      this.pos = p;
    }
    return out;
  }

  /**
   * Inflates the next piece into one exactly fitting buffer. Node's zlib, not fflate: fflate
   * allocates its Huffman tables anew for every block, 100 MB of garbage at 1M examples that the
   * GC left for long (issue 14).
   */
  private load(): void {
    if (this.next < this.chunks.length) this.bytes = inflateRawSync(this.chunks[this.next], INFLATE);
    else if (this.next === this.chunks.length) this.bytes = this.tail;
    else throw new Error('example store: read past the end of a section');
    this.next++;
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.pos = 0;
  }
}

function maxOf(values: ArrayLike<number>, from: number, to: number): number {
  let m = 0;
  for (let i = from; i < to; i++) if (values[i] > m) m = values[i];
  return m;
}

const wider = (a: Width, b: Width): Width => (BYTES[a] >= BYTES[b] ? a : b);

/**
 * The per-example truth and predictions of one split in update order, compact. Indices start at
 * the width of `numClasses` classes and widen (u8 -> u16 -> u32) when a larger index arrives.
 */
export class ExampleStore {
  /** multiclass: [truth, pred]; multi-label: [truth offsets, truth indices, pred offsets, pred indices]. */
  private sections: Section[];
  private n = 0;

  constructor(
    readonly task: Task,
    numClasses = 0,
  ) {
    const w = widthFor(numClasses);
    this.sections =
      task === 'multiclass'
        ? [new Section(w), new Section(w)]
        : [new Section('u32'), new Section(w), new Section('u32'), new Section(w)];
    if (task === 'multilabel') {
      this.sections[0].append([0], 0, 1);
      this.sections[2].append([0], 0, 1);
    }
  }

  get examples(): number {
    return this.n;
  }

  /** The width of a class index. */
  get width(): Width {
    return this.sections[1].width;
  }

  /** Multi-label: true labels of all examples together (multiclass: one each). */
  get trueLabels(): number {
    return this.task === 'multiclass' ? this.n : this.sections[1].length;
  }

  get predLabels(): number {
    return this.task === 'multiclass' ? this.n : this.sections[3].length;
  }

  /** Appends a batch (its arrays may be longer than its n; multi-label offsets may start above 0). */
  append(ex: SplitExamples): void {
    if (ex.task !== this.task) throw new Error(`a ${this.task} example store cannot take ${ex.task} examples`);
    const n = ex.n;
    if (n === 0) return;
    const s = this.sections;
    if (ex.task === 'multiclass') {
      this.widen(Math.max(maxOf(ex.truth, 0, n), maxOf(ex.pred, 0, n)));
      s[0].append(ex.truth, 0, n);
      s[1].append(ex.pred, 0, n);
    } else {
      const { truthOffsets: to, predOffsets: po } = ex;
      this.widen(Math.max(maxOf(ex.truthIndices, to[0], to[n]), maxOf(ex.predIndices, po[0], po[n])));
      s[0].append(to, 1, n + 1, s[1].length - to[0]);
      s[1].append(ex.truthIndices, to[0], to[n]);
      s[2].append(po, 1, n + 1, s[3].length - po[0]);
      s[3].append(ex.predIndices, po[0], po[n]);
    }
    this.n += n;
  }

  /** Appends every example of another store of the same task. */
  appendStore(other: ExampleStore): void {
    // Reading a store while it grows would never end.
    if (other === this) return this.append(this.toExamples());
    for (const piece of other.pieces()) this.append(piece);
  }

  private widen(maxIndex: number): void {
    const w = wider(this.width, widthFor(maxIndex + 1));
    if (w === this.width) return;
    for (const k of this.task === 'multiclass' ? [0, 1] : [1, 3]) this.sections[k] = this.sections[k].widened(w);
  }

  /**
   * The examples in order, a bounded number at a time; multi-label offsets of each piece start at
   * 0. A piece's arrays are reused for the next piece: use it before asking for the next.
   */
  *pieces(): Generator<SplitExamples> {
    const n = this.n;
    const rd = this.sections.map((s) => s.reader());
    const bufs = this.sections.map(() => new Uint32Array(0));
    /** The next `count` values of section k, in its reused buffer. */
    const take = (k: number, count: number) => {
      if (bufs[k].length < count) bufs[k] = new Uint32Array(Math.max(count, 2 * bufs[k].length));
      return rd[k].take(count, bufs[k]);
    };
    if (this.task === 'multiclass') {
      for (let done = 0; done < n;) {
        const m = Math.min(PIECE_EXAMPLES, n - done);
        yield { task: 'multiclass', n: m, truth: take(0, m), pred: take(1, m) };
        done += m;
      }
      return;
    }
    const truthOffsets = new Uint32Array(PIECE_EXAMPLES + 1);
    const predOffsets = new Uint32Array(PIECE_EXAMPLES + 1);
    let truthAt = rd[0].take(1)[0];
    let predAt = rd[2].take(1)[0];
    /** Offsets relative to the piece's first label. */
    const relative = (ends: Uint32Array, start: number, out: Uint32Array) => {
      for (let i = 0; i < ends.length; i++) out[i + 1] = ends[i] - start;
      return out.subarray(0, ends.length + 1);
    };
    for (let done = 0; done < n;) {
      const m = Math.min(PIECE_EXAMPLES, n - done);
      const to = relative(take(0, m), truthAt, truthOffsets);
      const po = relative(take(2, m), predAt, predOffsets);
      truthAt += to[m];
      predAt += po[m];
      yield {
        task: 'multilabel',
        n: m,
        truthOffsets: to,
        truthIndices: take(1, to[m]),
        predOffsets: po,
        predIndices: take(3, po[m]),
      };
      done += m;
    }
  }

  /** All examples as arrays (merging shards, tests): memory O(examples). */
  toExamples(): SplitExamples {
    const all = this.sections.map((s) => s.reader().take(s.length));
    return this.task === 'multiclass'
      ? { task: 'multiclass', n: this.n, truth: all[0], pred: all[1] }
      : {
          task: 'multilabel',
          n: this.n,
          truthOffsets: all[0],
          truthIndices: all[1],
          predOffsets: all[2],
          predIndices: all[3],
        };
  }

  /** The report's encoding (./examples.ts). */
  encode(): EncodedExamples {
    const data = new DeflatedData([...this.sections.flatMap((s) => s.deflated()), FINAL_BLOCK]);
    return {
      width: this.width,
      layout: this.task === 'multiclass' ? 'multiclass' : 'multilabel-csr',
      n: this.n,
      data,
    };
  }
}
