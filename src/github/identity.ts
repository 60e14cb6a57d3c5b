// Who modelgate writes as, so that it edits only its own comments. A personal token can ask
// GET /user; the workflow's GITHUB_TOKEN (an app installation token) gets 403 there, and then
// we fall back to "a bot account", preferring github-actions[bot] (see isOwnComment).

import type { GitHubClient } from './client.js';

export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface Identity {
  /** The authenticated login, when GET /user told us. */
  login: string | null;
  source: 'api' | 'heuristic';
}

export async function whoAmI(gh: GitHubClient, log?: (msg: string) => void): Promise<Identity> {
  try {
    const { data } = await gh.rest.users.getAuthenticated();
    if (data?.login) return { login: data.login, source: 'api' };
  } catch (e) {
    const status = (e as { status?: number }).status;
    log?.(`GET /user answered ${status ?? String(e)}: matching comments by bot authorship instead`);
  }
  return { login: null, source: 'heuristic' };
}

export interface CommentAuthor {
  user?: { login?: string; type?: string } | null;
  performed_via_github_app?: { slug?: string } | null;
}

/**
 * Whether a comment was written by us. With a known login: exactly that login. Without one:
 * any bot account (type Bot: app tokens, including GITHUB_TOKEN); people are never matched,
 * so a person pasting our marker into a comment cannot make modelgate edit or delete it.
 */
export function isOwnComment(c: CommentAuthor, id: Identity): boolean {
  const login = c.user?.login;
  if (!login) return false;
  if (id.login) return login === id.login;
  return c.user?.type === 'Bot' || (login.endsWith('[bot]') && !!c.performed_via_github_app);
}

/** Ranks own-comment candidates under the heuristic: github-actions[bot] first. */
export function preference(c: CommentAuthor): number {
  return c.user?.login === ACTIONS_BOT_LOGIN ? 0 : 1;
}
