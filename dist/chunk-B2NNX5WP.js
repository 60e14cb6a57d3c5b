import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  compareReports
} from "./chunk-CQJEIHKA.js";
import {
  checkRuleNames
} from "./chunk-D5XZYOBY.js";
import {
  renderComment,
  renderSummary
} from "./chunk-DIAPULNL.js";
import {
  VERDICT_WORD
} from "./chunk-QROKTEVK.js";
import {
  escapePlain
} from "./chunk-5UDJ5SI4.js";
import {
  readReport
} from "./chunk-5EWAS5YQ.js";
import {
  truncateEnd
} from "./chunk-PQEN5O2V.js";
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/pipeline/gate.ts
import { access } from "node:fs/promises";

// src/core/render/status.ts
var STATUS_MAX = 140;
var FALLBACK = {
  pass: "no significant change for the worse",
  warn: "changes worth a look",
  fail: "regressions found",
  "no-baseline": "no baseline to compare with; head evaluated"
};
function renderStatus(cmp) {
  const state = cmp.verdict === "fail" ? "failure" : "success";
  const word = VERDICT_WORD[cmp.verdict] ?? String(cmp.verdict);
  const reasons = cmp.reasons.map((r) => escapePlain(r).replace(/ {2,}/g, " ").trim()).filter((r) => r !== "");
  let description = `${word}: ${reasons[0] ?? FALLBACK[cmp.verdict] ?? ""}`;
  if (reasons.length > 1) {
    const two = `${description}; ${reasons[1]}`;
    if (two.length <= STATUS_MAX) description = two;
  }
  return { state, description: fitUtf16(description, STATUS_MAX) };
}
function baselinePushStatus(status) {
  if (status.state !== "failure") return status;
  return { state: "success", description: fitUtf16(`not gated (baseline push); ${status.description}`, STATUS_MAX) };
}
function fitUtf16(text, max) {
  if (text.length <= max) return text;
  let cps = Math.min(Array.from(text).length, max);
  let out = truncateEnd(text, cps);
  while (out.length > max && cps > 1) out = truncateEnd(text, --cps);
  return out;
}

// src/pipeline/gate.ts
var BaselineUnusable = class extends Error {
  constructor(message) {
    super(message);
    this.name = "BaselineUnusable";
  }
};
function fileBaseline(path, commit) {
  return {
    describe: () => `report file ${path}`,
    async load() {
      try {
        await access(path);
      } catch {
        return null;
      }
      const report = await readReport(path);
      return { report, commit: commit ?? report.commit, source: path };
    }
  };
}
async function findBaseline(sources, log = () => {
}, unusable = []) {
  for (const s of sources) {
    let b;
    try {
      b = await s.load();
    } catch (e) {
      if (!(e instanceof BaselineUnusable)) throw e;
      log(`baseline: ${s.describe()}: unusable: ${e.message}`);
      unusable.push(e.message);
      continue;
    }
    log(
      b ? `baseline: ${s.describe()}${b.commit ? ` (commit ${b.commit.slice(0, 12)})` : ""}` : `baseline: ${s.describe()}: not found`
    );
    if (b) return b;
  }
  return null;
}
var short = (sha) => sha.slice(0, 12);
function sameCommit(a, b) {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return Math.min(x.length, y.length) >= 7 && (x.startsWith(y) || y.startsWith(x));
}
var commits = (n) => `${n} commit${n === 1 ? "" : "s"}`;
function baselineNotes(b, baseSha, unusable = []) {
  if (!b) return unusable.map((why) => `No usable baseline: ${why}.`);
  const notes = [...b.notes ?? []];
  if (!baseSha) return notes;
  const claimed = b.report.commit;
  const madeAt = claimed ?? b.commit;
  if (madeAt && !sameCommit(madeAt, baseSha)) {
    const where = b.distance !== void 0 && b.commit && sameCommit(madeAt, b.commit) && b.distance > 0 ? `${commits(b.distance)} before the base commit ${short(baseSha)} (the nearest stored baseline)` : `not at the base commit ${short(baseSha)}`;
    const stored = b.commit && claimed && !sameCommit(claimed, b.commit) ? `; found in ${b.source}` : "";
    notes.unshift(`The baseline report was made at commit ${short(madeAt)}, ${where}${stored}.`);
  }
  return notes;
}
function countRegressions(cmp) {
  const failed = (xs) => xs.filter((x) => x.level === "fail").length;
  return failed(cmp.headline) + failed(cmp.gaps) + failed(cmp.classes);
}
function refuseShard(report, what) {
  if (!report.shard) return;
  const { index, count } = report.shard;
  throw new UsageError(
    `${what} is shard ${index}/${count} of a sharded evaluation; merge all ${count} shards first (modelgate merge, or the action's merge-artifacts input)`
  );
}
function renderOutcome(comparison, render) {
  return {
    comparison,
    comment: renderComment(comparison, render),
    summary: renderSummary(comparison, render),
    status: renderStatus(comparison),
    regressions: countRegressions(comparison)
  };
}
function runGate(input) {
  const b = input.baseline;
  refuseShard(input.head, `the head report${input.render.reportPath ? ` ${input.render.reportPath}` : ""}`);
  if (b) refuseShard(b.report, `the baseline ${b.source}`);
  checkRuleNames(input.rules, b?.report ?? null, input.head, input.rulesOrigin ?? "rules");
  const baseSide = b ? {
    commit: b.commit ?? b.report.commit,
    source: b.source,
    toolVersion: b.report.tool?.version,
    createdAt: b.report.createdAt
  } : void 0;
  const comparison = compareReports(b?.report ?? null, input.head, input.rules, {
    base: baseSide,
    head: input.headSide
  });
  return renderOutcome(comparison, input.render);
}

export {
  baselinePushStatus,
  BaselineUnusable,
  fileBaseline,
  findBaseline,
  sameCommit,
  baselineNotes,
  countRegressions,
  renderOutcome,
  runGate
};
