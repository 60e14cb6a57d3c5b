// The hidden marker that makes a PR comment "sticky": modelgate finds its own comment for a
// key by this line among the comments written by the same account, and edits it in place.

/** Keys are free text from workflow inputs: keep them to a safe alphabet inside the HTML comment. */
export function normalizeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_./-]+/g, '-').slice(0, 100) || 'default';
}

export function commentMarker(key: string): string {
  return `<!-- modelgate:comment key=${normalizeKey(key)} -->`;
}

/**
 * True when `body`'s first line is the marker of `key` (and not merely of a key that starts like
 * it). Only the first line: another workflow's comment that quotes a text holding the marker (a
 * pull request's description) is not ours to edit.
 */
export function hasMarker(body: string | null | undefined, key: string): boolean {
  const first = (body ?? '').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  return first.trimEnd() === commentMarker(key);
}
