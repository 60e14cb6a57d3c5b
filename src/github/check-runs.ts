// The verdict as a check run: a title, a summary and a text in the Checks tab, and per-class
// annotations. GitHub caps each text field at 65,535 characters and takes at most 50
// annotations per request: the first 50 go with the creation, the rest in updates.

import { truncateMiddle } from '../core/render/escape.js';
import type { GitHubClient } from './client.js';
import { explain } from './errors.js';

export const MAX_CHECK_TEXT = 65535;
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
/** More annotations than this help nobody; the summary counts the rest. */
export const MAX_ANNOTATIONS = 500;
const MAX_TITLE = 255;

export type CheckConclusion = 'success' | 'failure' | 'neutral' | 'action_required';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title?: string;
  message: string;
}

export interface CheckRunInput {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
  detailsUrl?: string;
}

/** Cuts at a code point boundary and says so. */
export function checkText(text: string, max = MAX_CHECK_TEXT): string {
  if (text.length <= max) return text;
  const note = '\n\n… (truncated: GitHub allows 65,535 characters here)';
  return text.slice(0, max - note.length).replace(/[\uD800-\uDBFF]$/, '') + note;
}

export function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Creates the completed check run with every annotation (in batches of 50). Returns its id. */
export async function publishCheckRun(gh: GitHubClient, c: CheckRunInput): Promise<number> {
  const all = (c.annotations ?? []).slice(0, MAX_ANNOTATIONS).map((a) => ({
    ...a,
    title: a.title === undefined ? undefined : truncateMiddle(a.title, MAX_TITLE),
    message: checkText(a.message),
  }));
  const [first = [], ...rest] = chunk(all, MAX_ANNOTATIONS_PER_REQUEST);
  const output = (annotations: CheckAnnotation[]) => ({
    title: truncateMiddle(c.title, MAX_TITLE),
    summary: checkText(c.summary),
    ...(c.text ? { text: checkText(c.text) } : {}),
    ...(annotations.length ? { annotations } : {}),
  });
  const base = { owner: c.owner, repo: c.repo };
  let id: number;
  try {
    id = (
      await gh.rest.checks.create({
        ...base,
        name: c.name,
        head_sha: c.headSha,
        status: 'completed',
        conclusion: c.conclusion,
        ...(c.detailsUrl ? { details_url: c.detailsUrl } : {}),
        output: output(first),
      })
    ).data.id;
  } catch (e) {
    throw explain(e, 'checks', `creating the check run '${c.name}' on ${c.headSha.slice(0, 7)}`);
  }
  for (const batch of rest) {
    try {
      await gh.rest.checks.update({ ...base, check_run_id: id, output: output(batch) });
    } catch (e) {
      throw explain(e, 'checks', `adding annotations to check run ${id}`);
    }
  }
  return id;
}
