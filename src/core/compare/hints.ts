// Likely causes of what a comparison found, said only where the data supports them: a class-order
// mismatch (accuracy far below chance with a clean one-to-one relabelling in the confusions),
// where a regressed class's examples go now (its confusions, base -> head), and, for model runs,
// what changed in the model (weight count, preprocessing). Pure: reads the two reports.

import { classOrderMapping, denseConfusion } from '../report/sanity.js';
import { quoteName as quote } from './format.js';
import type { Report, SplitReport } from '../report/types.js';
import type { ClassDelta, Hint } from './types.js';

/** Moves named in a class-order hint before "…". */
const MAPPING_SHOWN = 6;
/** Regressed classes whose confusions are shown. */
const CONFUSION_CLASSES = 5;
/** Destinations shown per regressed class. */
const CONFUSION_TARGETS = 3;

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** '0' is predicted as '3', '1' as '0', … */
function mappingText(moves: [number, number][], classes: readonly string[]): string {
  const parts = moves
    .slice(0, MAPPING_SHOWN)
    .map(([t, p], i) => `${quote(classes[t])} ${i === 0 ? 'is predicted as' : 'as'} ${quote(classes[p])}`);
  return parts.join(', ') + (moves.length > MAPPING_SHOWN ? ', …' : '');
}

function classOrderHints(head: Report): Hint[] {
  if (head.task !== 'multiclass') return [];
  const C = head.classes.length;
  const bySignature = new Map<string, { splits: string[]; moves: [number, number][]; share: number; acc: number }>();
  for (const f of head.sanity ?? []) {
    const s = f.split === undefined ? undefined : head.splits[f.split];
    if (f.code !== 'below-chance' || !s) continue;
    const m = classOrderMapping(s, C);
    if (!m) continue;
    const key = JSON.stringify(m.moves);
    const seen = bySignature.get(key);
    if (seen) seen.splits.push(f.split!);
    else bySignature.set(key, { splits: [f.split!], ...m, acc: s.metrics.accuracy ?? 0 });
  }
  return [...bySignature.values()].map((g) => ({
    kind: 'class-order' as const,
    splits: g.splits,
    message:
      `likely a class-order mismatch (${g.splits.join(', ')}): ${mappingText(g.moves, head.classes)} ` +
      `(${pct(g.share)} of the examples follow this one-to-one mapping; accuracy is ${pct(g.acc)}). ` +
      "Check that the class list is in the order of the model's output columns.",
  }));
}

/** Counts of a class's examples by predicted class (off the diagonal), from whatever the report holds. */
function confusionRow(s: SplitReport, t: number, C: number): Map<number, number> {
  const row = new Map<number, number>();
  const dense = denseConfusion(s, C);
  if (dense) {
    for (let p = 0; p < C; p++) if (p !== t && dense[t * C + p] > 0) row.set(p, dense[t * C + p]);
  } else if (s.confusion?.cells) {
    for (const [ti, p, v] of s.confusion.cells) if (ti === t) row.set(p, v);
  } else for (const [p, v] of s.topConfusions?.[t] ?? []) row.set(p, v);
  return row;
}

function confusionHint(base: Report, head: Report, c: ClassDelta): Hint | null {
  const hs = head.splits[c.split];
  const bs = base.splits[c.split];
  const ht = head.classes.indexOf(c.name);
  const bt = base.classes.indexOf(c.name);
  if (!hs || !bs || ht < 0 || bt < 0 || !c.head) return null;
  const headRow = confusionRow(hs, ht, head.classes.length);
  const baseRow = confusionRow(bs, bt, base.classes.length);
  const baseCount = (name: string) => baseRow.get(base.classes.indexOf(name)) ?? 0;
  const targets = [...headRow]
    .map(([p, v]) => ({ name: head.classes[p], now: v, before: baseCount(head.classes[p]) }))
    .filter((x) => x.now > x.before)
    .sort((a, b) => b.now - b.before - (a.now - a.before) || b.now - a.now)
    .slice(0, CONFUSION_TARGETS);
  if (targets.length === 0) return null;
  const parts = targets.map(
    (x, i) =>
      `${x.now}${i === 0 ? ` of ${c.head!.support} now predicted` : ''} as ${quote(x.name)} (base: ${x.before})`,
  );
  return {
    kind: 'confusions',
    splits: [c.split],
    className: c.name,
    message: `${quote(c.name)} (${c.split}): ${parts.join(', ')}`,
  };
}

/** Regressed classes' confusions, except on splits a class-order mismatch already explains. */
function confusionHints(
  base: Report | null,
  head: Report,
  classes: readonly ClassDelta[],
  explained: Set<string>,
): Hint[] {
  if (!base || head.task !== 'multiclass' || base.task !== 'multiclass') return [];
  const out: Hint[] = [];
  const regressed = classes
    .filter((c) => (c.status === 'regression' || c.status === 'catastrophic') && !explained.has(c.split))
    .sort((a, b) => (a.delta ?? 0) - (b.delta ?? 0));
  for (const c of regressed) {
    if (out.length >= CONFUSION_CLASSES) break;
    const h = confusionHint(base, head, c);
    if (h) out.push(h);
  }
  return out;
}

function modelHints(base: Report | null, head: Report): Hint[] {
  const b = base?.model;
  const h = head.model;
  if (!b || !h) return [];
  const out: Hint[] = [];
  if (b.parameters !== undefined && h.parameters !== undefined && b.parameters !== h.parameters) {
    const ratio = h.parameters / b.parameters;
    out.push({
      kind: 'parameters',
      message: `the model's weights changed: ${b.parameters.toLocaleString('en-US')} in base, ${h.parameters.toLocaleString('en-US')} in head${Number.isFinite(ratio) ? ` (${ratio >= 1 ? `${ratio.toFixed(1)}x` : `${(1 / ratio).toFixed(1)}x fewer`})` : ''}`,
    });
  }
  if ((b.preprocess ?? 'none') !== (h.preprocess ?? 'none'))
    out.push({
      kind: 'preprocess',
      message: `the preprocessing changed: base ${b.preprocess ?? 'none'}, head ${h.preprocess ?? 'none'}`,
    });
  return out;
}

/** Every hint the two reports support (`base` null: first run; only the head's own hints). */
export function causeHints(base: Report | null, head: Report, classes: readonly ClassDelta[]): Hint[] {
  const order = classOrderHints(head);
  const explained = new Set(order.flatMap((h) => h.splits ?? []));
  return [...order, ...confusionHints(base, head, classes, explained), ...modelHints(base, head)];
}
