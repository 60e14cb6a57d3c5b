import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// src/io/types.ts
var PROGRESS_EVERY = 1e5;
var InputError = class extends Error {
  constructor(file, where, expected) {
    super(`${file}${where ? `:${where}` : ""}: ${expected}`);
    this.file = file;
    this.where = where;
    this.expected = expected;
    this.name = "InputError";
  }
  file;
  where;
  expected;
};

export {
  PROGRESS_EVERY,
  InputError
};
