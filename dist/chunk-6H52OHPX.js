import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  chiSquareSf,
  orderSplits,
  quoteName
} from "./chunk-TTVUQ5IT.js";

// src/core/report/deflated-data.ts
var DeflatedData = class {
  constructor(pieces) {
    this.pieces = pieces;
  }
  pieces;
  /** The bytes, joined (one copy). */
  bytes() {
    return Buffer.concat(this.pieces);
  }
  /**
   * The bytes' base64 in slices of at most about `chars` characters: each slice but the last
   * encodes a multiple of 3 bytes, so the slices joined are the base64 of the whole.
   */
  *base64(chars) {
    const step = Math.max(3, Math.floor(chars / 4) * 3);
    let carry = Buffer.alloc(0);
    for (const piece of this.pieces) {
      let bytes = carry.length > 0 ? Buffer.concat([carry, piece]) : Buffer.from(piece.buffer, piece.byteOffset, piece.length);
      while (bytes.length >= step) {
        yield bytes.subarray(0, step).toString("base64");
        bytes = bytes.subarray(step);
      }
      const whole = bytes.length - bytes.length % 3;
      if (whole > 0) yield bytes.subarray(0, whole).toString("base64");
      carry = Buffer.from(bytes.subarray(whole));
    }
    if (carry.length > 0) yield carry.toString("base64");
  }
  /** JSON.stringify writes the base64 whole (a report written otherwise than by report-file.ts). */
  toJSON() {
    return [...this.base64(1 << 20)].join("");
  }
};

// src/core/report/example-store.ts
import { constants, deflateRawSync, inflateRawSync } from "node:zlib";
var BYTES = { u8: 1, u16: 2, u32: 4 };
function widthFor(numClasses) {
  return numClasses <= 256 ? "u8" : numClasses <= 65536 ? "u16" : "u32";
}
var CHUNK_BYTES = 1 << 17;
var DEFLATE = { level: 1, strategy: constants.Z_RLE, finishFlush: constants.Z_SYNC_FLUSH };
var INFLATE = { finishFlush: constants.Z_SYNC_FLUSH, chunkSize: CHUNK_BYTES + 1024 };
var FINAL_BLOCK = Buffer.from([3, 0]);
var PIECE_EXAMPLES = 1 << 14;
var Section = class _Section {
  constructor(width) {
    this.width = width;
  }
  width;
  chunks = [];
  raw = new Uint8Array(1024);
  view = new DataView(this.raw.buffer);
  rawLength = 0;
  count = 0;
  get length() {
    return this.count;
  }
  /** Appends values[from..to) + add; every sum must fit the width. */
  append(values, from, to, add = 0) {
    const b = BYTES[this.width];
    for (let i2 = from; i2 < to; ) {
      if (this.rawLength === CHUNK_BYTES) this.seal();
      const m = Math.min((CHUNK_BYTES - this.rawLength) / b, to - i2);
      this.reserve(this.rawLength + m * b);
      const end = i2 + m;
      let p = this.rawLength;
      if (this.width === "u8") {
        const raw = this.raw;
        for (; i2 < end; i2++) raw[p++] = values[i2] + add;
      } else if (this.width === "u16") {
        const v = this.view;
        for (; i2 < end; i2++, p += 2) v.setUint16(p, values[i2] + add, true);
      } else {
        const v = this.view;
        for (; i2 < end; i2++, p += 4) v.setUint32(p, values[i2] + add, true);
      }
      this.rawLength = p;
      this.count += m;
    }
  }
  reserve(bytes) {
    if (bytes <= this.raw.length) return;
    let cap = this.raw.length;
    while (cap < bytes) cap *= 2;
    const next = new Uint8Array(Math.min(cap, CHUNK_BYTES));
    next.set(this.raw.subarray(0, this.rawLength));
    this.raw = next;
    this.view = new DataView(next.buffer);
  }
  seal() {
    this.chunks.push(deflateRawSync(this.raw.subarray(0, this.rawLength), DEFLATE));
    this.rawLength = 0;
  }
  /** The deflated section: non-final blocks ending on a byte boundary. */
  deflated() {
    if (this.rawLength === 0) return this.chunks;
    return [...this.chunks, deflateRawSync(this.raw.subarray(0, this.rawLength), DEFLATE)];
  }
  /** Reads the values back in order; the section must not grow meanwhile. */
  reader() {
    return new SectionReader(this.chunks, this.raw.subarray(0, this.rawLength), this.width);
  }
  /** A copy at another width (every value must fit it). */
  widened(width) {
    const out = new _Section(width);
    const rd = this.reader();
    for (let left = this.count; left > 0; ) {
      const m = Math.min(left, CHUNK_BYTES);
      out.append(rd.take(m), 0, m);
      left -= m;
    }
    return out;
  }
};
var SectionReader = class {
  constructor(chunks, tail, width) {
    this.chunks = chunks;
    this.tail = tail;
    this.width = width;
  }
  chunks;
  tail;
  width;
  next = 0;
  bytes = new Uint8Array(0);
  view = new DataView(this.bytes.buffer);
  pos = 0;
  /** The next `count` values, in `into` when it is long enough, else in a new array. */
  take(count, into) {
    const out = into && into.length >= count ? into.subarray(0, count) : new Uint32Array(count);
    const b = BYTES[this.width];
    for (let i2 = 0; i2 < count; ) {
      if (this.pos === this.bytes.length) this.load();
      const end = i2 + Math.min(count - i2, (this.bytes.length - this.pos) / b);
      let p = this.pos;
      if (this.width === "u8") {
        const bytes = this.bytes;
        for (; i2 < end; i2++) out[i2] = bytes[p++];
      } else if (this.width === "u16") {
        const v = this.view;
        for (; i2 < end; i2++, p += 2) out[i2] = v.getUint16(p, true);
      } else {
        const v = this.view;
        for (; i2 < end; i2++, p += 4) out[i2] = v.getUint32(p, true);
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
  load() {
    if (this.next < this.chunks.length) this.bytes = inflateRawSync(this.chunks[this.next], INFLATE);
    else if (this.next === this.chunks.length) this.bytes = this.tail;
    else throw new Error("example store: read past the end of a section");
    this.next++;
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    this.pos = 0;
  }
};
function maxOf(values, from, to) {
  let m = 0;
  for (let i2 = from; i2 < to; i2++) if (values[i2] > m) m = values[i2];
  return m;
}
var wider = (a, b) => BYTES[a] >= BYTES[b] ? a : b;
var ExampleStore = class {
  constructor(task, numClasses = 0) {
    this.task = task;
    const w = widthFor(numClasses);
    this.sections = task === "multiclass" ? [new Section(w), new Section(w)] : [new Section("u32"), new Section(w), new Section("u32"), new Section(w)];
    if (task === "multilabel") {
      this.sections[0].append([0], 0, 1);
      this.sections[2].append([0], 0, 1);
    }
  }
  task;
  /** multiclass: [truth, pred]; multi-label: [truth offsets, truth indices, pred offsets, pred indices]. */
  sections;
  n = 0;
  get examples() {
    return this.n;
  }
  /** The width of a class index. */
  get width() {
    return this.sections[1].width;
  }
  /** Multi-label: true labels of all examples together (multiclass: one each). */
  get trueLabels() {
    return this.task === "multiclass" ? this.n : this.sections[1].length;
  }
  get predLabels() {
    return this.task === "multiclass" ? this.n : this.sections[3].length;
  }
  /** Appends a batch (its arrays may be longer than its n; multi-label offsets may start above 0). */
  append(ex) {
    if (ex.task !== this.task) throw new Error(`a ${this.task} example store cannot take ${ex.task} examples`);
    const n = ex.n;
    if (n === 0) return;
    const s = this.sections;
    if (ex.task === "multiclass") {
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
  appendStore(other) {
    if (other === this) return this.append(this.toExamples());
    for (const piece of other.pieces()) this.append(piece);
  }
  widen(maxIndex) {
    const w = wider(this.width, widthFor(maxIndex + 1));
    if (w === this.width) return;
    for (const k of this.task === "multiclass" ? [0, 1] : [1, 3]) this.sections[k] = this.sections[k].widened(w);
  }
  /**
   * The examples in order, a bounded number at a time; multi-label offsets of each piece start at
   * 0. A piece's arrays are reused for the next piece: use it before asking for the next.
   */
  *pieces() {
    const n = this.n;
    const rd = this.sections.map((s) => s.reader());
    const bufs = this.sections.map(() => new Uint32Array(0));
    const take = (k, count) => {
      if (bufs[k].length < count) bufs[k] = new Uint32Array(Math.max(count, 2 * bufs[k].length));
      return rd[k].take(count, bufs[k]);
    };
    if (this.task === "multiclass") {
      for (let done = 0; done < n; ) {
        const m = Math.min(PIECE_EXAMPLES, n - done);
        yield { task: "multiclass", n: m, truth: take(0, m), pred: take(1, m) };
        done += m;
      }
      return;
    }
    const truthOffsets = new Uint32Array(PIECE_EXAMPLES + 1);
    const predOffsets = new Uint32Array(PIECE_EXAMPLES + 1);
    let truthAt = rd[0].take(1)[0];
    let predAt = rd[2].take(1)[0];
    const relative = (ends, start, out) => {
      for (let i2 = 0; i2 < ends.length; i2++) out[i2 + 1] = ends[i2] - start;
      return out.subarray(0, ends.length + 1);
    };
    for (let done = 0; done < n; ) {
      const m = Math.min(PIECE_EXAMPLES, n - done);
      const to = relative(take(0, m), truthAt, truthOffsets);
      const po = relative(take(2, m), predAt, predOffsets);
      truthAt += to[m];
      predAt += po[m];
      yield {
        task: "multilabel",
        n: m,
        truthOffsets: to,
        truthIndices: take(1, to[m]),
        predOffsets: po,
        predIndices: take(3, po[m])
      };
      done += m;
    }
  }
  /** All examples as arrays (merging shards, tests): memory O(examples). */
  toExamples() {
    const all = this.sections.map((s) => s.reader().take(s.length));
    return this.task === "multiclass" ? { task: "multiclass", n: this.n, truth: all[0], pred: all[1] } : {
      task: "multilabel",
      n: this.n,
      truthOffsets: all[0],
      truthIndices: all[1],
      predOffsets: all[2],
      predIndices: all[3]
    };
  }
  /** The report's encoding (./examples.ts). */
  encode() {
    const data = new DeflatedData([...this.sections.flatMap((s) => s.deflated()), FINAL_BLOCK]);
    return {
      width: this.width,
      layout: this.task === "multiclass" ? "multiclass" : "multilabel-csr",
      n: this.n,
      data
    };
  }
};

// node_modules/fflate/esm/index.mjs
import { createRequire } from "module";
var require2 = createRequire("/");
var _a;
var Worker;
var isMarkedAsUntransferable;
try {
  _a = require2("worker_threads"), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable;
} catch (e) {
}
var u8 = Uint8Array;
var u16 = Uint16Array;
var i32 = Int32Array;
var fleb = new u8([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
  /* unused */
  0,
  0,
  /* impossible */
  0
]);
var fdeb = new u8([
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
  /* unused */
  0,
  0
]);
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
var freb = function(eb, start) {
  var b = new u16(31);
  for (var i2 = 0; i2 < 31; ++i2) {
    b[i2] = start += 1 << eb[i2 - 1];
  }
  var r = new i32(b[30]);
  for (var i2 = 1; i2 < 30; ++i2) {
    for (var j = b[i2]; j < b[i2 + 1]; ++j) {
      r[j] = j - b[i2] << 5 | i2;
    }
  }
  return { b, r };
};
var _a = freb(fleb, 2);
var fl = _a.b;
var revfl = _a.r;
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0);
var fd = _b.b;
var revfd = _b.r;
var rev = new u16(32768);
for (i = 0; i < 32768; ++i) {
  x = (i & 43690) >> 1 | (i & 21845) << 1;
  x = (x & 52428) >> 2 | (x & 13107) << 2;
  x = (x & 61680) >> 4 | (x & 3855) << 4;
  rev[i] = ((x & 65280) >> 8 | (x & 255) << 8) >> 1;
}
var x;
var i;
var hMap = (function(cd, mb, r) {
  var s = cd.length;
  var i2 = 0;
  var l = new u16(mb);
  for (; i2 < s; ++i2) {
    if (cd[i2])
      ++l[cd[i2] - 1];
  }
  var le = new u16(mb);
  for (i2 = 1; i2 < mb; ++i2) {
    le[i2] = le[i2 - 1] + l[i2 - 1] << 1;
  }
  var co;
  if (r) {
    co = new u16(1 << mb);
    var rvb = 15 - mb;
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        var sv = i2 << 4 | cd[i2];
        var r_1 = mb - cd[i2];
        var v = le[cd[i2] - 1]++ << r_1;
        for (var m = v | (1 << r_1) - 1; v <= m; ++v) {
          co[rev[v] >> rvb] = sv;
        }
      }
    }
  } else {
    co = new u16(s);
    for (i2 = 0; i2 < s; ++i2) {
      if (cd[i2]) {
        co[i2] = rev[le[cd[i2] - 1]++] >> 15 - cd[i2];
      }
    }
  }
  return co;
});
var flt = new u8(288);
for (i = 0; i < 144; ++i)
  flt[i] = 8;
var i;
for (i = 144; i < 256; ++i)
  flt[i] = 9;
var i;
for (i = 256; i < 280; ++i)
  flt[i] = 7;
var i;
for (i = 280; i < 288; ++i)
  flt[i] = 8;
var i;
var fdt = new u8(32);
for (i = 0; i < 32; ++i)
  fdt[i] = 5;
var i;
var flrm = /* @__PURE__ */ hMap(flt, 9, 1);
var fdrm = /* @__PURE__ */ hMap(fdt, 5, 1);
var max = function(a) {
  var m = a[0];
  for (var i2 = 1; i2 < a.length; ++i2) {
    if (a[i2] > m)
      m = a[i2];
  }
  return m;
};
var bits = function(d, p, m) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8) >> (p & 7) & m;
};
var bits16 = function(d, p) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8 | d[o + 2] << 16) >> (p & 7);
};
var shft = function(p) {
  return (p + 7) / 8 | 0;
};
var slc = function(v, s, e) {
  if (s == null || s < 0)
    s = 0;
  if (e == null || e > v.length)
    e = v.length;
  return new u8(v.subarray(s, e));
};
var ec = [
  "unexpected EOF",
  "invalid block type",
  "invalid length/literal",
  "invalid distance",
  "stream finished",
  "no stream handler",
  ,
  // determined by compression function
  "no callback",
  "invalid UTF-8 data",
  "extra field too long",
  "date not in range 1980-2099",
  "filename too long",
  "stream finishing",
  "invalid zip data"
  // determined by unknown compression method
];
var err = function(ind, msg, nt) {
  var e = new Error(msg || ec[ind]);
  e.code = ind;
  if (Error.captureStackTrace)
    Error.captureStackTrace(e, err);
  if (!nt)
    throw e;
  return e;
};
var inflt = function(dat, st, buf, dict) {
  var sl = dat.length, dl = dict ? dict.length : 0;
  if (!sl || st.f && !st.l)
    return buf || new u8(0);
  var noBuf = !buf;
  var resize = noBuf || st.i != 2;
  var noSt = st.i;
  if (noBuf)
    buf = new u8(sl * 3);
  var cbuf = function(l2) {
    var bl = buf.length;
    if (l2 > bl) {
      var nbuf = new u8(Math.max(bl * 2, l2));
      nbuf.set(buf);
      buf = nbuf;
    }
  };
  var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
  var tbts = sl * 8;
  do {
    if (!lm) {
      final = bits(dat, pos, 1);
      var type = bits(dat, pos + 1, 3);
      pos += 3;
      if (!type) {
        var s = shft(pos) + 4, l = dat[s - 4] | dat[s - 3] << 8, t = s + l;
        if (t > sl) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + l);
        buf.set(dat.subarray(s, t), bt);
        st.b = bt += l, st.p = pos = t * 8, st.f = final;
        continue;
      } else if (type == 1)
        lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
      else if (type == 2) {
        var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
        var tl = hLit + bits(dat, pos + 5, 31) + 1;
        pos += 14;
        var ldt = new u8(tl);
        var clt = new u8(19);
        for (var i2 = 0; i2 < hcLen; ++i2) {
          clt[clim[i2]] = bits(dat, pos + i2 * 3, 7);
        }
        pos += hcLen * 3;
        var clb = max(clt), clbmsk = (1 << clb) - 1;
        var clm = hMap(clt, clb, 1);
        for (var i2 = 0; i2 < tl; ) {
          var r = clm[bits(dat, pos, clbmsk)];
          pos += r & 15;
          var s = r >> 4;
          if (s < 16) {
            ldt[i2++] = s;
          } else {
            var c = 0, n = 0;
            if (s == 16)
              n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i2 - 1];
            else if (s == 17)
              n = 3 + bits(dat, pos, 7), pos += 3;
            else if (s == 18)
              n = 11 + bits(dat, pos, 127), pos += 7;
            while (n--)
              ldt[i2++] = c;
          }
        }
        var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
        lbt = max(lt);
        dbt = max(dt);
        lm = hMap(lt, lbt, 1);
        dm = hMap(dt, dbt, 1);
      } else
        err(1);
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
    }
    if (resize)
      cbuf(bt + 131072);
    var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
    var lpos = pos;
    for (; ; lpos = pos) {
      var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
      pos += c & 15;
      if (pos > tbts) {
        if (noSt)
          err(0);
        break;
      }
      if (!c)
        err(2);
      if (sym < 256)
        buf[bt++] = sym;
      else if (sym == 256) {
        lpos = pos, lm = null;
        break;
      } else {
        var add = sym - 254;
        if (sym > 264) {
          var i2 = sym - 257, b = fleb[i2];
          add = bits(dat, pos, (1 << b) - 1) + fl[i2];
          pos += b;
        }
        var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
        if (!d)
          err(3);
        pos += d & 15;
        var dt = fd[dsym];
        if (dsym > 3) {
          var b = fdeb[dsym];
          dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
        }
        if (pos > tbts) {
          if (noSt)
            err(0);
          break;
        }
        if (resize)
          cbuf(bt + 131072);
        var end = bt + add;
        if (bt < dt) {
          var shift = dl - dt, dend = Math.min(dt, end);
          if (shift + bt < 0)
            err(3);
          for (; bt < dend; ++bt)
            buf[bt] = dict[shift + bt];
        }
        for (; bt < end; ++bt)
          buf[bt] = buf[bt - dt];
      }
    }
    st.l = lm, st.p = lpos, st.b = bt, st.f = final;
    if (lm)
      final = 1, st.m = lbt, st.d = dm, st.n = dbt;
  } while (!final);
  return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
var et = /* @__PURE__ */ new u8(0);
var b2 = function(d, b) {
  return d[b] | d[b + 1] << 8;
};
var b4 = function(d, b) {
  return (d[b] | d[b + 1] << 8 | d[b + 2] << 16 | d[b + 3] << 24) >>> 0;
};
var b8 = function(d, b) {
  return b4(d, b) + b4(d, b + 4) * 4294967296;
};
function inflateSync(data, opts) {
  return inflt(data, { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
var td = typeof TextDecoder != "undefined" && /* @__PURE__ */ new TextDecoder();
var tds = 0;
try {
  td.decode(et, { stream: true });
  tds = 1;
} catch (e) {
}
var dutf8 = function(d) {
  for (var r = "", i2 = 0; ; ) {
    var c = d[i2++];
    var eb = (c > 127) + (c > 223) + (c > 239);
    if (i2 + eb > d.length)
      return { s: r, r: slc(d, i2 - 1) };
    if (!eb)
      r += String.fromCharCode(c);
    else if (eb == 3) {
      c = ((c & 15) << 18 | (d[i2++] & 63) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63) - 65536, r += String.fromCharCode(55296 | c >> 10, 56320 | c & 1023);
    } else if (eb & 1)
      r += String.fromCharCode((c & 31) << 6 | d[i2++] & 63);
    else
      r += String.fromCharCode((c & 15) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63);
  }
};
function strFromU8(dat, latin1) {
  if (latin1) {
    var r = "";
    for (var i2 = 0; i2 < dat.length; i2 += 16384)
      r += String.fromCharCode.apply(null, dat.subarray(i2, i2 + 16384));
    return r;
  } else if (td) {
    return td.decode(dat);
  } else {
    var _a2 = dutf8(dat), s = _a2.s, r = _a2.r;
    if (r.length)
      err(8);
    return s;
  }
}
var slzh = function(d, b) {
  return b + 30 + b2(d, b + 26) + b2(d, b + 28);
};
var zh = function(d, b, z) {
  var fnl = b2(d, b + 28), efl = b2(d, b + 30), fn = strFromU8(d.subarray(b + 46, b + 46 + fnl), !(b2(d, b + 8) & 2048)), es = b + 46 + fnl;
  var _a2 = z64hs(d, es, efl, z, b4(d, b + 20), b4(d, b + 24), b4(d, b + 42)), sc = _a2[0], su = _a2[1], off = _a2[2];
  return [b2(d, b + 10), sc, su, fn, es + efl + b2(d, b + 32), off];
};
var z64hs = function(d, b, l, z, sc, su, off) {
  var nsc = sc == 4294967295, nsu = su == 4294967295, noff = off == 4294967295, e = b + l;
  var nf = nsc + nsu + noff;
  if (z && nf) {
    for (; b + 4 < e; b += 4 + b2(d, b + 2)) {
      if (b2(d, b) == 1) {
        return [
          nsc ? b8(d, b + 4 + 8 * nsu) : sc,
          nsu ? b8(d, b + 4) : su,
          noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : off,
          1
        ];
      }
    }
    if (z < 2)
      err(13);
  }
  return [sc, su, off, 0];
};
function unzipSync(data, opts) {
  var files = {};
  var e = data.length - 22;
  for (; b4(data, e) != 101010256; --e) {
    if (!e || data.length - e > 65558)
      err(13);
  }
  ;
  var c = b2(data, e + 8);
  if (!c)
    return {};
  var o = b4(data, e + 16);
  var z = b4(data, e - 20) == 117853008;
  if (z) {
    var ze = b4(data, e - 12);
    z = b4(data, ze) == 101075792;
    if (z) {
      c = b4(data, ze + 32);
      o = b4(data, ze + 48);
    }
  }
  var fltr = opts && opts.filter;
  for (var i2 = 0; i2 < c; ++i2) {
    var _a2 = zh(data, o, z), c_2 = _a2[0], sc = _a2[1], su = _a2[2], fn = _a2[3], no = _a2[4], off = _a2[5], b = slzh(data, off);
    o = no;
    if (!fltr || fltr({
      name: fn,
      size: sc,
      originalSize: su,
      compression: c_2
    })) {
      if (!c_2)
        files[fn] = slc(data, b, b + sc);
      else if (c_2 == 8)
        files[fn] = inflateSync(data.subarray(b, b + sc), { out: new u8(su) });
      else
        err(14, "unknown compression type " + c_2);
    }
  }
  return files;
}

// src/core/report/examples.ts
var BYTES2 = { u8: 1, u16: 2, u32: 4 };
var Reader = class {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  bytes;
  pos = 0;
  view;
  take(count, w) {
    const need = count * BYTES2[w];
    if (this.pos + need > this.bytes.length) throw new Error("per-example predictions are truncated");
    const out = new Uint32Array(count);
    const v = this.view;
    let p = this.pos;
    if (w === "u8") for (let i2 = 0; i2 < count; i2++) out[i2] = v.getUint8(p++);
    else if (w === "u16") for (let i2 = 0; i2 < count; i2++, p += 2) out[i2] = v.getUint16(p, true);
    else for (let i2 = 0; i2 < count; i2++, p += 4) out[i2] = v.getUint32(p, true);
    this.pos = p;
    return out;
  }
  get remaining() {
    return this.bytes.length - this.pos;
  }
};
function deflatedBytes(enc) {
  return typeof enc.data === "string" ? Buffer.from(enc.data, "base64") : enc.data.bytes();
}
function decodeExamples(enc, numClasses) {
  let bytes;
  try {
    bytes = inflateSync(deflatedBytes(enc));
  } catch {
    throw new Error("per-example predictions are not valid deflate data");
  }
  const rd = new Reader(bytes);
  const w = enc.width;
  const n = enc.n;
  const checkIndices = (a, what) => {
    for (let i2 = 0; i2 < a.length; i2++)
      if (a[i2] >= numClasses)
        throw new Error(`${what} holds class index ${a[i2]} but the report has ${numClasses} classes`);
  };
  const checkOffsets = (o, what) => {
    if (o[0] !== 0) throw new Error(`${what} offsets must start at 0`);
    for (let i2 = 1; i2 < o.length; i2++) if (o[i2] < o[i2 - 1]) throw new Error(`${what} offsets must not decrease`);
  };
  let out;
  if (enc.layout === "multiclass") {
    const truth = rd.take(n, w);
    const pred = rd.take(n, w);
    checkIndices(truth, "truth");
    checkIndices(pred, "prediction");
    out = { task: "multiclass", n, truth, pred };
  } else {
    const truthOffsets = rd.take(n + 1, "u32");
    checkOffsets(truthOffsets, "truth");
    const truthIndices = rd.take(truthOffsets[n], w);
    const predOffsets = rd.take(n + 1, "u32");
    checkOffsets(predOffsets, "prediction");
    const predIndices = rd.take(predOffsets[n], w);
    checkIndices(truthIndices, "truth");
    checkIndices(predIndices, "prediction");
    out = { task: "multilabel", n, truthOffsets, truthIndices, predOffsets, predIndices };
  }
  if (rd.remaining !== 0) throw new Error("per-example predictions have trailing bytes");
  return out;
}

// src/core/report/sanity.ts
var REPORT_SANITY_CODES = /* @__PURE__ */ new Set([
  "constant-prediction",
  "collapsed",
  "never-predicted",
  "chance-level",
  "below-chance",
  "class-absent",
  "class-shares"
]);
var CONSTANT_FAIL_MIN_WRONG = 5;
var COLLAPSED_TOP_SHARE = 0.9;
var COLLAPSED_OTHERS_RATIO = 0.25;
var MIN_AT_STAKE = 5;
var CHANCE_MIN_EXAMPLES = 30;
var BELOW_CHANCE_Z = 3;
var SHARES_MIN_TV = 0.1;
var SHARES_MAX_P = 1e-3;
var LIST_MAX = 5;
function pct(x2) {
  return `${(100 * x2).toFixed(1)}%`;
}
function namesList(items) {
  const shown = items.slice(0, LIST_MAX).join(", ");
  return items.length > LIST_MAX ? `${shown} and ${items.length - LIST_MAX} more` : shown;
}
function supportOf(s) {
  return s.perClass.support;
}
function correctOf(s) {
  return s.counts?.correct ?? Math.round((s.metrics.accuracy ?? 0) * s.examples);
}
function denseConfusion(s, C) {
  const m = s.confusion;
  if (m?.format === "dense" && m.counts && m.counts.length === C * C) return m.counts;
  return null;
}
function classOrderMapping(s, C) {
  const m = denseConfusion(s, C);
  const n = s.examples;
  if (!m || n === 0) return null;
  const target = /* @__PURE__ */ new Map();
  let onMapped = 0;
  for (let t = 0; t < C; t++) {
    let rowSum = 0;
    let best = -1;
    for (let p = 0; p < C; p++) {
      rowSum += m[t * C + p];
      if (best < 0 || m[t * C + p] > m[t * C + best]) best = p;
    }
    if (rowSum === 0) continue;
    if (2 * m[t * C + best] <= rowSum) return null;
    if ([...target.values()].includes(best)) return null;
    target.set(t, best);
    onMapped += m[t * C + best];
  }
  const moves = [...target].filter(([t, p]) => t !== p);
  const share = onMapped / n;
  if (moves.length < 2 || share < 0.5) return null;
  return { moves, share };
}
function independentAccuracy(s) {
  const n = s.examples;
  let e = 0;
  for (let k = 0; k < s.perClass.support.length; k++) e += s.perClass.support[k] / n * (s.perClass.predicted[k] / n);
  return e;
}
function multiclassFindings(split, s, classes) {
  const out = [];
  const n = s.examples;
  const C = classes.length;
  const support = supportOf(s);
  const predicted = s.perClass.predicted;
  const supported = support.filter((c) => c > 0).length;
  if (n === 0 || supported < 2) return out;
  let top = 0;
  for (let k = 1; k < C; k++) if (predicted[k] > predicted[top]) top = k;
  const othersTruth = n - support[top];
  const othersPred = n - predicted[top];
  const constant = othersPred === 0;
  if (constant) {
    out.push({
      level: othersTruth >= CONSTANT_FAIL_MIN_WRONG ? "fail" : "warn",
      split,
      code: "constant-prediction",
      message: `every prediction is ${quoteName(classes[top])}, though ${othersTruth} of ${n} examples (${pct(othersTruth / n)}) are of other classes`
    });
  } else if (predicted[top] / n >= COLLAPSED_TOP_SHARE && othersTruth >= MIN_AT_STAKE && othersPred < COLLAPSED_OTHERS_RATIO * othersTruth) {
    out.push({
      level: "warn",
      split,
      code: "collapsed",
      message: `${pct(predicted[top] / n)} of predictions are ${quoteName(classes[top])}, the truth for ${pct(support[top] / n)}: the other classes get ${othersPred} predictions for their ${othersTruth} examples`
    });
  }
  if (!constant) {
    const never = [];
    for (let k = 0; k < C; k++)
      if (predicted[k] === 0 && support[k] >= MIN_AT_STAKE) never.push(`${quoteName(classes[k])} (${support[k]} examples)`);
    if (never.length)
      out.push({
        level: "warn",
        split,
        code: "never-predicted",
        message: never.length === 1 ? `class ${never[0]} is never predicted` : `${never.length} classes are never predicted: ${namesList(never)}`
      });
  }
  if (n < CHANCE_MIN_EXAMPLES || constant) return out;
  const acc = correctOf(s) / n;
  const e = independentAccuracy(s);
  if (acc < e - BELOW_CHANCE_Z * Math.sqrt(e * (1 - e) / n)) {
    const mapping = classOrderMapping(s, C);
    out.push({
      level: "fail",
      split,
      code: "below-chance",
      message: `accuracy ${pct(acc)} is far below chance (${pct(e)}, what predictions unrelated to the input score with these class frequencies)` + (mapping ? ": the confusions map the classes one-to-one onto others, likely a class-order mismatch" : "")
    });
    return out;
  }
  const majority = Math.max(...support) / n;
  const chance = Math.max(1 / C, majority);
  if (acc < chance + 2 * Math.sqrt(chance * (1 - chance) / n))
    out.push({
      level: "warn",
      split,
      code: "chance-level",
      message: `accuracy ${pct(acc)} is within noise of chance (${pct(chance)}: ${majority > 1 / C ? `always ${quoteName(classes[support.indexOf(Math.max(...support))])}` : `1/${C}`})`
    });
  return out;
}
function multilabelFindings(split, s, classes) {
  const out = [];
  const n = s.examples;
  const { support, predicted, tp } = s.perClass;
  if (n === 0) return out;
  const always = classes.filter((_, j) => predicted[j] === n);
  if (n >= 2 && predicted.every((q2) => q2 === 0 || q2 === n)) {
    let wrong = 0;
    for (let j = 0; j < classes.length; j++) wrong += predicted[j] === n ? n - support[j] : support[j];
    if (wrong > 0)
      out.push({
        level: wrong >= CONSTANT_FAIL_MIN_WRONG ? "fail" : "warn",
        split,
        code: "constant-prediction",
        message: always.length ? `every example is predicted the same labels: ${namesList(always.map(quoteName))}` : "no label is predicted for any example"
      });
  }
  let p = 0;
  let p2 = 0;
  let q = 0;
  let pq = 0;
  let varTp = 0;
  let truePositives = 0;
  for (let j = 0; j < classes.length; j++) {
    const pj = support[j] / n;
    const qj = predicted[j] / n;
    p += pj;
    p2 += pj * pj;
    q += qj;
    pq += pj * qj;
    varTp += n * pj * qj * (1 - pj * qj);
    truePositives += tp[j];
  }
  if (n < CHANCE_MIN_EXAMPLES || p === 0) return out;
  const baseRate = p2 / p;
  const independent = 2 * pq / (p + q);
  const chance = Math.max(baseRate, independent);
  const f1 = 2 * truePositives / (n * (p + q));
  const noise = 2 * 2 * Math.sqrt(varTp) / (n * (p + q));
  if (f1 < chance + noise)
    out.push({
      level: "warn",
      split,
      code: "chance-level",
      message: `micro-F1 ${pct(f1)} is within noise of chance (${pct(chance)}: ${baseRate >= independent ? "guessing each label at its base rate" : "guessing at the model's own rates, ignoring the input"})`
    });
  return out;
}
function absentClasses(splits, classes) {
  const names = orderSplits(Object.keys(splits));
  const out = [];
  if (names.length < 2) return out;
  for (const name of names) {
    const s = splits[name];
    const others = names.filter((x2) => x2 !== name);
    const nOther = others.reduce((a, x2) => a + splits[x2].examples, 0);
    if (nOther === 0) continue;
    for (let k = 0; k < classes.length; k++) {
      if (supportOf(s)[k] > 0) continue;
      const elsewhere = others.reduce((a, x2) => a + supportOf(splits[x2])[k], 0);
      const expected = elsewhere / nOther * s.examples;
      if (expected < MIN_AT_STAKE) continue;
      out.push({
        level: "warn",
        split: name,
        code: "class-absent",
        message: `class ${quoteName(classes[k])} has no example in ${name}, though it is ${pct(elsewhere / nOther)} of the other splits (${elsewhere} of ${nOther}; about ${Math.round(expected)} expected): ${name} cannot measure it`
      });
    }
  }
  return out;
}
function shareSkew(a, b) {
  const na = a.reduce((x2, y) => x2 + y, 0);
  const nb = b.reduce((x2, y) => x2 + y, 0);
  let tv = 0;
  let stat = 0;
  let cells = 0;
  for (let k = 0; k < a.length; k++) {
    tv += Math.abs(a[k] / na - b[k] / nb) / 2;
    const total = a[k] + b[k];
    if (total === 0) continue;
    cells++;
    const ea = total * na / (na + nb);
    const eb = total * nb / (na + nb);
    stat += (a[k] - ea) ** 2 / ea + (b[k] - eb) ** 2 / eb;
  }
  return { tv, p: cells < 2 ? 1 : chiSquareSf(stat, cells - 1) };
}
function classShares(splits, classes) {
  const names = orderSplits(Object.keys(splits)).filter((x2) => splits[x2].examples > 0);
  let worst = null;
  for (let i2 = 0; i2 < names.length; i2++)
    for (let j = i2 + 1; j < names.length; j++) {
      const r = shareSkew(supportOf(splits[names[i2]]), supportOf(splits[names[j]]));
      if (r.tv >= SHARES_MIN_TV && r.p < SHARES_MAX_P && (!worst || r.tv > worst.tv))
        worst = { a: names[i2], b: names[j], ...r };
    }
  if (!worst) return [];
  const w = worst;
  const share = (x2, k) => supportOf(splits[x2])[k] / splits[x2].examples;
  const order = classes.map((_, k) => k).sort((k, l) => Math.abs(share(w.a, l) - share(w.b, l)) - Math.abs(share(w.a, k) - share(w.b, k))).slice(0, 3);
  const rows = order.map((k) => `${quoteName(classes[k])} ${names.map((x2) => `${pct(share(x2, k))} ${x2}`).join(", ")}`);
  return [
    {
      level: "info",
      code: "class-shares",
      message: `class shares differ between ${w.a} and ${w.b} beyond a random split (total variation ${w.tv.toFixed(2)}, chi-square p ${w.p < 1e-4 ? "< 0.0001" : `= ${w.p.toPrecision(2)}`}): ${rows.join("; ")}`
    }
  ];
}
function reportSanity(task, classes, splits) {
  const out = [];
  for (const name of orderSplits(Object.keys(splits))) {
    const s = splits[name];
    out.push(...task === "multiclass" ? multiclassFindings(name, s, classes) : multilabelFindings(name, s, classes));
  }
  out.push(...absentClasses(splits, classes));
  if (task === "multiclass") out.push(...classShares(splits, classes));
  return out;
}
function withReportSanity(given, task, classes, splits) {
  const kept = given.filter((f) => !REPORT_SANITY_CODES.has(f.code)).map((f) => ({ ...f }));
  const computed = [];
  for (const f of reportSanity(task, classes, splits)) {
    const raw = kept.find((g) => g.code === "constant-output" && g.split === f.split);
    if (raw && f.code === "constant-prediction") raw.message = `${raw.message}: ${f.message}`;
    else computed.push(f);
  }
  return [...kept, ...computed];
}

export {
  DeflatedData,
  widthFor,
  ExampleStore,
  unzipSync,
  decodeExamples,
  denseConfusion,
  classOrderMapping,
  withReportSanity
};
