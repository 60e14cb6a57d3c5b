import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// src/io/helper-priority.ts
import { getPriority, setPriority } from "node:os";
var HELPER_NICE_STEP = 10;
function helperNice() {
  if (process.platform !== "linux") return null;
  try {
    return Math.min(19, getPriority(0) + HELPER_NICE_STEP);
  } catch {
    return null;
  }
}
function lowerThisThread(nice) {
  if (nice === null) return false;
  try {
    setPriority(0, nice);
    return true;
  } catch {
    return false;
  }
}

export {
  helperNice,
  lowerThisThread
};
