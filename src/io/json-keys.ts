// Repeated keys in a JSON lines object: JSON.parse keeps the last value of a repeated key, so
// {"label":"a","pred":"a","label":"b"} would silently read as label "b". Each key of the text has
// one ':' after it, outside strings, so a line with no more ':' bytes than its parsed keys repeats
// none: only the other lines (a repeated key, a ':' in a string, nested objects) are scanned.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** The keys of a line that modelgate reads (the keys inside "scores" are checked too). */
const READ_KEYS = new Set(['label', 'labels', 'pred', 'preds', 'scores', 'id']);

export interface RepeatedKey {
  /** True for a class key inside the "scores" object, false for a key of the line's object. */
  inScores: boolean;
  key: string;
}

/**
 * The first read key that the JSON object in buf[s, e) repeats, or null. `parsed`: the keys its
 * parse holds, at its top and in its "scores" object (the caller counts them).
 */
export function repeatedKey(buf: Buffer, s: number, e: number, parsed: number): RepeatedKey | null {
  if (colons(buf, s, e) === parsed) return null;
  const keys = scanKeys(buf, s, e);
  const top = firstRepeat(keys.top.filter((k) => READ_KEYS.has(k)));
  if (top !== null) return { inScores: false, key: top };
  const inScores = firstRepeat(keys.scores);
  return inScores === null ? null : { inScores: true, key: inScores };
}

/** The ':' bytes (native searches: most bytes of a line of scores are digits). */
function colons(buf: Buffer, s: number, e: number): number {
  let n = 0;
  for (let i = buf.indexOf(COLON, s); i >= 0 && i < e; i = buf.indexOf(COLON, i + 1)) n++;
  return n;
}

/** Every key of the line's object and of its "scores" object, in order, repeats included. */
function scanKeys(buf: Buffer, s: number, e: number): { top: string[]; scores: string[] } {
  const out = { top: [] as string[], scores: [] as string[] };
  let depth = 0;
  // The depth of the "scores" object's keys while inside it, else -1.
  let scoresDepth = -1;
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c === OPEN || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE || c === CLOSE_ARRAY) {
      if (depth === scoresDepth) scoresDepth = -1;
      depth--;
    } else if (c === QUOTE) {
      const end = stringEnd(buf, i + 1, e);
      const colon = nextNonSpace(buf, end + 1, e);
      if (buf[colon] === COLON) {
        const key = keyText(buf, i, end);
        if (depth === 1) {
          out.top.push(key);
          if (key === 'scores' && buf[nextNonSpace(buf, colon + 1, e)] === OPEN) scoresDepth = 2;
        } else if (depth === scoresDepth) out.scores.push(key);
      }
      i = end;
    }
  }
  return out;
}

/** The closing quote of the string whose text starts at p (the line parsed, so there is one). */
function stringEnd(buf: Buffer, p: number, e: number): number {
  for (;;) {
    const q = buf.indexOf(QUOTE, p);
    if (q < 0 || q >= e) return e;
    let escapes = 0;
    while (buf[q - 1 - escapes] === BACKSLASH) escapes++;
    if (escapes % 2 === 0) return q;
    p = q + 1;
  }
}

function nextNonSpace(buf: Buffer, p: number, e: number): number {
  while (p < e && (buf[p] === 0x20 || buf[p] === 0x09 || buf[p] === 0x0d || buf[p] === 0x0a)) p++;
  return p;
}

/** The key between the quotes at `open` and `close`, its escapes decoded as JSON.parse does. */
function keyText(buf: Buffer, open: number, close: number): string {
  const raw = buf.toString('utf8', open + 1, close);
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}

function firstRepeat(keys: string[]): string | null {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return null;
}
