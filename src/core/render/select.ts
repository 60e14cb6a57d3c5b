// Which classes a reader should see, in which order. Shared by the Markdown and terminal
// renderers so both tell the same story: catastrophic losses first, then the most
// significant regressions; improvements by size; the full table worst first, so that when it
// must be cut, the rows that go are the least interesting ones.

import type { ClassDelta, ClassStatus, Comparison, Level } from '../compare/types.js';

const STATUS_RANK: Record<ClassStatus, number> = {
  catastrophic: 0,
  regression: 1,
  improvement: 2,
  noise: 3,
  'too-few': 4,
  unchanged: 5,
  ignored: 6,
  added: 7,
  removed: 8,
};

const byName = (a: ClassDelta, b: ClassDelta): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const deltaAsc = (a: ClassDelta, b: ClassDelta): number =>
  (a.delta ?? Number.POSITIVE_INFINITY) - (b.delta ?? Number.POSITIVE_INFINITY);

/** Split order: judged splits as the comparison lists them, then any other split seen on a class. */
export function splitOrder(cmp: Comparison): Map<string, number> {
  const order = new Map<string, number>();
  for (const s of [...cmp.splits.both, ...cmp.splits.onlyHead, ...cmp.splits.onlyBase])
    if (!order.has(s)) order.set(s, order.size);
  for (const c of cmp.classes) if (!order.has(c.split)) order.set(c.split, order.size);
  return order;
}

export interface ClassGroups {
  /** Recall regressions and catastrophic losses (a class whose precision alone regressed is not here). */
  regressions: ClassDelta[];
  /** Classes whose precision regressed (classes.precision). */
  precisionRegressions: ClassDelta[];
  improvements: ClassDelta[];
  noise: ClassDelta[];
  tooFew: ClassDelta[];
  ignored: ClassDelta[];
  /** Every class of every split, worst first within each split. */
  all: ClassDelta[];
  /** True when classes of more than one split are present, so items must name their split. */
  multiSplit: boolean;
}

/** The recall judgement of a class row: its status also turns 'regression' when only precision regressed. */
export function recallStatus(c: ClassDelta): ClassStatus {
  return c.status === 'catastrophic' ? c.status : (c.recallStatus ?? c.status);
}

/** The level of a class row's recall judgement (its `level` also carries a precision failure). */
export function recallLevel(c: ClassDelta): Level {
  return c.recallLevel ?? c.level;
}

/**
 * The q of the row's recall test (the mirror test's for an improvement). Undefined for a test
 * left out of the FDR family: its p is not a q and must not be shown as one.
 */
export function recallQ(c: ClassDelta): number | undefined {
  return recallStatus(c) === 'improvement' ? c.test?.qUp : c.test?.q;
}

/** A recall test was run but left out of the FDR family (the screen of docs/rules.md): it has a p and no q. */
export function outsideFamily(c: ClassDelta): boolean {
  return c.test?.p !== undefined && c.test.q === undefined;
}

export function groupClasses(cmp: Comparison): ClassGroups {
  const splits = splitOrder(cmp);
  const bySplit = (a: ClassDelta, b: ClassDelta): number => (splits.get(a.split) ?? 0) - (splits.get(b.split) ?? 0);
  const q = (c: ClassDelta): number => c.test?.q ?? c.test?.p ?? Number.POSITIVE_INFINITY;

  const regressions = cmp.classes
    .filter((c) => recallStatus(c) === 'catastrophic' || recallStatus(c) === 'regression')
    .sort(
      (a, b) =>
        STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
        (recallLevel(a) === recallLevel(b) ? 0 : recallLevel(a) === 'fail' ? -1 : recallLevel(b) === 'fail' ? 1 : 0) ||
        q(a) - q(b) ||
        deltaAsc(a, b) ||
        bySplit(a, b) ||
        byName(a, b),
    );
  const pq = (c: ClassDelta): number => c.precision?.test?.q ?? c.precision?.test?.p ?? Number.POSITIVE_INFINITY;
  const precisionRegressions = cmp.classes
    .filter((c) => c.precision?.status === 'regression')
    .sort((a, b) => pq(a) - pq(b) || bySplit(a, b) || byName(a, b));
  const improvements = cmp.classes
    .filter((c) => recallStatus(c) === 'improvement')
    .sort((a, b) => (b.delta ?? 0) - (a.delta ?? 0) || bySplit(a, b) || byName(a, b));
  const noise = cmp.classes
    .filter((c) => c.status === 'noise')
    .sort((a, b) => deltaAsc(a, b) || bySplit(a, b) || byName(a, b));
  const tooFew = cmp.classes
    .filter((c) => c.status === 'too-few')
    .sort((a, b) => deltaAsc(a, b) || bySplit(a, b) || byName(a, b));
  const ignored = cmp.classes.filter((c) => c.status === 'ignored').sort((a, b) => bySplit(a, b) || byName(a, b));
  const all = [...cmp.classes].sort(
    (a, b) => bySplit(a, b) || STATUS_RANK[a.status] - STATUS_RANK[b.status] || deltaAsc(a, b) || byName(a, b),
  );
  const multiSplit = new Set(cmp.classes.map((c) => c.split)).size > 1;
  return { regressions, precisionRegressions, improvements, noise, tooFew, ignored, all, multiSplit };
}

/** p at or below which the sign test's direction is called out. */
export const SIGN_TEST_LEVEL = 0.05;

/**
 * Whether the classes took damage: a class regressed (recall or precision), a support band
 * fell past its limit, or significantly more classes fell than rose on some split. Then
 * improvements are told after the damage, and a long list of them is collapsed.
 */
export function hasClassDamage(cmp: Comparison, g: ClassGroups): boolean {
  if (g.regressions.length || g.precisionRegressions.length) return true;
  return (cmp.classAggregates ?? []).some(
    (a) => a.bands.some((b) => b.level !== 'ok') || (a.fell > a.rose && a.signP <= SIGN_TEST_LEVEL),
  );
}

/** Splits in which base and head were not evaluated on the same examples. */
export function differentExampleSplits(cmp: Comparison): string[] {
  return Object.keys(cmp.sameExamples)
    .filter((s) => cmp.sameExamples[s] === false)
    .sort((a, b) => (splitOrder(cmp).get(a) ?? 0) - (splitOrder(cmp).get(b) ?? 0));
}

/**
 * Whether a gap change means worse generalization. `higherIsBetter` is the direction of the GAP
 * value, as the comparison engine sets it: false for an accuracy gap (a larger train - validation
 * gap is worse), true for a Hamming-loss gap (it falls as the model overfits).
 */
export function gapWidened(delta: number | null, higherIsBetter: boolean): boolean {
  if (delta === null) return false;
  return higherIsBetter ? delta < 0 : delta > 0;
}
