import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  helperNice
} from "./chunk-3PH7HBNS.js";
import {
  InputError
} from "./chunk-R7VUTDUK.js";

// src/io/source.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { crc32, createGunzip } from "node:zlib";
import { isUtf8 } from "node:buffer";
import { Worker } from "node:worker_threads";
var CHUNK_BYTES = 4 << 20;
var READ_BYTES = 1 << 20;
var ByteHasher = class {
  hash = createHash("sha256");
  bytes = 0;
  update(chunk) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }
  digestHex() {
    return this.hash.digest("hex");
  }
};
function kindOf(st) {
  if (st.isFIFO()) return "a pipe";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a regular file";
}
async function checkFile(path, what = "file") {
  const st = await statOf(path, what);
  if (!st.isFile())
    throw new InputError(path, null, `expected a ${what}, found ${kindOf(st)}; write it to a file first`);
  if (st.size === 0)
    throw new InputError(path, null, `${what} is empty (0 bytes); expected data (was it written completely?)`);
  return st.size;
}
async function statOf(path, what) {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, null, `expected a ${what}, found a directory`);
    return st;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, null, `${what} not found or not readable (${errCode(e)})`);
  }
}
async function readSmallFile(path, what, maxBytes) {
  const st = await statOf(path, what);
  if (st.isFile() && st.size > maxBytes) throw tooLarge(path, what, maxBytes);
  const parts = [];
  let total = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(path, what, maxBytes);
      parts.push(chunk);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, null, `${what} could not be read (${errCode(e)})`);
  }
  if (total === 0)
    throw new InputError(path, null, `${what} is empty (0 bytes); expected data (was it written completely?)`);
  return Buffer.concat(parts, total);
}
function tooLarge(path, what, maxBytes) {
  return new InputError(path, null, `${what} is larger than ${maxBytes / 2 ** 20} MB; expected a small file`);
}
function errCode(e) {
  return e?.code ?? (e instanceof Error ? e.message : String(e));
}
async function* fileChunks(path, hasher) {
  let fh;
  let pending;
  const fail = (e) => e instanceof InputError ? e : new InputError(path, null, `could not be read (${errCode(e)})`);
  try {
    fh = await open(path, "r");
    const size = (await fh.stat()).size;
    const cap = Math.max(1 << 16, Math.min(READ_BYTES, size + 1));
    const bufs = [Buffer.allocUnsafeSlow(cap), Buffer.allocUnsafeSlow(cap)];
    const readInto = (buf) => fh.read(buf, 0, buf.length, null);
    let turn = 0;
    pending = readInto(bufs[turn]);
    for (; ; ) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const chunk = bufs[turn].subarray(0, bytesRead);
      turn ^= 1;
      pending = readInto(bufs[turn]);
      hasher?.update(chunk);
      yield chunk;
    }
  } catch (e) {
    throw fail(e);
  } finally {
    await pending?.catch(() => {
    });
    await fh?.close();
  }
}
async function* textChunks(path, hasher, format = "text", opts = {}) {
  const open2 = (h) => opts.gzip ? gunzipChunks(path, h) : fileChunks(path, h);
  let first = true;
  let tail = null;
  let offset = 0;
  for await (const chunk of open2(hasher)) {
    if (first && chunk.length > 0) {
      first = false;
      checkNotBinary(path, chunk, format);
    }
    const buf = tail ? Buffer.concat([tail, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    if (!isUtf8(buf.subarray(0, cut))) throw await invalidUtf8(path, open2, buf.subarray(0, cut), offset, format);
    tail = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    offset += cut;
    yield chunk;
  }
  if (tail) throw await invalidUtf8(path, open2, tail, offset, format);
}
async function* gunzipChunks(path, hasher) {
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (hasher) raw.on("data", (b) => hasher.update(b));
  const inflated = raw.pipe(createGunzip({ chunkSize: 1 << 16 }));
  raw.on("error", (e) => inflated.destroy(e));
  try {
    for await (const chunk of inflated) yield chunk;
  } catch (e) {
    const code = errCode(e);
    throw new InputError(
      path,
      null,
      /^Z_|incorrect header/.test(code) || /header|unexpected end/i.test(String(e.message)) ? `is not a complete gzip file (${code}); expected a .gz written by gzip` : `could not be read (${code})`
    );
  } finally {
    raw.destroy();
    inflated.destroy();
  }
}
var MAGIC = [
  [[31, 139], "gzip-compressed; decompress it first"],
  [[80, 75, 3, 4], "a zip archive; extract it first"],
  [[40, 181, 47, 253], "zstd-compressed; decompress it first"],
  [[66, 90, 104], "bzip2-compressed; decompress it first"],
  [[147, 78, 85, 77, 80, 89], "a NumPy .npy array; name it .npy inside a folder, or use .npz"],
  [[80, 65, 82, 49], "a Parquet file; export it with to_csv"],
  [[255, 254], "UTF-16 text; re-save it as UTF-8"],
  [[254, 255], "UTF-16 text; re-save it as UTF-8"]
];
function checkNotBinary(path, head, format) {
  for (const [magic, what] of MAGIC)
    if (head.length >= magic.length && magic.every((b, i) => head[i] === b))
      throw new InputError(path, null, `is ${what}; expected a ${format} file`);
  const nul = head.subarray(0, 4096).indexOf(0);
  if (nul >= 0)
    throw new InputError(path, lineOf(head, nul), `holds a NUL byte: a binary file? expected a ${format} file`);
}
function completeUtf8Length(buf) {
  const n = buf.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = buf[n - k];
    if (b < 128) return n;
    if (b >= 192) {
      const need = b >= 240 ? 4 : b >= 224 ? 3 : 2;
      return need > k ? n - k : n;
    }
  }
  return n;
}
async function invalidUtf8(path, open2, buf, offset, format) {
  const at = offset + Math.max(0, firstInvalidUtf8(buf));
  let lines = 1;
  let seen = 0;
  if (at > 0)
    for await (const chunk of open2()) {
      const part = chunk.subarray(0, Math.max(0, at - seen));
      for (let i = part.indexOf(10); i >= 0; i = part.indexOf(10, i + 1)) lines++;
      seen += chunk.length;
      if (seen >= at) break;
    }
  return new InputError(
    path,
    `line ${lines}`,
    `holds bytes that are not valid UTF-8 (at byte ${at}); expected a UTF-8 ${format} file (re-save it as UTF-8)`
  );
}
function firstInvalidUtf8(buf) {
  const n = buf.length;
  const cont = (j, lo = 128, hi = 191) => j < n && buf[j] >= lo && buf[j] <= hi;
  for (let i = 0; i < n; ) {
    const b = buf[i];
    if (b < 128) i++;
    else if (b >= 194 && b <= 223 && cont(i + 1)) i += 2;
    else if (b >= 224 && b <= 239 && cont(i + 1, b === 224 ? 160 : 128, b === 237 ? 159 : 191) && cont(i + 2))
      i += 3;
    else if (b >= 240 && b <= 244 && cont(i + 1, b === 240 ? 144 : 128, b === 244 ? 143 : 191) && cont(i + 2) && cont(i + 3))
      i += 4;
    else return i;
  }
  return -1;
}
function decodeText(path, buf, format) {
  if (buf.length > 0) checkNotBinary(path, buf, format);
  if (!isUtf8(buf)) {
    const at = Math.max(0, firstInvalidUtf8(buf));
    throw new InputError(
      path,
      lineOf(buf, at),
      `holds bytes that are not valid UTF-8 (at byte ${at}); expected a UTF-8 ${format} file (re-save it as UTF-8)`
    );
  }
  const text = buf.toString("utf8");
  return text.charCodeAt(0) === 65279 ? text.slice(1) : text;
}
function lineOf(buf, pos) {
  let lines = 1;
  for (let i = buf.indexOf(10); i >= 0 && i < pos; i = buf.indexOf(10, i + 1)) lines++;
  return `line ${lines}`;
}
var Digest = class {
  constructor(path) {
    this.path = path;
  }
  path;
  hasher = new ByteHasher();
  sha256;
  finish() {
    this.sha256 ??= this.hasher.digestHex();
  }
  fingerprint() {
    if (this.sha256 === void 0)
      throw new Error(`fingerprint of ${this.path} requested before the last batch was read`);
    return { path: this.path, sha256: this.sha256, bytes: this.hasher.bytes };
  }
};
var WORKER_HASH_BYTES = 32 << 20;
function rangeCrcs(ranges) {
  const crcs = ranges.map(() => 0);
  return {
    crcs,
    update(chunk, at) {
      ranges.forEach((r, i) => {
        const a = Math.max(r.start, at);
        const b = Math.min(r.start + r.length, at + chunk.length);
        if (a < b) crcs[i] = crc32(chunk.subarray(a - at, b - at), crcs[i]);
      });
    }
  };
}
var HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
const { openSync, readSync, closeSync } = require('node:fs');
// Below the reader's priority (helper-priority.ts: workerData.nice is helperNice()'s).
if (workerData.nice !== null) try { require('node:os').setPriority(0, workerData.nice); } catch {}
let fd = -1;
try {
  fd = openSync(workerData.path, 'r');
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(workerData.chunk);
  const ranges = workerData.ranges;
  const crcs = ranges.map(() => 0);
  let bytes = 0;
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; bytes += n) {
    const chunk = buf.subarray(0, n);
    hash.update(chunk);
    // rangeCrcs's update.
    for (let i = 0; i < ranges.length; i++) {
      const a = Math.max(ranges[i].start, bytes);
      const b = Math.min(ranges[i].start + ranges[i].length, bytes + n);
      if (a < b) crcs[i] = crc32(chunk.subarray(a - bytes, b - bytes), crcs[i]);
    }
  }
  parentPort.postMessage({ sha256: hash.digest('hex'), bytes, crcs });
} catch (e) {
  parentPort.postMessage({ error: (e && e.code) || String(e) });
} finally {
  if (fd >= 0) closeSync(fd);
}
`;
function hashInWorker(path, ranges = []) {
  const worker = new Worker(HASH_WORKER, {
    eval: true,
    workerData: { path, chunk: READ_BYTES, nice: helperNice(), ranges }
  });
  const result = new Promise((resolve, reject) => {
    worker.once(
      "message",
      (m) => m.error !== void 0 ? reject(new InputError(path, null, `could not be read (${m.error})`)) : resolve({ fingerprint: { path, sha256: m.sha256, bytes: m.bytes }, crcs: m.crcs })
    );
    worker.once("error", (e) => reject(new InputError(path, null, `could not be hashed (${errCode(e)})`)));
  });
  result.catch(() => {
  });
  return {
    fingerprint: async () => (await result).fingerprint,
    crcs: async () => (await result).crcs,
    stop: () => void worker.terminate()
  };
}
function hashLargeInWorker(path, size) {
  return size >= WORKER_HASH_BYTES ? hashInWorker(path) : null;
}
function hashInBackground(path, size, ranges = []) {
  if (size >= WORKER_HASH_BYTES) return hashInWorker(path, ranges);
  const digest = new Digest(path);
  const crc = rangeCrcs(ranges);
  let stopped = false;
  const hashing = (async () => {
    let at = 0;
    for await (const chunk of fileChunks(path, digest.hasher)) {
      if (stopped) return;
      crc.update(chunk, at);
      at += chunk.length;
    }
    digest.finish();
  })();
  hashing.catch(() => {
  });
  return {
    fingerprint: async () => (await hashing, digest.fingerprint()),
    crcs: async () => (await hashing, crc.crcs),
    stop: () => void (stopped = true)
  };
}

export {
  CHUNK_BYTES,
  ByteHasher,
  checkFile,
  readSmallFile,
  errCode,
  textChunks,
  decodeText,
  Digest,
  hashLargeInWorker,
  hashInBackground
};
