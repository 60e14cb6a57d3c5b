// Per-class score histograms: for every class, how many examples that truly hold it (positives)
// and how many that do not (negatives) scored in each of a fixed set of bins. Memory is
// O(classes x bins) whatever the number of examples, and every count of "score >= t" for a
// threshold t = b / bins is exact: the bins are cut at exactly those thresholds (see binOf).
// Readers feed it through the ScoreSink interface while they parse a file's scores.

import { UsageError } from '../errors.js';

/** What a reader hands the scores of each example to (ReadOptions.scores). */
export interface ScoreSink {
  /**
   * The scores of one example, all in one call: values[from + j] for class cls[j] (class j
   * without cls). The values must stay as they are until end(), which reads the true classes'
   * scores there; a `cls` array passed again must hold the same classes (the readers pass one per
   * file). One call per example keeps the call overhead out of the per-score loop (`npm run bench -- speed`).
   */
  scores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): void;
  /**
   * Optional: an array to parse the next example's n scores into, to be handed back whole to
   * scores() (values = this array, from = 0), which then takes them without a copy. Undefined: use your own.
   */
  room?(n: number): Float64Array | undefined;
  /** Ends the current example; its true classes are truth[from..to). */
  end(truth: ArrayLike<number>, from: number, to: number): void;
}

/**
 * The current example's scores as a sink was handed them, and where each class's score is: so a
 * sink can count every score as a negative at once and correct only the true classes at end(),
 * without remembering anything per score.
 */
export class ExampleScores {
  private values: ArrayLike<number> = [];
  private from = 0;
  /** Scores in the current example (0 once it ended). */
  n = 0;
  private cls: ArrayLike<number> | undefined;
  /** Position of each class in the class map `cls` (-1: not scored), rebuilt when the map changes. */
  private where = new Int32Array(0);
  private whereOf: ArrayLike<number> | undefined;

  /** Takes an example's scores; returns one more than the largest class index scored. */
  set(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): number {
    this.values = values;
    this.from = from;
    this.n = n;
    this.cls = cls;
    if (!cls) return n;
    if (cls !== this.whereOf || this.where.length === 0) this.index(cls, n);
    return this.where.length;
  }

  private index(cls: ArrayLike<number>, n: number): void {
    let top = 0;
    for (let j = 0; j < n; j++) if (cls[j] >= top) top = cls[j] + 1;
    this.where = new Int32Array(top).fill(-1);
    for (let j = 0; j < n; j++) this.where[cls[j]] = j;
    this.whereOf = cls;
  }

  /** The score of class c in the current example, or NaN when it has none. */
  of(c: number): number {
    const j = this.cls ? (c < this.where.length ? this.where[c] : -1) : c;
    return j >= 0 && j < this.n ? this.values[this.from + j] : NaN;
  }
}

/** What ScoreHistograms counted, as plain data (structured-cloneable). */
export interface HistogramCounts {
  bins: number;
  cap: number;
  classes: number;
  pos: Uint32Array;
  all: Uint32Array;
  examples: number;
}

/**
 * The most bytes one table of per-class score counts may take (the score diagnostics' and these
 * histograms' positives and all): past it a class list is refused by name, not left to fail an
 * allocation (or, in WebAssembly, a memory grow) with a RangeError.
 */
export const MAX_COUNTS_BYTES = 2 ** 30;

/** Thresholds are multiples of 1 / DEFAULT_BINS: 0.001 apart. */
export const DEFAULT_BINS = 1000;

/**
 * Slot of a score for `bins` bins: 0 below 0; b + 1 for b / bins <= v < (b + 1) / bins; bins + 1
 * for v >= 1. So "v >= b / bins" holds exactly for the slots b + 1 and above, for b = 0..bins,
 * with the same double comparison the readers decide with (the estimate is corrected by one when
 * the product rounds across a cut, e.g. 0.57 * 100 = 56.99...).
 */
export function binOf(v: number, bins: number): number {
  if (v < 0) return 0;
  if (v >= 1) return bins + 1;
  let b = Math.floor(v * bins);
  if (b > 0 && v < b / bins) b--;
  else if (b + 1 < bins && v >= (b + 1) / bins) b++;
  return b + 1;
}

export class ScoreHistograms implements ScoreSink {
  /** Slots per class: below 0, the bins, at or above 1. */
  readonly slots: number;
  /**
   * Positives, and every example (positives + negatives), slot-major: [slot * cap + c]. Most of an
   * example's scores share a few slots, so consecutive classes touch neighbouring counts.
   */
  private pos: Uint32Array;
  private all: Uint32Array;
  /** Classes the arrays have room for. */
  private cap = 16;
  /** Classes seen (the largest class index scored, plus one). */
  classes = 0;
  /** Examples ended (with at least one score). */
  examples = 0;
  /** The cuts b / bins, b = 0..bins, as the comparisons of binOf use them. */
  private readonly cuts: Float64Array;
  /** The current example's scores. */
  private readonly example = new ExampleScores();

  constructor(readonly bins: number = DEFAULT_BINS) {
    if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be a positive integer, got ${bins}`);
    this.slots = bins + 2;
    this.cuts = Float64Array.from({ length: bins + 1 }, (_, b) => b / bins);
    this.pos = new Uint32Array(this.cap * this.slots);
    this.all = new Uint32Array(this.cap * this.slots);
  }

  /**
   * Counted at once among all examples; end() counts the true classes' slots among the positives
   * too (negatives = all - positives), so a score costs O(1) and an example O(its true classes).
   * This runs once per score of every example (`npm run bench -- speed`).
   */
  scores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): void {
    const top = this.example.set(values, from, n, cls);
    if (n === 0) return;
    if (top > this.classes) this.reserve(top);
    const { all, cap } = this;
    for (let j = 0; j < n; j++) {
      // | 0: an int32 index (a Uint32Array element may not be one for V8, and is slower).
      const c = cls ? cls[j] | 0 : j;
      all[this.slotOf(values[from + j]) * cap + c]++;
    }
  }

  /** binOf(v, bins), with the cuts precomputed. */
  private slotOf(v: number): number {
    if (v < 0) return 0;
    if (v >= 1) return this.bins + 1;
    let b = Math.floor(v * this.bins);
    if (v < this.cuts[b]) b--;
    else if (b + 1 < this.bins && v >= this.cuts[b + 1]) b++;
    return b + 1;
  }

  end(truth: ArrayLike<number>, from: number, to: number): void {
    if (this.example.n === 0) return;
    for (let i = from; i < to; i++) {
      const t = truth[i];
      const v = this.example.of(t);
      // A true class without a score in this example has no slot to move.
      if (v === v) this.pos[this.slotOf(v) * this.cap + t]++;
    }
    this.example.n = 0;
    this.examples++;
  }

  /** Everything counted so far, as plain data (a worker thread sends it; see add). */
  counts(): HistogramCounts {
    return {
      bins: this.bins,
      cap: this.cap,
      classes: this.classes,
      pos: this.pos,
      all: this.all,
      examples: this.examples,
    };
  }

  /** Adds what histograms of the same bins over the same class indices counted (another thread's). */
  add(other: HistogramCounts): void {
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
  private reserve(classes: number): void {
    const most = Math.floor(MAX_COUNTS_BYTES / (4 * this.slots));
    if (classes > most)
      throw new UsageError(
        `${classes.toLocaleString('en')} classes are more than the threshold histograms hold ` +
          `(${most.toLocaleString('en')}: ${this.slots.toLocaleString('en')} 32-bit counts a class, ${MAX_COUNTS_BYTES / 2 ** 30} GiB a table)`,
      );
    this.classes = classes;
    if (classes <= this.cap) return;
    const cap = Math.min(most, Math.max(classes, this.cap * 2));
    const restride = (a: Uint32Array) => {
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
  positives(c: number): number {
    if (c >= this.classes) return 0;
    let n = 0;
    for (let slot = 0; slot < this.slots; slot++) n += this.pos[slot * this.cap + c];
    return n;
  }

  /** Examples of class c (positives, or negatives) whose score is >= b / bins, for b = 0..bins: entry b. */
  atOrAbove(c: number, positives: boolean): Float64Array {
    const out = new Float64Array(this.bins + 1);
    if (c >= this.classes) return out;
    const at = (slot: number) => {
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
  threshold(b: number): number {
    return b / this.bins;
  }
}
