import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  checkSplitNames,
  evaluatePredictionFiles
} from "./chunk-FZG3F34S.js";
import "./chunk-23XBZCLM.js";
import "./chunk-E2WPSSV3.js";
import "./chunk-J5VWRRYV.js";
import "./chunk-R5665HUH.js";
import "./chunk-EBNW32Z5.js";
import "./chunk-LIN75FJA.js";
import "./chunk-R7VUTDUK.js";
import "./chunk-4EHSR7VS.js";
import "./chunk-GVEIAIM2.js";
import "./chunk-GODDRDQM.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  checkSplitNames,
  evaluatePredictionFiles
};
