// Test helpers for reports: accumulators fed from class NAMES through a ClassIndex, as readers do.
import { createHash } from 'node:crypto';
import { ClassIndex } from '../../../src/core/classes.js';
import { createAccumulator, type Accumulator } from '../../../src/core/metrics/accumulator.js';
import { buildReport } from '../../../src/core/report/build.js';
import type { Report, Task } from '../../../src/core/report/types.js';
import { multiclassBatch, multilabelBatch, rng } from '../metrics/batches.js';

export interface NamedSplit {
  truth: (string | string[])[];
  pred: (string | string[])[];
}

export function feedNames(acc: Accumulator, index: ClassIndex, s: NamedSplit, batch = 64): void {
  for (let i = 0; i < s.truth.length; i += batch) {
    const t = s.truth.slice(i, i + batch);
    const p = s.pred.slice(i, i + batch);
    if (acc.task === 'multiclass') {
      acc.update(
        multiclassBatch(
          t.map((x) => index.indexOf(x as string)),
          p.map((x) => index.indexOf(x as string)),
        ),
      );
    } else {
      const ids = (xs: (string | string[])[]) => xs.map((x) => (x as string[]).map((n) => index.indexOf(n)));
      acc.update(multilabelBatch(ids(t), ids(p)));
    }
  }
}

export function randomNamedSplit(task: Task, n: number, names: string[], seed: number): NamedSplit {
  const r = rng(seed);
  const pick = () => names[Math.floor(r() ** 2 * names.length)];
  if (task === 'multiclass') {
    const truth = Array.from({ length: n }, pick);
    return { truth, pred: truth.map((t) => (r() < 0.75 ? t : pick())) };
  }
  const set = () => [...new Set(Array.from({ length: Math.floor(r() * 4) }, pick))];
  const truth = Array.from({ length: n }, set);
  return { truth, pred: truth.map((t) => (r() < 0.5 ? t : set())) };
}

export function reportOf(
  task: Task,
  index: ClassIndex,
  splits: Record<string, NamedSplit>,
  extra: Partial<Parameters<typeof buildReport>[0]> = {},
): Report {
  return buildReport({
    task,
    classes: index,
    splits: Object.entries(splits).map(([name, s]) => {
      const acc = createAccumulator(task);
      feedNames(acc, index, s);
      return { name, acc, files: [fakeFile(name, s)] };
    }),
    createdAt: '2026-11-28T00:00:00.000Z',
    toolVersion: '0.0.0-test',
    ...extra,
  });
}

/** A stand-in for a reader's file fingerprint: the hash of the split's content. */
export function fakeFile(name: string, s: NamedSplit) {
  const text = JSON.stringify(s);
  return { path: `${name}.csv`, sha256: createHash('sha256').update(text).digest('hex'), bytes: text.length };
}

export const NAMES = ['cat', 'dog', 'c10', 'c2', 'c1', 'Émile', 'bird', 'c20'];
