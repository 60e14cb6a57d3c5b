// Deterministic pseudo-random numbers in 32-bit integer arithmetic (same stream on every
// platform): splitmix32 to expand a seed, xoshiro128** for the stream, and exact Poisson draws.

import { lgamma } from './special.js';

/** splitmix32: turns any 32-bit seed into well-mixed state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over a string, to derive independent streams from (seed, name). */
export function hashString(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, stream = '') {
    const st = { s: (seed ^ hashString(stream)) | 0 };
    this.s0 = splitmix32(st);
    this.s1 = splitmix32(st);
    this.s2 = splitmix32(st);
    this.s3 = splitmix32(st);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** xoshiro128**: next unsigned 32-bit integer. */
  nextU32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * Fills out[g] with a Poisson(counts[g]) draw. The common case, a single example
   * (Poisson(1)), is inlined: xoshiro128** on local state and a lookup on the word's top 16
   * bits, with poisson1's exact path for the rare words near a threshold. The same words give
   * the same draws as poisson1 would.
   */
  fillPoisson(counts: Float64Array, out: Int32Array): void {
    let s0 = this.s0,
      s1 = this.s1,
      s2 = this.s2,
      s3 = this.s3;
    const lut = POISSON1_TOP16;
    for (let g = 0; g < counts.length; g++) {
      if (counts[g] !== 1) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        out[g] = poisson(this, counts[g]);
        s0 = this.s0;
        s1 = this.s1;
        s2 = this.s2;
        s3 = this.s3;
        continue;
      }
      const x = Math.imul(s1, 5);
      const u = Math.imul((x << 7) | (x >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const k = lut[u >>> 16];
      if (k >= 0) out[g] = k;
      else {
        // Rare: the word's bucket straddles a threshold. Decide it exactly.
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        out[g] = poisson1From(u >>> 0, this);
        s0 = this.s0;
        s1 = this.s1;
        s2 = this.s2;
        s3 = this.s3;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Uniform integer in [0, n) for n <= 2^32 (rejection: no modulo bias). */
  below(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const u = this.nextU32();
      if (u < limit) return u % n;
    }
  }
}

/** CDF of Poisson(1) up to where it is 1 in double precision, for inversion. */
const POISSON1_CDF: Float64Array = (() => {
  const out: number[] = [];
  let p = Math.exp(-1);
  let F = p;
  for (let k = 0; k < 40 && F < 1; k++) {
    out.push(F);
    p /= k + 1;
    F += p;
  }
  out.push(1);
  return Float64Array.from(out);
})();
/** floor(CDF * 2^32): decides a draw from one 32-bit word except when the word equals a threshold. */
const POISSON1_T32: Float64Array = POISSON1_CDF.map((F) => Math.floor(F * 4294967296));

/**
 * The draw for each value of a word's top 16 bits, when every word with those top bits gives the
 * same draw strictly between two thresholds; -1 for the few buckets that straddle a threshold.
 * One table lookup per draw instead of unpredictable comparisons.
 */
const POISSON1_TOP16: Int8Array = (() => {
  const lut = new Int8Array(65536);
  let k = 0;
  for (let b = 0; b < 65536; b++) {
    const lo = b * 65536;
    const hi = lo + 65535;
    while (lo > POISSON1_T32[k]) k++;
    const below = k === 0 ? -1 : POISSON1_T32[k - 1];
    lut[b] = lo > below && hi < POISSON1_T32[k] ? k : -1;
  }
  return lut;
})();

/**
 * Exact Poisson(1) draw by inversion of the precomputed CDF. One 32-bit word settles the draw
 * unless it equals a table threshold (probability ~2^-32 per draw); then more bits decide, so
 * the draw is exact inversion of a 64-bit uniform.
 */
export function poisson1(rng: Rng): number {
  return poisson1From(rng.nextU32(), rng);
}

function poisson1From(u: number, rng: Rng): number {
  let k = 0;
  while (u > POISSON1_T32[k]) k++;
  if (u === POISSON1_T32[k]) {
    const x = (u + rng.nextU32() / 4294967296) / 4294967296;
    while (x >= POISSON1_CDF[k]) k++;
  }
  return k;
}

/** Fills out[g] with a Poisson(counts[g]) draw for every g (the bootstrap's inner loop). */
export function fillPoisson(rng: Rng, counts: Float64Array, out: Int32Array): void {
  rng.fillPoisson(counts, out);
}

/**
 * Exact Poisson(lambda) draw: inversion for lambda < 10, Hörmann's transformed rejection
 * (PTRS, 1993; as in numpy) above. The bootstrap uses it to draw the summed weight of `count`
 * identical examples at once: a sum of `count` independent Poisson(1) is Poisson(count).
 */
export function poisson(rng: Rng, lambda: number): number {
  if (lambda === 1) return poisson1(rng);
  if (lambda <= 0) return 0;
  if (lambda < 10) {
    const u = rng.uniform();
    let k = 0;
    let p = Math.exp(-lambda);
    let F = p;
    while (u >= F && p > 0) {
      k++;
      p *= lambda / k;
      F += p;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.uniform() - 0.5;
    const V = rng.uniform();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1))
      return k;
  }
}
