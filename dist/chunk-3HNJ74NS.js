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
} from "./chunk-7FOS5AFQ.js";
import "./chunk-DLVQ77BS.js";
import "./chunk-EBNW32Z5.js";
import "./chunk-HZ3CMA2V.js";
import "./chunk-PSMBL6PC.js";
import "./chunk-SEYWQ3W6.js";
import "./chunk-NSI3WKIV.js";
import "./chunk-FWCFBI7P.js";
import "./chunk-TIILD5AX.js";
import "./chunk-N7QSHOCQ.js";
import "./chunk-K6TWYCXK.js";
import "./chunk-SXAORDUR.js";
import "./chunk-KSATUSI5.js";
import "./chunk-R7VUTDUK.js";
import "./chunk-3Q6HRQ5E.js";
import "./chunk-L4A26YP5.js";
import "./chunk-LWQ3BHS4.js";
import "./chunk-GSFM3DTE.js";
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
