// Per-class score histograms: for every class, how many examples that truly hold it (positives)
// and how many that do not (negatives) scored in each of a fixed set of bins. Memory is
// O(classes x bins) whatever the number of examples, and every count of "score >= t" for a
// threshold t = b / bins is exact: the bins are cut at exactly those thresholds (see binOf).
// Readers feed it through the ScoreSink interface while they parse a file's scores.

/** What a reader hands the scores of each example to (ReadOptions.scores). */
export interface ScoreSink {
  /** One score of the current example. */
  score(cls: number, value: number): void;
  /**
   * n scores of the current example at once: values[from + j] for class cls[j] (class j without
   * cls). The same as n score() calls; one call per example keeps the call overhead (and a tee's
   * fan-out) out of the per-score loop (`npm run bench -- speed`).
   */
  scores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): void;
  /** Ends the current example; its true classes are truth[from..to). */
  end(truth: ArrayLike<number>, from: number, to: number): void;
}

/** One sink that hands everything to each of `sinks` (the undefined ones skipped); undefined for none. */
export function teeSinks(...sinks: (ScoreSink | undefined)[]): ScoreSink | undefined {
  const to = sinks.filter((s): s is ScoreSink => s !== undefined);
  if (to.length <= 1) return to[0];
  return {
    score: (cls, value) => to.forEach((s) => s.score(cls, value)),
    scores: (values, from, n, cls) => to.forEach((s) => s.scores(values, from, n, cls)),
    end: (truth, from, to_) => to.forEach((s) => s.end(truth, from, to_)),
  };
}

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
  private pos: Float64Array;
  private all: Float64Array;
  /** Classes the arrays have room for. */
  private cap = 16;
  /** Classes seen (the largest class index scored, plus one). */
  classes = 0;
  /** Examples ended (with at least one score). */
  examples = 0;
  /** The cuts b / bins, b = 0..bins, as the comparisons of binOf use them. */
  private readonly cuts: Float64Array;
  /** Per class: the slot of its latest score, and the example (examples + 1) it belongs to. */
  private lastSlot = new Uint32Array(16);
  private stamp = new Uint32Array(16);
  private scored = false;

  constructor(readonly bins: number = DEFAULT_BINS) {
    if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be a positive integer, got ${bins}`);
    this.slots = bins + 2;
    this.cuts = Float64Array.from({ length: bins + 1 }, (_, b) => b / bins);
    this.pos = new Float64Array(this.cap * this.slots);
    this.all = new Float64Array(this.cap * this.slots);
  }

  /**
   * Counted at once among all examples; end() counts the true classes' slots among the positives
   * too (negatives = all - positives), so a score costs O(1) and an example O(its true classes).
   * The slot is binOf's, with the cuts precomputed.
   */
  score(cls: number, v: number): void {
    if (cls >= this.classes) this.reserve(cls + 1);
    const slot = this.slotOf(v);
    this.all[slot * this.cap + cls]++;
    this.lastSlot[cls] = slot;
    this.stamp[cls] = this.examples + 1;
    this.scored = true;
  }

  /** score() n times with the fields in locals: this runs once per score of every example (`npm run bench -- speed`). */
  scores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): void {
    if (n === 0) return;
    let top = n;
    if (cls) {
      top = 0;
      for (let j = 0; j < n; j++) if (cls[j] >= top) top = cls[j] + 1;
    }
    if (top > this.classes) this.reserve(top);
    const { all, lastSlot, stamp, cap } = this;
    const mark = this.examples + 1;
    for (let j = 0; j < n; j++) {
      const c = cls ? cls[j] : j;
      const slot = this.slotOf(values[from + j]);
      all[slot * cap + c]++;
      lastSlot[c] = slot;
      stamp[c] = mark;
    }
    this.scored = true;
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
    if (!this.scored) return;
    this.scored = false;
    const mark = this.examples + 1;
    for (let i = from; i < to; i++) {
      const t = truth[i];
      // A true class without a score in this example has no slot to move.
      if (t >= this.classes || this.stamp[t] !== mark) continue;
      this.pos[this.lastSlot[t] * this.cap + t]++;
    }
    this.examples++;
  }

  private reserve(classes: number): void {
    this.classes = classes;
    if (classes <= this.cap) return;
    const cap = Math.max(classes, this.cap * 2);
    const restride = (a: Float64Array) => {
      const b = new Float64Array(cap * this.slots);
      for (let slot = 0; slot < this.slots; slot++)
        b.set(a.subarray(slot * this.cap, (slot + 1) * this.cap), slot * cap);
      return b;
    };
    this.pos = restride(this.pos);
    this.all = restride(this.all);
    this.lastSlot = grow(this.lastSlot, cap);
    this.stamp = grow(this.stamp, cap);
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

function grow<T extends Float64Array | Uint32Array | Uint8Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a);
  return next;
}
