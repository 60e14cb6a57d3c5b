// RFC 4180 records over a stream of byte chunks: quoted fields with commas (or tabs, for TSV),
// doubled quotes and line breaks inside, CRLF or LF, a UTF-8 BOM. The one CSV parser: prediction
// files (./csv.ts) and feature files (./data/csv.ts) both read through it. Fields are byte spans into the current buffer,
// so callers decide which cells become strings and which are parsed as numbers in place.

import { InputError } from './types.js';

/** A record longer than this is almost surely an unterminated quote; refuse rather than buffer the file. */
export const MAX_RECORD_BYTES = 64 << 20;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** The fields of the current record: byte spans [start, end) and flags (1 = quoted, 2 = has "" inside). */
export class Fields {
  n = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  flags = new Uint8Array(64);
  grow(): void {
    const cap = this.start.length * 2;
    const s = new Int32Array(cap);
    s.set(this.start);
    const e = new Int32Array(cap);
    e.set(this.end);
    const f = new Uint8Array(cap);
    f.set(this.flags);
    this.start = s;
    this.end = e;
    this.flags = f;
  }
  /** Field i as a string (UTF-8, doubled quotes undone). */
  text(buf: Buffer, i: number): string {
    const t = buf.toString('utf8', this.start[i], this.end[i]);
    return this.flags[i] & 2 ? t.replaceAll('""', '"') : t;
  }
}

/** Called per record with the buffer the spans point into and the physical line it starts on; false stops. */
export type OnRecord = (buf: Buffer, fields: Fields, line: number) => boolean;

/**
 * An optional single-pass handler for plain rows (no quotes, one line): returns the position
 * after the row once it has fully handled it, or -1 to leave the row to the general scanner
 * (anything unusual, incomplete or wrong), and must not have changed any state in that case.
 */
export type FastRow = (buf: Buffer, pos: number, len: number, line: number) => number;

export class CsvRecords {
  readonly fields = new Fields();
  /** Physical line (1-based) where the next record starts. */
  line = 1;
  private carry: Buffer | null = null;
  /** Where a carried partial record and the next chunk are joined, reused from push to push. */
  private joint: Buffer | null = null;
  private first = true;
  private stopped = false;
  private lineBreaks = 0;

  /** `delimiter`: a byte at or below ',' (',' or '\t'), which keeps the field scan's one comparison. */
  constructor(
    private readonly file: string,
    private readonly delimiter = COMMA,
  ) {}

  /**
   * Feeds the next chunk (null at end of file) and calls `onRecord` for every complete record.
   * When `onRecord` returns false, scanning pauses; the rest is kept for the next call.
   */
  push(chunk: Buffer | null, onRecord: OnRecord, fast?: FastRow): void {
    const eof = chunk === null;
    let buf: Buffer;
    if (this.carry && chunk) buf = this.join(this.carry, chunk);
    else buf = chunk ?? this.carry ?? Buffer.alloc(0);
    this.carry = null;
    let pos = 0;
    if (this.first && buf.length >= (eof ? 0 : 3)) {
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    }
    this.stopped = false;
    const len = buf.length;
    while (pos < len) {
      const c = buf[pos];
      if (c === LF || c === CR) {
        // a blank line: no record
        if (c === CR && pos + 1 >= len && !eof) break;
        pos += c === CR && buf[pos + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      if (fast) {
        const end = fast(buf, pos, len, this.line);
        if (end >= 0) {
          this.line++;
          pos = end;
          continue;
        }
      }
      const next = this.scan(buf, pos, len, eof);
      if (next < 0) {
        if (len - pos > MAX_RECORD_BYTES)
          throw new InputError(
            this.file,
            `line ${this.line}`,
            `a record longer than ${MAX_RECORD_BYTES >> 20} MB; expected CSV rows (is a quote left open?)`,
          );
        break;
      }
      const keepGoing = onRecord(buf, this.fields, this.line);
      this.line += this.lineBreaks;
      pos = next;
      if (!keepGoing) {
        this.stopped = true;
        break;
      }
    }
    // The caller may reuse `chunk` (./source.ts fileChunks): a rest inside it moves to the joint.
    if (pos < len) this.carry = buf === chunk ? this.keep(buf.subarray(pos)) : buf.subarray(pos);
    if (eof && this.carry && !this.stopped) throw new Error('CSV scanner left bytes at end of file');
  }

  /**
   * carry + chunk in one buffer, reused: a new chunk-sized buffer per chunk would leave hundreds
   * of MB of garbage to the collector on a large file (peak RSS, issue 14). Records are handed
   * out as offsets into it and read before the next push; the carry may lie inside it (set()
   * copies overlapping ranges correctly).
   */
  private join(carry: Buffer, chunk: Buffer): Buffer {
    const n = carry.length + chunk.length;
    if (!this.joint || this.joint.length < n) {
      const grown = Buffer.allocUnsafeSlow(Math.max(n, this.joint ? this.joint.length * 2 : 0));
      grown.set(carry, 0);
      this.joint = grown;
    } else this.joint.set(carry, 0);
    this.joint.set(chunk, carry.length);
    return this.joint.subarray(0, n);
  }

  /** A copy of `rest` at the start of the joint. */
  private keep(rest: Buffer): Buffer {
    if (!this.joint || this.joint.length < rest.length) this.joint = Buffer.allocUnsafeSlow(rest.length);
    this.joint.set(rest, 0);
    return this.joint.subarray(0, rest.length);
  }

  /** True when bytes remain that were not handed out as records yet. */
  get pending(): boolean {
    return this.carry !== null;
  }

  /** Scans one record at `pos`; returns the position after it, or -1 when the buffer ends first. */
  private scan(buf: Buffer, pos: number, len: number, eof: boolean): number {
    const f = this.fields;
    let i = pos;
    let n = 0;
    let breaks = 0;
    for (;;) {
      let fs: number;
      let fe: number;
      let flags = 0;
      if (i < len && buf[i] === QUOTE) {
        flags = 1;
        fs = ++i;
        for (;;) {
          const q = buf.indexOf(QUOTE, i);
          if (q < 0) {
            if (!eof) return -1;
            throw new InputError(
              this.file,
              `line ${this.line}`,
              'a quoted field that is never closed; expected a closing "',
            );
          }
          for (let k = i; k < q; k++) if (buf[k] === LF) breaks++;
          if (q + 1 >= len && !eof) return -1;
          if (buf[q + 1] === QUOTE) {
            flags |= 2;
            i = q + 2;
            continue;
          }
          fe = q;
          i = q + 1;
          break;
        }
        if (i < len) {
          const c = buf[i];
          if (c !== this.delimiter && c !== LF && c !== CR)
            throw new InputError(
              this.file,
              `line ${this.line + breaks}`,
              `unexpected ${JSON.stringify(String.fromCharCode(c))} after a closing quote; expected a comma or the end of the line`,
            );
        }
      } else {
        fs = i;
        const d = this.delimiter;
        while (i < len) {
          const c = buf[i];
          // digits, '.', '-', letters are all above ',': one comparison for most bytes
          if (c <= COMMA && (c === d || c === LF || c === CR)) break;
          i++;
        }
        fe = i;
      }
      if (n === f.start.length) f.grow();
      f.start[n] = fs;
      f.end[n] = fe;
      f.flags[n] = flags;
      n++;
      if (i >= len) {
        if (!eof) return -1;
        f.n = n;
        this.lineBreaks = breaks;
        return len;
      }
      const c = buf[i];
      if (c === this.delimiter) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= len && !eof) return -1;
        i += buf[i + 1] === LF ? 2 : 1;
      } else i++;
      f.n = n;
      this.lineBreaks = breaks + 1;
      return i;
    }
  }
}

/**
 * The records of a text stream as arrays of strings with the line each starts on: for readers
 * that want every cell as text (feature files); prediction files parse numbers from the bytes.
 */
export async function* csvRows(
  file: string,
  chunks: AsyncIterable<Buffer>,
  delimiter = COMMA,
): AsyncGenerator<{ cells: string[]; line: number }> {
  const rec = new CsvRecords(file, delimiter);
  const ready: { cells: string[]; line: number }[] = [];
  const onRecord: OnRecord = (buf, f, line) => {
    ready.push({ cells: Array.from({ length: f.n }, (_, i) => f.text(buf, i)), line });
    return true;
  };
  for await (const chunk of chunks) {
    rec.push(chunk, onRecord);
    yield* ready.splice(0);
  }
  rec.push(null, onRecord);
  yield* ready.splice(0);
}
