// What to do with the sticky comment (input comment-mode). On its own so that reading the inputs
// does not load the REST client (start-up, issue 14).
export type CommentMode = 'update' | 'recreate' | 'off';
export const COMMENT_MODES: readonly CommentMode[] = ['update', 'recreate', 'off'];
