import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  GAP_PAIRS,
  METRIC_NAMES
} from "./chunk-TEFQHNLO.js";
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/core/compare/rule-names.ts
var GAP_NAMES = GAP_PAIRS.map((g) => g.name);
function ruleReferences(rules) {
  const refs = [];
  const list = (kind, path, names) => Array.isArray(names) && names.forEach((name, i) => refs.push({ path: `${path}[${i}]`, kind, name }));
  list("split", "headline.splits", rules.headline.splits);
  list("split", "classes.splits", rules.classes.splits);
  list("class", "classes.ignore", rules.classes.ignore);
  list("metric", "headline.metrics", rules.headline.metrics);
  list("metric", "gaps.metrics", rules.gaps.metrics);
  for (const k of Object.keys(rules.headline.maxDrop)) {
    if (k === "default") continue;
    const dot = k.lastIndexOf(".");
    const path = `headline.max-drop.${k}`;
    if (dot > 0) refs.push({ path, kind: "split", name: k.slice(0, dot) });
    refs.push({ path, kind: "metric", name: k.slice(dot + 1) });
  }
  for (const k of Object.keys(rules.gaps.maxIncrease)) {
    if (k === "default" || GAP_NAMES.includes(k)) continue;
    const dot = k.indexOf(".");
    const gap = dot > 0 && GAP_NAMES.includes(k.slice(0, dot));
    refs.push({ path: `gaps.max-increase.${k}`, kind: "metric", name: gap ? k.slice(dot + 1) : k });
  }
  return refs;
}
function namesIn(reports) {
  const out = { split: /* @__PURE__ */ new Set(), class: /* @__PURE__ */ new Set(), metric: /* @__PURE__ */ new Set() };
  for (const r of reports) {
    for (const [name, s] of Object.entries(r.splits)) {
      out.split.add(name);
      for (const m of Object.keys(s.metrics)) out.metric.add(m);
    }
    for (const c of r.classes) out.class.add(c);
  }
  out.metric = new Set(METRIC_NAMES.filter((m) => out.metric.has(m)));
  return out;
}
var PLURAL = { split: "splits", class: "classes", metric: "metrics" };
function listed(names) {
  const all = [...names].map((n) => `'${n}'`);
  return all.length <= 12 ? all.join(", ") : `${all.slice(0, 12).join(", ")}, ... (${all.length} in all)`;
}
function checkRuleNames(rules, base, head, origin) {
  const reports = base ? [base, head] : [head];
  const known = namesIn(reports);
  const where = base ? "in the base or head report" : "in the head report";
  for (const ref of ruleReferences(rules)) {
    const problem = unknownName(ref.kind, ref.name, known[ref.kind], where);
    if (problem) throw new UsageError(`${origin}: ${ref.path}: ${problem}`);
  }
}
function unknownName(kind, name, names, where) {
  if (names.has(name)) return null;
  const lower = name.toLowerCase();
  const meant = [...names].find((n) => n.toLowerCase() === lower);
  if (meant !== void 0)
    return `${kind} '${name}' differs only by case from the ${kind} '${meant}'; names are case-sensitive (did you mean '${meant}'?)`;
  return `no ${kind} '${name}' ${where}; the ${PLURAL[kind]} are ${listed(names)}`;
}

export {
  checkRuleNames,
  unknownName
};
