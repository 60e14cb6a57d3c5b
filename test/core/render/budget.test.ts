import { fitSections, renderSection, utf16Length, utf8Length, type Section } from '../../../src/core/render/budget.js';

function listSection(id: string, rank: number, n: number, itemLength = 10): Section {
  return {
    id,
    rank,
    head: `<details>\n<summary>${id}</summary>\n\n`,
    items: Array.from({ length: n }, (_, i) => `- ${String(i).padEnd(itemLength - 2, 'x')}`),
    sep: '\n',
    tail: '\n\n</details>',
    more: (k) => `\n\n… ${k} more`,
    empty: (k) => `${id}: ${k} left out`,
  };
}

describe('renderSection', () => {
  const s = listSection('a', 0, 3);
  it('renders all items with head and tail', () => {
    expect(renderSection(s, 3)).toBe(
      '<details>\n<summary>a</summary>\n\n- 0xxxxxxx\n- 1xxxxxxx\n- 2xxxxxxx\n\n</details>',
    );
  });
  it('keeps the tail and says how many were left out', () => {
    expect(renderSection(s, 1)).toBe('<details>\n<summary>a</summary>\n\n- 0xxxxxxx\n\n… 2 more\n\n</details>');
  });
  it('uses the empty form when no item is kept', () => {
    expect(renderSection(s, 0)).toBe('a: 3 left out');
  });
});

describe('items omitted before fitting (a capped table)', () => {
  const s: Section = { ...listSection('a', 0, 3), omitted: 5 };
  it('are counted in the note even when every kept item fits, and added to what the budget drops', () => {
    expect(renderSection(s, 3)).toContain('- 2xxxxxxx\n\n… 5 more\n\n</details>');
    expect(renderSection(s, 1)).toContain('- 0xxxxxxx\n\n… 7 more\n\n</details>');
    expect(renderSection(s, 0)).toBe('a: 8 left out');
  });
  it('the fitted length is the rendered length', () => {
    const full = renderSection(s, 3);
    const fitted = fitSections([s], '\n\n', full.length - 1, utf16Length);
    expect(fitted.text).toBe(renderSection(s, 2));
    expect(fitted.dropped).toEqual({ a: 1 });
    expect(fitSections([s], '\n\n', full.length, utf16Length).text).toBe(full);
  });
});

describe('fitSections', () => {
  it('returns everything when it fits', () => {
    const r = fitSections([listSection('a', 0, 5), listSection('b', 1, 5)], '\n\n', 10_000, utf16Length);
    expect(r.fits).toBe(true);
    expect(r.dropped).toEqual({});
  });

  it('shrinks the lowest-ranked section first, then the next', () => {
    const sections = [listSection('important', 10, 50), listSection('table', 0, 200), listSection('noise', 5, 100)];
    const full = fitSections(sections, '\n\n', 1e9, utf16Length).text.length;
    // Enough room for everything but about half of the table.
    const r1 = fitSections(sections, '\n\n', full - 1000, utf16Length);
    expect(r1.fits).toBe(true);
    expect(r1.text.length).toBeLessThanOrEqual(full - 1000);
    expect(Object.keys(r1.dropped)).toEqual(['table']);
    expect(r1.dropped.table).toBeGreaterThan(80);
    expect(r1.dropped.table).toBeLessThan(120);
    // Less room: the table is gone, the noise list shrinks, the important list is intact.
    const r2 = fitSections(sections, '\n\n', 1200, utf16Length);
    expect(r2.fits).toBe(true);
    expect(r2.text.length).toBeLessThanOrEqual(1200);
    expect(r2.dropped.table).toBe(200);
    expect(r2.dropped.noise).toBeGreaterThan(0);
    expect(r2.dropped.important).toBeUndefined();
    expect(r2.text).toContain('table: 200 left out');
  });

  it('keeps the budget tight: one more item would not fit', () => {
    const sections = [listSection('t', 0, 500)];
    for (const budget of [300, 1000, 2777]) {
      const r = fitSections(sections, '\n\n', budget, utf16Length);
      expect(r.text.length).toBeLessThanOrEqual(budget);
      const kept = 500 - (r.dropped.t ?? 0);
      expect(renderSection(sections[0], kept + 1).length).toBeGreaterThan(budget - 2);
    }
  });

  it('reports when even the empty forms do not fit', () => {
    const r = fitSections(
      [{ id: 'v', rank: Infinity, head: 'x'.repeat(100), items: [], sep: '', tail: '' }],
      '\n\n',
      50,
      utf16Length,
    );
    expect(r.fits).toBe(false);
  });
});

describe('measures', () => {
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('−')).toBe(3);
    expect(utf8Length('🐈')).toBe(4);
    expect(utf8Length('a é − 🐈')).toBe(new TextEncoder().encode('a é − 🐈').length);
  });
});
