// Pairing base and head example by example. The two reports index classes differently (a class
// may be added, removed or reordered), so both are mapped by name into one union index space:
// base classes first, in base order, then classes only the head knows.

import { decodeExamples } from '../report/examples.js';
import type { Report, SplitExamples } from '../report/types.js';

export interface ClassUnion {
  names: string[];
  /** base index -> union index */
  fromBase: Uint32Array;
  /** head index -> union index */
  fromHead: Uint32Array;
  /** union index -> base index, or -1 */
  inBase: Int32Array;
  /** union index -> head index, or -1 */
  inHead: Int32Array;
}

export function unionClasses(base: readonly string[], head: readonly string[]): ClassUnion {
  const names = [...base];
  const at = new Map<string, number>();
  base.forEach((n, i) => at.set(n, i));
  const fromBase = Uint32Array.from(base, (_, i) => i);
  const fromHead = new Uint32Array(head.length);
  head.forEach((n, j) => {
    let u = at.get(n);
    if (u === undefined) {
      u = names.length;
      names.push(n);
      at.set(n, u);
    }
    fromHead[j] = u;
  });
  const inBase = new Int32Array(names.length).fill(-1);
  const inHead = new Int32Array(names.length).fill(-1);
  fromBase.forEach((u, i) => (inBase[u] = i));
  fromHead.forEach((u, j) => (inHead[u] = j));
  return { names, fromBase, fromHead, inBase, inHead };
}

/** One split's examples seen by both models, in the union index space. */
export type PairedSplit =
  | { task: 'multiclass'; n: number; classes: number; truth: Uint32Array; base: Uint32Array; head: Uint32Array }
  | {
      task: 'multilabel';
      n: number;
      classes: number;
      /** CSR over examples; the truth offsets are shared (the same examples). */
      truthOffsets: Uint32Array;
      truth: Uint32Array;
      baseOffsets: Uint32Array;
      base: Uint32Array;
      headOffsets: Uint32Array;
      head: Uint32Array;
    };

/** Supplies a report's decoded per-example data for a split (null when the report has none). */
export type ExampleSource = (report: Report, split: string, side: 'base' | 'head') => SplitExamples | null;

export const decodedFromReport: ExampleSource = (report, split) => {
  const enc = report.splits[split]?.predictions;
  return enc ? decodeExamples(enc, report.classes.length) : null;
};

function isIdentity(map: Uint32Array): boolean {
  for (let i = 0; i < map.length; i++) if (map[i] !== i) return false;
  return true;
}

/** Maps class indices into the union space; shares the array when the map is the identity. */
function mapAll(a: Uint32Array, map: Uint32Array, identity = isIdentity(map)): Uint32Array {
  if (identity) return a;
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = map[a[i]];
  return out;
}

/**
 * Pairs the split's examples when both reports carry them and the truths agree example by
 * example (by class name). Otherwise says why not, in words for `methods[split].why`.
 */
export function pairSplit(
  base: Report,
  head: Report,
  split: string,
  union: ClassUnion,
  source: ExampleSource,
): { paired: PairedSplit } | { why: string } {
  const bs = base.splits[split];
  const hs = head.splits[split];
  if (bs.fingerprints.labels !== hs.fingerprints.labels || bs.examples !== hs.examples)
    return { why: 'the two reports were evaluated on different examples (label fingerprints differ)' };
  if (base.task !== head.task) return { why: `the task changed (${base.task} → ${head.task})` };
  let be: SplitExamples | null;
  let he: SplitExamples | null;
  try {
    be = source(base, split, 'base');
    he = source(head, split, 'head');
  } catch (e) {
    return { why: `per-example predictions could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!be || !he) {
    const missing = !be && !he ? 'neither report carries' : `the ${!be ? 'base' : 'head'} report carries no`;
    return { why: `same examples, but ${missing} per-example predictions` };
  }
  if (be.n !== he.n || be.task !== he.task)
    return { why: 'the per-example predictions of the two reports do not line up' };
  const C = union.names.length;
  if (be.task === 'multiclass' && he.task === 'multiclass') {
    // Base indices are union indices (base classes come first in the union).
    const truth = be.truth;
    const headId = isIdentity(union.fromHead);
    const headTruth = mapAll(he.truth, union.fromHead, headId);
    for (let i = 0; i < be.n; i++)
      if (truth[i] !== headTruth[i]) return { why: `same fingerprint, but the truths differ at example ${i + 1}` };
    return {
      paired: {
        task: 'multiclass',
        n: be.n,
        classes: C,
        truth,
        base: be.pred,
        head: mapAll(he.pred, union.fromHead, headId),
      },
    };
  }
  if (be.task === 'multilabel' && he.task === 'multilabel') {
    const truth = be.truthIndices;
    const headTruth = mapAll(he.truthIndices, union.fromHead);
    const mark = new Uint32Array(C);
    for (let i = 0; i < be.n; i++) {
      const s = be.truthOffsets[i];
      const e = be.truthOffsets[i + 1];
      if (he.truthOffsets[i] !== s || he.truthOffsets[i + 1] !== e)
        return { why: `same fingerprint, but the truths differ at example ${i + 1}` };
      for (let j = s; j < e; j++) mark[truth[j]] = i + 1;
      for (let j = s; j < e; j++)
        if (mark[headTruth[j]] !== i + 1) return { why: `same fingerprint, but the truths differ at example ${i + 1}` };
    }
    return {
      paired: {
        task: 'multilabel',
        n: be.n,
        classes: C,
        truthOffsets: be.truthOffsets,
        truth,
        baseOffsets: be.predOffsets,
        base: be.predIndices,
        headOffsets: he.predOffsets,
        head: mapAll(he.predIndices, union.fromHead),
      },
    };
  }
  return { why: 'the per-example predictions of the two reports do not line up' };
}

/** Discordant pairs per union class, on positives (recall) and on negatives (false positives, for precision). */
export interface Discordant {
  /** Positives base found and head missed. */
  b: Float64Array;
  /** Positives head found and base missed. */
  c: Float64Array;
  /** Negatives head now predicts as the class and base did not (new false positives). */
  bFp: Float64Array;
  /** Negatives base predicted as the class and head no longer does. */
  cFp: Float64Array;
}

/** Examples whose prediction differs between base and head (multi-label: whose predicted set does). */
export function changedExamples(p: PairedSplit): number {
  let changed = 0;
  if (p.task === 'multiclass') {
    for (let i = 0; i < p.n; i++) if (p.base[i] !== p.head[i]) changed++;
    return changed;
  }
  // The base's set stamped with the example's number (+1), then the head's looked up in it.
  const stamp = new Uint32Array(p.classes);
  const { n, baseOffsets, base, headOffsets, head } = p;
  for (let i = 0; i < n; i++) {
    const size = baseOffsets[i + 1] - baseOffsets[i];
    if (headOffsets[i + 1] - headOffsets[i] !== size) {
      changed++;
      continue;
    }
    for (let j = baseOffsets[i]; j < baseOffsets[i + 1]; j++) stamp[base[j]] = i + 1;
    for (let j = headOffsets[i]; j < headOffsets[i + 1]; j++)
      if (stamp[head[j]] !== i + 1) {
        changed++;
        break;
      }
  }
  return changed;
}

/** One pass over the examples; cost O(examples + labels), memory O(classes). */
export function discordantCounts(p: PairedSplit): Discordant {
  const C = p.classes;
  const b = new Float64Array(C);
  const c = new Float64Array(C);
  const bFp = new Float64Array(C);
  const cFp = new Float64Array(C);
  if (p.task === 'multiclass') {
    const { truth, base, head, n } = p;
    for (let i = 0; i < n; i++) {
      const t = truth[i];
      const pb = base[i];
      const ph = head[i];
      if (pb === ph) continue; // same prediction: concordant for every class
      if (pb === t) b[t]++;
      else if (ph === t) c[t]++;
      if (ph !== t) bFp[ph]++; // head's new wrong prediction (base predicted something else)
      if (pb !== t) cFp[pb]++;
    }
    return { b, c, bFp, cFp };
  }
  // Bit flags per class for the current example: 1 truth, 2 base, 4 head.
  const flags = new Uint8Array(C);
  const touched: number[] = [];
  const { n, truthOffsets, truth, baseOffsets, base, headOffsets, head } = p;
  for (let i = 0; i < n; i++) {
    for (let j = truthOffsets[i]; j < truthOffsets[i + 1]; j++) {
      if (!flags[truth[j]]) touched.push(truth[j]);
      flags[truth[j]] |= 1;
    }
    for (let j = baseOffsets[i]; j < baseOffsets[i + 1]; j++) {
      if (!flags[base[j]]) touched.push(base[j]);
      flags[base[j]] |= 2;
    }
    for (let j = headOffsets[i]; j < headOffsets[i + 1]; j++) {
      if (!flags[head[j]]) touched.push(head[j]);
      flags[head[j]] |= 4;
    }
    for (const k of touched) {
      const f = flags[k];
      if (f === 3) b[k]++;
      else if (f === 5) c[k]++;
      else if (f === 4) bFp[k]++;
      else if (f === 2) cFp[k]++;
      flags[k] = 0;
    }
    touched.length = 0;
  }
  return { b, c, bFp, cFp };
}
