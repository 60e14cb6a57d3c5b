import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// src/core/classes.ts
function classNameProblem(name) {
  const m = /[\u0000-\u001f\u007f]/.exec(name);
  if (!m && !/[^\p{Cf}\p{Z}\s]/u.test(name))
    return "has no visible character (only spaces or format characters such as U+200B); expected a class name";
  if (!m) return null;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  return `contains the control character U+${code}; expected a class name on one line, without control characters`;
}
function lookAlikeKey(name) {
  return name.normalize("NFC").replace(new RegExp("\\p{Cf}", "gu"), "");
}
function spelledName(name) {
  return JSON.stringify(name).replace(new RegExp("\\p{Cf}", "gu"), (c) => `\\u${c.codePointAt(0).toString(16).padStart(4, "0")}`);
}
function lookAlikeProblem(name, lookAlike) {
  if (lookAlike === void 0 || lookAlike === name) return null;
  const visible = (n) => n.replace(new RegExp("\\p{Cf}", "gu"), "");
  const how = [
    visible(name) !== name || visible(lookAlike) !== lookAlike ? "invisible characters" : "",
    visible(name) !== visible(lookAlike) ? `Unicode normalization (this one is ${name === name.normalize("NFC") ? "" : "not "}in NFC)` : ""
  ].filter((w) => w !== "");
  return `${spelledName(name)} looks the same as class ${spelledName(lookAlike)} (they differ only in ${how.join(" and ")}); expected class names that can be told apart`;
}
var UnknownClassError = class extends Error {
  constructor(className) {
    super(`unknown class ${JSON.stringify(className)}`);
    this.className = className;
  }
  className;
};
var ClassIndex = class {
  constructor(names = [], fixed = false) {
    this.fixed = fixed;
    for (const n of names) this.add(n);
  }
  fixed;
  byName = /* @__PURE__ */ new Map();
  /** lookAlikeKey of each name, to its name. */
  byLook = /* @__PURE__ */ new Map();
  names = [];
  get size() {
    return this.names.length;
  }
  has(name) {
    return this.byName.has(name);
  }
  /** Index of `name`, adding it when the list is not fixed. Throws UnknownClassError otherwise. */
  indexOf(name) {
    const i = this.byName.get(name);
    if (i !== void 0) return i;
    if (this.fixed) throw new UnknownClassError(name);
    return this.add(name);
  }
  add(name) {
    const existing = this.byName.get(name);
    if (existing !== void 0) throw new Error(`duplicate class name ${JSON.stringify(name)}`);
    const i = this.names.length;
    this.names.push(name);
    this.byName.set(name, i);
    const key = lookAlikeKey(name);
    if (!this.byLook.has(key)) this.byLook.set(key, name);
    return i;
  }
  /** A name already in the list that looks the same as `name` (lookAlikeKey), or undefined. */
  lookAlike(name) {
    return this.byLook.get(lookAlikeKey(name));
  }
  /**
   * For a discovered (not fixed) list: the permutation that sorts names naturally
   * ("2" before "10"), as old index -> new index. Identity for fixed lists.
   */
  sortedOrder() {
    const perm = new Uint32Array(this.size);
    if (this.fixed) {
      for (let i = 0; i < perm.length; i++) perm[i] = i;
      return perm;
    }
    const order = this.names.map((_, i) => i).sort((a, b) => naturalCompare(this.names[a], this.names[b]));
    order.forEach((oldIndex, newIndex) => perm[oldIndex] = newIndex);
    return perm;
  }
};
var collator = new Intl.Collator("en", { numeric: true, sensitivity: "variant" });
function naturalCompare(a, b) {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export {
  classNameProblem,
  lookAlikeKey,
  lookAlikeProblem,
  UnknownClassError,
  ClassIndex,
  naturalCompare
};
