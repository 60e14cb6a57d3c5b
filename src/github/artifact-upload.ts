// Uploads one file as a workflow artifact of the current run, through @actions/artifact (the
// artifact service of GitHub Actions, found from ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL).
// Kept apart from ./artifacts.ts so that only the doors that upload bundle the storage SDK.

import { DefaultArtifactClient } from '@actions/artifact';
import { basename, dirname, resolve } from 'node:path';

export interface UploadedArtifact {
  id?: number;
  size?: number;
}

/** Artifact names may not hold these (the artifact service refuses them). */
const BAD_NAME = /["':<>|*?\r\n\\/]/;

/**
 * Uploads `path` as artifact `name` (a zip holding the file under its own name), kept for
 * `retentionDays` (capped by the repository's own setting, which applies when undefined). Throws a one-line Error on failure:
 * no runtime token (not on Actions), GitHub Enterprise Server, or a refused upload.
 */
export async function uploadFileArtifact(
  name: string,
  path: string,
  retentionDays: number | undefined,
): Promise<UploadedArtifact> {
  if (BAD_NAME.test(name)) throw new Error(`artifact name ${JSON.stringify(name)} holds a character GitHub refuses`);
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL)
    throw new Error('ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL are not set (not running on GitHub Actions?)');
  const full = resolve(path);
  try {
    const r = await new DefaultArtifactClient().uploadArtifact(
      name,
      [full],
      dirname(full),
      retentionDays ? { retentionDays } : {},
    );
    return { id: r.id, size: r.size };
  } catch (e) {
    const msg = (e as Error).message?.split('\n')[0] ?? String(e);
    throw new Error(`uploading ${basename(path)} as artifact ${name} failed: ${msg.slice(0, 300)}`);
  }
}
