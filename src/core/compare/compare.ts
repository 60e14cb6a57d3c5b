// Compares a head report against a base report under the gate's rules. Pure: reads only the
// two reports (and, through `source`, their per-example predictions) and returns a Comparison.

import { naturalCompare } from '../classes.js';
import type { Report, SanityFinding } from '../report/types.js';
import { judgeClassAggregates } from './bands.js';
import { judgeClasses, type Finding } from './classes.js';
import { judgeGaps, judgeHeadline, type Boots } from './headline.js';
import {
  decodedFromReport,
  discordantCounts,
  pairSplit,
  unionClasses,
  type Discordant,
  type ExampleSource,
  type PairedSplit,
} from './pairing.js';
import { bootstrapSplit } from './resample.js';
import { rulesToSettings, type GateRules } from './rules.js';
import type { ClassTest, Comparison, SideInfo, Verdict } from './types.js';
import { GAP_PAIRS } from '../report/types.js';

const SPLIT_ORDER = ['train', 'validation', 'test'];

function orderSplits(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => {
    const ia = SPLIT_ORDER.indexOf(a);
    const ib = SPLIT_ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return naturalCompare(a, b);
  });
}

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
    .filter((s) => s.level === 'fail' || s.level === 'warn')
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
  const headSplits = orderSplits(Object.keys(head.splits));
  const cmp: Comparison = {
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
  };

  if (!base) {
    cmp.splits.onlyHead = headSplits;
    const boots: Boots = new Map();
    const hs = rules.headline.splits ? headSplits.filter((s) => rules.headline.splits!.includes(s)) : headSplits;
    cmp.headline = judgeHeadline(null, head, hs, rules, boots).rows;
    cmp.gaps = judgeGaps(null, head, rules, boots).rows;
    const fail = findings.some((f) => f.level === 'fail');
    cmp.verdict = fail ? 'fail' : 'no-baseline';
    cmp.reasons = fail
      ? topReasons(findings)
      : ['no base report to compare against: the head results are shown without a verdict'];
    return cmp;
  }

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
  if (base.task !== head.task)
    findings.push({ level: 'warn', category: 5, rank: -1, text: `the task changed from ${base.task} to ${head.task}` });

  const union = unionClasses(base.classes, head.classes);
  const baseNames = new Set(base.classes);
  const headNames = new Set(head.classes);
  cmp.classesAdded = head.classes.filter((n) => !baseNames.has(n));
  cmp.classesRemoved = base.classes.filter((n) => !headNames.has(n));

  const both = cmp.splits.both;
  const headlineSplits = rules.headline.splits ? both.filter((s) => rules.headline.splits!.includes(s)) : both;
  const defaultClassSplits = both.filter((s) => s === 'validation' || s === 'test');
  const classSplits = rules.classes.splits
    ? both.filter((s) => rules.classes.splits!.includes(s))
    : defaultClassSplits.length
      ? defaultClassSplits
      : both;
  const gapSplits = new Set<string>();
  if (rules.gaps.metrics.length)
    for (const g of GAP_PAIRS)
      if (both.includes(g.minuend) && both.includes(g.subtrahend)) {
        gapSplits.add(g.minuend);
        gapSplits.add(g.subtrahend);
      }
  const needBoot = new Set<string>([...(rules.headline.metrics.length ? headlineSplits : []), ...gapSplits]);
  const needed = new Set<string>([...classSplits, ...needBoot]);

  const paired = new Map<string, PairedSplit | null>();
  const why = new Map<string, string>();
  for (const s of both) {
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

  const boots: Boots = new Map();
  for (const s of needBoot) {
    const p = paired.get(s);
    if (!p) boots.set(s, { why: why.get(s) ?? 'no per-example data' });
    else if (rules.bootstrap.resamples < 2)
      boots.set(s, { why: 'the bootstrap is turned off (bootstrap.resamples < 2)' });
    else
      boots.set(s, {
        boot: bootstrapSplit(
          p,
          s,
          rules.bootstrap.resamples,
          rules.bootstrap.seed,
          base.classes.length,
          head.classes.length,
        ),
      });
  }

  const h = judgeHeadline(base, head, headlineSplits, rules, boots);
  cmp.headline = h.rows;
  findings.push(...h.findings);
  const g = judgeGaps(base, head, rules, boots);
  cmp.gaps = g.rows;
  findings.push(...g.findings);

  const disc = new Map<string, Discordant | null>();
  for (const s of classSplits) {
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
  const c = judgeClasses(base, head, union, classSplits, disc, rules);
  cmp.classes = c.classes;
  cmp.noise = c.noise;
  findings.push(...c.findings);
  const agg = judgeClassAggregates(base, union, classSplits, c.classes, paired, why, rules);
  cmp.classAggregates = agg.aggregates;
  findings.push(...agg.findings);

  const levels = findings.map((f) => f.level);
  const verdict: Verdict = levels.includes('fail') ? 'fail' : levels.includes('warn') ? 'warn' : 'pass';
  cmp.verdict = verdict;
  if (verdict === 'pass') {
    const noise = Object.values(cmp.noise).reduce((a, b) => a + b, 0);
    cmp.reasons = [
      `no regression: headline metrics within limits, no class dropped significantly (FDR ${rules.fdr.level})` +
        (noise ? `; ${noise} class${noise === 1 ? '' : 'es'} moved within noise` : ''),
    ];
  } else cmp.reasons = topReasons(findings);
  return cmp;
}
