// The bins a score is counted in. Three partitions of [0, 1] serve three purposes: the octave
// bins (scoreBin: ROC-AUC and average precision), the 15 calibration bins (eceBin) and the 1,000
// threshold cuts of the per-class threshold search (tuningCut: 0.000, 0.001, ..., 1.000). A
// multi-label score is counted once, in the cell of the three partitions' common refinement
// (cellOf = the sum of the three bins, as each is monotone in the score), and each partition's
// counts are sums of cells afterwards (labelGrid): one increment per score instead of three
// (`npm run bench -- diagnostics`).

import { DEFAULT_BINS } from '../metrics/score-histograms.js';

/**
 * Histogram bins per class, on the binary logarithm of the score below 1/2 and of its complement
 * above (the log-odds' two asymptotes): OCTAVE_BINS per octave from 2^-LOW_OCTAVES to 1/2 (the
 * middle bin), mirrored above on 1 - s; the first and last bins take the rest (0 and 1 included). A bin is
 * about 1.1% of the score (or of 1 - s) wide, and is read from the score with a few integer
 * operations: this is the hot loop of the threshold-free metrics (`npm run bench -- diagnostics`).
 */
export const OCTAVE_BINS = 64;
/** 2^-LOW_OCTAVES is the lowest score (or 1 - s) with bins of its own: 19 octaves up to 1/2. */
export const LOW_OCTAVES = 20;
/** The middle bin, 1/2's. */
const MIDDLE = (LOW_OCTAVES - 1) * OCTAVE_BINS;
export const SCORE_BINS = 2 * MIDDLE + 1;
/** Calibration bins (Guo et al. 2017 use 15). */
export const ECE_BINS = 15;
/** The tuning summary's threshold cuts are multiples of 1 / TUNING_BINS: `modelgate thresholds`'s default. */
export const TUNING_BINS = DEFAULT_BINS;

/**
 * The bin of a probability, monotone in it (as the AUC and AP bounds need). u = min(s, 1 - s)
 * (1 - s is exact for s >= 1/2) is read as the integer q = u * 2^31: its leading one gives the
 * octave, the 6 bits after it the bin inside the octave (q >= 2^11 keeps 11 bits of u).
 */
export function scoreBin(s: number): number {
  // Branch-free (selects by arithmetic): scores of 0 mixed with others would mispredict (3x slower).
  // Literals, not the constants above (V8 reads module constants from memory: 1.4x slower here):
  // 2048 = 2^(31 - LOW_OCTAVES) (below it, the first bin), 20 = LOW_OCTAVES, 64 = OCTAVE_BINS,
  // 2432 = 2 * MIDDLE (the tests check the ends and the middle).
  const high = ((s > 0.5) as unknown as number) | 0;
  // 1 - 2s and s + (1 - 2s) = 1 - s are exact for s >= 1/2.
  let q = ((s + high * (1 - 2 * s)) * 2147483648) | 0;
  q += (2048 - q) & ((q - 2048) >> 31);
  const k = Math.clz32(q);
  // The 7 bits from the leading one, less the leading one: the bin in the octave.
  const lo = ((20 - k) << 6) + ((q << k) >>> 25) - 64;
  return lo + high * (2432 - 2 * lo);
}

/** The calibration bin of a score in [0, 1] (1 in the last). */
export function eceBin(s: number): number {
  return Math.min((s * 15) | 0, 14);
}

/** b / TUNING_BINS for b = 0..TUNING_BINS, then a cut no score reaches (score-kernel.ts copies them). */
export const TUNING_CUTS = Float64Array.from({ length: TUNING_BINS + 2 }, (_, b) =>
  b <= TUNING_BINS ? b / TUNING_BINS : Infinity,
);

/**
 * The number of cuts b / 1000 (b >= 1) at or below a score in [0, 1]: exactly, with the double
 * comparison the readers decide with (the product s * 1000 may round across a cut, and is then
 * corrected by one). Its slot in the threshold histograms (score-histograms.ts's binOf) is this + 1.
 */
export function tuningCut(s: number): number {
  // 1000 = TUNING_BINS, a literal (see scoreBin; the tests check the two agree).
  let b = (s * 1000) | 0;
  b -= ((s < TUNING_CUTS[b]) as unknown as number) | 0;
  return b + (((s >= TUNING_CUTS[b + 1]) as unknown as number) | 0);
}

/** The cell of a score in [0, 1] in labelGrid(). */
export function cellOf(s: number): number {
  return scoreBin(s) + eceBin(s) + tuningCut(s);
}

/** The cells of the common refinement, and each cell's bin in the three partitions. */
export interface LabelGrid {
  cells: number;
  bin: Uint16Array;
  ece: Uint8Array;
  /** The threshold histograms' slot (tuningCut + 1). */
  slot: Uint16Array;
}

let grid: LabelGrid | null = null;

/**
 * The grid, built once: each partition's bin changes at its own edges, so every score between two
 * consecutive edges has the same three bins, and so the cell those edges' first score has. An
 * edge is where its bin's definition puts it (`edgeGuess`) when the partition's function says so
 * (its bin there, and one less at the double below: exact, as the function is monotone), else it
 * is found by bisection over the doubles in [0, 1] (the tests check every guess against it). By
 * bisection alone, 220,000 calls mostly before the functions are compiled, the grid took 22-29 ms
 * of the reading thread at every multi-label evaluation's start (39-56 ms in a busier hour); this
 * way 5-10 ms (10-18 ms). Every guess is above 0.
 */
export function labelGrid(): LabelGrid {
  if (grid) return grid;
  const parts = [scoreBin, eceBin, tuningCut];
  const edges = new Set<number>([0]);
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

/**
 * Takes a grid another thread built (a worker is handed the reading thread's: built here it
 * costs the worker 20-80 ms at its start, while the reader fills the pipe). Checked to be a grid
 * of this module's shape, else ignored (built here when needed).
 */
export function seedLabelGrid(g: LabelGrid): void {
  const cells = cellOf(1) + 1;
  const ok =
    g.cells === cells &&
    g.bin instanceof Uint16Array &&
    g.ece instanceof Uint8Array &&
    g.slot instanceof Uint16Array &&
    g.bin.length === cells &&
    g.ece.length === cells &&
    g.slot.length === cells;
  if (ok) grid ??= g;
}

/**
 * Where bin v of a partition starts by its definition: v / 15 and v / 1000 (the cuts), and for
 * scoreBin the start of an octave bin, 2^(o - 20) (1 + m / 64) for v = 64 o + m up to the middle
 * bin, and above it the double after 1 - (the start of the mirrored bin). labelGrid checks each.
 */
export function edgeGuess(f: (s: number) => number, v: number): number {
  if (f === eceBin) return v / ECE_BINS;
  if (f === tuningCut) return TUNING_CUTS[v];
  const start = (b: number) => 2 ** (Math.floor(b / OCTAVE_BINS) - LOW_OCTAVES) * (1 + (b % OCTAVE_BINS) / OCTAVE_BINS);
  return v <= MIDDLE ? start(v) : nextDouble(1 - start(2 * MIDDLE + 1 - v), 1n);
}

const bits = new BigUint64Array(1);
const asDouble = new Float64Array(bits.buffer);

/**
 * The smallest double in [0, 1] at which the monotone f reaches v (f(1) >= v): a bisection over
 * the bit patterns (non-negative doubles order as theirs). labelGrid's fallback, and the tests'
 * check of its guesses.
 */
export function firstAtLeast(f: (s: number) => number, v: number): number {
  let lo = 0n;
  asDouble[0] = 1;
  let hi = bits[0];
  while (lo < hi) {
    const mid = (lo + hi) >> 1n;
    bits[0] = mid;
    if (f(asDouble[0]) >= v) hi = mid;
    else lo = mid + 1n;
  }
  bits[0] = lo;
  return asDouble[0];
}

/** The double `steps` (±1) from x, a non-negative double (and not 0 going down). */
function nextDouble(x: number, steps: 1n | -1n): number {
  asDouble[0] = x;
  bits[0] += steps;
  return asDouble[0];
}
