// Turns label text from a data file into class indices, with errors that name the place.

import { ClassIndex, UnknownClassError } from '../../core/classes.js';
import { InputError } from '../types.js';

/** "3.0" -> "3" so that float label columns match integer class names. */
function canonicalNumber(s: string): string | null {
  if (!/^[+-]?\d+(\.0*)?$/.test(s)) return null;
  return String(parseInt(s, 10));
}

export function classIndexOf(classes: ClassIndex, raw: string, file: string, where: string): number {
  const name = raw.trim();
  if (name === '') throw new InputError(file, where, 'empty label');
  if (classes.has(name)) return classes.indexOf(name);
  const alt = canonicalNumber(name);
  if (alt !== null && classes.has(alt)) return classes.indexOf(alt);
  // Text is decoded leniently; a replacement character in a new name means invalid UTF-8 bytes.
  if (name.includes('\uFFFD'))
    throw new InputError(file, where, `label ${JSON.stringify(name)} is not valid UTF-8; expected a UTF-8 text file`);
  try {
    return classes.indexOf(alt ?? name);
  } catch (e) {
    if (e instanceof UnknownClassError) {
      const shown =
        classes.names.length <= 12 ? classes.names.join(', ') : `${classes.names.slice(0, 12).join(', ')}, ...`;
      throw new InputError(
        file,
        where,
        `label ${JSON.stringify(name)} is not one of the model's classes (${shown}); name the classes in the configuration`,
      );
    }
    throw e;
  }
}

/** Multi-label text "a|b|c" (empty = no label) to sorted unique indices. */
export function labelSetOf(classes: ClassIndex, raw: string, file: string, where: string): number[] {
  const t = raw.trim();
  if (t === '') return [];
  const set = new Set<number>();
  for (const part of t.split('|')) if (part.trim() !== '') set.add(classIndexOf(classes, part, file, where));
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
