// Start-up settings: Probot's names, environment or .env, one clear line (exit 2) for a missing
// or malformed key or secret, and the bundled bot (dist/bot.js) stopping gracefully on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readBotConfig, parseDotenv } from '../../src/bot/config.js';
import { appKeyPair, deliver, commentPayload } from '../helpers/fake-github-app.js';
import { bundleEntry } from '../helpers/bundle.js';

let keys: ReturnType<typeof appKeyPair>;
let dir: string;
beforeAll(() => {
  keys = appKeyPair();
  dir = mkdtempSync(join(tmpdir(), 'modelgate-bot-config-'));
});
const SECRET = 'a-long-enough-secret';
const noDotenv = () => join(dir, 'absent.env');
const err = (env: NodeJS.ProcessEnv, dotenv = noDotenv()) => {
  try {
    readBotConfig(env, dotenv);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('readBotConfig', () => {
  it('reads the environment with the Probot defaults', () => {
    const c = readBotConfig({ APP_ID: '12', PRIVATE_KEY: keys.privateKey, WEBHOOK_SECRET: SECRET }, noDotenv());
    expect(c).toMatchObject({
      appId: '12',
      port: 3000,
      webhookPath: '/api/github/webhooks',
      apiUrl: 'https://api.github.com',
    });
  });

  it('takes a one-line key with literal \\n, a key file, and a .env file', () => {
    const oneLine = keys.privateKey.trim().replace(/\n/g, '\\n');
    expect(readBotConfig({ APP_ID: '1', PRIVATE_KEY: oneLine, WEBHOOK_SECRET: SECRET }, noDotenv()).privateKey).toBe(
      keys.privateKey,
    );
    const keyPath = join(dir, 'app.pem');
    writeFileSync(keyPath, keys.privateKey);
    const envPath = join(dir, '.env');
    writeFileSync(
      envPath,
      `# app\nAPP_ID=77\nPRIVATE_KEY_PATH=${keyPath}\nWEBHOOK_SECRET="${SECRET}"\nPORT=8080 # local\nGITHUB_API_URL=https://ghe.example.com/api/v3/\n`,
    );
    const c = readBotConfig({ PORT: '9090' }, envPath);
    // The environment wins over the file.
    expect(c).toMatchObject({
      appId: '77',
      port: 9090,
      webhookSecret: SECRET,
      apiUrl: 'https://ghe.example.com/api/v3',
    });
    expect(c.privateKey).toBe(keys.privateKey);
  });

  it('parses a multi-line quoted key in .env', () => {
    expect(parseDotenv(`PRIVATE_KEY="${keys.privateKey}"\nX=1`).PRIVATE_KEY.trim()).toBe(keys.privateKey.trim());
  });

  it('names what is missing or malformed, in one line, without echoing secrets', () => {
    const base = { APP_ID: '12', PRIVATE_KEY: keys.privateKey, WEBHOOK_SECRET: SECRET };
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ ...base, APP_ID: undefined }, /^APP_ID is not set/],
      [{ ...base, APP_ID: 'my-app' }, /^APP_ID: expected the numeric App id/],
      [{ ...base, PRIVATE_KEY: undefined }, /^PRIVATE_KEY or PRIVATE_KEY_PATH is not set/],
      [{ ...base, PRIVATE_KEY: 'hunter2-not-a-key' }, /^PRIVATE_KEY: expected a PEM private key/],
      [
        { ...base, PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----' },
        /^PRIVATE_KEY: the private key is malformed/,
      ],
      [
        { ...base, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: join(dir, 'nope.pem') },
        /^PRIVATE_KEY_PATH .*nope\.pem: cannot read the key file \(ENOENT\)/,
      ],
      [{ ...base, WEBHOOK_SECRET: undefined }, /^WEBHOOK_SECRET is not set/],
      [{ ...base, WEBHOOK_SECRET: 'short' }, /^WEBHOOK_SECRET: too short/],
      [{ ...base, PORT: 'eighty' }, /^PORT: expected a port number/],
    ];
    for (const [env, re] of cases) {
      const m = err(env);
      expect(m).toMatch(re);
      expect(m).not.toContain('\n');
      expect(m).not.toContain('hunter2');
    }
  });
});

function runBundle(entry: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [entry], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { child, done, out: () => stdout, err: () => stderr };
}

describe('the bundled bot (dist/bot.js)', () => {
  let entry: string;
  beforeAll(async () => {
    entry = await bundleEntry('src/bot/main.ts', join(dir, 'bot.js'));
  }, 120_000);

  it('exits 2 with one line for a malformed key', async () => {
    const r = runBundle(entry, { APP_ID: '1', PRIVATE_KEY: 'secret-garbage', WEBHOOK_SECRET: SECRET });
    expect(await r.done).toBe(2);
    expect(r.err()).toMatch(/^error: PRIVATE_KEY: expected a PEM private key[^\n]*\n$/);
    expect(r.err() + r.out()).not.toContain('secret-garbage');
  });

  it('serves /healthz and stops gracefully on SIGTERM, finishing what is in flight', async () => {
    const r = runBundle(entry, {
      APP_ID: '1',
      PRIVATE_KEY: keys.privateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      GITHUB_API_URL: 'http://127.0.0.1:9',
      MODELGATE_RETRY_BASE_MS: '1',
    });
    let port = 0;
    for (let i = 0; i < 100 && !port; i++) {
      port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(r.out())?.[1] ?? 0);
      if (!port) await new Promise((res) => setTimeout(res, 100));
    }
    expect(port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // A delivery whose processing fails (no GitHub at that address): still acknowledged.
    const d = await deliver(
      `http://127.0.0.1:${port}/api/github/webhooks`,
      'issue_comment',
      commentPayload('o/r', 1, '/modelgate help', { login: 'x', id: 1, type: 'User' }),
      { secret: SECRET },
    );
    expect(d.status).toBe(202);
    r.child.kill('SIGTERM');
    expect(await r.done).toBe(0);
    expect(r.out()).toMatch(/SIGTERM: finishing \d delivery\(ies\) in flight/);
    expect(r.out()).toMatch(/stopped\n$/);
    expect(r.out() + r.err()).not.toContain(SECRET);
    expect(r.out() + r.err()).not.toContain('PRIVATE KEY');
  }, 60_000);
});
