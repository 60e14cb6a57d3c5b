// Runs the BUILT action (src/ bundled like dist/index.js) as a child process the way a runner does: INPUT_* env
// vars (upper-cased, hyphens kept), GITHUB_* context, an event payload file, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files. Payloads are real ones from @octokit/webhooks-examples, adapted.

import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEntry } from './bundle.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let built: Promise<string> | null = null;

/** What scripts/build.mjs puts next to the action bundle, minus the CLI. */
async function bundleAction(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-dist-'));
  await bundleEntry(join(ROOT, 'src/action/index.ts'), join(dir, 'index.js'));
  await bundleEntry(join(ROOT, 'src/model/worker.ts'), join(dir, 'model-worker.js'));
  for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'])
    copyFileSync(join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist', f), join(dir, f));
  return join(dir, 'index.js');
}

/**
 * The action bundled from src/ into a private temp folder (never the committed dist/), once per
 * test file. Returns the entry path.
 */
export function buildAction(): Promise<string> {
  built ??= bundleAction();
  return built;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const require = createRequire(import.meta.url);
const examples: { name: string; examples: Json[] }[] = require('@octokit/webhooks-examples');

/** A deep copy of a real webhook payload: `pull_request` + action, or `push` to a branch. */
export function realPayload(event: 'pull_request' | 'push', action?: string): Json {
  const group = examples.find((e) => e.name === event);
  const ex = group?.examples.find((x) =>
    event === 'push' ? String(x.ref).startsWith('refs/heads/') : x.action === action,
  );
  if (!ex) throw new Error(`no ${event} ${action ?? ''} example in @octokit/webhooks-examples`);
  return JSON.parse(JSON.stringify(ex));
}

export interface PrPayloadOptions {
  action?: 'opened' | 'synchronize';
  number?: number;
  headSha?: string;
  baseSha?: string;
  /** Makes the head repository a fork (another owner). */
  fork?: boolean;
}

/** A pull_request payload for repository `owner/repo`, adapted from the real example. */
export function prPayload(repo: string, o: PrPayloadOptions = {}): Json {
  const p = realPayload('pull_request', o.action ?? 'opened');
  const [owner, name] = repo.split('/');
  const setRepo = (r: Json, full: string) => {
    const [ow, nm] = full.split('/');
    r.full_name = full;
    r.name = nm;
    r.owner.login = ow;
  };
  setRepo(p.repository, repo);
  setRepo(p.pull_request.base.repo, repo);
  setRepo(p.pull_request.head.repo, o.fork ? `contributor/${name}` : repo);
  if (o.fork) p.pull_request.head.repo.fork = true;
  p.number = p.pull_request.number = o.number ?? p.number;
  if (o.headSha) p.pull_request.head.sha = o.headSha;
  if (o.baseSha) p.pull_request.base.sha = o.baseSha;
  void owner;
  return p;
}

export function pushPayload(repo: string, o: { before?: string; after?: string } = {}): Json {
  const p = realPayload('push');
  const [owner, name] = repo.split('/');
  p.repository.full_name = repo;
  p.repository.name = name;
  p.repository.owner.login = owner;
  p.repository.owner.name = owner;
  if (o.before) p.before = o.before;
  if (o.after) p.after = o.after;
  return p;
}

export interface RunOptions {
  /** Working directory (GITHUB_WORKSPACE): relative paths in inputs are relative to it. */
  cwd: string;
  apiUrl: string;
  eventName: 'pull_request' | 'push' | 'workflow_run';
  payload: Json;
  inputs: Record<string, string>;
  repo?: string;
  job?: string;
  env?: Record<string, string>;
  /** The script node runs; default the action bundle. */
  entry?: string;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses GITHUB_OUTPUT (`name<<delim\nvalue\ndelim`); a later value of a name wins, as on a runner. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const val: string[] = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) val.push(lines[i]);
      out[m[1]] = val.join('\n');
    } else if (lines[i].includes('=')) {
      const eq = lines[i].indexOf('=');
      out[lines[i].slice(0, eq)] = lines[i].slice(eq + 1);
    }
  }
  return out;
}

let runCount = 0;

export async function runAction(o: RunOptions): Promise<RunResult> {
  const entry = o.entry ?? (await buildAction());
  const dir = mkdtempSync(join(tmpdir(), `modelgate-run-${++runCount}-`));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output.txt');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(o.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const repo = o.repo ?? o.payload.repository.full_name;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: o.cwd,
    GITHUB_REPOSITORY: repo,
    GITHUB_EVENT_NAME: o.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: o.eventName === 'push' ? o.payload.after : 'abcabcabcabcabcabcabcabcabcabcabcabcabca',
    GITHUB_JOB: o.job ?? 'model',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: o.apiUrl,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: dir,
    MODELGATE_RETRY_BASE_MS: '1',
    // What `with:` turns into: INPUT_ + upper case, spaces to '_', hyphens kept. Defaults as in action.yml.
    'INPUT_GITHUB-TOKEN': 'ghs_fakeToken123',
    INPUT_CONFIG: '.modelgate.yml',
    'INPUT_COMMENT-MODE': 'update',
    'INPUT_COMMENT-SKIP-UNCHANGED': 'true',
    'INPUT_COMMIT-STATUS': 'true',
    INPUT_BASELINE: 'report',
    ...o.env,
  };
  for (const [k, v] of Object.entries(o.inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const child = spawn(process.execPath, [entry], { cwd: o.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
    summary: readFileSync(summaryPath, 'utf8'),
  };
}
