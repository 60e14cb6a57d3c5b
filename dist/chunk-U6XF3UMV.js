import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  DEFAULT_WEBHOOK_PATH,
  parseDotenv,
  readBotConfig
} from "./chunk-5P3WJWIY.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  DEFAULT_WEBHOOK_PATH,
  parseDotenv,
  readBotConfig
};
