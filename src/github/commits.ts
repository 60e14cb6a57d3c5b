// The ancestors of a commit through the commits listing API (newest first, as `git log`), so a
// baseline can be looked for at the base commit and then at the commits before it.

import type { GitHubClient } from './client.js';
import { explain, httpStatus } from './errors.js';

/**
 * `sha` followed by up to `max` of its ancestors, in the listing's order (index = how many
 * commits before `sha`, counting as `git log` does). An unknown commit gives just [sha].
 */
export async function listAncestors(
  gh: GitHubClient,
  r: { owner: string; repo: string; sha: string; max: number; maxPages: number },
): Promise<string[]> {
  const want = r.max + 1;
  const out: string[] = [];
  try {
    const pages = gh.paginate.iterator(gh.rest.repos.listCommits, {
      owner: r.owner,
      repo: r.repo,
      sha: r.sha,
      per_page: Math.min(100, want),
    });
    let read = 0;
    for await (const page of pages) {
      out.push(...page.data.map((c) => c.sha));
      if (out.length >= want || ++read >= r.maxPages) break;
    }
  } catch (e) {
    // 404/409/422: the commit is unknown here (e.g. a force-pushed base), or the repository is empty.
    if ([404, 409, 422].includes(httpStatus(e) ?? 0)) return [r.sha];
    throw explain(e, 'contents', `listing the commits before ${r.sha.slice(0, 12)}`);
  }
  const list = out.slice(0, want);
  // The listing starts at `sha` itself; keep that true even if a proxy answers otherwise.
  return list[0] === r.sha ? list : [r.sha, ...list.filter((s) => s !== r.sha)].slice(0, want);
}
