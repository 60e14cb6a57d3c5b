// An acceptance covers the regressions it was recorded with: a later evaluation of the same head
// (a re-run after the baseline moved, a re-run that found others) is not accepted by it. On
// comparisons of real prediction files: the accepted head, a head with one more class broken, and
// one with another class broken instead.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { compareReports } from '../../src/core/compare/compare.js';
import { defaultRules } from '../../src/core/compare/rules.js';
import type { Comparison } from '../../src/core/compare/types.js';
import { WJ } from '../../src/core/render/escape.js';
import {
  acceptanceBlock,
  acceptanceCovers,
  readAcceptanceBlock,
  regressionNames,
  renderUncoveredComment,
  uncoveredNote,
  type Acceptance,
} from '../../src/github/acceptance.js';
import { outsideDetails } from '../helpers/scenario.js';
import { BASE_MODEL, HEAD_MODEL, reportOf } from '../bot/world.js';

const BASE_SHA = 'a'.repeat(40);
const HEAD_SHA = 'b'.repeat(40);
const CTX = { key: 'modelgate', runUrl: 'https://github.com/o/r/actions/runs/1', headCommit: HEAD_SHA };

let accepted: Comparison; // the awkward class drops on test
let more: Comparison; // and bird too
let other: Comparison; // bird instead
beforeAll(async () => {
  const base = await reportOf(BASE_MODEL, BASE_SHA);
  const compare = async (found: Record<string, number>) =>
    compareReports(
      base,
      await reportOf({ ...BASE_MODEL, found: { test: found } }, HEAD_SHA),
      defaultRules('multiclass'),
    );
  accepted = await compare(HEAD_MODEL.found!.test);
  more = await compare({ ...HEAD_MODEL.found!.test, bird: 20 });
  other = await compare({ bird: 20 });
  for (const c of [accepted, more, other]) expect(c.verdict).toBe('fail');
}, 60_000);

/** The record as the sticky comment carries it, read back. */
const recorded = (cmp: Comparison | string[]): Acceptance =>
  readAcceptanceBlock(
    acceptanceBlock({
      by: 'maintainer-ann',
      role: 'admin',
      at: '2026-01-01T00:00:00Z',
      reason: 'the new tokenizer trades this class for speed',
      headSha: HEAD_SHA,
      regressions: Array.isArray(cmp) ? cmp : regressionNames(cmp),
    }),
  )!;

describe('acceptanceCovers', () => {
  it('covers the same regressions, and fewer when the record names them all', () => {
    expect(acceptanceCovers(recorded(accepted), regressionNames(accepted))).toBe(true);
    expect(acceptanceCovers(recorded(more), regressionNames(accepted))).toBe(true);
  });

  it('does not cover one more broken class, nor another one instead', () => {
    const names = regressionNames(more);
    expect(names.some((n) => n.includes('class bird'))).toBe(true);
    expect(acceptanceCovers(recorded(accepted), names)).toBe(false);
    expect(acceptanceCovers(recorded(accepted), regressionNames(other))).toBe(false);
  });

  it('a record that names only the first 10: the same list by its digest, nothing less', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `test: class c${i} recall`);
    const r = recorded(twelve);
    expect(r.regressions).toHaveLength(10);
    expect(acceptanceCovers(r, [...twelve].reverse())).toBe(true);
    expect(acceptanceCovers(r, twelve.slice(0, 11))).toBe(false);
    expect(acceptanceCovers(r, [...twelve, 'test accuracy'])).toBe(false);
  });
});

describe('the failing comment of an acceptance that does not cover it', () => {
  it('says so near the top, names what is new, keeps the record hidden and no Accepted section', () => {
    const record = recorded(accepted);
    const names = regressionNames(more);
    const body = renderUncoveredComment(more, CTX, record, uncoveredNote(record, names));
    const visible = outsideDetails(body);
    expect(visible).toContain('❌ **modelgate: fail**');
    expect(visible).toContain('> [!IMPORTANT]');
    expect(visible).toContain(`@${WJ}maintainer-ann accepted ${record.count} regressions of this head`);
    expect(visible).toContain('this evaluation of it has 1 other regression. The acceptance does not cover it');
    expect(visible).toContain('review it and write');
    expect(visible).toContain('test: class bird recall');
    expect(visible).not.toContain('### Accepted');
    // The alert comes before the class lists, right under the overview.
    expect(visible.indexOf('[!IMPORTANT]')).toBeLessThan(visible.indexOf('bird'));
    expect(readAcceptanceBlock(body)).toEqual(record);
    expect(body.split('\n')[1]).toBe(acceptanceBlock(record));
  });

  it('long class names are cut in the note, never the instruction', () => {
    const long = Array.from({ length: 5 }, (_, i) => `test: class ${'x'.repeat(300)}${i} recall`);
    const note = uncoveredNote(recorded(accepted), long);
    expect(note).toContain('write `/modelgate accept <reason>` again');
    expect(note.indexOf('again')).toBeLessThan(note.indexOf('Not accepted'));
    expect(note).toContain('and 2 more');
    expect(note.length).toBeLessThan(650);
  });

  it('a record of 10 names out of more: says how many, not which', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `test: class c${i} recall`);
    const note = uncoveredNote(recorded(twelve), twelve.slice(0, 11));
    expect(note).toContain('accepted 12 regressions of this head');
    expect(note).toContain('has 11 regressions, not the ones accepted');
    expect(note).not.toContain('Not accepted:');
  });
});
