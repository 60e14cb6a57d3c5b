import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  DEFAULT_BINS
} from "./chunk-L4A26YP5.js";

// src/core/diagnostics/score-counts.ts
import { deflateRawSync, inflateRawSync } from "node:zlib";
function encodeClassCounts(classes) {
  const size = classes.reduce((a, t) => a + 1 + t.length, 0);
  const words = new Uint32Array(size);
  let w = 0;
  for (const t of classes) {
    words[w++] = t.length / 3;
    for (let k = 0, prev = 0; k < t.length; prev = t[k], k += 3) {
      words[w++] = t[k] - prev;
      words[w++] = t[k + 1];
      words[w++] = t[k + 2];
    }
  }
  return deflateRawSync(new Uint8Array(words.buffer)).toString("base64");
}
function decodeClassCounts(data, classes, bins) {
  let bytes;
  try {
    bytes = inflateRawSync(Buffer.from(data, "base64"));
  } catch {
    return "is not base64 of deflated data";
  }
  if (bytes.length % 4 !== 0) return "does not hold whole uint32 values";
  const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const out = [];
  let w = 0;
  for (let c = 0; c < classes; c++) {
    if (w >= words.length) return `ends before class ${c}`;
    const k = words[w++];
    if (w + 3 * k > words.length) return `ends inside class ${c}'s ${k} bins`;
    const t = [];
    for (let i = 0, bin = 0; i < k; i++) {
      const step = words[w++];
      if (i > 0 && step === 0) return `repeats a bin of class ${c}`;
      bin += step;
      if (bin >= bins) return `has bin ${bin} for class ${c}; expected bins below ${bins}`;
      t.push(bin, words[w++], words[w++]);
    }
    out.push(t);
  }
  if (w !== words.length) return `has ${words.length - w} values beyond the ${classes} classes`;
  return out;
}

// src/core/diagnostics/score-grid.ts
var OCTAVE_BINS = 64;
var LOW_OCTAVES = 20;
var MIDDLE = (LOW_OCTAVES - 1) * OCTAVE_BINS;
var SCORE_BINS = 2 * MIDDLE + 1;
var ECE_BINS = 15;
var TUNING_BINS = DEFAULT_BINS;
function scoreBin(s) {
  const high = s > 0.5 | 0;
  let q = (s + high * (1 - 2 * s)) * 2147483648 | 0;
  q += 2048 - q & q - 2048 >> 31;
  const k = Math.clz32(q);
  const lo = (20 - k << 6) + (q << k >>> 25) - 64;
  return lo + high * (2432 - 2 * lo);
}
function eceBin(s) {
  return Math.min(s * 15 | 0, 14);
}
var TUNING_CUTS = Float64Array.from(
  { length: TUNING_BINS + 2 },
  (_, b) => b <= TUNING_BINS ? b / TUNING_BINS : Infinity
);
function tuningCut(s) {
  let b = s * 1e3 | 0;
  b -= s < TUNING_CUTS[b] | 0;
  return b + (s >= TUNING_CUTS[b + 1] | 0);
}
function cellOf(s) {
  return scoreBin(s) + eceBin(s) + tuningCut(s);
}
var grid = null;
function labelGrid() {
  if (grid) return grid;
  const parts = [scoreBin, eceBin, tuningCut];
  const edges = /* @__PURE__ */ new Set([0]);
  for (const f of parts)
    for (let v = f(0) + 1; v <= f(1); v++) {
      const guess = edgeGuess(f, v);
      edges.add(f(guess) >= v && f(nextDouble(guess, -1n)) < v ? guess : firstAtLeast(f, v));
    }
  const cells = cellOf(1) + 1;
  grid = { cells, bin: new Uint16Array(cells), ece: new Uint8Array(cells), slot: new Uint16Array(cells) };
  for (const s of edges) {
    const cell = cellOf(s);
    grid.bin[cell] = scoreBin(s);
    grid.ece[cell] = eceBin(s);
    grid.slot[cell] = tuningCut(s) + 1;
  }
  return grid;
}
function seedLabelGrid(g) {
  const cells = cellOf(1) + 1;
  const ok = g.cells === cells && g.bin instanceof Uint16Array && g.ece instanceof Uint8Array && g.slot instanceof Uint16Array && g.bin.length === cells && g.ece.length === cells && g.slot.length === cells;
  if (ok) grid ??= g;
}
function edgeGuess(f, v) {
  if (f === eceBin) return v / ECE_BINS;
  if (f === tuningCut) return TUNING_CUTS[v];
  const start = (b) => 2 ** (Math.floor(b / OCTAVE_BINS) - LOW_OCTAVES) * (1 + b % OCTAVE_BINS / OCTAVE_BINS);
  return v <= MIDDLE ? start(v) : nextDouble(1 - start(2 * MIDDLE + 1 - v), 1n);
}
var bits = new BigUint64Array(1);
var asDouble = new Float64Array(bits.buffer);
function firstAtLeast(f, v) {
  let lo = 0n;
  asDouble[0] = 1;
  let hi = bits[0];
  while (lo < hi) {
    const mid = lo + hi >> 1n;
    bits[0] = mid;
    if (f(asDouble[0]) >= v) hi = mid;
    else lo = mid + 1n;
  }
  bits[0] = lo;
  return asDouble[0];
}
function nextDouble(x, steps) {
  asDouble[0] = x;
  bits[0] += steps;
  return asDouble[0];
}

export {
  encodeClassCounts,
  decodeClassCounts,
  SCORE_BINS,
  ECE_BINS,
  TUNING_BINS,
  scoreBin,
  eceBin,
  TUNING_CUTS,
  tuningCut,
  labelGrid,
  seedLabelGrid
};
