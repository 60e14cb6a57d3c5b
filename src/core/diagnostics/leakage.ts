// Leakage: examples that occur in more than one split, by a 64-bit key per example (./hash64.ts:
// the `id` of prediction files, or the features of a model run). Splits are streamed one after
// the other; each finished split's keys are kept in an open-addressing table (16 bytes a key at
// most), so an example of a later split is looked up as it streams by and the first few leaked
// ones are named. Exact up to LEAKAGE_MAX_KEYS keys in all; beyond that cap, only keys whose top
// k bits are zero are kept (k grows by one each time the cap is reached). The selection is by
// key, so a leaked example is kept in both splits or in neither, and the counts, scaled by 2^k,
// are unbiased estimates; the report says so (`sampled`).

import type { Leakage, LeakagePair } from '../report/types.js';
import type { Key64 } from './hash64.js';

/** Keys kept in all splits before sampling starts: 4M keys, at most 64 MB of tables. */
export const LEAKAGE_MAX_KEYS = 4_000_000;
/** Leaked examples named per pair of splits. */
export const LEAKAGE_EXAMPLES = 5;

/** A multiset of 64-bit keys (open addressing, linear probing; a key 0:0 is stored as 0:1). */
class KeySet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** How many examples have the key of each slot. */
  private counts: Uint32Array;
  size = 0;
  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.counts = new Uint32Array(cap);
  }
  private slot(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    while (this.hi[i] !== 0 || this.lo[i] !== 0) {
      if (this.hi[i] === hi && this.lo[i] === lo) return i;
      i = (i + 1) & mask;
    }
    return i;
  }
  add(hi: number, lo: number, times = 1): void {
    if (hi === 0 && lo === 0) lo = 1;
    const i = this.slot(hi, lo);
    if (this.hi[i] === 0 && this.lo[i] === 0) {
      this.hi[i] = hi;
      this.lo[i] = lo;
      this.size++;
    }
    this.counts[i] += times;
  }
  /** Examples with this key. */
  count(hi: number, lo: number): number {
    if (hi === 0 && lo === 0) lo = 1;
    return this.counts[this.slot(hi, lo)];
  }
  has(hi: number, lo: number): boolean {
    return this.count(hi, lo) > 0;
  }
  /** Examples of this set whose key `other` holds. */
  examplesIn(other: KeySet): number {
    let n = 0;
    for (let i = 0; i < this.hi.length; i++)
      if (this.counts[i] > 0 && other.has(this.hi[i], this.lo[i])) n += this.counts[i];
    return n;
  }
  /** The keys kept by a stricter sampling level. */
  filtered(keep: (hi: number) => boolean): KeySet {
    const out = new KeySet(this.size);
    for (let i = 0; i < this.hi.length; i++)
      if (this.counts[i] > 0 && keep(this.hi[i])) out.add(this.hi[i], this.lo[i], this.counts[i]);
    return out;
  }
}

/** Keys of the split being read, in order (duplicates kept: each example counts). */
class KeyList {
  hi = new Uint32Array(1024);
  lo = new Uint32Array(1024);
  length = 0;
  push(hi: number, lo: number): void {
    if (this.length === this.hi.length) {
      const h = new Uint32Array(this.length * 2);
      const l = new Uint32Array(this.length * 2);
      h.set(this.hi);
      l.set(this.lo);
      this.hi = h;
      this.lo = l;
    }
    this.hi[this.length] = hi;
    this.lo[this.length++] = lo;
  }
  filter(keep: (hi: number) => boolean): void {
    let w = 0;
    for (let i = 0; i < this.length; i++)
      if (keep(this.hi[i])) {
        this.hi[w] = this.hi[i];
        this.lo[w++] = this.lo[i];
      }
    this.length = w;
  }
}

interface DoneSplit {
  name: string;
  examples: number;
  keys: KeySet;
}

export class LeakageTracker {
  private done: DoneSplit[] = [];
  private current: { name: string; examples: number; keys: KeyList; named: string[][] } | null = null;
  /** Keys are kept when their top `level` bits are zero. */
  private level = 0;
  private pairs: LeakagePair[] = [];

  /**
   * `order` puts two split names in reading order (train before validation before test): each
   * pair counts the examples of the later one found in the earlier one, whatever the order the
   * splits were read in.
   */
  constructor(
    readonly key: Leakage['key'],
    private readonly order: (a: string, b: string) => number = () => 0,
    private readonly maxKeys = LEAKAGE_MAX_KEYS,
  ) {}

  private kept = (hi: number): boolean => this.level === 0 || hi >>> (32 - this.level) === 0;

  beginSplit(name: string): void {
    if (this.current) throw new Error('LeakageTracker: a split is already open');
    this.current = { name, examples: 0, keys: new KeyList(), named: this.done.map(() => []) };
  }

  /** One example of the open split; `label` names it (only called when it leaked and is listed). */
  add(key: Key64, label: () => string): void {
    const cur = this.current!;
    cur.examples++;
    const { hi, lo } = key;
    for (let d = 0; d < this.done.length; d++)
      if (cur.named[d].length < LEAKAGE_EXAMPLES && this.done[d].keys.has(hi, lo)) cur.named[d].push(label());
    if (!this.kept(hi)) return;
    cur.keys.push(hi, lo);
    if (this.total() + cur.keys.length > this.maxKeys) this.tighten();
  }

  private total(): number {
    return this.done.reduce((a, d) => a + d.keys.size, 0);
  }

  /** Halves the sampled share until the keys fit under the cap. */
  private tighten(): void {
    const cur = this.current!;
    while (this.level < 32 && this.total() + cur.keys.length > this.maxKeys) {
      this.level++;
      for (const d of this.done) d.keys = d.keys.filtered(this.kept);
      cur.keys.filter(this.kept);
    }
  }

  endSplit(): void {
    const cur = this.current!;
    this.current = null;
    const scale = 2 ** this.level;
    const keys = new KeySet(cur.keys.length);
    for (let i = 0; i < cur.keys.length; i++) keys.add(cur.keys.hi[i], cur.keys.lo[i]);
    this.done.forEach((d, k) => {
      // Keys of earlier splits were filtered to the current level too, so the two sides agree.
      const reversed = this.order(cur.name, d.name) < 0;
      const [first, later] = reversed ? [cur, d] : [d, cur];
      const hits = reversed ? d.keys.examplesIn(keys) : keys.examplesIn(d.keys);
      const count = Math.min(later.examples, Math.round(hits * scale));
      this.pairs.push({
        splits: [first.name, later.name],
        count,
        share: later.examples ? count / later.examples : 0,
        // The examples named are those read second; by id (or content) they are in both splits.
        examples: count > 0 ? cur.named[k] : [],
      });
    });
    this.done.push({ name: cur.name, examples: cur.examples, keys });
  }

  result(): Leakage {
    let falseMatches = 0;
    for (let a = 0; a < this.done.length; a++)
      for (let b = a + 1; b < this.done.length; b++)
        falseMatches += (this.done[a].examples * this.done[b].examples) / 2 ** 64;
    return { key: this.key, sampled: 2 ** -this.level, falseMatches, pairs: this.pairs };
  }
}
