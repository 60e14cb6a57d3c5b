import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  decodeText,
  readSmallFile
} from "./chunk-NEJ5F2JK.js";
import {
  thresholdProblem
} from "./chunk-EGE46RNV.js";
import {
  InputError
} from "./chunk-R7VUTDUK.js";
import {
  classNameProblem,
  lookAlikeKey,
  lookAlikeProblem
} from "./chunk-GTK7TP36.js";

// src/io/class-list.ts
var MAX_BYTES = 256 << 20;
async function readClassList(path) {
  const text = decodeText(path, await readSmallFile(path, "class list", MAX_BYTES), "class list");
  const first = /\S/.exec(text);
  if (first && text[first.index] === "[") return fromJson(path, text);
  if (first && text[first.index] === "{")
    throw new InputError(path, null, "holds a JSON object; expected a JSON array of class names, or one name per line");
  const lines = text.split("\n").map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const check = namesChecker(
    path,
    (i) => `line ${i + 1}`,
    (i) => `on line ${i + 1}`
  );
  lines.forEach((name, i) => {
    if (name.trim() === "")
      throw new InputError(
        path,
        `line ${i + 1}`,
        `is ${name === "" ? "empty" : "blank"}; expected a class name on every line`
      );
    check(name, i);
  });
  if (lines.length === 0) throw new InputError(path, null, "holds no class names; expected one name per line");
  return lines;
}
function fromJson(path, text) {
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new InputError(path, null, `invalid JSON (${e.message}); expected a JSON array of class names`);
  }
  if (!Array.isArray(v) || v.length === 0)
    throw new InputError(path, null, "expected a non-empty JSON array of class names");
  const check = namesChecker(
    path,
    (i) => `entry ${i}`,
    (i) => `at entry ${i}`
  );
  v.forEach((name, i) => {
    if (typeof name !== "string" || name.trim() === "")
      throw new InputError(path, `entry ${i}`, `is ${JSON.stringify(name)}; expected a non-empty string`);
    check(name, i);
  });
  return v;
}
function namesChecker(path, where, first) {
  const seen = /* @__PURE__ */ new Map();
  const looks = /* @__PURE__ */ new Map();
  return (name, i) => {
    const problem = classNameProblem(name);
    if (problem) throw new InputError(path, where(i), `${JSON.stringify(name)} ${problem}`);
    const prev = seen.get(name);
    if (prev !== void 0)
      throw new InputError(
        path,
        where(i),
        `repeats class ${JSON.stringify(name)} (first ${first(prev)}); expected unique names`
      );
    const key = lookAlikeKey(name);
    const lookAlike = lookAlikeProblem(name, looks.get(key));
    if (lookAlike) throw new InputError(path, where(i), lookAlike);
    seen.set(name, i);
    looks.set(key, name);
  };
}

// src/io/thresholds.ts
var MAX_BYTES2 = 256 << 20;
async function readThresholds(path) {
  const text = decodeText(path, await readSmallFile(path, "thresholds file", MAX_BYTES2), "JSON");
  let v;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new InputError(path, null, `invalid JSON (${e.message}); expected an object {"class": threshold}`);
  }
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw new InputError(path, null, 'expected a JSON object {"class": threshold}');
  const out = /* @__PURE__ */ Object.create(null);
  for (const [name, t] of Object.entries(v)) {
    const problem = thresholdProblem(t, false);
    if (problem) throw new InputError(path, `key ${JSON.stringify(name)}`, problem);
    out[name] = t;
  }
  return out;
}

export {
  readClassList,
  readThresholds
};
