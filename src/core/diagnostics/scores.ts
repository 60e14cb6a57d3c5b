// Threshold-free metrics from the scores, streamed in memory O(classes x bins): per class, the
// positives' and negatives' scores are counted in SCORE_BINS fixed bins, logarithmic in s near 0
// and in 1 - s near 1 (see scoreBin), so millions of examples cost no more than a thousand. ROC-AUC and average
// precision are then exact for the binned scores; the difference to the exact values is bounded
// from the histograms (ties inside a bin), and the bound is reported next to each value.
// Log-loss and the expected calibration error need no histogram and are exact.
// Indices are those of one shared ClassIndex; `result` maps them to the report's class order.

import type { ScoreCounts, ScoreMetrics, Task, TuningCounts } from '../report/types.js';
import { ExampleScores, MAX_COUNTS_BYTES, type HistogramCounts, type ScoreSink } from '../metrics/score-histograms.js';
import { decodeClassCounts, encodeClassCounts } from './score-counts.js';
import { ScoreKernel } from './score-kernel.js';
import {
  ECE_BINS,
  eceBin,
  labelGrid,
  SCORE_BINS,
  scoreBin,
  TUNING_BINS,
  tuningCut,
  type LabelGrid,
} from './score-grid.js';

/** Log-loss clips probabilities to [EPS, 1 - EPS], as scikit-learn 1.2 does for float64 (eps="auto"). */
export const LOG_LOSS_EPS = 2.220446049250313e-16;

/** 1 or 0 as an int32: a select without a branch (`+b` or `Number(b)` compile to one). */
const bit = (b: boolean): number => (b as unknown as number) | 0;

/** 2^ECE_LANE_BITS copies of the calibration sums: consecutive scores add to different ones (score-kernel.wat's 4 lanes). */
const ECE_LANE_BITS = 2;
/** blockSums()'s entries: log-loss, the bins' score sums, the losses' squares, the bins' true scores' and squares' sums. */
const BLOCK_SUMS = 2 + 3 * ECE_BINS;
/**
 * Classes whose histograms result() reads at once (see columns): TILE, or WIDE_TILE when the
 * count tables are wider than WIDE_FROM classes. A tile reads each cell's row (cap classes apart)
 * once, its tile's part of it; past a few thousand classes each such read misses the caches and
 * the TLB, so wider tiles (fewer passes) pay for their larger buffers (2 x 10 MB). The cells are
 * read CELL_BLOCK rows at a time, one class after the other, so that the rows stay in cache and
 * each class's bins are written in order. 100,000 multi-label classes: 7.4 s of gathering with
 * 64-class tiles read cell by cell.
 */
const TILE = 64;
const WIDE_TILE = 512;
const WIDE_FROM = 4096;
const CELL_BLOCK = 64;

/**
 * p clipped to [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS], exactly, without a branch (0 and 1 are common
 * scores): 1 - clipped(s) is then the factor score-kernel.wat multiplies a negative's likelihood by.
 */
function clipped(p: number): number {
  const low = bit(p < LOG_LOSS_EPS);
  const high = bit(p > 1 - LOG_LOSS_EPS);
  return low * LOG_LOSS_EPS + high * (1 - LOG_LOSS_EPS) + (1 - low - high) * p;
}

/** What a ScoreAccumulator counted, as plain data (a worker thread sends it whole; see merge). */
export interface AccumulatorState {
  task: Task;
  cap: number;
  classes: number;
  /** The counts modulo 2^16, and how many times each (by index) wrapped. */
  pos: Uint16Array;
  all: Uint16Array;
  posWraps: Map<number, number>;
  allWraps: Map<number, number>;
  eceCount: Float64Array;
  eceConf: Float64Array;
  eceHit: Float64Array;
  eceHitConf: Float64Array;
  eceConfSq: Float64Array;
  logLossSum: number;
  likelihood: number;
  /** The sum of the squares of the examples' losses (each example's log-loss summed over its decisions). */
  lossSquares: number;
  decisions: number;
  examples: number;
  problem: string | null;
}

/**
 * Adds the counts of `width` classes from c0 (cell-major tables of `cap` classes, `cells` cells;
 * `bins[cell]`: the cell's octave bin, none: the cell is one) into pos and neg (class-major,
 * SCORE_BINS a class), CELL_BLOCK cells at a time (see TILE). Empty cells (many, in a long tail's
 * table) are skipped: an all count of 0 has a positive count of 0 too. `npm run bench --
 * diagnostics` times result() ("the metrics from the counts"): with classCurves' one pass for
 * the ROC sums, 28.8-35.2 ms against 44.2-59.5 ms before on 485 long-tailed classes (fastest of
 * 8 calls, 5 interleaved processes each way).
 */
function gatherCells<A extends Uint16Array | Uint32Array>(
  p: A,
  a: A,
  cap: number,
  cells: number,
  bins: Uint16Array | undefined,
  c0: number,
  width: number,
  pos: Float64Array,
  neg: Float64Array,
): void {
  for (let b0 = 0; b0 < cells; b0 += CELL_BLOCK) {
    const b1 = Math.min(cells, b0 + CELL_BLOCK);
    for (let k = 0; k < width; k++) {
      const out = k * SCORE_BINS;
      for (let cell = b0, at = b0 * cap + c0 + k; cell < b1; cell++, at += cap) {
        const all = a[at];
        if (all === 0) continue;
        const bin = out + (bins ? bins[cell] : cell);
        pos[bin] += p[at];
        neg[bin] += all - p[at];
      }
    }
  }
}

/**
 * A ScoreSink (the readers' and the model runner's one way of handing over scores). Each score is
 * counted at once as if its class were not true (`all`, the likelihood of a negative, the
 * calibration sums); end() moves the few true classes' scores to the positives. So a score costs
 * a cell, one increment and a few adds, and an example O(its true classes) more (`npm run bench -- diagnostics`).
 * Multiclass scores are counted by octave bin (scoreBin); multi-label ones by cell of the label
 * grid (score-grid.ts), from which the octave bins, the calibration bins and the threshold
 * histograms of the tuning summary (tuningCounts) are all read.
 */
export class ScoreAccumulator implements ScoreSink {
  /**
   * Positives' and all examples' counts, cell-major ([cell * cap + class]): most scores of an
   * example fall in a few cells, so consecutive classes touch neighbouring counts (4x faster than
   * class-major). 16 bits: half the cache of 32 (a score costs about 15% less in an interleaved
   * micro-benchmark), and no 32-bit copy: a count that wraps past 2^16 - 1 is noted in posWraps
   * (all's: the kernel's `wraps`), which a million examples of a long tail fill with a few
   * thousand entries, so memory is 2 bytes a count (issue 14's RSS goal).
   */
  private pos: Uint16Array = new Uint16Array(0);
  private all: Uint16Array = new Uint16Array(0);
  private posWraps = new Map<number, number>();
  /** Multi-label: per class, the last example (examples + 1) that counted it as a positive. */
  private truthSeen = new Float64Array(0);
  private cap = 0;
  /** One more than the largest class index scored. */
  private classes = 0;
  /** Multi-label: the cells (null: multiclass, counted by octave bin); fixed at the first score. */
  private grid: LabelGrid | null = null;
  /** The loops that count the scores (score-kernel.wat), in whose memory `all` is (unless adopted). */
  private kernel: ScoreKernel | null = null;
  /** all's wraps while `all` is another accumulator's, adopted by merge (no kernel yet). */
  private adoptedWraps = new Map<number, number>();
  /** Shards' counts added (add), by octave bin: they hold no cells. */
  private added: { pos: Uint32Array; all: Uint32Array } | null = null;
  /** The current example's scores. */
  private readonly example = new ExampleScores();
  /** Multiclass, the current example: the sum of its clipped scores, its first highest score and class. */
  private sum = 0;
  private best = -1;
  private bestClass = -1;
  private logLossSum = 0;
  /**
   * The product of the likelihoods not yet in logLossSum. One Math.log per few hundred scores
   * instead of one per score (`npm run bench -- speed`), and more accurate than a running sum of
   * 48.5M logs: on the bench's 100k x 485 data, 4e-15 from an exact sum (math.fsum) instead of 1e-10.
   */
  private likelihood = 1;
  /**
   * The sum of the squares of the examples' losses (an example's: minus its log-likelihood, over
   * all its decisions), for log-loss's standard error: NaN once a shard without it was added.
   * `lossBefore`: the log-loss sum when the current example started (multi-label; what is added
   * from elsewhere, a block's sums or another accumulator's, is added to it too).
   */
  private lossSquares = 0;
  private lossBefore = 0;
  /** Multiclass: examples; multi-label: label decisions (example x scored class). */
  private decisions = 0;
  /**
   * Per calibration bin b and lane l, at (b << ECE_LANE_BITS) | l: scores, their sum, true ones.
   * A multi-label score adds to eceConf only: its count and truth are in its cell.
   */
  private readonly eceCount = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  private readonly eceConf = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  private readonly eceHit = new Float64Array(ECE_BINS << ECE_LANE_BITS);
  /**
   * Multiclass, per calibration bin: the sum of the true top scores and of the top scores'
   * squares, for the calibration error's standard error (calibrationSe); NaN once a shard
   * without them was added.
   */
  private readonly eceHitConf = new Float64Array(ECE_BINS);
  private readonly eceConfSq = new Float64Array(ECE_BINS);
  /** Examples that came with scores. */
  examples = 0;
  /** Why no threshold-free metric can be given (set once; later scores are ignored). */
  problem: string | null = null;

  /** Set once the split's task is known, before its first score. */
  constructor(public task: Task = 'multiclass') {}

  /** The scores of one example (see ScoreSink). */
  scores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): void {
    if (this.problem !== null || !this.reserve(this.example.set(values, from, n, cls)) || n === 0) return;
    const bad =
      this.task === 'multilabel' ? this.labelScores(values, from, n, cls) : this.classScores(values, from, n, cls);
    if (bad >= 0) this.problem = `scores are not probabilities (a score of ${values[from + bad]} is outside [0, 1])`;
  }

  /**
   * Multi-label: each score is a decision, counted as a negative here, in its cell (cellOf), by
   * the WebAssembly loop of score-kernel.wat. Returns the index of a score outside [0, 1], or -1.
   */
  private labelScores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): number {
    const counted = this.kernel!.labels(values, from, n, cls, this.likelihood);
    this.likelihood = counted.likelihood;
    this.logLossSum += counted.loss;
    if (counted.bad < 0) this.decisions += n;
    return counted.bad;
  }

  /** Multiclass: each score counted in its octave bin; the sum of the clipped scores and the first highest kept. */
  private classScores(values: ArrayLike<number>, from: number, n: number, cls?: ArrayLike<number>): number {
    const counted = this.kernel!.classes(values, from, n, cls);
    this.sum = counted.sum;
    this.best = counted.best;
    this.bestClass = counted.bestClass;
    return counted.bad;
  }

  end(truth: ArrayLike<number>, from: number, to: number): void {
    if (this.problem === null && this.example.n > 0) {
      if (this.task === 'multiclass') this.endMulticlass(truth, from, to);
      else this.endMultilabel(truth, from, to);
      this.examples++;
    }
    this.example.n = 0;
  }

  private endMulticlass(truth: ArrayLike<number>, from: number, to: number): void {
    let pt = 0;
    let bestTrue = 0;
    for (let i = from; i < to; i++) {
      const t = truth[i];
      const s = this.example.of(t);
      if (s !== s) continue;
      this.countPositive(scoreBin(s) * this.cap + t);
      pt = s;
      if (t === this.bestClass) bestTrue = 1;
    }
    const loss = -Math.log(clipped(pt) / this.sum);
    this.logLossSum += loss;
    this.lossSquares += loss * loss;
    this.calibrate(this.best, bestTrue);
    this.decisions++;
  }

  /** The true classes' scores were counted as negatives: now as positives (each class once). */
  private endMultilabel(truth: ArrayLike<number>, from: number, to: number): void {
    const stamp = this.examples + 1;
    if (this.truthSeen.length < this.cap) this.truthSeen = new Float64Array(this.cap);
    for (let i = from; i < to; i++) {
      const t = truth[i];
      const s = this.example.of(t);
      if (s !== s || this.truthSeen[t] === stamp) continue;
      this.truthSeen[t] = stamp;
      this.countPositive((scoreBin(s) + eceBin(s) + tuningCut(s)) * this.cap + t);
      const p = clipped(s);
      // The negative's factor out, the positive's in: within [LOG_LOSS_EPS, 1 / LOG_LOSS_EPS],
      // so the product is checked both ways.
      this.likelihood *= p / (1 - p);
      if (this.likelihood < 1e-280 || this.likelihood > 1e280) {
        this.logLossSum -= Math.log(this.likelihood);
        this.likelihood = 1;
      }
    }
    // The example's loss: the log-loss sum's growth since the last example (one log an example).
    const total = this.logLossSum - Math.log(this.likelihood);
    const loss = total - this.lossBefore;
    this.lossSquares += loss * loss;
    this.lossBefore = total;
  }

  /** Class indices the histograms have room for (every scored class index is below it). */
  classSlots(): number {
    return this.cap;
  }

  /** Cells per class: the label grid's, or the octave bins. */
  private cells(): number {
    return this.grid ? this.grid.cells : SCORE_BINS;
  }

  /**
   * Room for classes 0..classes-1; false (with `problem` set) when that is more than
   * MAX_COUNTS_BYTES allows: 155,750 multi-label classes, 220,662 multiclass. More classes get no
   * threshold-free metrics and an info finding saying why, instead of memory the runner may not
   * have (and, past WebAssembly's 4 GiB, a failed grow).
   */
  private reserve(classes: number): boolean {
    // Adopted counts (merge) are not in a kernel's memory: moved there before any is counted.
    const adopted = this.kernel === null && this.cap > 0;
    if (classes <= this.cap && !adopted) {
      if (classes > this.classes) this.classes = classes;
      return true;
    }
    const perClass = this.task === 'multilabel' ? labelGrid().cells : SCORE_BINS;
    const most = Math.floor(MAX_COUNTS_BYTES / (2 * perClass));
    if (classes > most) {
      this.problem =
        `${classes.toLocaleString('en')} classes are more than the score histograms hold ` +
        `(${most.toLocaleString('en')}: ${perClass.toLocaleString('en')} 16-bit counts a class, ${MAX_COUNTS_BYTES / 2 ** 30} GiB a table)`;
      return false;
    }
    if (classes > this.classes) this.classes = classes;
    if (this.cap === 0 && this.task === 'multilabel') this.grid = labelGrid();
    const cap = classes <= this.cap ? this.cap : Math.min(most, Math.max(classes, this.cap * 2));
    const restride = <A extends Uint16Array | Uint32Array>(a: A, cells: number, into?: A): A => {
      const b = into ?? new (a.constructor as new (n: number) => A)(cap * cells);
      for (let cell = 0; cell < cells && a.length > 0; cell++)
        b.set(a.subarray(cell * this.cap, (cell + 1) * this.cap), cell * cap);
      return b;
    };
    const wraps = (m: Map<number, number>) => restrideWraps(m, this.cap, cap);
    this.pos = restride(this.pos, this.cells());
    this.posWraps = wraps(this.posWraps);
    // Copies first: the kernel's memory may move.
    const [all, allWraps] = [this.all.slice(), wraps(this.allWraps())];
    this.all = restride(all, this.cells(), this.newCounts(cap));
    this.kernel!.wraps = allWraps;
    if (this.added)
      this.added = { pos: restride(this.added.pos, SCORE_BINS), all: restride(this.added.all, SCORE_BINS) };
    this.cap = cap;
    return true;
  }

  /** One more positive at `at` (an index of pos). */
  private countPositive(at: number): void {
    if (++this.pos[at] === 65536) this.posWraps.set(at, (this.posWraps.get(at) ?? 0) + 1);
  }

  /** Zeroed 16-bit counts of every cell for cap classes, in the kernel's memory. */
  private newCounts(cap: number): Uint16Array {
    this.kernel ??= new ScoreKernel();
    return this.kernel.reserve(cap, this.cells());
  }

  /** The calibration sums, the kernel's added in. */
  private confSums(): Float64Array {
    this.kernel?.drainLanes(this.eceConf);
    return this.eceConf;
  }

  /** all's wraps (the kernel's, or those adopted with it). */
  private allWraps(): Map<number, number> {
    return this.kernel?.wraps ?? this.adoptedWraps;
  }

  /**
   * Each class's positives and negatives by octave bin, a tile of classes at a time: the counts are
   * cell-major, so reading one class's column alone would touch a cache line per cell.
   */
  private *columns(): Generator<{ c: number; pos: Float64Array; neg: Float64Array }> {
    const tile = this.cap > WIDE_FROM ? WIDE_TILE : TILE;
    const pos = new Float64Array(tile * SCORE_BINS);
    const neg = new Float64Array(tile * SCORE_BINS);
    const binOf = this.grid?.bin;
    for (let c0 = 0; c0 < this.cap; c0 += tile) {
      const width = Math.min(tile, this.cap - c0);
      pos.fill(0);
      neg.fill(0);
      gatherCells(this.pos, this.all, this.cap, this.cells(), binOf, c0, width, pos, neg);
      // What the 16 bits left out: positives are in all's counts too.
      for (const [cell, c, amount] of wrapped(this.posWraps, this.cap))
        if (c >= c0 && c < c0 + width) {
          const at = (c - c0) * SCORE_BINS + (binOf ? binOf[cell] : cell);
          pos[at] += amount;
          neg[at] -= amount;
        }
      for (const [cell, c, amount] of wrapped(this.allWraps(), this.cap))
        if (c >= c0 && c < c0 + width) neg[(c - c0) * SCORE_BINS + (binOf ? binOf[cell] : cell)] += amount;
      if (this.added) gatherCells(this.added.pos, this.added.all, this.cap, SCORE_BINS, undefined, c0, width, pos, neg);
      for (let k = 0; k < width; k++) {
        const [from, to] = [k * SCORE_BINS, (k + 1) * SCORE_BINS];
        yield { c: c0 + k, pos: pos.subarray(from, to), neg: neg.subarray(from, to) };
      }
    }
  }

  private calibrate(conf: number, hit: number): void {
    const bin = eceBin(conf);
    const b = bin << ECE_LANE_BITS;
    this.eceCount[b]++;
    this.eceConf[b] += conf;
    this.eceHit[b] += hit;
    this.eceHitConf[bin] += hit * conf;
    this.eceConfSq[bin] += conf * conf;
  }

  /**
   * Per calibration bin: the scores (decisions), the sum of their scores, the true ones; for
   * multiclass also the true ones' scores summed and the scores' squares summed.
   */
  private calibration(): ScoreCounts['ece'] {
    const lanes = (a: Float64Array) =>
      Array.from({ length: ECE_BINS }, (_, b) =>
        a.subarray(b << ECE_LANE_BITS, (b + 1) << ECE_LANE_BITS).reduce((x, y) => x + y, 0),
      );
    const out: ScoreCounts['ece'] = {
      count: lanes(this.eceCount),
      conf: lanes(this.confSums()),
      hit: lanes(this.eceHit),
      ...(this.task === 'multiclass' && { hitConf: [...this.eceHitConf], confSq: [...this.eceConfSq] }),
    };
    const grid = this.grid;
    if (grid) {
      for (let cell = 0; cell < grid.cells; cell++) {
        let all = 0;
        let pos = 0;
        for (let c = 0, at = cell * this.cap; c < this.cap; c++, at++) {
          all += this.all[at];
          pos += this.pos[at];
        }
        out.count[grid.ece[cell]] += all;
        out.hit[grid.ece[cell]] += pos;
      }
      for (const [cell, , amount] of wrapped(this.allWraps(), this.cap)) out.count[grid.ece[cell]] += amount;
      for (const [cell, , amount] of wrapped(this.posWraps, this.cap)) out.hit[grid.ece[cell]] += amount;
    }
    return out;
  }

  /**
   * The metrics in the report's class order (`perm[i]` = report index of ClassIndex index i;
   * `C` classes) for a split of `examples` examples, or null when not every example had scores
   * (`problem` then says why, unless none had any).
   */
  result(perm: Uint32Array, C: number, examples: number): ScoreMetrics | null {
    if (this.problem !== null || this.examples === 0) return null;
    if (this.examples !== examples) {
      this.problem = `only ${this.examples} of ${examples} examples came with scores`;
      return null;
    }
    const rocAuc = new Array<number | null>(C).fill(null);
    const rocAucBound = new Array<number | null>(C).fill(null);
    const averagePrecision = new Array<number | null>(C).fill(null);
    const averagePrecisionBound = new Array<number | null>(C).fill(null);
    const rocAucSe = new Array<number | null>(C).fill(null);
    const averagePrecisionSe = new Array<number | null>(C).fill(null);
    // A class never scored has empty histograms, so null curves (as the arrays start).
    for (const { c, pos, neg } of this.columns()) {
      if (c >= perm.length) break;
      const r = classCurves(pos, neg);
      const at = perm[c];
      rocAuc[at] = r.auc;
      rocAucBound[at] = r.aucBound;
      averagePrecision[at] = r.ap;
      averagePrecisionBound[at] = r.apBound;
      rocAucSe[at] = r.aucSe;
      averagePrecisionSe[at] = r.apSe;
    }
    const calibration = this.calibration();
    const { count, conf, hit } = calibration;
    let ece = 0;
    for (let b = 0; b < ECE_BINS; b++) if (count[b] > 0) ece += Math.abs(hit[b] - conf[b]) / this.decisions;
    const logLoss = (this.logLossSum - Math.log(this.likelihood)) / this.decisions;
    const logLossSe = meanLossSe(logLoss * this.decisions, this.lossSquares, this.examples, this.decisions);
    const eceSe = this.task === 'multiclass' ? calibrationSe(calibration, this.decisions) : null;
    return {
      bins: SCORE_BINS,
      rocAuc,
      rocAucBound,
      averagePrecision,
      averagePrecisionBound,
      rocAucMacro: mean(rocAuc),
      averagePrecisionMacro: mean(averagePrecision),
      logLoss,
      ece,
      eceBins: ECE_BINS,
      rocAucSe,
      averagePrecisionSe,
      ...(logLossSe === null ? {} : { logLossSe }),
      // Multi-label: none. Its calibration error averages label decisions, which are not
      // independent draws (a review measured this formula 3x below a bootstrap over the
      // examples); the right one needs each example's residuals by bin. The cut-off alone decides.
      ...(eceSe === null ? {} : { eceSe }),
    };
  }

  /**
   * The counts behind `result`, for a shard's report (in the report's class order, like `result`):
   * adding every shard's with `add` gives the one-pass metrics. Null when `result` would be.
   */
  counts(perm: Uint32Array, C: number, examples: number): ScoreCounts | null {
    if (this.problem !== null || this.examples === 0 || this.examples !== examples) return null;
    const classes: number[][] = Array.from({ length: C }, () => []);
    for (const { c, pos, neg } of this.columns()) {
      if (c >= perm.length) break;
      const out = classes[perm[c]];
      for (let bin = 0; bin < SCORE_BINS; bin++) if (pos[bin] + neg[bin] > 0) out.push(bin, pos[bin], neg[bin]);
    }
    return {
      bins: SCORE_BINS,
      examples: this.examples,
      decisions: this.decisions,
      logLossSum: this.logLossSum - Math.log(this.likelihood),
      lossSquares: this.lossSquares,
      ece: this.calibration(),
      classes: C,
      data: encodeClassCounts(classes),
    };
  }

  /**
   * The floating-point sums since the last call ([log-loss sum, the calibration bins' scores'
   * sums, the sum of the examples' losses' squares, then (multiclass) the calibration bins' true
   * scores' sums and squares' sums]), which start again from zero. A worker thread counts blocks of examples and
   * this thread takes some when the worker is behind: each block's sums are taken alone and
   * added in the blocks' order (addSums), so the figures do not depend on which thread counted what.
   */
  blockSums(): Float64Array {
    const out = new Float64Array(BLOCK_SUMS);
    out[0] = this.logLossSum - Math.log(this.likelihood);
    const conf = this.confSums();
    for (let l = 0; l < conf.length; l++) out[1 + (l >> ECE_LANE_BITS)] += conf[l];
    out[1 + ECE_BINS] = this.lossSquares;
    out.set(this.eceHitConf, 2 + ECE_BINS);
    out.set(this.eceConfSq, 2 + 2 * ECE_BINS);
    this.logLossSum = 0;
    this.likelihood = 1;
    this.lossSquares = 0;
    this.lossBefore = 0;
    this.eceConf.fill(0);
    this.eceHitConf.fill(0);
    this.eceConfSq.fill(0);
    return out;
  }

  /** Adds sums blockSums() took (here or on another thread). */
  addSums(sums: Float64Array): void {
    this.logLossSum += sums[0];
    this.lossBefore += sums[0];
    for (let b = 0; b < ECE_BINS; b++) this.eceConf[b << ECE_LANE_BITS] += sums[1 + b];
    this.lossSquares += sums[1 + ECE_BINS];
    for (let b = 0; b < ECE_BINS; b++) {
      this.eceHitConf[b] += sums[2 + ECE_BINS + b];
      this.eceConfSq[b] += sums[2 + 2 * ECE_BINS + b];
    }
  }

  /** Adds a shard's counts; `index[i]` is this accumulator's class index of the counts' class i. */
  add(counts: ScoreCounts, index: ArrayLike<number>): void {
    const classes = decodeClassCounts(counts.data, counts.classes, SCORE_BINS);
    if (typeof classes === 'string') throw new Error(`score counts: the data ${classes}`);
    let top = 0;
    for (let i = 0; i < classes.length; i++) top = Math.max(top, index[i] + 1);
    if (this.problem !== null) return;
    this.added ??= { pos: new Uint32Array(this.cap * SCORE_BINS), all: new Uint32Array(this.cap * SCORE_BINS) };
    if (!this.reserve(top)) return;
    const { pos, all } = this.added;
    classes.forEach((triples, i) => {
      const c = index[i];
      for (let k = 0; k < triples.length; k += 3) {
        const at = triples[k] * this.cap + c;
        pos[at] += triples[k + 1];
        all[at] += triples[k + 1] + triples[k + 2];
      }
    });
    for (let b = 0; b < ECE_BINS; b++) {
      this.eceCount[b << ECE_LANE_BITS] += counts.ece.count[b];
      this.eceConf[b << ECE_LANE_BITS] += counts.ece.conf[b];
      this.eceHit[b << ECE_LANE_BITS] += counts.ece.hit[b];
      // A shard written before these were kept: the calibration error's standard error is unknown.
      this.eceHitConf[b] += counts.ece.hitConf?.[b] ?? NaN;
      this.eceConfSq[b] += counts.ece.confSq?.[b] ?? NaN;
    }
    this.logLossSum += counts.logLossSum;
    this.lossBefore += counts.logLossSum;
    // A shard written before the squares were kept: log-loss's standard error is unknown.
    this.lossSquares += counts.lossSquares ?? NaN;
    this.decisions += counts.decisions;
    this.examples += counts.examples;
  }

  /**
   * Multi-label: the threshold histograms of the tuning summary (cuts 0.001 apart, as
   * score-histograms.ts's DEFAULT_BINS), summed from the cells; null for multiclass scores, when
   * a problem stopped the counting, or after shards' counts were added (they hold no cells).
   */
  tuningCounts(): HistogramCounts | null {
    const grid = this.grid;
    if (!grid || this.problem !== null || this.added) return null;
    const slots = TUNING_BINS + 2;
    const pos = new Uint32Array(slots * this.cap);
    const all = new Uint32Array(slots * this.cap);
    for (let cell = 0; cell < grid.cells; cell++)
      for (let c = 0, at = cell * this.cap, to = grid.slot[cell] * this.cap; c < this.cap; c++, at++, to++) {
        pos[to] += this.pos[at];
        all[to] += this.all[at];
      }
    for (const [cell, c, amount] of wrapped(this.posWraps, this.cap)) pos[grid.slot[cell] * this.cap + c] += amount;
    for (const [cell, c, amount] of wrapped(this.allWraps(), this.cap)) all[grid.slot[cell] * this.cap + c] += amount;
    return { bins: TUNING_BINS, cap: this.cap, classes: this.classes, pos, all, examples: this.examples };
  }

  /**
   * tuningCounts() for a shard's report, per class in the report's order (`perm[c]`: class c's
   * place), when every one of the split's `examples` was counted; a merge of the shards adds them.
   */
  tuningClassCounts(perm: Uint32Array, C: number, examples: number): TuningCounts | null {
    const counts = this.tuningCounts();
    if (!counts || counts.examples === 0 || counts.examples !== examples) return null;
    const { bins, cap, pos, all } = counts;
    const classes: number[][] = Array.from({ length: C }, () => []);
    for (let c = 0; c < Math.min(cap, perm.length); c++) {
      const out = classes[perm[c]];
      for (let slot = 0; slot < bins + 2; slot++) {
        const [p, a] = [pos[slot * cap + c], all[slot * cap + c]];
        if (a > 0) out.push(slot, p, a - p);
      }
    }
    return { bins, examples, classes: C, data: encodeClassCounts(classes) };
  }

  /**
   * Everything counted, as plain data (its arrays are this accumulator's own, all's a copy out of
   * the kernel's memory: transfer them, then drop it).
   */
  state(): AccumulatorState {
    const { task, cap, classes, eceCount, eceHit, eceHitConf, eceConfSq, pos, posWraps } = this;
    const eceConf = this.confSums();
    const { logLossSum, likelihood, lossSquares, decisions, examples, problem } = this;
    return {
      task,
      cap,
      classes,
      pos,
      all: this.all.slice(),
      posWraps,
      allWraps: this.allWraps(),
      eceCount,
      eceConf,
      eceHit,
      eceHitConf,
      eceConfSq,
      logLossSum,
      likelihood,
      lossSquares,
      decisions,
      examples,
      problem,
    };
  }

  /**
   * Adds what another accumulator of the same task counted (a worker thread's). Into an empty
   * accumulator the figures come out bit for bit as the other's: every sum starts from 0 here.
   * An empty accumulator takes `other`'s count arrays as its own (a state is handed over, as
   * state() says, not shared).
   */
  merge(other: AccumulatorState): void {
    if (other.task !== this.task) throw new Error(`cannot merge ${other.task} score counts into ${this.task}`);
    this.problem ??= other.problem;
    if (other.classes > 0) {
      if (this.cap === 0 && this.examples === 0 && !this.added) {
        // Nothing counted here (the worker counted every block): its counts become these, not
        // copied (no zeroed tables of our own first: on a 2-core runner their fresh pages cost
        // more than the copy).
        if (this.task === 'multilabel') this.grid = labelGrid();
        this.cap = other.cap;
        this.classes = other.classes;
        this.pos = other.pos;
        this.all = other.all;
        this.posWraps = new Map(other.posWraps);
        this.adoptedWraps = new Map(other.allWraps);
      } else {
        if (!this.reserve(other.classes)) return;
        const add = (
          into: Uint16Array,
          wraps: Map<number, number>,
          from: Uint16Array,
          fromWraps: Map<number, number>,
        ) =>
          addCounts(
            { counts: into, wraps, cap: this.cap },
            { counts: from, wraps: fromWraps, cap: other.cap },
            other.classes,
          );
        add(this.pos, this.posWraps, other.pos, other.posWraps);
        add(this.all, this.allWraps(), other.all, other.allWraps);
      }
    }
    for (let l = 0; l < this.eceCount.length; l++) {
      this.eceCount[l] += other.eceCount[l];
      this.eceConf[l] += other.eceConf[l];
      this.eceHit[l] += other.eceHit[l];
    }
    for (let b = 0; b < ECE_BINS; b++) {
      this.eceHitConf[b] += other.eceHitConf[b];
      this.eceConfSq[b] += other.eceConfSq[b];
    }
    this.logLossSum += other.logLossSum - Math.log(other.likelihood);
    this.lossBefore += other.logLossSum - Math.log(other.likelihood);
    this.lossSquares += other.lossSquares;
    this.decisions += other.decisions;
    this.examples += other.examples;
  }
}

/** 16-bit counts, cell-major with `cap` classes a cell, and how many times each (by index) wrapped. */
interface Counts16 {
  counts: Uint16Array;
  wraps: Map<number, number>;
  cap: number;
}

/** Adds `from`'s counts of its first `classes` classes into `into`'s (every cell of both). */
function addCounts(into: Counts16, from: Counts16, classes: number): void {
  const cells = into.counts.length / into.cap;
  for (let cell = 0; cell < cells; cell++)
    for (let c = 0, at = cell * into.cap, j = cell * from.cap; c < classes; c++, at++, j++) {
      const sum = into.counts[at] + from.counts[j];
      if (sum > 65535) into.wraps.set(at, (into.wraps.get(at) ?? 0) + 1);
      into.counts[at] = sum;
    }
  for (const [j, n] of restrideWraps(from.wraps, from.cap, into.cap)) into.wraps.set(j, (into.wraps.get(j) ?? 0) + n);
}

/** Wraps by index for `cap` classes a cell, from those for `oldCap`. */
function restrideWraps(wraps: Map<number, number>, oldCap: number, cap: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const [i, n] of wraps) out.set(Math.floor(i / oldCap) * cap + (i % oldCap), n);
  return out;
}

/** Each wrapped count's cell, class and what its 16 bits left out (2^16 a wrap); `cap` classes a cell. */
function* wrapped(wraps: Map<number, number>, cap: number): Generator<[number, number, number]> {
  for (const [i, n] of wraps) yield [Math.floor(i / cap), i % cap, n * 65536];
}

function mean(values: (number | null)[]): number | null {
  let s = 0;
  let k = 0;
  for (const v of values)
    if (v !== null) {
      s += v;
      k++;
    }
  return k ? s / k : null;
}

/**
 * Log-loss's standard error: `total` (the loss summed over `examples` examples, `squares` the sum
 * of their squares) over `decisions`. The example is the unit (a multi-label example's labels
 * are not independent draws). Null when unknown (a shard without squares) or fewer than 2 examples.
 */
export function meanLossSe(total: number, squares: number, examples: number, decisions: number): number | null {
  if (!(examples >= 2) || !Number.isFinite(squares)) return null;
  const mean = total / examples;
  const variance = Math.max(0, (squares - examples * mean * mean) / (examples - 1));
  return Math.sqrt(examples * variance) / decisions;
}

/**
 * The calibration error's standard error, to first order, the example as the unit: the error is
 * the mean over examples of r = s_b (y - p) (p the top score, y whether it was right, s_b the sign
 * of its bin's gap hit_b - conf_b), so its standard error is r's over sqrt(n), from the bins'
 * sums (sum r^2 = sum_b hit_b - 2 hitConf_b + confSq_b, as y^2 = y). The spread of the scores
 * counts as well as the hits': a bin whose every example is right still varies with its scores
 * (wine's validation split: 0.0010 when only the hits were taken as varying, against 0.0170 here
 * and 0.0172 from a bootstrap over the examples; fixtures/diagnostics/make_se_oracle.py). The
 * signs are held fixed, which errs towards "within noise" where a gap is near 0. Null when
 * unknown (a shard without the sums) or fewer than 2 examples.
 */
export function calibrationSe(ece: ScoreCounts['ece'], examples: number): number | null {
  const { count, conf, hit, hitConf, confSq } = ece;
  if (!hitConf || !confSq || !(examples >= 2)) return null;
  let sum = 0;
  let squares = 0;
  for (let b = 0; b < count.length; b++) {
    if (count[b] === 0) continue;
    sum += Math.abs(hit[b] - conf[b]);
    squares += hit[b] - 2 * hitConf[b] + confSq[b];
  }
  if (!Number.isFinite(squares)) return null;
  const variance = Math.max(0, (squares - (sum * sum) / examples) / (examples - 1));
  return Math.sqrt(variance / examples);
}

/**
 * ROC-AUC and average precision of one class from its histograms, with their binning bounds.
 * AUC: pairs (positive, negative) in one bin count one half; the exact value may count each 0 or
 * 1, so |error| <= sum_b pos_b * neg_b / (2 P N). AP (scikit-learn's step sum): the binned value
 * gives every positive of a bin the precision at the bin's lower edge; the exact precision of a
 * positive inside the bin lies in [(T0+1)/(T0+1+F1), T1/(T1+F0)] (T0, F0 above the bin; T1, F1
 * down to its lower edge), which bounds the error bin by bin.
 * Standard errors, for telling a change from sampling noise: ROC-AUC's is DeLong's (DeLong,
 * DeLong & Clarke-Pearson 1988: the variance of each positive's share of negatives ranked below
 * it over P, plus each negative's share of positives above it over N, ties in a bin counting one
 * half); average precision's is the binomial one of Boyd, Eng & Page (2013), sqrt(AP (1 - AP) / P).
 */
export function classCurves(
  pos: ArrayLike<number>,
  neg: ArrayLike<number>,
): {
  auc: number | null;
  aucBound: number | null;
  ap: number | null;
  apBound: number | null;
  aucSe: number | null;
  apSe: number | null;
} {
  // One pass for the totals and the ROC sums (N is the last `below`): the same additions, in the
  // same order, as two passes took.
  let P = 0;
  let N = 0;
  let sum = 0;
  let ties = 0;
  // DeLong's components as sums of squares: a positive's count of negatives below (ties half), squared.
  let below2 = 0;
  for (let b = 0; b < pos.length; b++) {
    const p = pos[b];
    const n = neg[b];
    P += p;
    const v = N + 0.5 * n;
    sum += p * v;
    below2 += p * v * v;
    ties += p * n;
    N += n;
  }
  let auc: number | null = null;
  let aucBound: number | null = null;
  if (P > 0 && N > 0) {
    auc = Math.min(1, sum / (P * N));
    aucBound = (0.5 * ties) / (P * N);
  }
  if (P === 0) return { auc, aucBound, ap: null, apBound: null, aucSe: null, apSe: null };
  let above2 = 0;
  let T0 = 0;
  let F0 = 0;
  let ap = 0;
  let apBound = 0;
  for (let b = pos.length - 1; b >= 0; b--) {
    const T1 = T0 + pos[b];
    const F1 = F0 + neg[b];
    // A negative's count of positives above it (ties half), squared, for DeLong's variance.
    const w = T0 + 0.5 * pos[b];
    above2 += neg[b] * w * w;
    if (pos[b] > 0) {
      const v = T1 / (T1 + F1);
      const lo = (T0 + 1) / (T0 + 1 + F1);
      const hi = T1 / (T1 + F0);
      ap += (pos[b] / P) * v;
      apBound += (pos[b] / P) * Math.max(hi - v, v - lo);
    }
    T0 = T1;
    F0 = F1;
  }
  // Sums of rounded fractions may pass 1 by an ulp; the report's schema holds fractions.
  const apValue = Math.min(1, ap);
  return {
    auc,
    aucBound,
    ap: apValue,
    apBound: Math.min(1, apBound),
    aucSe: auc === null ? null : delongSe(auc, P, N, below2, above2),
    apSe: Math.sqrt((apValue * (1 - apValue)) / P),
  };
}

/**
 * DeLong's standard error of an AUC from the sums of squares of its components (below2: the
 * positives' counts of negatives below, above2: the negatives' counts of positives above).
 * With one positive or one negative that side's variance is taken as 0.
 */
function delongSe(auc: number, P: number, N: number, below2: number, above2: number): number {
  const v10 = P > 1 ? Math.max(0, (below2 / (N * N) - P * auc * auc) / (P - 1)) : 0;
  const v01 = N > 1 ? Math.max(0, (above2 / (P * P) - N * auc * auc) / (N - 1)) : 0;
  return Math.sqrt(v10 / P + v01 / N);
}
