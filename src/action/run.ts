// The action door: the first log line at once, then the steps (./steps.ts), loaded only then:
// YAML, the readers, the report schema and octokit take longer to load than the rest of start-up
// (issue 14).

import * as core from '@actions/core';
import type { RunDeps } from './steps.js';

export type { RunDeps } from './steps.js';

export async function run(env: NodeJS.ProcessEnv = process.env, deps: RunDeps = {}): Promise<number> {
  const { steps, p } = await core.group('modelgate: inputs', async () => {
    const steps = await import('./steps.js');
    return { steps, p: await steps.prepare(env) };
  });
  return steps.runPrepared(p, env, deps);
}
