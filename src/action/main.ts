// Entry point of the GitHub Action (bundled to dist/index.js). Bad input: one line, exit 2;
// a failing verdict: exit 1; our own bug: a short line and exit 3 (stack with MODELGATE_DEBUG).
import * as core from '@actions/core';
import { escapeMarkdown } from '../core/render/escape.js';
import { describeError } from '../exit.js';
import { run } from './run.js';

/** The job summary says why there is no report (the message may quote file contents: escaped). */
async function summarizeError(message: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const first = message.split('\n')[0];
  await core.summary.addRaw(`### ❌ modelgate could not run\n\n${escapeMarkdown(first)}\n`, true).write();
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  async (e: unknown) => {
    const { message, exitCode } = describeError(e);
    core.setFailed(message);
    process.exitCode = exitCode;
    await summarizeError(message).catch(() => {});
  },
);
