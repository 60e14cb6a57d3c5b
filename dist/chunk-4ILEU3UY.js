import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  HANDLED_EVENTS,
  consoleLog,
  createBot,
  startBot
} from "./chunk-5Q2OBS5G.js";
import "./chunk-O5UNUYFR.js";
import "./chunk-YOEFWKSD.js";
import "./chunk-4NASNEL3.js";
import "./chunk-MINOWJJC.js";
import "./chunk-LFPV36KP.js";
import "./chunk-2FPBPD7G.js";
import "./chunk-NSI3WKIV.js";
import "./chunk-4L747AVC.js";
import "./chunk-EBNW32Z5.js";
import "./chunk-DWNBX4J7.js";
import "./chunk-YESQFMRI.js";
import "./chunk-SXAORDUR.js";
import "./chunk-KSATUSI5.js";
import "./chunk-R7VUTDUK.js";
import "./chunk-3Q6HRQ5E.js";
import "./chunk-L4A26YP5.js";
import "./chunk-CJL43KB2.js";
import "./chunk-HCSBZIJN.js";
import "./chunk-SJ5GYMPW.js";
import "./chunk-GVEIAIM2.js";
import "./chunk-GODDRDQM.js";
import "./chunk-FWCFBI7P.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  HANDLED_EVENTS,
  consoleLog,
  createBot,
  startBot
};
