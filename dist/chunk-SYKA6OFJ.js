import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  compareReports,
  compareWithSource
} from "./chunk-DLVQ77BS.js";
import "./chunk-SEYWQ3W6.js";
import "./chunk-FWCFBI7P.js";
import "./chunk-K6TWYCXK.js";
import "./chunk-LWQ3BHS4.js";
import "./chunk-GSFM3DTE.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  compareReports,
  compareWithSource
};
