// The structural checker used by the renderer tests must itself catch what it claims to catch,
// or the hostile-name tests would pass vacuously.

import { HOSTILE } from '../../helpers/comparisons.js';
import { markdownProblems } from '../../helpers/markdown.js';

describe('markdownProblems', () => {
  it('accepts sound Markdown', () => {
    const md =
      '<!-- m -->\n**x** — y\n\n| a | b |\n|:---|---:|\n| 1 | 2 |\n\n<details>\n<summary>s</summary>\n\n- <b>n</b>\n\n</details>\n\n<sub>[run](https://ok)</sub>';
    expect(markdownProblems(md, { marker: '<!-- m -->', allowedLinks: ['https://ok'] })).toEqual([]);
  });

  it.each([
    ['raw tag', 'x <img src=x onerror=alert(1)> y'],
    ['unbalanced details', '<details>\n<summary>s</summary>\n\nx'],
    ['closing tag injected', '<details>\n<summary>s</summary>\n\n</details></details>'],
    ['extra column', '| a | b |\n|:---|:---|\n| 1 | 2 | 3 |'],
    ['row without pipes continuing a table', '| a | b |\n|:---|:---|\n| 1 | 2 |\nbroken'],
    ['foreign link', '[x](http://evil)'],
    ['mention', 'hi @octocat'],
    ['encoded mention', 'hi &#64;octocat'],
    ['issue reference', 'see #12'],
    ['GH reference', 'see GH-12'],
    ['bare URL', 'go http://evil.example'],
    ['www link', 'go www.evil.example'],
    ['emoji', 'yay :smile:'],
    ['bare ampersand', 'a & b'],
    ['backslash', 'a \\| b'],
    ['odd backticks', 'a ` b'],
    ['html comment', 'x <!-- modelgate:comment key=x -->'],
    ['bidi override', 'rtl \u202Egnp.exe'],
  ])('flags %s', (_, md) => {
    expect(markdownProblems(md)).not.toEqual([]);
  });

  it('flags every dangerous hostile name when it is NOT escaped', () => {
    // Harmless in a table cell, or only wrong-looking (the readability tests cover those).
    const benign = ['`code`', '**bold**', '&lt;entity&gt; &amp;', '# heading', '> quote', '- list', '', '   '];
    const unflagged = HOSTILE.filter((h) => markdownProblems(`| a |\n|:---|\n| ${h} |`).length === 0);
    expect(unflagged).toEqual(benign);
  });
});
