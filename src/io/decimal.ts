// Parsing decimal numbers straight from bytes, without making a string per field.
// The result is always bit-identical to Number(text):
// - up to 15 significant digits and a power of ten up to 1e22: one IEEE operation on exact
//   operands is correctly rounded (Clinger's fast path);
// - up to 19 digits (what float64 repr and pandas write): the decimal is multiplied out in
//   double-double arithmetic (~104 bits), and the rounded double is taken only when the error
//   bound cannot reach a rounding boundary; otherwise (about 1 in 2^40 inputs) and for longer or
//   unusual spellings, Number() on the field's text decides.

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Buffer's fast latin1 slicer (not in @types/node). */
type Latin1 = Buffer & { latin1Slice(start: number, end: number): string };

// 10^e as an unevaluated sum hi + lo (~106 bits), for e in [E_MIN, E_MAX].
const E_MIN = -300;
const E_MAX = 290;
const P10_HI = new Float64Array(E_MAX - E_MIN + 1);
const P10_LO = new Float64Array(E_MAX - E_MIN + 1);
(() => {
  const ldexp = (x: number, n: number) => {
    while (n < -1000) {
      x *= 2 ** -1000;
      n += 1000;
    }
    return x * 2 ** n;
  };
  for (let e = E_MIN; e <= E_MAX; e++) {
    let q: bigint;
    let s = 0;
    if (e >= 0) q = 10n ** BigInt(e);
    else {
      s = Math.ceil(-e * Math.log2(10)) + 130;
      q = (1n << BigInt(s)) / 10n ** BigInt(-e);
    }
    const hi = Number(q);
    const lo = Number(q - BigInt(hi));
    P10_HI[e - E_MIN] = ldexp(hi, -s);
    P10_LO[e - E_MIN] = ldexp(lo, -s);
  }
})();

const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

/**
 * The number in bytes [s, e) of `b`, or NaN when the text is not a finite decimal number
 * (empty, "nan", "inf", hex, garbage...): callers then explain with `describeBadNumber`.
 * Overflowing spellings ("1e999") give ±Infinity, as Number() does.
 */
export function parseDecimal(b: Buffer, s: number, e: number): number {
  const v = parseDecimalPrefix(b, s, e);
  return prefixEnd === e && v === v ? v : slow(b, s, e);
}

let prefixEnd = 0;
/** Where the last `parseDecimalPrefix` stopped. */
export function decimalEnd(): number {
  return prefixEnd;
}

const POW10_TABLE = Float64Array.from(POW10);

/**
 * Whether the last number needed the general parser: the numbers of a file are spelled alike, so
 * after a long one (float64 repr, 17 digits) the next goes there at once instead of being read
 * twice (first by the short path, which gives up at its end): 30% of the parse time on such files.
 */
let lastWasLong = false;

/**
 * Where `parseGeneralPrefix` leaves its value: a double returned by a call that is not inlined is
 * a new heap object, and one per score was 600 MB of garbage on the 233 MB benchmark file.
 */
const general = new Float64Array(1);

/**
 * The longest well-formed decimal number at `s` (before `limit`): its value, with its end in
 * `decimalEnd()`; NaN when there is no digit. Callers check what follows the number.
 *
 * The common spelling first, in one small function that inlines into the caller's loop (twice
 * as fast on a score CSV, `npm run bench -- io`): [-]digits[.digits] with at most 15 digits in
 * all and no exponent is m / 10^f with m < 10^15 exact, one correctly rounded division
 * (Clinger's fast path, as below). Anything else goes to the general parser, and so does the
 * next number after one that did (`lastWasLong`).
 */
export function parseDecimalPrefix(b: Buffer, s: number, limit: number): number {
  if (lastWasLong) {
    parseGeneralPrefix(b, s, limit);
    return general[0];
  }
  let i = s;
  let c = i < limit ? b[i] : 0;
  const neg = c === 45;
  if (neg) c = ++i < limit ? b[i] : 0;
  const d0 = i;
  let m = 0;
  while (c >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    c = ++i < limit ? b[i] : 0;
  }
  let digits = i - d0;
  let frac = 0;
  if (c === 46) {
    const f0 = ++i;
    c = i < limit ? b[i] : 0;
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = ++i < limit ? b[i] : 0;
    }
    frac = i - f0;
    digits += frac;
  }
  if (digits === 0 || digits > 15 || c === 101 || c === 69) {
    parseGeneralPrefix(b, s, limit);
    return general[0];
  }
  prefixEnd = i;
  const v = m / POW10_TABLE[frac];
  return neg ? -v : v;
}

/** `parseDecimalPrefix` for every spelling (signs, exponents, 16 significant digits and more), into `general[0]`. */
function parseGeneralPrefix(b: Buffer, s: number, limit: number): void {
  let i = s;
  let c = i < limit ? b[i] : 0;
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let hi = 0; // first 15 significant digits
  let lo = 0; // the next up to 4
  let loDigits = 0;
  let digits = 0; // significant digits seen
  let exp = 0;
  let sawDigit = false;
  for (; i < limit; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    sawDigit = true;
    if (digits === 0 && d === 0) continue;
    if (digits < 15) hi = hi * 10 + d;
    else if (digits < 19) {
      lo = lo * 10 + d;
      loDigits++;
    } else exp++; // beyond 19 digits: Number() decides below
    digits++;
  }
  if (i < limit && b[i] === 46) {
    for (i++; i < limit; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      sawDigit = true;
      if (digits === 0 && d === 0) {
        exp--;
        continue;
      }
      if (digits < 15) {
        hi = hi * 10 + d;
        exp--;
      } else if (digits < 19) {
        lo = lo * 10 + d;
        loDigits++;
        exp--;
      }
      digits++;
    }
  }
  if (!sawDigit) {
    prefixEnd = s;
    general[0] = NaN;
    return;
  }
  // what the short path in parseDecimalPrefix gives up on
  lastWasLong = digits > 15;
  if (i < limit && ((c = b[i]) === 101 || c === 69)) {
    lastWasLong = true;
    // an exponent only counts with at least one digit
    let j = i + 1;
    let eneg = false;
    if (j < limit && (b[j] === 45 || b[j] === 43)) eneg = b[j++] === 45;
    let ev = 0;
    const start = j;
    for (; j < limit; j++) {
      const d = b[j] - 48;
      if (d < 0 || d > 9) break;
      if (ev < 100000) ev = ev * 10 + d;
    }
    if (j > start) {
      exp += eneg ? -ev : ev;
      i = j;
    }
  }
  prefixEnd = i;
  let v: number;
  if (digits > 19) {
    general[0] = Number((b as Latin1).latin1Slice(s, i));
    return;
  }
  if (digits === 0) v = 0;
  else if (loDigits === 0 && exp >= 0 && exp <= 22) v = hi * POW10[exp];
  else if (loDigits === 0 && exp < 0 && exp >= -22) v = hi / POW10[-exp];
  else {
    v = scaled(hi, lo, loDigits, exp);
    if (v !== v) {
      general[0] = Number((b as Latin1).latin1Slice(s, i));
      return;
    }
  }
  general[0] = neg ? -v : v;
}

/**
 * (hi * 10^loDigits + lo) * 10^exp correctly rounded, or NaN when the double-double result is
 * too close to a rounding boundary (or out of the table's range) to be sure.
 */
function scaled(hi: number, lo: number, loDigits: number, exp: number): number {
  if (exp < E_MIN || exp > E_MAX) return NaN;
  // m = hi * 10^loDigits + lo exactly, as mh + ml
  let mh = hi;
  let ml = 0;
  if (loDigits > 0) {
    const q = POW10[loDigits];
    const p = hi * q;
    let t = SPLIT * hi;
    const ah = t - (t - hi);
    const al = hi - ah;
    t = SPLIT * q;
    const bh = t - (t - q);
    const bl = q - bh;
    const pe = ah * bh - p + ah * bl + al * bh + al * bl;
    mh = p + lo;
    const bb = mh - p;
    ml = p - (mh - bb) + (lo - bb) + pe;
  }
  // x = m * 10^exp in double-double
  const ph = P10_HI[exp - E_MIN];
  const pl = P10_LO[exp - E_MIN];
  const p = mh * ph;
  let t = SPLIT * mh;
  const ah = t - (t - mh);
  const al = mh - ah;
  t = SPLIT * ph;
  const bh = t - (t - ph);
  const bl = ph - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl + (mh * pl + ml * ph);
  const x = p + pe;
  const xl = pe - (x - p);
  if (!(x > 1e-290 && x < 1e290)) return NaN;
  // Accept only when the whole error interval rounds to the same double.
  const d = x * 2 ** -96;
  const up = x + (xl + d);
  return up === x + (xl - d) ? up : NaN;
}

/** Number() on the text when it is a decimal number (never hex, binary, "Infinity"...); NaN otherwise. */
function slow(b: Buffer, s: number, e: number): number {
  const text = (b as Latin1).latin1Slice(s, e);
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/** Like parseDecimal, for text that is already a string (e.g. a quoted CSV cell). */
export function parseDecimalText(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/** Why a cell is not a finite number, e.g. "is NaN", "is empty", "is not a number ('abc')". */
export function describeBadNumber(text: string): string {
  const t = text.trim();
  if (t === '') return 'is empty';
  if (/^[+-]?nan$/i.test(t)) return 'is NaN';
  if (/^[+-]?inf(inity)?$/i.test(t) || (DECIMAL.test(t) && !Number.isFinite(Number(t)))) return 'is infinite';
  return `is not a number (${JSON.stringify(t.length > 40 ? t.slice(0, 40) + '…' : t)})`;
}
