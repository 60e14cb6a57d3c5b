import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  COMMENT_MAX_LENGTH,
  SUMMARY_MAX_BYTES,
  renderComment,
  renderSummary
} from "./chunk-DIAPULNL.js";
import "./chunk-QROKTEVK.js";
import "./chunk-L3YDZWQK.js";
import "./chunk-5UDJ5SI4.js";
import "./chunk-SDVFDVTO.js";
import "./chunk-TTVUQ5IT.js";
import "./chunk-PQEN5O2V.js";
import "./chunk-GTK7TP36.js";
import "./chunk-TEFQHNLO.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  COMMENT_MAX_LENGTH,
  SUMMARY_MAX_BYTES,
  renderComment,
  renderSummary
};
