import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  ByteHasher,
  CHUNK_BYTES,
  Digest,
  checkFile,
  errCode,
  hashInBackground,
  hashLargeInWorker,
  textChunks
} from "./chunk-NEJ5F2JK.js";
import {
  thresholdFor
} from "./chunk-EGE46RNV.js";
import {
  wasmModule
} from "./chunk-J4X2SOEV.js";
import {
  InputError,
  PROGRESS_EVERY
} from "./chunk-R7VUTDUK.js";
import {
  UnknownClassError,
  classNameProblem,
  lookAlikeProblem
} from "./chunk-GTK7TP36.js";

// src/io/predictions.ts
import { stat as stat2 } from "node:fs/promises";
import { extname } from "node:path";

// src/io/batcher.ts
var DEFAULT_BATCH_SIZE = 8192;
function whole(a, length) {
  return a.byteOffset === 0 && a.buffer.byteLength === length * 4 ? new Uint32Array(a.buffer) : void 0;
}
var EMPTY_ID = "the id is empty; expected one for every example (ids find the examples shared between splits): give each example its id, or leave ids out";
var Ids = class {
  on = false;
  bytes = new Uint8Array(4096);
  ends = new Uint32Array(256);
  len = 0;
  n = 0;
  /** An id from the bytes buf[start..end); false (nothing added) when it is empty: see EMPTY_ID. */
  add(buf, start, end) {
    const size = end - start;
    if (size === 0) return false;
    if (this.len + size > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.len + size));
      next.set(this.bytes.subarray(0, this.len));
      this.bytes = next;
    }
    this.bytes.set(buf.subarray(start, end), this.len);
    this.len += size;
    if (this.n === this.ends.length) {
      const next = new Uint32Array(this.n * 2);
      next.set(this.ends);
      this.ends = next;
    }
    this.ends[this.n++] = this.len;
    return true;
  }
  addText(text) {
    const b = Buffer.from(text, "utf8");
    return this.add(b, 0, b.length);
  }
  /** Moves the ids gathered so far onto `b`. */
  take(b) {
    if (this.on) b.ids = { bytes: this.bytes.slice(0, this.len), ends: this.ends.slice(0, this.n) };
    this.len = 0;
    this.n = 0;
    return b;
  }
};
var MulticlassBatcher = class {
  /** `scores`, when given, is told each example's truth after the reader gave it the example's scores. */
  constructor(size, scores) {
    this.size = size;
    this.scores = scores;
    this.truth = new Uint32Array(size);
    this.pred = new Uint32Array(size);
  }
  size;
  scores;
  n = 0;
  truth;
  pred;
  spare;
  ids = new Ids();
  /** Adds one example; true when the batch is full and must be flushed. */
  push(truth, pred) {
    this.truth[this.n] = truth;
    this.pred[this.n] = pred;
    this.scores?.end(this.truth, this.n, this.n + 1);
    return ++this.n === this.size;
  }
  flush() {
    if (this.n === 0) return null;
    const n = this.n;
    const b = { task: "multiclass", n, truth: this.truth.subarray(0, n), pred: this.pred.subarray(0, n) };
    this.ids.take(b);
    ({ truth: this.truth, pred: this.pred } = this.spare ?? {
      truth: new Uint32Array(this.size),
      pred: new Uint32Array(this.size)
    });
    this.spare = void 0;
    this.n = 0;
    return b;
  }
  recycle(b) {
    if (b.task !== "multiclass") return;
    const truth = whole(b.truth, this.size);
    const pred = whole(b.pred, this.size);
    if (truth && pred) this.spare = { truth, pred };
  }
};
var CsrSide = class {
  constructor(size) {
    this.size = size;
    this.offsets = new Uint32Array(size + 1);
    this.indices = new Uint32Array(Math.max(16, size * 2));
  }
  size;
  offsets;
  indices;
  len = 0;
  start = 0;
  spare;
  add(index) {
    if (this.len === this.indices.length) {
      const grown = new Uint32Array(this.indices.length * 2);
      grown.set(this.indices);
      this.indices = grown;
    }
    this.indices[this.len++] = index;
  }
  /** The indices added to the example not yet closed. */
  current() {
    return this.indices.subarray(this.start, this.len);
  }
  /** Closes example `i`: sorts its indices and drops duplicates. */
  close(i) {
    const a = this.indices;
    const s = this.start;
    for (let k = s + 1; k < this.len; k++) {
      const v = a[k];
      let j = k - 1;
      while (j >= s && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
    let w = s;
    for (let k = s; k < this.len; k++) if (k === s || a[k] !== a[w - 1]) a[w++] = a[k];
    this.len = w;
    this.offsets[i + 1] = w;
    this.start = w;
  }
  take(n) {
    const offsets = this.offsets.subarray(0, n + 1);
    const indices = this.spare ? this.indices.subarray(0, this.len) : this.indices.slice(0, this.len);
    this.offsets = this.spare?.offsets ?? new Uint32Array(this.size + 1);
    if (this.spare) this.indices = this.spare.indices;
    this.spare = void 0;
    this.len = 0;
    this.start = 0;
    return { offsets, indices };
  }
  recycle(offsets, indices) {
    const o = whole(offsets, this.size + 1);
    if (o && indices.byteOffset === 0 && indices.buffer.byteLength >= 64)
      this.spare = { offsets: o, indices: new Uint32Array(indices.buffer) };
  }
};
var MultilabelBatcher = class {
  /** `scores`, when given, is told each example's truth after the reader gave it the example's scores. */
  constructor(size, scores) {
    this.size = size;
    this.scores = scores;
    this.truth = new CsrSide(size);
    this.pred = new CsrSide(size);
  }
  size;
  scores;
  n = 0;
  truth;
  pred;
  ids = new Ids();
  /** Ends the current example (after its truth/pred indices were added); true when full. */
  end() {
    this.truth.close(this.n);
    this.scores?.end(this.truth.indices, this.truth.offsets[this.n], this.truth.offsets[this.n + 1]);
    this.pred.close(this.n);
    return ++this.n === this.size;
  }
  flush() {
    if (this.n === 0) return null;
    const n = this.n;
    const t = this.truth.take(n);
    const p = this.pred.take(n);
    this.n = 0;
    return this.ids.take({
      task: "multilabel",
      n,
      truthOffsets: t.offsets,
      truthIndices: t.indices,
      predOffsets: p.offsets,
      predIndices: p.indices
    });
  }
  recycle(b) {
    if (b.task !== "multilabel") return;
    this.truth.recycle(b.truthOffsets, b.truthIndices);
    this.pred.recycle(b.predOffsets, b.predIndices);
  }
};

// src/io/csv-records.ts
var MAX_RECORD_BYTES = 64 << 20;
var QUOTE = 34;
var COMMA = 44;
var LF = 10;
var CR = 13;
var Fields = class {
  n = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  flags = new Uint8Array(64);
  grow() {
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
  text(buf, i) {
    const t = buf.toString("utf8", this.start[i], this.end[i]);
    return this.flags[i] & 2 ? t.replaceAll('""', '"') : t;
  }
};
var CsvRecords = class {
  /** `delimiter`: a byte at or below ',' (',' or '\t'), which keeps the field scan's one comparison. */
  constructor(file, delimiter = COMMA) {
    this.file = file;
    this.delimiter = delimiter;
  }
  file;
  delimiter;
  fields = new Fields();
  /** Physical line (1-based) where the next record starts. */
  line = 1;
  carry = null;
  /** Where a carried partial record and the next chunk are joined, reused from push to push. */
  joint = null;
  first = true;
  stopped = false;
  lineBreaks = 0;
  /**
   * Feeds the next chunk (null at end of file) and calls `onRecord` for every complete record.
   * When `onRecord` returns false, scanning pauses; the rest is kept for the next call.
   */
  push(chunk, onRecord, fast) {
    const eof = chunk === null;
    let buf;
    if (this.carry && chunk) buf = this.join(this.carry, chunk);
    else buf = chunk ?? this.carry ?? Buffer.alloc(0);
    this.carry = null;
    let pos = 0;
    if (this.first && buf.length >= (eof ? 0 : 3)) {
      this.first = false;
      if (buf[0] === 239 && buf[1] === 187 && buf[2] === 191) pos = 3;
    }
    this.stopped = false;
    const len = buf.length;
    while (pos < len) {
      const c = buf[pos];
      if (c === LF || c === CR) {
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
            `a record longer than ${MAX_RECORD_BYTES >> 20} MB; expected CSV rows (is a quote left open?)`
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
    if (pos < len) this.carry = buf === chunk ? this.keep(buf.subarray(pos)) : buf.subarray(pos);
    if (eof && this.carry && !this.stopped) throw new Error("CSV scanner left bytes at end of file");
  }
  /**
   * carry + chunk in one buffer, reused: a new chunk-sized buffer per chunk would leave hundreds
   * of MB of garbage to the collector on a large file (peak RSS, issue 14). Records are handed
   * out as offsets into it and read before the next push; the carry may lie inside it (set()
   * copies overlapping ranges correctly).
   */
  join(carry, chunk) {
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
  keep(rest) {
    if (!this.joint || this.joint.length < rest.length) this.joint = Buffer.allocUnsafeSlow(rest.length);
    this.joint.set(rest, 0);
    return this.joint.subarray(0, rest.length);
  }
  /** True when bytes remain that were not handed out as records yet. */
  get pending() {
    return this.carry !== null;
  }
  /** Scans one record at `pos`; returns the position after it, or -1 when the buffer ends first. */
  scan(buf, pos, len, eof) {
    const f = this.fields;
    let i = pos;
    let n = 0;
    let breaks = 0;
    for (; ; ) {
      let fs;
      let fe;
      let flags = 0;
      if (i < len && buf[i] === QUOTE) {
        flags = 1;
        fs = ++i;
        for (; ; ) {
          const q = buf.indexOf(QUOTE, i);
          if (q < 0) {
            if (!eof) return -1;
            throw new InputError(
              this.file,
              `line ${this.line}`,
              'a quoted field that is never closed; expected a closing "'
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
          const c2 = buf[i];
          if (c2 !== this.delimiter && c2 !== LF && c2 !== CR)
            throw new InputError(
              this.file,
              `line ${this.line + breaks}`,
              `unexpected ${JSON.stringify(String.fromCharCode(c2))} after a closing quote; expected a comma or the end of the line`
            );
        }
      } else {
        fs = i;
        const d = this.delimiter;
        while (i < len) {
          const c2 = buf[i];
          if (c2 <= COMMA && (c2 === d || c2 === LF || c2 === CR)) break;
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
};
async function* csvRows(file, chunks, delimiter = COMMA) {
  const rec = new CsvRecords(file, delimiter);
  const ready = [];
  const onRecord = (buf, f, line) => {
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

// src/io/decimal.ts
var POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
var DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
var E_MIN = -300;
var E_MAX = 290;
var P10_HI = new Float64Array(E_MAX - E_MIN + 1);
var P10_LO = new Float64Array(E_MAX - E_MIN + 1);
(() => {
  const ldexp = (x, n) => {
    while (n < -1e3) {
      x *= 2 ** -1e3;
      n += 1e3;
    }
    return x * 2 ** n;
  };
  for (let e = E_MIN; e <= E_MAX; e++) {
    let q;
    let s = 0;
    if (e >= 0) q = 10n ** BigInt(e);
    else {
      s = Math.ceil(-e * Math.log2(10)) + 130;
      q = (1n << BigInt(s)) / 10n ** BigInt(-e);
    }
    const hi = Number(q);
    const lo = Number(q - BigInt(hi));
    P10_HI[e - E_MIN] = ldexp(hi, -s);
    P10_LO[e - E_MIN] = ldexp(lo, -s);
  }
})();
var SPLIT = 134217729;
function parseDecimal(b, s, e) {
  const v = parseDecimalPrefix(b, s, e);
  return prefixEnd === e && v === v ? v : slow(b, s, e);
}
var prefixEnd = 0;
function decimalEnd() {
  return prefixEnd;
}
var POW10_TABLE = Float64Array.from(POW10);
var lastWasLong = false;
var general = new Float64Array(1);
function parseDecimalPrefix(b, s, limit) {
  if (lastWasLong) {
    parseGeneralPrefix(b, s, limit);
    return general[0];
  }
  let i = s;
  let c = i < limit ? b[i] : 0;
  const neg = c === 45;
  if (neg) c = ++i < limit ? b[i] : 0;
  const d0 = i;
  let m = 0;
  while (c >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    c = ++i < limit ? b[i] : 0;
  }
  let digits = i - d0;
  let frac = 0;
  if (c === 46) {
    const f0 = ++i;
    c = i < limit ? b[i] : 0;
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = ++i < limit ? b[i] : 0;
    }
    frac = i - f0;
    digits += frac;
  }
  if (digits === 0 || digits > 15 || c === 101 || c === 69) {
    parseGeneralPrefix(b, s, limit);
    return general[0];
  }
  prefixEnd = i;
  const v = m / POW10_TABLE[frac];
  return neg ? -v : v;
}
function parseGeneralPrefix(b, s, limit) {
  let i = s;
  let c = i < limit ? b[i] : 0;
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let hi = 0;
  let lo = 0;
  let loDigits = 0;
  let digits = 0;
  let exp = 0;
  let sawDigit = false;
  for (; i < limit; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    sawDigit = true;
    if (digits === 0 && d === 0) continue;
    if (digits < 15) hi = hi * 10 + d;
    else if (digits < 19) {
      lo = lo * 10 + d;
      loDigits++;
    } else exp++;
    digits++;
  }
  if (i < limit && b[i] === 46) {
    for (i++; i < limit; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      sawDigit = true;
      if (digits === 0 && d === 0) {
        exp--;
        continue;
      }
      if (digits < 15) {
        hi = hi * 10 + d;
        exp--;
      } else if (digits < 19) {
        lo = lo * 10 + d;
        loDigits++;
        exp--;
      }
      digits++;
    }
  }
  if (!sawDigit) {
    prefixEnd = s;
    general[0] = NaN;
    return;
  }
  lastWasLong = digits > 15;
  if (i < limit && ((c = b[i]) === 101 || c === 69)) {
    lastWasLong = true;
    let j = i + 1;
    let eneg = false;
    if (j < limit && (b[j] === 45 || b[j] === 43)) eneg = b[j++] === 45;
    let ev = 0;
    const start = j;
    for (; j < limit; j++) {
      const d = b[j] - 48;
      if (d < 0 || d > 9) break;
      if (ev < 1e5) ev = ev * 10 + d;
    }
    if (j > start) {
      exp += eneg ? -ev : ev;
      i = j;
    }
  }
  prefixEnd = i;
  let v;
  if (digits > 19) {
    general[0] = Number(b.latin1Slice(s, i));
    return;
  }
  if (digits === 0) v = 0;
  else if (loDigits === 0 && exp >= 0 && exp <= 22) v = hi * POW10[exp];
  else if (loDigits === 0 && exp < 0 && exp >= -22) v = hi / POW10[-exp];
  else {
    v = scaled(hi, lo, loDigits, exp);
    if (v !== v) {
      general[0] = Number(b.latin1Slice(s, i));
      return;
    }
  }
  general[0] = neg ? -v : v;
}
function scaled(hi, lo, loDigits, exp) {
  if (exp < E_MIN || exp > E_MAX) return NaN;
  let mh = hi;
  let ml = 0;
  if (loDigits > 0) {
    const q = POW10[loDigits];
    const p2 = hi * q;
    let t2 = SPLIT * hi;
    const ah2 = t2 - (t2 - hi);
    const al2 = hi - ah2;
    t2 = SPLIT * q;
    const bh2 = t2 - (t2 - q);
    const bl2 = q - bh2;
    const pe2 = ah2 * bh2 - p2 + ah2 * bl2 + al2 * bh2 + al2 * bl2;
    mh = p2 + lo;
    const bb = mh - p2;
    ml = p2 - (mh - bb) + (lo - bb) + pe2;
  }
  const ph = P10_HI[exp - E_MIN];
  const pl = P10_LO[exp - E_MIN];
  const p = mh * ph;
  let t = SPLIT * mh;
  const ah = t - (t - mh);
  const al = mh - ah;
  t = SPLIT * ph;
  const bh = t - (t - ph);
  const bl = ph - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl + (mh * pl + ml * ph);
  const x = p + pe;
  const xl = pe - (x - p);
  if (!(x > 1e-290 && x < 1e290)) return NaN;
  const d = x * 2 ** -96;
  const up = x + (xl + d);
  return up === x + (xl - d) ? up : NaN;
}
function slow(b, s, e) {
  const text = b.latin1Slice(s, e);
  return DECIMAL.test(text) ? Number(text) : NaN;
}
function parseDecimalText(text) {
  return DECIMAL.test(text) ? Number(text) : NaN;
}
function describeBadNumber(text) {
  const t = text.trim();
  if (t === "") return "is empty";
  if (/^[+-]?nan$/i.test(t)) return "is NaN";
  if (/^[+-]?inf(inity)?$/i.test(t) || DECIMAL.test(t) && !Number.isFinite(Number(t))) return "is infinite";
  return `is not a number (${JSON.stringify(t.length > 40 ? t.slice(0, 40) + "\u2026" : t)})`;
}

// src/io/names.ts
function classIndexOf(classes, name, file, where, column) {
  try {
    const known = classes.size;
    const i = classes.indexOf(name);
    const lookAlike = i >= known ? lookAlikeProblem(name, classes.lookAlike(name)) : null;
    if (lookAlike) throw new InputError(file, where, `${column} ${lookAlike}`);
    if (i >= known && name.trim() === "")
      throw new InputError(file, where, `${column} ${quoteName(name)} is blank; expected a class name`);
    const problem = i >= known ? classNameProblem(name) : null;
    if (problem) throw new InputError(file, where, `${column} ${quoteName(name)} ${problem}`);
    return i;
  } catch (e) {
    if (!(e instanceof UnknownClassError)) throw e;
    const lookAlike = lookAlikeProblem(name, classes.lookAlike(name));
    throw lookAlike ? new InputError(file, where, `${column} ${lookAlike}`) : unknownClass(classes, name, file, where, column);
  }
}
function unknownClass(classes, name, file, where, column) {
  return new InputError(
    file,
    where,
    `${column} ${quoteName(name)} is not a known class; expected one of ${listNames(classes.names)}`
  );
}
function quoteName(name) {
  return JSON.stringify(name.length > 60 ? name.slice(0, 60) + "\u2026" : name);
}
function listNames(names, max = 8) {
  const shown2 = names.slice(0, max).map(quoteName).join(", ");
  return names.length > max ? `${shown2}, \u2026 (${names.length} classes)` : shown2 || "(no classes)";
}

// src/io/csv.ts
var COMMA2 = 44;
var LF2 = 10;
var CR2 = 13;
var QUOTE2 = 34;
var SCORE_PREFIX = "score:";
async function openCsv(path, opts) {
  const size = await checkFile(path);
  const hashing = hashLargeInWorker(path, size);
  const digest = new Digest(path);
  const it = textChunks(path, hashing ? void 0 : digest.hasher, "CSV")[Symbol.asyncIterator]();
  const abandon = async () => {
    hashing?.stop();
    await it.return?.(void 0);
  };
  const rec = new CsvRecords(path);
  let header = null;
  let ended = false;
  const takeHeader = (buf, f) => {
    header = Array.from({ length: f.n }, (_, i) => f.text(buf, i));
    return false;
  };
  try {
    while (!header && !ended) {
      const r = await it.next();
      ended = !!r.done;
      rec.push(r.done ? null : r.value, takeHeader);
    }
  } catch (e) {
    await abandon();
    throw e;
  }
  if (!header) {
    await abandon();
    throw new InputError(path, null, 'has no header line; expected a CSV header such as "label,pred"');
  }
  let plan;
  try {
    plan = planColumns(path, header, opts);
  } catch (e) {
    await abandon();
    throw e;
  }
  let done;
  let onRecord;
  async function* batches() {
    const ready = [];
    onRecord = rowHandler(path, plan, opts, ready);
    try {
      if (rec.pending) rec.push(ended ? null : Buffer.alloc(0), onRecord, onRecord.fast);
      yield* ready.splice(0);
      while (!ended) {
        const r = await it.next();
        ended = !!r.done;
        rec.push(r.done ? null : r.value, onRecord, onRecord.fast);
        yield* ready.splice(0);
      }
      onRecord.finish();
      yield* ready.splice(0);
      if (hashing) done = await hashing.fingerprint();
      else {
        digest.finish();
        done = digest.fingerprint();
      }
    } finally {
      await abandon();
    }
  }
  const fingerprint = () => {
    if (!done) throw new Error(`fingerprint of ${path} requested before the last batch was read`);
    return done;
  };
  return { task: plan.task, batches: batches(), fingerprint, recycle: (b) => onRecord?.recycle(b) };
}
var READ_COLUMNS = /* @__PURE__ */ new Set(["label", "labels", "pred", "preds", "id"]);
function planColumns(path, header, opts) {
  const at = (name) => header.indexOf(name);
  const seen = /* @__PURE__ */ new Set();
  for (const h of header) {
    if (seen.has(h) && (READ_COLUMNS.has(h) || h.startsWith(SCORE_PREFIX)))
      throw new InputError(path, "line 1", `column ${quoteName(h)} appears twice; expected each column once`);
    seen.add(h);
  }
  const label = at("label");
  const labels = at("labels");
  const pred = at("pred");
  const preds = at("preds");
  const scoreCols = [];
  header.forEach((h, i) => h.startsWith(SCORE_PREFIX) && scoreCols.push(i));
  if (label < 0 && labels < 0 || pred < 0 && preds < 0 && scoreCols.length === 0) {
    const found = header.length ? header.map(quoteName).join(", ") : "(nothing)";
    throw new InputError(
      path,
      "line 1",
      `expected a 'label' or 'labels' column and either 'pred'/'preds' or 'score:<class>' columns; found: ${found}`
    );
  }
  const task = opts.task ?? (labels >= 0 ? "multilabel" : "multiclass");
  const ml = task === "multilabel";
  const truthCol = ml ? labels >= 0 ? labels : label : label >= 0 ? label : labels;
  const predCol = ml ? preds >= 0 ? preds : pred : pred >= 0 ? pred : preds;
  const classes = opts.classes;
  const scoreClass = new Uint32Array(predCol >= 0 ? 0 : scoreCols.length);
  const scoreNames = [];
  const thresholds = new Float64Array(scoreClass.length);
  if (predCol < 0) {
    scoreCols.forEach((col, k) => {
      const name = header[col].slice(SCORE_PREFIX.length);
      if (name.trim() === "")
        throw new InputError(
          path,
          "line 1",
          `column ${quoteName(header[col])} names no class; expected 'score:<class>' with a class name`
        );
      scoreClass[k] = classIndexOf(classes, name, path, "line 1", "score column for class");
      scoreNames.push(header[col]);
      thresholds[k] = thresholdFor(name, opts.threshold, opts.perClassThreshold);
    });
  }
  const isScoreClass = new Uint8Array(classes.size);
  for (const c of scoreClass) isScoreClass[c] = 1;
  return {
    task,
    columns: header.length,
    truthCol,
    truthName: header[truthCol],
    truthSplit: truthCol === labels,
    predCol,
    predName: predCol >= 0 ? header[predCol] : "score",
    predSplit: predCol >= 0 && predCol === preds,
    scoreCols: predCol >= 0 ? new Int32Array(0) : Int32Array.from(scoreCols),
    scoreClass,
    scoreNames,
    thresholds,
    isScoreClass,
    idCol: at("id")
  };
}
var Rows = class {
  constructor(path, plan, opts, ready, batcher) {
    this.path = path;
    this.plan = plan;
    this.opts = opts;
    this.ready = ready;
    this.batcher = batcher;
    this.fromScores = plan.predCol < 0;
  }
  path;
  plan;
  opts;
  ready;
  batcher;
  count = 0;
  fromScores;
  where(line) {
    return `line ${line}`;
  }
  /** Score column k of the record, a finite number. */
  score(buf, f, k, line) {
    const col = this.plan.scoreCols[k];
    const v = f.flags[col] === 0 ? parseDecimal(buf, f.start[col], f.end[col]) : parseDecimalText(f.text(buf, col));
    if (v - v !== 0)
      throw new InputError(
        this.path,
        this.where(line),
        `${this.plan.scoreNames[k]} ${describeBadNumber(f.text(buf, col))}; expected a finite number`
      );
    return v;
  }
  /** The class index of a truth name; with score columns and no fixed list, it must have a score column. */
  truthIndex(name, line) {
    const { classes } = this.opts;
    const plan = this.plan;
    if (this.fromScores && !classes.fixed) {
      const idx = classes.has(name) ? classes.indexOf(name) : -1;
      if (idx < 0 || !plan.isScoreClass[idx])
        throw new InputError(
          this.path,
          this.where(line),
          `${plan.truthName} ${quoteName(name)} has no score column; expected one of ${listNames(plan.scoreNames.map((s) => s.slice(6)))}`
        );
      return idx;
    }
    return classIndexOf(classes, name, this.path, this.where(line), plan.truthName);
  }
  predIndex(name, line) {
    return classIndexOf(this.opts.classes, name, this.path, this.where(line), this.plan.predName);
  }
  /** The one class of a multiclass cell ('a', or 'a' from a labels column 'a|'). */
  single(text, split, column, line) {
    if (split) {
      const parts = text.split("|").filter((p) => p !== "");
      if (parts.length !== 1)
        throw new InputError(
          this.path,
          this.where(line),
          `${column} holds ${parts.length} classes; expected exactly one for a multiclass task`
        );
      return parts[0];
    }
    if (text === "") throw new InputError(this.path, this.where(line), `${column} is empty; expected a class name`);
    return text;
  }
  /** The example's id (a CSV `id` column), refused when empty (EMPTY_ID). */
  id(b, text, line) {
    if (!b.ids.addText(text)) throw new InputError(this.path, this.where(line), EMPTY_ID);
  }
  progress() {
    this.count++;
    if (this.opts.onProgress && this.count % PROGRESS_EVERY === 0) this.opts.onProgress(this.count);
  }
  checkWidth(f, line) {
    if (f.n !== this.plan.columns)
      throw new InputError(
        this.path,
        this.where(line),
        `found ${f.n} fields; expected ${this.plan.columns} as in the header`
      );
  }
};
function addNames(text, split, add) {
  if (!split) {
    if (text !== "") add(text);
    return;
  }
  let s = 0;
  for (; ; ) {
    const bar = text.indexOf("|", s);
    const part = bar < 0 ? text.slice(s) : text.slice(s, bar);
    if (part !== "") add(part);
    if (bar < 0) break;
    s = bar + 1;
  }
}
function rowHandler(path, plan, opts, ready) {
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const batcher = plan.task === "multiclass" ? new MulticlassBatcher(size, opts.scores) : new MultilabelBatcher(size, opts.scores);
  const rows = new Rows(path, plan, opts, ready, batcher);
  batcher.ids.on = plan.idCol >= 0;
  const handler = batcher instanceof MulticlassBatcher ? multiclassRow(rows, batcher) : multilabelRow(rows, batcher);
  return Object.assign(handler, {
    fast: rows.fromScores ? fastRow(rows) : void 0,
    recycle: (b) => batcher.recycle(b),
    finish() {
      const last = batcher.flush();
      if (last) ready.push(last);
      if (rows.count === 0) throw new InputError(path, null, "has a header but no rows; expected at least one example");
      opts.onProgress?.(rows.count);
    }
  });
}
function multiclassRow(rows, b) {
  const { plan, ready } = rows;
  const nScores = plan.scoreCols.length;
  const sink = rows.opts.scores;
  const row = new Float64Array(nScores);
  const tieByClass = rows.opts.classes.fixed;
  return (buf, f, line) => {
    rows.checkWidth(f, line);
    const t = rows.truthIndex(rows.single(f.text(buf, plan.truthCol), plan.truthSplit, plan.truthName, line), line);
    let p;
    if (rows.fromScores) {
      let best = row[0] = rows.score(buf, f, 0, line);
      let bi = 0;
      for (let k = 1; k < nScores; k++) {
        const v = row[k] = rows.score(buf, f, k, line);
        if (v > best || v === best && tieByClass && plan.scoreClass[k] < plan.scoreClass[bi]) {
          best = v;
          bi = k;
        }
      }
      sink?.scores(row, 0, nScores, plan.scoreClass);
      p = plan.scoreClass[bi];
    } else p = rows.predIndex(rows.single(f.text(buf, plan.predCol), plan.predSplit, plan.predName, line), line);
    if (plan.idCol >= 0) rows.id(b, f.text(buf, plan.idCol), line);
    if (b.push(t, p)) ready.push(b.flush());
    rows.progress();
    return true;
  };
}
function multilabelRow(rows, b) {
  const { plan, ready } = rows;
  const nScores = plan.scoreCols.length;
  const sink = rows.opts.scores;
  const row = new Float64Array(nScores);
  return (buf, f, line) => {
    rows.checkWidth(f, line);
    addNames(f.text(buf, plan.truthCol), plan.truthSplit, (n) => b.truth.add(rows.truthIndex(n, line)));
    if (rows.fromScores) {
      for (let k = 0; k < nScores; k++) {
        const v = row[k] = rows.score(buf, f, k, line);
        if (v >= plan.thresholds[k]) b.pred.add(plan.scoreClass[k]);
      }
      sink?.scores(row, 0, nScores, plan.scoreClass);
    } else addNames(f.text(buf, plan.predCol), plan.predSplit, (n) => b.pred.add(rows.predIndex(n, line)));
    if (plan.idCol >= 0) rows.id(b, f.text(buf, plan.idCol), line);
    if (b.end()) ready.push(b.flush());
    rows.progress();
    return true;
  };
}
function fastRow(rows) {
  const { plan, ready, batcher } = rows;
  const { scoreCols, scoreClass, thresholds, columns } = plan;
  const slot = new Int32Array(columns).fill(-1);
  scoreCols.forEach((col, k) => slot[col] = k);
  const last = columns - 1;
  const truthCol = plan.truthCol;
  const idCol = plan.idCol;
  const hits = new Uint32Array(scoreCols.length);
  const sink = rows.opts.scores;
  const values = new Float64Array(sink ? scoreCols.length : 0);
  const mc = batcher instanceof MulticlassBatcher ? batcher : null;
  const ml = batcher instanceof MultilabelBatcher ? batcher : null;
  const tieByClass = rows.opts.classes.fixed;
  return (buf, pos, len, line) => {
    const into = sink?.room?.(values.length) ?? values;
    let i = pos;
    let best = 0;
    let bi = -1;
    let nHits = 0;
    let ts = 0;
    let te = 0;
    let is = 0;
    let ie = 0;
    for (let col = 0; col <= last; col++) {
      const k = slot[col];
      let c;
      if (k >= 0) {
        const v = parseDecimalPrefix(buf, i, len);
        i = decimalEnd();
        if (v - v !== 0 || i >= len) return -1;
        c = buf[i];
        if (sink) into[k] = v;
        if (mc) {
          if (bi < 0 || v > best || v === best && tieByClass && scoreClass[k] < scoreClass[bi]) {
            best = v;
            bi = k;
          }
        } else if (v >= thresholds[k]) hits[nHits++] = scoreClass[k];
      } else {
        const s = i;
        for (; ; ) {
          if (i >= len) return -1;
          c = buf[i];
          if (c <= COMMA2 && (c === COMMA2 || c === LF2 || c === CR2 || c === QUOTE2)) break;
          i++;
        }
        if (c === QUOTE2) return -1;
        if (col === truthCol) {
          ts = s;
          te = i;
        } else if (col === idCol) {
          is = s;
          ie = i;
        }
      }
      if (col < last) {
        if (c !== COMMA2) return -1;
        i++;
      } else if (c === LF2) i++;
      else if (c === CR2) {
        if (i + 1 >= len) return -1;
        i += buf[i + 1] === LF2 ? 2 : 1;
      } else return -1;
    }
    if (idCol >= 0 && ie === is) return -1;
    const truth = buf.toString("utf8", ts, te);
    if (idCol >= 0) batcher.ids.add(buf, is, ie);
    if (sink) sink.scores(into, 0, values.length, scoreClass);
    if (mc) {
      const t = rows.truthIndex(rows.single(truth, plan.truthSplit, plan.truthName, line), line);
      if (mc.push(t, scoreClass[bi])) ready.push(mc.flush());
    } else if (ml) {
      addNames(truth, plan.truthSplit, (n) => ml.truth.add(rows.truthIndex(n, line)));
      for (let j = 0; j < nHits; j++) ml.pred.add(hits[j]);
      if (ml.end()) ready.push(ml.flush());
    }
    rows.progress();
    return i;
  };
}

// src/io/json-keys.ts
var QUOTE3 = 34;
var BACKSLASH = 92;
var COLON = 58;
var OPEN = 123;
var CLOSE = 125;
var OPEN_ARRAY = 91;
var CLOSE_ARRAY = 93;
var READ_KEYS = /* @__PURE__ */ new Set(["label", "labels", "pred", "preds", "scores", "id"]);
function repeatedKey(buf, s, e, parsed) {
  if (colons(buf, s, e) === parsed) return null;
  const keys = scanKeys(buf, s, e);
  const top = firstRepeat(keys.top.filter((k) => READ_KEYS.has(k)));
  if (top !== null) return { inScores: false, key: top };
  const inScores = firstRepeat(keys.scores);
  return inScores === null ? null : { inScores: true, key: inScores };
}
function colons(buf, s, e) {
  let n = 0;
  for (let i = buf.indexOf(COLON, s); i >= 0 && i < e; i = buf.indexOf(COLON, i + 1)) n++;
  return n;
}
function scanKeys(buf, s, e) {
  const out = { top: [], scores: [] };
  let depth = 0;
  let scoresDepth = -1;
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c === OPEN || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE || c === CLOSE_ARRAY) {
      if (depth === scoresDepth) scoresDepth = -1;
      depth--;
    } else if (c === QUOTE3) {
      const end = stringEnd(buf, i + 1, e);
      const colon = nextNonSpace(buf, end + 1, e);
      if (buf[colon] === COLON) {
        const key = keyText(buf, i, end);
        if (depth === 1) {
          out.top.push(key);
          if (key === "scores" && buf[nextNonSpace(buf, colon + 1, e)] === OPEN) scoresDepth = 2;
        } else if (depth === scoresDepth) out.scores.push(key);
      }
      i = end;
    }
  }
  return out;
}
function stringEnd(buf, p, e) {
  for (; ; ) {
    const q = buf.indexOf(QUOTE3, p);
    if (q < 0 || q >= e) return e;
    let escapes = 0;
    while (buf[q - 1 - escapes] === BACKSLASH) escapes++;
    if (escapes % 2 === 0) return q;
    p = q + 1;
  }
}
function nextNonSpace(buf, p, e) {
  while (p < e && (buf[p] === 32 || buf[p] === 9 || buf[p] === 13 || buf[p] === 10)) p++;
  return p;
}
function keyText(buf, open2, close) {
  const raw = buf.toString("utf8", open2 + 1, close);
  return raw.includes("\\") ? JSON.parse(`"${raw}"`) : raw;
}
function firstRepeat(keys) {
  const seen = /* @__PURE__ */ new Set();
  for (const k of keys) {
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return null;
}

// src/io/jsonl.ts
var LF3 = 10;
var JsonLines = class {
  constructor(file) {
    this.file = file;
  }
  file;
  line = 0;
  carry = null;
  push(chunk, onRow) {
    let buf = this.carry && chunk ? Buffer.concat([this.carry, chunk]) : chunk ?? this.carry;
    this.carry = null;
    if (!buf) return;
    if (this.line === 0 && buf.length >= 3 && buf[0] === 239 && buf[1] === 187 && buf[2] === 191)
      buf = buf.subarray(3);
    let pos = 0;
    for (; ; ) {
      let nl = buf.indexOf(LF3, pos);
      if (nl < 0) {
        if (chunk !== null) break;
        if (pos >= buf.length) break;
        nl = buf.length;
      }
      this.line++;
      this.row(buf, pos, nl, onRow);
      pos = nl + 1;
    }
    if (pos < buf.length) this.carry = Buffer.from(buf.subarray(pos));
    if (this.carry && this.carry.length > MAX_RECORD_BYTES)
      throw new InputError(
        this.file,
        `line ${this.line + 1}`,
        `is longer than ${MAX_RECORD_BYTES >> 20} MB; expected one JSON object per line`
      );
  }
  row(buf, s, e, onRow) {
    let blank = true;
    for (let i = s; i < e; i++) {
      const c = buf[i];
      if (c !== 32 && c !== 9 && c !== 13) {
        blank = false;
        break;
      }
    }
    if (blank) return;
    let value;
    try {
      value = JSON.parse(buf.toString("utf8", s, e));
    } catch (err) {
      throw new InputError(
        this.file,
        `line ${this.line}`,
        `invalid JSON (${jsonProblem(err.message)}); expected one JSON object per line`
      );
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new InputError(
        this.file,
        `line ${this.line}`,
        `found ${Array.isArray(value) ? "an array" : JSON.stringify(value)}; expected a JSON object`
      );
    const row = value;
    const sc = row.scores;
    const scores = sc !== null && typeof sc === "object" && !Array.isArray(sc) ? Object.entries(sc) : null;
    const repeated = repeatedKey(buf, s, e, Object.keys(row).length + (scores?.length ?? 0));
    if (repeated)
      throw new InputError(
        this.file,
        `line ${this.line}`,
        repeated.inScores ? `"scores" has the class ${quoteName(repeated.key)} twice; expected each class once` : `has the key "${repeated.key}" twice; expected each key once (JSON keeps only the last value)`
      );
    onRow(row, this.line, scores);
  }
};
function shown(v) {
  if (typeof v === "number" && !Number.isFinite(v)) return `${v} (a number beyond a double's range, such as 1e400)`;
  return JSON.stringify(v) ?? String(v);
}
async function openJsonl(path, opts) {
  await checkFile(path);
  const digest = new Digest(path);
  const it = textChunks(path, digest.hasher, "JSON lines")[Symbol.asyncIterator]();
  const lines = new JsonLines(path);
  const early = [];
  let ended = false;
  try {
    while (early.length === 0 && !ended) {
      const r = await it.next();
      ended = !!r.done;
      lines.push(r.done ? null : r.value, (...parsed) => early.push(parsed));
    }
  } catch (e) {
    await it.return?.(void 0);
    throw e;
  }
  if (early.length === 0) {
    await it.return?.(void 0);
    throw new InputError(path, null, "has only blank lines; expected one JSON object per line");
  }
  const [first, firstLine] = early[0];
  let task;
  if (opts.task) task = opts.task;
  else if ("labels" in first) task = "multilabel";
  else if ("label" in first) task = "multiclass";
  else {
    await it.return?.(void 0);
    throw new InputError(path, `line ${firstLine}`, `found keys ${keysOf(first)}; expected a "label" or "labels" key`);
  }
  const ready = [];
  const handle = rowHandler2(path, task, opts, ready, { line: firstLine, ids: "id" in first });
  async function* batches() {
    try {
      for (const [row, line, scores] of early) handle(row, line, scores);
      early.length = 0;
      yield* ready.splice(0);
      while (!ended) {
        const r = await it.next();
        ended = !!r.done;
        lines.push(r.done ? null : r.value, handle);
        yield* ready.splice(0);
      }
      handle.finish();
      yield* ready.splice(0);
      digest.finish();
    } finally {
      await it.return?.(void 0);
    }
  }
  return { task, batches: batches(), fingerprint: () => digest.fingerprint(), recycle: (b) => handle.recycle(b) };
}
function jsonProblem(message) {
  const pos = /at position (\d+)/.exec(message);
  const what = message.replace(/ in JSON at position \d+.*$/s, "").replace(/,? ".*$/s, "").slice(0, 80);
  return pos ? `${what} at column ${Number(pos[1]) + 1}` : what;
}
function integerText(v, key, file, where) {
  if (Number.isSafeInteger(v)) return String(v);
  const what = Number.isInteger(v) ? `an integer beyond \xB12^53 (read as ${String(v)}), which a JSON number does not hold exactly` : `the fractional number ${String(v)}`;
  throw new InputError(
    file,
    where,
    `"${key}" holds ${what}; expected an integer within \xB1${Number.MAX_SAFE_INTEGER}, or a string: write it in quotes`
  );
}
function keysOf(row) {
  const k = Object.keys(row);
  return k.length ? k.map((x) => JSON.stringify(x)).join(", ") : "(none)";
}
function rowHandler2(path, task, opts, ready, first) {
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const classes = opts.classes;
  let rows = 0;
  const at = (line) => `line ${line}`;
  const nameOf = (v, key, line) => {
    if (typeof v === "string" && v !== "") return v;
    if (typeof v === "number" && Number.isFinite(v)) return integerText(v, key, path, at(line));
    throw new InputError(path, at(line), `"${key}" holds ${shown(v)}; expected a class name (string)`);
  };
  const index = (v, key, line) => classIndexOf(classes, nameOf(v, key, line), path, at(line), `"${key}"`);
  const list = (v, key, line) => {
    if (!Array.isArray(v))
      throw new InputError(path, at(line), `"${key}" is ${JSON.stringify(v)}; expected an array of class names`);
    return v;
  };
  const single = (row, one, many, line) => {
    if (one in row) return index(row[one], one, line);
    const v = list(row[many], many, line);
    if (v.length !== 1)
      throw new InputError(
        path,
        at(line),
        `"${many}" holds ${v.length} classes; expected exactly one for a multiclass task`
      );
    return index(v[0], many, line);
  };
  let scored = null;
  let sinkRow2 = new Float64Array(0);
  const scoresOf = (row, line, objectEntries, each) => {
    const s = row.scores;
    const check = (v, name) => {
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new InputError(
          path,
          at(line),
          `score of ${JSON.stringify(name)} is ${shown(v)}; expected a finite number`
        );
      return v;
    };
    if (Array.isArray(s)) {
      if (!classes.fixed)
        throw new InputError(
          path,
          at(line),
          '"scores" is an array but no class list was given; expected --classes, or "scores" as an object {"class": score}'
        );
      if (s.length !== classes.size)
        throw new InputError(
          path,
          at(line),
          `"scores" has ${s.length} entries; expected ${classes.size}, one per class of the class list`
        );
      if (sinkRow2.length < s.length) sinkRow2 = new Float64Array(s.length);
      for (let j = 0; j < s.length; j++) {
        const value = check(s[j], classes.names[j]);
        sinkRow2[j] = value;
        each(j, value, classes.names[j]);
      }
      opts.scores?.scores(sinkRow2, 0, s.length);
    } else if (objectEntries) {
      const entries = objectEntries;
      const first2 = scored === null;
      if (first2) {
        const cls = new Uint32Array(entries.length);
        scored = { line, names: entries.map(([name]) => name), has: [], cls, at: [] };
        if (sinkRow2.length < entries.length) sinkRow2 = new Float64Array(entries.length);
      }
      const ref = scored;
      for (const [k, [name, v]] of entries.entries()) {
        const c = classIndexOf(classes, name, path, at(line), '"scores" key');
        if (first2) {
          ref.has[c] = true;
          ref.at[c] = k;
          ref.cls[k] = c;
        } else if (!ref.has[c])
          throw new InputError(
            path,
            at(line),
            `"scores" has class ${quoteName(name)}, which line ${ref.line} does not score; expected the same classes on every line`
          );
        const value = check(v, name);
        sinkRow2[ref.at[c]] = value;
        each(c, value, name);
      }
      if (entries.length < ref.names.length) {
        const missing = ref.names.find((n) => !entries.some(([k]) => k === n));
        throw new InputError(
          path,
          at(line),
          `"scores" lacks class ${quoteName(missing)} (scored on line ${ref.line}); expected the same classes on every line`
        );
      }
      opts.scores?.scores(sinkRow2, 0, ref.names.length, ref.cls);
    } else
      throw new InputError(
        path,
        at(line),
        `"scores" is ${JSON.stringify(s)}; expected an object {"class": score} or an array`
      );
  };
  const requireScored = (t, key, line) => {
    if (classes.fixed || !scored || scored.has[t]) return;
    throw new InputError(
      path,
      at(line),
      `"${key}" ${quoteName(classes.names[t])} has no score; expected one of ${listNames(scored.names)}`
    );
  };
  const rank = (c) => classes.fixed || !scored ? c : scored.at[c];
  const noPred = (row, line) => new InputError(path, at(line), `found keys ${keysOf(row)}; expected a "pred", "preds" or "scores" key`);
  const noTruth = (row, line) => new InputError(
    path,
    at(line),
    `found keys ${keysOf(row)}; expected a "${task === "multilabel" ? "labels" : "label"}" key`
  );
  const progress = () => {
    rows++;
    if (opts.onProgress && rows % PROGRESS_EVERY === 0) opts.onProgress(rows);
  };
  const withIds = first.ids;
  const keepId = (b, row, line) => {
    const why = 'ids find the examples shared between splits: give every line an "id", or none';
    if (!("id" in row)) {
      if (withIds) throw new InputError(path, at(line), `has no "id" but line ${first.line} has one (${why})`);
      return;
    }
    if (!withIds) throw new InputError(path, at(line), `has an "id" but line ${first.line} has none (${why})`);
    const v = row.id;
    if (typeof v !== "string" && !(typeof v === "number" && Number.isFinite(v)))
      throw new InputError(path, at(line), `"id" holds ${shown(v)}; expected a string or a number`);
    const text = typeof v === "string" ? v : integerText(v, "id", path, at(line));
    if (!b.ids.addText(text)) throw new InputError(path, at(line), EMPTY_ID);
  };
  let handle;
  let flush;
  let batcher;
  if (task === "multiclass") {
    const b = batcher = new MulticlassBatcher(size, opts.scores);
    b.ids.on = withIds;
    flush = () => b.flush();
    handle = (row, line, entries) => {
      if (!("label" in row) && !("labels" in row)) throw noTruth(row, line);
      const t = single(row, "label", "labels", line);
      let p = -1;
      if ("pred" in row || "preds" in row) p = single(row, "pred", "preds", line);
      else if ("scores" in row) {
        let best = -Infinity;
        scoresOf(row, line, entries, (c, v) => {
          if (p < 0 || v > best || v === best && rank(c) < rank(p)) {
            best = v;
            p = c;
          }
        });
        requireScored(t, "label" in row ? "label" : "labels", line);
        if (p < 0) throw new InputError(path, at(line), '"scores" is empty; expected one score per class');
      } else throw noPred(row, line);
      keepId(b, row, line);
      if (b.push(t, p)) ready.push(b.flush());
      progress();
    };
  } else {
    const b = batcher = new MultilabelBatcher(size, opts.scores);
    b.ids.on = withIds;
    flush = () => b.flush();
    const thresholds = /* @__PURE__ */ new Map();
    const threshold = (name) => {
      let t = thresholds.get(name);
      if (t === void 0) thresholds.set(name, t = thresholdFor(name, opts.threshold, opts.perClassThreshold));
      return t;
    };
    handle = (row, line, entries) => {
      if ("labels" in row) for (const v of list(row.labels, "labels", line)) b.truth.add(index(v, "labels", line));
      else if ("label" in row) {
        if (row.label !== "") b.truth.add(index(row.label, "label", line));
      } else throw noTruth(row, line);
      if ("preds" in row) for (const v of list(row.preds, "preds", line)) b.pred.add(index(v, "preds", line));
      else if ("pred" in row) {
        if (row.pred !== "") b.pred.add(index(row.pred, "pred", line));
      } else if ("scores" in row) {
        scoresOf(row, line, entries, (c, v, name) => v >= threshold(name) && b.pred.add(c));
        for (const t of b.truth.current()) requireScored(t, "labels" in row ? "labels" : "label", line);
      } else throw noPred(row, line);
      keepId(b, row, line);
      if (b.end()) ready.push(b.flush());
      progress();
    };
  }
  return Object.assign(handle, {
    finish() {
      const last = flush();
      if (last) ready.push(last);
      opts.onProgress?.(rows);
    },
    /** A batch read through: its arrays hold a later batch (batcher.ts). */
    recycle: (b) => batcher.recycle(b)
  });
}

// src/io/npy.ts
var MAGIC = Buffer.from("\x93NUMPY", "latin1");
var MAX_HEADER_BYTES = 1e4;
async function readNpyHeader(r, bytes, file, where) {
  const bad = (what) => new InputError(file, where, `${what}; expected an .npy array (numpy.save)`);
  const pre = await r.read(10);
  if (pre.length < 10 || !pre.subarray(0, 6).equals(MAGIC)) throw bad("no NumPy magic string");
  const major = pre[6];
  let len = pre.readUInt16LE(8);
  if (major !== 1 && major !== 2 && major !== 3) throw bad(`format version ${major}`);
  if (major !== 1) {
    const more = await r.read(2);
    if (more.length < 2) throw bad("a truncated header");
    len += more.readUInt16LE(0) * 65536;
  }
  if (len > MAX_HEADER_BYTES)
    throw bad(`a header of ${len} bytes, more than numpy's limit of ${MAX_HEADER_BYTES} (max_header_size)`);
  if (r.offset + len > bytes) throw bad(`a header of ${len} bytes, beyond the ${bytes} bytes of the array`);
  const h = await r.read(len);
  if (h.length < len) throw bad("a truncated header");
  const text = h.toString(major === 3 ? "utf8" : "latin1");
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeField = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === void 0) {
    if (/'descr'\s*:\s*\[/.test(text))
      throw new InputError(file, where, "has a structured dtype; expected a plain numeric array");
    throw bad("a header without a dtype");
  }
  if (fortran === void 0 || shapeField === void 0) throw bad("a header without order or shape");
  if (fortran === "True")
    throw new InputError(file, where, "is in Fortran order; expected C order (save np.ascontiguousarray(a))");
  const shape = shapeField.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => Number(s.replace(/L$/, "")));
  if (shape.some((n) => !Number.isSafeInteger(n) || n < 0)) throw bad(`a bad shape (${shapeField})`);
  const array = { descr, shape, ...dtypeOf(descr) };
  const need = r.offset + shape.reduce((a, d) => a * d, 1) * Math.max(1, array.itemSize);
  if (need > bytes)
    throw new InputError(
      file,
      where,
      `has shape ${shapeText(shape)}, which needs ${need} bytes, but holds ${bytes}; expected a complete array`
    );
  return array;
}
function dtypeOf(descr) {
  const m = /^([<|>=])([a-zA-Z])(\d+)$/.exec(descr);
  if (!m || m[1] === ">" || m[1] === "=") return { kind: "float", itemSize: 0 };
  const size = Number(m[3]);
  if (m[2] === "f" && (size === 4 || size === 8)) return { kind: "float", itemSize: size };
  if ((m[2] === "i" || m[2] === "u") && [1, 2, 4, 8].includes(size)) return { kind: "int", itemSize: size };
  if (m[2] === "b" && size === 1) return { kind: "bool", itemSize: 1 };
  if (m[2] === "U" && size > 0) return { kind: "unicode", itemSize: 4 * size };
  if (m[2] === "S" && size > 0) return { kind: "bytes", itemSize: size };
  return { kind: "float", itemSize: 0 };
}
function requireDtype(a, roles, file, where) {
  const ok = a.itemSize > 0 && (roles === "float" ? a.kind === "float" : a.kind === "int" || a.kind === "bool");
  if (!ok) {
    const expected = roles === "float" ? "little-endian float32 or float64" : "little-endian integers (int8..int64, uint8..uint64) or booleans";
    throw new InputError(file, where, `dtype ${a.descr} is not supported; expected ${expected}`);
  }
}
function shapeText(shape) {
  return `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;
}
function unicodeAt(a, v, byteOffset) {
  let s = "";
  for (let p = byteOffset; p < byteOffset + a.itemSize; p += 4) {
    const cp = v.getUint32(p, true);
    if (cp === 0) break;
    if (cp > 1114111) return { bad: `0x${cp.toString(16)}` };
    s += String.fromCodePoint(cp);
  }
  return s;
}
function getterFor(a) {
  const k = a.kind;
  if (k === "unicode" || k === "bytes") throw new Error(`getterFor: ${a.descr} is not numeric`);
  const s = a.itemSize;
  const signed = a.descr[1] === "i";
  if (k === "float") return s === 8 ? (v, o) => v.getFloat64(o, true) : (v, o) => v.getFloat32(o, true);
  if (s === 1) return signed ? (v, o) => v.getInt8(o) : (v, o) => v.getUint8(o);
  if (s === 2) return signed ? (v, o) => v.getInt16(o, true) : (v, o) => v.getUint16(o, true);
  if (s === 4) return signed ? (v, o) => v.getInt32(o, true) : (v, o) => v.getUint32(o, true);
  return signed ? (v, o) => v.getInt32(o + 4, true) * 4294967296 + v.getUint32(o, true) : (v, o) => v.getUint32(o + 4, true) * 4294967296 + v.getUint32(o, true);
}

// src/io/npy-arrays.ts
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { join } from "node:path";

// src/io/pull-reader.ts
import { closeSync, openSync, readSync } from "node:fs";
var PullReader = class {
  constructor(it) {
    this.it = it;
  }
  it;
  buf = Buffer.alloc(0);
  pos = 0;
  done = false;
  offset = 0;
  async read(n) {
    while (this.buf.length - this.pos < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        const rest = this.buf.subarray(this.pos);
        this.buf = rest.length ? Buffer.concat([rest, r.value]) : r.value;
        this.pos = 0;
      }
    }
    const end = Math.min(this.buf.length, this.pos + n);
    const out = this.buf.subarray(this.pos, end);
    this.offset += out.length;
    this.pos = end;
    return out;
  }
  async close() {
    await this.it.return?.(void 0);
  }
};
var FileRangeReader = class {
  constructor(path, range) {
    this.path = path;
    this.range = range;
  }
  path;
  range;
  fd = null;
  buf = Buffer.alloc(0);
  ended = false;
  offset = 0;
  async read(n) {
    const want = Math.min(n, this.range.length - this.offset);
    if (this.ended || want <= 0) {
      if (this.offset >= this.range.length) this.end(this.offset);
      return this.buf.subarray(0, 0);
    }
    if (this.buf.length < want) this.buf = Buffer.allocUnsafeSlow(want);
    let got = 0;
    try {
      this.fd ??= openSync(this.path, "r");
      while (got < want) {
        const bytesRead = readSync(this.fd, this.buf, got, want - got, this.range.start + this.offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
    } catch (e) {
      throw this.range.readError ? this.range.readError(e) : e;
    }
    const out = this.buf.subarray(0, got);
    this.offset += got;
    if (got > 0) this.range.onBytes?.(out);
    if (got < want || this.offset === this.range.length) this.end(this.offset);
    return out;
  }
  end(bytes) {
    if (this.ended) return;
    this.ended = true;
    this.range.onEnd?.(bytes);
  }
  async close() {
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) closeSync(fd);
  }
};

// src/io/zip.ts
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream";
import { crc32, createInflateRaw } from "node:zlib";
var EOCD = 101010256;
var ZIP64_LOCATOR = 117853008;
var ZIP64_EOCD = 101075792;
var CENTRAL = 33639248;
var LOCAL = 67324752;
var U32_MAX = 4294967295;
var MAX_DEFLATE_RATIO = 1032;
function u64(b, at) {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("64-bit zip field too large");
  return Number(v);
}
async function readAt(fh, pos, len) {
  const b = Buffer.alloc(len);
  const { bytesRead } = await fh.read(b, 0, len, pos);
  return b.subarray(0, bytesRead);
}
async function readZipDirectory(path) {
  const bad = (what) => new InputError(path, null, `${what}; expected a zip archive (as written by numpy.savez)`);
  const fh = await open(path, "r");
  try {
    const size = (await fh.stat()).size;
    const tailLen = Math.min(size, 22 + 65535);
    const tail = await readAt(fh, size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    if (at < 0) throw bad("no end of central directory record");
    let entries = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if (entries === 65535 || cdSize === U32_MAX || cdOffset === U32_MAX) {
      const locAt = size - tailLen + at - 20;
      const loc = locAt >= 0 ? await readAt(fh, locAt, 20) : Buffer.alloc(0);
      if (loc.length < 20 || loc.readUInt32LE(0) !== ZIP64_LOCATOR) throw bad("zip64 fields without a zip64 locator");
      const rec = await readAt(fh, u64(loc, 8), 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw bad("a broken zip64 end of central directory");
      entries = u64(rec, 32);
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
    }
    if (cdOffset + cdSize > size) throw bad("a central directory beyond the end of the file (truncated?)");
    const cd = await readAt(fh, cdOffset, cdSize);
    const out = /* @__PURE__ */ new Map();
    let p = 0;
    for (let k = 0; k < entries; k++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw bad("a broken central directory");
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const e = {
        name: cd.toString("utf8", p + 46, p + 46 + nameLen),
        flags: cd.readUInt16LE(p + 8),
        method: cd.readUInt16LE(p + 10),
        crc32: cd.readUInt32LE(p + 16),
        compressedSize: cd.readUInt32LE(p + 20),
        size: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42)
      };
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = cd.readUInt16LE(x);
        const len = cd.readUInt16LE(x + 2);
        if (id === 1) {
          let q = x + 4;
          if (e.size === U32_MAX) {
            e.size = u64(cd, q);
            q += 8;
          }
          if (e.compressedSize === U32_MAX) {
            e.compressedSize = u64(cd, q);
            q += 8;
          }
          if (e.localHeaderOffset === U32_MAX) e.localHeaderOffset = u64(cd, q);
        }
        x += 4 + len;
      }
      out.set(e.name, e);
      p = xEnd + commentLen;
    }
    return out;
  } finally {
    await fh.close();
  }
}
async function memberStart(path, e) {
  const where = `member ${e.name}`;
  if (e.flags & 1) throw new InputError(path, where, "is encrypted; expected an unencrypted archive");
  if (e.method !== 0 && e.method !== 8)
    throw new InputError(
      path,
      where,
      `uses compression method ${e.method}; expected stored or deflate (numpy.savez/savez_compressed)`
    );
  checkDeclaredSize(path, e);
  const fh = await open(path, "r");
  let local;
  try {
    local = await readAt(fh, e.localHeaderOffset, 30);
  } finally {
    await fh.close();
  }
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
    throw new InputError(path, where, "has a broken local header; expected a zip archive");
  return e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}
function checkDeclaredSize(path, e) {
  const most = e.method === 8 ? e.compressedSize * MAX_DEFLATE_RATIO : e.compressedSize;
  if (e.size > most)
    throw new InputError(
      path,
      `member ${e.name}`,
      `declares ${e.size} bytes, more than its ${e.compressedSize} ${e.method === 8 ? `deflated bytes can hold (at most ${MAX_DEFLATE_RATIO}:1)` : "stored bytes"}; expected an intact archive`
    );
}
function isStored(e) {
  return e.method !== 8 && e.compressedSize > 0;
}
async function openZipMember(path, e, o = {}) {
  const start = o.start ?? await memberStart(path, e);
  if (!isStored(e)) return new PullReader(zipMemberChunks(path, e, start)[Symbol.asyncIterator]());
  let crc = 0;
  return new FileRangeReader(path, {
    start,
    length: e.compressedSize,
    onBytes: o.crcChecked ? void 0 : (chunk) => void (crc = crc32(chunk, crc)),
    onEnd: (bytes) => checkMember(path, e, bytes, o.crcChecked ? e.crc32 : crc),
    readError: (err) => unreadable(path, e, err)
  });
}
function checkStoredCrc(path, e, crc) {
  checkMember(path, e, e.size, crc);
}
async function* zipMemberChunks(path, e, start) {
  if (e.compressedSize === 0) {
    if (e.size !== 0) throw new InputError(path, `member ${e.name}`, "is truncated");
    return;
  }
  const raw = createReadStream(path, { start, end: start + e.compressedSize - 1, highWaterMark: CHUNK_BYTES });
  const out = e.method === 8 ? pipeline(raw, createInflateRaw({ chunkSize: 1 << 20 }), () => {
  }) : raw;
  let crc = 0;
  let bytes = 0;
  try {
    for await (const chunk of out) {
      crc = crc32(chunk, crc);
      bytes += chunk.length;
      yield chunk;
    }
  } catch (err) {
    throw unreadable(path, e, err);
  } finally {
    raw.destroy();
    out.destroy();
  }
  checkMember(path, e, bytes, crc);
}
function unreadable(path, e, err) {
  return new InputError(
    path,
    `member ${e.name}`,
    `could not be read or decompressed (${errCode(err)}); expected an intact archive`
  );
}
function checkMember(path, e, bytes, crc) {
  if (bytes !== e.size || crc >>> 0 !== e.crc32 >>> 0)
    throw new InputError(
      path,
      `member ${e.name}`,
      `is corrupt (${bytes !== e.size ? `${bytes} bytes instead of ${e.size}` : "CRC-32 mismatch"}); expected an intact archive`
    );
}

// src/io/npy-arrays.ts
async function openNpyArrays(path, folder, wanted, missing, optional = []) {
  return folder ? openFolder(path, wanted, missing, optional) : openNpz(path, wanted, missing, optional);
}
async function openNpz(path, wanted, missing, optional) {
  const size = await checkFile(path);
  let members;
  try {
    members = await readZipDirectory(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, null, `not a readable .npz (zip) archive: ${e.message}`);
  }
  const entries = wanted.map((names) => names.map((n) => members.get(n)).find((e) => e !== void 0));
  if (entries.some((e) => e === void 0)) throw missing([...members.keys()]);
  const extra = optional.map((n) => members.get(n));
  const stored = [...entries, ...extra.filter((e) => e !== void 0)].filter(isStored);
  const starts = /* @__PURE__ */ new Map();
  for (const e of stored) starts.set(e, await memberStart(path, e));
  const hashing = hashInBackground(
    path,
    size,
    stored.map((e) => ({ start: starts.get(e), length: e.compressedSize }))
  );
  const fingerprint = async () => {
    const crcs = await hashing.crcs();
    stored.forEach((e, i) => checkStoredCrc(path, e, crcs[i]));
    return hashing.fingerprint();
  };
  const readers = [];
  const close = async () => {
    hashing.stop();
    await Promise.all(readers.map((r) => r.close()));
  };
  try {
    const open2 = async (entry) => {
      const start = starts.get(entry);
      const reader = await openZipMember(path, entry, { start, crcChecked: start !== void 0 });
      readers.push(reader);
      const role = entry.name.replace(/\.npy$/, "");
      const where = `array ${role}`;
      return { role, file: path, where, reader, array: await readNpyHeader(reader, entry.size, path, where) };
    };
    const sources = [];
    for (const entry of entries) sources.push(await open2(entry));
    const opened = [];
    for (const entry of extra) opened.push(entry && await open2(entry));
    return { sources, optional: opened, fingerprint, close };
  } catch (e) {
    await close();
    throw e;
  }
}
async function openFolder(dir, wanted, missing, optional) {
  const isFile = async (f) => (await stat(join(dir, f)).catch(() => null))?.isFile() ?? false;
  const names = [];
  for (const options of wanted) {
    let found;
    for (const n of options) if (found === void 0 && await isFile(n)) found = n;
    if (found === void 0) {
      const present = [];
      for (const n of wanted.flat()) if (await isFile(n)) present.push(n);
      throw missing(present);
    }
    names.push(found);
  }
  const extra = [];
  for (const n of optional) extra.push(await isFile(n) ? n : void 0);
  const hashers = [];
  const readers = [];
  const close = async () => void await Promise.all(readers.map((r) => r.close()));
  try {
    const open2 = async (name) => {
      const file = join(dir, name);
      const size = await checkFile(file);
      const h = new ByteHasher();
      hashers.push([name, h]);
      const reader = new FileRangeReader(file, {
        start: 0,
        length: Infinity,
        onBytes: (chunk) => h.update(chunk),
        readError: (err) => new InputError(file, null, `could not be read (${errCode(err)})`)
      });
      readers.push(reader);
      const role = name.replace(/\.npy$/, "");
      const where = `array ${role}`;
      return { role, file, where, reader, array: await readNpyHeader(reader, size, file, where) };
    };
    const sources = [];
    for (const name of names) sources.push(await open2(name));
    const opened = [];
    for (const name of extra) opened.push(name === void 0 ? void 0 : await open2(name));
    const fingerprint = async () => {
      const lines = hashers.map(([name, h]) => `${h.digestHex()}  ${name}
`).sort().join("");
      const bytes = hashers.reduce((s, [, h]) => s + h.bytes, 0);
      return { path: dir, sha256: createHash("sha256").update(lines).digest("hex"), bytes };
    };
    return { sources, optional: opened, fingerprint, close };
  } catch (e) {
    await close();
    throw e;
  }
}

// src/io/npy-ids.ts
var MAX_ID_BYTES = 1 << 16;
var EXPECTED = "little-endian integers (int8..int64, uint8..uint64) or fixed-width strings (<U\u2026, |S\u2026)";
function idReader(s, rows, labels) {
  const a = s.array;
  if (a.descr === "|O")
    throw new InputError(
      s.file,
      s.where,
      `dtype |O holds pickled Python objects, which modelgate never unpickles; expected ${EXPECTED}, e.g. np.asarray(ids, dtype=str)`
    );
  if (a.itemSize === 0 || a.kind !== "int" && a.kind !== "unicode" && a.kind !== "bytes")
    throw new InputError(s.file, s.where, `dtype ${a.descr} is not supported for ids; expected ${EXPECTED}`);
  if (a.itemSize > MAX_ID_BYTES)
    throw new InputError(
      s.file,
      s.where,
      `dtype ${a.descr} makes each id ${a.itemSize} bytes; expected at most ${MAX_ID_BYTES} (<U${MAX_ID_BYTES / 4}, |S${MAX_ID_BYTES})`
    );
  if (a.shape.length !== 1)
    throw new InputError(s.file, s.where, `has shape ${shapeText(a.shape)}; expected (N,), one id per row`);
  if (a.shape[0] !== rows)
    throw new InputError(
      s.file,
      s.where,
      `has ${a.shape[0]} ids but ${labels.role} has ${rows} rows; expected ${rows}, one id per row`
    );
  return readerFor(a);
}
function readerFor(a) {
  const size = a.itemSize;
  const added = (ok) => ok ? null : EMPTY_ID;
  if (a.kind === "unicode")
    return (ids, _, v, off) => {
      const text = unicodeAt(a, v, off);
      return typeof text === "string" ? added(ids.addText(text)) : `the id holds ${text.bad}, not a Unicode code point`;
    };
  if (a.kind === "bytes")
    return (ids, bytes, _, off) => {
      let end = off + size;
      while (end > off && bytes[end - 1] === 0) end--;
      return added(ids.add(bytes, off, end));
    };
  if (size === 8) {
    const big = a.descr[1] === "i" ? (v, o) => v.getBigInt64(o, true) : (v, o) => v.getBigUint64(o, true);
    return (ids, _, v, off) => added(ids.addText(big(v, off).toString()));
  }
  const get = getterFor(a);
  return (ids, _, v, off) => added(ids.addText(String(get(v, off))));
}

// src/core/threshold-kernel.wasm.ts
var WASM_BASE64 = "AGFzbQEAAAABCgFgBX9/f39/AX8DBAMAAAAFAwEAAQYGAX8BQX8LBy8FBm1lbW9yeQIABmJhZFJvdwMAB2Fib3ZlMzIAAAdhYm92ZTY0AAEFb25lczgAAgqECAPhAgUDfwJ7An8BfQF/QX8kACAAIQcCQANAIAUgAU8NAUEAIQb9DP////////////////////8hCQJAA0AgBkEEaiACSw0BIAcgBkECdGr9AAQAIQggCSAI/eAB/QwAAIB/AACAfwAAgH8AAIB//UP9TiEJIAggAyAGQQJ0av0ABAD9Rv2kASEKIAoEQCAFIAJsIAZqIQ0DQCAEIAtBAnRqIA0gCmhqNgIAIAtBAWohCyAKIApBAWtxIgoNAAsLIAZBBGohBgwACwsCQANAIAYgAk8NASAHIAZBAnRqKgIAIQwgDItDAACAf11FBED9DAAAAAAAAAAAAAAAAAAAAAAhCQsgDCADIAZBAnRqKgIAYARAIAQgC0ECdGogBSACbCAGajYCACALQQFqIQsLIAZBAWohBgwACwsgCf2jAUUjAEEASHEEQCAFJAALIAcgAkECdGohByAFQQFqIQUMAAsLIAsL1wIFA38CewJ/AXwBf0F/JAAgACEHAkADQCAFIAFPDQFBACEG/Qz/////////////////////IQkCQANAIAZBAmogAksNASAHIAZBA3Rq/QAEACEIIAkgCP3sAf0MAAAAAAAA8H8AAAAAAADwf/1J/U4hCSAIIAMgBkEDdGr9AAQA/Uz9xAEhCiAKBEAgBSACbCAGaiENA0AgBCALQQJ0aiANIApoajYCACALQQFqIQsgCiAKQQFrcSIKDQALCyAGQQJqIQYMAAsLIAYgAkkEQCAHIAZBA3RqKwMAIQwgDJlEAAAAAAAA8H9jRQRA/QwAAAAAAAAAAAAAAAAAAAAAIQkLIAwgAyAGQQN0aisDAGYEQCAEIAtBAnRqIAUgAmwgBmo2AgAgC0EBaiELCwsgCf2jAUUjAEEASHEEQCAFJAALIAcgAkEDdGohByAFQQFqIQUMAAsLIAsLxQIDA38CewR/QX8kACAAIQcCQANAIAUgAU8NAUEAIQb9DAAAAAAAAAAAAAAAAAAAAAAhCQJAA0AgBkEQaiACSw0BIAcgBmr9AAQAIQggCP1TBEAgCSAI/QwBAQEBAQEBAQEBAQEBAQEB/Sj9UCEJIAj9DAAAAAAAAAAAAAAAAAAAAAD9JP1kIQogBSACbCAGaiENA0AgBCALQQJ0aiANIApoajYCACALQQFqIQsgCiAKQQFrcSIKDQALCyAGQRBqIQYMAAsLAkADQCAGIAJPDQEgByAGai0AACEMIAwEQCAMQQFLBED9DP////////////////////8hCQsgBCALQQJ0aiAFIAJsIAZqNgIAIAtBAWohCwsgBkEBaiEGDAALCyAJ/VMjAEEASHEEQCAFJAALIAcgAmohByAFQQFqIQUMAAsLIAsL";

// src/core/threshold-kernel.ts
var PAGE = 65536;
var kernelModule = wasmModule(WASM_BASE64);
var f32 = new Float32Array(1);
var u32 = new Uint32Array(f32.buffer);
function f32AtLeast(t) {
  f32[0] = t;
  if (f32[0] >= t || t !== t) return f32[0];
  if (f32[0] === 0) u32[0] = 1;
  else if (f32[0] > 0) u32[0]++;
  else u32[0]--;
  return f32[0];
}
var align16 = (n) => n + 15 & ~15;
var ThresholdKernel = class _ThresholdKernel {
  /**
   * `thresholds[j]`: column j's (a score at or above it is a hit); `itemSize`: 4 (float32 rows)
   * or 8 (float64); 1: a one-byte 0/1 indicator matrix (ThresholdKernel.indicator), whose hits are
   * its 1s and whose bad row is the first with a byte other than 0 or 1.
   */
  constructor(thresholds, itemSize) {
    this.itemSize = itemSize;
    this.C = thresholds.length;
    this.x = new WebAssembly.Instance(kernelModule()).exports;
    this.valuesAt = align16(this.C * itemSize);
    this.ensure(this.valuesAt);
    if (itemSize === 1) return;
    const thr = itemSize === 4 ? new Float32Array(this.x.memory.buffer, 0, this.C) : new Float64Array(this.x.memory.buffer, 0, this.C);
    for (let j = 0; j < this.C; j++) thr[j] = itemSize === 4 ? f32AtLeast(thresholds[j]) : thresholds[j];
  }
  itemSize;
  x;
  /** Scores a row. */
  C;
  valuesAt;
  outAt = 0;
  hitAt = new Int32Array(0);
  hits = 0;
  next = 0;
  /** The row of the last scan holding a NaN or an infinite score (the first), or -1. */
  badRow = -1;
  /** The 1s of C-column rows of one-byte 0/1 labels (uint8, int8, bool). */
  static indicator(C) {
    return new _ThresholdKernel(new Uint8Array(C), 1);
  }
  /**
   * Scans `rows` rows (bytes: rows x C scores, little-endian, whole rows): afterwards take(r)
   * gives each row's hits, and badRow the first row with a score that is not finite (a label
   * other than 0 or 1).
   */
  scan(bytes, rows) {
    if (bytes.length !== rows * this.C * this.itemSize)
      throw new Error(`ThresholdKernel.scan: ${bytes.length} bytes are not ${rows} rows of ${this.C} scores`);
    this.outAt = align16(this.valuesAt + bytes.length);
    this.ensure(this.outAt + rows * this.C * 4);
    new Uint8Array(this.x.memory.buffer, this.valuesAt, bytes.length).set(bytes);
    const at = [this.valuesAt, rows, this.C, 0, this.outAt];
    if (this.itemSize === 1) this.hits = this.x.ones8(...at);
    else if (this.itemSize === 4) this.hits = this.x.above32(...at);
    else this.hits = this.x.above64(...at);
    this.badRow = this.x.badRow.value;
    this.hitAt = new Int32Array(this.x.memory.buffer, this.outAt, this.hits);
    this.next = 0;
  }
  /** Row r's hits (rows taken in increasing order after a scan): `add(cols[j])` for each column j at or above its threshold. */
  take(r, cols, set) {
    const from = r * this.C;
    const end = from + this.C;
    const hitAt = this.hitAt;
    let k = this.next;
    while (k < this.hits && hitAt[k] < from) k++;
    for (; k < this.hits && hitAt[k] < end; k++) set.add(cols[hitAt[k] - from]);
    this.next = k;
  }
  /** Memory for `bytes` bytes from address 0. */
  ensure(bytes) {
    const have = this.x.memory.buffer.byteLength;
    if (bytes > have) this.x.memory.grow(Math.ceil((bytes - have) / PAGE));
  }
};

// src/io/numpy.ts
var STEP_BYTES = 1 << 20;
var MAX_CLASS_COLUMNS = 1e6;
var USAGE = "labels.npy and scores.npy or preds.npy (np.savez(path, labels=..., scores=...))";
async function openNumpy(path, opts, folder) {
  const o = await openNpyArrays(
    path,
    folder,
    [["labels.npy"], ["preds.npy", "scores.npy"]],
    (found) => folder ? new InputError(path, null, `is a folder without ${USAGE}`) : new InputError(
      path,
      null,
      `has members ${found.map((n) => JSON.stringify(n)).join(", ") || "(none)"}; expected ${USAGE}`
    ),
    ["ids.npy"]
  );
  try {
    const [L, P] = o.sources;
    const shape = checkShapes(L, P, opts);
    const classOf = classMapper(opts.classes, shape.width);
    const [I] = o.optional;
    const ids = I && { source: I, read: idReader(I, shape.n, L) };
    return { task: shape.task, ...streamRows(o, L, P, ids, shape, classOf, opts) };
  } catch (e) {
    await o.close();
    throw e;
  }
}
function checkShapes(L, P, opts) {
  const classes = opts.classes;
  requireDtype(L.array, "index", L.file, L.where);
  requireDtype(P.array, P.role === "scores" ? "float" : "index", P.file, P.where);
  const dims = (s, allowed) => {
    if (!allowed.includes(s.array.shape.length))
      throw new InputError(
        s.file,
        s.where,
        `has shape ${shapeText(s.array.shape)}; expected ${allowed.map((d) => d === 1 ? "(N,)" : "(N, C)").join(" or ")}`
      );
  };
  dims(L, [1, 2]);
  dims(P, P.role === "scores" ? [2] : [1, 2]);
  const [n, lc] = L.array.shape;
  const [pn, pc] = P.array.shape;
  const mismatch = (what) => new InputError(
    P.file === L.file ? L.file : `${L.file} and ${P.file}`,
    null,
    `labels has shape ${shapeText(L.array.shape)} but ${P.role} has shape ${shapeText(P.array.shape)}; expected the same ${what}`
  );
  if (n !== pn) throw mismatch("number of rows");
  if (n === 0) throw new InputError(L.file, L.where, "has no rows; expected at least one example");
  for (const s of [L, P])
    if (s.array.shape.length === 2 && s.array.shape[1] === 0)
      throw new InputError(
        s.file,
        s.where,
        `has shape ${shapeText(s.array.shape)}; expected at least one class column`
      );
  if (lc === 1 && pc !== void 0 && pc !== 1)
    throw mismatch("number of classes (columns); a multiclass labels array should be (N,): save labels.ravel()");
  if (lc !== void 0 && pc !== void 0 && lc !== pc) throw mismatch("number of classes (columns)");
  const task = opts.task ?? (L.array.shape.length === 2 ? "multilabel" : "multiclass");
  if (task === "multiclass") {
    for (const s of P.role === "preds" ? [L, P] : [L])
      if (s.array.shape.length === 2)
        throw new InputError(
          s.file,
          s.where,
          `has shape ${shapeText(s.array.shape)}; expected class indices (N,) for a multiclass task`
        );
  }
  const width = lc ?? pc;
  if (width !== void 0) {
    if (width > MAX_CLASS_COLUMNS) {
      const s = lc !== void 0 ? L : P;
      throw new InputError(
        s.file,
        s.where,
        `has shape ${shapeText(s.array.shape)}: ${width} class columns; expected at most ${MAX_CLASS_COLUMNS.toLocaleString("en")} classes`
      );
    }
    if (classes.fixed && width !== classes.size) {
      const s = lc !== void 0 ? L : P;
      throw new InputError(
        s.file,
        s.where,
        `has ${width} columns; expected ${classes.size}, one per class of the class list`
      );
    }
    if (!classes.fixed) for (let i = 0; i < width; i++) classes.indexOf(String(i));
  }
  return { task, n, lc, pc, width };
}
function classMapper(classes, width) {
  const map = [];
  const limit = width ?? (classes.fixed ? classes.size : Infinity);
  return (s, i, row) => {
    let c = map[i];
    if (c !== void 0) return c;
    if (!Number.isInteger(i) || i < 0 || i >= limit)
      throw new InputError(
        s.file,
        s.where,
        limit === Infinity ? `row ${row} holds ${i}; expected a class index (an integer from 0)` : `row ${row} holds ${i}; expected a class index from 0 to ${limit - 1}${width !== void 0 ? ` (the arrays have ${width} columns)` : classes.fixed ? " (the class list)" : ""}`
      );
    c = classes.fixed ? i : classIndexOf(classes, String(i), s.file, s.where, "class");
    map[i] = c;
    return c;
  };
}
function streamRows(o, L, P, ids, { task, n, lc, pc, width }, classOf, opts) {
  let done;
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const mc = task === "multiclass" ? new MulticlassBatcher(size, opts.scores) : null;
  const ml = task === "multilabel" ? new MultilabelBatcher(size, opts.scores) : null;
  const fingerprint = () => {
    if (!done) throw new Error(`fingerprint of ${L.file} requested before the last batch was read`);
    return done;
  };
  return { batches: run(), fingerprint, recycle: (b) => (mc ?? ml).recycle(b) };
  async function* run() {
    const C = width ?? 0;
    const lRow = L.array.itemSize * (lc ?? 1);
    const pRow = P.array.itemSize * (pc ?? 1);
    const iRow = ids?.source.array.itemSize ?? 0;
    const step = Math.max(1, Math.floor(STEP_BYTES / Math.max(lRow, pRow, iRow, 1)));
    const cols = Uint32Array.from({ length: C }, (_, j) => classOf(P, j, 0));
    const rr = {
      L,
      P,
      lget: getterFor(L.array),
      pget: getterFor(P.array),
      lRow,
      pRow,
      C,
      lc,
      pc,
      classOf,
      cols
    };
    const batchIds = (mc ?? ml).ids;
    batchIds.on = ids !== void 0;
    const ones = ml && lc !== void 0 && L.array.itemSize === 1 ? ThresholdKernel.indicator(lc) : null;
    const decide = ml && P.role === "scores" ? new ThresholdKernel(
      Array.from(cols, (c) => thresholdFor(opts.classes.names[c], opts.threshold, opts.perClassThreshold)),
      P.array.itemSize
    ) : null;
    const ready = [];
    let row = 0;
    try {
      while (row < n) {
        const k = Math.min(step, n - row);
        const lb = await L.reader.read(k * lRow);
        if (lb.length < k * lRow) throw truncated(L);
        const pb = await P.reader.read(k * pRow);
        if (pb.length < k * pRow) throw truncated(P);
        const lv = new DataView(lb.buffer, lb.byteOffset, lb.length);
        const pv = new DataView(pb.buffer, pb.byteOffset, pb.length);
        const views = {
          lv,
          lbytes: new Uint8Array(lb.buffer, lb.byteOffset, lb.length),
          lwords: wordsOf(lb),
          pv,
          pbytes: new Uint8Array(pb.buffer, pb.byteOffset, pb.length),
          pwords: wordsOf(pb)
        };
        const scores = P.role === "scores" ? floats(pb, P.array.itemSize) : null;
        decide?.scan(pb, k);
        ones?.scan(lb, k);
        const ib = ids && await ids.source.reader.read(k * iRow);
        if (ib && ib.length < k * iRow) throw truncated(ids.source);
        const iv = ib && new DataView(ib.buffer, ib.byteOffset, ib.length);
        for (let r = 0; r < k; r++) {
          const at = row + r;
          const bad = ib && ids.read(batchIds, ib, iv, r * iRow);
          if (bad) throw new InputError(ids.source.file, ids.source.where, `row ${at}: ${bad}`);
          if (mc) {
            const tp = multiclassRow2(rr, lv, pv, scores, r, at);
            if (scores && opts.scores) sinkRow(rr, opts.scores, scores, r);
            if (mc.push(...tp)) ready.push(mc.flush());
          } else if (ml) {
            multilabelRow2(rr, ml, { decide, ones }, views, scores, r, at);
            if (scores && opts.scores) sinkRow(rr, opts.scores, scores, r);
            if (ml.end()) ready.push(ml.flush());
          }
          if (opts.onProgress && (at + 1) % PROGRESS_EVERY === 0) opts.onProgress(at + 1);
        }
        row += k;
        yield* ready.splice(0);
      }
      const last = (mc ?? ml).flush();
      if (last) yield last;
      if (n === 0) throw new InputError(L.file, L.where, "has no rows; expected at least one example");
      await checkNothingLeft(L, P, ...ids ? [ids.source] : []);
      opts.onProgress?.(n);
      done = await o.fingerprint();
    } finally {
      await o.close();
    }
  }
}
function sinkRow(rr, sink, scores, r) {
  sink.scores(scores, r * rr.C, rr.C, rr.cols);
}
function multiclassRow2({ L, P, lget, pget, lRow, pRow, C, classOf }, lv, pv, scores, r, at) {
  const t = classOf(L, lget(lv, r * lRow), at);
  if (!scores) return [t, classOf(P, pget(pv, r * pRow), at)];
  const base = r * C;
  let best = scores[base];
  let bi = 0;
  if (best - best !== 0) throw notFinite(P, at, 0, best);
  for (let j = 1; j < C; j++) {
    const v = scores[base + j];
    if (v > best) {
      best = v;
      bi = j;
    } else if (v - v !== 0) throw notFinite(P, at, j, v);
  }
  if (best - best !== 0) throw notFinite(P, at, bi, best);
  return [t, classOf(P, bi, at)];
}
function wordsOf(b) {
  return new Uint32Array(b.buffer, 0, b.buffer.byteLength >>> 2);
}
function multilabelRow2(rr, ml, { decide, ones }, { lv, lbytes, lwords, pv, pbytes, pwords }, scores, r, at) {
  const { L, P, lget, pget, lRow, pRow, C, lc, pc, classOf, cols } = rr;
  if (ones && r !== ones.badRow) ones.take(r, cols, ml.truth);
  else if (lc !== void 0) indicatorRow(rr, L, lget, lv, lbytes, lwords, r * lRow, at, ml.truth);
  else ml.truth.add(classOf(L, lget(lv, r * lRow), at));
  if (scores && decide) {
    if (r === decide.badRow) {
      const j = scores.subarray(r * C, (r + 1) * C).findIndex((v) => v - v !== 0);
      throw notFinite(P, at, j, scores[r * C + j]);
    }
    decide.take(r, cols, ml.pred);
  } else if (pc !== void 0) indicatorRow(rr, P, pget, pv, pbytes, pwords, r * pRow, at, ml.pred);
  else ml.pred.add(classOf(P, pget(pv, r * pRow), at));
}
function indicatorRow(rr, s, get, v, bytes, words, off, row, set) {
  const { C, cols } = rr;
  const is = s.array.itemSize;
  if (is === 1 && byteRow(C, cols, bytes, words, off, set)) return;
  for (let j = 0; j < C; j++) {
    const x = is === 1 ? bytes[off + j] : get(v, off + j * is);
    if (x === 0) continue;
    if (x === 1) set.add(cols[j]);
    else
      throw new InputError(
        s.file,
        s.where,
        `row ${row} column ${j} holds ${get(v, off + j * is)}; expected 0 or 1 (a multi-label indicator matrix)`
      );
  }
}
function byteRow(C, cols, bytes, words, off, set) {
  const base = bytes.byteOffset + off;
  const head = Math.min(C, 4 - (base & 3) & 3);
  let j = 0;
  for (; j < head; j++) {
    const x = bytes[off + j];
    if (x === 0) continue;
    if (x !== 1) return false;
    set.add(cols[j]);
  }
  for (; j + 4 <= C; j += 4) {
    if (words[base + j >> 2] === 0) continue;
    for (let k = j; k < j + 4; k++) {
      const x = bytes[off + k];
      if (x === 0) continue;
      if (x !== 1) return false;
      set.add(cols[k]);
    }
  }
  for (; j < C; j++) {
    const x = bytes[off + j];
    if (x === 0) continue;
    if (x !== 1) return false;
    set.add(cols[j]);
  }
  return true;
}
function notFinite(s, row, col, v) {
  return new InputError(s.file, s.where, `row ${row} column ${col} holds ${v}; expected a finite number`);
}
async function checkNothingLeft(...sources) {
  for (const s of sources)
    if ((await s.reader.read(1)).length)
      throw new InputError(
        s.file,
        s.where,
        `has more bytes than its shape ${shapeText(s.array.shape)} says; expected an intact .npy array`
      );
}
function truncated(s) {
  return new InputError(
    s.file,
    s.where,
    `ends before the ${shapeText(s.array.shape)} elements its header announces; expected a complete array`
  );
}
function floats(b, itemSize) {
  const count = b.length / itemSize;
  if (b.byteOffset % itemSize === 0)
    return itemSize === 8 ? new Float64Array(b.buffer, b.byteOffset, count) : new Float32Array(b.buffer, b.byteOffset, count);
  const copy = itemSize === 8 ? new Float64Array(count) : new Float32Array(count);
  new Uint8Array(copy.buffer).set(b);
  return copy;
}

// src/io/predictions.ts
var PREDICTION_FORMATS = ".csv, .jsonl/.ndjson, .npz, or a folder with labels.npy and scores.npy/preds.npy";
async function openPredictions(path, opts) {
  const st = await stat2(path).catch((e) => {
    throw new InputError(
      path,
      null,
      `not found or not readable (${errCode(e)}); expected a predictions file (${PREDICTION_FORMATS})`
    );
  });
  if (st.isDirectory()) return openNumpy(path, opts, true);
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case ".csv":
      return openCsv(path, opts);
    case ".jsonl":
    case ".ndjson":
      return openJsonl(path, opts);
    case ".npz":
      return openNumpy(path, opts, false);
    default:
      throw new InputError(
        path,
        null,
        `has an unknown extension ${JSON.stringify(ext)}; expected ${PREDICTION_FORMATS}`
      );
  }
}

export {
  csvRows,
  classIndexOf,
  shapeText,
  unicodeAt,
  getterFor,
  openNpyArrays,
  openPredictions
};
