// A baseline report committed in the repository, read at a given commit (the PR's base) through
// the contents API: no deep checkout needed, and never "whatever ran last".

import { UsageError } from '../core/errors.js';
import { parseReport } from '../io/report-file.js';
import type { BaselineSource } from '../pipeline/gate.js';
import type { GitHubClient } from './client.js';
import { readRepoFile } from './contents.js';
import { GitHubCallError } from './errors.js';

export function refBaseline(
  gh: GitHubClient,
  p: { owner: string; repo: string; path: string; ref: string },
): BaselineSource {
  const where = `${p.path} at ${p.ref.slice(0, 12)}`;
  return {
    describe: () => `${p.path} committed at ${p.ref.slice(0, 12)} (contents API)`,
    async load() {
      let file;
      try {
        file = await readRepoFile(gh, p);
      } catch (e) {
        // A refused or failing read must not pass as "no baseline": that would wave regressions through.
        if (e instanceof GitHubCallError) throw new UsageError(`baseline-ref-path: ${e.message}`);
        throw e;
      }
      if (!file) return null;
      const report = parseReport(file.text, where);
      return { report, commit: p.ref, source: `ref:${p.ref}:${p.path}` };
    },
  };
}
