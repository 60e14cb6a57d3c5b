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
} from "./chunk-G5FAFBQ3.js";
import "./chunk-XONET5W3.js";
import "./chunk-TKE6BTUR.js";
import "./chunk-NSI3WKIV.js";
import "./chunk-FWCFBI7P.js";
import "./chunk-BBPWFJEG.js";
import "./chunk-GTK7TP36.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  COMMENT_MAX_LENGTH,
  SUMMARY_MAX_BYTES,
  renderComment,
  renderSummary
};
