// The action's run(), as GitHub's action template and @github/local-action expect it: a module
// exporting `run()` that never rejects and reports failure through core.setFailed. Bad input:
// one line, exit 2; a failing verdict: exit 1; our own bug: a short line and exit 3 (stack with
// MODELGATE_DEBUG). src/action/index.ts calls it in the bundle (dist/index.js).
import * as core from '@actions/core';
import { escapeMarkdown } from '../core/render/escape.js';
import { describeError, EXIT_OK } from '../exit.js';
import { run as runGate } from './run.js';

/** The job summary says why there is no report (the message may quote file contents: escaped). */
async function summarizeError(message: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const first = message.split('\n')[0];
  await core.summary.addRaw(`### ❌ modelgate could not run\n\n${escapeMarkdown(first)}\n`, true).write();
}

export async function run(): Promise<void> {
  try {
    // A fail verdict has already gone through core.setFailed (exit code 1).
    const code = await runGate();
    if (code !== EXIT_OK) process.exitCode = code;
  } catch (e) {
    const { message, exitCode } = describeError(e);
    core.setFailed(message);
    process.exitCode = exitCode;
    await summarizeError(message).catch(() => {});
  }
}
