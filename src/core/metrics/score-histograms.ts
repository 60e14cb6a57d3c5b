// Per-class score histograms: for every class, how many examples that truly hold it (positives)
// and how many that do not (negatives) scored in each of a fixed set of bins. Memory is
// O(classes x bins) whatever the number of examples, and every count of "score >= t" for a
// threshold t = b / bins is exact: the bins are cut at exactly those thresholds (see binOf).
// Readers feed it through the ScoreSink interface while they parse a file's scores.

/** What a reader hands the scores of each example to (ReadOptions.scores). */
export interface ScoreSink {
  /** One score of the current example. */
  score(cls: number, value: number): void;
  /** Ends the current example; its true classes are truth[from..to). */
  end(truth: ArrayLike<number>, from: number, to: number): void;
}

/** One sink that hands everything to each of `sinks` (the undefined ones skipped); undefined for none. */
export function teeSinks(...sinks: (ScoreSink | undefined)[]): ScoreSink | undefined {
  const to = sinks.filter((s): s is ScoreSink => s !== undefined);
  if (to.length <= 1) return to[0];
  return {
    score: (cls, value) => to.forEach((s) => s.score(cls, value)),
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
  /** Positives and negatives, class-major: [c * slots + slot]. */
  pos: Float64Array;
  neg: Float64Array;
  /** Classes seen (the largest class index scored or true, plus one). */
  classes = 0;
  /** Examples ended (with at least one score). */
  examples = 0;
  private pendingClass = new Uint32Array(64);
  private pendingSlot = new Uint32Array(64);
  private pending = 0;
  private isTrue = new Uint8Array(16);

  constructor(readonly bins: number = DEFAULT_BINS) {
    if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be a positive integer, got ${bins}`);
    this.slots = bins + 2;
    this.pos = new Float64Array(16 * this.slots);
    this.neg = new Float64Array(16 * this.slots);
  }

  score(cls: number, value: number): void {
    if (this.pending === this.pendingClass.length) {
      this.pendingClass = grow(this.pendingClass, this.pending * 2);
      this.pendingSlot = grow(this.pendingSlot, this.pending * 2);
    }
    this.pendingClass[this.pending] = cls;
    this.pendingSlot[this.pending++] = binOf(value, this.bins);
  }

  end(truth: ArrayLike<number>, from: number, to: number): void {
    if (this.pending === 0) return;
    let top = 0;
    for (let i = 0; i < this.pending; i++) top = Math.max(top, this.pendingClass[i] + 1);
    for (let i = from; i < to; i++) top = Math.max(top, truth[i] + 1);
    this.reserve(top);
    for (let i = from; i < to; i++) this.isTrue[truth[i]] = 1;
    const { slots, pos, neg, pendingClass, pendingSlot, isTrue } = this;
    for (let i = 0; i < this.pending; i++) {
      const c = pendingClass[i];
      (isTrue[c] ? pos : neg)[c * slots + pendingSlot[i]]++;
    }
    for (let i = from; i < to; i++) this.isTrue[truth[i]] = 0;
    this.pending = 0;
    this.examples++;
  }

  private reserve(classes: number): void {
    if (classes > this.classes) this.classes = classes;
    if (classes * this.slots <= this.pos.length) return;
    const cap = Math.max(classes, (this.pos.length / this.slots) * 2);
    this.pos = grow(this.pos, cap * this.slots);
    this.neg = grow(this.neg, cap * this.slots);
    this.isTrue = grow(this.isTrue, cap);
  }

  /** Examples of class c (positives, or negatives) whose score is >= b / bins, for b = 0..bins: entry b. */
  atOrAbove(c: number, positives: boolean): Float64Array {
    const h = positives ? this.pos : this.neg;
    const out = new Float64Array(this.bins + 1);
    let sum = c < this.classes ? h[c * this.slots + this.slots - 1] : 0;
    for (let b = this.bins; b >= 0; b--) {
      out[b] = sum;
      if (b > 0 && c < this.classes) sum += h[c * this.slots + b];
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
