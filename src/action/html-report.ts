// The action's HTML report: rendered from the comparison, written next to the head report and
// uploaded as an artifact of the run, so the PR comment and the job summary can link to it.
// The upload goes through `UploadFile` (src/github/artifact-upload.ts on a runner), so tests
// and other doors can pass their own.

import * as log from './log.js';
import type { Comparison } from '../core/compare/types.js';
import { renderHtmlReport } from '../core/render/html/index.js';
import type { Report } from '../core/report/types.js';
import { writeOutputs } from '../io/output-file.js';
import { channel } from './publish.js';

/** Uploads one file as an artifact of this run; throws a one-line Error when it cannot. */
export type UploadFile = (name: string, path: string, retentionDays: number) => Promise<{ id?: number }>;

/** Days the artifact is kept (the repository's own setting caps it): long enough for a review. */
export const HTML_REPORT_RETENTION_DAYS = 30;

/** GitHub's page for one artifact of the run: `<run url>/artifacts/<id>`. */
export function artifactUrl(runUrl: string | undefined, id: number | undefined): string | undefined {
  if (!runUrl || id === undefined || !Number.isSafeInteger(id) || id <= 0) return undefined;
  return `${runUrl}/artifacts/${id}`;
}

export interface HtmlReportJob {
  comparison: Comparison;
  head: Report;
  path: string;
  /** Artifact name; also what the log calls it. */
  artifact: string;
  runUrl?: string;
  /** Files the report must not overwrite (the inputs). */
  inputs: readonly string[];
  upload: UploadFile;
}

/**
 * Writes the report and uploads it: whether it was written, and the artifact's URL when there is
 * one (a failure is one warning; off a runner the upload is skipped with a note).
 */
export async function publishHtmlReport(job: HtmlReportJob): Promise<{ written: boolean; url?: string }> {
  const html = renderHtmlReport({ comparison: job.comparison, head: job.head });
  const written = await channel(`writing the HTML report to ${job.path}`, () =>
    writeOutputs([{ path: job.path, text: html }], job.inputs).then(() => true),
  );
  if (!written) return { written: false };
  log.info(`HTML report written to ${job.path}`);
  if (!process.env.ACTIONS_RUNTIME_TOKEN) {
    log.info('not on a GitHub Actions runner (no ACTIONS_RUNTIME_TOKEN): the HTML report was not uploaded');
    return { written: true };
  }
  const uploaded = await channel(`uploading the HTML report as artifact ${job.artifact}`, () =>
    job.upload(job.artifact, job.path, HTML_REPORT_RETENTION_DAYS),
  );
  if (!uploaded) return { written: true };
  const url = artifactUrl(job.runUrl, uploaded.id);
  log.info(`HTML report uploaded as artifact ${job.artifact}${url ? `: ${url}` : ''}`);
  return { written: true, url };
}
