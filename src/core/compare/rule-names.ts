// Rules name splits, classes and metrics as free text, parsed before the reports are known
// (see ./rules.ts). A name that matches nothing would silently switch a check off
// (`headline.splits: [tset]` judges no split and passes any drop), so before comparing, every
// name a rule holds is checked against the base and head reports, and one that is not there,
// or that differs only by case from one that is, is an error naming it.

import { UsageError } from '../errors.js';
import { GAP_PAIRS, METRIC_NAMES, type Report } from '../report/types.js';
import type { GateRules } from './rules.js';

export type NameKind = 'split' | 'class' | 'metric';

/** A name written in the rules: where (as in .modelgate.yml), what kind, and the name. */
export interface NameRef {
  path: string;
  kind: NameKind;
  name: string;
}

const GAP_NAMES: readonly string[] = GAP_PAIRS.map((g) => g.name);

/** Every split, class and metric name the rules hold. New rules that name things add them here. */
export function ruleReferences(rules: GateRules): NameRef[] {
  const refs: NameRef[] = [];
  const list = (kind: NameKind, path: string, names: readonly string[] | 'all' | null) =>
    Array.isArray(names) && names.forEach((name, i) => refs.push({ path: `${path}[${i}]`, kind, name }));
  list('split', 'headline.splits', rules.headline.splits);
  list('split', 'classes.splits', rules.classes.splits);
  list('class', 'classes.ignore', rules.classes.ignore);
  list('metric', 'headline.metrics', rules.headline.metrics);
  list('metric', 'gaps.metrics', rules.gaps.metrics);
  // max-drop keys: '<metric>' or '<split>.<metric>' (split names may hold dots).
  for (const k of Object.keys(rules.headline.maxDrop)) {
    if (k === 'default') continue;
    const dot = k.lastIndexOf('.');
    const path = `headline.max-drop.${k}`;
    if (dot > 0) refs.push({ path, kind: 'split', name: k.slice(0, dot) });
    refs.push({ path, kind: 'metric', name: k.slice(dot + 1) });
  }
  // max-increase keys: '<gap>', '<metric>' or '<gap>.<metric>' (gap names are checked by parseRules).
  for (const k of Object.keys(rules.gaps.maxIncrease)) {
    if (k === 'default' || GAP_NAMES.includes(k)) continue;
    const dot = k.indexOf('.');
    const gap = dot > 0 && GAP_NAMES.includes(k.slice(0, dot));
    refs.push({ path: `gaps.max-increase.${k}`, kind: 'metric', name: gap ? k.slice(dot + 1) : k });
  }
  return refs;
}

/** The names each kind can take in these reports. */
function namesIn(reports: Report[]): Record<NameKind, Set<string>> {
  const out: Record<NameKind, Set<string>> = { split: new Set(), class: new Set(), metric: new Set() };
  for (const r of reports) {
    for (const [name, s] of Object.entries(r.splits)) {
      out.split.add(name);
      for (const m of Object.keys(s.metrics)) out.metric.add(m);
    }
    for (const c of r.classes) out.class.add(c);
  }
  // Metrics in the order reports list them, whatever order a file wrote them in.
  out.metric = new Set(METRIC_NAMES.filter((m) => out.metric.has(m)));
  return out;
}

const PLURAL: Record<NameKind, string> = { split: 'splits', class: 'classes', metric: 'metrics' };

function listed(names: ReadonlySet<string>): string {
  const all = [...names].map((n) => `'${n}'`);
  return all.length <= 12 ? all.join(', ') : `${all.slice(0, 12).join(', ')}, ... (${all.length} in all)`;
}

/**
 * Throws a UsageError for the first rule name that is not in the base or head report
 * (`origin` names where the rules came from, e.g. ".modelgate.yml").
 */
export function checkRuleNames(rules: GateRules, base: Report | null, head: Report, origin: string): void {
  const reports = base ? [base, head] : [head];
  const known = namesIn(reports);
  const where = base ? 'in the base or head report' : 'in the head report';
  for (const ref of ruleReferences(rules)) {
    const problem = unknownName(ref.kind, ref.name, known[ref.kind], where);
    if (problem) throw new UsageError(`${origin}: ${ref.path}: ${problem}`);
  }
}

/**
 * Why `name` is not one of `names` (null when it is): it differs only by case from one (names
 * are case-sensitive, so it would match nothing), or no such name exists `where`.
 */
export function unknownName(kind: NameKind, name: string, names: ReadonlySet<string>, where: string): string | null {
  if (names.has(name)) return null;
  const lower = name.toLowerCase();
  const meant = [...names].find((n) => n.toLowerCase() === lower);
  if (meant !== undefined)
    return `${kind} '${name}' differs only by case from the ${kind} '${meant}'; names are case-sensitive (did you mean '${meant}'?)`;
  return `no ${kind} '${name}' ${where}; the ${PLURAL[kind]} are ${listed(names)}`;
}
