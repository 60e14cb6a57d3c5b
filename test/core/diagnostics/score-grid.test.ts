// The label grid: one cell per score whose octave bin, calibration bin and threshold slot are
// each exactly the ones the three partitions give on their own.
import {
  cellOf,
  ECE_BINS,
  eceBin,
  labelGrid,
  SCORE_BINS,
  scoreBin,
  TUNING_BINS,
  tuningCut,
} from '../../../src/core/diagnostics/score-grid.js';
import { binOf } from '../../../src/core/metrics/score-histograms.js';
import { Rng } from '../../../src/core/stats/rng.js';

const bits = new BigUint64Array(1);
const asDouble = new Float64Array(bits.buffer);
/** The double k steps from x (k = ±1: the neighbours). */
function step(x: number, k: number): number {
  asDouble[0] = x;
  bits[0] += BigInt(k);
  return asDouble[0];
}

/** Scores where the partitions change, with both neighbours, and random ones at every scale. */
function scores(): number[] {
  const out = [0, 1, 0.5];
  const edges: number[] = [];
  for (let b = 1; b <= TUNING_BINS; b++) edges.push(b / TUNING_BINS);
  for (let k = 1; k < ECE_BINS; k++) edges.push(k / ECE_BINS);
  for (let e = 1; e <= 21; e++) for (let m = 0; m < 64; m += 7) edges.push(2 ** -e * (1 + m / 64));
  for (const x of edges)
    for (const y of [x, 1 - x])
      for (const k of [-1, 0, 1]) {
        const z = step(y, k);
        if (z >= 0 && z <= 1) out.push(z);
      }
  const rng = new Rng(5);
  for (let i = 0; i < 20_000; i++) {
    const s = rng.uniform() ** (1 + 25 * rng.uniform());
    out.push(s, 1 - s, Math.round(s * 1e3) / 1e3, Math.round(s * 1e4) / 1e4, Math.fround(s));
  }
  return out;
}

describe('the label grid', () => {
  const all = scores();
  const grid = labelGrid();

  it('counts a score at or above a threshold b / 1000 exactly as the threshold histograms do', () => {
    expect(all.filter((s) => tuningCut(s) + 1 !== binOf(s, TUNING_BINS))).toEqual([]);
    // tuningCut's literal is TUNING_BINS: each cut counts itself.
    const cuts = Array.from({ length: TUNING_BINS + 1 }, (_, b) => b);
    expect(cuts.filter((b) => tuningCut(b / TUNING_BINS) !== b)).toEqual([]);
  });

  it("gives every score a cell whose three bins are the score's own", () => {
    let mismatches = 0;
    for (const s of all) {
      const cell = cellOf(s);
      if (grid.bin[cell] !== scoreBin(s) || grid.ece[cell] !== eceBin(s) || grid.slot[cell] !== tuningCut(s) + 1)
        mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(grid.cells).toBe(cellOf(1) + 1);
    expect(grid.bin[grid.cells - 1]).toBe(SCORE_BINS - 1);
    expect(grid.ece[grid.cells - 1]).toBe(ECE_BINS - 1);
    expect(grid.slot[grid.cells - 1]).toBe(TUNING_BINS + 1);
  });

  it('is monotone in the score', () => {
    const sorted = [...all].sort((a, b) => a - b);
    let descents = 0;
    for (let i = 1; i < sorted.length; i++) if (cellOf(sorted[i]) < cellOf(sorted[i - 1])) descents++;
    expect(descents).toBe(0);
  });
});
