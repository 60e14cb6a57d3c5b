import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  buildSections,
  verdictLine
} from "./chunk-QROKTEVK.js";
import {
  escapeMarkdown,
  markdownLink
} from "./chunk-5UDJ5SI4.js";
import {
  truncateMiddle
} from "./chunk-PQEN5O2V.js";

// src/core/render/budget.ts
var utf8Length = (text) => {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) n += 1;
    else if (c < 2048) n += 2;
    else if (c >= 55296 && c <= 56319 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 56320 && d <= 57343) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
};
function renderSection(s, keep) {
  const n = s.items.length;
  const k = Math.max(0, Math.min(keep, n));
  const dropped = n - k + (s.omitted ?? 0);
  if (k === 0 && n > 0) {
    if (s.empty) return s.empty(dropped);
    return s.head + (s.more ? s.more(dropped) : "") + s.tail;
  }
  const body = s.items.slice(0, k).join(s.sep);
  return s.head + body + (dropped > 0 && s.more ? s.more(dropped) : "") + s.tail;
}
function fitSections(sections, joiner, budget, measure) {
  const joinLen = measure(joiner);
  const sized = sections.map((s) => {
    const prefix = new Float64Array(s.items.length + 1);
    s.items.forEach((item, i) => prefix[i + 1] = prefix[i] + measure(item));
    const fixed = measure(s.head) + measure(s.tail);
    const sepLen = measure(s.sep);
    const size = (k) => {
      const n = s.items.length;
      if (k === 0 && n > 0) return measure(renderSection(s, 0));
      const dropped2 = n - k + (s.omitted ?? 0);
      return fixed + prefix[k] + Math.max(0, k - 1) * sepLen + (dropped2 > 0 && s.more ? measure(s.more(dropped2)) : 0);
    };
    return { s, size };
  });
  const keep = sections.map((s) => s.items.length);
  const lens = sized.map((z, i) => z.size(keep[i]));
  const total = () => {
    const present = lens.filter((l) => l > 0);
    return present.reduce((a, b) => a + b, 0) + Math.max(0, present.length - 1) * joinLen;
  };
  let current = total();
  const order = sections.map((_, i) => i).sort((a, b) => sections[a].rank - sections[b].rank || b - a);
  for (const i of order) {
    if (current <= budget) break;
    const others = current - lens[i];
    const fits = (k) => others + sized[i].size(k) + joinLen <= budget;
    let lo = 0;
    let hi = keep[i];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    keep[i] = lo;
    lens[i] = sized[i].size(lo);
    current = total();
  }
  const text = sections.map((s, i) => renderSection(s, keep[i])).filter((r) => r !== "").join(joiner);
  const dropped = {};
  sections.forEach((s, i) => {
    if (keep[i] < s.items.length) dropped[s.id] = s.items.length - keep[i];
  });
  return { text, dropped, fits: measure(text) <= budget };
}

// src/core/render/marker.ts
function normalizeKey(key) {
  return key.replace(/[^A-Za-z0-9_./-]+/g, "-").slice(0, 100) || "default";
}
function commentMarker(key) {
  return `<!-- modelgate:comment key=${normalizeKey(key)} -->`;
}
function hasMarker(body, key) {
  const first = (body ?? "").replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0];
  return first.trimEnd() === commentMarker(key);
}

// src/core/render/comment.ts
var COMMENT_MAX_LENGTH = 65536;
var SUMMARY_MAX_BYTES = 1024 * 1024;
function margin(limit) {
  return Math.min(1024, Math.floor(limit * 0.02));
}
var JOINER = "\n\n";
function render(cmp, ctx, opts, limit, measure, marker) {
  const budget = limit - margin(limit);
  const fitted = fitSections(buildSections(cmp, ctx, opts, marker), JOINER, budget, measure);
  if (fitted.fits) return fitted.text + "\n";
  return minimal(cmp, ctx, opts, budget, measure, marker);
}
function minimal(cmp, ctx, opts, budget, measure, marker) {
  const where = opts.target === "comment" ? `the full report is in the ${markdownLink("job summary", ctx.runUrl)}${ctx.reportPath ? ` and in ${escapeMarkdown(truncateMiddle(ctx.reportPath, 120))}` : ""}` : ctx.reportPath ? `the full report is in ${escapeMarkdown(truncateMiddle(ctx.reportPath, 120))}` : "see the workflow log";
  const note = `The details did not fit here: ${where}.`;
  const head = (verdict) => marker ? `${marker}
${verdict}` : verdict;
  for (const reasonMax of [300, 100, 30, 0]) {
    const verdict = reasonMax > 0 ? verdictLine(cmp, reasonMax) : verdictLine({ ...cmp, reasons: [] });
    const text = `${head(verdict)}${JOINER}${note}
`;
    if (measure(text) <= budget) return text;
  }
  return `${head(verdictLine({ ...cmp, reasons: [] }))}
`;
}
function renderComment(cmp, ctx) {
  const limit = ctx.maxLength ?? COMMENT_MAX_LENGTH;
  return render(
    cmp,
    ctx,
    { target: "comment", listNameMax: 200, cellNameMax: 100 },
    limit,
    utf8Length,
    commentMarker(ctx.key)
  );
}
function renderSummary(cmp, ctx) {
  const limit = ctx.summaryMaxBytes ?? SUMMARY_MAX_BYTES;
  return render(cmp, ctx, { target: "summary", listNameMax: 2e3, cellNameMax: 2e3 }, limit, utf8Length, null);
}

export {
  normalizeKey,
  commentMarker,
  hasMarker,
  utf8Length,
  COMMENT_MAX_LENGTH,
  SUMMARY_MAX_BYTES,
  renderComment,
  renderSummary
};
