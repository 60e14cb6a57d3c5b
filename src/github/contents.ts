// Reads one file of the repository at a given commit through the contents API, so a report
// committed on the base branch is found even in a shallow checkout.

import { UsageError } from '../core/errors.js';
import type { GitHubClient } from './client.js';
import { explain, httpStatus } from './errors.js';

export interface RepoFile {
  text: string;
  size: number;
}

/**
 * The path as it goes into the contents URL. Segments are encoded one by one: octokit's {path}
 * would turn '/' into %2F, which GitHub answers with 404 for some tokens (octokit/octokit.js#2422).
 * `.` and `..` segments are refused: URL parsing resolves them, so `../../issues` would leave
 * /contents/ and read another endpoint with our token.
 */
export function contentsPath(path: string): string {
  const segments = path.replace(/^(\.?\/)+/, '').split('/');
  // eslint-disable-next-line no-control-regex
  if (segments.some((s) => s === '.' || s === '..' || s === '') || /[\u0000-\u001f\u007f]/.test(path))
    throw new UsageError(
      `baseline-ref-path: expected a file path inside the repository (no '.', '..' or empty segments, no control characters), got ${JSON.stringify(path)}`,
    );
  return segments.map(encodeURIComponent).join('/');
}

/**
 * The file's text at `ref`, or null when the path does not exist there. Asked for with the raw
 * media type from the start: the default JSON media type is refused for files over 1 MB
 * (403 too_large), which would read as a missing permission.
 */
export async function readRepoFile(
  gh: GitHubClient,
  p: { owner: string; repo: string; path: string; ref: string },
): Promise<RepoFile | null> {
  const where = `reading ${p.path} at ${p.ref.slice(0, 12)}`;
  const route = `GET /repos/{owner}/{repo}/contents/${contentsPath(p.path)}`;
  let raw: unknown;
  try {
    raw = (await gh.request(route, { owner: p.owner, repo: p.repo, ref: p.ref, mediaType: { format: 'raw' } })).data;
  } catch (e) {
    if (httpStatus(e) === 404) return null;
    throw explain(e, 'contents', where);
  }
  // A directory (or a submodule) is answered with its JSON description even for the raw media type.
  if (typeof raw !== 'string' && !(raw instanceof ArrayBuffer) && !ArrayBuffer.isView(raw)) {
    const kind = Array.isArray(raw) ? 'directory' : String((raw as { type?: unknown })?.type ?? 'something else');
    throw explain(new Error(`${p.path} is a ${kind.slice(0, 20)}, not a file`), 'contents', where);
  }
  // A string for text/* answers, bytes otherwise; TextDecoder takes both buffer kinds.
  const text = typeof raw === 'string' ? raw : new TextDecoder('utf-8').decode(raw as ArrayBuffer);
  return { text, size: Buffer.byteLength(text) };
}
