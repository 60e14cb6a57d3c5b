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
    return i;
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
  UnknownClassError,
  ClassIndex,
  naturalCompare
};
