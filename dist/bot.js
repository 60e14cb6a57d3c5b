import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  readBotConfig
} from "./chunk-5P3WJWIY.js";
import {
  startBot
} from "./chunk-F5AVTDE5.js";
import "./chunk-KAV3YJTJ.js";
import "./chunk-B2NNX5WP.js";
import "./chunk-CQJEIHKA.js";
import "./chunk-5CPSZITO.js";
import "./chunk-FR4FU6ET.js";
import "./chunk-4L747AVC.js";
import "./chunk-D5XZYOBY.js";
import {
  describeError
} from "./chunk-5OTVHDUD.js";
import "./chunk-DIAPULNL.js";
import "./chunk-QROKTEVK.js";
import "./chunk-L3YDZWQK.js";
import "./chunk-5UDJ5SI4.js";
import "./chunk-SDVFDVTO.js";
import "./chunk-5EWAS5YQ.js";
import "./chunk-7YSFBFLQ.js";
import "./chunk-6H52OHPX.js";
import "./chunk-SXAORDUR.js";
import "./chunk-KSATUSI5.js";
import "./chunk-R7VUTDUK.js";
import "./chunk-3Q6HRQ5E.js";
import "./chunk-L4A26YP5.js";
import "./chunk-TTVUQ5IT.js";
import "./chunk-PQEN5O2V.js";
import "./chunk-GTK7TP36.js";
import "./chunk-TEFQHNLO.js";
import "./chunk-3P3OTKBG.js";
import "./chunk-WDHMFPCS.js";

// src/bot/main.ts
async function main() {
  await startBot(readBotConfig());
  return 0;
}
main().then(
  (code) => process.exitCode = code,
  (e) => {
    const { message, exitCode } = describeError(e);
    process.stderr.write(message + "\n");
    process.exitCode = exitCode;
  }
);
