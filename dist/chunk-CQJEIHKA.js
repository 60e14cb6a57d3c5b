import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  bootstrapSplit,
  bootstrapUnpaired,
  judgeClassAggregates,
  judgeDiagnostics,
  mcnemarOneSided,
  metricRun,
  percentileInterval,
  runValues,
  seedAdjusted,
  seedPValues,
  selfPaired
} from "./chunk-L3YDZWQK.js";
import {
  allowedWorsening,
  chosenSplits,
  gapThreshold,
  headlineThreshold,
  rulesToSettings
} from "./chunk-SDVFDVTO.js";
import {
  classOrderMapping,
  decodeExamples,
  denseConfusion
} from "./chunk-6H52OHPX.js";
import {
  fmtQ,
  normalCdf,
  normalQuantile,
  orderSplits,
  pts,
  quoteName
} from "./chunk-TTVUQ5IT.js";
import {
  naturalCompare
} from "./chunk-GTK7TP36.js";
import {
  GAP_PAIRS,
  LOWER_IS_BETTER
} from "./chunk-TEFQHNLO.js";

// src/core/stats/fdr.ts
function adjustPValues(p, method = "bh") {
  const m = p.length;
  if (m === 0) return [];
  for (const v of p) if (!(v >= 0 && v <= 1)) throw new RangeError(`p-value out of [0, 1]: ${v}`);
  let cm = 1;
  if (method === "by") {
    cm = 0;
    for (let k = 1; k <= m; k++) cm += 1 / k;
  }
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const q = new Array(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r];
    running = Math.min(running, p[i] * m * cm / (r + 1));
    q[i] = running;
  }
  return q;
}
function bhScreen(minP, alpha) {
  const m = minP.length;
  const order = minP.map((_, i) => i).sort((a, b) => minP[a] - minP[b] || a - b);
  const diff = new Float64Array(m + 2);
  order.forEach((t, r) => {
    const i = r + 1;
    let last = minP[t] > 0 ? Math.min(m, Math.floor(alpha * i / minP[t])) : m;
    while (last < m && minP[t] * (last + 1) <= alpha * i) last++;
    while (last >= i && minP[t] * last > alpha * i) last--;
    if (last >= i) {
      diff[i]++;
      diff[last + 1]--;
    }
  });
  let K = 0;
  let best = 0;
  for (let k = 1, count = 0; k <= m; k++) {
    count += diff[k];
    const boundary = k === m || minP[order[k]] > minP[order[k - 1]];
    if (boundary && count > best) [K, best] = [k, count];
  }
  const testable = new Array(m).fill(false);
  for (let r = 0; r < K; r++) testable[order[r]] = true;
  return { K, testable };
}

// src/core/stats/proportions.ts
function wilsonAt(x, n, z) {
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const dist = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
  return [center - dist, center + dist];
}
function newcombeAt(x1, n1, x2, n2, z) {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilsonAt(x1, n1, z);
  const [l2, u2] = wilsonAt(x2, n2, z);
  const d = p2 - p1;
  return [d - Math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + Math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)];
}
function newcombeInterval(x1, n1, x2, n2, level = 0.95) {
  const z = normalQuantile(1 - (1 - level) / 2);
  const [lo, hi] = newcombeAt(x1, n1, x2, n2, z);
  return { lo, hi, level };
}
function newcombeOneSidedP(x1, n1, x2, n2) {
  const d = x2 / n2 - x1 / n1;
  if (d === 0) return 0.5;
  const bound = d < 0 ? (z2) => newcombeAt(x1, n1, x2, n2, z2)[1] : (z2) => -newcombeAt(x1, n1, x2, n2, z2)[0];
  let lo = 0;
  let hi = 40;
  if (bound(hi) < 0) return d < 0 ? normalCdf(-hi) : 1 - normalCdf(-hi);
  for (let i = 0; i < 100 && hi - lo > 1e-13; i++) {
    const mid = 0.5 * (lo + hi);
    if (bound(mid) < 0) lo = mid;
    else hi = mid;
  }
  const z = 0.5 * (lo + hi);
  return d < 0 ? normalCdf(-z) : 1 - normalCdf(-z);
}
function pairedWaldInterval(b, c, n, level = 0.95) {
  const z = normalQuantile(1 - (1 - level) / 2);
  const d = (c - b) / n;
  const se = Math.sqrt(Math.max(0, b + c - (b - c) ** 2 / n)) / n;
  return { lo: d - z * se, hi: d + z * se, level };
}

// src/core/compare/classes.ts
var EPS = 1e-12;
function judgeClasses(base, head, union, splits, paired, rules) {
  const { minDrop, minSupport, catastrophic } = rules.classes;
  const ignore = new Set(rules.classes.ignore);
  const alpha = rules.fdr.level;
  const conf = rules.bootstrap.confidence;
  const rows = [];
  const candidates = [];
  const findings = [];
  const catastrophicRows = /* @__PURE__ */ new Set();
  for (const split of splits) {
    const bs = base.splits[split];
    const hs = head.splits[split];
    const disc = paired.get(split) ?? null;
    for (let u = 0; u < union.names.length; u++) {
      const name = union.names[u];
      const bi = union.inBase[u];
      const hi = union.inHead[u];
      const bc = bi >= 0 ? { found: bs.perClass.tp[bi], support: bs.perClass.support[bi] } : null;
      const hc = hi >= 0 ? { found: hs.perClass.tp[hi], support: hs.perClass.support[hi] } : null;
      if (!bc || !hc) {
        const present = bc ? bs.perClass.support[bi] + bs.perClass.predicted[bi] : hs.perClass.support[hi] + hs.perClass.predicted[hi];
        if (present > 0)
          rows.push({ name, split, base: bc, head: hc, delta: null, status: bc ? "removed" : "added", level: "ok" });
        continue;
      }
      const delta = bc.support > 0 && hc.support > 0 ? hc.found / hc.support - bc.found / bc.support : null;
      const row = { name, split, base: bc, head: hc, delta, status: "unchanged", level: "ok" };
      rows.push(row);
      if (ignore.has(name)) {
        row.status = "ignored";
        continue;
      }
      if (catastrophic.level !== "off" && catastrophic.minFound > 0 && lostEverything(base, head, split, bi, hi, catastrophic.minFound) && hc.support > 0) {
        row.status = "catastrophic";
        row.level = catastrophic.level;
        row.recallLevel = catastrophic.level;
        catastrophicRows.add(row);
        findings.push({
          level: row.level,
          category: 1,
          rank: -bc.found,
          text: `class ${quoteName(name)} (${split}): found ${bc.found}/${bc.support} \u2192 0/${hc.support}, none found now`
        });
      }
      if (delta !== null && bc.support >= Math.max(1, minSupport)) {
        const c = makeCandidate(row, split, "recall", bc, hc, delta, disc ? [disc.b[u], disc.c[u]] : null, conf);
        addSeedSpread(c, base, head, bi, hi, conf);
        candidates.push(c);
      } else if (!catastrophicRows.has(row)) row.status = "ignored";
      if (rules.classes.precision) {
        const bp = { found: bs.perClass.tp[bi], support: bs.perClass.predicted[bi] };
        const hp = { found: hs.perClass.tp[hi], support: hs.perClass.predicted[hi] };
        const pDelta = bp.support > 0 && hp.support > 0 ? hp.found / hp.support - bp.found / bp.support : hp.support === 0 && bp.support === 0 ? 0 : null;
        row.precision = {
          base: { tp: bp.found, predicted: bp.support },
          head: { tp: hp.found, predicted: hp.support },
          delta: pDelta,
          status: "unchanged",
          level: "ok"
        };
        if (disc && pDelta !== null) {
          const negatives = bs.examples - bc.support;
          const c = makeCandidate(row, split, "precision", bp, hp, pDelta, [disc.bFp[u], disc.cFp[u]], conf);
          c.minPSupport = Math.pow(0.5, negatives);
          addSeedSpread(c, base, head, bi, hi, conf);
          candidates.push(c);
        } else if (!disc && bp.support > 0 && hp.support > 0) {
          const c = makeCandidate(row, split, "precision", bp, hp, pDelta, null, conf);
          addSeedSpread(c, base, head, bi, hi, conf);
          candidates.push(c);
        } else row.precision.status = "ignored";
      }
    }
  }
  const { testable } = bhScreen(
    candidates.map((c) => c.minP),
    alpha
  );
  const judgeable = bhScreen(
    candidates.map((c) => c.minPSupport),
    alpha
  ).testable;
  const tooFew = new Set(candidates.filter((_, i) => !judgeable[i] && !testable[i]));
  const family = candidates.filter((_, i) => testable[i]);
  const q = adjustPValues(
    family.map((c) => c.test.p),
    rules.fdr.method
  );
  const qUp = adjustPValues(
    family.map((c) => c.pUp),
    rules.fdr.method
  );
  const qOf = /* @__PURE__ */ new Map();
  family.forEach((c, i) => qOf.set(c, [q[i], qUp[i]]));
  for (const c of candidates) {
    const qs = qOf.get(c);
    let status;
    let level = "ok";
    if (qs) {
      c.test.q = qs[0];
      c.test.qUp = qs[1];
    }
    if (!qs && tooFew.has(c)) status = "too-few";
    else if (!qs) status = c.paired && c.test.b === 0 && c.test.c === 0 ? "unchanged" : "noise";
    else if (-c.delta >= minDrop - EPS && qs[0] <= alpha) {
      status = "regression";
      level = "fail";
      const what = c.measure === "recall" ? "found" : "precision";
      if (!(c.measure === "recall" && catastrophicRows.has(c.row) && c.row.level === "fail"))
        findings.push({
          level,
          category: 3,
          rank: qs[0] + c.delta * 1e-9,
          text: `class ${quoteName(c.row.name)} (${c.split}): ${what} ${c.base.found}/${c.base.support} \u2192 ${c.head.found}/${c.head.support}, q = ${fmtQ(qs[0])}${c.paired ? "" : " (unpaired)"}`
        });
    } else if (c.delta >= minDrop - EPS && qs[1] <= alpha) status = "improvement";
    else if (c.paired ? c.test.b === 0 && c.test.c === 0 : c.delta === 0) status = "unchanged";
    else status = "noise";
    if (c.measure === "recall") {
      c.row.test = c.test;
      c.row.recallStatus = catastrophicRows.has(c.row) ? "catastrophic" : status;
      if (!catastrophicRows.has(c.row)) {
        c.row.status = status;
        c.row.level = level;
        c.row.recallLevel = level;
      } else if (level === "fail") {
        c.row.level = "fail";
        c.row.recallLevel = "fail";
      }
    } else if (c.row.precision) {
      c.row.precision.test = c.test;
      c.row.precision.status = status;
      c.row.precision.level = level;
      if (level === "fail" && c.row.level !== "fail") {
        c.row.level = "fail";
        if (c.row.status !== "catastrophic") c.row.status = "regression";
      }
    }
  }
  const noise = {};
  for (const s of splits) noise[s] = 0;
  for (const r of rows) if (r.status === "noise") noise[r.split]++;
  return { classes: rows, noise, findings };
}
function lostEverything(base, head, split, bi, hi, minFound) {
  const found = (i) => (splits) => splits[split]?.perClass?.tp[i] ?? null;
  const b = runValues(base, found(bi));
  const h = runValues(head, found(hi));
  return b.length > 0 && h.length > 0 && b.reduce((a, x) => a + x, 0) / b.length >= minFound && h.every((x) => x === 0);
}
function addSeedSpread(c, base, head, bi, hi, level) {
  const run = (i, support) => (splits) => {
    const pc = splits[c.split]?.perClass;
    const tp = pc?.tp[i];
    if (tp === void 0) return null;
    if (c.measure === "recall") return tp / support;
    const predicted = pc?.predicted?.[i];
    return predicted === void 0 || predicted === 0 ? null : tp / predicted;
  };
  const t = c.test;
  const own = c.measure === "precision" ? newcombeInterval(c.base.found, c.base.support, c.head.found, c.head.support, level) : t.kind === "mcnemar" ? pairedWaldInterval(t.b, t.c, c.base.support, level) : t.ci;
  const s = seedAdjusted(base, head, run(bi, c.base.support), run(hi, c.head.support), own, level);
  if (!s?.ci) return;
  const { down, up } = seedPValues({ ...s, ci: s.ci });
  t.p = Math.max(t.p, down);
  c.pUp = Math.max(c.pUp, up);
  c.delta = s.delta;
  t.seeds = { ...s.seeds, delta: s.delta, ci: s.ci };
}
function makeCandidate(row, split, measure, base, head, delta, discordant, level) {
  if (discordant) {
    const [b, c] = discordant;
    return {
      row,
      split,
      measure,
      base,
      head,
      delta,
      paired: true,
      test: { kind: "mcnemar", p: mcnemarOneSided(b, c), b, c },
      pUp: mcnemarOneSided(c, b),
      // McNemar is conditional on the b + c discordant examples: given them, its smallest p is
      // 0.5^(b + c) (all of them lost), so a class that barely moved cannot be significant and
      // stays out of the family (Gilbert 2005 screens Fisher's exact test given its margins alike).
      minP: Math.pow(0.5, b + c),
      // Whatever the data: every positive lost (b = support, c = 0).
      minPSupport: Math.pow(0.5, base.support)
    };
  }
  return {
    row,
    split,
    measure,
    base,
    head,
    delta,
    paired: false,
    test: {
      kind: "newcombe",
      p: newcombeOneSidedP(base.found, base.support, head.found, head.support),
      ci: newcombeInterval(base.found, base.support, head.found, head.support, level)
    },
    pUp: newcombeOneSidedP(head.found, head.support, base.found, base.support),
    // Smallest p the unpaired test could give: all found before, none now.
    minP: newcombeOneSidedP(base.support, base.support, 0, head.support),
    minPSupport: newcombeOneSidedP(base.support, base.support, 0, head.support)
  };
}

// src/core/compare/headline.ts
var EPS2 = 1e-12;
var HELD_OUT = ["validation", "test"];
var NO_RESAMPLE_WHY = "too few examples for a bootstrap interval";
function gateSplits(splits, configured) {
  const chosen = chosenSplits(splits, configured);
  if (chosen) return chosen;
  const held = splits.filter((s) => HELD_OUT.includes(s));
  return held.length ? held : splits;
}
function metricOf(r, split, metric) {
  const v = r?.splits[split]?.metrics[metric];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
var signed = (x) => `${x > 0 ? "+" : x < 0 ? "-" : ""}${pts(Math.abs(x))}`;
var showCi = (ci) => `[${signed(ci.lo)}, ${signed(ci.hi)}]`;
var showLimit = (allowed) => `${pts(allowed)} pt limit`;
var levelPct = (ci) => `${Math.round(ci.level * 100)}%`;
function changeInterval(boots, split, metric, level) {
  const b = boots.get(split);
  if (!b || !("boot" in b)) return void 0;
  const m = metric;
  const d = b.boot.head[m].map((h, r) => h - b.boot.base[m][r]);
  return reachZero(percentileInterval(d, level) ?? void 0, fewChanged(boots, [split], level));
}
function fewChanged(boots, splits, level) {
  let changed = 0;
  for (const s of splits) {
    const b = boots.get(s);
    if (!b || !("boot" in b) || b.changed === void 0) return null;
    changed += b.changed;
  }
  return changed > 0 && 2 * 0.5 ** changed > 1 - level ? changed : null;
}
function reachZero(ci, few) {
  return ci && few !== null ? { ...ci, lo: Math.min(ci.lo, 0), hi: Math.max(ci.hi, 0) } : ci;
}
function fewChangedNote(boots, splits, level) {
  const few = splits.flatMap((s) => {
    const k = fewChanged(boots, [s], level);
    return k === null ? [] : [`${s}: ${k === 1 ? "1 example" : `${k} examples`}`];
  });
  if (few.length === 0) return null;
  return {
    section: "headline",
    text: `Too few examples changed prediction for any change to be significant (${few.join(", ")}), even had every one of them gone the same way: their intervals are extended to 0, so these changes are within noise.`
  };
}
function seededChange(base, head, boots, split, metric, level) {
  const ci = changeInterval(boots, split, metric, level);
  const run = metricRun(split, metric);
  const seeds = seedAdjusted(base, head, run, run, ci, level);
  return { ci: seeds ? seeds.ci : ci, seeds };
}
function direction(ci, higherIsBetter) {
  if (!ci) return null;
  if (ci.lo > EPS2) return higherIsBetter ? 1 : -1;
  if (ci.hi < -EPS2) return higherIsBetter ? -1 : 1;
  return 0;
}
function judgeChange(delta, base, worseUp, th, ci, label, verb, noCiWhy2) {
  const worsening = worseUp ? delta : -delta;
  if (!(worsening > EPS2)) return { level: "ok" };
  const text = `${label} ${verb} ${pts(Math.abs(delta))} pts${ci ? ` ${showCi(ci)}` : ""}`;
  const failAt = th.fail ? allowedWorsening(th.fail, base) : null;
  const warnAt = th.warn ? allowedWorsening(th.warn, base) : null;
  const limits = [warnAt, failAt].filter((x) => x !== null);
  if (limits.length === 0) return { level: "ok" };
  const lowest = Math.min(...limits);
  if (!ci) {
    if (worsening <= lowest + EPS2) return { level: "ok" };
    const why = noCiWhy2 ?? "no per-example data";
    return {
      level: "warn",
      reason: `${text}, past the ${showLimit(lowest)}; no interval (${why}), so a point estimate alone cannot fail`
    };
  }
  const leastWorsening = worseUp ? ci.lo : -ci.hi;
  if (!(leastWorsening > EPS2)) {
    if (worsening <= lowest + EPS2) return { level: "ok" };
    return { level: "ok", note: text };
  }
  if (failAt !== null && leastWorsening > failAt + EPS2)
    return { level: "fail", reason: `${text}, beyond the ${showLimit(failAt)}` };
  if (failAt !== null && worsening > failAt + EPS2)
    return {
      level: "warn",
      reason: `${text}: past the ${showLimit(failAt)}, but its ${levelPct(ci)} interval reaches back inside the limit`
    };
  if (warnAt !== null && worsening > warnAt + EPS2)
    return { level: "warn", reason: `${text}, past the ${showLimit(warnAt)}` };
  return { level: "ok" };
}
function noCiWhy(boots, split) {
  const b = boots.get(split);
  return b && "why" in b ? b.why : b ? NO_RESAMPLE_WHY : null;
}
function judgeHeadline(base, head, gate, context, rules, boots) {
  const rows = [];
  const findings = [];
  const conf = rules.bootstrap.confidence;
  for (const split of [...context, ...gate].filter((s, i, a) => a.indexOf(s) === i)) {
    const role = gate.includes(split) ? "gate" : "context";
    for (const metric of rules.headline.metrics) {
      const hv = metricOf(head, split, metric);
      const bv = base ? metricOf(base, split, metric) : null;
      const higherIsBetter = !LOWER_IS_BETTER.has(metric);
      if (!base) {
        if (hv !== null)
          rows.push({ split, metric, higherIsBetter, base: null, head: hv, delta: null, level: "ok", role });
        continue;
      }
      if (hv === null && bv === null) continue;
      const row = { split, metric, higherIsBetter, base: bv, head: hv, delta: null, level: "ok", role };
      rows.push(row);
      if (hv === null || bv === null) continue;
      row.delta = hv - bv;
      const { ci, seeds } = seededChange(base, head, boots, split, metric, conf);
      row.ci = ci;
      if (seeds) Object.assign(row, seeds);
      if (role === "context") continue;
      const j = judgeChange(
        row.delta,
        bv,
        !higherIsBetter,
        headlineThreshold(rules, split, metric),
        row.ci,
        `${split} ${metric}`,
        higherIsBetter ? "fell" : "rose",
        noCiWhy(boots, split)
      );
      row.level = j.level;
      if (j.note) row.note = j.note;
      if (j.reason) {
        row.reason = j.reason;
        findings.push({ level: j.level, category: 2, rank: -Math.abs(row.delta), text: j.reason });
      }
    }
  }
  const notes = [];
  const noisy = rows.filter((r) => r.note);
  if (noisy.length) {
    const level = noisy[0].ci ? ` (the ${levelPct(noisy[0].ci)} interval includes 0)` : "";
    notes.push({
      section: "headline",
      text: `Within noise${level}, not a warning: ${noisy.map((r) => r.note).join("; ")}.`
    });
  }
  const few = fewChangedNote(boots, gate, conf);
  if (few) notes.push(few);
  const seeded = rows.find((r) => r.seeds && r.role === "gate") ?? rows.find((r) => r.seeds);
  if (seeded) notes.push({ section: "headline", text: seedNote(seeded) });
  const train = trainNote(rows, gate);
  if (train) notes.push({ section: "headline", text: train });
  return { rows, findings, notes };
}
function seedNote(r) {
  const s = r.seeds;
  const runs = (k) => `${k} run${k === 1 ? "" : "s"}`;
  return `Seeds: base ${runs(s.base)}, head ${runs(s.head)}; the figures are means over the runs and each interval adds the between-seed spread (${r.split} ${r.metric}: SD ${pts(s.sd)} pts between seeds), so what a different seed does is not a change.`;
}
function trainNote(rows, gate) {
  const fell = (r) => r.delta !== null && (r.ci ? direction(r.ci, r.higherIsBetter) === -1 : r.higherIsBetter ? r.delta < 0 : r.delta > 0);
  const trainFell = rows.filter((r) => r.role === "context" && r.split === "train" && r.ci && fell(r));
  if (!trainFell.length || gate.length === 0) return null;
  const gateRows = rows.filter((r) => r.role === "gate" && r.delta !== null);
  if (!gateRows.length || gateRows.some(fell)) return null;
  const worst = [...trainFell].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))[0];
  const improved = gateRows.some((r) => direction(r.ci, r.higherIsBetter) === 1);
  const held = `${gate.join(" and ")} ${improved ? "held or improved" : "held"}`;
  return `Train fell (${worst.metric} ${signed(worst.delta)} pts ${showCi(worst.ci)}) while ${held}: augmentation, dropout or other train-time regularization lowers the scores measured on train, so a train drop alone never fails; the held-out splits decide.`;
}
function gapOf(r, minuend, subtrahend, metric) {
  const a = metricOf(r, minuend, metric);
  const b = metricOf(r, subtrahend, metric);
  return a === null || b === null ? null : a - b;
}
function runGap(minuend, subtrahend, metric) {
  const [a, b] = [metricRun(minuend, metric), metricRun(subtrahend, metric)];
  return (splits) => {
    const [x, y] = [a(splits), b(splits)];
    return x === null || y === null ? null : x - y;
  };
}
function gapInterval(boots, minuend, subtrahend, metric, level) {
  const b1 = boots.get(minuend);
  const b2 = boots.get(subtrahend);
  if (b1 && "boot" in b1 && b2 && "boot" in b2) {
    const m = metric;
    const R = Math.min(b1.boot.resamples, b2.boot.resamples);
    const d = new Float64Array(R);
    const head = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      head[r] = b1.boot.head[m][r] - b2.boot.head[m][r];
      d[r] = head[r] - (b1.boot.base[m][r] - b2.boot.base[m][r]);
    }
    const ci = reachZero(percentileInterval(d, level) ?? void 0, fewChanged(boots, [minuend, subtrahend], level));
    return { ci, headCi: percentileInterval(head, level) ?? void 0, why: ci ? null : NO_RESAMPLE_WHY };
  }
  const w = [b1, b2].find((x) => x && "why" in x);
  return { ci: void 0, headCi: void 0, why: w ? w.why : "no per-example data for both splits" };
}
function pointFell(base, head, split, metric) {
  const [b, h] = [metricOf(base, split, metric), metricOf(head, split, metric)];
  if (b === null || h === null) return false;
  return LOWER_IS_BETTER.has(metric) ? h - b > EPS2 : b - h > EPS2;
}
function heldOutFor(minuend, subtrahend) {
  return minuend === "train" ? [subtrahend, ...HELD_OUT.filter((s) => s !== subtrahend)] : [subtrahend];
}
function movement(split, delta, ci, higherIsBetter) {
  if (delta === null) return `${split} has no score on one side`;
  const point = Math.abs(delta) <= EPS2 ? 0 : delta > 0 === higherIsBetter ? 1 : -1;
  const dir = ci ? direction(ci, higherIsBetter) : point;
  const tail = ci ? "" : ", no interval";
  const better = higherIsBetter && split === "train" ? "rose" : "improved";
  if (dir === 1) return `${split} ${better} (${signed(delta)} pts${tail})`;
  if (dir === -1) return `${split} ${worseVerb(higherIsBetter)} (${signed(delta)} pts${tail})`;
  return `${split} held (${signed(delta)} pts${ci ? ", within noise" : tail})`;
}
var worseVerb = (higherIsBetter) => higherIsBetter ? "fell" : "worsened";
function judgeGaps(base, head, rules, boots) {
  const rows = [];
  const findings = [];
  const notes = [];
  const conf = rules.bootstrap.confidence;
  for (const g of GAP_PAIRS) {
    const explained = [];
    const below = [];
    for (const metric of rules.gaps.metrics) {
      const hv = gapOf(head, g.minuend, g.subtrahend, metric);
      const bv = base ? gapOf(base, g.minuend, g.subtrahend, metric) : null;
      const lowerBetter = LOWER_IS_BETTER.has(metric);
      const higherIsBetter = lowerBetter;
      if (hv === null && bv === null) continue;
      const row = { gap: g.name, metric, higherIsBetter, base: bv, head: hv, delta: null, level: "ok" };
      rows.push(row);
      const { ci, headCi, why } = base ? gapInterval(boots, g.minuend, g.subtrahend, metric, conf) : {};
      const trainBelow = g.minuend === "train" && hv !== null && (headCi ? direction(headCi, !lowerBetter) === -1 : lowerBetter ? hv > 0.01 : hv < -0.01);
      if (trainBelow) below.push(`${metric} ${signed(hv)} pts`);
      if (!base || hv === null || bv === null) continue;
      row.delta = hv - bv;
      row.ci = ci;
      const gapRun = runGap(g.minuend, g.subtrahend, metric);
      const seeds = seedAdjusted(base, head, gapRun, gapRun, ci, conf);
      if (seeds) Object.assign(row, seeds);
      if (trainBelow) continue;
      const j = judgeChange(
        row.delta,
        bv,
        !higherIsBetter,
        gapThreshold(rules, g.name, metric),
        row.ci,
        `${g.name} gap in ${metric}`,
        "widened",
        why ?? null
      );
      const widenedSignificantly = direction(row.ci, higherIsBetter) === -1;
      const fell = widenedSignificantly ? heldOutFor(g.minuend, g.subtrahend).filter(
        (s) => direction(seededChange(base, head, boots, s, metric, conf).ci, !lowerBetter) === -1
      ) : [];
      const explain = () => explained.push({
        metric,
        words: gapWords(g, metric, row, base, head, boots, conf, fell),
        worse: fell.length > 0
      });
      if (!row.ci && j.level !== "ok" && !heldOutFor(g.minuend, g.subtrahend).some((s) => pointFell(base, head, s, metric))) {
        explain();
        continue;
      }
      if (j.level === "ok" || !widenedSignificantly) {
        row.level = j.level;
        if (j.reason) {
          row.reason = j.reason;
          findings.push({ level: j.level, category: 4, rank: -Math.abs(row.delta), text: j.reason });
        }
        if (j.note) row.note = j.note;
        else if (widenedSignificantly) explain();
        continue;
      }
      if (fell.length) {
        row.level = j.level;
        row.note = `${fell.join(" and ")} ${worseVerb(!lowerBetter)} too`;
        row.reason = `${j.reason} and ${fell.join(" and ")} ${worseVerb(!lowerBetter)}`;
        findings.push({ level: j.level, category: 4, rank: -Math.abs(row.delta), text: row.reason });
      } else explain();
    }
    for (const worse of [true, false]) {
      const [first, ...rest] = explained.filter((e) => e.worse === worse);
      if (!first) continue;
      const same = rest.length ? ` (the same for ${rest.map((e) => e.metric).join(", ")})` : "";
      notes.push({ section: "gaps", text: `${first.words}${same}.` });
    }
    if (below.length)
      notes.push({
        section: "gaps",
        text: `Train scores below ${g.subtrahend} in head (${below.join(", ")}): usual when train is measured with augmentation or dropout active, or when its labels are noisier; explained, not scored as a change.`
      });
  }
  return { rows, findings, notes };
}
function gapWords(g, metric, row, base, head, boots, conf, fell) {
  const hib = !LOWER_IS_BETTER.has(metric);
  const move = (s) => {
    const b = metricOf(base, s, metric);
    const h = metricOf(head, s, metric);
    const { ci, seeds } = seededChange(base, head, boots, s, metric, conf);
    return movement(s, seeds ? seeds.delta : b === null || h === null ? null : h - b, ci, hib);
  };
  const held = heldOutFor(g.minuend, g.subtrahend).filter((s) => s in head.splits && s in base.splits);
  const label = g.name.replace("-", " \u2212 ");
  return `The ${label} gap in ${metric} widened by ${pts(Math.abs(row.delta))} pts because ${move(g.minuend)} while ${held.map(move).join(" and ")}: ` + (fell.length ? "the head generalizes worse, by less than the gap's limit" : g.minuend === "validation" ? "validation's gain did not carry over to test: validation may read optimistic (a model or setting chosen on it), test is the score to trust" : "nothing generalizes worse");
}

// src/core/compare/hints.ts
var MAPPING_SHOWN = 6;
var CONFUSION_CLASSES = 5;
var CONFUSION_TARGETS = 3;
function pct(x) {
  return `${(100 * x).toFixed(1)}%`;
}
function mappingText(moves, classes) {
  const parts = moves.slice(0, MAPPING_SHOWN).map(([t, p], i) => `${quoteName(classes[t])} ${i === 0 ? "is predicted as" : "as"} ${quoteName(classes[p])}`);
  return parts.join(", ") + (moves.length > MAPPING_SHOWN ? ", \u2026" : "");
}
function classOrderHints(head) {
  if (head.task !== "multiclass") return [];
  const C = head.classes.length;
  const bySignature = /* @__PURE__ */ new Map();
  for (const f of head.sanity ?? []) {
    const s = f.split === void 0 ? void 0 : head.splits[f.split];
    if (f.code !== "below-chance" || !s) continue;
    const m = classOrderMapping(s, C);
    if (!m) continue;
    const key = JSON.stringify(m.moves);
    const seen = bySignature.get(key);
    if (seen) seen.splits.push(f.split);
    else bySignature.set(key, { splits: [f.split], ...m, acc: s.metrics.accuracy ?? 0 });
  }
  return [...bySignature.values()].map((g) => ({
    kind: "class-order",
    splits: g.splits,
    message: `likely a class-order mismatch (${g.splits.join(", ")}): ${mappingText(g.moves, head.classes)} (${pct(g.share)} of the examples follow this one-to-one mapping; accuracy is ${pct(g.acc)}). Check that the class list is in the order of the model's output columns.`
  }));
}
function confusionRow(s, t, C) {
  const row = /* @__PURE__ */ new Map();
  const dense = denseConfusion(s, C);
  if (dense) {
    for (let p = 0; p < C; p++) if (p !== t && dense[t * C + p] > 0) row.set(p, dense[t * C + p]);
  } else if (s.confusion?.cells) {
    for (const [ti, p, v] of s.confusion.cells) if (ti === t) row.set(p, v);
  } else for (const [p, v] of s.topConfusions?.[t] ?? []) row.set(p, v);
  return row;
}
function confusionHint(base, head, c) {
  const hs = head.splits[c.split];
  const bs = base.splits[c.split];
  const ht = head.classes.indexOf(c.name);
  const bt = base.classes.indexOf(c.name);
  if (!hs || !bs || ht < 0 || bt < 0 || !c.head) return null;
  const headRow = confusionRow(hs, ht, head.classes.length);
  const baseRow = confusionRow(bs, bt, base.classes.length);
  const baseCount = (name) => baseRow.get(base.classes.indexOf(name)) ?? 0;
  const targets = [...headRow].map(([p, v]) => ({ name: head.classes[p], now: v, before: baseCount(head.classes[p]) })).filter((x) => x.now > x.before).sort((a, b) => b.now - b.before - (a.now - a.before) || b.now - a.now).slice(0, CONFUSION_TARGETS);
  if (targets.length === 0) return null;
  const parts = targets.map(
    (x, i) => `${x.now}${i === 0 ? ` of ${c.head.support} now predicted` : ""} as ${quoteName(x.name)} (base: ${x.before})`
  );
  return {
    kind: "confusions",
    splits: [c.split],
    className: c.name,
    message: `${quoteName(c.name)} (${c.split}): ${parts.join(", ")}`
  };
}
function confusionHints(base, head, classes, explained) {
  if (!base || head.task !== "multiclass" || base.task !== "multiclass") return [];
  const out = [];
  const regressed = classes.filter((c) => (c.status === "regression" || c.status === "catastrophic") && !explained.has(c.split)).sort((a, b) => (a.delta ?? 0) - (b.delta ?? 0));
  for (const c of regressed) {
    if (out.length >= CONFUSION_CLASSES) break;
    const h = confusionHint(base, head, c);
    if (h) out.push(h);
  }
  return out;
}
function modelHints(base, head) {
  const b = base?.model;
  const h = head.model;
  if (!b || !h) return [];
  const out = [];
  if (b.parameters !== void 0 && h.parameters !== void 0 && b.parameters !== h.parameters) {
    const ratio = h.parameters / b.parameters;
    out.push({
      kind: "parameters",
      message: `the model's weights changed: ${b.parameters.toLocaleString("en-US")} in base, ${h.parameters.toLocaleString("en-US")} in head${Number.isFinite(ratio) ? ` (${ratio >= 1 ? `${ratio.toFixed(1)}x` : `${(1 / ratio).toFixed(1)}x fewer`})` : ""}`
    });
  }
  if ((b.preprocess ?? "none") !== (h.preprocess ?? "none"))
    out.push({
      kind: "preprocess",
      message: `the preprocessing changed: base ${b.preprocess ?? "none"}, head ${h.preprocess ?? "none"}`
    });
  return out;
}
function causeHints(base, head, classes) {
  const order = classOrderHints(head);
  const explained = new Set(order.flatMap((h) => h.splits ?? []));
  return [...order, ...confusionHints(base, head, classes, explained), ...modelHints(base, head)];
}

// src/core/compare/pairing.ts
function unionClasses(base, head) {
  const names = [...base];
  const at = /* @__PURE__ */ new Map();
  base.forEach((n, i) => at.set(n, i));
  const fromBase = Uint32Array.from(base, (_, i) => i);
  const fromHead = new Uint32Array(head.length);
  head.forEach((n, j) => {
    let u = at.get(n);
    if (u === void 0) {
      u = names.length;
      names.push(n);
      at.set(n, u);
    }
    fromHead[j] = u;
  });
  const inBase = new Int32Array(names.length).fill(-1);
  const inHead = new Int32Array(names.length).fill(-1);
  fromBase.forEach((u, i) => inBase[u] = i);
  fromHead.forEach((u, j) => inHead[u] = j);
  return { names, fromBase, fromHead, inBase, inHead };
}
var decodedFromReport = (report, split) => {
  const enc = report.splits[split]?.predictions;
  return enc ? decodeExamples(enc, report.classes.length) : null;
};
function isIdentity(map) {
  for (let i = 0; i < map.length; i++) if (map[i] !== i) return false;
  return true;
}
function mapAll(a, map, identity = isIdentity(map)) {
  if (identity) return a;
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = map[a[i]];
  return out;
}
function pairSplit(base, head, split, union, source) {
  const bs = base.splits[split];
  const hs = head.splits[split];
  if (bs.fingerprints.labels !== hs.fingerprints.labels || bs.examples !== hs.examples)
    return { why: "the two reports were evaluated on different examples (label fingerprints differ)" };
  if (base.task !== head.task) return { why: `the task changed (${base.task} \u2192 ${head.task})` };
  let be;
  let he;
  try {
    be = source(base, split, "base");
    he = source(head, split, "head");
  } catch (e) {
    return { why: `per-example predictions could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!be || !he) {
    const missing = !be && !he ? "neither report carries" : `the ${!be ? "base" : "head"} report carries no`;
    return { why: `same examples, but ${missing} per-example predictions` };
  }
  if (be.n !== he.n || be.task !== he.task)
    return { why: "the per-example predictions of the two reports do not line up" };
  const C = union.names.length;
  if (be.task === "multiclass" && he.task === "multiclass") {
    const truth = be.truth;
    const headId = isIdentity(union.fromHead);
    const headTruth = mapAll(he.truth, union.fromHead, headId);
    for (let i = 0; i < be.n; i++)
      if (truth[i] !== headTruth[i]) return { why: `same fingerprint, but the truths differ at example ${i + 1}` };
    return {
      paired: {
        task: "multiclass",
        n: be.n,
        classes: C,
        truth,
        base: be.pred,
        head: mapAll(he.pred, union.fromHead, headId)
      }
    };
  }
  if (be.task === "multilabel" && he.task === "multilabel") {
    const truth = be.truthIndices;
    const headTruth = mapAll(he.truthIndices, union.fromHead);
    const mark = new Uint32Array(C);
    for (let i = 0; i < be.n; i++) {
      const s = be.truthOffsets[i];
      const e = be.truthOffsets[i + 1];
      if (he.truthOffsets[i] !== s || he.truthOffsets[i + 1] !== e)
        return { why: `same fingerprint, but the truths differ at example ${i + 1}` };
      for (let j = s; j < e; j++) mark[truth[j]] = i + 1;
      for (let j = s; j < e; j++)
        if (mark[headTruth[j]] !== i + 1) return { why: `same fingerprint, but the truths differ at example ${i + 1}` };
    }
    return {
      paired: {
        task: "multilabel",
        n: be.n,
        classes: C,
        truthOffsets: be.truthOffsets,
        truth,
        baseOffsets: be.predOffsets,
        base: be.predIndices,
        headOffsets: he.predOffsets,
        head: mapAll(he.predIndices, union.fromHead)
      }
    };
  }
  return { why: "the per-example predictions of the two reports do not line up" };
}
function changedExamples(p) {
  let changed = 0;
  if (p.task === "multiclass") {
    for (let i = 0; i < p.n; i++) if (p.base[i] !== p.head[i]) changed++;
    return changed;
  }
  const stamp = new Uint32Array(p.classes);
  const { n, baseOffsets, base, headOffsets, head } = p;
  for (let i = 0; i < n; i++) {
    const size = baseOffsets[i + 1] - baseOffsets[i];
    if (headOffsets[i + 1] - headOffsets[i] !== size) {
      changed++;
      continue;
    }
    for (let j = baseOffsets[i]; j < baseOffsets[i + 1]; j++) stamp[base[j]] = i + 1;
    for (let j = headOffsets[i]; j < headOffsets[i + 1]; j++)
      if (stamp[head[j]] !== i + 1) {
        changed++;
        break;
      }
  }
  return changed;
}
function discordantCounts(p) {
  const C = p.classes;
  const b = new Float64Array(C);
  const c = new Float64Array(C);
  const bFp = new Float64Array(C);
  const cFp = new Float64Array(C);
  if (p.task === "multiclass") {
    const { truth: truth2, base: base2, head: head2, n: n2 } = p;
    for (let i = 0; i < n2; i++) {
      const t = truth2[i];
      const pb = base2[i];
      const ph = head2[i];
      if (pb === ph) continue;
      if (pb === t) b[t]++;
      else if (ph === t) c[t]++;
      if (ph !== t) bFp[ph]++;
      if (pb !== t) cFp[pb]++;
    }
    return { b, c, bFp, cFp };
  }
  const flags = new Uint8Array(C);
  const touched = [];
  const { n, truthOffsets, truth, baseOffsets, base, headOffsets, head } = p;
  for (let i = 0; i < n; i++) {
    for (let j = truthOffsets[i]; j < truthOffsets[i + 1]; j++) {
      if (!flags[truth[j]]) touched.push(truth[j]);
      flags[truth[j]] |= 1;
    }
    for (let j = baseOffsets[i]; j < baseOffsets[i + 1]; j++) {
      if (!flags[base[j]]) touched.push(base[j]);
      flags[base[j]] |= 2;
    }
    for (let j = headOffsets[i]; j < headOffsets[i + 1]; j++) {
      if (!flags[head[j]]) touched.push(head[j]);
      flags[head[j]] |= 4;
    }
    for (const k of touched) {
      const f = flags[k];
      if (f === 3) b[k]++;
      else if (f === 5) c[k]++;
      else if (f === 4) bFp[k]++;
      else if (f === 2) cFp[k]++;
      flags[k] = 0;
    }
    touched.length = 0;
  }
  return { b, c, bFp, cFp };
}

// src/core/compare/compare.ts
function sideFrom(r, given) {
  return { commit: r.commit, source: r.source, toolVersion: r.tool?.version, createdAt: r.createdAt, ...given };
}
var LEVEL_ORDER = { fail: 0, warn: 1, ok: 2 };
function topReasons(findings) {
  const sorted = [...findings].sort(
    (a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.category - b.category || a.rank - b.rank
  );
  if (!sorted.length) return [];
  const first = sorted[0];
  const same = sorted.slice(1).filter((f) => f.level === first.level);
  const second = same.find((f) => f.category !== first.category) ?? same[0];
  return second ? [first.text, second.text] : [first.text];
}
function sanityFindings(sanity) {
  return sanity.filter((s) => s.level === "fail" || s.level === "warn").map((s, i) => ({
    level: s.level,
    category: 0,
    rank: i,
    text: `head model${s.split ? ` (${s.split})` : ""}: ${s.message}`
  }));
}
var CHANCE_ESCALATION_DROP = 0.1;
function escalateChanceLevel(sanity, head, base) {
  if (!base) return sanity;
  const metric = head.task === "multiclass" ? "accuracy" : "subset_accuracy";
  return sanity.map((f) => {
    if (f.code !== "chance-level" || f.level === "fail" || !f.split) return f;
    const b = base.splits[f.split]?.metrics[metric];
    const h = head.splits[f.split]?.metrics[metric];
    const baseAtChance = (base.sanity ?? []).some((x) => x.code === "chance-level" && x.split === f.split);
    if (b === void 0 || h === void 0 || baseAtChance || b - h < CHANCE_ESCALATION_DROP) return f;
    return {
      ...f,
      level: "fail",
      message: `${f.message}, while the base model scored ${(100 * b).toFixed(1)}%: the saved model may predict garbage once reloaded`
    };
  });
}
function addHints(cmp, hints) {
  if (hints.length) cmp.hints = hints;
}
function taskChanged(cmp, base, head, findings) {
  const fail = findings.some((f) => f.level === "fail");
  cmp.verdict = fail ? "fail" : "warn";
  cmp.reasons = [
    `the task changed from ${base.task} (base) to ${head.task} (head): nothing to compare, the scores of the two tasks do not measure the same thing`,
    ...topReasons(findings).slice(0, 1)
  ];
  return cmp;
}
function compareReports(base, head, rules, sides) {
  return compareWithSource(base, head, rules, sides, decodedFromReport);
}
function compareWithSource(base, head, rules, sides, source) {
  const sanity = escalateChanceLevel(head.sanity ?? [], head, base);
  const findings = sanityFindings(sanity);
  const cmp = emptyComparison(base, head, rules, sides, sanity);
  if (!base) return firstRun(cmp, head, rules, findings);
  if (base.task !== head.task) return taskChanged(cmp, base, head, findings);
  findings.push(...matchSplits(cmp, base, head));
  const union = unionClasses(base.classes, head.classes);
  const baseNames = new Set(base.classes);
  const headNames = new Set(head.classes);
  cmp.classesAdded = head.classes.filter((n) => !baseNames.has(n));
  cmp.classesRemoved = base.classes.filter((n) => !headNames.has(n));
  const plan = planSplits(cmp.splits.both, rules);
  const { paired, why } = pairSplits(cmp, base, head, union, plan.needed, source);
  const boots = bootstrapSplits(base, head, union, plan.needBoot, paired, why, rules, source);
  cmp.notes = dataShiftNotes(base, head, cmp, boots);
  const h = judgeHeadline(base, head, plan.gate, plan.context, rules, boots);
  cmp.headline = h.rows;
  findings.push(...h.findings);
  const g = judgeGaps(base, head, rules, boots);
  cmp.gaps = g.rows;
  findings.push(...g.findings);
  cmp.notes.push(...h.notes, ...g.notes);
  findings.push(...judgeClassSplits(cmp, base, head, union, plan.classes, paired, why, rules));
  const d = judgeDiagnostics(base, head, cmp, rules);
  cmp.diagnostics = d.diagnostics;
  findings.push(...d.findings);
  addHints(cmp, causeHints(base, head, cmp.classes));
  decide(cmp, findings, rules);
  return cmp;
}
function emptyComparison(base, head, rules, sides, sanity) {
  return {
    schema: "modelgate/comparison@1",
    verdict: "pass",
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
    notes: []
  };
}
function firstRun(cmp, head, rules, findings) {
  const headSplits = orderSplits(Object.keys(head.splits));
  cmp.splits.onlyHead = headSplits;
  const boots = /* @__PURE__ */ new Map();
  const gate = gateSplits(headSplits, rules.headline.splits);
  const context = rules.headline.splits ? [] : headSplits.filter((s) => !gate.includes(s));
  const h = judgeHeadline(null, head, gate, context, rules, boots);
  cmp.headline = h.rows;
  const g = judgeGaps(null, head, rules, boots);
  cmp.gaps = g.rows;
  cmp.notes = [...h.notes, ...g.notes];
  cmp.diagnostics = judgeDiagnostics(null, head, cmp, rules).diagnostics;
  addHints(cmp, causeHints(null, head, []));
  const fail = findings.some((f) => f.level === "fail");
  cmp.verdict = fail ? "fail" : "no-baseline";
  cmp.reasons = fail ? topReasons(findings) : ["no base report to compare against: the head results are shown without a verdict"];
  return cmp;
}
function matchSplits(cmp, base, head) {
  const findings = [];
  const headSplits = orderSplits(Object.keys(head.splits));
  const baseSplits = orderSplits(Object.keys(base.splits));
  cmp.splits.both = headSplits.filter((s) => s in base.splits);
  cmp.splits.onlyBase = baseSplits.filter((s) => !(s in head.splits));
  cmp.splits.onlyHead = headSplits.filter((s) => !(s in base.splits));
  for (const s of cmp.splits.onlyBase)
    findings.push({
      level: "warn",
      category: 5,
      rank: 0,
      text: `split '${s}' is in the base report but not in the head report`
    });
  return findings;
}
function planSplits(both, rules) {
  const gate = gateSplits(both, rules.headline.splits);
  const context = rules.headline.splits ? [] : both.filter((s) => !gate.includes(s));
  const defaultClassSplits = both.filter((s) => s === "validation" || s === "test");
  const classes = chosenSplits(both, rules.classes.splits) ?? (defaultClassSplits.length ? defaultClassSplits : both);
  const gapSplits = /* @__PURE__ */ new Set();
  if (rules.gaps.metrics.length) {
    for (const g of GAP_PAIRS)
      if (both.includes(g.minuend) && both.includes(g.subtrahend)) {
        gapSplits.add(g.minuend);
        gapSplits.add(g.subtrahend);
      }
  }
  const needBoot = /* @__PURE__ */ new Set([...rules.headline.metrics.length ? [...gate, ...context] : [], ...gapSplits]);
  const needed = /* @__PURE__ */ new Set([...classes, ...needBoot]);
  return { gate, context, classes, needBoot, needed };
}
function pairSplits(cmp, base, head, union, needed, source) {
  const paired = /* @__PURE__ */ new Map();
  const why = /* @__PURE__ */ new Map();
  for (const s of cmp.splits.both) {
    const bs = base.splits[s];
    const hs = head.splits[s];
    cmp.sameExamples[s] = bs.fingerprints.labels === hs.fingerprints.labels && bs.examples === hs.examples;
    if (!needed.has(s)) continue;
    const r = pairSplit(base, head, s, union, source);
    if ("paired" in r) paired.set(s, r.paired);
    else {
      paired.set(s, null);
      why.set(s, r.why);
    }
  }
  return { paired, why };
}
function unpairedSides(base, head, split, union, source) {
  if (base.task !== head.task) return { why: `the task changed (${base.task} \u2192 ${head.task})` };
  try {
    const be = source(base, split, "base");
    const he = source(head, split, "head");
    if (!be || !he) return { why: "a report carries no per-example predictions" };
    const C = union.names.length;
    return { base: selfPaired(be, union.fromBase, C), head: selfPaired(he, union.fromHead, C) };
  } catch (e) {
    return { why: `per-example predictions could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}
function bootstrapSplits(base, head, union, needBoot, paired, why, rules, source) {
  const boots = /* @__PURE__ */ new Map();
  const { resamples, seed } = rules.bootstrap;
  const [bc, hc] = [base.classes.length, head.classes.length];
  for (const s of needBoot) {
    const p = paired.get(s);
    if (resamples < 2) boots.set(s, { why: "the bootstrap is turned off (bootstrap.resamples < 2)" });
    else if (p) boots.set(s, { boot: bootstrapSplit(p, s, resamples, seed, bc, hc), changed: changedExamples(p) });
    else if (base.splits[s].fingerprints.labels === head.splits[s].fingerprints.labels)
      boots.set(s, { why: why.get(s) ?? "no per-example data" });
    else {
      const u = unpairedSides(base, head, s, union, source);
      if ("why" in u) boots.set(s, { why: `the two reports were evaluated on different examples and ${u.why}` });
      else boots.set(s, { boot: bootstrapUnpaired(u.base, u.head, s, resamples, seed, bc, hc), unpaired: true });
    }
  }
  return boots;
}
function judgeClassSplits(cmp, base, head, union, splits, paired, why, rules) {
  const disc = /* @__PURE__ */ new Map();
  for (const s of splits) {
    const p = paired.get(s);
    disc.set(s, p ? discordantCounts(p) : null);
    const kind = p ? "mcnemar" : "newcombe";
    cmp.methods[s] = {
      classTest: kind,
      why: p ? "both reports saw the same examples and carry per-example predictions: exact paired McNemar test on the examples whose outcome changed" : `${why.get(s)}: unpaired comparison of the two recalls (Newcombe interval)`
    };
  }
  const c = judgeClasses(base, head, union, splits, disc, rules);
  cmp.classes = c.classes;
  cmp.noise = c.noise;
  const agg = judgeClassAggregates(base, head, union, splits, c.classes, paired, why, rules);
  cmp.classAggregates = agg.aggregates;
  return [...c.findings, ...agg.findings];
}
function decide(cmp, findings, rules) {
  const levels = findings.map((f) => f.level);
  const verdict = levels.includes("fail") ? "fail" : levels.includes("warn") ? "warn" : "pass";
  cmp.verdict = verdict;
  if (verdict !== "pass") {
    cmp.reasons = topReasons(findings);
    return;
  }
  const noise = Object.values(cmp.noise).reduce((a, b) => a + b, 0);
  cmp.reasons = [
    `no regression: headline metrics ${headlineWords(cmp.headline)}, no class dropped significantly (FDR ${rules.fdr.level})` + (noise ? `; ${noise} class${noise === 1 ? "" : "es"} moved within noise` : "")
  ];
}
function headlineWords(rows) {
  const gate = rows.filter((r) => r.role !== "context" && r.delta !== null);
  const worse = (r) => r.higherIsBetter ? r.delta < 0 : r.delta > 0;
  const significant = (r) => !!r.ci && (r.higherIsBetter ? r.ci.hi < 0 : r.ci.lo > 0);
  if (gate.some((r) => worse(r) && (significant(r) || !r.ci))) return "within limits";
  return gate.some(worse) ? "within noise" : "held or improved";
}
var SHIFT_LIST_MAX = 5;
function dataShiftNotes(base, head, cmp, boots) {
  const notes = [];
  for (const s of cmp.splits.both) {
    if (cmp.sameExamples[s]) continue;
    const bs = base.splits[s];
    const hs = head.splits[s];
    const bIdx = new Map(base.classes.map((n, i) => [n, i]));
    const hIdx = new Map(head.classes.map((n, i) => [n, i]));
    const names = [.../* @__PURE__ */ new Set([...base.classes, ...head.classes])];
    const share = (k, n) => `${n ? (100 * k / n).toFixed(1) : "0.0"}%`;
    const moved = names.map((name) => {
      const b2 = bIdx.has(name) ? bs.perClass.support[bIdx.get(name)] : 0;
      const h = hIdx.has(name) ? hs.perClass.support[hIdx.get(name)] : 0;
      return { name, b: b2, h };
    }).filter((c) => c.b !== c.h).sort((x, y) => Math.abs(y.h - y.b) - Math.abs(x.h - x.b) || naturalCompare(x.name, y.name));
    const total = bs.examples === hs.examples ? "" : ` (${bs.examples} \u2192 ${hs.examples} examples in all)`;
    const listed = moved.slice(0, SHIFT_LIST_MAX).map(
      (c) => `${head.task === "multilabel" ? "label" : "class"} ${quoteName(c.name)} ${c.b} \u2192 ${c.h} examples (share ${share(c.b, bs.examples)} \u2192 ${share(c.h, hs.examples)})`
    );
    const more = moved.length > SHIFT_LIST_MAX ? `, and ${moved.length - SHIFT_LIST_MAX} more` : "";
    const what = moved.length ? `${listed.join(", ")}${more}` : "the same class counts, other examples or another order";
    const b = boots.get(s);
    const how = b && "boot" in b && b.unpaired ? " Its intervals come from an unpaired bootstrap (each side resampled on its own)." : "";
    notes.push({ section: "data", text: `${s}: base and head data differ${total}: ${what}.${how}` });
  }
  return notes;
}

export {
  compareReports,
  compareWithSource
};
