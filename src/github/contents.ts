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

/** The file's text at `ref`, or null when the path does not exist there. */
export async function readRepoFile(
  gh: GitHubClient,
  p: { owner: string; repo: string; path: string; ref: string },
): Promise<RepoFile | null> {
  const where = `reading ${p.path} at ${p.ref.slice(0, 12)}`;
  const encoded = contentsPath(p.path);
  const route = `GET /repos/{owner}/{repo}/contents/${encoded}`;
  const params = { owner: p.owner, repo: p.repo, ref: p.ref };
  let data: unknown;
  try {
    data = (await gh.request(route, params)).data;
  } catch (e) {
    if (httpStatus(e) === 404) return null;
    throw explain(e, 'contents', where);
  }
  if (Array.isArray(data) || (data as { type?: string }).type !== 'file') {
    throw explain(
      new Error(`${p.path} is a ${Array.isArray(data) ? 'directory' : (data as { type?: string }).type}, not a file`),
      'contents',
      where,
    );
  }
  const file = data as { encoding?: string; content?: string; size?: number };
  if (file.encoding === 'base64' && typeof file.content === 'string') {
    const buf = Buffer.from(file.content, 'base64');
    return { text: buf.toString('utf8'), size: buf.length };
  }
  // Files over 1 MB come back without content (encoding "none"): ask for the raw bytes.
  try {
    const res = await gh.request(route, { ...params, mediaType: { format: 'raw' } });
    const raw = res.data as unknown;
    // A string for text/* answers, an ArrayBuffer otherwise; TextDecoder takes both buffer kinds.
    const text = typeof raw === 'string' ? raw : new TextDecoder('utf-8').decode(raw as ArrayBuffer);
    return { text, size: Buffer.byteLength(text) };
  } catch (e) {
    if (httpStatus(e) === 404) return null;
    throw explain(e, 'contents', `${where} (raw)`);
  }
}
