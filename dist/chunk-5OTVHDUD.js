import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  InputError
} from "./chunk-R7VUTDUK.js";
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/exit.ts
var EXIT_OK = 0;
var EXIT_FAIL_VERDICT = 1;
var EXIT_BAD_INPUT = 2;
var EXIT_INTERNAL = 3;
function isUserError(e) {
  return e instanceof InputError || e instanceof UsageError;
}
function describeError(e) {
  if (isUserError(e)) return { message: `error: ${e.message}`, exitCode: EXIT_BAD_INPUT };
  const msg = e instanceof Error ? e.message : String(e);
  const debug = process.env.MODELGATE_DEBUG && e instanceof Error ? `
${e.stack}` : "";
  return {
    message: `internal error: ${msg} (this is a modelgate bug; set MODELGATE_DEBUG=1 for details)${debug}`,
    exitCode: EXIT_INTERNAL
  };
}

export {
  EXIT_OK,
  EXIT_FAIL_VERDICT,
  EXIT_BAD_INPUT,
  describeError
};
