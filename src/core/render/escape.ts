// Everything rendered from data (class, split and metric names, reasons, paths, messages) is
// untrusted: a class name must never become HTML, a link, a mention that pings someone, an
// issue reference, a table column or a fake sticky marker. Markdown punctuation is written as
// numeric character references; constructs that GitHub recognises AFTER rendering, in the
// HTML text (mentions, #123, GH-1, :emoji:, bare URLs), are broken with an invisible
// WORD JOINER, because a character reference would be decoded back before GitHub looks.

/** U+2060 WORD JOINER: invisible, not a word character, so `@`, `#`, `:` patterns stop matching. */
export const WJ = '\u2060';
const REPLACEMENT = '\uFFFD';

/** Markdown/HTML punctuation that data may not use raw. */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '|': '&#124;', // table cell separator
  '\\': '&#92;', // would escape OUR next character (e.g. a table pipe)
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '[': '&#91;',
  ']': '&#93;',
  '#': '&#35;',
  $: '&#36;', // GitHub math (data never goes into an attribute, so quotes stay)
};

const NEEDS_SANITIZING =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/**
 * Makes text safe to show in any output: line breaks and tabs become spaces; other control
 * characters (NUL, ESC for terminal escapes, C1), bidirectional overrides/isolates (which can
 * visually reorder what follows) and lone surrogates become U+FFFD, so the oddity stays visible.
 */
export function sanitizeText(text: string): string {
  if (!NEEDS_SANITIZING.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c === 0x0a ||
      c === 0x0d ||
      c === 0x09 ||
      c === 0x0b ||
      c === 0x0c ||
      c === 0x85 ||
      c === 0x2028 ||
      c === 0x2029
    ) {
      out += ' ';
    } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
      out += REPLACEMENT;
    } else if (
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      c === 0x061c ||
      c === 0x200e ||
      c === 0x200f
    ) {
      out += REPLACEMENT;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
      } else out += REPLACEMENT;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      out += REPLACEMENT;
    } else out += text[i];
  }
  return out;
}

const MARKDOWN_SPECIAL = /[&<>|\\`*_~[\]#$]/g;

/**
 * Escapes untrusted text for Markdown (paragraphs, list items, table cells, `<summary>`):
 * renders as the same visible characters, with no markup, links, mentions or references.
 * Joiners go in first, on the raw text, so that no pattern can match inside a reference.
 */
export function escapeMarkdown(text: string): string {
  return (
    sanitizeText(text)
      // Always after @ and #, so that even our own text following a name cannot complete a
      // pattern: @user, @org/team, e-mail autolinks, #123 references.
      .replace(/[@#]/g, `$&${WJ}`)
      // http://, mailto:, :emoji: (a colon before a space is plain punctuation).
      .replace(/:(?! |$)/g, `:${WJ}`)
      // GH-123 references and www. autolinks.
      .replace(/(gh)(?=-\d)/gi, `$1${WJ}`)
      .replace(/(www)(?=\.)/gi, `$1${WJ}`)
      .replace(MARKDOWN_SPECIAL, (c) => ENTITIES[c])
  );
}

/** Plain text (commit status, terminal): sanitized, no Markdown. */
export function escapePlain(text: string): string {
  return sanitizeText(text);
}

// Truncation lives in ../truncate.ts (the comparison's words use it too); re-exported for the renderers.
export { truncateEnd, truncateMiddle } from '../truncate.js';

/** Returns the URL when it is an absolute http(s) URL without spaces or controls, else undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (!/^https?:\/\/[^\s<>"'`\\]+$/i.test(url) || sanitizeText(url) !== url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.href;
  } catch {
    return undefined;
  }
}

/** A Markdown link when the URL is safe (ours, from the render context), else the escaped text alone. */
export function markdownLink(text: string, url: string | undefined): string {
  const safe = safeUrl(url);
  const label = escapeMarkdown(text);
  if (!safe) return label;
  // Parentheses would end the destination early; percent-encode them.
  return `[${label}](${safe.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes untrusted text for HTML and SVG, in element content and in quoted attribute values
 * alike: sanitized (controls, bidi overrides), then the five characters that could open a tag,
 * an entity or end an attribute become references.
 */
export function escapeHtml(text: string): string {
  return sanitizeText(text).replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c]);
}

/** Characters kept as they are inside a quoted Mermaid label; everything else becomes an entity code. */
const MERMAID_SAFE = /[\p{L}\p{N} .,:+\-–−≥≤/()]/u;

/**
 * Escapes untrusted text for a double-quoted label in a Mermaid block (inside a Markdown code
 * fence): any character outside letters, digits and plain punctuation becomes Mermaid's entity
 * code `#<decimal>;`, which Mermaid turns back into the character when it draws. So no quote
 * can end the label, no backtick can end the fence, no `%%` can open a directive and no `<`
 * can reach the SVG as markup.
 */
export function escapeMermaid(text: string): string {
  let out = '';
  for (const ch of sanitizeText(text)) {
    out += MERMAID_SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}
