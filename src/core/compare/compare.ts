// Compares a head report against a base report under the gate's rules. Pure: reads only the
// two reports (and, through `source`, their per-example predictions) and returns a Comparison.

import { naturalCompare } from '../classes.js';
import type { Report, SanityFinding } from '../report/types.js';
import { judgeClassAggregates } from './bands.js';
import { judgeClasses, type Finding } from './classes.js';
import { orderSplits, quoteName } from './format.js';
import { gateSplits, judgeGaps, judgeHeadline, type Boots } from './headline.js';
import { judgeDiagnostics } from './diagnostics.js';
import { causeHints } from './hints.js';
import {
  changedExamples,
  decodedFromReport,
  discordantCounts,
  pairSplit,
  unionClasses,
  type ClassUnion,
  type Discordant,
  type ExampleSource,
  type PairedSplit,
} from './pairing.js';
import { bootstrapSplit, bootstrapUnpaired, selfPaired } from './resample.js';
import { chosenSplits, rulesToSettings, type GateRules } from './rules.js';
import type { ClassTest, Comparison, MetricDelta, Note, SideInfo, Verdict } from './types.js';
import { GAP_PAIRS } from '../report/types.js';

function sideFrom(r: Report, given?: SideInfo): SideInfo {
  return { commit: r.commit, source: r.source, toolVersion: r.tool?.version, createdAt: r.createdAt, ...given };
}

const LEVEL_ORDER = { fail: 0, warn: 1, ok: 2 } as const;

/**
 * The reasons to show: the most important finding at the worst level, then the next one of a
 * different kind (e.g. a headline metric and a class) when there is one, else the runner-up.
 */
function topReasons(findings: Finding[]): string[] {
  const sorted = [...findings].sort(
    (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.category - b.category || a.rank - b.rank,
  );
  if (!sorted.length) return [];
  const first = sorted[0];
  const same = sorted.slice(1).filter((f) => f.level === first.level);
  const second = same.find((f) => f.category !== first.category) ?? same[0];
  return second ? [first.text, second.text] : [first.text];
}

function sanityFindings(sanity: SanityFinding[]): Finding[] {
  return sanity
    .filter((s): s is SanityFinding & { level: 'warn' | 'fail' } => s.level === 'fail' || s.level === 'warn')
    .map((s, i) => ({
      level: s.level,
      category: 0,
      rank: i,
      text: `head model${s.split ? ` (${s.split})` : ''}: ${s.message}`,
    }));
}

/** A head score this far below the base's on a split where the head is at chance level fails. */
const CHANCE_ESCALATION_DROP = 0.1;

/**
 * "The saved model predicts randomly": a head model at chance level is only a warning on its own
 * (some problems are hard), but at chance while the base scored well on the same split it is the
 * classic broken export or reload, and fails.
 */
function escalateChanceLevel(sanity: SanityFinding[], head: Report, base: Report | null): SanityFinding[] {
  if (!base) return sanity;
  const metric = head.task === 'multiclass' ? 'accuracy' : 'subset_accuracy';
  return sanity.map((f) => {
    if (f.code !== 'chance-level' || f.level === 'fail' || !f.split) return f;
    const b = base.splits[f.split]?.metrics[metric];
    const h = head.splits[f.split]?.metrics[metric];
    const baseAtChance = (base.sanity ?? []).some((x) => x.code === 'chance-level' && x.split === f.split);
    if (b === undefined || h === undefined || baseAtChance || b - h < CHANCE_ESCALATION_DROP) return f;
    return {
      ...f,
      level: 'fail',
      message: `${f.message}, while the base model scored ${(100 * b).toFixed(1)}%: the saved model may predict garbage once reloaded`,
    };
  });
}

function addHints(cmp: Comparison, hints: Comparison['hints'] & object): void {
  if (hints.length) cmp.hints = hints;
}

/**
 * A multiclass model and a multi-label one are not scored by the same metrics (accuracy vs
 * subset accuracy, recall over one label vs over a label set), so nothing is compared: the
 * verdict is warn, said first, unless the head model itself fails a sanity check (docs/rules.md).
 */
function taskChanged(cmp: Comparison, base: Report, head: Report, findings: Finding[]): Comparison {
  // No split is compared, so none is listed (not even as 'only in base').
  const fail = findings.some((f) => f.level === 'fail');
  cmp.verdict = fail ? 'fail' : 'warn';
  cmp.reasons = [
    `the task changed from ${base.task} (base) to ${head.task} (head): nothing to compare, the scores of the two tasks do not measure the same thing`,
    ...topReasons(findings).slice(0, 1),
  ];
  return cmp;
}

/**
 * Compares `head` against `base` (null: no baseline; the head's figures are still shown).
 * Per-example predictions are decoded from the reports.
 */
export function compareReports(
  base: Report | null,
  head: Report,
  rules: GateRules,
  sides?: { base?: SideInfo; head?: SideInfo },
): Comparison {
  return compareWithSource(base, head, rules, sides, decodedFromReport);
}

/** As compareReports, with the per-example data supplied by `source` (tests and simulations pass decoded arrays). */
export function compareWithSource(
  base: Report | null,
  head: Report,
  rules: GateRules,
  sides: { base?: SideInfo; head?: SideInfo } | undefined,
  source: ExampleSource,
): Comparison {
  const sanity = escalateChanceLevel(head.sanity ?? [], head, base);
  const findings: Finding[] = sanityFindings(sanity);
  const cmp = emptyComparison(base, head, rules, sides, sanity);
  if (!base) return firstRun(cmp, head, rules, findings);
  if (base.task !== head.task) return taskChanged(cmp, base, head, findings);

  findings.push(...matchSplits(cmp, base, head));
  const union = unionClasses(base.classes, head.classes);
  const baseNames = new Set(base.classes);
  const headNames = new Set(head.classes);
  cmp.classesAdded = head.classes.filter((n) => !baseNames.has(n));
  cmp.classesRemoved = base.classes.filter((n) => !headNames.has(n));

  const plan = planSplits(cmp.splits.both, rules);
  const { paired, why } = pairSplits(cmp, base, head, union, plan.needed, source);
  const boots = bootstrapSplits(base, head, union, plan.needBoot, paired, why, rules, source);
  cmp.notes = dataShiftNotes(base, head, cmp, boots);

  const h = judgeHeadline(base, head, plan.gate, plan.context, rules, boots);
  cmp.headline = h.rows;
  findings.push(...h.findings);
  const g = judgeGaps(base, head, rules, boots);
  cmp.gaps = g.rows;
  findings.push(...g.findings);
  cmp.notes.push(...h.notes, ...g.notes);

  findings.push(...judgeClassSplits(cmp, base, head, union, plan.classes, paired, why, rules));
  const d = judgeDiagnostics(base, head, cmp, rules);
  cmp.diagnostics = d.diagnostics;
  findings.push(...d.findings);
  addHints(cmp, causeHints(base, head, cmp.classes));
  decide(cmp, findings, rules);
  return cmp;
}

function emptyComparison(
  base: Report | null,
  head: Report,
  rules: GateRules,
  sides: { base?: SideInfo; head?: SideInfo } | undefined,
  sanity: SanityFinding[],
): Comparison {
  return {
    schema: 'modelgate/comparison@1',
    verdict: 'pass',
    reasons: [],
    task: head.task,
    base: base ? sideFrom(base, sides?.base) : null,
    head: sideFrom(head, sides?.head),
    splits: { both: [], onlyBase: [], onlyHead: [] },
    sameExamples: {},
    methods: {},
    headline: [],
    gaps: [],
    classes: [],
    classesAdded: [],
    classesRemoved: [],
    noise: {},
    sanity,
    settings: rulesToSettings(rules),
    notes: [],
  };
}

/** No baseline: the head's figures without a verdict, unless a sanity finding fails. */
function firstRun(cmp: Comparison, head: Report, rules: GateRules, findings: Finding[]): Comparison {
  const headSplits = orderSplits(Object.keys(head.splits));
  cmp.splits.onlyHead = headSplits;
  const boots: Boots = new Map();
  const gate = gateSplits(headSplits, rules.headline.splits);
  const context = rules.headline.splits ? [] : headSplits.filter((s) => !gate.includes(s));
  const h = judgeHeadline(null, head, gate, context, rules, boots);
  cmp.headline = h.rows;
  const g = judgeGaps(null, head, rules, boots);
  cmp.gaps = g.rows;
  cmp.notes = [...h.notes, ...g.notes];
  cmp.diagnostics = judgeDiagnostics(null, head, cmp, rules).diagnostics;
  addHints(cmp, causeHints(null, head, []));
  const fail = findings.some((f) => f.level === 'fail');
  cmp.verdict = fail ? 'fail' : 'no-baseline';
  cmp.reasons = fail
    ? topReasons(findings)
    : ['no base report to compare against: the head results are shown without a verdict'];
  return cmp;
}

/** Splits in both reports, in one only, and the findings that go with them. */
function matchSplits(cmp: Comparison, base: Report, head: Report): Finding[] {
  const findings: Finding[] = [];
  const headSplits = orderSplits(Object.keys(head.splits));
  const baseSplits = orderSplits(Object.keys(base.splits));
  cmp.splits.both = headSplits.filter((s) => s in base.splits);
  cmp.splits.onlyBase = baseSplits.filter((s) => !(s in head.splits));
  cmp.splits.onlyHead = headSplits.filter((s) => !(s in base.splits));
  for (const s of cmp.splits.onlyBase)
    findings.push({
      level: 'warn',
      category: 5,
      rank: 0,
      text: `split '${s}' is in the base report but not in the head report`,
    });
  return findings;
}

/** Which splits gate the headline, which are context, which the classes and gaps need. */
function planSplits(both: string[], rules: GateRules) {
  const gate = gateSplits(both, rules.headline.splits);
  const context = rules.headline.splits ? [] : both.filter((s) => !gate.includes(s));
  const defaultClassSplits = both.filter((s) => s === 'validation' || s === 'test');
  const classes = chosenSplits(both, rules.classes.splits) ?? (defaultClassSplits.length ? defaultClassSplits : both);
  const gapSplits = new Set<string>();
  if (rules.gaps.metrics.length)
    for (const g of GAP_PAIRS)
      if (both.includes(g.minuend) && both.includes(g.subtrahend)) {
        gapSplits.add(g.minuend);
        gapSplits.add(g.subtrahend);
      }
  const needBoot = new Set<string>([...(rules.headline.metrics.length ? [...gate, ...context] : []), ...gapSplits]);
  const needed = new Set<string>([...classes, ...needBoot]);
  return { gate, context, classes, needBoot, needed };
}

/** Pairs every needed split example by example where the reports allow; records why not elsewhere. */
function pairSplits(
  cmp: Comparison,
  base: Report,
  head: Report,
  union: ClassUnion,
  needed: Set<string>,
  source: ExampleSource,
) {
  const paired = new Map<string, PairedSplit | null>();
  const why = new Map<string, string>();
  for (const s of cmp.splits.both) {
    const bs = base.splits[s];
    const hs = head.splits[s];
    cmp.sameExamples[s] = bs.fingerprints.labels === hs.fingerprints.labels && bs.examples === hs.examples;
    if (!needed.has(s)) continue;
    const r = pairSplit(base, head, s, union, source);
    if ('paired' in r) paired.set(s, r.paired);
    else {
      paired.set(s, null);
      why.set(s, r.why);
    }
  }
  return { paired, why };
}

/**
 * Each side's own examples in the union class space, for the unpaired bootstrap of a split the
 * two reports evaluated on different examples; or why there are none.
 */
function unpairedSides(
  base: Report,
  head: Report,
  split: string,
  union: ClassUnion,
  source: ExampleSource,
): { base: PairedSplit; head: PairedSplit } | { why: string } {
  if (base.task !== head.task) return { why: `the task changed (${base.task} → ${head.task})` };
  try {
    const be = source(base, split, 'base');
    const he = source(head, split, 'head');
    if (!be || !he) return { why: 'a report carries no per-example predictions' };
    const C = union.names.length;
    return { base: selfPaired(be, union.fromBase, C), head: selfPaired(he, union.fromHead, C) };
  } catch (e) {
    return { why: `per-example predictions could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** Bootstrap per split: paired when the examples are the same, unpaired (each side on its own) when they differ. */
function bootstrapSplits(
  base: Report,
  head: Report,
  union: ClassUnion,
  needBoot: Set<string>,
  paired: Map<string, PairedSplit | null>,
  why: Map<string, string>,
  rules: GateRules,
  source: ExampleSource,
): Boots {
  const boots: Boots = new Map();
  const { resamples, seed } = rules.bootstrap;
  const [bc, hc] = [base.classes.length, head.classes.length];
  for (const s of needBoot) {
    const p = paired.get(s);
    if (resamples < 2) boots.set(s, { why: 'the bootstrap is turned off (bootstrap.resamples < 2)' });
    else if (p) boots.set(s, { boot: bootstrapSplit(p, s, resamples, seed, bc, hc), changed: changedExamples(p) });
    else if (base.splits[s].fingerprints.labels === head.splits[s].fingerprints.labels)
      boots.set(s, { why: why.get(s) ?? 'no per-example data' });
    else {
      const u = unpairedSides(base, head, s, union, source);
      if ('why' in u) boots.set(s, { why: `the two reports were evaluated on different examples and ${u.why}` });
      else boots.set(s, { boot: bootstrapUnpaired(u.base, u.head, s, resamples, seed, bc, hc), unpaired: true });
    }
  }
  return boots;
}

/** Per-class judgement on its splits: McNemar where paired, Newcombe elsewhere. */
function judgeClassSplits(
  cmp: Comparison,
  base: Report,
  head: Report,
  union: ClassUnion,
  splits: string[],
  paired: Map<string, PairedSplit | null>,
  why: Map<string, string>,
  rules: GateRules,
): Finding[] {
  const disc = new Map<string, Discordant | null>();
  for (const s of splits) {
    const p = paired.get(s);
    disc.set(s, p ? discordantCounts(p) : null);
    const kind: ClassTest['kind'] = p ? 'mcnemar' : 'newcombe';
    cmp.methods[s] = {
      classTest: kind,
      why: p
        ? 'both reports saw the same examples and carry per-example predictions: exact paired McNemar test on the examples whose outcome changed'
        : `${why.get(s)}: unpaired comparison of the two recalls (Newcombe interval)`,
    };
  }
  const c = judgeClasses(base, head, union, splits, disc, rules);
  cmp.classes = c.classes;
  cmp.noise = c.noise;
  const agg = judgeClassAggregates(base, head, union, splits, c.classes, paired, why, rules);
  cmp.classAggregates = agg.aggregates;
  return [...c.findings, ...agg.findings];
}

/** The verdict is the worst finding's level; the reasons are the findings that matter most. */
function decide(cmp: Comparison, findings: Finding[], rules: GateRules): void {
  const levels = findings.map((f) => f.level);
  const verdict: Verdict = levels.includes('fail') ? 'fail' : levels.includes('warn') ? 'warn' : 'pass';
  cmp.verdict = verdict;
  if (verdict !== 'pass') {
    cmp.reasons = topReasons(findings);
    return;
  }
  const noise = Object.values(cmp.noise).reduce((a, b) => a + b, 0);
  cmp.reasons = [
    `no regression: headline metrics ${headlineWords(cmp.headline)}, no class dropped significantly (FDR ${rules.fdr.level})` +
      (noise ? `; ${noise} class${noise === 1 ? '' : 'es'} moved within noise` : ''),
  ];
}

/** How the gating headline rows moved, for a pass: "within noise" unless one fell significantly (but within its limits). */
function headlineWords(rows: MetricDelta[]): string {
  const gate = rows.filter((r) => r.role !== 'context' && r.delta !== null);
  const worse = (r: MetricDelta) => (r.higherIsBetter ? r.delta! < 0 : r.delta! > 0);
  const significant = (r: MetricDelta) => !!r.ci && (r.higherIsBetter ? r.ci.hi < 0 : r.ci.lo > 0);
  if (gate.some((r) => worse(r) && (significant(r) || !r.ci))) return 'within limits';
  return gate.some(worse) ? 'within noise' : 'held or improved';
}

/** How many classes a data-shift note names before "and N more". */
const SHIFT_LIST_MAX = 5;

/**
 * Splits whose two evaluations saw different examples: name how the class distribution moved
 * between them (base → head counts and shares), so a reader can tell data from model.
 */
function dataShiftNotes(base: Report, head: Report, cmp: Comparison, boots: Boots): Note[] {
  const notes: Note[] = [];
  for (const s of cmp.splits.both) {
    if (cmp.sameExamples[s]) continue;
    const bs = base.splits[s];
    const hs = head.splits[s];
    const bIdx = new Map(base.classes.map((n, i) => [n, i]));
    const hIdx = new Map(head.classes.map((n, i) => [n, i]));
    const names = [...new Set([...base.classes, ...head.classes])];
    const share = (k: number, n: number) => `${n ? ((100 * k) / n).toFixed(1) : '0.0'}%`;
    const moved = names
      .map((name) => {
        const b = bIdx.has(name) ? bs.perClass.support[bIdx.get(name)!] : 0;
        const h = hIdx.has(name) ? hs.perClass.support[hIdx.get(name)!] : 0;
        return { name, b, h };
      })
      .filter((c) => c.b !== c.h)
      .sort((x, y) => Math.abs(y.h - y.b) - Math.abs(x.h - x.b) || naturalCompare(x.name, y.name));
    const total = bs.examples === hs.examples ? '' : ` (${bs.examples} → ${hs.examples} examples in all)`;
    const listed = moved
      .slice(0, SHIFT_LIST_MAX)
      .map(
        (c) =>
          `${head.task === 'multilabel' ? 'label' : 'class'} ${quoteName(c.name)} ${c.b} → ${c.h} examples (share ${share(c.b, bs.examples)} → ${share(c.h, hs.examples)})`,
      );
    const more = moved.length > SHIFT_LIST_MAX ? `, and ${moved.length - SHIFT_LIST_MAX} more` : '';
    const what = moved.length
      ? `${listed.join(', ')}${more}`
      : 'the same class counts, other examples or another order';
    const b = boots.get(s);
    const how =
      b && 'boot' in b && b.unpaired
        ? ' Its intervals come from an unpaired bootstrap (each side resampled on its own).'
        : '';
    notes.push({ section: 'data', text: `${s}: base and head data differ${total}: ${what}.${how}` });
  }
  return notes;
}
