// Terminal output of `modelgate compare`: the comment's story in compact plain text. No
// Markdown, no HTML, ASCII signs; names are sanitized (no escape sequences reach the terminal)
// and long lists are cut, since the report file has everything.

import { bandName } from '../compare/bands.js';
import type { ClassDelta, Comparison, Level } from '../compare/types.js';
import { LOWER_IS_BETTER } from '../report/types.js';
import { escapePlain, truncateEnd, truncateMiddle } from './escape.js';
import {
  PLAIN_STYLE as P,
  TEST_NAME,
  change,
  decimalsFor,
  found,
  interval,
  pct,
  plural,
  pts,
  qText,
  thousands,
} from './format.js';
import { differentExampleSplits, gapWidened, groupClasses, recallLevel, splitOrder } from './select.js';

const LIST_MAX = { regressions: 20, improvements: 10, names: 5 };
const LEVEL_TAG: Record<Level, string> = { ok: '', warn: 'WARN', fail: 'FAIL' };

const name = (s: string, max = 80): string => escapePlain(truncateMiddle(s, max));
const width = (s: string): number => Array.from(s).length;
const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - width(s))) + s;

/** Aligns rows of cells; `right` marks numeric columns. */
function table(rows: string[][], right: boolean[], indent = '  '): string[] {
  const widths = right.map((_, j) => Math.max(0, ...rows.map((r) => width(r[j] ?? ''))));
  return rows.map((r) =>
    (indent + r.map((c, j) => (right[j] ? padStart(c, widths[j]) : padEnd(c, widths[j]))).join('  ')).trimEnd(),
  );
}

function classLine(c: ClassDelta, multiSplit: boolean): string {
  const stats = [
    c.test?.ci && c.delta !== null ? `${pts(c.delta, 1, P)} ${interval(c.test.ci, 1, P)}` : pts(c.delta, 1, P),
  ];
  if ((c.recallStatus ?? c.status) === 'improvement') {
    if (c.test?.qUp !== undefined) stats.push(qText('q', c.test.qUp));
  } else if (c.test?.q !== undefined) stats.push(qText('q', c.test.q));
  else if (c.test?.p !== undefined) stats.push(qText('p', c.test.p));
  const tag = LEVEL_TAG[recallLevel(c)] || (c.status === 'improvement' ? 'UP' : '');
  const lost = c.status === 'catastrophic' ? ' - none found now' : '';
  return `  ${padEnd(tag, 4)} ${name(c.name)}${multiSplit ? ` [${name(c.split, 30)}]` : ''}: found ${found(c.base, P)} -> ${found(c.head, P)} (${stats.join(', ')})${lost}`;
}

/** Per split: classes that fell and rose (sign test), then recall by support band. */
function aggregateLines(cmp: Comparison): string[] {
  const out: string[] = [];
  for (const a of cmp.classAggregates ?? []) {
    out.push(
      `  ${name(a.split, 30)}: ${thousands(a.fell)} fell, ${thousands(a.rose)} rose, ${thousands(a.unchanged)} unchanged (sign test ${qText('p', a.signP)})`,
    );
    const rows = a.bands.map((b) => [
      `    ${bandName(b.min, b.max).replace('≥', '>=').replace('–', '-')}`,
      `${thousands(b.classes)}`,
      pct(b.base, 1, P),
      pct(b.head, 1, P),
      change(b.delta, b.ci, 1, P),
      b.tooFew ? 'too few' : LEVEL_TAG[b.level],
    ]);
    if (rows.length)
      out.push(
        ...table(
          [['    base positives', 'classes', 'base', 'head', 'change', ''], ...rows],
          [false, true, true, true, true, false],
          '',
        ),
      );
  }
  return out;
}

function precisionLine(c: ClassDelta, multiSplit: boolean): string {
  const p = c.precision!;
  const side = (s: { tp: number; predicted: number } | null) => (s ? `${s.tp} of ${s.predicted}` : '-');
  const prec = (s: { tp: number; predicted: number } | null) =>
    s && s.predicted > 0 ? pct(s.tp / s.predicted, 1, P) : '-';
  const q = p.test?.q !== undefined ? `, ${qText('q', p.test.q)}` : '';
  return `  ${padEnd(LEVEL_TAG[p.level], 4)} predicted as ${name(c.name)}${multiSplit ? ` [${name(c.split, 30)}]` : ''}: ${side(p.base)} right -> ${side(p.head)}, precision ${prec(p.base)} -> ${prec(p.head)} (${pts(p.delta, 1, P)}${q})`;
}

function metricName(metric: string, higherIsBetter = true): string {
  const m = name(metric, 40);
  return higherIsBetter && !LOWER_IS_BETTER.has(metric) ? m : `${m} (lower is better)`;
}

/** Noise rows at 0.0 pts found other examples, not fewer: "changed", and how, rather than "moved". */
function noiseLine(total: number, noise: ClassDelta[], multiSplit: boolean): string {
  const rows = multiSplit ? plural(total, 'class row', 'class rows') : plural(total, 'class', 'classes');
  const same = noise.filter((c) => c.delta === 0).length;
  const how = same ? `; ${thousands(same)} of them found other examples, as many as before` : '';
  return `Within noise: ${rows} changed, not significantly${how}`;
}

export function renderText(cmp: Comparison): string {
  const out: string[] = [];
  const g = groupClasses(cmp);
  const noBase = cmp.verdict === 'no-baseline';
  const reasons = cmp.reasons.slice(0, 2).map((r) => escapePlain(truncateEnd(r, 300)).replace(/\u2212/g, '-'));
  const word = noBase ? 'NO BASELINE' : String(cmp.verdict).toUpperCase();
  out.push(`modelgate: ${escapePlain(word)}${reasons.length ? ` - ${reasons.join('; ')}` : ''}`);

  if (noBase) {
    out.push(
      'No baseline report: nothing was compared. To compare, commit a report on the base branch',
      '(modelgate evaluate ... --out reports/main.json) and set baseline-ref-path, or pass baseline-report.',
    );
  } else if (cmp.classes.length) {
    const parts = [
      `${thousands(g.regressions.length)} regressed`,
      `${thousands(g.improvements.length)} improved`,
      `${thousands(g.noise.length)} within noise`,
    ];
    if (g.tooFew.length) parts.push(`${thousands(g.tooFew.length)} too few to judge`);
    out.push(`${plural(cmp.classes.length, 'class row', 'class rows')}: ${parts.join(', ')}`);
    out.push(...aggregateLines(cmp));
  }

  const diff = differentExampleSplits(cmp);
  if (diff.length) {
    out.push(
      '',
      `WARNING: base and head were not evaluated on the same examples (${diff.map((s) => name(s, 30)).join(', ')}): scores are not directly comparable.`,
    );
  }

  for (const n of cmp.notes ?? []) if (n.section === 'data') out.push(`  ${escapePlain(truncateEnd(n.text, 600))}`);

  if (cmp.sanity.length) {
    out.push('', 'Sanity checks');
    for (const f of cmp.sanity)
      out.push(
        `  ${padEnd(f.level === 'info' ? 'INFO' : (LEVEL_TAG[f.level] ?? ''), 4)} ${f.split ? `${name(f.split, 30)}: ` : ''}${escapePlain(truncateEnd(f.message, 300))} (${name(f.code, 40)})`,
      );
  }

  if (cmp.hints?.length) {
    out.push('', 'Likely causes');
    for (const h of cmp.hints) out.push(`  ${escapePlain(truncateEnd(h.message, 600))}`);
  }

  if (cmp.headline.length) {
    const order = splitOrder(cmp);
    const rows = [...cmp.headline].sort((a, b) => (order.get(a.split) ?? 0) - (order.get(b.split) ?? 0));
    const cells = rows.map((m) => {
      const d = decimalsFor([m.base, m.head]);
      const base = [name(m.split, 30), metricName(m.metric, m.higherIsBetter)];
      return noBase
        ? [...base, pct(m.head, d, P)]
        : [...base, pct(m.base, d, P), pct(m.head, d, P), change(m.delta, m.ci, d, P), LEVEL_TAG[m.level]];
    });
    const header = noBase ? ['split', 'metric', 'head'] : ['split', 'metric', 'base', 'head', 'change', ''];
    const right = noBase ? [false, false, true] : [false, false, true, true, true, false];
    out.push('', ...table([header, ...cells], right, ''));
    for (const n of cmp.notes ?? []) if (n.section === 'headline') out.push(escapePlain(truncateEnd(n.text, 600)));
  }

  if (cmp.gaps.length) {
    const cells = cmp.gaps.map((gp) => {
      const d = decimalsFor([gp.base, gp.head]);
      // No direction: the metric's is not the gap's; the tag and the "widened" line say which way is worse.
      const base = [name(gp.gap, 40), name(gp.metric, 40)];
      return noBase
        ? [...base, pts(gp.head, d, P)]
        : [...base, pts(gp.base, d, P), pts(gp.head, d, P), change(gp.delta, gp.ci, d, P), LEVEL_TAG[gp.level]];
    });
    const header = noBase ? ['gap', 'metric', 'head'] : ['gap', 'metric', 'base', 'head', 'change', ''];
    const right = noBase ? [false, false, true] : [false, false, true, true, true, false];
    out.push('', ...table([header, ...cells], right, ''));
    const widened = new Map<string, string[]>();
    for (const gp of cmp.gaps) {
      if (noBase || gp.level === 'ok' || !gapWidened(gp.delta, gp.higherIsBetter)) continue;
      widened.set(gp.gap, [...(widened.get(gp.gap) ?? []), name(gp.metric, 40)]);
    }
    for (const [gapName, metrics] of widened) {
      const meaning =
        gapName === 'validation-test'
          ? 'the model does better on validation than on test'
          : 'the model fits train better and generalizes worse';
      out.push(`  ${name(gapName, 40)} gap widened (${metrics.join(', ')}): ${meaning}.`);
    }
    for (const n of cmp.notes ?? []) if (n.section === 'gaps') out.push(escapePlain(truncateEnd(n.text, 600)));
  }

  const list = (title: string, items: ClassDelta[], max: number): void => {
    if (!items.length) return;
    out.push('', `${title} (${thousands(items.length)})`);
    for (const c of items.slice(0, max)) out.push(classLine(c, g.multiSplit));
    if (items.length > max) out.push(`  ... ${thousands(items.length - max)} more in the report`);
  };
  list('Per-class recall regressions', g.regressions, LIST_MAX.regressions);
  if (g.precisionRegressions.length) {
    out.push('', `Per-class precision regressions (${thousands(g.precisionRegressions.length)})`);
    for (const c of g.precisionRegressions.slice(0, LIST_MAX.regressions)) out.push(precisionLine(c, g.multiSplit));
  }
  list('Improvements', g.improvements, LIST_MAX.improvements);

  const names = (title: string, items: string[]): void => {
    if (!items.length) return;
    const shown = items.slice(0, LIST_MAX.names).map((n) => name(n, 50));
    const more = items.length > shown.length ? `, ... ${thousands(items.length - shown.length)} more` : '';
    out.push(`${title} (${thousands(items.length)}): ${shown.join(', ')}${more}`);
  };
  const tail: string[] = [];
  const noiseTotal = Object.values(cmp.noise).reduce((a, b) => a + b, 0) || g.noise.length;
  if (noiseTotal) tail.push(noiseLine(noiseTotal, g.noise, g.multiSplit));
  if (tail.length || g.tooFew.length || cmp.classesAdded.length || cmp.classesRemoved.length) out.push('');
  out.push(...tail);
  names(
    'Too few examples to judge',
    g.tooFew.map((c) => c.name),
  );
  names('Classes added', cmp.classesAdded);
  names('Classes removed', cmp.classesRemoved);
  if (!noBase && (cmp.splits.onlyHead.length || cmp.splits.onlyBase.length)) {
    const parts = [];
    if (cmp.splits.onlyHead.length)
      parts.push(`only in head: ${cmp.splits.onlyHead.map((s) => name(s, 30)).join(', ')}`);
    if (cmp.splits.onlyBase.length)
      parts.push(`only in base: ${cmp.splits.onlyBase.map((s) => name(s, 30)).join(', ')}`);
    out.push(`Splits not compared: ${parts.join('; ')}`);
  }
  const methods = new Map<string, string[]>();
  for (const s of Object.keys(cmp.methods)) {
    const kind = cmp.methods[s].classTest;
    const test = TEST_NAME[kind] ?? escapePlain(String(kind));
    methods.set(test, [...(methods.get(test) ?? []), name(s, 30)]);
  }
  if (methods.size && !noBase) {
    out.push(`Per-class test: ${[...methods].map(([test, splits]) => `${splits.join(', ')}: ${test}`).join('; ')}`);
  }
  return out.join('\n') + '\n';
}
