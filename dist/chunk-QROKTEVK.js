import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  AP_HELD,
  bandName,
  effectPhrase,
  rankingCause,
  suggestionText
} from "./chunk-L3YDZWQK.js";
import {
  escapeMarkdown,
  escapeMermaid,
  markdownLink,
  safeUrl
} from "./chunk-5UDJ5SI4.js";
import {
  quoteNameWithin
} from "./chunk-TTVUQ5IT.js";
import {
  truncateEnd,
  truncateMiddle
} from "./chunk-PQEN5O2V.js";
import {
  LOWER_IS_BETTER
} from "./chunk-TEFQHNLO.js";

// src/core/render/select.ts
var STATUS_RANK = {
  catastrophic: 0,
  regression: 1,
  improvement: 2,
  noise: 3,
  "too-few": 4,
  unchanged: 5,
  ignored: 6,
  added: 7,
  removed: 8
};
var byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
var deltaAsc = (a, b) => (a.delta ?? Number.POSITIVE_INFINITY) - (b.delta ?? Number.POSITIVE_INFINITY);
function splitOrder(cmp) {
  const order = /* @__PURE__ */ new Map();
  for (const s of [...cmp.splits.both, ...cmp.splits.onlyHead, ...cmp.splits.onlyBase])
    if (!order.has(s)) order.set(s, order.size);
  for (const c of cmp.classes) if (!order.has(c.split)) order.set(c.split, order.size);
  return order;
}
function recallStatus(c) {
  return c.status === "catastrophic" ? c.status : c.recallStatus ?? c.status;
}
function recallLevel(c) {
  return c.recallLevel ?? c.level;
}
function recallQ(c) {
  return recallStatus(c) === "improvement" ? c.test?.qUp : c.test?.q;
}
function outsideFamily(c) {
  return c.test?.p !== void 0 && c.test.q === void 0;
}
function groupClasses(cmp) {
  const splits = splitOrder(cmp);
  const bySplit = (a, b) => (splits.get(a.split) ?? 0) - (splits.get(b.split) ?? 0);
  const q = (c) => c.test?.q ?? c.test?.p ?? Number.POSITIVE_INFINITY;
  const regressions = cmp.classes.filter((c) => recallStatus(c) === "catastrophic" || recallStatus(c) === "regression").sort(
    (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || (recallLevel(a) === recallLevel(b) ? 0 : recallLevel(a) === "fail" ? -1 : recallLevel(b) === "fail" ? 1 : 0) || q(a) - q(b) || deltaAsc(a, b) || bySplit(a, b) || byName(a, b)
  );
  const pq = (c) => c.precision?.test?.q ?? c.precision?.test?.p ?? Number.POSITIVE_INFINITY;
  const precisionRegressions = cmp.classes.filter((c) => c.precision?.status === "regression").sort((a, b) => pq(a) - pq(b) || bySplit(a, b) || byName(a, b));
  const improvements = cmp.classes.filter((c) => recallStatus(c) === "improvement").sort((a, b) => (b.delta ?? 0) - (a.delta ?? 0) || bySplit(a, b) || byName(a, b));
  const noise = cmp.classes.filter((c) => c.status === "noise").sort((a, b) => deltaAsc(a, b) || bySplit(a, b) || byName(a, b));
  const tooFew = cmp.classes.filter((c) => c.status === "too-few").sort((a, b) => deltaAsc(a, b) || bySplit(a, b) || byName(a, b));
  const ignored = cmp.classes.filter((c) => c.status === "ignored").sort((a, b) => bySplit(a, b) || byName(a, b));
  const all = [...cmp.classes].sort(
    (a, b) => bySplit(a, b) || STATUS_RANK[a.status] - STATUS_RANK[b.status] || deltaAsc(a, b) || byName(a, b)
  );
  const multiSplit = new Set(cmp.classes.map((c) => c.split)).size > 1;
  return { regressions, precisionRegressions, improvements, noise, tooFew, ignored, all, multiSplit };
}
var SIGN_TEST_LEVEL = 0.05;
function hasClassDamage(cmp, g) {
  if (g.regressions.length || g.precisionRegressions.length) return true;
  return (cmp.classAggregates ?? []).some(
    (a) => a.bands.some((b) => b.level !== "ok") || a.fell > a.rose && a.signP <= SIGN_TEST_LEVEL
  );
}
function differentExampleSplits(cmp) {
  return Object.keys(cmp.sameExamples).filter((s) => cmp.sameExamples[s] === false).sort((a, b) => (splitOrder(cmp).get(a) ?? 0) - (splitOrder(cmp).get(b) ?? 0));
}
function gapWidened(delta, higherIsBetter) {
  if (delta === null) return false;
  return higherIsBetter ? delta < 0 : delta > 0;
}

// src/core/render/mermaid.ts
function bandLabel(min, max) {
  return max === null ? `${min}+` : `${min}\u2013${max - 1}`;
}
function value(x) {
  return (Math.round(x * 1e3) / 10).toFixed(1);
}
function bandChart(agg) {
  const bands = agg.bands;
  if (bands.length < 2) return null;
  if (bands.some((b) => !Number.isFinite(b.base) || !Number.isFinite(b.head))) return null;
  const label = (s) => `"${escapeMermaid(s)}"`;
  const title = `Macro recall by support band (${truncateEnd(agg.split, 40)}): bars base, line head`;
  return [
    "```mermaid",
    "xychart-beta",
    `  title ${label(title)}`,
    `  x-axis ${label("positives in base")} [${bands.map((b) => label(bandLabel(b.min, b.max))).join(", ")}]`,
    `  y-axis ${label("macro recall (%)")} 0 --> 100`,
    `  bar [${bands.map((b) => value(b.base)).join(", ")}]`,
    `  line [${bands.map((b) => value(b.head)).join(", ")}]`,
    "```"
  ].join("\n");
}

// src/core/render/format.ts
var MARKDOWN_STYLE = { minus: "\u2212", missing: "\u2014" };
function decimalsFor(values) {
  const finite = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  if (finite.length === 0) return 1;
  return finite.every((v) => Math.abs(v) < 0.01) ? 2 : 1;
}
function fixed(x, decimals, style, signed) {
  const s = Math.abs(x).toFixed(decimals);
  const isZero = Number(s) === 0;
  const sign = isZero ? "" : x < 0 ? style.minus : signed ? "+" : "";
  return sign + s;
}
function pct(x, decimals = 1, style = MARKDOWN_STYLE) {
  if (x === null || x === void 0) return missing(style);
  if (!Number.isFinite(x)) return String(x);
  return fixed(x * 100, decimals, style, false) + "%";
}
function pts(x, decimals = 1, style = MARKDOWN_STYLE) {
  if (x === null || x === void 0) return missing(style);
  if (!Number.isFinite(x)) return String(x);
  return fixed(x * 100, decimals, style, true) + " pts";
}
function interval(ci, decimals = 1, style = MARKDOWN_STYLE) {
  return `[${fixed(ci.lo * 100, decimals, style, true)}, ${fixed(ci.hi * 100, decimals, style, true)}]`;
}
function change(delta, ci, decimals = 1, style = MARKDOWN_STYLE) {
  const d = pts(delta, decimals, style);
  return ci && delta !== null ? `${d} ${interval(ci, decimals, style)}` : d;
}
function pValue(p) {
  if (!Number.isFinite(p)) return String(p);
  if (p < 1e-4) return "< 0.0001";
  if (p >= 0.995) return "1";
  return String(Number(p.toPrecision(2)));
}
function qText(name, v) {
  const s = pValue(v);
  return s.startsWith("<") ? `${name} ${s}` : `${name} = ${s}`;
}
function found(side, style = MARKDOWN_STYLE) {
  return side ? `${side.found}/${side.support}` : missing(style);
}
function missing(style) {
  return style.missing;
}
function levelText(level) {
  return `${Number((level * 100).toPrecision(3))}%`;
}
function plural(n, one, many) {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}
function thousands(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
var TEST_NAME = {
  mcnemar: "McNemar test",
  newcombe: "Newcombe interval",
  threshold: "fixed threshold"
};
var OUT_OF_FAMILY_NOTE = "\u2014 under q: the test was left out of the FDR family (even its most one-sided result could not be significant), so it has no q.";

// src/core/render/sections.ts
var VERDICT_ICON = { pass: "\u2705", warn: "\u26A0\uFE0F", fail: "\u274C", "no-baseline": "\u2139\uFE0F" };
var VERDICT_WORD = {
  pass: "pass",
  warn: "warn",
  fail: "fail",
  "no-baseline": "no baseline"
};
var LEVEL_ICON = { ok: "", warn: "\u26A0\uFE0F ", fail: "\u274C " };
var REASON_MAX = 300;
var COLLAPSE_OVER = 10;
var IMPROVEMENTS_OPEN_MAX = 5;
var esc = escapeMarkdown;
function unit(cmp) {
  return cmp.task === "multilabel" ? { one: "label", many: "labels", One: "Label", Many: "Labels" } : { one: "class", many: "classes", One: "Class", Many: "Classes" };
}
function nameMd(name, max) {
  if (name.trim() === "") return "<i>(blank name)</i>";
  return `<b>${esc(truncateMiddle(name, max))}</b>`;
}
function splitMd(split) {
  return esc(truncateMiddle(split, 60));
}
function metricMd(metric, higherIsBetter = true) {
  const m = metricNameMd(metric);
  return higherIsBetter && !LOWER_IS_BETTER.has(metric) ? m : `${m} (lower is better)`;
}
function metricNameMd(metric) {
  return esc(truncateEnd(metric, 60));
}
function gapMd(gap) {
  return esc(truncateEnd(gap, 60)).replace(/-/, " \u2212 ");
}
function shortCommit(sha) {
  return /^[0-9a-f]{8,64}$/i.test(sha) ? sha.slice(0, 7) : truncateEnd(sha, 40);
}
function verdictLine(cmp, reasonMax = REASON_MAX) {
  const shown = cmp.reasons.slice(0, 2).map((r) => esc(truncateEnd(r, reasonMax)));
  const extra = cmp.reasons.length - shown.length;
  const reasons = shown.join("; ") + (extra > 0 ? ` (+${extra} more)` : "");
  const icon = VERDICT_ICON[cmp.verdict] ?? "\u2754";
  const word = VERDICT_WORD[cmp.verdict] ?? esc(String(cmp.verdict));
  return `${icon} **modelgate: ${word}**${reasons ? ` \u2014 ${reasons}` : ""}`;
}
function elsewhere(ctx, opts) {
  const path = ctx.reportPath ? esc(truncateMiddle(ctx.reportPath, 200)) : "";
  if (opts.target === "summary") {
    return path ? `the full report is in ${path}` : "left out to keep this summary under the size limit";
  }
  const summary = markdownLink("job summary", ctx.runUrl);
  return path ? `the full report is in the ${summary} and in ${path}` : `the full report is in the ${summary}`;
}
function seeAlso(ctx, opts) {
  if (opts.target === "comment") return `see the ${markdownLink("job summary", ctx.runUrl)}`;
  return ctx.reportPath ? `see ${esc(truncateMiddle(ctx.reportPath, 200))}` : "left out to keep this summary under the size limit";
}
function moreNote(ctx, opts, unit2) {
  return (n) => `

\u2026 ${plural(n, `more ${unit2[0]}`, `more ${unit2[1]}`)}: ${elsewhere(ctx, opts)}.`;
}
function tableHead(columns) {
  return `| ${columns.map((c) => c.title).join(" | ")} |
|${columns.map((c) => c.right ? "---:" : ":---").join("|")}|
`;
}
function row(cells) {
  return `| ${cells.join(" | ")} |`;
}
function details(summary) {
  return { open: `<details>
<summary>${summary}</summary>

`, close: "\n\n</details>" };
}
function classChange(c) {
  const stats = [];
  const ci = c.test?.ci;
  stats.push(ci && c.delta !== null ? `${pts(c.delta)} ${interval(ci)}` : pts(c.delta));
  if (c.recallStatus === "improvement" || c.status === "improvement") {
    if (c.test?.qUp !== void 0) stats.push(qText("q", c.test.qUp));
  } else if (c.test?.q !== void 0) stats.push(qText("q", c.test.q));
  else if (c.test?.p !== void 0) stats.push(qText("p", c.test.p));
  return `found ${found(c.base)} \u2192 ${found(c.head)} (${stats.join(", ")})`;
}
function classItem(c, g, opts, icon) {
  const where = g.multiSplit ? ` \xB7 ${splitMd(c.split)}` : "";
  const lost = c.status === "catastrophic" ? " \u2014 <b>none found now</b>" : "";
  return `- ${icon}${nameMd(c.name, opts.listNameMax)}${where}: ${classChange(c)}${lost}`;
}
function verdictSection(cmp, marker) {
  const lines = [marker, verdictLine(cmp)].filter((l) => l !== null);
  return { id: "verdict", rank: Number.POSITIVE_INFINITY, head: lines.join("\n"), items: [], sep: "", tail: "" };
}
function overviewSection(cmp, g) {
  if (cmp.verdict === "no-baseline" || cmp.classes.length === 0) return null;
  const perSplit = /* @__PURE__ */ new Map();
  for (const c of cmp.classes) perSplit.set(c.split, (perSplit.get(c.split) ?? 0) + 1);
  const counts = [...perSplit.values()];
  const classes = counts.every((n) => n === counts[0]) ? counts[0] : Math.max(...counts);
  const parts = [
    `${thousands(g.regressions.length)} regressed`,
    `${thousands(g.improvements.length)} improved`,
    `${thousands(g.noise.length)} within noise`
  ];
  if (g.precisionRegressions.length) parts.splice(1, 0, `${thousands(g.precisionRegressions.length)} lost precision`);
  if (g.tooFew.length) parts.push(`${thousands(g.tooFew.length)} too few to judge`);
  if (g.ignored.length) parts.push(`${thousands(g.ignored.length)} ignored`);
  const direction = directionSummary(cmp);
  const summary = direction ? `${direction}; one by one: ${parts.join(", ")}` : parts.join(", ");
  const order = splitOrder(cmp);
  const splits = [...perSplit.keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).map(splitMd).join(", ");
  return {
    id: "overview",
    rank: 95,
    // Counts are per class and split, so with several splits say so rather than imply per class.
    head: `${splits} \xB7 ${plural(classes, unit(cmp).one, unit(cmp).many)}${perSplit.size > 1 ? ` \xD7 ${perSplit.size} splits` : ""}: ${summary}`,
    items: [],
    sep: "",
    tail: ""
  };
}
function examplesWarning(cmp) {
  const splits = differentExampleSplits(cmp);
  if (splits.length === 0) return null;
  return {
    id: "different-examples",
    rank: 100,
    head: `> [!WARNING]
> **Base and head were not evaluated on the same examples** (${splits.map(splitMd).join(", ")}). Their scores are not directly comparable: a change may come from the data, not the model, and per-example (paired) tests could not be used.` + notesOf(cmp, "data").map((t) => `
> ${t}`).join(""),
    items: [],
    sep: "",
    tail: ""
  };
}
var SANITY_ORDER = { fail: 0, warn: 1, info: 2 };
function sanitySection(cmp, ctx, opts) {
  if (cmp.sanity.length === 0) return null;
  const sorted = [...cmp.sanity].sort((a, b) => (SANITY_ORDER[a.level] ?? 3) - (SANITY_ORDER[b.level] ?? 3));
  return {
    id: "sanity",
    rank: 50,
    head: "**Sanity checks**\n",
    items: sorted.map((f) => {
      const icon = f.level === "info" ? "\u2139\uFE0F " : LEVEL_ICON[f.level] ?? "";
      const where = f.split ? `${splitMd(f.split)}: ` : "";
      return `- ${icon}${where}${esc(truncateEnd(f.message, 400))} (${esc(truncateEnd(f.code, 40))})`;
    }),
    sep: "\n",
    tail: "",
    more: moreNote(ctx, opts, ["finding", "findings"]),
    empty: (n) => `**Sanity checks** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`
  };
}
function hintsSection(cmp, ctx, opts) {
  const hints = cmp.hints ?? [];
  if (hints.length === 0) return null;
  return {
    id: "hints",
    rank: 55,
    head: "**Likely causes**\n",
    items: hints.map((h) => `- ${esc(truncateEnd(h.message, 600))}`),
    sep: "\n",
    tail: "",
    more: moreNote(ctx, opts, ["hint", "hints"]),
    empty: (n) => `**Likely causes** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`
  };
}
var SCORE_METRIC_WORDS = {
  roc_auc_macro: "ROC-AUC (macro)",
  average_precision_macro: "average precision (macro)",
  log_loss: "log-loss (lower is better)",
  ece: "calibration error, ECE (lower is better)"
};
function scoreValue(metric, v) {
  if (v === null) return "\u2014";
  return metric === "ece" ? pct(v) : v.toFixed(3);
}
function scoreBand(r) {
  return r.metric === "ece" ? `${(100 * r.noise).toFixed(1)} pts` : r.noise.toFixed(3);
}
function scoreChange(r) {
  if (r.delta === null) return "\u2014";
  if (r.metric === "ece") return pts(r.delta);
  return signed3(r.delta);
}
function signed3(delta) {
  if (delta === null) return "\u2014";
  const s = Math.abs(delta).toFixed(3);
  return Number(s) === 0 ? s : `${delta < 0 ? "\u2212" : "+"}${s}`;
}
function leakageItem(l, d) {
  const icon = LEVEL_ICON[l.level] ?? "";
  const est = (d.leakageSampled ?? 1) < 1 ? "about " : "";
  const by = d.leakageKey === "features" ? "identical features" : "id";
  const was = l.status === "new" ? " (new: none in the base)" : l.status === "more" ? ` (more than the base's ${thousands(l.base)})` : l.status === "same" ? ` (base: ${thousands(l.base)})` : "";
  const eg = l.examples.length ? `, e.g. ${l.examples.slice(0, 3).map((x) => `'${esc(truncateMiddle(x, 40))}'`).join(", ")}` : "";
  return `- ${icon}leakage: ${est}${plural(l.head, "example", "examples")} of ${splitMd(l.splits[1])} (${pct(l.share)}) also in ${splitMd(l.splits[0])}, by ${by}${was}${eg}`;
}
var EFFECTS_GROUPED_FROM = 4;
var EFFECTS_NAMED = 5;
var EFFECTS_NAMED_CHARS = 300;
function groupedEffects(effects, cmp, kind) {
  const out = [];
  for (const split of [...new Set(effects.map((t) => t.split))]) {
    const mine = effects.filter((t) => t.split === split);
    const classes = mine.filter((t) => t.className !== null).sort((a, b) => a.recallDelta - b.recallDelta);
    for (const t of mine) if (t.className === null || classes.length < EFFECTS_GROUPED_FROM) out.push(t.text);
    if (classes.length < EFFECTS_GROUPED_FROM) continue;
    const named = [];
    for (const t of classes.slice(0, EFFECTS_NAMED)) {
      const item = `${quoteNameWithin(t.className, 40)} ${pts(t.recallDelta)} (AP ${t.apBase.toFixed(3)} \u2192 ${t.apHead.toFixed(3)})`;
      if (named.length && named.join("; ").length + item.length > EFFECTS_NAMED_CHARS) break;
      named.push(item);
    }
    const more = classes.length > named.length ? `, and ${thousands(classes.length - named.length)} more` : "";
    const n = `${thousands(classes.length)} ${unit(cmp).many}`;
    const held = classes.some((t) => t.apHead - t.apBase > AP_HELD) ? "held or rose" : "held";
    out.push(
      kind === "held" ? `${split}: recall of ${n} fell while the average precision of each ${held} (${named.join("; ")}${more}): ${effectPhrase(cmp.task)}, not a ranking regression` : `${split}: ${n} also lost ranking, their average precision fell (${named.join("; ")}${more}), so their scores order their examples worse (${rankingCause(cmp.task)})`
    );
  }
  return out;
}
function diagnosticsSection(cmp, ctx, opts) {
  const d = cmp.diagnostics;
  if (!d) return null;
  const full = opts.target === "summary";
  const items = [];
  for (const l of d.leakage) if (l.head > 0 || full) items.push(leakageItem(l, d));
  for (const t of groupedEffects(d.thresholdEffects, cmp, "held")) items.push(`- \u2139\uFE0F ${esc(truncateEnd(t, 600))}`);
  for (const t of groupedEffects(d.rankingDrops ?? [], cmp, "fell")) items.push(`- ${esc(truncateEnd(t, 600))}`);
  if (d.thresholds) items.push(`- \u{1F4A1} ${esc(truncateEnd(suggestionText(d.thresholds), 600))}`);
  for (const r of d.scores.filter((x) => x.worse))
    items.push(
      `- ${splitMd(r.split)}: ${SCORE_METRIC_WORDS[r.metric]} ${scoreValue(r.metric, r.base)} \u2192 ${scoreValue(r.metric, r.head)} (${scoreChange(r)}${r.noise === null ? "" : `, past the noise of \xB1${scoreBand(r)}`})`
    );
  let tail = "";
  if (full && d.scores.length) {
    const noBase = cmp.verdict === "no-baseline";
    const head = noBase ? tableHead([{ title: "split" }, { title: "threshold-free metric" }, { title: "head", right: true }]) : tableHead([
      { title: "split" },
      { title: "threshold-free metric" },
      { title: "base", right: true },
      { title: "head", right: true },
      { title: "change", right: true },
      { title: "noise (\xB1)", right: true }
    ]);
    const rows = d.scores.map((r) => {
      const cells = [splitMd(r.split), SCORE_METRIC_WORDS[r.metric]];
      return row(
        noBase ? [...cells, scoreValue(r.metric, r.head)] : [
          ...cells,
          scoreValue(r.metric, r.base),
          scoreValue(r.metric, r.head),
          scoreChange(r),
          r.noise === null ? "\u2014" : scoreBand(r)
        ]
      );
    });
    tail = `${items.length ? "\n\n" : ""}${head}${rows.join("\n")}`;
  }
  if (items.length === 0 && tail === "") return null;
  return {
    id: "diagnostics",
    rank: 60,
    head: "**Diagnostics**\n",
    items,
    sep: "\n",
    tail,
    more: moreNote(ctx, opts, ["diagnostic", "diagnostics"]),
    empty: (n) => `**Diagnostics** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`
  };
}
var CLASS_SCORE_ROWS = 200;
function byApChange(a, b) {
  if (a.apDelta === null || b.apDelta === null) return (a.apDelta === null ? 1 : 0) - (b.apDelta === null ? 1 : 0);
  return a.apDelta - b.apDelta;
}
var score3 = (v) => v === null ? "\u2014" : v.toFixed(3);
function classScoresSection(cmp, ctx, opts) {
  const all = cmp.diagnostics?.classScores ?? [];
  if (opts.target !== "summary" || all.length === 0) return null;
  const shown = [...all].sort(byApChange).slice(0, CLASS_SCORE_ROWS);
  const items = shown.map(
    (r) => row([
      nameMd(r.name, opts.cellNameMax),
      splitMd(r.split),
      `${score3(r.apBase)} \u2192 ${score3(r.apHead)}`,
      signed3(r.apDelta),
      `${score3(r.rocAucBase)} \u2192 ${score3(r.rocAucHead)}`
    ])
  );
  const u = unit(cmp);
  const d = details(
    `Per-${u.one} ranking: average precision and ROC-AUC (${plural(all.length, `${u.one} row`, `${u.one} rows`)}, worst AP change first)`
  );
  const where = "all are in the report JSON (report.splits[split].scores)";
  return {
    id: "class-scores",
    rank: 20,
    head: d.open + tableHead([
      { title: u.one },
      { title: "split" },
      { title: "AP base \u2192 head", right: true },
      { title: "AP change", right: true },
      { title: "ROC-AUC base \u2192 head", right: true }
    ]),
    items,
    sep: "\n",
    tail: d.close,
    omitted: all.length - shown.length,
    more: (n) => `

\u2026 ${plural(n, "more row", "more rows")} not listed here: ${where}.`,
    empty: (n) => `Per-${u.one} average precision and ROC-AUC (${plural(n, "row", "rows")}): not listed here; ${where}.`
  };
}
function ciHeader(rows) {
  const levels = new Set(rows.filter((r) => r.ci).map((r) => r.ci.level));
  return levels.size === 1 ? `change [${levelText([...levels][0])} CI]` : "change";
}
function notesOf(cmp, section) {
  return (cmp.notes ?? []).filter((n) => n.section === section).map((n) => esc(truncateEnd(n.text, 600)));
}
function headlineSection(cmp, ctx, opts) {
  if (cmp.headline.length === 0) return null;
  const order = splitOrder(cmp);
  const rows = [...cmp.headline].sort((a, b) => (order.get(a.split) ?? 0) - (order.get(b.split) ?? 0));
  const noBase = cmp.verdict === "no-baseline";
  let last = null;
  const items = rows.map((m) => {
    const split = m.split === last ? "" : splitMd(m.split);
    last = m.split;
    const d = decimalsFor([m.base, m.head]);
    const metric = `${LEVEL_ICON[m.level] ?? ""}${metricMd(m.metric, m.higherIsBetter)}`;
    if (noBase) return row([split, metric, pct(m.head, d)]);
    return row([split, metric, pct(m.base, d), pct(m.head, d), change(m.delta, m.ci, d)]);
  });
  const head = noBase ? tableHead([{ title: "split" }, { title: "metric" }, { title: "head", right: true }]) : tableHead([
    { title: "split" },
    { title: "metric" },
    { title: "base", right: true },
    { title: "head", right: true },
    { title: ciHeader(rows), right: true }
  ]);
  const notes = notesOf(cmp, "headline");
  return {
    id: "headline",
    rank: 80,
    head,
    items,
    sep: "\n",
    tail: notes.length ? `

${notes.join("\n\n")}` : "",
    more: moreNote(ctx, opts, ["row", "rows"]),
    empty: (n) => `Headline metrics (${plural(n, "row", "rows")}): not shown here; ${elsewhere(ctx, opts)}.`
  };
}
var GAP_MEANING = {
  "train-validation": "the model fits train better and generalizes worse",
  "validation-test": "the model does better on validation than on test, so it may be tuned to the validation split"
};
function gapsSection(cmp, ctx, opts) {
  if (cmp.gaps.length === 0) return null;
  const noBase = cmp.verdict === "no-baseline";
  let last = null;
  const items = cmp.gaps.map((g) => {
    const d = decimalsFor([g.base, g.head]);
    const name = g.gap === last ? "" : gapMd(g.gap);
    last = g.gap;
    const metric = `${LEVEL_ICON[g.level] ?? ""}${metricNameMd(g.metric)}`;
    if (noBase) return row([name, metric, pts(g.head, d)]);
    return row([name, metric, pts(g.base, d), pts(g.head, d), change(g.delta, g.ci, d)]);
  });
  const head = "**Generalization gaps**\n\n" + (noBase ? tableHead([{ title: "gap" }, { title: "metric" }, { title: "head", right: true }]) : tableHead([
    { title: "gap" },
    { title: "metric" },
    { title: "base", right: true },
    { title: "head", right: true },
    { title: ciHeader(cmp.gaps), right: true }
  ]));
  const flagged = /* @__PURE__ */ new Map();
  for (const g of cmp.gaps) {
    if (noBase || g.level === "ok" || !gapWidened(g.delta, g.higherIsBetter)) continue;
    flagged.set(g.gap, [...flagged.get(g.gap) ?? [], g]);
  }
  const notes = [...flagged].slice(0, 3).map(([gapName, rows]) => {
    const meaning = GAP_MEANING[gapName] ?? "the model generalizes worse than before";
    const worst = rows.some((r) => r.level === "fail") ? "fail" : "warn";
    const by = rows.slice(0, 4).map(
      (r) => `${metricNameMd(r.metric)} by ${pts(Math.abs(r.delta ?? 0), decimalsFor([r.base, r.head])).replace(/^\+/, "")}`
    );
    const more = rows.length > 4 ? ` and ${rows.length - 4} more` : "";
    const fell = rows.find((r) => r.note)?.note;
    const why = fell ? ` (${esc(truncateEnd(fell, 100))})` : "";
    return `${LEVEL_ICON[worst]}The ${gapMd(gapName)} gap widened (${by.join(", ")}${more}): ${meaning}${why}.`;
  });
  notes.push(...notesOf(cmp, "gaps"));
  return {
    id: "gaps",
    rank: 70,
    head,
    items,
    sep: "\n",
    tail: notes.length ? `

${notes.join("\n\n")}` : "",
    more: moreNote(ctx, opts, ["row", "rows"]),
    empty: () => `**Generalization gaps**: not shown here; ${elsewhere(ctx, opts)}.${notes.length ? `

${notes.join("\n\n")}` : ""}`
  };
}
function signWords(a) {
  const p = qText("p", a.signP);
  if (a.signP > SIGN_TEST_LEVEL || a.fell === a.rose) return `no clear direction, sign test ${p}`;
  return `${a.fell > a.rose ? "more fell than rose" : "more rose than fell"}, sign test ${p}`;
}
function directionSummary(cmp) {
  const aggs = cmp.classAggregates ?? [];
  if (aggs.length === 0) return null;
  const fell = aggs.reduce((n, a) => n + a.fell, 0);
  const rose = aggs.reduce((n, a) => n + a.rose, 0);
  const clear = aggs.some((a) => a.signP <= SIGN_TEST_LEVEL && a.fell > a.rose);
  const text = `${fell > rose && clear ? `**${thousands(fell)} fell**` : `${thousands(fell)} fell`}, ${thousands(rose)} rose`;
  return aggs.length === 1 ? `${text} (sign test ${qText("p", aggs[0].signP)})` : text;
}
function bandCell(b) {
  return `${LEVEL_ICON[b.level] ?? ""}${esc(bandName(b.min, b.max))}`;
}
function classDamageSection(cmp, ctx, opts) {
  const aggs = cmp.classAggregates ?? [];
  if (cmp.verdict === "no-baseline" || aggs.length === 0) return null;
  const u = unit(cmp);
  const lines = aggs.map(
    (a) => `${aggs.length > 1 ? `${splitMd(a.split)}: ` : ""}${thousands(a.fell)} fell, ${thousands(a.rose)} rose, ${thousands(a.unchanged)} unchanged (${signWords(a)})`
  );
  const head = aggs.length === 1 ? `**Across ${u.many}** (${splitMd(aggs[0].split)}): ${lines[0]}` : `**Across ${u.many}**

${lines.map((l) => `- ${l}`).join("\n")}`;
  const banded = aggs.filter((a) => a.bands.length > 0);
  if (banded.length === 0) return { id: "class-damage", rank: 75, head, items: [], sep: "", tail: "" };
  const items = [];
  for (const a of banded) {
    a.bands.forEach((b, i) => {
      const d = decimalsFor([b.base, b.head]);
      const delta = `${change(b.delta, b.ci, d)}${b.tooFew ? " (too few to judge)" : ""}`;
      items.push(
        row([
          i === 0 ? splitMd(a.split) : "",
          bandCell(b),
          thousands(b.classes),
          pct(b.base, d),
          pct(b.head, d),
          delta
        ])
      );
    });
  }
  const table = tableHead([
    { title: "split" },
    { title: `base positives` },
    { title: u.many, right: true },
    { title: "base macro recall", right: true },
    { title: "head", right: true },
    { title: ciHeader(banded.flatMap((a) => a.bands)), right: true }
  ]);
  const flagged = banded.flatMap((a) => a.bands.filter((b) => b.level !== "ok" && b.reason));
  const notes = flagged.map((b) => `${LEVEL_ICON[b.level]}${esc(truncateEnd(b.reason, REASON_MAX))}.`);
  const how = [...new Set(banded.map((a) => a.interval))].map((h) => esc(truncateEnd(h, 200)));
  const tail = (notes.length ? `

${notes.join("\n\n")}` : "") + `

<sub>Macro recall by support band; intervals: ${how.join("; ")}.</sub>`;
  return {
    id: "class-damage",
    rank: 75,
    head: `${head}

${table}`,
    items,
    sep: "\n",
    tail,
    more: moreNote(ctx, opts, ["band", "bands"]),
    empty: () => `${head}${notes.length ? `

${notes.join("\n\n")}` : ""}`
  };
}
function bandChartSection(cmp, ctx, opts) {
  if (opts.target !== "comment" || cmp.verdict === "no-baseline") return null;
  const charts = (cmp.classAggregates ?? []).map(bandChart).filter((c) => c !== null);
  if (charts.length === 0) return null;
  const html = safeUrl(ctx.htmlReportUrl);
  const where = html ? `the ${markdownLink("HTML report", html)} draws it` : "the band table has its figures";
  return {
    id: "band-chart",
    rank: 5,
    head: "",
    items: charts,
    sep: "\n\n",
    tail: "",
    more: (n) => `

<sub>\u2026 ${plural(n, "more band chart", "more band charts")}: not drawn here; ${where}.</sub>`,
    empty: () => `<sub>Support-band chart: not drawn here; ${where}.</sub>`
  };
}
function precisionItem(c, g, opts) {
  const p = c.precision;
  const where = g.multiSplit ? ` \xB7 ${splitMd(c.split)}` : "";
  const side = (s) => s ? `${s.tp} right of ${s.predicted}` : "\u2014";
  const prec = (s) => s && s.predicted > 0 ? pct(s.tp / s.predicted) : "\u2014";
  const stats = [p.test?.ci && p.delta !== null ? `${pts(p.delta)} ${interval(p.test.ci)}` : pts(p.delta)];
  if (p.test?.q !== void 0) stats.push(qText("q", p.test.q));
  const counts = `${side(p.base)} \u2192 ${side(p.head)}`.replace(/ right of (\d+)$/, " of $1");
  return `- ${LEVEL_ICON[p.level] || "\u26A0\uFE0F "}predicted as ${nameMd(c.name, opts.listNameMax)}${where}: ${counts}, precision ${prec(p.base)} \u2192 ${prec(p.head)} (${stats.join(", ")})`;
}
function precisionSection(cmp, g, ctx, opts) {
  if (g.precisionRegressions.length === 0) return null;
  const title = `**Per-${unit(cmp).one} precision regressions** (${thousands(g.precisionRegressions.length)})

`;
  return {
    id: "precision-regressions",
    rank: 58,
    head: title,
    items: g.precisionRegressions.map((c) => precisionItem(c, g, opts)),
    sep: "\n",
    tail: "",
    more: moreNote(ctx, opts, ["regression", "regressions"]),
    empty: () => `${title.trimEnd()}: not listed here; ${elsewhere(ctx, opts)}.`
  };
}
function regressionsSection(cmp, g, ctx, opts) {
  if (g.regressions.length === 0) return null;
  const n = g.regressions.length;
  const lost = g.regressions.filter((c) => c.status === "catastrophic").length;
  const title = `**Per-${unit(cmp).one} recall regressions** (${thousands(n)}${lost ? `, ${thousands(lost)} no longer found at all` : ""})

`;
  return {
    id: "regressions",
    rank: 60,
    head: title,
    items: g.regressions.map((c) => classItem(c, g, opts, LEVEL_ICON[recallLevel(c)] || "\u26A0\uFE0F ")),
    sep: "\n",
    tail: "",
    more: moreNote(ctx, opts, ["regression", "regressions"]),
    empty: () => `${title.trimEnd()}: not listed here; ${elsewhere(ctx, opts)}.`
  };
}
function improvementsSection(cmp, g, ctx, opts) {
  if (g.improvements.length === 0) return null;
  if (hasClassDamage(cmp, g) && g.improvements.length > IMPROVEMENTS_OPEN_MAX) {
    const d = details(`Improved ${unit(cmp).many} (${thousands(g.improvements.length)})`);
    const line = `**Improvements** (${thousands(g.improvements.length)}), after the damage above.`;
    return {
      id: "improvements",
      rank: 30,
      head: `${line}

${d.open}`,
      items: g.improvements.map((c) => classItem(c, g, opts, "\u2705 ")),
      sep: "\n",
      tail: d.close,
      more: moreNote(ctx, opts, ["improvement", "improvements"]),
      empty: (n) => `**Improvements** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`
    };
  }
  return {
    id: "improvements",
    rank: 30,
    head: `**Improvements** (${thousands(g.improvements.length)})

`,
    items: g.improvements.map((c) => classItem(c, g, opts, "\u2705 ")),
    sep: "\n",
    tail: "",
    more: moreNote(ctx, opts, ["improvement", "improvements"]),
    empty: (n) => `**Improvements** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`
  };
}
function nameList(id, rank, title, items, ctx, opts, lead = "") {
  if (items.length === 0) return null;
  const more = moreNote(ctx, opts, ["name", "names"]);
  if (items.length <= COLLAPSE_OVER) {
    return { id, rank, head: `${lead}**${title}** (${thousands(items.length)}): `, items, sep: " \xB7 ", tail: "", more };
  }
  const d = details(`${title} (${thousands(items.length)})`);
  return {
    id,
    rank,
    head: `${lead}${d.open}`,
    items,
    sep: " \xB7 ",
    tail: d.close,
    more,
    empty: (n) => `${lead}**${title}** (${thousands(n)}): not listed here; ${elsewhere(ctx, opts)}.`
  };
}
function noiseSection(cmp, g, ctx, opts) {
  const order = splitOrder(cmp);
  const perSplit = Object.entries(cmp.noise).filter(([, n]) => n > 0).sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0));
  if (perSplit.length === 0 && g.noise.length === 0) return null;
  const counts = perSplit.length > 0 ? perSplit.map(([s, n], i) => `${i === 0 ? plural(n, unit(cmp).one, unit(cmp).many) : thousands(n)} on ${splitMd(s)}`).join(", ") : plural(g.noise.length, unit(cmp).one, unit(cmp).many);
  const line = `**Within noise:** ${counts} changed, but not significantly or by less than the minimum change${sameRecallNote(g)}.`;
  const items = g.noise.map(
    (c) => `${nameMd(c.name, opts.cellNameMax)}${g.multiSplit ? ` (${splitMd(c.split)})` : ""} ${pts(c.delta)}`
  );
  if (items.length === 0) return { id: "noise", rank: 10, head: line, items: [], sep: "", tail: "" };
  const d = details(`Which ${unit(cmp).many}`);
  return {
    id: "noise",
    rank: 10,
    head: `${line}

${d.open}`,
    items,
    sep: " \xB7 ",
    tail: d.close,
    more: moreNote(
      ctx,
      opts,
      g.multiSplit ? [`${unit(cmp).one} row`, `${unit(cmp).one} rows`] : [unit(cmp).one, unit(cmp).many]
    ),
    empty: () => line
  };
}
function sameRecallNote(g) {
  const same = g.noise.filter((c) => c.delta === 0).length;
  if (same === 0) return "";
  return `; ${thousands(same)} of them found other examples, as many as before`;
}
function tooFewSection(g, ctx, opts) {
  const items = g.tooFew.map(
    (c) => `${nameMd(c.name, opts.cellNameMax)}${g.multiSplit ? ` (${splitMd(c.split)})` : ""} ${found(c.base)} \u2192 ${found(c.head)}`
  );
  return nameList("too-few", 20, "Too few examples to judge", items, ctx, opts);
}
function addedRemovedSections(cmp, ctx, opts) {
  const out = [
    nameList(
      "classes-removed",
      26,
      `${unit(cmp).Many} removed (only in base)`,
      cmp.classesRemoved.map((n) => nameMd(n, opts.cellNameMax)),
      ctx,
      opts
    ),
    nameList(
      "classes-added",
      25,
      `${unit(cmp).Many} added (only in head)`,
      cmp.classesAdded.map((n) => nameMd(n, opts.cellNameMax)),
      ctx,
      opts
    )
  ];
  return out.filter((s) => s !== null);
}
function oneSideSection(cmp) {
  if (cmp.verdict === "no-baseline") return null;
  const parts = [];
  if (cmp.splits.onlyHead.length) parts.push(`only in head: ${cmp.splits.onlyHead.map(splitMd).join(", ")}`);
  if (cmp.splits.onlyBase.length) parts.push(`only in base: ${cmp.splits.onlyBase.map(splitMd).join(", ")}`);
  if (parts.length === 0) return null;
  return {
    id: "one-side-splits",
    rank: 45,
    head: `**Splits not compared** (${parts.join("; ")}).`,
    items: [],
    sep: "",
    tail: ""
  };
}
function methodsSection(cmp, ctx, opts) {
  const order = splitOrder(cmp);
  const splits = Object.keys(cmp.methods).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  if (splits.length === 0 || cmp.verdict === "no-baseline") return null;
  const groups = /* @__PURE__ */ new Map();
  for (const s of splits) {
    const m = cmp.methods[s];
    const why = m.why ? ` (${esc(truncateEnd(m.why, 200))})` : "";
    const text = `${TEST_NAME[m.classTest] ?? esc(String(m.classTest))}${why}`;
    groups.set(text, [...groups.get(text) ?? [], splitMd(s)]);
  }
  const items = [...groups].map(([text, names]) => `${names.join(", ")}: ${text}`);
  return {
    id: "methods",
    rank: 40,
    head: `<sub>Per-${unit(cmp).one} test: `,
    items,
    sep: "; ",
    tail: ".</sub>",
    // Inline: a blank line inside <sub> would split it across paragraphs.
    more: (n) => `; \u2026 ${plural(n, "more split", "more splits")}`,
    empty: () => `<sub>Per-${unit(cmp).one} test: not shown here; ${seeAlso(ctx, opts)}.</sub>`
  };
}
function statusText(c) {
  const recall = recallStatus(c);
  const level = recall === "regression" || recall === "catastrophic" ? recallLevel(c) : "ok";
  const word = `${LEVEL_ICON[level] ?? ""}${esc(recall === "too-few" ? "too few" : String(recall))}`;
  const p = c.precision;
  return p?.status === "regression" ? `${word}; precision ${LEVEL_ICON[p.level] ?? ""}regression` : word;
}
function recallCell(side) {
  if (!side) return "\u2014";
  return side.support > 0 ? `${side.found}/${side.support} (${pct(side.found / side.support)})` : `${side.found}/${side.support}`;
}
function fullTableSection(cmp, g, ctx, opts) {
  if (g.all.length === 0) return null;
  const noBase = cmp.verdict === "no-baseline";
  const cols = [{ title: unit(cmp).one }];
  if (g.multiSplit) cols.push({ title: "split" });
  if (noBase) cols.push({ title: "head found", right: true });
  else
    cols.push(
      { title: "base found", right: true },
      { title: "head found", right: true },
      { title: "change", right: true },
      { title: "q", right: true },
      { title: "status" }
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
        q === void 0 ? "\u2014" : pValue(q),
        statusText(c)
      );
    }
    return row(cells);
  });
  const splits = [...new Set(g.all.map((c) => c.split))].map(splitMd).join(", ");
  const d = details(`All ${plural(g.all.length, `${unit(cmp).one} row`, `${unit(cmp).one} rows`)} (${splits})`);
  const more = moreNote(ctx, opts, ["row", "rows"]);
  const why = !noBase && g.all.some(outsideFamily) ? `

<sub>${esc(OUT_OF_FAMILY_NOTE)}</sub>` : "";
  return {
    id: "full-table",
    // In the comment the table goes first; the job summary is where readers look for it, so
    // there it outranks the lists it repeats (improvements, noise, too few, added/removed).
    rank: opts.target === "summary" ? 35 : 0,
    head: d.open + tableHead(cols),
    items,
    sep: "\n",
    tail: why + d.close,
    more,
    empty: (n) => `The per-${unit(cmp).one} table (${plural(n, "row", "rows")}) did not fit here: ${elsewhere(ctx, opts)}.`
  };
}
function settingsSection(cmp, ctx, opts) {
  if (cmp.verdict === "no-baseline") return null;
  const leaves = flattenSettings(cmp.settings ?? {});
  if (leaves.length === 0) return null;
  const items = leaves.map(([k, v]) => `- ${esc(truncateEnd(k, 120))}: ${esc(truncateEnd(v, 300))}`);
  const d = details("Rules applied");
  return {
    id: "settings",
    rank: -1,
    head: d.open,
    items,
    sep: "\n",
    tail: d.close,
    more: moreNote(ctx, opts, ["rule", "rules"]),
    empty: () => `<sub>Rules applied: not listed here; ${seeAlso(ctx, opts)}.</sub>`
  };
}
function flattenSettings(v, prefix = "", depth = 0, out = []) {
  if (out.length >= 200) return out;
  if (v !== null && typeof v === "object" && !Array.isArray(v) && depth < 5) {
    for (const [k, x] of Object.entries(v)) flattenSettings(x, prefix ? `${prefix}.${k}` : k, depth + 1, out);
  } else if (prefix) out.push([prefix, settingValue(v)]);
  return out;
}
function settingValue(v) {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.length ? v.map(settingValue).join(", ") : "none";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
function alerts(kind, notes) {
  return (notes ?? []).filter((n) => n.trim() !== "").map((n) => `> [!${kind}]
> ${esc(truncateEnd(n.replace(/\s+/g, " "), 500))}`).join("\n\n");
}
function gateNoteSection(ctx) {
  const head = alerts("IMPORTANT", ctx.gateNotes);
  return head ? { id: "gate-note", rank: 99, head, items: [], sep: "", tail: "" } : null;
}
function baselineNoteSection(ctx) {
  const head = alerts("NOTE", ctx.baselineNotes);
  if (!head) return null;
  return {
    id: "baseline-note",
    rank: 99,
    head,
    items: [],
    sep: "",
    tail: ""
  };
}
function noBaselineSection(cmp) {
  if (cmp.verdict !== "no-baseline") return null;
  return {
    id: "no-baseline",
    rank: 100,
    head: "There is no baseline report for the base branch, so nothing was compared: these are the head model\u2019s scores.\n\n**To get a comparison on the next pull requests**, run this workflow on `push` to the base branch: it stores its report as the baseline for the pull requests that follow. Or commit a report on the base branch, e.g. `modelgate evaluate ... --out reports/main.json`, and set the `baseline-ref-path` input to `reports/main.json`; or pass a report file with the `baseline-report` input.",
    items: [],
    sep: "",
    tail: ""
  };
}
function footerSection(cmp, ctx, opts) {
  const parts = [];
  const run = safeUrl(ctx.runUrl);
  if (run) parts.push(markdownLink("workflow run", run));
  const html = safeUrl(ctx.htmlReportUrl);
  if (html) parts.push(`\u{1F4CA} ${markdownLink("HTML report with charts", html)}`);
  const baseSha = ctx.baseCommit ?? cmp.base?.commit;
  if (baseSha) parts.push(`base ${markdownLink(shortCommit(baseSha), ctx.baseCommitUrl)}`);
  else if (cmp.base?.source) parts.push(`base ${esc(truncateMiddle(cmp.base.source, 80))}`);
  const headSha = ctx.headCommit ?? cmp.head.commit;
  if (headSha) parts.push(`head ${esc(shortCommit(headSha))}`);
  if (opts.target === "comment" && ctx.reportPath) parts.push(`report ${esc(truncateMiddle(ctx.reportPath, 120))}`);
  if (ctx.key && ctx.key !== "default") parts.push(`key ${esc(truncateEnd(ctx.key, 100))}`);
  if (cmp.head.toolVersion) parts.push(`modelgate ${esc(truncateEnd(cmp.head.toolVersion, 30))}`);
  return {
    id: "footer",
    rank: Number.POSITIVE_INFINITY,
    head: parts.length ? `<sub>${parts.join(" \xB7 ")}</sub>` : "",
    items: [],
    sep: "",
    tail: ""
  };
}
function buildSections(cmp, ctx, opts, marker) {
  const g = groupClasses(cmp);
  const all = [
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
    footerSection(cmp, ctx, opts)
  ];
  return all.filter((s) => s !== null && (s.head !== "" || s.items.length > 0));
}

export {
  decimalsFor,
  pct,
  pts,
  change,
  pValue,
  qText,
  levelText,
  thousands,
  TEST_NAME,
  OUT_OF_FAMILY_NOTE,
  splitOrder,
  recallStatus,
  recallQ,
  outsideFamily,
  groupClasses,
  VERDICT_WORD,
  verdictLine,
  buildSections
};
