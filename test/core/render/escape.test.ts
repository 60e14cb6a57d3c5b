import {
  WJ,
  escapeHtml,
  escapeMarkdown,
  escapePlain,
  markdownLink,
  safeUrl,
  sanitizeText,
  truncateEnd,
  truncateMiddle,
} from '../../../src/core/render/escape.js';
import { decodeEntities } from '../../helpers/markdown.js';

/** What a reader sees: references decoded, invisible joiners removed. */
const visible = (md: string): string => decodeEntities(md).split(WJ).join('');

describe('sanitizeText', () => {
  it('turns line breaks and tabs into spaces', () => {
    expect(sanitizeText('a\nb\r\nc\td\u2028e')).toBe('a b  c d e');
  });
  it('makes control characters, bidi overrides and lone surrogates visible as U+FFFD', () => {
    expect(sanitizeText('n\u0000b')).toBe('n\uFFFDb');
    expect(sanitizeText('\u001b[31mred')).toBe('\uFFFD[31mred');
    expect(sanitizeText('rtl \u202Egnp.exe')).toBe('rtl \uFFFDgnp.exe');
    expect(sanitizeText('iso\u2067x\u2069')).toBe('iso\uFFFDx\uFFFD');
    expect(sanitizeText('lone \uD800 and \uDC00')).toBe('lone \uFFFD and \uFFFD');
  });
  it('keeps ordinary Unicode, including astral characters and RTL letters', () => {
    expect(sanitizeText('chat 🐈 قطة 猫 é')).toBe('chat 🐈 قطة 猫 é');
  });
});

describe('escapeMarkdown', () => {
  it('leaves plain names alone', () => {
    expect(escapeMarkdown('golden retriever 2')).toBe('golden retriever 2');
  });

  it('writes Markdown and HTML punctuation as character references', () => {
    const out = escapeMarkdown('<b>*x*_y_`z`~w~|[l](u)\\#$&');
    expect(out).not.toMatch(/[<>*_`~|[\]\\$]/);
    expect(out).not.toMatch(/&(?!(#\d+|amp|lt|gt|quot);)/);
    expect(visible(out)).toBe('<b>*x*_y_`z`~w~|[l](u)\\#$&');
  });

  it('breaks mentions, issue references, URLs and emoji shortcodes with an invisible joiner', () => {
    for (const [input, bad] of [
      ['@octocat', /@[a-z]/i],
      ['@org/team', /@[a-z]/i],
      ['me@example.com', /@[a-z]/i],
      ['#12', /#\d/],
      ['org/repo#12', /#\d/],
      ['GH-12', /GH-\d/i],
      ['gh-12', /GH-\d/i],
      ['http://evil.example', /:\/\//],
      ['https://evil.example', /:\/\//],
      ['www.evil.example', /www\./i],
      [':smile:', /:[a-z]+:/],
      ['mailto:x', /mailto:x/],
    ] as const) {
      const decoded = decodeEntities(escapeMarkdown(input));
      expect(decoded).not.toMatch(bad);
      expect(decoded.split(WJ).join('')).toBe(input); // still reads the same
    }
  });

  it('cannot fake the sticky marker or open an HTML comment', () => {
    const out = escapeMarkdown('<!-- modelgate:comment key=x -->');
    expect(out).not.toContain('<!--');
    expect(out).not.toContain('-->');
  });

  it('keeps an escaped entity-looking text literal', () => {
    expect(visible(escapeMarkdown('&lt;b&gt;'))).toBe('&lt;b&gt;');
  });

  it('puts everything on one line', () => {
    expect(escapeMarkdown('a\nb\rc')).not.toMatch(/[\r\n]/);
  });
});

describe('escapePlain', () => {
  it('removes terminal escape sequences and line breaks but no Markdown', () => {
    expect(escapePlain('\u001b[2Jx\n*y*')).toBe('\uFFFD[2Jx *y*');
  });
});

describe('truncation', () => {
  it('truncateEnd keeps at most max code points and never splits a surrogate pair', () => {
    expect(truncateEnd('abcdef', 4)).toBe('abc…');
    expect(truncateEnd('abc', 4)).toBe('abc');
    const out = truncateEnd('🐈🐈🐈🐈🐈', 3);
    expect(Array.from(out)).toEqual(['🐈', '🐈', '…']);
  });
  it('truncateMiddle keeps the start and the distinguishing end', () => {
    const a = 'Animalia/Chordata/Mammalia/Carnivora/Felidae/Felis catus';
    const out = truncateMiddle(a, 30);
    expect(Array.from(out).length).toBe(30);
    expect(out.startsWith('Animalia/')).toBe(true);
    expect(out.endsWith('Felis catus')).toBe(true);
    expect(out).toContain('…');
    expect(truncateMiddle('short', 30)).toBe('short');
  });
  it('truncating before escaping cannot cut a character reference', () => {
    const out = escapeMarkdown(truncateEnd('|'.repeat(50), 10));
    expect(out).toBe('&#124;'.repeat(9) + '…');
  });
});

describe('links', () => {
  it('accepts only http and https URLs', () => {
    expect(safeUrl('https://github.com/o/r/actions/runs/1')).toBe('https://github.com/o/r/actions/runs/1');
    expect(safeUrl('http://example.com/x')).toBe('http://example.com/x');
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://x',
      '//evil',
      'https://a b',
      'https://x/\n',
      '',
      undefined,
    ]) {
      expect(safeUrl(bad)).toBeUndefined();
    }
  });
  it('renders a link only for a safe URL, with an escaped label and no parenthesis breakout', () => {
    expect(markdownLink('run', 'https://x.example/a(b)')).toBe('[run](https://x.example/a%28b%29)');
    expect(markdownLink('run', 'javascript:alert(1)')).toBe('run');
    expect(markdownLink('[x]', 'https://x.example/')).toBe('[&#91;x&#93;](https://x.example/)');
  });
});

describe('escapeHtml', () => {
  it('writes the five characters that open a tag, an entity or end an attribute as references', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });
  it('keeps every other character, right-to-left text included, and sanitizes controls and overrides', () => {
    expect(escapeHtml('חתול @user #1 *x* `y`')).toBe('חתול @user #1 *x* `y`');
    expect(escapeHtml('a\u202Eb\nc\u0000')).toBe('a\uFFFDb c\uFFFD');
  });
});
