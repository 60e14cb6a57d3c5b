import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// src/model/describe-preprocess.ts
function numberText(x) {
  const inverse = 1 / x;
  if (x > 0 && x < 1 && Math.abs(inverse - Math.round(inverse)) < 1e-6 * inverse) return `1/${Math.round(inverse)}`;
  return String(Number(x.toPrecision(6)));
}
function numbersText(v) {
  return Array.isArray(v) ? `[${v.slice(0, 8).map(numberText).join(", ")}${v.length > 8 ? ", \u2026" : ""}]` : numberText(v);
}
function describePreprocess(spec) {
  const parts = [];
  if (spec.scale !== void 0) parts.push(`scale ${numberText(spec.scale)}`);
  if (spec.mean !== void 0) parts.push(`mean ${numbersText(spec.mean)}`);
  if (spec.std !== void 0) parts.push(`std ${numbersText(spec.std)}`);
  if (spec.resize) parts.push(`resize ${spec.resize[0]}x${spec.resize[1]}`);
  if (spec.channels !== void 0) parts.push(`channels ${spec.channels}`);
  return parts.length ? parts.join(", ") : "none";
}

export {
  describePreprocess
};
