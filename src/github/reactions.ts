// Reactions on a comment: how the bot says "received", "done" and "refused" without a reply.

import type { GitHubClient } from './client.js';
import { explain } from './errors.js';

export const REACTION = { received: 'eyes', done: '+1', refused: 'confused' } as const;
export type ReactionContent = (typeof REACTION)[keyof typeof REACTION];

export async function reactToComment(
  gh: GitHubClient,
  p: { owner: string; repo: string; commentId: number; content: ReactionContent },
): Promise<void> {
  try {
    await gh.rest.reactions.createForIssueComment({
      owner: p.owner,
      repo: p.repo,
      comment_id: p.commentId,
      content: p.content,
    });
  } catch (e) {
    throw explain(e, 'reaction', `reacting ${p.content} to comment ${p.commentId}`);
  }
}
