// The bot's settings, named the way GitHub App developers know them from Probot: APP_ID,
// PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, WEBHOOK_PATH, GITHUB_API_URL. Read from
// the environment, then a .env file for what the environment lacks. Every problem is one line
// (a UsageError: exit 2) that names the setting and never echoes a secret.

import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

export interface BotConfig {
  appId: string;
  privateKey: string;
  webhookSecret: string;
  port: number;
  host: string;
  webhookPath: string;
  apiUrl: string;
  /** Deliveries larger than this are refused with 413 (GitHub caps payloads at 25 MB). */
  maxBodyBytes: number;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';
export const DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;

/** KEY=VALUE lines; `#` comments; single or double quotes; `\n` in double quotes is a newline. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    let v = m[2];
    const q = v[0];
    if (q === '"' || q === "'") {
      // A quoted value may span lines (a PEM key pasted as is).
      let body = v.slice(1);
      while (!body.trimEnd().endsWith(q) && i + 1 < lines.length) body += '\n' + lines[++i];
      v = body.trimEnd().slice(0, -1);
      if (q === '"') v = v.replace(/\\n/g, '\n');
    } else {
      v = v.replace(/\s+#.*$/, '').trim();
    }
    out[m[1]] = v;
  }
  return out;
}

function readDotenv(path: string): Record<string, string> {
  try {
    return parseDotenv(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`${path}: cannot read the .env file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** A PEM private key; `\n` written literally (one-line environment values) becomes a newline. */
function checkPrivateKey(raw: string, origin: string): string {
  const pem = raw.includes('\\n') && !raw.includes('\n') ? raw.replace(/\\n/g, '\n') : raw;
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem))
    throw new UsageError(
      `${origin}: expected a PEM private key (-----BEGIN RSA PRIVATE KEY-----), as downloaded from the App's settings`,
    );
  try {
    createPrivateKey(pem);
  } catch {
    throw new UsageError(`${origin}: the private key is malformed (cannot be parsed as a PEM RSA key)`);
  }
  return pem.trim() + '\n';
}

export function readBotConfig(env: NodeJS.ProcessEnv = process.env, dotenvPath = '.env'): BotConfig {
  const file = readDotenv(dotenvPath);
  const get = (k: string) => {
    const v = env[k] ?? file[k];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const appId = get('APP_ID');
  if (!appId) throw new UsageError('APP_ID is not set: the GitHub App id, from the App settings page');
  if (!/^\d+$/.test(appId.trim())) throw new UsageError('APP_ID: expected the numeric App id');

  let privateKey: string;
  const keyPath = get('PRIVATE_KEY_PATH');
  const inline = get('PRIVATE_KEY');
  if (inline) privateKey = checkPrivateKey(inline, 'PRIVATE_KEY');
  else if (keyPath) {
    let text: string;
    try {
      text = readFileSync(keyPath, 'utf8');
    } catch (e) {
      throw new UsageError(
        `PRIVATE_KEY_PATH ${keyPath}: cannot read the key file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    privateKey = checkPrivateKey(text, `PRIVATE_KEY_PATH ${keyPath}`);
  } else throw new UsageError('PRIVATE_KEY or PRIVATE_KEY_PATH is not set: the App private key (.pem)');

  const webhookSecret = get('WEBHOOK_SECRET');
  if (!webhookSecret) throw new UsageError('WEBHOOK_SECRET is not set: the webhook secret from the App settings');
  if (webhookSecret.length < 8)
    throw new UsageError('WEBHOOK_SECRET: too short (use at least 8 characters, ideally 32 random ones)');

  const portText = get('PORT') ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`PORT: expected a port number 0-65535, got ${JSON.stringify(portText.slice(0, 20))}`);
  const webhookPath = get('WEBHOOK_PATH') ?? DEFAULT_WEBHOOK_PATH;
  if (!webhookPath.startsWith('/')) throw new UsageError('WEBHOOK_PATH: expected a path starting with /');
  const apiUrl = (get('GITHUB_API_URL') ?? 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(apiUrl)) throw new UsageError('GITHUB_API_URL: expected an http(s) URL');
  const maxText = get('MODELGATE_MAX_BODY_BYTES');
  const maxBodyBytes = maxText ? Number(maxText) : DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024)
    throw new UsageError('MODELGATE_MAX_BODY_BYTES: expected a whole number of bytes, at least 1024');
  return {
    appId: appId.trim(),
    privateKey,
    webhookSecret,
    port,
    host: get('HOST') ?? '0.0.0.0',
    webhookPath,
    apiUrl,
    maxBodyBytes,
  };
}
