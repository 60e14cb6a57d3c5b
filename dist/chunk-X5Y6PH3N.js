import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  BaselineUnusable,
  baselineNotes,
  countRegressions,
  fileBaseline,
  findBaseline,
  renderOutcome,
  runGate,
  sameCommit
} from "./chunk-NAHKE4ZE.js";
import "./chunk-332Z2HAY.js";
import "./chunk-EBNW32Z5.js";
import "./chunk-Q32DXZYA.js";
import "./chunk-O7S7L57Z.js";
import "./chunk-WT7RLXXX.js";
import "./chunk-5UDJ5SI4.js";
import "./chunk-VS5LPRP2.js";
import "./chunk-CL2ADZST.js";
import "./chunk-2FAS46QG.js";
import "./chunk-6KJEBQAK.js";
import "./chunk-SXAORDUR.js";
import "./chunk-KSATUSI5.js";
import "./chunk-R7VUTDUK.js";
import "./chunk-3Q6HRQ5E.js";
import "./chunk-L4A26YP5.js";
import "./chunk-X7IXOYGA.js";
import "./chunk-PQEN5O2V.js";
import "./chunk-GTK7TP36.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  BaselineUnusable,
  baselineNotes,
  countRegressions,
  fileBaseline,
  findBaseline,
  renderOutcome,
  runGate,
  sameCommit
};
