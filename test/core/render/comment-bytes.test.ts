// GitHub's 65,536 limit on a comment body may count characters or bytes: a comment of non-ASCII
// class names (2 or 3 UTF-8 bytes a character) must fit either way.
import { describe, expect, it } from '@jest/globals';
import { utf8Length } from '../../../src/core/render/budget.js';
import { renderComment, type RenderContext } from '../../../src/core/render/index.js';
import { prepareBody } from '../../../src/github/comments.js';
import { bigComparison } from '../../helpers/comparisons.js';

const CTX: RenderContext = { key: 'model', runUrl: 'https://github.com/acme/ml/actions/runs/42' };
const LIMIT = 65536;

describe('the comment budget counts UTF-8 bytes', () => {
  it.each([
    ['accented (2 bytes)', (i: number) => `clé_${'é'.repeat(120)}_${i}`],
    ['CJK (3 bytes)', (i: number) => `类别${'猫'.repeat(120)}${i}`],
  ])('%s class names: at most 65,536 bytes, so also at most 65,536 characters', (_, name) => {
    const md = renderComment(bigComparison(2000, name, ['test']), CTX);
    // Without the byte measure this comment fills the character budget and is far over in bytes.
    expect(md.length).toBeGreaterThan(20_000);
    expect(utf8Length(md)).toBeLessThanOrEqual(LIMIT);
    expect(Buffer.byteLength(md)).toBe(utf8Length(md));
  });

  it('prepareBody cuts an oversized body to 65,536 bytes without splitting a character', () => {
    const body = `${'猫'.repeat(30_000)}🐈${'é'.repeat(10)}`;
    const out = prepareBody(body, 'model');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(LIMIT);
    expect(out).toContain('truncated');
    expect(out).not.toContain('\uFFFD');
    expect(out).toMatch(/^<!-- modelgate:comment key=model -->\n猫/);
    // Short bodies are left whole.
    expect(prepareBody('é'.repeat(1000), 'model')).toContain('é'.repeat(1000));
  });
});
