// Fitting a document under a length limit without ever producing broken Markdown: a document
// is a list of sections, each made of atomic items (a table row, a list item, a name in an
// inline list). Shrinking drops whole items from the end of the least important sections
// first and says how many were left out; a section's head and tail (table header, `<details>`,
// `</details>`) are always emitted together, so tags stay balanced.

export interface Section {
  /** Stable name, for tests and debugging. */
  id: string;
  /** Shrink order: sections with the lowest rank lose items first. Infinity = shrink only as a last resort. */
  rank: number;
  head: string;
  items: string[];
  /** Between items: '\n' for rows and list items, ', ' for inline lists. */
  sep: string;
  tail: string;
  /** Items left out before fitting (a cap on a long table): counted in `more` and `empty` with the ones the budget drops. */
  omitted?: number;
  /** Appended right after the kept items when `dropped` > 0 items were left out (carries its own leading separator). */
  more?: (dropped: number) => string;
  /** Replaces the whole section when no item is kept ('' removes it). Defaults to head + more + tail. */
  empty?: (dropped: number) => string;
}

/** How a consumer counts length (UTF-8 bytes for the comment and the job summary; UTF-16 units in tests). */
export type Measure = (text: string) => number;

export const utf16Length: Measure = (text) => text.length;

export const utf8Length: Measure = (text) => {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
};

/** Renders a section keeping its first `keep` items. */
export function renderSection(s: Section, keep: number): string {
  const n = s.items.length;
  const k = Math.max(0, Math.min(keep, n));
  const dropped = n - k + (s.omitted ?? 0);
  if (k === 0 && n > 0) {
    if (s.empty) return s.empty(dropped);
    return s.head + (s.more ? s.more(dropped) : '') + s.tail;
  }
  const body = s.items.slice(0, k).join(s.sep);
  return s.head + body + (dropped > 0 && s.more ? s.more(dropped) : '') + s.tail;
}

export interface Fitted {
  text: string;
  /** Items left out, per section id. */
  dropped: Record<string, number>;
  fits: boolean;
}

/**
 * Joins the sections with `joiner` (blank lines), shrinking the lowest-ranked sections until
 * `measure(text) <= budget`. When even every section at its empty form does not fit,
 * `fits` is false and the caller falls back to a minimal document.
 * Both measures are additive over concatenation of whole strings, so a section's length for
 * any number of kept items comes from prefix sums, without rendering it.
 */
export function fitSections(sections: Section[], joiner: string, budget: number, measure: Measure): Fitted {
  const joinLen = measure(joiner);
  const sized = sections.map((s) => {
    const prefix = new Float64Array(s.items.length + 1);
    s.items.forEach((item, i) => (prefix[i + 1] = prefix[i] + measure(item)));
    const fixed = measure(s.head) + measure(s.tail);
    const sepLen = measure(s.sep);
    /** Length of the section rendered with its first k items. */
    const size = (k: number): number => {
      const n = s.items.length;
      if (k === 0 && n > 0) return measure(renderSection(s, 0));
      const dropped = n - k + (s.omitted ?? 0);
      return fixed + prefix[k] + Math.max(0, k - 1) * sepLen + (dropped > 0 && s.more ? measure(s.more(dropped)) : 0);
    };
    return { s, size };
  });
  const keep = sections.map((s) => s.items.length);
  const lens = sized.map((z, i) => z.size(keep[i]));
  // Empty renderings are skipped by the join, with their joiner.
  const total = (): number => {
    const present = lens.filter((l) => l > 0);
    return present.reduce((a, b) => a + b, 0) + Math.max(0, present.length - 1) * joinLen;
  };
  let current = total();
  const order = sections.map((_, i) => i).sort((a, b) => sections[a].rank - sections[b].rank || b - a);
  for (const i of order) {
    if (current <= budget) break;
    const others = current - lens[i];
    // Largest k that fits in what the other sections leave; lengths grow with k (the "N more"
    // note differs by a few digits at most), so a binary search holds.
    const fits = (k: number): boolean => others + sized[i].size(k) + joinLen <= budget;
    let lo = 0;
    let hi = keep[i];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    keep[i] = lo;
    lens[i] = sized[i].size(lo);
    current = total();
  }
  const text = sections
    .map((s, i) => renderSection(s, keep[i]))
    .filter((r) => r !== '')
    .join(joiner);
  const dropped: Record<string, number> = {};
  sections.forEach((s, i) => {
    if (keep[i] < s.items.length) dropped[s.id] = s.items.length - keep[i];
  });
  return { text, dropped, fits: measure(text) <= budget };
}
