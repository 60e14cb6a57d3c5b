import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/model/backend.ts
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
var BACKEND_REQUESTS = ["auto", "tensorflow", "wasm", "cpu"];
var WASM_FILE = "tfjs-backend-wasm-simd.wasm";
function findWasmDir() {
  const candidates = [];
  if (process.env.MODELGATE_WASM_DIR) candidates.push(process.env.MODELGATE_WASM_DIR);
  try {
    candidates.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
  }
  try {
    const req = createRequire(import.meta.url);
    candidates.push(path.dirname(req.resolve("@tensorflow/tfjs-backend-wasm")));
  } catch {
  }
  candidates.push(path.resolve("node_modules/@tensorflow/tfjs-backend-wasm/dist"));
  for (const dir of candidates) if (existsSync(path.join(dir, WASM_FILE))) return dir + path.sep;
  return null;
}
var tfjsModules;
function importTfjs() {
  tfjsModules ??= (async () => {
    const tf = await import("./chunk-QH5OUZRU.js");
    const wasm = await import("./chunk-W43EIRAJ.js");
    const t = tf;
    const w = wasm;
    return {
      tf: typeof t.default?.tensor === "function" ? t.default : t,
      setWasmPaths: w.setWasmPaths ?? w.default?.setWasmPaths
    };
  })();
  return tfjsModules;
}
var wasmPathsSet = false;
var tfnode;
var tfnodeError = "";
async function importTfNode() {
  if (tfnode !== void 0) return tfnode;
  const name = "@tensorflow/tfjs-node";
  try {
    const mod = await import(name);
    tfnode = mod.default && typeof mod.default.tensor === "function" ? mod.default : mod;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    tfnodeError = /Cannot find (package|module)/.test(msg) ? "@tensorflow/tfjs-node is not installed" : `@tensorflow/tfjs-node failed to load: ${msg}`;
    tfnode = null;
  }
  return tfnode;
}
async function tryBackend(tf, name) {
  try {
    if (name === "wasm" && !wasmPathsSet) {
      const { setWasmPaths } = await importTfjs();
      const dir = findWasmDir();
      if (!dir) return "tfjs-backend-wasm-simd.wasm was found neither next to the program nor in node_modules";
      setWasmPaths(dir);
      wasmPathsSet = true;
    }
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') failed`;
    await tf.ready();
    if (name === "cpu") tf.backend().firstUse = false;
    return tf.getBackend() === name ? null : `backend is ${tf.getBackend()} after setBackend('${name}')`;
  } catch (e) {
    return e instanceof Error ? e.message.split("\n")[0] : String(e);
  }
}
async function selectBackend(request = "auto", log) {
  if (!BACKEND_REQUESTS.includes(request))
    throw new UsageError(`backend must be one of ${BACKEND_REQUESTS.join(", ")}, got ${JSON.stringify(request)}`);
  const order = request === "auto" ? ["tensorflow", "wasm", "cpu"] : [request];
  const skipped = [];
  for (const name of order) {
    let tf = (await importTfjs()).tf;
    let reason;
    if (name === "tensorflow") {
      const t = await importTfNode();
      if (!t) reason = tfnodeError;
      else {
        tf = t;
        reason = await tryBackend(tf, "tensorflow");
      }
    } else reason = await tryBackend(tf, name);
    if (reason === null) {
      const simd = name === "wasm" ? tf.env().getBool("WASM_HAS_SIMD_SUPPORT") ? " (SIMD)" : " (no SIMD)" : "";
      const why = `backend: ${name}${simd}` + (request === "auto" ? " (auto)" : " (requested)") + (skipped.length ? `; skipped ${skipped.map((s) => `${s.name}: ${s.reason}`).join("; ")}` : "");
      log?.(why);
      return { tf, name, why, skipped };
    }
    skipped.push({ name, reason });
  }
  const last = skipped[skipped.length - 1];
  throw new UsageError(`backend ${request} is not available: ${last.reason}`);
}

export {
  BACKEND_REQUESTS,
  selectBackend
};
