// The label grid: one cell per score whose octave bin, calibration bin and threshold slot are
// each exactly the ones the three partitions give on their own.
import {
  cellOf,
  ECE_BINS,
  eceBin,
  edgeGuess,
  firstAtLeast,
  labelGrid,
  SCORE_BINS,
  scoreBin,
  TUNING_BINS,
  tuningCut,
} from '../../../src/core/diagnostics/score-grid.js';
import { binOf } from '../../../src/core/metrics/score-histograms.js';
import { edgeScores } from '../../helpers/edge-scores.js';

describe('the label grid', () => {
  const all = edgeScores();
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

  it('finds every edge where its bin starts by definition, and the same edge by bisection', () => {
    const parts = { scoreBin, eceBin, tuningCut };
    const found: Record<string, number> = {};
    const differ: string[] = [];
    for (const [name, f] of Object.entries(parts))
      for (let v = f(0) + 1; v <= f(1); v++) {
        found[name] = (found[name] ?? 0) + 1;
        const [guess, bisected] = [edgeGuess(f, v), firstAtLeast(f, v)];
        if (guess !== bisected || f(bisected) < v) differ.push(`${name} ${v}: ${guess} ${bisected}`);
      }
    expect(found).toEqual({ scoreBin: SCORE_BINS - 1, eceBin: ECE_BINS - 1, tuningCut: TUNING_BINS });
    expect(differ).toEqual([]);
  });
});
