// Turns label text from a data file into class indices, with errors that name the place.

import type { ClassIndex } from '../../core/classes.js';
import { classIndexOf } from '../names.js';
import { InputError } from '../types.js';

/** "3.0" -> "3" so that float label columns match integer class names. */
function canonicalNumber(s: string): string | null {
  if (!/^[+-]?\d+(\.0*)?$/.test(s)) return null;
  return String(parseInt(s, 10));
}

/**
 * A label from a data file (CSV cell, NumPy value, image folder name) as a class index: trimmed,
 * "3.0" read as class "3" when that class exists; the rest is ../names.ts's classIndexOf.
 */
export function labelIndexOf(classes: ClassIndex, raw: string, file: string, where: string): number {
  const name = raw.trim();
  if (name === '') throw new InputError(file, where, 'label is empty; expected a class name');
  const alt = canonicalNumber(name);
  return classIndexOf(classes, alt !== null && !classes.has(name) ? alt : name, file, where, 'label');
}

/** Multi-label text "a|b|c" (empty = no label) to sorted unique indices. */
export function labelSetOf(classes: ClassIndex, raw: string, file: string, where: string): number[] {
  const t = raw.trim();
  if (t === '') return [];
  const set = new Set<number>();
  for (const part of t.split('|')) if (part.trim() !== '') set.add(labelIndexOf(classes, part, file, where));
  return [...set].sort((a, b) => a - b);
}

/** Accumulates CSR label sets for one batch. */
export class CsrBuilder {
  private offsets: number[] = [0];
  private indices: number[] = [];
  push(labels: readonly number[]): void {
    for (const l of labels) this.indices.push(l);
    this.offsets.push(this.indices.length);
  }
  take(): { truthOffsets: Uint32Array; truthIndices: Uint32Array } {
    const out = { truthOffsets: Uint32Array.from(this.offsets), truthIndices: Uint32Array.from(this.indices) };
    this.offsets = [0];
    this.indices = [];
    return out;
  }
}
