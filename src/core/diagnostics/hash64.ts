// A 64-bit non-cryptographic hash (two 32-bit lanes, cyrb64-style mixing) used as the content
// key of an example for leakage between splits. Treated as 64 random bits: two different
// examples share a key with probability 2^-64, so among a x b pairs of examples of two splits
// the expected number of false matches is at most a*b / 2^64 (see ./leakage.ts).

const SEED_1 = 0xdeadbeef;
const SEED_2 = 0x41c6ce57;

/** The two 32-bit halves of a key. */
export interface Key64 {
  hi: number;
  lo: number;
}

function finish(h1: number, h2: number, out: Key64): Key64 {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  out.hi = h1 >>> 0;
  out.lo = h2 >>> 0;
  return out;
}

/** Key of the bytes b[start..end) (e.g. an id's UTF-8). */
export function hashBytes(b: Uint8Array, start: number, end: number, out: Key64 = { hi: 0, lo: 0 }): Key64 {
  const len = end - start;
  let h1 = SEED_1 ^ len;
  let h2 = SEED_2 ^ len;
  for (let i = start; i < end; i++) {
    const c = b[i];
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
    h1 ^= h1 >>> 15;
    h2 ^= h2 >>> 15;
  }
  return finish(h1, h2, out);
}

/** Key of a string (its UTF-16 code units). */
export function hashString(s: string, out: Key64 = { hi: 0, lo: 0 }): Key64 {
  let h1 = SEED_1 ^ s.length;
  let h2 = SEED_2 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
    h1 ^= h1 >>> 15;
    h2 ^= h2 >>> 15;
  }
  return finish(h1, h2, out);
}

/** Key of `len` 32-bit words from `words[start]` (e.g. one example's float32 features). */
export function hashWords(words: Uint32Array, start: number, len: number, out: Key64 = { hi: 0, lo: 0 }): Key64 {
  let h1 = SEED_1 ^ len;
  let h2 = SEED_2 ^ len;
  for (let i = start, end = start + len; i < end; i++) {
    const w = words[i];
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
    h1 ^= h1 >>> 15;
    h2 ^= h2 >>> 15;
  }
  return finish(h1, h2, out);
}
