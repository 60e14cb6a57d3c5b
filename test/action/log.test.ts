// logLine: whatever text goes in, one line comes out that the runner cannot take for a workflow
// command (`::cmd::` at the start after blanks, or the legacy `##[cmd]` anywhere).
import { describe, expect, it } from '@jest/globals';
import { logLine } from '../../src/action/log.js';

/** How the runner splits the output into lines and spots a command (TrimStart, then the prefix). */
function commandLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((l) => l.replace(/^[\s\u0085]+/, '').startsWith('::') || l.includes('##['));
}

describe('logLine', () => {
  it.each([
    ['a newline', "class 'x\n::set-output name=verdict::pass'"],
    ['a carriage return', 'x\r::add-mask::secret'],
    ['CRLF and NEL', 'x\r\n::stop-commands::tok\u0085::error::y'],
    ['a leading command', '::set-output name=verdict::pass'],
    ['blanks before a command', ' \t\u00a0\u3000::add-mask::x'],
    ['a legacy command mid-line', 'names: ##[set-output name=verdict;]pass'],
  ])('neutralizes %s', (_, text) => {
    expect(commandLines(text)).not.toEqual([]); // the raw text would be a command
    const line = logLine(text);
    expect(commandLines(line)).toEqual([]);
    expect(line).not.toMatch(/[\r\n\u0085\u2028\u2029]/);
  });
  it('keeps the visible text (the reader still sees what the name was)', () => {
    const line = logLine('x\n::set-output name=verdict::pass');
    expect(line.replace(/\u2060/g, '')).toBe('x ::set-output name=verdict::pass');
    expect(logLine('::add-mask::x').replace(/\u2060/g, '')).toBe('::add-mask::x');
  });
  it('leaves ordinary lines alone', () => {
    for (const s of ['verdict: pass', 'split test: predictions/test.csv', 'a: b :: c', ':one colon'])
      expect(logLine(s)).toBe(s);
  });
  it('makes Unicode line and paragraph separators spaces too (log viewers may break there)', () => {
    expect(logLine('x\u2028::warning::a\u2029b\u0085c')).toBe('x ::warning::a b c');
  });
  it('replaces other control characters (terminal escapes) with U+FFFD', () => {
    expect(logLine('a\u001b[31mred\u0000')).toBe('a\uFFFD[31mred\uFFFD');
  });
});
