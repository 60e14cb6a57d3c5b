import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// src/core/render/escape.ts
var WJ = "\u2060";
var REPLACEMENT = "\uFFFD";
var ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "|": "&#124;",
  // table cell separator
  "\\": "&#92;",
  // would escape OUR next character (e.g. a table pipe)
  "`": "&#96;",
  "*": "&#42;",
  _: "&#95;",
  "~": "&#126;",
  "[": "&#91;",
  "]": "&#93;",
  "#": "&#35;",
  $: "&#36;"
  // GitHub math (data never goes into an attribute, so quotes stay)
};
var NEEDS_SANITIZING = (
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/
);
function sanitizeText(text) {
  if (!NEEDS_SANITIZING.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 9 || c === 11 || c === 12 || c === 133 || c === 8232 || c === 8233) {
      out += " ";
    } else if (c < 32 || c >= 127 && c < 160) {
      out += REPLACEMENT;
    } else if (c >= 8234 && c <= 8238 || c >= 8294 && c <= 8297 || c === 1564 || c === 8206 || c === 8207) {
      out += REPLACEMENT;
    } else if (c >= 55296 && c <= 56319) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 56320 && d <= 57343) {
        out += text[i] + text[i + 1];
        i++;
      } else out += REPLACEMENT;
    } else if (c >= 56320 && c <= 57343) {
      out += REPLACEMENT;
    } else out += text[i];
  }
  return out;
}
var MARKDOWN_SPECIAL = /[&<>|\\`*_~[\]#$]/g;
function escapeMarkdown(text) {
  return sanitizeText(text).replace(/[@#]/g, `$&${WJ}`).replace(/:(?! |$)/g, `:${WJ}`).replace(/(gh)(?=-\d)/gi, `$1${WJ}`).replace(/(www)(?=\.)/gi, `$1${WJ}`).replace(MARKDOWN_SPECIAL, (c) => ENTITIES[c]);
}
function escapePlain(text) {
  return sanitizeText(text);
}
function safeUrl(url) {
  if (!url) return void 0;
  if (!/^https?:\/\/[^\s<>"'`\\]+$/i.test(url) || sanitizeText(url) !== url) return void 0;
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return void 0;
    return u.href;
  } catch {
    return void 0;
  }
}
function markdownLink(text, url) {
  const safe = safeUrl(url);
  const label = escapeMarkdown(text);
  if (!safe) return label;
  return `[${label}](${safe.replace(/\(/g, "%28").replace(/\)/g, "%29")})`;
}
var HTML_SPECIAL = /[&<>"']/g;
var HTML_ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function escapeHtml(text) {
  return sanitizeText(text).replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c]);
}
var MERMAID_SAFE = /[\p{L}\p{N} .,:+\-–−≥≤/()]/u;
function escapeMermaid(text) {
  let out = "";
  for (const ch of sanitizeText(text)) {
    out += MERMAID_SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

export {
  sanitizeText,
  escapeMarkdown,
  escapePlain,
  safeUrl,
  markdownLink,
  escapeHtml,
  escapeMermaid
};
