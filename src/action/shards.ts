// `merge-artifacts`: the final job of a sharded evaluation. The shard jobs of this run uploaded
// their partial reports as artifacts; the ones whose name matches the pattern are downloaded
// through the REST API (artifacts are listed as soon as they are uploaded), every report in
// them is read and validated, and the shards are merged exactly (src/core/report/merge.ts
// checks that every shard 1..n is there once, on the same files).

import * as log from './log.js';
import { UsageError } from '../core/errors.js';
import { mergeReports } from '../core/report/merge.js';
import type { Report } from '../core/report/types.js';
import type { GitHubClient, Limits } from '../github/client.js';
import { downloadArtifactZip, listRunArtifacts, readZipTexts, type RepoRef } from '../github/artifacts.js';
import { parseReport } from '../io/report-file.js';
import { MAX_SHARDS } from '../core/shard.js';
import { VERSION } from '../version.js';

/** An artifact name pattern as upload/download-artifact take it: `*` any run of characters, `?` one. */
export function namePattern(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** Every .json file of the artifacts of run `runId` matching `pattern`, merged into one report. */
export async function mergeArtifactReports(
  gh: GitHubClient,
  r: RepoRef & { runId: number },
  pattern: string,
  cap?: Pick<Limits, 'maxPages'>,
): Promise<Report> {
  const re = namePattern(pattern);
  const artifacts = (await listRunArtifacts(gh, r, cap)).filter((a) => re.test(a.name));
  if (!artifacts.length)
    throw new UsageError(
      `merge-artifacts: no artifact of run ${r.runId} matches ${JSON.stringify(pattern)}; did the shard jobs upload their reports (actions/upload-artifact), and does this job list them in needs:?`,
    );
  if (artifacts.length > MAX_SHARDS)
    throw new UsageError(
      `merge-artifacts: ${artifacts.length} artifacts match ${JSON.stringify(pattern)}; at most ${MAX_SHARDS}`,
    );
  const parts: Report[] = [];
  const origins: string[] = [];
  for (const a of artifacts) {
    const origin = `artifact ${JSON.stringify(a.name)} (${a.id})`;
    const files = readZipTexts(
      await downloadArtifactZip(gh, { ...r, artifact: a }),
      (n) => n.endsWith('.json'),
      origin,
    );
    const names = Object.keys(files).sort();
    if (!names.length) throw new UsageError(`${origin}: holds no report (.json file)`);
    for (const name of names) {
      const where = `${origin}: ${name}`;
      parts.push(parseReport(files[name], where));
      origins.push(where);
    }
  }
  log.info(
    `merge-artifacts: ${parts.length} report${parts.length === 1 ? '' : 's'} from ${artifacts.length} artifact${artifacts.length === 1 ? '' : 's'} matching ${pattern}`,
  );
  return mergeReports(parts, origins, { createdAt: new Date().toISOString(), toolVersion: VERSION });
}
