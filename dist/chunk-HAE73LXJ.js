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
} from "./chunk-MDAYAEA2.js";
import "./chunk-OGVY2XVP.js";
import "./chunk-GEMSN6WV.js";
import "./chunk-FOD7OYUF.js";
import "./chunk-MZAYYHD3.js";
import "./chunk-2FPBPD7G.js";
import "./chunk-4L747AVC.js";
import "./chunk-EBNW32Z5.js";
import "./chunk-G5FAFBQ3.js";
import "./chunk-XONET5W3.js";
import "./chunk-TKE6BTUR.js";
import "./chunk-NSI3WKIV.js";
import "./chunk-FWCFBI7P.js";
import "./chunk-LM5ZAJPN.js";
import "./chunk-3OK3JPGP.js";
import "./chunk-54YDZBCY.js";
import "./chunk-SXAORDUR.js";
import "./chunk-KSATUSI5.js";
import "./chunk-R7VUTDUK.js";
import "./chunk-3Q6HRQ5E.js";
import "./chunk-L4A26YP5.js";
import "./chunk-BBPWFJEG.js";
import "./chunk-GTK7TP36.js";
import "./chunk-XOJ76HHD.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";
export {
  HANDLED_EVENTS,
  consoleLog,
  createBot,
  startBot
};
