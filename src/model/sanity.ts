// Watches a model's raw outputs over one split and reports what looks broken in them: non-finite
// scores, the same output for every example, and scores that are not probabilities although the
// model ends in softmax/sigmoid. What the predictions say (constant or collapsed onto one class,
// a class never predicted, chance level) is judged from the report itself, for model runs and
// prediction files alike (src/core/report/sanity.ts).
// Pure bookkeeping: memory grows with output columns, not examples.

import type { SanityFinding } from '../core/report/types.js';

export interface SanityOptions {
  split: string;
  /** Output columns per example. */
  outputs: number;
  /** 'softmax': rows must be in [0, 1] and sum to 1; 'sigmoid': values in [0, 1]; null: not checked. */
  expect: 'softmax' | 'sigmoid' | null;
}

const EPS_RANGE = 1e-4;
const EPS_SUM = 1e-3;
const CONSTANT = 1e-6;

export class SanityTracker {
  private n = 0;
  private nonFinite = 0;
  private firstNonFinite = -1;
  private outOfRange = 0;
  private firstBadRow = -1;
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(private readonly o: SanityOptions) {
    this.min = new Float64Array(o.outputs).fill(Infinity);
    this.max = new Float64Array(o.outputs).fill(-Infinity);
  }

  /** One batch of raw outputs (n x outputs, row-major). */
  observeOutputs(scores: Float32Array | Int32Array | Uint8Array, n: number): void {
    const c = this.o.outputs;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      let rowBad = false;
      for (let j = 0; j < c; j++) {
        const v = scores[i * c + j];
        if (!Number.isFinite(v)) {
          this.nonFinite++;
          if (this.firstNonFinite < 0) this.firstNonFinite = this.n + i;
          continue;
        }
        if (v < this.min[j]) this.min[j] = v;
        if (v > this.max[j]) this.max[j] = v;
        sum += v;
        if (this.o.expect && (v < -EPS_RANGE || v > 1 + EPS_RANGE)) rowBad = true;
      }
      if (this.o.expect === 'softmax' && c > 1 && Math.abs(sum - 1) > EPS_SUM) rowBad = true;
      if (rowBad) {
        this.outOfRange++;
        if (this.firstBadRow < 0) this.firstBadRow = this.n + i;
      }
    }
    this.n += n;
  }

  findings(): SanityFinding[] {
    const out: SanityFinding[] = [];
    const { split } = this.o;
    const n = this.n;
    if (n === 0) return out;
    if (this.nonFinite > 0)
      out.push({
        level: 'fail',
        split,
        code: 'non-finite',
        message: `${this.nonFinite} model outputs are NaN or infinite (first in example ${this.firstNonFinite + 1})`,
      });
    let range = 0;
    for (let j = 0; j < this.o.outputs; j++)
      if (this.max[j] >= this.min[j]) range = Math.max(range, this.max[j] - this.min[j]);
    if (n >= 2 && range < CONSTANT && this.nonFinite < n * this.o.outputs)
      out.push({
        level: 'fail',
        split,
        code: 'constant-output',
        message: `the model gives the same output for all ${n} examples`,
      });
    if (this.outOfRange > 0 && this.o.expect) {
      const what = this.o.expect === 'softmax' ? 'rows in [0, 1] summing to 1 (softmax)' : 'values in [0, 1] (sigmoid)';
      out.push({
        level: 'warn',
        split,
        code: 'not-probabilities',
        message: `${this.outOfRange} of ${n} output rows are not probabilities; expected ${what} (first: example ${this.firstBadRow + 1})`,
      });
    }
    return out;
  }
}
