// Streaming Poisson bootstrap over examples. Each example gets an independent Poisson(1)
// weight per resample and adds its weighted contributions (e.g. one true positive of class k)
// into a small accumulator; a statistic is then read off the accumulator. Nothing is ever
// resampled into a copy of the data.
//
// Examples with identical contributions are grouped first: the summed weight of a group of
// `count` examples is Poisson(count), drawn exactly in one step. That is the same distribution
// as drawing every example's weight, at a cost proportional to the number of distinct
// contribution patterns (about classes + confusions) instead of examples.

import { fillPoisson, type Rng } from './rng.js';

export interface WeightedGroups {
  /** Length of the accumulator the contributions index into. */
  width: number;
  /** Number of groups. */
  size: number;
  /** Examples in each group. */
  count: Float64Array;
  /** Group g contributes value[j] at index[j] for j in [offsets[g], offsets[g+1]). */
  offsets: Uint32Array;
  index: Uint32Array;
  value: Float64Array;
}

/** Collects examples into groups by a key that identifies their contribution pattern. */
export class GroupBuilder {
  private readonly byKey = new Map<number | string, number>();
  private count: number[] = [];
  private offsets: number[] = [0];
  private index: number[] = [];
  private value: number[] = [];

  constructor(readonly width: number) {}

  /** Adds one example. `contribute` is called only for the first example of a group. */
  add(key: number | string, contribute: (push: (index: number, value: number) => void) => void): void {
    const g = this.byKey.get(key);
    if (g !== undefined) {
      this.count[g]++;
      return;
    }
    this.byKey.set(key, this.count.length);
    this.count.push(1);
    contribute((i, v) => {
      if (i < 0 || i >= this.width) throw new RangeError(`contribution index ${i} outside the accumulator`);
      this.index.push(i);
      this.value.push(v);
    });
    this.offsets.push(this.index.length);
  }

  build(): WeightedGroups {
    return {
      width: this.width,
      size: this.count.length,
      count: Float64Array.from(this.count),
      offsets: Uint32Array.from(this.offsets),
      index: Uint32Array.from(this.index),
      value: Float64Array.from(this.value),
    };
  }
}

/** Reads statistics off an accumulator into `out`. */
export type Statistic = (acc: Float64Array, out: Float64Array) => void;

/** The statistics on the data itself (every example weighted 1). */
export function pointEstimate(groups: WeightedGroups, nStats: number, statistic: Statistic): Float64Array {
  const acc = new Float64Array(groups.width);
  for (let g = 0; g < groups.size; g++) {
    const w = groups.count[g];
    for (let j = groups.offsets[g]; j < groups.offsets[g + 1]; j++) acc[groups.index[j]] += w * groups.value[j];
  }
  const out = new Float64Array(nStats);
  statistic(acc, out);
  return out;
}

/**
 * Runs `resamples` Poisson-bootstrap resamples; returns one array per statistic holding its
 * value in every resample (resample r at index r).
 */
export function poissonBootstrap(
  groups: WeightedGroups,
  resamples: number,
  rng: Rng,
  nStats: number,
  statistic: Statistic,
): Float64Array[] {
  const results = Array.from({ length: nStats }, () => new Float64Array(resamples));
  const acc = new Float64Array(groups.width);
  const out = new Float64Array(nStats);
  const { count, offsets, index, value, size } = groups;
  const weights = new Int32Array(size);
  // Counting contributions (all 1) skip the multiply.
  const unit = value.every((v) => v === 1);
  for (let r = 0; r < resamples; r++) {
    fillPoisson(rng, count, weights);
    acc.fill(0);
    if (unit)
      for (let g = 0; g < size; g++) {
        const w = weights[g];
        if (w === 0) continue;
        for (let j = offsets[g], end = offsets[g + 1]; j < end; j++) acc[index[j]] += w;
      }
    else
      for (let g = 0; g < size; g++) {
        const w = weights[g];
        if (w === 0) continue;
        for (let j = offsets[g], end = offsets[g + 1]; j < end; j++) acc[index[j]] += w * value[j];
      }
    statistic(acc, out);
    for (let s = 0; s < nStats; s++) results[s][r] = out[s];
  }
  return results;
}

/** Quantile with linear interpolation between order statistics (numpy's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Percentile interval of bootstrap values at two-sided `level`; NaN values (undefined resamples) are left out. */
export function percentileInterval(
  values: ArrayLike<number>,
  level: number,
): { lo: number; hi: number; level: number } | null {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length < 2) return null;
  const sorted = Float64Array.from(finite).sort();
  const a = (1 - level) / 2;
  return { lo: quantileSorted(sorted, a), hi: quantileSorted(sorted, 1 - a), level };
}
