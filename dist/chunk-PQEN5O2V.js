import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// src/core/truncate.ts
function codePoints(text) {
  return Array.from(text);
}
function truncateEnd(text, max) {
  if (text.length <= max) return text;
  const cps = codePoints(text);
  if (cps.length <= max) return text;
  return cps.slice(0, Math.max(0, max - 1)).join("") + "\u2026";
}
function truncateMiddle(text, max) {
  if (text.length <= max) return text;
  const cps = codePoints(text);
  if (cps.length <= max) return text;
  if (max < 8) return truncateEnd(text, max);
  const tail = Math.floor((max - 1) * 0.4);
  const head = max - 1 - tail;
  return cps.slice(0, head).join("") + "\u2026" + cps.slice(cps.length - tail).join("");
}

export {
  truncateEnd,
  truncateMiddle
};
