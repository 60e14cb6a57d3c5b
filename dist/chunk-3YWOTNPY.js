import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  compareReports,
  compareWithSource
} from "./chunk-FOD7OYUF.js";
import "./chunk-TKE6BTUR.js";
import "./chunk-FWCFBI7P.js";
import "./chunk-54YDZBCY.js";
import "./chunk-BBPWFJEG.js";
import "./chunk-GTK7TP36.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  compareReports,
  compareWithSource
};
