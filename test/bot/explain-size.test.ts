// A reply of the bot stays within GitHub's comment limit: an explain over many comment keys keeps
// whole keys and says how many it left out; any reply past the limit is cut on a whole line, with
// a note. On real explain text (renderExplain of real reports), repeated as many keys would give it.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { compareReports } from '../../src/core/compare/compare.js';
import { defaultRules } from '../../src/core/compare/rules.js';
import { renderExplain, wholeParts } from '../../src/bot/explain.js';
import { boundReply, MAX_COMMENT_LENGTH } from '../../src/github/comments.js';
import { AWKWARD, BASE_MODEL, HEAD_MODEL, reportOf } from './world.js';

let part: string;
beforeAll(async () => {
  const base = await reportOf(BASE_MODEL, 'a'.repeat(40));
  const head = await reportOf(HEAD_MODEL, 'b'.repeat(40));
  const text = renderExplain(AWKWARD, base, head, compareReports(base, head, defaultRules('multiclass')));
  part = `### modelgate/large\n\n${text}`;
});

describe('wholeParts', () => {
  it('keeps every key that fits, whole', () => {
    expect(wholeParts([part, part])).toBe(`${part}\n${part}`);
  });

  it('past the room: whole keys only, then how many were left out and how to see one', () => {
    const size = Buffer.byteLength(part) + 1;
    const out = wholeParts(Array.from({ length: 100 }, () => part));
    const kept = Math.floor(60_000 / size);
    expect(out.split('### modelgate/large').length - 1).toBe(kept);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      `_… and ${100 - kept} more keys, left out to fit one comment: \`/modelgate explain --key <key> <class>\` shows one._`,
    );
  });

  it('one key larger than the room is still shown (the reply bound cuts it last)', () => {
    expect(wholeParts([part, part], 10)).toBe(
      `${part}\n_… and 1 more key, left out to fit one comment: \`/modelgate explain --key <key> <class>\` shows one._\n`,
    );
  });
});

describe('boundReply', () => {
  it('leaves a reply within the limit as it is', () => {
    expect(boundReply(part)).toBe(part);
  });

  it('cuts a longer one on a whole line, in bytes, with a note', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `| 鸟类 ${i} | ${'é'.repeat(20)} |`).join('\n');
    expect(Buffer.byteLength(long)).toBeGreaterThan(MAX_COMMENT_LENGTH);
    const out = boundReply(long);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(out).toMatch(/\|\n\n… \(cut: the reply exceeded GitHub's 65,536-character limit\)\n$/);
    expect(long.startsWith(out.slice(0, out.indexOf('\n\n…')))).toBe(true);
  });
});
