import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  unknownName
} from "./chunk-D5XZYOBY.js";
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/core/threshold.ts
var DEFAULT_THRESHOLD = 0.5;
var DECIMAL = /^\s*(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
function thresholdProblem(value, text = true) {
  const n = typeof value === "number" ? value : text && typeof value === "string" && DECIMAL.test(value) ? Number(value) : NaN;
  if (n >= 0 && n <= 1) return null;
  return `is ${typeof value === "number" ? String(value) : JSON.stringify(value)}; expected a number from 0 to 1`;
}
function parseThreshold(value, where) {
  const problem = thresholdProblem(value);
  if (problem) throw new UsageError(`${where} ${problem}`);
  return Number(value);
}
function thresholdFor(name, threshold, perClass) {
  return perClass && Object.hasOwn(perClass, name) ? perClass[name] : threshold ?? DEFAULT_THRESHOLD;
}
function checkThresholdKeys(perClass, classes, origin) {
  const names = new Set(classes);
  for (const key of Object.keys(perClass)) {
    const problem = unknownName("class", key, names, "among the classes evaluated");
    if (problem) throw new UsageError(`${origin}: key ${JSON.stringify(key)}: ${problem}`);
  }
}

export {
  DEFAULT_THRESHOLD,
  thresholdProblem,
  parseThreshold,
  thresholdFor,
  checkThresholdKeys
};
