import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  UsageError
} from "./chunk-3P3OTKBG.js";

// src/bot/config.ts
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
var DEFAULT_PORT = 3e3;
var DEFAULT_WEBHOOK_PATH = "/api/github/webhooks";
var DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;
function parseDotenv(text) {
  const out = {};
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    let v = m[2];
    const q = v[0];
    if (q === '"' || q === "'") {
      let body = v.slice(1);
      while (!body.trimEnd().endsWith(q) && i + 1 < lines.length) body += "\n" + lines[++i];
      v = body.trimEnd().slice(0, -1);
      if (q === '"') v = v.replace(/\\n/g, "\n");
    } else {
      v = v.replace(/\s+#.*$/, "").trim();
    }
    out[m[1]] = v;
  }
  return out;
}
function readDotenv(path) {
  try {
    return parseDotenv(readFileSync(path, "utf8"));
  } catch (e) {
    if (e.code === "ENOENT") return {};
    throw new UsageError(`${path}: cannot read the .env file (${e.code ?? "error"})`);
  }
}
function checkPrivateKey(raw, origin) {
  const pem = raw.includes("\\n") && !raw.includes("\n") ? raw.replace(/\\n/g, "\n") : raw;
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem))
    throw new UsageError(
      `${origin}: expected a PEM private key (-----BEGIN RSA PRIVATE KEY-----), as downloaded from the App's settings`
    );
  try {
    createPrivateKey(pem);
  } catch {
    throw new UsageError(`${origin}: the private key is malformed (cannot be parsed as a PEM RSA key)`);
  }
  return pem.trim() + "\n";
}
function readBotConfig(env = process.env, dotenvPath = ".env") {
  const file = readDotenv(dotenvPath);
  const get = (k) => {
    const v = env[k] ?? file[k];
    return v === void 0 || v.trim() === "" ? void 0 : v;
  };
  const appId = get("APP_ID");
  if (!appId) throw new UsageError("APP_ID is not set: the GitHub App id, from the App settings page");
  if (!/^\d+$/.test(appId.trim())) throw new UsageError("APP_ID: expected the numeric App id");
  let privateKey;
  const keyPath = get("PRIVATE_KEY_PATH");
  const inline = get("PRIVATE_KEY");
  if (inline) privateKey = checkPrivateKey(inline, "PRIVATE_KEY");
  else if (keyPath) {
    let text;
    try {
      text = readFileSync(keyPath, "utf8");
    } catch (e) {
      throw new UsageError(
        `PRIVATE_KEY_PATH ${keyPath}: cannot read the key file (${e.code ?? "error"})`
      );
    }
    privateKey = checkPrivateKey(text, `PRIVATE_KEY_PATH ${keyPath}`);
  } else throw new UsageError("PRIVATE_KEY or PRIVATE_KEY_PATH is not set: the App private key (.pem)");
  const webhookSecret = get("WEBHOOK_SECRET");
  if (!webhookSecret) throw new UsageError("WEBHOOK_SECRET is not set: the webhook secret from the App settings");
  if (webhookSecret.length < 8)
    throw new UsageError("WEBHOOK_SECRET: too short (use at least 8 characters, ideally 32 random ones)");
  const portText = get("PORT") ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`PORT: expected a port number 0-65535, got ${JSON.stringify(portText.slice(0, 20))}`);
  const webhookPath = get("WEBHOOK_PATH") ?? DEFAULT_WEBHOOK_PATH;
  if (!webhookPath.startsWith("/")) throw new UsageError("WEBHOOK_PATH: expected a path starting with /");
  const apiUrl = (get("GITHUB_API_URL") ?? "https://api.github.com").replace(/\/+$/, "");
  if (!/^https?:\/\/\S+$/.test(apiUrl)) throw new UsageError("GITHUB_API_URL: expected an http(s) URL");
  const maxText = get("MODELGATE_MAX_BODY_BYTES");
  const maxBodyBytes = maxText ? Number(maxText) : DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024)
    throw new UsageError("MODELGATE_MAX_BODY_BYTES: expected a whole number of bytes, at least 1024");
  return {
    appId: appId.trim(),
    privateKey,
    webhookSecret,
    port,
    host: get("HOST") ?? "0.0.0.0",
    webhookPath,
    apiUrl,
    maxBodyBytes
  };
}

export {
  DEFAULT_PORT,
  DEFAULT_WEBHOOK_PATH,
  DEFAULT_MAX_BODY_BYTES,
  parseDotenv,
  readBotConfig
};
