// The content of the PR comment and of the job summary, as sections that ./budget.ts can
// shrink. Order of appearance = order of what a reviewer needs: verdict and reasons, warnings
// that invalidate the comparison, headline metrics, generalization gaps, per-class
// regressions, then the rest. Shrink rank = what to give up first when space runs out.
// Every string that comes from data goes through escapeMarkdown (see ./escape.ts).

import { bandName } from '../compare/bands.js';
import { AP_HELD, effectPhrase, rankingCause } from '../compare/diagnostics.js';
import { quoteNameWithin } from '../compare/format.js';
import { suggestionText } from '../compare/suggestions.js';
import type {
  BandDelta,
  ClassAggregate,
  ClassDelta,
  ClassScoreDelta,
  Comparison,
  Diagnostics,
  GapDelta,
  LeakageDelta,
  ScoreDelta,
  Level,
  MetricDelta,
  ThresholdEffect,
  Verdict,
} from '../compare/types.js';
import { LOWER_IS_BETTER } from '../report/types.js';
import type { Section } from './budget.js';
import { bandChart } from './mermaid.js';
import { escapeMarkdown, markdownLink, safeUrl, truncateEnd, truncateMiddle } from './escape.js';
import {
  TEST_NAME,
  change,
  decimalsFor,
  found,
  interval,
  levelText,
  OUT_OF_FAMILY_NOTE,
  pValue,
  pct,
  plural,
  pts,
  qText,
  thousands,
} from './format.js';
import {
  SIGN_TEST_LEVEL,
  differentExampleSplits,
  gapWidened,
  groupClasses,
  hasClassDamage,
  outsideFamily,
  recallLevel,
  recallQ,
  recallStatus,
  splitOrder,
  type ClassGroups,
} from './select.js';

export interface RenderContext {
  /** Comment key (matrix job / model): shown discreetly, used in the marker. */
  key: string;
  /** Link to the workflow run. */
  runUrl?: string;
  baseCommit?: string;
  baseCommitUrl?: string;
  headCommit?: string;
  /** Where the head report was written. */
  reportPath?: string;
  /**
   * What a reviewer must know about the baseline before trusting the comparison (plain text,
   * escaped here): which commit it was made at when that is not the base commit, or why there
   * is none. Shown near the top, never folded away.
   */
  baselineNotes?: string[];
  /**
   * What a reviewer must know about the gate itself (plain text, escaped here): an acceptance of
   * this head that does not cover its regressions. Shown near the top, never folded away.
   */
  gateNotes?: string[];
  /** Link to the HTML report with the charts (the workflow artifact). */
  htmlReportUrl?: string;
  /** Comment limit in UTF-8 bytes; default 65536 (GitHub's comment limit, see COMMENT_MAX_LENGTH). */
  maxLength?: number;
  /** Job summary limit in UTF-8 bytes; default 1 MiB (GitHub's step summary limit). */
  summaryMaxBytes?: number;
}

export interface BuildOptions {
  target: 'comment' | 'summary';
  /** Longest class name shown in lists and in table cells, in code points. */
  listNameMax: number;
  cellNameMax: number;
}

export const VERDICT_ICON: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌', 'no-baseline': 'ℹ️' };
export const VERDICT_WORD: Record<Verdict, string> = {
  pass: 'pass',
  warn: 'warn',
  fail: 'fail',
  'no-baseline': 'no baseline',
};
const LEVEL_ICON: Record<Level, string> = { ok: '', warn: '⚠️ ', fail: '❌ ' };
/** Reasons are short by contract; this bounds a runaway one. */
const REASON_MAX = 300;
/** Lists longer than this are collapsed in `<details>`. */
const COLLAPSE_OVER = 10;
/** With class damage, more improvements than this are collapsed. */
const IMPROVEMENTS_OPEN_MAX = 5;

const esc = escapeMarkdown;

/** Multi-label models have labels, multiclass models classes: say what the reader calls them. */
function unit(cmp: Comparison): { one: string; many: string; One: string; Many: string } {
  return cmp.task === 'multilabel'
    ? { one: 'label', many: 'labels', One: 'Label', Many: 'Labels' }
    : { one: 'class', many: 'classes', One: 'Class', Many: 'Classes' };
}

/** A class name for lists/cells: shortened (before escaping, so no entity is cut) and bold. */
function nameMd(name: string, max: number): string {
  if (name.trim() === '') return '<i>(blank name)</i>';
  return `<b>${esc(truncateMiddle(name, max))}</b>`;
}

function splitMd(split: string): string {
  return esc(truncateMiddle(split, 60));
}

/** A headline metric's name, flagged when lower is better. */
function metricMd(metric: string, higherIsBetter = true): string {
  const m = metricNameMd(metric);
  return higherIsBetter && !LOWER_IS_BETTER.has(metric) ? m : `${m} (lower is better)`;
}

/**
 * A metric's name alone. Gap rows use it: the metric's direction ("hamming_loss: lower is
 * better") is not the gap's, and the icon and the "gap widened" note say which way is worse.
 */
function metricNameMd(metric: string): string {
  return esc(truncateEnd(metric, 60));
}

function gapMd(gap: string): string {
  return esc(truncateEnd(gap, 60)).replace(/-/, ' − ');
}

function shortCommit(sha: string): string {
  return /^[0-9a-f]{8,64}$/i.test(sha) ? sha.slice(0, 7) : truncateEnd(sha, 40);
}

/** The first line: verdict and the one or two reasons that matter. */
export function verdictLine(cmp: Comparison, reasonMax = REASON_MAX): string {
  const shown = cmp.reasons.slice(0, 2).map((r) => esc(truncateEnd(r, reasonMax)));
  const extra = cmp.reasons.length - shown.length;
  const reasons = shown.join('; ') + (extra > 0 ? ` (+${extra} more)` : '');
  const icon = VERDICT_ICON[cmp.verdict] ?? '❔';
  const word = VERDICT_WORD[cmp.verdict] ?? esc(String(cmp.verdict));
  return `${icon} **modelgate: ${word}**${reasons ? ` — ${reasons}` : ''}`;
}

/** Where the reader finds what was left out. */
function elsewhere(ctx: RenderContext, opts: BuildOptions): string {
  const path = ctx.reportPath ? esc(truncateMiddle(ctx.reportPath, 200)) : '';
  if (opts.target === 'summary') {
    return path ? `the full report is in ${path}` : 'left out to keep this summary under the size limit';
  }
  const summary = markdownLink('job summary', ctx.runUrl);
  return path ? `the full report is in the ${summary} and in ${path}` : `the full report is in the ${summary}`;
}

/** A short pointer for sections a reviewer rarely needs, so giving them up frees most of their room. */
function seeAlso(ctx: RenderContext, opts: BuildOptions): string {
  if (opts.target === 'comment') return `see the ${markdownLink('job summary', ctx.runUrl)}`;
  return ctx.reportPath
    ? `see ${esc(truncateMiddle(ctx.reportPath, 200))}`
    : 'left out to keep this summary under the size limit';
}

function moreNote(ctx: RenderContext, opts: BuildOptions, unit: [string, string]): (n: number) => string {
  return (n) => `\n\n… ${plural(n, `more ${unit[0]}`, `more ${unit[1]}`)}: ${elsewhere(ctx, opts)}.`;
}

function tableHead(columns: { title: string; right?: boolean }[]): string {
  return `| ${columns.map((c) => c.title).join(' | ')} |\n|${columns.map((c) => (c.right ? '---:' : ':---')).join('|')}|\n`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function details(summary: string): { open: string; close: string } {
  // The blank line after <summary> lets GitHub render the Markdown inside.
  return { open: `<details>\n<summary>${summary}</summary>\n\n`, close: '\n\n</details>' };
}

/** "found 41/52 → 30/52 (−21.2 pts, q = 0.003)". */
function classChange(c: ClassDelta): string {
  const stats: string[] = [];
  const ci = c.test?.ci;
  stats.push(ci && c.delta !== null ? `${pts(c.delta)} ${interval(ci)}` : pts(c.delta));
  // q tests "head is lower"; an improvement is judged on the mirror test, qUp.
  if (c.recallStatus === 'improvement' || c.status === 'improvement') {
    if (c.test?.qUp !== undefined) stats.push(qText('q', c.test.qUp));
  } else if (c.test?.q !== undefined) stats.push(qText('q', c.test.q));
  else if (c.test?.p !== undefined) stats.push(qText('p', c.test.p));
  return `found ${found(c.base)} → ${found(c.head)} (${stats.join(', ')})`;
}

function classItem(c: ClassDelta, g: ClassGroups, opts: BuildOptions, icon: string): string {
  const where = g.multiSplit ? ` · ${splitMd(c.split)}` : '';
  const lost = c.status === 'catastrophic' ? ' — <b>none found now</b>' : '';
  return `- ${icon}${nameMd(c.name, opts.listNameMax)}${where}: ${classChange(c)}${lost}`;
}

function verdictSection(cmp: Comparison, marker: string | null): Section {
  const lines = [marker, verdictLine(cmp)].filter((l): l is string => l !== null);
  return { id: 'verdict', rank: Number.POSITIVE_INFINITY, head: lines.join('\n'), items: [], sep: '', tail: '' };
}

/** "test · 485 classes: 3 regressed, 2 improved, 212 within noise". */
function overviewSection(cmp: Comparison, g: ClassGroups): Section | null {
  if (cmp.verdict === 'no-baseline' || cmp.classes.length === 0) return null;
  const perSplit = new Map<string, number>();
  for (const c of cmp.classes) perSplit.set(c.split, (perSplit.get(c.split) ?? 0) + 1);
  const counts = [...perSplit.values()];
  const classes = counts.every((n) => n === counts[0]) ? counts[0] : Math.max(...counts);
  const parts = [
    `${thousands(g.regressions.length)} regressed`,
    `${thousands(g.improvements.length)} improved`,
    `${thousands(g.noise.length)} within noise`,
  ];
  if (g.precisionRegressions.length) parts.splice(1, 0, `${thousands(g.precisionRegressions.length)} lost precision`);
  if (g.tooFew.length) parts.push(`${thousands(g.tooFew.length)} too few to judge`);
  if (g.ignored.length) parts.push(`${thousands(g.ignored.length)} ignored`);
  // Direction first: damage spread over many classes is invisible one class at a time.
  const direction = directionSummary(cmp);
  const summary = direction ? `${direction}; one by one: ${parts.join(', ')}` : parts.join(', ');
  const order = splitOrder(cmp);
  const splits = [...perSplit.keys()]
    .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
    .map(splitMd)
    .join(', ');
  return {
    id: 'overview',
    rank: 95,
    // Counts are per class and split, so with several splits say so rather than imply per class.
    head: `${splits} · ${plural(classes, unit(cmp).one, unit(cmp).many)}${perSplit.size > 1 ? ` × ${perSplit.size} splits` : ''}: ${summary}`,
    items: [],
    sep: '',
    tail: '',
  };
}

function examplesWarning(cmp: Comparison): Section | null {
  const splits = differentExampleSplits(cmp);
  if (splits.length === 0) return null;
  return {
    id: 'different-examples',
    rank: 100,
    head:
      `> [!WARNING]\n> **Base and head were not evaluated on the same examples** (${splits.map(splitMd).join(', ')}). ` +
      'Their scores are not directly comparable: a change may come from the data, not the model, ' +
      'and per-example (paired) tests could not be used.' +
      notesOf(cmp, 'data')
        .map((t) => `\n> ${t}`)
        .join(''),
    items: [],
    sep: '',
    tail: '',
  };
}

const SANITY_ORDER: Record<string, number> = { fail: 0, warn: 1, info: 2 };

/** Sanity and split findings: outside <details>, because each one can make the scores meaningless. */
function sanitySection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  if (cmp.sanity.length === 0) return null;
  const sorted = [...cmp.sanity].sort((a, b) => (SANITY_ORDER[a.level] ?? 3) - (SANITY_ORDER[b.level] ?? 3));
  return {
    id: 'sanity',
    rank: 50,
    head: '**Sanity checks**\n',
    items: sorted.map((f) => {
      const icon = f.level === 'info' ? 'ℹ️ ' : (LEVEL_ICON[f.level] ?? '');
      const where = f.split ? `${splitMd(f.split)}: ` : '';
      return `- ${icon}${where}${esc(truncateEnd(f.message, 400))} (${esc(truncateEnd(f.code, 40))})`;
    }),
    sep: '\n',
    tail: '',
    more: moreNote(ctx, opts, ['finding', 'findings']),
    empty: (n) => `**Sanity checks** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`,
  };
}

/** Likely causes (class-order mismatch, where a regressed class's examples go, model changes). */
function hintsSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  const hints = cmp.hints ?? [];
  if (hints.length === 0) return null;
  return {
    id: 'hints',
    rank: 55,
    head: '**Likely causes**\n',
    items: hints.map((h) => `- ${esc(truncateEnd(h.message, 600))}`),
    sep: '\n',
    tail: '',
    more: moreNote(ctx, opts, ['hint', 'hints']),
    empty: (n) => `**Likely causes** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`,
  };
}

const SCORE_METRIC_WORDS: Record<ScoreDelta['metric'], string> = {
  roc_auc_macro: 'ROC-AUC (macro)',
  average_precision_macro: 'average precision (macro)',
  log_loss: 'log-loss (lower is better)',
  ece: 'calibration error, ECE (lower is better)',
};

/** A threshold-free metric's value: AUC, AP and log-loss as numbers, ECE as a percentage. */
function scoreValue(metric: ScoreDelta['metric'], v: number | null): string {
  if (v === null) return '—';
  return metric === 'ece' ? pct(v) : v.toFixed(3);
}

/** The noise band's half-width in the change's unit (points for ECE), unsigned: it is a half-width, not a change. */
function scoreBand(r: ScoreDelta): string {
  return r.metric === 'ece' ? `${(100 * r.noise!).toFixed(1)} pts` : r.noise!.toFixed(3);
}

function scoreChange(r: ScoreDelta): string {
  if (r.delta === null) return '—';
  if (r.metric === 'ece') return pts(r.delta);
  return signed3(r.delta);
}

/** "+0.012", "−0.069", "0.000": a change of a score in [0, 1], to 3 decimals. */
function signed3(delta: number | null): string {
  if (delta === null) return '—';
  const s = Math.abs(delta).toFixed(3);
  return Number(s) === 0 ? s : `${delta < 0 ? '−' : '+'}${s}`;
}

/** "12 examples of test (1.2%) also occur in train (new; base: none), e.g. 'a', 'b'". */
function leakageItem(l: LeakageDelta, d: Diagnostics): string {
  const icon = LEVEL_ICON[l.level] ?? '';
  const est = (d.leakageSampled ?? 1) < 1 ? 'about ' : '';
  const by = d.leakageKey === 'features' ? 'identical features' : 'id';
  const was =
    l.status === 'new'
      ? ' (new: none in the base)'
      : l.status === 'more'
        ? ` (more than the base's ${thousands(l.base!)})`
        : l.status === 'same'
          ? ` (base: ${thousands(l.base!)})`
          : '';
  const eg = l.examples.length
    ? `, e.g. ${l.examples
        .slice(0, 3)
        .map((x) => `'${esc(truncateMiddle(x, 40))}'`)
        .join(', ')}`
    : '';
  return `- ${icon}leakage: ${est}${plural(l.head, 'example', 'examples')} of ${splitMd(l.splits[1])} (${pct(l.share)}) also in ${splitMd(l.splits[0])}, by ${by}${was}${eg}`;
}

/** This many class explanations or more on one split become one line (a shift of 200 labels' threshold would be 200 lines). */
export const EFFECTS_GROUPED_FROM = 4;
/** Classes a grouped line names at most, largest recall fall first, and the characters their list may take. */
const EFFECTS_NAMED = 5;
const EFFECTS_NAMED_CHARS = 300;

/**
 * The threshold-effect (`held`) or lost-ranking (`fell`) explanations, in plain words: each its
 * own line, or per split one line for the classes when there are EFFECTS_GROUPED_FROM or more,
 * naming the largest recall falls; a split's macro line stays its own.
 */
function groupedEffects(effects: ThresholdEffect[], cmp: Comparison, kind: 'held' | 'fell'): string[] {
  const out: string[] = [];
  for (const split of [...new Set(effects.map((t) => t.split))]) {
    const mine = effects.filter((t) => t.split === split);
    const classes = mine.filter((t) => t.className !== null).sort((a, b) => a.recallDelta - b.recallDelta);
    for (const t of mine) if (t.className === null || classes.length < EFFECTS_GROUPED_FROM) out.push(t.text);
    if (classes.length < EFFECTS_GROUPED_FROM) continue;
    // Names while they fit, so that the line's conclusion is never cut (long names: fewer of them).
    const named: string[] = [];
    for (const t of classes.slice(0, EFFECTS_NAMED)) {
      const item = `${quoteNameWithin(t.className!, 40)} ${pts(t.recallDelta)} (AP ${t.apBase.toFixed(3)} → ${t.apHead.toFixed(3)})`;
      if (named.length && named.join('; ').length + item.length > EFFECTS_NAMED_CHARS) break;
      named.push(item);
    }
    const more = classes.length > named.length ? `, and ${thousands(classes.length - named.length)} more` : '';
    const n = `${thousands(classes.length)} ${unit(cmp).many}`;
    const held = classes.some((t) => t.apHead - t.apBase > AP_HELD) ? 'held or rose' : 'held';
    out.push(
      kind === 'held'
        ? `${split}: recall of ${n} fell while the average precision of each ${held} (${named.join('; ')}${more}): ${effectPhrase(cmp.task)}, not a ranking regression`
        : `${split}: ${n} also lost ranking, their average precision fell (${named.join('; ')}${more}), so their scores order their examples worse (${rankingCause(cmp.task)})`,
    );
  }
  return out;
}

/**
 * Diagnostics: in the comment only what is abnormal or worse than the base (leakage, threshold
 * effects, a notable fall of a threshold-free metric); in the job summary every figure.
 */
function diagnosticsSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  const d = cmp.diagnostics;
  if (!d) return null;
  const full = opts.target === 'summary';
  const items: string[] = [];
  for (const l of d.leakage) if (l.head > 0 || full) items.push(leakageItem(l, d));
  for (const t of groupedEffects(d.thresholdEffects, cmp, 'held')) items.push(`- ℹ️ ${esc(truncateEnd(t, 600))}`);
  for (const t of groupedEffects(d.rankingDrops ?? [], cmp, 'fell')) items.push(`- ${esc(truncateEnd(t, 600))}`);
  if (d.thresholds) items.push(`- 💡 ${esc(truncateEnd(suggestionText(d.thresholds), 600))}`);
  for (const r of d.scores.filter((x) => x.worse))
    items.push(
      `- ${splitMd(r.split)}: ${SCORE_METRIC_WORDS[r.metric]} ${scoreValue(r.metric, r.base)} → ${scoreValue(r.metric, r.head)} (${scoreChange(r)}${r.noise === null ? '' : `, past the noise of ±${scoreBand(r)}`})`,
    );
  let tail = '';
  if (full && d.scores.length) {
    const noBase = cmp.verdict === 'no-baseline';
    const head = noBase
      ? tableHead([{ title: 'split' }, { title: 'threshold-free metric' }, { title: 'head', right: true }])
      : tableHead([
          { title: 'split' },
          { title: 'threshold-free metric' },
          { title: 'base', right: true },
          { title: 'head', right: true },
          { title: 'change', right: true },
          { title: 'noise (±)', right: true },
        ]);
    const rows = d.scores.map((r) => {
      const cells = [splitMd(r.split), SCORE_METRIC_WORDS[r.metric]];
      return row(
        noBase
          ? [...cells, scoreValue(r.metric, r.head)]
          : [
              ...cells,
              scoreValue(r.metric, r.base),
              scoreValue(r.metric, r.head),
              scoreChange(r),
              r.noise === null ? '—' : scoreBand(r),
            ],
      );
    });
    tail = `${items.length ? '\n\n' : ''}${head}${rows.join('\n')}`;
  }
  if (items.length === 0 && tail === '') return null;
  return {
    id: 'diagnostics',
    rank: 60,
    head: '**Diagnostics**\n',
    items,
    sep: '\n',
    tail,
    more: moreNote(ctx, opts, ['diagnostic', 'diagnostics']),
    empty: (n) => `**Diagnostics** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`,
  };
}

/** Rows of the job summary's per-class score table: 485 classes on 3 splits would be ~1,500 rows nobody reads. */
export const CLASS_SCORE_ROWS = 200;

/** Worst average precision change first; rows without a change (no base value) after, in report order. */
function byApChange(a: ClassScoreDelta, b: ClassScoreDelta): number {
  if (a.apDelta === null || b.apDelta === null) return (a.apDelta === null ? 1 : 0) - (b.apDelta === null ? 1 : 0);
  return a.apDelta - b.apDelta;
}

const score3 = (v: number | null): string => (v === null ? '—' : v.toFixed(3));

/** Job summary only: per-class average precision and ROC-AUC, base → head, worst AP change first, capped. */
function classScoresSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  const all = cmp.diagnostics?.classScores ?? [];
  if (opts.target !== 'summary' || all.length === 0) return null;
  const shown = [...all].sort(byApChange).slice(0, CLASS_SCORE_ROWS);
  const items = shown.map((r) =>
    row([
      nameMd(r.name, opts.cellNameMax),
      splitMd(r.split),
      `${score3(r.apBase)} → ${score3(r.apHead)}`,
      signed3(r.apDelta),
      `${score3(r.rocAucBase)} → ${score3(r.rocAucHead)}`,
    ]),
  );
  const u = unit(cmp);
  const d = details(
    `Per-${u.one} ranking: average precision and ROC-AUC (${plural(all.length, `${u.one} row`, `${u.one} rows`)}, worst AP change first)`,
  );
  const where = 'all are in the report JSON (report.splits[split].scores)';
  return {
    id: 'class-scores',
    rank: 20,
    head:
      d.open +
      tableHead([
        { title: u.one },
        { title: 'split' },
        { title: 'AP base → head', right: true },
        { title: 'AP change', right: true },
        { title: 'ROC-AUC base → head', right: true },
      ]),
    items,
    sep: '\n',
    tail: d.close,
    omitted: all.length - shown.length,
    more: (n) => `\n\n… ${plural(n, 'more row', 'more rows')} not listed here: ${where}.`,
    empty: (n) =>
      `Per-${u.one} average precision and ROC-AUC (${plural(n, 'row', 'rows')}): not listed here; ${where}.`,
  };
}

function ciHeader(rows: { ci?: { level: number } }[]): string {
  const levels = new Set(rows.filter((r) => r.ci).map((r) => r.ci!.level));
  return levels.size === 1 ? `change [${levelText([...levels][0])} CI]` : 'change';
}

/** The comparison's plain-words notes for one section, escaped and bounded. */
function notesOf(cmp: Comparison, section: 'headline' | 'gaps' | 'data'): string[] {
  return (cmp.notes ?? []).filter((n) => n.section === section).map((n) => esc(truncateEnd(n.text, 600)));
}

function headlineSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  if (cmp.headline.length === 0) return null;
  const order = splitOrder(cmp);
  const rows = [...cmp.headline].sort((a, b) => (order.get(a.split) ?? 0) - (order.get(b.split) ?? 0));
  const noBase = cmp.verdict === 'no-baseline';
  let last: string | null = null;
  const items = rows.map((m: MetricDelta) => {
    const split = m.split === last ? '' : splitMd(m.split);
    last = m.split;
    const d = decimalsFor([m.base, m.head]);
    const metric = `${LEVEL_ICON[m.level] ?? ''}${metricMd(m.metric, m.higherIsBetter)}`;
    if (noBase) return row([split, metric, pct(m.head, d)]);
    return row([split, metric, pct(m.base, d), pct(m.head, d), change(m.delta, m.ci, d)]);
  });
  const head = noBase
    ? tableHead([{ title: 'split' }, { title: 'metric' }, { title: 'head', right: true }])
    : tableHead([
        { title: 'split' },
        { title: 'metric' },
        { title: 'base', right: true },
        { title: 'head', right: true },
        { title: ciHeader(rows), right: true },
      ]);
  const notes = notesOf(cmp, 'headline');
  return {
    id: 'headline',
    rank: 80,
    head,
    items,
    sep: '\n',
    tail: notes.length ? `\n\n${notes.join('\n\n')}` : '',
    more: moreNote(ctx, opts, ['row', 'rows']),
    empty: (n) => `Headline metrics (${plural(n, 'row', 'rows')}): not shown here; ${elsewhere(ctx, opts)}.`,
  };
}

const GAP_MEANING: Record<string, string> = {
  'train-validation': 'the model fits train better and generalizes worse',
  'validation-test': 'the model does better on validation than on test, so it may be tuned to the validation split',
};

function gapsSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  if (cmp.gaps.length === 0) return null;
  const noBase = cmp.verdict === 'no-baseline';
  let last: string | null = null;
  const items = cmp.gaps.map((g: GapDelta) => {
    const d = decimalsFor([g.base, g.head]);
    const name = g.gap === last ? '' : gapMd(g.gap);
    last = g.gap;
    const metric = `${LEVEL_ICON[g.level] ?? ''}${metricNameMd(g.metric)}`;
    if (noBase) return row([name, metric, pts(g.head, d)]);
    return row([name, metric, pts(g.base, d), pts(g.head, d), change(g.delta, g.ci, d)]);
  });
  const head =
    '**Generalization gaps**\n\n' +
    (noBase
      ? tableHead([{ title: 'gap' }, { title: 'metric' }, { title: 'head', right: true }])
      : tableHead([
          { title: 'gap' },
          { title: 'metric' },
          { title: 'base', right: true },
          { title: 'head', right: true },
          { title: ciHeader(cmp.gaps), right: true },
        ]));
  // One plain-words note per gap that widened enough to be flagged, naming its metrics.
  const flagged = new Map<string, GapDelta[]>();
  for (const g of cmp.gaps) {
    if (noBase || g.level === 'ok' || !gapWidened(g.delta, g.higherIsBetter)) continue;
    flagged.set(g.gap, [...(flagged.get(g.gap) ?? []), g]);
  }
  const notes = [...flagged].slice(0, 3).map(([gapName, rows]) => {
    const meaning = GAP_MEANING[gapName] ?? 'the model generalizes worse than before';
    const worst = rows.some((r) => r.level === 'fail') ? 'fail' : 'warn';
    const by = rows
      .slice(0, 4)
      .map(
        (r) =>
          `${metricNameMd(r.metric)} by ${pts(Math.abs(r.delta ?? 0), decimalsFor([r.base, r.head])).replace(/^\+/, '')}`,
      );
    const more = rows.length > 4 ? ` and ${rows.length - 4} more` : '';
    // The engine flags a wider gap only when a held-out split fell too; say which.
    const fell = rows.find((r) => r.note)?.note;
    const why = fell ? ` (${esc(truncateEnd(fell, 100))})` : '';
    return `${LEVEL_ICON[worst]}The ${gapMd(gapName)} gap widened (${by.join(', ')}${more}): ${meaning}${why}.`;
  });
  notes.push(...notesOf(cmp, 'gaps'));
  return {
    id: 'gaps',
    rank: 70,
    head,
    items,
    sep: '\n',
    tail: notes.length ? `\n\n${notes.join('\n\n')}` : '',
    more: moreNote(ctx, opts, ['row', 'rows']),
    empty: () =>
      `**Generalization gaps**: not shown here; ${elsewhere(ctx, opts)}.${notes.length ? `\n\n${notes.join('\n\n')}` : ''}`,
  };
}

/** "p < 0.0001: more fell than rose", "p = 0.73: no clear direction". */
function signWords(a: ClassAggregate): string {
  const p = qText('p', a.signP);
  if (a.signP > SIGN_TEST_LEVEL || a.fell === a.rose) return `no clear direction, sign test ${p}`;
  return `${a.fell > a.rose ? 'more fell than rose' : 'more rose than fell'}, sign test ${p}`;
}

/** Overview lead: "204 fell, 72 rose (sign test p < 0.0001)"; summed over splits when there are several. */
function directionSummary(cmp: Comparison): string | null {
  const aggs = cmp.classAggregates ?? [];
  if (aggs.length === 0) return null;
  const fell = aggs.reduce((n, a) => n + a.fell, 0);
  const rose = aggs.reduce((n, a) => n + a.rose, 0);
  // Bold only what a split's sign test backs: more falling than rising by chance is no finding.
  const clear = aggs.some((a) => a.signP <= SIGN_TEST_LEVEL && a.fell > a.rose);
  const text = `${fell > rose && clear ? `**${thousands(fell)} fell**` : `${thousands(fell)} fell`}, ${thousands(rose)} rose`;
  return aggs.length === 1 ? `${text} (sign test ${qText('p', aggs[0].signP)})` : text;
}

function bandCell(b: BandDelta): string {
  return `${LEVEL_ICON[b.level] ?? ''}${esc(bandName(b.min, b.max))}`;
}

/**
 * The per-class judgement in aggregate, before any class is listed: per split how many classes
 * fell and rose (sign test), then macro recall by support band, base → head with intervals,
 * and the bands that fell past their limit in words.
 */
function classDamageSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  const aggs = cmp.classAggregates ?? [];
  if (cmp.verdict === 'no-baseline' || aggs.length === 0) return null;
  const u = unit(cmp);
  const lines = aggs.map(
    (a) =>
      `${aggs.length > 1 ? `${splitMd(a.split)}: ` : ''}${thousands(a.fell)} fell, ${thousands(a.rose)} rose, ${thousands(a.unchanged)} unchanged (${signWords(a)})`,
  );
  const head =
    aggs.length === 1
      ? `**Across ${u.many}** (${splitMd(aggs[0].split)}): ${lines[0]}`
      : `**Across ${u.many}**\n\n${lines.map((l) => `- ${l}`).join('\n')}`;
  const banded = aggs.filter((a) => a.bands.length > 0);
  if (banded.length === 0) return { id: 'class-damage', rank: 75, head, items: [], sep: '', tail: '' };
  const items: string[] = [];
  for (const a of banded) {
    a.bands.forEach((b, i) => {
      const d = decimalsFor([b.base, b.head]);
      const delta = `${change(b.delta, b.ci, d)}${b.tooFew ? ' (too few to judge)' : ''}`;
      items.push(
        row([
          i === 0 ? splitMd(a.split) : '',
          bandCell(b),
          thousands(b.classes),
          pct(b.base, d),
          pct(b.head, d),
          delta,
        ]),
      );
    });
  }
  const table = tableHead([
    { title: 'split' },
    { title: `base positives` },
    { title: u.many, right: true },
    { title: 'base macro recall', right: true },
    { title: 'head', right: true },
    { title: ciHeader(banded.flatMap((a) => a.bands)), right: true },
  ]);
  const flagged = banded.flatMap((a) => a.bands.filter((b) => b.level !== 'ok' && b.reason));
  const notes = flagged.map((b) => `${LEVEL_ICON[b.level]}${esc(truncateEnd(b.reason!, REASON_MAX))}.`);
  const how = [...new Set(banded.map((a) => a.interval))].map((h) => esc(truncateEnd(h, 200)));
  const tail =
    (notes.length ? `\n\n${notes.join('\n\n')}` : '') +
    `\n\n<sub>Macro recall by support band; intervals: ${how.join('; ')}.</sub>`;
  return {
    id: 'class-damage',
    rank: 75,
    head: `${head}\n\n${table}`,
    items,
    sep: '\n',
    tail,
    more: moreNote(ctx, opts, ['band', 'bands']),
    empty: () => `${head}${notes.length ? `\n\n${notes.join('\n\n')}` : ''}`,
  };
}

/**
 * The band table as a chart GitHub draws (PR comment only: a Mermaid block), one per banded
 * split. The first thing given up when space runs out after the full table: the band table
 * above says the same in figures.
 */
function bandChartSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  if (opts.target !== 'comment' || cmp.verdict === 'no-baseline') return null;
  const charts = (cmp.classAggregates ?? []).map(bandChart).filter((c): c is string => c !== null);
  if (charts.length === 0) return null;
  const html = safeUrl(ctx.htmlReportUrl);
  const where = html ? `the ${markdownLink('HTML report', html)} draws it` : 'the band table has its figures';
  return {
    id: 'band-chart',
    rank: 5,
    head: '',
    items: charts,
    sep: '\n\n',
    tail: '',
    more: (n) => `\n\n<sub>… ${plural(n, 'more band chart', 'more band charts')}: not drawn here; ${where}.</sub>`,
    empty: () => `<sub>Support-band chart: not drawn here; ${where}.</sub>`,
  };
}

/** "predicted as cat: 33 right of 36 → 35 of 49, precision 91.7% → 71.4% (−20.3 pts, q = 0.02)". */
function precisionItem(c: ClassDelta, g: ClassGroups, opts: BuildOptions): string {
  const p = c.precision!;
  const where = g.multiSplit ? ` · ${splitMd(c.split)}` : '';
  const side = (s: { tp: number; predicted: number } | null) => (s ? `${s.tp} right of ${s.predicted}` : '—');
  const prec = (s: { tp: number; predicted: number } | null) => (s && s.predicted > 0 ? pct(s.tp / s.predicted) : '—');
  const stats = [p.test?.ci && p.delta !== null ? `${pts(p.delta)} ${interval(p.test.ci)}` : pts(p.delta)];
  if (p.test?.q !== undefined) stats.push(qText('q', p.test.q));
  const counts = `${side(p.base)} → ${side(p.head)}`.replace(/ right of (\d+)$/, ' of $1');
  return `- ${LEVEL_ICON[p.level] || '⚠️ '}predicted as ${nameMd(c.name, opts.listNameMax)}${where}: ${counts}, precision ${prec(p.base)} → ${prec(p.head)} (${stats.join(', ')})`;
}

function precisionSection(cmp: Comparison, g: ClassGroups, ctx: RenderContext, opts: BuildOptions): Section | null {
  if (g.precisionRegressions.length === 0) return null;
  const title = `**Per-${unit(cmp).one} precision regressions** (${thousands(g.precisionRegressions.length)})\n\n`;
  return {
    id: 'precision-regressions',
    rank: 58,
    head: title,
    items: g.precisionRegressions.map((c) => precisionItem(c, g, opts)),
    sep: '\n',
    tail: '',
    more: moreNote(ctx, opts, ['regression', 'regressions']),
    empty: () => `${title.trimEnd()}: not listed here; ${elsewhere(ctx, opts)}.`,
  };
}

function regressionsSection(cmp: Comparison, g: ClassGroups, ctx: RenderContext, opts: BuildOptions): Section | null {
  if (g.regressions.length === 0) return null;
  const n = g.regressions.length;
  const lost = g.regressions.filter((c) => c.status === 'catastrophic').length;
  const title = `**Per-${unit(cmp).one} recall regressions** (${thousands(n)}${lost ? `, ${thousands(lost)} no longer found at all` : ''})\n\n`;
  return {
    id: 'regressions',
    rank: 60,
    head: title,
    items: g.regressions.map((c) => classItem(c, g, opts, LEVEL_ICON[recallLevel(c)] || '⚠️ ')),
    sep: '\n',
    tail: '',
    more: moreNote(ctx, opts, ['regression', 'regressions']),
    empty: () => `${title.trimEnd()}: not listed here; ${elsewhere(ctx, opts)}.`,
  };
}

function improvementsSection(cmp: Comparison, g: ClassGroups, ctx: RenderContext, opts: BuildOptions): Section | null {
  if (g.improvements.length === 0) return null;
  // With damage above, a long list of gains would bury it: count them, list them collapsed.
  if (hasClassDamage(cmp, g) && g.improvements.length > IMPROVEMENTS_OPEN_MAX) {
    const d = details(`Improved ${unit(cmp).many} (${thousands(g.improvements.length)})`);
    const line = `**Improvements** (${thousands(g.improvements.length)}), after the damage above.`;
    return {
      id: 'improvements',
      rank: 30,
      head: `${line}\n\n${d.open}`,
      items: g.improvements.map((c) => classItem(c, g, opts, '✅ ')),
      sep: '\n',
      tail: d.close,
      more: moreNote(ctx, opts, ['improvement', 'improvements']),
      empty: (n) => `**Improvements** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`,
    };
  }
  return {
    id: 'improvements',
    rank: 30,
    head: `**Improvements** (${thousands(g.improvements.length)})\n\n`,
    items: g.improvements.map((c) => classItem(c, g, opts, '✅ ')),
    sep: '\n',
    tail: '',
    more: moreNote(ctx, opts, ['improvement', 'improvements']),
    empty: (n) => `**Improvements** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`,
  };
}

/** An inline list of names (collapsed when long), e.g. classes added or too few to judge. */
function nameList(
  id: string,
  rank: number,
  title: string,
  items: string[],
  ctx: RenderContext,
  opts: BuildOptions,
  lead = '',
): Section | null {
  if (items.length === 0) return null;
  const more = moreNote(ctx, opts, ['name', 'names']);
  if (items.length <= COLLAPSE_OVER) {
    return { id, rank, head: `${lead}**${title}** (${thousands(items.length)}): `, items, sep: ' · ', tail: '', more };
  }
  const d = details(`${title} (${thousands(items.length)})`);
  return {
    id,
    rank,
    head: `${lead}${d.open}`,
    items,
    sep: ' · ',
    tail: d.close,
    more,
    empty: (n) => `${lead}**${title}** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`,
  };
}

function noiseSection(cmp: Comparison, g: ClassGroups, ctx: RenderContext, opts: BuildOptions): Section | null {
  const order = splitOrder(cmp);
  const perSplit = Object.entries(cmp.noise)
    .filter(([, n]) => n > 0)
    .sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0));
  if (perSplit.length === 0 && g.noise.length === 0) return null;
  const counts =
    perSplit.length > 0
      ? perSplit
          .map(([s, n], i) => `${i === 0 ? plural(n, unit(cmp).one, unit(cmp).many) : thousands(n)} on ${splitMd(s)}`)
          .join(', ')
      : plural(g.noise.length, unit(cmp).one, unit(cmp).many);
  const line = `**Within noise:** ${counts} changed, but not significantly or by less than the minimum change${sameRecallNote(g)}.`;
  const items = g.noise.map(
    (c) => `${nameMd(c.name, opts.cellNameMax)}${g.multiSplit ? ` (${splitMd(c.split)})` : ''} ${pts(c.delta)}`,
  );
  if (items.length === 0) return { id: 'noise', rank: 10, head: line, items: [], sep: '', tail: '' };
  const d = details(`Which ${unit(cmp).many}`);
  return {
    id: 'noise',
    rank: 10,
    head: `${line}\n\n${d.open}`,
    items,
    sep: ' · ',
    tail: d.close,
    more: moreNote(
      ctx,
      opts,
      g.multiSplit ? [`${unit(cmp).one} row`, `${unit(cmp).one} rows`] : [unit(cmp).one, unit(cmp).many],
    ),
    empty: () => line,
  };
}

/**
 * Noise rows at 0.0 pts found other examples, not fewer or more (McNemar: as many lost as
 * gained): "Across classes" counts them unchanged, so say how they changed.
 */
function sameRecallNote(g: ClassGroups): string {
  const same = g.noise.filter((c) => c.delta === 0).length;
  if (same === 0) return '';
  return `; ${thousands(same)} of them found other examples, as many as before`;
}

function tooFewSection(g: ClassGroups, ctx: RenderContext, opts: BuildOptions): Section | null {
  const items = g.tooFew.map(
    (c) =>
      `${nameMd(c.name, opts.cellNameMax)}${g.multiSplit ? ` (${splitMd(c.split)})` : ''} ${found(c.base)} → ${found(c.head)}`,
  );
  return nameList('too-few', 20, 'Too few examples to judge', items, ctx, opts);
}

function addedRemovedSections(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section[] {
  const out: (Section | null)[] = [
    nameList(
      'classes-removed',
      26,
      `${unit(cmp).Many} removed (only in base)`,
      cmp.classesRemoved.map((n) => nameMd(n, opts.cellNameMax)),
      ctx,
      opts,
    ),
    nameList(
      'classes-added',
      25,
      `${unit(cmp).Many} added (only in head)`,
      cmp.classesAdded.map((n) => nameMd(n, opts.cellNameMax)),
      ctx,
      opts,
    ),
  ];
  return out.filter((s): s is Section => s !== null);
}

function oneSideSection(cmp: Comparison): Section | null {
  if (cmp.verdict === 'no-baseline') return null;
  const parts: string[] = [];
  if (cmp.splits.onlyHead.length) parts.push(`only in head: ${cmp.splits.onlyHead.map(splitMd).join(', ')}`);
  if (cmp.splits.onlyBase.length) parts.push(`only in base: ${cmp.splits.onlyBase.map(splitMd).join(', ')}`);
  if (parts.length === 0) return null;
  return {
    id: 'one-side-splits',
    rank: 45,
    head: `**Splits not compared** (${parts.join('; ')}).`,
    items: [],
    sep: '',
    tail: '',
  };
}

function methodsSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  const order = splitOrder(cmp);
  const splits = Object.keys(cmp.methods).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  if (splits.length === 0 || cmp.verdict === 'no-baseline') return null;
  // Splits judged the same way for the same reason are named together: say it once.
  const groups = new Map<string, string[]>();
  for (const s of splits) {
    const m = cmp.methods[s];
    const why = m.why ? ` (${esc(truncateEnd(m.why, 200))})` : '';
    const text = `${TEST_NAME[m.classTest] ?? esc(String(m.classTest))}${why}`;
    groups.set(text, [...(groups.get(text) ?? []), splitMd(s)]);
  }
  const items = [...groups].map(([text, names]) => `${names.join(', ')}: ${text}`);
  return {
    id: 'methods',
    rank: 40,
    head: `<sub>Per-${unit(cmp).one} test: `,
    items,
    sep: '; ',
    tail: '.</sub>',
    // Inline: a blank line inside <sub> would split it across paragraphs.
    more: (n) => `; … ${plural(n, 'more split', 'more splits')}`,
    empty: () => `<sub>Per-${unit(cmp).one} test: not shown here; ${seeAlso(ctx, opts)}.</sub>`,
  };
}

/**
 * The recall judgement, as the table is a recall table; a precision regression beside it. The
 * row's level also carries a precision failure, so only a recall fall takes it as its icon.
 */
function statusText(c: ClassDelta): string {
  const recall = recallStatus(c);
  const level = recall === 'regression' || recall === 'catastrophic' ? recallLevel(c) : 'ok';
  const word = `${LEVEL_ICON[level] ?? ''}${esc(recall === 'too-few' ? 'too few' : String(recall))}`;
  const p = c.precision;
  return p?.status === 'regression' ? `${word}; precision ${LEVEL_ICON[p.level] ?? ''}regression` : word;
}

function recallCell(side: { found: number; support: number } | null): string {
  if (!side) return '—';
  return side.support > 0
    ? `${side.found}/${side.support} (${pct(side.found / side.support)})`
    : `${side.found}/${side.support}`;
}

function fullTableSection(cmp: Comparison, g: ClassGroups, ctx: RenderContext, opts: BuildOptions): Section | null {
  if (g.all.length === 0) return null;
  const noBase = cmp.verdict === 'no-baseline';
  const cols: { title: string; right?: boolean }[] = [{ title: unit(cmp).one }];
  if (g.multiSplit) cols.push({ title: 'split' });
  if (noBase) cols.push({ title: 'head found', right: true });
  else
    cols.push(
      { title: 'base found', right: true },
      { title: 'head found', right: true },
      { title: 'change', right: true },
      { title: 'q', right: true },
      { title: 'status' },
    );
  const items = g.all.map((c) => {
    const cells = [nameMd(c.name, opts.cellNameMax)];
    if (g.multiSplit) cells.push(splitMd(c.split));
    if (noBase) cells.push(recallCell(c.head));
    else {
      const q = recallQ(c);
      cells.push(
        recallCell(c.base),
        recallCell(c.head),
        pts(c.delta),
        q === undefined ? '—' : pValue(q),
        statusText(c),
      );
    }
    return row(cells);
  });
  const splits = [...new Set(g.all.map((c) => c.split))].map(splitMd).join(', ');
  const d = details(`All ${plural(g.all.length, `${unit(cmp).one} row`, `${unit(cmp).one} rows`)} (${splits})`);
  const more = moreNote(ctx, opts, ['row', 'rows']);
  const why = !noBase && g.all.some(outsideFamily) ? `\n\n<sub>${esc(OUT_OF_FAMILY_NOTE)}</sub>` : '';
  return {
    id: 'full-table',
    // In the comment the table goes first; the job summary is where readers look for it, so
    // there it outranks the lists it repeats (improvements, noise, too few, added/removed).
    rank: opts.target === 'summary' ? 35 : 0,
    head: d.open + tableHead(cols),
    items,
    sep: '\n',
    tail: why + d.close,
    more,
    empty: (n) =>
      `The per-${unit(cmp).one} table (${plural(n, 'row', 'rows')}) did not fit here: ${elsewhere(ctx, opts)}.`,
  };
}

function settingsSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section | null {
  if (cmp.verdict === 'no-baseline') return null; // no rule was applied
  const leaves = flattenSettings(cmp.settings ?? {});
  if (leaves.length === 0) return null;
  const items = leaves.map(([k, v]) => `- ${esc(truncateEnd(k, 120))}: ${esc(truncateEnd(v, 300))}`);
  const d = details('Rules applied');
  return {
    id: 'settings',
    rank: -1,
    head: d.open,
    items,
    sep: '\n',
    tail: d.close,
    more: moreNote(ctx, opts, ['rule', 'rules']),
    empty: () => `<sub>Rules applied: not listed here; ${seeAlso(ctx, opts)}.</sub>`,
  };
}

/** Nested rules as dotted keys ("classes.catastrophic.min-found: 5"), in the engine's order. */
function flattenSettings(v: unknown, prefix = '', depth = 0, out: [string, string][] = []): [string, string][] {
  if (out.length >= 200) return out;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 5) {
    for (const [k, x] of Object.entries(v)) flattenSettings(x, prefix ? `${prefix}.${k}` : k, depth + 1, out);
  } else if (prefix) out.push([prefix, settingValue(v)]);
  return out;
}

function settingValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length ? v.map(settingValue).join(', ') : 'none';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Plain-text notes as GitHub alerts of one kind (`> [!NOTE]`), each on one line, escaped and bounded. */
function alerts(kind: 'NOTE' | 'IMPORTANT', notes: string[] | undefined): string {
  return (notes ?? [])
    .filter((n) => n.trim() !== '')
    .map((n) => `> [!${kind}]\n> ${esc(truncateEnd(n.replace(/\s+/g, ' '), 500))}`)
    .join('\n\n');
}

function gateNoteSection(ctx: RenderContext): Section | null {
  const head = alerts('IMPORTANT', ctx.gateNotes);
  return head ? { id: 'gate-note', rank: 99, head, items: [], sep: '', tail: '' } : null;
}

function baselineNoteSection(ctx: RenderContext): Section | null {
  const head = alerts('NOTE', ctx.baselineNotes);
  if (!head) return null;
  return {
    id: 'baseline-note',
    rank: 99,
    head,
    items: [],
    sep: '',
    tail: '',
  };
}

function noBaselineSection(cmp: Comparison): Section | null {
  if (cmp.verdict !== 'no-baseline') return null;
  return {
    id: 'no-baseline',
    rank: 100,
    head:
      'There is no baseline report for the base branch, so nothing was compared: these are the head model’s scores.\n\n' +
      '**To get a comparison on the next pull requests**, run this workflow on `push` to the base branch: ' +
      'it stores its report as the baseline for the pull requests that follow. ' +
      'Or commit a report on the base branch, e.g. `modelgate evaluate ... --out reports/main.json`, and set the ' +
      '`baseline-ref-path` input to `reports/main.json`; or pass a report file with the `baseline-report` input.',
    items: [],
    sep: '',
    tail: '',
  };
}

function footerSection(cmp: Comparison, ctx: RenderContext, opts: BuildOptions): Section {
  const parts: string[] = [];
  const run = safeUrl(ctx.runUrl);
  if (run) parts.push(markdownLink('workflow run', run));
  const html = safeUrl(ctx.htmlReportUrl);
  if (html) parts.push(`📊 ${markdownLink('HTML report with charts', html)}`);
  const baseSha = ctx.baseCommit ?? cmp.base?.commit;
  if (baseSha) parts.push(`base ${markdownLink(shortCommit(baseSha), ctx.baseCommitUrl)}`);
  else if (cmp.base?.source) parts.push(`base ${esc(truncateMiddle(cmp.base.source, 80))}`);
  const headSha = ctx.headCommit ?? cmp.head.commit;
  if (headSha) parts.push(`head ${esc(shortCommit(headSha))}`);
  if (opts.target === 'comment' && ctx.reportPath) parts.push(`report ${esc(truncateMiddle(ctx.reportPath, 120))}`);
  if (ctx.key && ctx.key !== 'default') parts.push(`key ${esc(truncateEnd(ctx.key, 100))}`);
  if (cmp.head.toolVersion) parts.push(`modelgate ${esc(truncateEnd(cmp.head.toolVersion, 30))}`);
  return {
    id: 'footer',
    rank: Number.POSITIVE_INFINITY,
    head: parts.length ? `<sub>${parts.join(' · ')}</sub>` : '',
    items: [],
    sep: '',
    tail: '',
  };
}

/** Every section, in display order. */
export function buildSections(
  cmp: Comparison,
  ctx: RenderContext,
  opts: BuildOptions,
  marker: string | null,
): Section[] {
  const g = groupClasses(cmp);
  const all: (Section | null)[] = [
    verdictSection(cmp, marker),
    overviewSection(cmp, g),
    gateNoteSection(ctx),
    baselineNoteSection(ctx),
    noBaselineSection(cmp),
    examplesWarning(cmp),
    sanitySection(cmp, ctx, opts),
    hintsSection(cmp, ctx, opts),
    diagnosticsSection(cmp, ctx, opts),
    classScoresSection(cmp, ctx, opts),
    headlineSection(cmp, ctx, opts),
    gapsSection(cmp, ctx, opts),
    classDamageSection(cmp, ctx, opts),
    bandChartSection(cmp, ctx, opts),
    regressionsSection(cmp, g, ctx, opts),
    precisionSection(cmp, g, ctx, opts),
    improvementsSection(cmp, g, ctx, opts),
    noiseSection(cmp, g, ctx, opts),
    tooFewSection(g, ctx, opts),
    ...addedRemovedSections(cmp, ctx, opts),
    oneSideSection(cmp),
    methodsSection(cmp, ctx, opts),
    fullTableSection(cmp, g, ctx, opts),
    settingsSection(cmp, ctx, opts),
    footerSection(cmp, ctx, opts),
  ];
  return all.filter((s): s is Section => s !== null && (s.head !== '' || s.items.length > 0));
}
