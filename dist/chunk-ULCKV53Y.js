import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  UsageError
} from "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";

// src/core/report/replicates.ts
function replicateOf(r, classes) {
  const at = new Map(r.classes.map((c, i) => [c, i]));
  const splits = {};
  for (const [name, s] of Object.entries(r.splits)) {
    const tp = classes.map((c) => s.perClass.tp[at.get(c)]);
    const predicted = classes.map((c) => s.perClass.predicted[at.get(c)]);
    splits[name] = { examples: s.examples, metrics: { ...s.metrics }, perClass: { tp, predicted } };
  }
  return { ...r.source !== void 0 && { source: r.source }, createdAt: r.createdAt, splits };
}
function checkSameExperiment(first, p, origin, firstOrigin) {
  const fail = (what) => {
    throw new UsageError(`${origin}: ${what}; replicates are runs of one experiment with different seeds`);
  };
  const than = `than ${firstOrigin}`;
  if (p.replicates) fail("already holds replicates; expected the single runs");
  if (p.shard) fail(`is shard ${p.shard.index}/${p.shard.count}; merge the shards first`);
  if (p.task !== first.task) fail(`is ${p.task}, another task ${than}`);
  if ([...p.classes].sort().join("\n") !== [...first.classes].sort().join("\n")) fail(`has other classes ${than}`);
  if (JSON.stringify(p.thresholds ?? null) !== JSON.stringify(first.thresholds ?? null))
    fail(`has other thresholds ${than}`);
  const names = Object.keys(p.splits).sort();
  if (names.join("\n") !== Object.keys(first.splits).sort().join("\n"))
    fail(`has other splits ${than} (${names.join(", ")})`);
  for (const n of names)
    if (p.splits[n].fingerprints.labels !== first.splits[n].fingerprints.labels)
      fail(`has other examples in split ${JSON.stringify(n)} ${than} (their labels differ)`);
}
function mergeReplicates(parts, origins) {
  if (parts.length < 2) throw new UsageError("merge --replicates needs at least two reports (one per seed)");
  if (origins.length !== parts.length) throw new Error("mergeReplicates: one origin per part");
  if (parts[0].replicates || parts[0].shard) checkSameExperiment(parts[1], parts[0], origins[0], origins[1]);
  for (let k = 1; k < parts.length; k++) checkSameExperiment(parts[0], parts[k], origins[k], origins[0]);
  return { ...parts[0], replicates: parts.map((p) => replicateOf(p, parts[0].classes)) };
}
export {
  mergeReplicates
};
