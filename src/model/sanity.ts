// Watches a model's raw outputs and predictions over one split and reports what looks broken:
// non-finite scores, constant output, predictions collapsed onto one class, scores that are not
// probabilities although the model ends in softmax/sigmoid, and accuracy (multi-label: micro-F1)
// at chance level.
// Pure bookkeeping: memory grows with classes, not examples.

import type { SanityFinding, Task } from '../core/report/types.js';

export interface SanityOptions {
  split: string;
  task: Task;
  /** Output columns per example. */
  outputs: number;
  /** Classes of the evaluation (output columns, or 2 for a single sigmoid output). */
  classes: number;
  /** Class names by index, when known. */
  classNames?: readonly string[];
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
  private readonly predCount: Float64Array;
  private readonly truthCount: Float64Array;
  private correct = 0;
  /** Multi-label: examples predicted positive for a class that truly has it, summed over classes. */
  private truePositives = 0;
  private readonly stamp: Int32Array;
  private row = 0;

  private className(k: number): string {
    const name = this.o.classNames?.[k];
    return name === undefined ? `index ${k}` : `class ${JSON.stringify(name)}`;
  }

  constructor(private readonly o: SanityOptions) {
    this.min = new Float64Array(o.outputs).fill(Infinity);
    this.max = new Float64Array(o.outputs).fill(-Infinity);
    this.predCount = new Float64Array(o.classes);
    this.truthCount = new Float64Array(o.classes);
    this.stamp = new Int32Array(o.classes).fill(-1);
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

  /** Multiclass truth and predictions of the same batch. */
  observeClasses(truth: Uint32Array, pred: Uint32Array, n: number): void {
    for (let i = 0; i < n; i++) {
      this.truthCount[truth[i]]++;
      this.predCount[pred[i]]++;
      if (truth[i] === pred[i]) this.correct++;
    }
  }

  /** Multi-label truth and predictions of the same batch (CSR: row i is indices[offsets[i]..offsets[i+1])). */
  observeLabels(
    truthOffsets: Uint32Array,
    truthIndices: Uint32Array,
    predOffsets: Uint32Array,
    predIndices: Uint32Array,
    n: number,
  ): void {
    for (let i = 0; i < n; i++, this.row++) {
      for (let k = truthOffsets[i]; k < truthOffsets[i + 1]; k++) {
        const j = truthIndices[k];
        if (j >= this.o.classes || this.stamp[j] === this.row) continue;
        this.stamp[j] = this.row;
        this.truthCount[j]++;
      }
      for (let k = predOffsets[i]; k < predOffsets[i + 1]; k++) {
        const j = predIndices[k];
        if (j >= this.o.classes) continue;
        this.predCount[j]++;
        if (this.stamp[j] === this.row) this.truePositives++;
      }
    }
  }

  /**
   * Multi-label chance: micro-F1 no better than predictions that ignore the input would score,
   * the better of guessing each class at its base rate p (expected micro-F1 sum p^2 / sum p) and
   * guessing at the model's own per-class rates q independently of the truth (2 sum pq / (sum p + sum q)).
   */
  private labelChance(n: number): SanityFinding | null {
    let p = 0;
    let p2 = 0;
    let q = 0;
    let pq = 0;
    let varTp = 0;
    for (let j = 0; j < this.o.classes; j++) {
      const pj = this.truthCount[j] / n;
      const qj = this.predCount[j] / n;
      p += pj;
      p2 += pj * pj;
      q += qj;
      pq += pj * qj;
      varTp += n * pj * qj * (1 - pj * qj);
    }
    if (n < 30 || p === 0) return null;
    const baseRate = p2 / p;
    const independent = (2 * pq) / (p + q);
    const chance = Math.max(baseRate, independent);
    const f1 = (2 * this.truePositives) / (n * (p + q));
    // Two standard deviations of micro-F1 under independence (the true-positive count drives it).
    const noise = (2 * 2 * Math.sqrt(varTp)) / (n * (p + q));
    if (f1 > chance + noise) return null;
    return {
      level: 'warn',
      split: this.o.split,
      code: 'chance-level',
      message: `micro-F1 ${(100 * f1).toFixed(1)}% is within noise of chance (${(100 * chance).toFixed(1)}%: ${baseRate >= independent ? 'guessing each class at its base rate' : "guessing at the model's own rates, ignoring the input"})`,
    };
  }

  findings(): SanityFinding[] {
    const out: SanityFinding[] = [];
    const { split, task } = this.o;
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
    const constant = n >= 2 && range < CONSTANT && this.nonFinite < n * this.o.outputs;
    if (constant)
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
    if (task === 'multilabel') {
      const f = this.labelChance(n);
      if (f) out.push(f);
    }
    if (task !== 'multiclass') return out;
    const supported = [...this.truthCount].filter((c) => c > 0).length;
    let top = 0;
    for (let k = 1; k < this.o.classes; k++) if (this.predCount[k] > this.predCount[top]) top = k;
    const topShare = this.predCount[top] / n;
    if (!constant && supported >= 2 && n >= 10 && topShare >= 0.95 && this.truthCount[top] / n < 0.8)
      out.push({
        level: topShare === 1 ? 'fail' : 'warn',
        split,
        code: 'collapsed',
        message: `${(100 * topShare).toFixed(1)}% of predictions are one class (${this.className(top)}), which is the truth for only ${((100 * this.truthCount[top]) / n).toFixed(1)}%`,
      });
    // Chance: the better of guessing uniformly and always answering the majority class.
    const majority = Math.max(...this.truthCount) / n;
    const chance = Math.max(1 / this.o.classes, majority);
    const acc = this.correct / n;
    const noise = 2 * Math.sqrt((chance * (1 - chance)) / n);
    if (n >= 30 && supported >= 2 && acc <= chance + noise)
      out.push({
        level: 'warn',
        split,
        code: 'chance-level',
        message: `accuracy ${(100 * acc).toFixed(1)}% is within noise of chance (${(100 * chance).toFixed(1)}%: ${majority >= 1 / this.o.classes ? 'majority class' : `1/${this.o.classes}`})`,
      });
    return out;
  }
}
