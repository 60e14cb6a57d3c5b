import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  formatShard,
  interleaveExamples,
  shardSize
} from "./chunk-J5VWRRYV.js";
import {
  thresholdFor
} from "./chunk-EGE46RNV.js";
import {
  ScoreAccumulator
} from "./chunk-UUFAK5VJ.js";
import {
  accumulatorFromExamples,
  accumulatorFromSplit,
  buildReport
} from "./chunk-7YSFBFLQ.js";
import {
  TUNING_SPLITS,
  tuningSummary
} from "./chunk-KSATUSI5.js";
import {
  TUNING_BINS,
  decodeClassCounts
} from "./chunk-3Q6HRQ5E.js";
import {
  ScoreHistograms
} from "./chunk-L4A26YP5.js";
import {
  ClassIndex
} from "./chunk-GTK7TP36.js";
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/core/report/merge.ts
function mergeReports(parts, origins, opts = {}) {
  if (parts.length === 0) throw new UsageError("merge needs at least one report");
  if (origins.length !== parts.length) throw new Error("mergeReports: one origin per part");
  checkOneEvaluation(parts, origins);
  return parts.some((p) => p.shard) ? mergeShards(parts, origins, opts) : mergeFiles(parts, origins, opts);
}
function checkOneEvaluation(parts, origins) {
  const first = parts[0];
  for (let k = 1; k < parts.length; k++) {
    const p = parts[k];
    if (p.task !== first.task)
      throw new UsageError(
        `${origins[k]}: task is ${p.task} but ${origins[0]} is ${first.task}; only shards of one evaluation can be merged`
      );
    if (!sameThresholds(p.thresholds, first.thresholds))
      throw new UsageError(
        `${origins[k]}: thresholds ${JSON.stringify(p.thresholds ?? null)} differ from ${origins[0]}'s ${JSON.stringify(first.thresholds ?? null)}`
      );
    if (p.commit !== first.commit)
      throw new UsageError(
        `${origins[k]}: commit ${JSON.stringify(p.commit ?? null)} differs from ${origins[0]}'s ${JSON.stringify(first.commit ?? null)}`
      );
  }
}
function mergeFiles(parts, origins, opts) {
  const first = parts[0];
  const index = sharedClassIndex(parts);
  const splits = /* @__PURE__ */ new Map();
  const fileOrigin = /* @__PURE__ */ new Map();
  parts.forEach((p, k) => {
    for (const [name, split] of Object.entries(p.splits)) {
      for (const f of split.fingerprints.files) {
        const key = `${name}\0${f.sha256}`;
        const prev = fileOrigin.get(key);
        if (prev !== void 0 && prev !== k)
          throw new UsageError(
            `${origins[k]}: split ${JSON.stringify(name)} was evaluated from the same file as in ${origins[prev]} (sha256 ${f.sha256.slice(0, 12)}); each shard must be merged once`
          );
        fileOrigin.set(key, k);
      }
      const acc = splitAccumulator(p, origins[k], name, index);
      const into = splits.get(name);
      if (into) {
        into.acc.merge(acc);
        into.files.push(...split.fingerprints.files);
      } else splits.set(name, { acc, files: [...split.fingerprints.files] });
    }
  });
  const sanity = keptSanity(parts);
  const sources = new Set(parts.map((p) => p.source));
  return buildReport({
    task: first.task,
    classes: index,
    splits: [...splits].map(([name, s]) => ({ name, ...s })),
    thresholds: first.thresholds,
    commit: first.commit,
    source: sources.size === 1 ? first.source : void 0,
    createdAt: opts.createdAt ?? latest(parts),
    toolVersion: opts.toolVersion ?? first.tool.version,
    sanity
  });
}
function sharedClassIndex(parts) {
  const first = parts[0];
  const sameClasses = parts.every(
    (p) => p.classes.length === first.classes.length && p.classes.every((c, i) => c === first.classes[i])
  );
  const index = new ClassIndex(sameClasses ? first.classes : [], sameClasses);
  if (!sameClasses) {
    for (const p of parts) for (const c of p.classes) if (!index.has(c)) index.indexOf(c);
  }
  return index;
}
function keptSanity(parts) {
  const sanity = [];
  const seen = /* @__PURE__ */ new Set();
  for (const p of parts)
    for (const f of p.sanity ?? []) {
      const key = JSON.stringify([f.level, f.split, f.code, f.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      sanity.push(f);
    }
  return sanity;
}
function splitAccumulator(p, origin, name, index) {
  try {
    return accumulatorFromSplit(p.splits[name], p.task, p.classes, index);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${origin}: split ${JSON.stringify(name)}: ${e.message}`);
    throw e;
  }
}
function shardsInOrder(parts, origins) {
  const whole = parts.findIndex((p) => !p.shard);
  if (whole >= 0)
    throw new UsageError(
      `${origins[whole]} is a whole report but ${origins[parts.findIndex((p) => p.shard)]} is a shard; merge the shards of one evaluation only`
    );
  const count = parts[0].shard.count;
  const slots = new Array(count);
  parts.forEach((p, k) => {
    const s = p.shard;
    if (s.count !== count)
      throw new UsageError(
        `${origins[k]} is shard ${formatShard(s)} but ${origins[0]} is shard ${formatShard(parts[0].shard)}; the shards of one evaluation share the count`
      );
    const prev = slots[s.index - 1];
    if (prev) throw new UsageError(`shard ${formatShard(s)} is given twice: ${prev.origin} and ${origins[k]}`);
    slots[s.index - 1] = { part: p, origin: origins[k] };
  });
  const missing = [...slots.keys()].filter((i) => !slots[i]).map((i) => `${i + 1}/${count}`);
  if (missing.length)
    throw new UsageError(
      `shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} missing: a merge needs every shard 1/${count} to ${count}/${count} once`
    );
  return slots;
}
function checkSameInputs(shards) {
  const { part: first, origin: firstOrigin } = shards[0];
  const names = Object.keys(first.splits).sort();
  for (const { part, origin } of shards.slice(1)) {
    const at = `${origin} (shard ${formatShard(part.shard)})`;
    const own = Object.keys(part.splits).sort();
    if (JSON.stringify(own) !== JSON.stringify(names))
      throw new UsageError(
        `${at} has splits ${own.join(", ")} but ${firstOrigin} has ${names.join(", ")}; every shard evaluates every split`
      );
    for (const name of names) {
      const a = JSON.stringify(first.splits[name].fingerprints.files.map((f) => [f.sha256, f.bytes]));
      const b = JSON.stringify(part.splits[name].fingerprints.files.map((f) => [f.sha256, f.bytes]));
      if (a !== b)
        throw new UsageError(
          `${at}: split ${JSON.stringify(name)} was read from other data (sha256 ${part.splits[name].fingerprints.files[0]?.sha256.slice(0, 12)}) than in ${firstOrigin} (sha256 ${first.splits[name].fingerprints.files[0]?.sha256.slice(0, 12)}); every shard must read the same files`
        );
    }
    if (JSON.stringify(part.model ?? null) !== JSON.stringify(first.model ?? null))
      throw new UsageError(
        `${at}: model ${JSON.stringify(part.model ?? null)} differs from ${firstOrigin}'s ${JSON.stringify(first.model ?? null)}`
      );
  }
}
function mergeShards(parts, origins, opts) {
  const shards = shardsInOrder(parts, origins);
  checkSameInputs(shards);
  const first = shards[0].part;
  const index = sharedClassIndex(parts);
  const splits = Object.keys(first.splits).map((name) => {
    const total = shards.reduce((a, s) => a + s.part.splits[name].examples, 0);
    const examples = shards.map(({ part, origin }) => {
      const want = shardSize(part.shard, total);
      if (part.splits[name].examples !== want)
        throw new UsageError(
          `${origin}: shard ${formatShard(part.shard)} of split ${JSON.stringify(name)} has ${part.splits[name].examples} examples; expected ${want} of the ${total} in all`
        );
      return splitAccumulator(part, origin, name, index).predictions();
    });
    const acc = accumulatorFromExamples(interleaveExamples(examples));
    return { name, acc, files: first.splits[name].fingerprints.files, scores: addedScores(shards, name, index) };
  });
  const report = buildReport({
    task: first.task,
    classes: index,
    splits,
    thresholds: first.thresholds,
    commit: first.commit,
    source: new Set(parts.map((p) => p.source)).size === 1 ? first.source : void 0,
    createdAt: opts.createdAt ?? latest(parts),
    toolVersion: opts.toolVersion ?? first.tool.version,
    sanity: keptSanity(parts),
    leakage: shardsLeakage(shards)
  });
  if (first.model) report.model = first.model;
  const tuning = shardsTuning(shards, index);
  if (tuning) report.thresholdTuning = tuning;
  return report;
}
function shardsTuning(shards, index) {
  const first = shards[0].part;
  if (first.task !== "multilabel") return void 0;
  const C = index.size;
  const histograms = (split) => {
    if (!shards.every(({ part }) => part.splits[split]?.tuningCounts)) return null;
    const [pos, all] = [new Uint32Array((TUNING_BINS + 2) * C), new Uint32Array((TUNING_BINS + 2) * C)];
    let examples = 0;
    for (const { part, origin } of shards) {
      const tc = part.splits[split].tuningCounts;
      const classes = decodeClassCounts(tc.data, tc.classes, tc.bins + 2);
      if (typeof classes === "string" || tc.bins !== TUNING_BINS || tc.classes !== part.classes.length)
        throw new UsageError(`${origin}: split ${JSON.stringify(split)}: tuningCounts are not the tuning summary's`);
      classes.forEach((t2, i) => {
        const c = index.indexOf(part.classes[i]);
        for (let k = 0; k < t2.length; k += 3) {
          pos[t2[k] * C + c] += t2[k + 1];
          all[t2[k] * C + c] += t2[k + 1] + t2[k + 2];
        }
      });
      examples += tc.examples;
    }
    const h = new ScoreHistograms(TUNING_BINS);
    h.add({ bins: TUNING_BINS, cap: C, classes: C, pos, all, examples });
    return h;
  };
  const [from, to] = [histograms(TUNING_SPLITS.from), histograms(TUNING_SPLITS.to)];
  if (!from || !to) return void 0;
  const t = first.thresholds;
  const current = index.names.map((n) => thresholdFor(n, t?.default, t?.perClass));
  return tuningSummary({ from, to }, TUNING_SPLITS, current) ?? void 0;
}
function shardsLeakage(shards) {
  const { part: first, origin: firstOrigin } = shards[0];
  const want = JSON.stringify(first.leakage ?? null);
  for (const { part, origin } of shards.slice(1)) {
    if (JSON.stringify(part.leakage ?? null) === want) continue;
    const how = !first.leakage ? "is there but not in" : part.leakage ? "differs from" : "is missing but is in";
    throw new UsageError(
      `${origin} (shard ${formatShard(part.shard)}): its leakage ${how} ${firstOrigin} (shard ${formatShard(first.shard)}); every shard of one evaluation finds the same leakage between its splits (shards of different modelgate versions, or an edited report?)`
    );
  }
  return first.leakage;
}
function addedScores(shards, name, index) {
  if (!shards.every(({ part }) => part.splits[name].scoreCounts)) return void 0;
  const scores = new ScoreAccumulator(shards[0].part.task);
  for (const { part } of shards)
    scores.add(
      part.splits[name].scoreCounts,
      part.classes.map((c) => index.indexOf(c))
    );
  return scores;
}
function latest(parts) {
  return parts.map((p) => p.createdAt).sort().at(-1);
}
function sameThresholds(a, b) {
  if (!a || !b) return a === b;
  if (a.default !== b.default) return false;
  const pa = a.perClass ?? {};
  const pb = b.perClass ?? {};
  const ka = Object.keys(pa);
  return ka.length === Object.keys(pb).length && ka.every((k) => Object.hasOwn(pb, k) && pa[k] === pb[k]);
}

export {
  mergeReports
};
