import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  compareReports,
  compareWithSource
} from "./chunk-CJL43KB2.js";
import "./chunk-HCSBZIJN.js";
import "./chunk-SJ5GYMPW.js";
import "./chunk-GVEIAIM2.js";
import "./chunk-GODDRDQM.js";
import "./chunk-FWCFBI7P.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  compareReports,
  compareWithSource
};
