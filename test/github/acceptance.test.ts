// The acceptance record and the accepted sticky comment, on comparisons of real prediction files:
// the record stays small however many regressions there are and is read back (records of the
// first format too); the accepted comment fits GitHub's limit, in bytes, without any cut.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { defaultRules } from '../../src/core/compare/rules.js';
import { compareReports } from '../../src/core/compare/compare.js';
import type { Comparison } from '../../src/core/compare/types.js';
import { utf8Length } from '../../src/core/render/budget.js';
import { commentMarker } from '../../src/core/render/marker.js';
import {
  acceptanceBlock,
  acceptedSection,
  readAcceptanceBlock,
  regressionDigest,
  regressionNames,
  renderAcceptedComment,
  type Acceptance,
} from '../../src/github/acceptance.js';
import { MAX_COMMENT_LENGTH, prepareBody } from '../../src/github/comments.js';
import { reportOf } from '../bot/world.js';

const BASE_SHA = 'a'.repeat(40);
const HEAD_SHA = 'b'.repeat(40);
const CTX = { key: 'modelgate', runUrl: 'https://github.com/o/r/actions/runs/1', headCommit: HEAD_SHA };
const MARKER = commentMarker('modelgate');
/** Footer of the comment: the last thing the renderer keeps. */
const FOOTER = /<sub>\[workflow run\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\) · base aaaaaaa.* · head bbbbbbb/;

/**
 * Every class of `names` drops from 12/12 to 2/12 on validation and test (reports without
 * per-example predictions, so unpaired tests): two regressions a class, as broken
 * preprocessing does.
 */
async function everyClassDrops(names: string[]): Promise<Comparison> {
  const drop = Object.fromEntries(names.map((n) => [n, 2]));
  const o = { keepPredictions: false };
  const base = await reportOf({ classes: names, perClass: 12 }, BASE_SHA, o);
  const head = await reportOf({ classes: names, perClass: 12, found: { validation: drop, test: drop } }, HEAD_SHA, o);
  return compareReports(base, head, defaultRules(head.task));
}

const acceptance = (cmp: Comparison, reason = 'broken preprocessing, fixed in #8'): Acceptance => ({
  by: 'maintainer-ann',
  role: 'admin',
  at: '2026-01-01T00:00:00Z',
  reason,
  headSha: HEAD_SHA,
  regressions: regressionNames(cmp),
  commentUrl: 'https://github.com/o/r/pull/1#issuecomment-1',
});

/** The record as the first format wrote it: every regression, no count, no digest. */
const firstFormatBlock = (a: Acceptance) =>
  `<!-- modelgate:acceptance ${Buffer.from(JSON.stringify(a)).toString('base64url')} -->`;

let imagenet: Comparison; // 1,000 classes, ImageNet style
beforeAll(async () => {
  imagenet = await everyClassDrops(Array.from({ length: 1000 }, (_, i) => `n${String(i).padStart(8, '0')}`));
  expect(imagenet.verdict).toBe('fail');
}, 120_000);

describe('the acceptance record', () => {
  it('of 2,000 regressions is a few KB, and carries their count and digest', () => {
    const a = acceptance(imagenet);
    expect(a.regressions.length).toBeGreaterThanOrEqual(2000);
    const block = acceptanceBlock(a);
    expect(utf8Length(block)).toBeLessThan(4096);
    const read = readAcceptanceBlock(`${MARKER}\n${block}`)!;
    expect(read).toMatchObject({ by: 'maintainer-ann', role: 'admin', headSha: HEAD_SHA, count: a.regressions.length });
    expect(read.regressions).toEqual(a.regressions.slice(0, 10));
    // A re-run recognises the same regressions, in whatever order it lists them.
    expect(read.digest).toBe(regressionDigest([...regressionNames(imagenet)].reverse()));
    expect(read.digest).not.toBe(regressionDigest(regressionNames(imagenet).slice(1)));
    // Written again from what was read (the bot's re-run), it says the same.
    expect(readAcceptanceBlock(acceptanceBlock(read))).toEqual(read);
  });

  it('of the first format (every regression listed) is still read, with its count and digest', () => {
    const a = acceptance(imagenet);
    const old = { ...a, regressions: a.regressions.slice(0, 60) };
    const read = readAcceptanceBlock(`${MARKER}\n${firstFormatBlock(old)}\n\n### Accepted`)!;
    expect(read).toMatchObject({ by: a.by, role: a.role, at: a.at, reason: a.reason, headSha: HEAD_SHA, count: 60 });
    expect(read.digest).toBe(regressionDigest(old.regressions));
    expect(read.regressions).toEqual(old.regressions.slice(0, 10));
    expect(acceptedSection(read)).toContain('- … and 50 more');
  });

  it('with a count or digest that does not make sense is refused', () => {
    const a = { ...acceptance(imagenet), regressions: ['test accuracy'] };
    expect(readAcceptanceBlock(firstFormatBlock({ ...a, count: 0 }))).toBeNull();
    expect(readAcceptanceBlock(firstFormatBlock({ ...a, digest: 'not a digest' }))).toBeNull();
  });
});

/** No tag left open and no character reference cut: every `<b>` closed, every `&` a whole reference. */
function expectWholeElements(md: string): void {
  expect(md.match(/<b>/g)?.length ?? 0).toBe(md.match(/<\/b>/g)?.length ?? 0);
  expect(md.match(/<details>/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
  expect(md.match(/&(?!#?[A-Za-z0-9]+;)/g) ?? []).toEqual([]);
}

describe('the accepted comment', () => {
  it('of 2,000 regressions fits whole: verdict, Accepted section, record and footer', () => {
    const a = acceptance(imagenet);
    const body = renderAcceptedComment(imagenet, CTX, a);
    expect(utf8Length(body)).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(prepareBody(body, 'modelgate')).toBe(body); // nothing for prepareBody to cut
    expect(body.startsWith(`${MARKER}\n<!-- modelgate:acceptance `)).toBe(true);
    expect(body).toContain('### Accepted');
    expect(body).toContain(`- … and ${a.regressions.length - 10} more`);
    expect(body).toContain('❌ **modelgate: fail**');
    expect(body).toMatch(FOOTER);
    expect(readAcceptanceBlock(body)).toMatchObject({ count: a.regressions.length });
    expectWholeElements(body);
  });

  it('of long CJK class names and a long CJK reason is measured in bytes: whole items, footer kept', async () => {
    const long = '鸟类物种名称很长的中文标签'.repeat(5);
    const cmp = await everyClassDrops(Array.from({ length: 150 }, (_, i) => `${long}${String(i).padStart(3, '0')}`));
    const a = acceptance(cmp, `新的分词器用这些类别换取速度，这是有意的。${'原因说明'.repeat(110)}`.slice(0, 500));
    const body = renderAcceptedComment(cmp, CTX, a);
    expect(utf8Length(body)).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(utf8Length(body)).toBeGreaterThan(MAX_COMMENT_LENGTH / 2); // the list filled the budget
    expect(prepareBody(body, 'modelgate')).toBe(body);
    expect(body).toContain('### Accepted');
    expect(body).toMatch(FOOTER);
    expectWholeElements(body);
  }, 60_000);
});

describe('prepareBody, the last resort', () => {
  const item = (i: number) => `- ❌ <b>${'鸟类物种&#95;名称'.repeat(6)}${i}</b> (test): found 12/12 → 2/12`;

  it('never cuts through the acceptance record under the marker', () => {
    // A record of the first format listing 1,200 regressions, then a long body.
    const a = acceptance(imagenet);
    const old = firstFormatBlock({ ...a, regressions: a.regressions.slice(0, 1200) });
    expect(utf8Length(old)).toBeGreaterThan(MAX_COMMENT_LENGTH / 2);
    const body = `${MARKER}\n${old}\n\n${Array.from({ length: 400 }, (_, i) => item(i)).join('\n')}\n`;
    const out = prepareBody(body, 'modelgate');
    expect(utf8Length(out)).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(out).toMatch(/\(truncated: /);
    expect(readAcceptanceBlock(out)).toMatchObject({ by: a.by, headSha: HEAD_SHA, count: 1200 });
  });

  it('cuts on a line break, so no item is left half open', () => {
    const body = `${MARKER}\n### Regressions\n\n${Array.from({ length: 400 }, (_, i) => item(i)).join('\n')}\n`;
    const out = prepareBody(body, 'modelgate');
    expect(utf8Length(out)).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(out).toMatch(/<\/b> \(test\): found 12\/12 → 2\/12\n\n… \(truncated: /);
    expectWholeElements(out);
  });
});
