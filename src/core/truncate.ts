// Shortening names and text by code points (never cutting a surrogate pair): shared by the
// comparison's plain words (./compare/format.ts) and the renderers (./render/escape.ts).

/** Splits into code points, so truncation never cuts a surrogate pair. */
function codePoints(text: string): string[] {
  return Array.from(text);
}

/** Shortens to at most `max` code points with a trailing ellipsis. Apply BEFORE escaping. */
export function truncateEnd(text: string, max: number): string {
  if (text.length <= max) return text; // UTF-16 length >= code points
  const cps = codePoints(text);
  if (cps.length <= max) return text;
  return cps.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/**
 * Shortens to at most `max` code points by cutting the middle: long class names are often
 * hierarchical ("a/b/c/.../species"), and the end is what tells two of them apart.
 * Apply BEFORE escaping.
 */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const cps = codePoints(text);
  if (cps.length <= max) return text;
  if (max < 8) return truncateEnd(text, max);
  const tail = Math.floor((max - 1) * 0.4);
  const head = max - 1 - tail;
  return cps.slice(0, head).join('') + '…' + cps.slice(cps.length - tail).join('');
}
