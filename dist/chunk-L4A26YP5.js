import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/core/metrics/score-histograms.ts
var ExampleScores = class {
  values = [];
  from = 0;
  /** Scores in the current example (0 once it ended). */
  n = 0;
  cls;
  /** Position of each class in the class map `cls` (-1: not scored), rebuilt when the map changes. */
  where = new Int32Array(0);
  whereOf;
  /** Takes an example's scores; returns one more than the largest class index scored. */
  set(values, from, n, cls) {
    this.values = values;
    this.from = from;
    this.n = n;
    this.cls = cls;
    if (!cls) return n;
    if (cls !== this.whereOf || this.where.length === 0) this.index(cls, n);
    return this.where.length;
  }
  index(cls, n) {
    let top = 0;
    for (let j = 0; j < n; j++) if (cls[j] >= top) top = cls[j] + 1;
    this.where = new Int32Array(top).fill(-1);
    for (let j = 0; j < n; j++) this.where[cls[j]] = j;
    this.whereOf = cls;
  }
  /** The score of class c in the current example, or NaN when it has none. */
  of(c) {
    const j = this.cls ? c < this.where.length ? this.where[c] : -1 : c;
    return j >= 0 && j < this.n ? this.values[this.from + j] : NaN;
  }
};
var MAX_COUNTS_BYTES = 2 ** 30;
var DEFAULT_BINS = 1e3;
var ScoreHistograms = class {
  constructor(bins = DEFAULT_BINS) {
    this.bins = bins;
    if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be a positive integer, got ${bins}`);
    this.slots = bins + 2;
    this.cuts = Float64Array.from({ length: bins + 1 }, (_, b) => b / bins);
    this.pos = new Uint32Array(this.cap * this.slots);
    this.all = new Uint32Array(this.cap * this.slots);
  }
  bins;
  /** Slots per class: below 0, the bins, at or above 1. */
  slots;
  /**
   * Positives, and every example (positives + negatives), slot-major: [slot * cap + c]. Most of an
   * example's scores share a few slots, so consecutive classes touch neighbouring counts.
   */
  pos;
  all;
  /** Classes the arrays have room for. */
  cap = 16;
  /** Classes seen (the largest class index scored, plus one). */
  classes = 0;
  /** Examples ended (with at least one score). */
  examples = 0;
  /** The cuts b / bins, b = 0..bins, as the comparisons of binOf use them. */
  cuts;
  /** The current example's scores. */
  example = new ExampleScores();
  /**
   * Counted at once among all examples; end() counts the true classes' slots among the positives
   * too (negatives = all - positives), so a score costs O(1) and an example O(its true classes).
   * This runs once per score of every example (`npm run bench -- speed`).
   */
  scores(values, from, n, cls) {
    const top = this.example.set(values, from, n, cls);
    if (n === 0) return;
    if (top > this.classes) this.reserve(top);
    const { all, cap } = this;
    for (let j = 0; j < n; j++) {
      const c = cls ? cls[j] | 0 : j;
      all[this.slotOf(values[from + j]) * cap + c]++;
    }
  }
  /** binOf(v, bins), with the cuts precomputed. */
  slotOf(v) {
    if (v < 0) return 0;
    if (v >= 1) return this.bins + 1;
    let b = Math.floor(v * this.bins);
    if (v < this.cuts[b]) b--;
    else if (b + 1 < this.bins && v >= this.cuts[b + 1]) b++;
    return b + 1;
  }
  end(truth, from, to) {
    if (this.example.n === 0) return;
    for (let i = from; i < to; i++) {
      const t = truth[i];
      const v = this.example.of(t);
      if (v === v) this.pos[this.slotOf(v) * this.cap + t]++;
    }
    this.example.n = 0;
    this.examples++;
  }
  /** Everything counted so far, as plain data (a worker thread sends it; see add). */
  counts() {
    return {
      bins: this.bins,
      cap: this.cap,
      classes: this.classes,
      pos: this.pos,
      all: this.all,
      examples: this.examples
    };
  }
  /** Adds what histograms of the same bins over the same class indices counted (another thread's). */
  add(other) {
    if (other.bins !== this.bins) throw new Error(`cannot add histograms of ${other.bins} bins to ${this.bins}`);
    if (other.classes > this.classes) this.reserve(other.classes);
    const { pos, all, cap } = this;
    for (let slot = 0; slot < this.slots; slot++)
      for (let c = 0, at = slot * cap, from = slot * other.cap; c < other.classes; c++, at++, from++) {
        pos[at] += other.pos[from];
        all[at] += other.all[from];
      }
    this.examples += other.examples;
  }
  /** Room for classes 0..classes-1; a UsageError past MAX_COUNTS_BYTES (267,899 classes at 1,000 bins). */
  reserve(classes) {
    const most = Math.floor(MAX_COUNTS_BYTES / (4 * this.slots));
    if (classes > most)
      throw new UsageError(
        `${classes.toLocaleString("en")} classes are more than the threshold histograms hold (${most.toLocaleString("en")}: ${this.slots.toLocaleString("en")} 32-bit counts a class, ${MAX_COUNTS_BYTES / 2 ** 30} GiB a table)`
      );
    this.classes = classes;
    if (classes <= this.cap) return;
    const cap = Math.min(most, Math.max(classes, this.cap * 2));
    const restride = (a) => {
      const b = new Uint32Array(cap * this.slots);
      for (let slot = 0; slot < this.slots; slot++)
        b.set(a.subarray(slot * this.cap, (slot + 1) * this.cap), slot * cap);
      return b;
    };
    this.pos = restride(this.pos);
    this.all = restride(this.all);
    this.cap = cap;
  }
  /** Positives of class c (every slot, scores below 0 included). */
  positives(c) {
    if (c >= this.classes) return 0;
    let n = 0;
    for (let slot = 0; slot < this.slots; slot++) n += this.pos[slot * this.cap + c];
    return n;
  }
  /** Examples of class c (positives, or negatives) whose score is >= b / bins, for b = 0..bins: entry b. */
  atOrAbove(c, positives) {
    const out = new Float64Array(this.bins + 1);
    if (c >= this.classes) return out;
    const at = (slot) => {
      const p = this.pos[slot * this.cap + c];
      return positives ? p : this.all[slot * this.cap + c] - p;
    };
    let sum = at(this.slots - 1);
    for (let b = this.bins; b >= 0; b--) {
      out[b] = sum;
      if (b > 0) sum += at(b);
    }
    return out;
  }
  /** The threshold of cut b: b / bins. */
  threshold(b) {
    return b / this.bins;
  }
};

export {
  ExampleScores,
  MAX_COUNTS_BYTES,
  DEFAULT_BINS,
  ScoreHistograms
};
