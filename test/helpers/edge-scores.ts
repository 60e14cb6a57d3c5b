// Scores where the score partitions of score-grid.ts change (the threshold cuts, the calibration
// bins' edges, the octave bins'), with both neighbouring doubles, and random ones at every scale:
// where a bin computed two ways would disagree first.
import { ECE_BINS, TUNING_BINS } from '../../src/core/diagnostics/score-grid.js';
import { Rng } from '../../src/core/stats/rng.js';

const bits = new BigUint64Array(1);
const asDouble = new Float64Array(bits.buffer);
/** The double k steps from x (k = ±1: the neighbours). */
function step(x: number, k: number): number {
  asDouble[0] = x;
  bits[0] += BigInt(k);
  return asDouble[0];
}

/** The scores, in no order; all in [0, 1]. */
export function edgeScores(): number[] {
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
