// Structural checks of rendered Markdown, approximating what GitHub does with a comment:
// raw HTML allowed only from our short list, balanced <details>/<summary>, tables whose rows
// all have the header's column count, valid character references, and - on the text as GitHub
// sees it after decoding references - no mention, issue reference, bare URL or emoji shortcode.

const ALLOWED_TAGS = new Set(['details', 'summary', 'b', 'i', 'sub']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** Decodes the character references our renderer writes (what GitHub's post-filters see). */
export function decodeEntities(md: string): string {
  return md.replace(/&(#\d+|amp|lt|gt|quot);/g, (_, e: string) =>
    e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : NAMED[e],
  );
}

/** Problems found; empty when the Markdown is sound. */
export function markdownProblems(md: string, opts: { allowedLinks?: string[]; marker?: string } = {}): string[] {
  const problems: string[] = [];
  let body = md;
  if (opts.marker) {
    if (!md.startsWith(opts.marker + '\n')) problems.push('does not start with the marker line');
    body = md.slice(opts.marker.length);
  }
  if (body.includes('<!--')) problems.push('an HTML comment besides the marker');

  // Raw HTML: only our tags, balanced and nested.
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>/g)) {
    const [, close, tag, attrs] = m;
    const t = tag.toLowerCase();
    if (!ALLOWED_TAGS.has(t)) problems.push(`raw tag <${close}${tag}>`);
    if (attrs.trim() !== '') problems.push(`attributes on <${tag}>`);
    if (close) {
      if (stack.pop() !== t) problems.push(`unbalanced </${t}>`);
    } else stack.push(t);
  }
  if (stack.length) problems.push(`unclosed tags: ${stack.join(',')}`);
  if (/<[A-Za-z/!?]/.test(body.replace(/<\/?(details|summary|b|i|sub)>/g, '')))
    problems.push('a "<" that could start HTML');

  // Character references: every "&" starts one we know.
  if (/&(?!(#\d+|amp|lt|gt|quot);)/.test(body)) problems.push('a bare "&" or unknown reference');

  // Tables: each row has the header's number of pipes.
  const lines = body.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/^\|.*\|$/.test(lines[i]) || !/^\|(:?-+:?\|)+$/.test(lines[i + 1])) continue;
    const pipes = (l: string): number => (l.match(/\|/g) ?? []).length;
    const want = pipes(lines[i]);
    if (pipes(lines[i + 1]) !== want) problems.push(`delimiter row ${i + 2} has a different column count`);
    let j = i + 2;
    for (; j < lines.length && lines[j] !== ''; j++) {
      if (!lines[j].startsWith('|')) problems.push(`line ${j + 1} continues a table without a pipe`);
      else if (pipes(lines[j]) !== want) problems.push(`row ${j + 1} has ${pipes(lines[j])} pipes, header ${want}`);
    }
    i = j;
  }

  // Links: only ours.
  for (const m of body.matchAll(/\]\(([^)]*)\)/g)) {
    if (!(opts.allowedLinks ?? []).includes(m[1])) problems.push(`link to ${m[1]}`);
  }
  // Backticks come only in pairs on a line (our own code spans).
  lines.forEach((l, i) => {
    if ((l.match(/`/g) ?? []).length % 2) problems.push(`odd backticks on line ${i + 1}`);
  });
  // A backslash could escape our own punctuation.
  if (body.includes('\\')) problems.push('a raw backslash');
  // We never write these raw: from data they would be strikethrough, emphasis or math.
  if (/[~_$]/.test(body)) problems.push('a raw "~", "_" or "$"');
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(body))
    problems.push('a lone surrogate');

  // What GitHub's filters see after decoding: nothing that pings, links or turns into emoji.
  const text = decodeEntities(body.replace(/\]\([^)]*\)/g, ']'));
  if (/(^|[^\w])@[A-Za-z0-9]/m.test(text)) problems.push('a live @mention');
  if (/[\w.+-]@[A-Za-z0-9-]+\.[A-Za-z]/.test(text)) problems.push('an e-mail autolink');
  if (/#\d/.test(text)) problems.push('a live #123 reference');
  if (/\bGH-\d/i.test(text)) problems.push('a live GH-123 reference');
  if (/[a-z]+:\/\//i.test(text)) problems.push('a bare URL');
  if (/\bwww\./i.test(text)) problems.push('a www. autolink');
  if (/:[a-z0-9_+-]+:/i.test(text)) problems.push('an emoji shortcode');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(text))
    problems.push('a control or bidi character');
  return problems;
}
