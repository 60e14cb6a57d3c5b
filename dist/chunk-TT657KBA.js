import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  allowedWorsening,
  chosenSplits,
  defaultRules,
  gapThreshold,
  headlineThreshold,
  parseRules,
  rulesToSettings
} from "./chunk-SDVFDVTO.js";
import "./chunk-TEFQHNLO.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  allowedWorsening,
  chosenSplits,
  defaultRules,
  gapThreshold,
  headlineThreshold,
  parseRules,
  rulesToSettings
};
