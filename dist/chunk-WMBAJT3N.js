import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  mergeReports
} from "./chunk-G4HRFEYZ.js";
import "./chunk-J5VWRRYV.js";
import "./chunk-TAFURD4R.js";
import "./chunk-MZZK3S5Y.js";
import "./chunk-J4X2SOEV.js";
import "./chunk-EBNW32Z5.js";
import "./chunk-M45UEB76.js";
import "./chunk-3OU5VDQP.js";
import "./chunk-KSATUSI5.js";
import "./chunk-3Q6HRQ5E.js";
import "./chunk-L4A26YP5.js";
import "./chunk-DJFYPNLO.js";
import "./chunk-CPKG6EV3.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  mergeReports
};
