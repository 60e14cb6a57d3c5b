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
} from "./chunk-5QWT4PFO.js";
import "./chunk-YZJKLKGA.js";
import "./chunk-ZYTMHISL.js";
import "./chunk-OXRPORU3.js";
import "./chunk-MZAYYHD3.js";
import "./chunk-2FPBPD7G.js";
import "./chunk-4L747AVC.js";
import "./chunk-EBNW32Z5.js";
import "./chunk-5LKRRUDW.js";
import "./chunk-OUZE3YSM.js";
import "./chunk-EJTT2LPH.js";
import "./chunk-NSI3WKIV.js";
import "./chunk-FWCFBI7P.js";
import "./chunk-JB3PQONY.js";
import "./chunk-M45UEB76.js";
import "./chunk-3OU5VDQP.js";
import "./chunk-SXAORDUR.js";
import "./chunk-KSATUSI5.js";
import "./chunk-R7VUTDUK.js";
import "./chunk-3Q6HRQ5E.js";
import "./chunk-L4A26YP5.js";
import "./chunk-DJFYPNLO.js";
import "./chunk-CPKG6EV3.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  HANDLED_EVENTS,
  consoleLog,
  createBot,
  startBot
};
