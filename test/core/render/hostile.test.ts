// Untrusted strings everywhere the renderer takes data: class, split and metric names, reasons,
// sanity messages, method notes, settings, the key and the report path. Nothing may turn into
// HTML, a link, a ping, a reference, an extra table column or a fake marker, and the names must
// still be readable.

import type { Comparison } from '../../../src/core/compare/types.js';
import { escapeMarkdown, sanitizeText } from '../../../src/core/render/escape.js';
import { commentMarker, hasMarker } from '../../../src/core/render/marker.js';
import {
  renderComment,
  renderStatus,
  renderSummary,
  renderText,
  type RenderContext,
} from '../../../src/core/render/index.js';
import { HOSTILE, classDelta, gap, metric, multiclassFail } from '../../helpers/comparisons.js';
import { decodeEntities, markdownProblems } from '../../helpers/markdown.js';

const BASE_URL = 'https://github.com/acme/vision/commit/3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';
const CTX: RenderContext = {
  key: '@octocat <!-- modelgate:comment key=x -->',
  runUrl: 'javascript:alert(1)',
  baseCommit: '<img src=x onerror=alert(1)>',
  baseCommitUrl: BASE_URL,
  headCommit: '@octocat #1',
  reportPath: '[x](http://evil) @octocat/`x`.json',
};

function hostileComparison(): Comparison {
  const cmp = multiclassFail();
  const split = HOSTILE[0]; // '<img src=x onerror=alert(1)>'
  const statuses = [
    'regression',
    'catastrophic',
    'improvement',
    'noise',
    'too-few',
    'unchanged',
    'added',
    'removed',
  ] as const;
  cmp.classes = HOSTILE.flatMap((name, i) => [
    classDelta(name, 'test', [40, 50], [30, 50], statuses[i % statuses.length], i % 2 ? 'fail' : 'warn', {
      kind: 'mcnemar',
      b: 10,
      c: 0,
      p: 0.001,
      q: 0.004,
    }),
    classDelta(name, split, [40, 50], [41, 50], 'noise', 'ok'),
  ]);
  cmp.splits = { both: ['test', split], onlyBase: [HOSTILE[3]], onlyHead: [HOSTILE[9]] };
  cmp.sameExamples = { test: true, [split]: false };
  cmp.methods = {
    test: { classTest: 'mcnemar', why: HOSTILE[5] },
    [split]: { classTest: 'newcombe', why: HOSTILE[19] },
  };
  cmp.reasons = [HOSTILE[0] + ' ' + HOSTILE[3], HOSTILE[9] + HOSTILE[14], HOSTILE[19]];
  cmp.headline = HOSTILE.slice(0, 12).map((m, i) => metric(i % 2 ? split : 'test', m, 0.5, 0.4, 'fail', [-0.2, -0.01]));
  cmp.gaps = [gap('train-validation', HOSTILE[14], 0.01, 0.05, 'warn')];
  cmp.classesAdded = HOSTILE.slice();
  cmp.classesRemoved = HOSTILE.slice(10);
  cmp.noise = { [split]: HOSTILE.length, test: 2 };
  cmp.sanity = HOSTILE.map((h, i) => ({
    level: i % 2 ? 'fail' : 'warn',
    split: HOSTILE[i % 5],
    code: h,
    message: h + ' ' + HOSTILE[(i + 1) % HOSTILE.length],
  }));
  cmp.settings = Object.fromEntries(HOSTILE.map((h, i) => [h || `empty${i}`, h]));
  cmp.head = { ...cmp.head, toolVersion: '<b>9</b> @octocat' };
  return cmp;
}

/** The text a reader sees (references decoded, invisible joiners removed). */
const seen = (md: string): string => decodeEntities(md).replace(/\u2060/g, '');

describe.each([
  ['comment', (c: Comparison) => renderComment(c, CTX), commentMarker(CTX.key)],
  ['job summary', (c: Comparison) => renderSummary(c, CTX), undefined],
])('hostile names in the %s', (_, render, marker) => {
  const md = render(hostileComparison());

  it('has no raw HTML, foreign link, live mention, reference, bare URL, control character or broken table', () => {
    expect(markdownProblems(md, { marker, allowedLinks: [BASE_URL] })).toEqual([]);
  });

  it('has none of the dangerous patterns verbatim', () => {
    expect(md).not.toMatch(/<img/i);
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toMatch(/<\/?details>\s*<\/?details>\s*<\/details>/); // no injected closing tag
    expect(md).not.toContain('@octocat');
    expect(md).not.toContain('[x](http');
    expect(md).not.toContain('javascript:');
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000\u001b\u202e\r]/);
    // only one marker, and none for the key an attacker named
    expect((md.match(/<!--/g) ?? []).length).toBe(marker ? 1 : 0);
    expect(hasMarker(md, 'x')).toBe(false);
  });

  it('contains no hostile string verbatim unless escaping leaves it unchanged', () => {
    // ('</details>' is also our own tag: its balance is checked above. "#1" occurs inside "&#124;".)
    const withoutRefs = md.replace(/&(#\d+|amp|lt|gt|quot);/g, '\u0001');
    for (const h of HOSTILE) {
      if (h.trim() !== '' && h !== '</details>' && escapeMarkdown(h) !== h) expect(withoutRefs).not.toContain(h);
    }
  });

  it('keeps our <details> balanced: as many opening as closing tags', () => {
    expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
    expect((md.match(/<details>/g) ?? []).length).toBeGreaterThan(1);
  });

  it('still shows every name readably', () => {
    const text = seen(md);
    for (const h of HOSTILE) {
      if (h.trim() === '') continue;
      expect(text).toContain(sanitizeText(h));
    }
    expect(text).toContain('(blank name)');
  });
});

describe('hostile names elsewhere', () => {
  it('the commit status is one plain line of at most 140 characters', () => {
    const s = renderStatus(hostileComparison());
    expect(s.state).toBe('failure');
    expect(s.description.length).toBeLessThanOrEqual(140);
    // eslint-disable-next-line no-control-regex
    expect(s.description).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e]/);
    expect(s.description.startsWith('fail: <img src=x onerror=alert(1)> @octocat')).toBe(true);
  });

  it('the terminal text has no escape sequences or control characters, and shows names', () => {
    const t = renderText(hostileComparison());
    // eslint-disable-next-line no-control-regex
    expect(t).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(t).toContain('esc \uFFFD[31mred');
    expect(t).toContain('line break');
  });
});
