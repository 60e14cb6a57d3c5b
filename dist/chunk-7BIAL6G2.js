import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  DEFAULT_CONFIG,
  DOOR_KEYS,
  checkRulesEarly,
  parseConfig,
  parsePreprocessText,
  readConfig,
  rulesOf
} from "./chunk-5CPSZITO.js";
import "./chunk-FR4FU6ET.js";
import "./chunk-SDVFDVTO.js";
import "./chunk-R7VUTDUK.js";
import "./chunk-TEFQHNLO.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  DEFAULT_CONFIG,
  DOOR_KEYS,
  checkRulesEarly,
  parseConfig,
  parsePreprocessText,
  readConfig,
  rulesOf
};
