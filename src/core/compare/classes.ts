// Per-class judgement: one test per class and split (paired exact McNemar when both models saw
// the same examples, Newcombe otherwise), a screen (bhScreen, after Tarone's) to set aside classes
// too small to ever reach significance ('too-few'), Benjamini-Hochberg/Yekutieli over all remaining tests
// of the comparison, and a practical-size floor on the drop. The catastrophic rule (found >= k
// before, none now) stands on its own, whatever the support. With replicate seeds, a class's
// recall (and precision) change is the mean over the runs and its p-values take the
// between-seed spread too.

import type { Report } from '../report/types.js';
import { mcnemarOneSided } from '../stats/binomial.js';
import { adjustPValues, bhScreen } from '../stats/fdr.js';
import { newcombeInterval, newcombeOneSidedP, pairedWaldInterval } from '../stats/proportions.js';
import { runValues, seedAdjusted, seedPValues, type RunValue } from './seeds.js';
import type { ClassDelta, ClassStatus, ClassTest, Level } from './types.js';
import type { ClassUnion, Discordant } from './pairing.js';
import type { GateRules } from './rules.js';
import { fmtQ, quoteName } from './format.js';

/** Tolerance for comparing a drop with the configured minimum (fractions computed from counts). */
const EPS = 1e-12;

export interface Finding {
  level: Level;
  /** What kind of finding, most important first: 0 sanity, 1 catastrophic, 2 headline, 3 class, 4 gap, 5 other. */
  category: number;
  /** Lower sorts first among findings of the same level. */
  rank: number;
  text: string;
}

interface Candidate {
  row: ClassDelta;
  split: string;
  measure: 'recall' | 'precision';
  base: { found: number; support: number };
  head: { found: number; support: number };
  delta: number;
  test: ClassTest;
  pUp: number;
  /** The smallest p this test could give on its data (paired: given its discordant examples), for the screen (bhScreen). */
  minP: number;
  /** The smallest p any data of this support could give: below the screen's cut-off, the class is too few to judge. */
  minPSupport: number;
  paired: boolean;
}

export interface ClassJudgement {
  classes: ClassDelta[];
  noise: Record<string, number>;
  findings: Finding[];
}

/**
 * Judges every class on `splits`. `paired.get(split)` holds the discordant counts when the split
 * was paired, null otherwise.
 */
export function judgeClasses(
  base: Report,
  head: Report,
  union: ClassUnion,
  splits: string[],
  paired: Map<string, Discordant | null>,
  rules: GateRules,
): ClassJudgement {
  const { minDrop, minSupport, catastrophic } = rules.classes;
  const ignore = new Set(rules.classes.ignore);
  const alpha = rules.fdr.level;
  const conf = rules.bootstrap.confidence;
  const rows: ClassDelta[] = [];
  const candidates: Candidate[] = [];
  const findings: Finding[] = [];
  const catastrophicRows = new Set<ClassDelta>();

  for (const split of splits) {
    const bs = base.splits[split];
    const hs = head.splits[split];
    const disc = paired.get(split) ?? null;
    for (let u = 0; u < union.names.length; u++) {
      const name = union.names[u];
      const bi = union.inBase[u];
      const hi = union.inHead[u];
      const bc = bi >= 0 ? { found: bs.perClass.tp[bi], support: bs.perClass.support[bi] } : null;
      const hc = hi >= 0 ? { found: hs.perClass.tp[hi], support: hs.perClass.support[hi] } : null;
      if (!bc || !hc) {
        const present = bc
          ? bs.perClass.support[bi] + bs.perClass.predicted[bi]
          : hs.perClass.support[hi] + hs.perClass.predicted[hi];
        if (present > 0)
          rows.push({ name, split, base: bc, head: hc, delta: null, status: bc ? 'removed' : 'added', level: 'ok' });
        continue;
      }
      const delta = bc.support > 0 && hc.support > 0 ? hc.found / hc.support - bc.found / bc.support : null;
      const row: ClassDelta = { name, split, base: bc, head: hc, delta, status: 'unchanged', level: 'ok' };
      rows.push(row);
      if (ignore.has(name)) {
        row.status = 'ignored';
        continue;
      }
      if (
        catastrophic.level !== 'off' &&
        catastrophic.minFound > 0 &&
        lostEverything(base, head, split, bi, hi, catastrophic.minFound) &&
        hc.support > 0
      ) {
        row.status = 'catastrophic';
        row.level = catastrophic.level;
        row.recallLevel = catastrophic.level;
        catastrophicRows.add(row);
        findings.push({
          level: row.level,
          category: 1,
          rank: -bc.found,
          text: `class ${quoteName(name)} (${split}): found ${bc.found}/${bc.support} → 0/${hc.support}, none found now`,
        });
      }
      if (delta !== null && bc.support >= Math.max(1, minSupport)) {
        const c = makeCandidate(row, split, 'recall', bc, hc, delta, disc ? [disc.b[u], disc.c[u]] : null, conf);
        addSeedSpread(c, base, head, bi, hi, conf);
        candidates.push(c);
      } else if (!catastrophicRows.has(row)) row.status = 'ignored';

      if (rules.classes.precision) {
        const bp = { found: bs.perClass.tp[bi], support: bs.perClass.predicted[bi] };
        const hp = { found: hs.perClass.tp[hi], support: hs.perClass.predicted[hi] };
        const pDelta =
          bp.support > 0 && hp.support > 0
            ? hp.found / hp.support - bp.found / bp.support
            : hp.support === 0 && bp.support === 0
              ? 0
              : null;
        row.precision = {
          base: { tp: bp.found, predicted: bp.support },
          head: { tp: hp.found, predicted: hp.support },
          delta: pDelta,
          status: 'unchanged',
          level: 'ok',
        };
        if (disc && pDelta !== null) {
          const negatives = bs.examples - bc.support;
          const c = makeCandidate(row, split, 'precision', bp, hp, pDelta, [disc.bFp[u], disc.cFp[u]], conf);
          c.minPSupport = Math.pow(0.5, negatives);
          addSeedSpread(c, base, head, bi, hi, conf);
          candidates.push(c);
        } else if (!disc && bp.support > 0 && hp.support > 0) {
          const c = makeCandidate(row, split, 'precision', bp, hp, pDelta as number, null, conf);
          addSeedSpread(c, base, head, bi, hi, conf);
          candidates.push(c);
        } else row.precision.status = 'ignored';
      }
    }
  }

  // Only tests that could reach significance on their data form the family (bhScreen); those
  // that could not whatever the data are too few to judge.
  const { testable } = bhScreen(
    candidates.map((c) => c.minP),
    alpha,
  );
  const judgeable = bhScreen(
    candidates.map((c) => c.minPSupport),
    alpha,
  ).testable;
  const tooFew = new Set(candidates.filter((_, i) => !judgeable[i] && !testable[i]));
  const family = candidates.filter((_, i) => testable[i]);
  const q = adjustPValues(
    family.map((c) => c.test.p as number),
    rules.fdr.method,
  );
  const qUp = adjustPValues(
    family.map((c) => c.pUp),
    rules.fdr.method,
  );
  const qOf = new Map<Candidate, [number, number]>();
  family.forEach((c, i) => qOf.set(c, [q[i], qUp[i]]));

  for (const c of candidates) {
    const qs = qOf.get(c);
    let status: ClassStatus;
    let level: Level = 'ok';
    if (qs) {
      c.test.q = qs[0];
      c.test.qUp = qs[1];
    }
    if (!qs && tooFew.has(c)) status = 'too-few';
    else if (!qs) status = c.paired && c.test.b === 0 && c.test.c === 0 ? 'unchanged' : 'noise';
    else if (-c.delta >= minDrop - EPS && qs[0] <= alpha) {
      status = 'regression';
      level = 'fail';
      const what = c.measure === 'recall' ? 'found' : 'precision';
      // A catastrophic class already has its own finding, unless that one is only a warning:
      // a significant regression fails whatever level the catastrophic rule is set to.
      if (!(c.measure === 'recall' && catastrophicRows.has(c.row) && c.row.level === 'fail'))
        findings.push({
          level,
          category: 3,
          rank: qs[0] + c.delta * 1e-9,
          text: `class ${quoteName(c.row.name)} (${c.split}): ${what} ${c.base.found}/${c.base.support} → ${c.head.found}/${c.head.support}, q = ${fmtQ(qs[0])}${c.paired ? '' : ' (unpaired)'}`,
        });
    } else if (c.delta >= minDrop - EPS && qs[1] <= alpha) status = 'improvement';
    else if (c.paired ? c.test.b === 0 && c.test.c === 0 : c.delta === 0) status = 'unchanged';
    else status = 'noise';

    if (c.measure === 'recall') {
      c.row.test = c.test;
      c.row.recallStatus = catastrophicRows.has(c.row) ? 'catastrophic' : status;
      if (!catastrophicRows.has(c.row)) {
        c.row.status = status;
        c.row.level = level;
        c.row.recallLevel = level;
      } else if (level === 'fail') {
        c.row.level = 'fail';
        c.row.recallLevel = 'fail';
      }
    } else if (c.row.precision) {
      c.row.precision.test = c.test;
      c.row.precision.status = status;
      c.row.precision.level = level;
      if (level === 'fail' && c.row.level !== 'fail') {
        c.row.level = 'fail';
        if (c.row.status !== 'catastrophic') c.row.status = 'regression';
      }
    }
  }

  const noise: Record<string, number> = {};
  for (const s of splits) noise[s] = 0;
  for (const r of rows) if (r.status === 'noise') noise[r.split]++;
  return { classes: rows, noise, findings };
}

/**
 * With replicates on either side: the change (recall, or precision) becomes the mean over the
 * runs, and its p-values are no smaller than what the interval widened by the between-seed
 * spread gives (./seeds.ts, as the headline's intervals), so what a different seed does to a
 * class cannot make it a regression. The own runs' interval: recall's, the unpaired test's or a
 * paired Wald one; precision's, Newcombe's unpaired one (its paired test counts false positives
 * among the negatives, not precision's scale; unpaired is the wider, so the cautious, side).
 * Precision over the seeds needs each run's predictions per class, kept in replicates merged
 * since they were (a run predicting the class nowhere has no precision: then its own run only).
 */
/**
 * The catastrophic rule's condition, over the seeds when a side has replicates: the base found at
 * least `minFound` (on average over its runs) and the head finds none in any of its runs. One
 * unlucky head seed that found none, beside others that did, is seed noise (docs/rules.md).
 */
function lostEverything(base: Report, head: Report, split: string, bi: number, hi: number, minFound: number): boolean {
  const found =
    (i: number): RunValue =>
    (splits) =>
      splits[split]?.perClass?.tp[i] ?? null;
  const b = runValues(base, found(bi));
  const h = runValues(head, found(hi));
  return b.length > 0 && h.length > 0 && b.reduce((a, x) => a + x, 0) / b.length >= minFound && h.every((x) => x === 0);
}

function addSeedSpread(c: Candidate, base: Report, head: Report, bi: number, hi: number, level: number): void {
  const run =
    (i: number, support: number): RunValue =>
    (splits) => {
      const pc = splits[c.split]?.perClass;
      const tp = pc?.tp[i];
      if (tp === undefined) return null;
      if (c.measure === 'recall') return tp / support;
      const predicted = pc?.predicted?.[i];
      return predicted === undefined || predicted === 0 ? null : tp / predicted;
    };
  const t = c.test;
  const own =
    c.measure === 'precision'
      ? newcombeInterval(c.base.found, c.base.support, c.head.found, c.head.support, level)
      : t.kind === 'mcnemar'
        ? pairedWaldInterval(t.b!, t.c!, c.base.support, level)
        : t.ci;
  const s = seedAdjusted(base, head, run(bi, c.base.support), run(hi, c.head.support), own, level);
  if (!s?.ci) return;
  const { down, up } = seedPValues({ ...s, ci: s.ci });
  t.p = Math.max(t.p!, down);
  c.pUp = Math.max(c.pUp, up);
  c.delta = s.delta;
  t.seeds = { ...s.seeds, delta: s.delta, ci: s.ci };
}

function makeCandidate(
  row: ClassDelta,
  split: string,
  measure: 'recall' | 'precision',
  base: { found: number; support: number },
  head: { found: number; support: number },
  delta: number,
  discordant: [number, number] | null,
  level: number,
): Candidate {
  if (discordant) {
    const [b, c] = discordant;
    return {
      row,
      split,
      measure,
      base,
      head,
      delta,
      paired: true,
      test: { kind: 'mcnemar', p: mcnemarOneSided(b, c), b, c },
      pUp: mcnemarOneSided(c, b),
      // McNemar is conditional on the b + c discordant examples: given them, its smallest p is
      // 0.5^(b + c) (all of them lost), so a class that barely moved cannot be significant and
      // stays out of the family (Gilbert 2005 screens Fisher's exact test given its margins alike).
      minP: Math.pow(0.5, b + c),
      // Whatever the data: every positive lost (b = support, c = 0).
      minPSupport: Math.pow(0.5, base.support),
    };
  }
  return {
    row,
    split,
    measure,
    base,
    head,
    delta,
    paired: false,
    test: {
      kind: 'newcombe',
      p: newcombeOneSidedP(base.found, base.support, head.found, head.support),
      ci: newcombeInterval(base.found, base.support, head.found, head.support, level),
    },
    pUp: newcombeOneSidedP(head.found, head.support, base.found, base.support),
    // Smallest p the unpaired test could give: all found before, none now.
    minP: newcombeOneSidedP(base.support, base.support, 0, head.support),
    minPSupport: newcombeOneSidedP(base.support, base.support, 0, head.support),
  };
}
