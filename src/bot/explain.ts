// `/modelgate explain <class>`: that class's figures for base and head on every split (counts,
// recall, precision, its most frequent confusions) and the test that judged it (p, q). Pure:
// reports and comparison in, Markdown out. Class and split names are data: always escaped.

import type { ClassDelta, Comparison } from '../core/compare/types.js';
import { escapeMarkdown, truncateMiddle } from '../core/render/escape.js';
import { TEST_NAME, pct, pts, qText, thousands } from '../core/render/format.js';
import type { Report, SplitReport } from '../core/report/types.js';

const esc = (s: string, max = 200) => escapeMarkdown(truncateMiddle(s, max));

/** The class the user meant: exact name, else the one name equal ignoring case; null when none or several. */
export function resolveClass(asked: string, names: readonly string[]): string | null {
  if (names.includes(asked)) return asked;
  const lower = asked.toLowerCase();
  const same = [...new Set(names.filter((n) => n.toLowerCase() === lower))];
  return same.length === 1 ? same[0] : null;
}

interface SideFigures {
  support: number;
  tp: number;
  predicted: number;
  recall: number;
  precision: number;
  confusions: string;
}

function sideFigures(report: Report | null, split: string, name: string): SideFigures | null {
  const s: SplitReport | undefined = report?.splits[split];
  const i = report ? report.classes.indexOf(name) : -1;
  if (!report || !s || i < 0) return null;
  const pc = s.perClass;
  const top = (s.topConfusions?.[i] ?? [])
    .filter(([, n]) => n > 0)
    .slice(0, 3)
    .map(([j, n]) => `${esc(report.classes[j] ?? `#${j}`, 60)} (${thousands(n)})`);
  return {
    support: pc.support[i],
    tp: pc.tp[i],
    predicted: pc.predicted[i],
    recall: pc.recall[i],
    precision: pc.precision[i],
    confusions: top.length ? top.join(', ') : '—',
  };
}

function testLine(d: ClassDelta | undefined): string {
  if (!d) return 'not judged on this split';
  const t = d.test;
  const parts = [`status **${d.status}**`];
  if (t) {
    parts.push(TEST_NAME[t.kind] ?? t.kind);
    if (t.p !== undefined) parts.push(qText('p', t.p));
    if (t.q !== undefined) parts.push(qText('q', t.q));
    if (t.b !== undefined && t.c !== undefined) parts.push(`base-only ${t.b}, head-only ${t.c}`);
  }
  if (d.delta !== null) parts.push(`recall change ${pts(d.delta)}`);
  if (d.precision?.test?.q !== undefined) parts.push(`precision ${qText('q', d.precision.test.q)}`);
  return parts.join(' · ');
}

function row(label: string, f: SideFigures | null): string {
  if (!f) return `| ${label} | — | — | — | — | — | — |`;
  return `| ${label} | ${thousands(f.support)} | ${thousands(f.tp)} | ${thousands(f.predicted)} | ${pct(f.recall)} | ${pct(f.precision)} | ${f.confusions} |`;
}

export function renderExplain(name: string, base: Report | null, head: Report, cmp: Comparison | null): string {
  const splits = [...new Set([...Object.keys(head.splits), ...Object.keys(base?.splits ?? {})])];
  const out = [`#### ${head.task === 'multilabel' ? 'Label' : 'Class'} ${esc(name)}`, ''];
  if (!base) out.push('_No baseline: only the head is shown._', '');
  for (const split of splits) {
    const b = sideFigures(base, split, name);
    const h = sideFigures(head, split, name);
    if (!b && !h) continue;
    const d = cmp?.classes.find((c) => c.split === split && c.name === name);
    out.push(
      `**${esc(split, 60)}**: ${testLine(d)}`,
      '',
      '| | support | found | predicted as it | recall | precision | most often predicted instead |',
      '|---|---:|---:|---:|---:|---:|---|',
      row('base', b),
      row('head', h),
      '',
    );
  }
  return out.join('\n').trimEnd() + '\n';
}

/** Room for an explain's keys in a reply, below GitHub's limit (the note after them included). */
const EXPLAIN_BYTES = 60_000;

/** The keys' parts that fit whole, in order, and a note naming how many more were left out. */
export function wholeParts(parts: string[], room = EXPLAIN_BYTES): string {
  let used = 0;
  let kept = 0;
  while (kept < parts.length && used + Buffer.byteLength(parts[kept]) + 1 <= room)
    used += Buffer.byteLength(parts[kept++]) + 1;
  const rest = parts.length - Math.max(kept, 1);
  const shown = parts.slice(0, Math.max(kept, 1)).join('\n');
  if (rest === 0) return shown;
  return `${shown}\n_… and ${rest} more key${rest === 1 ? '' : 's'}, left out to fit one comment: \`/modelgate explain --key <key> <class>\` shows one._\n`;
}
