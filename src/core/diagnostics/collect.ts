// What both evaluation pipelines (prediction files, model runs) collect for the diagnostics
// while the splits stream by: a scores accumulator per split (./scores.ts, fed by the reader or
// the model runner) and each example's key for leakage between splits (./leakage.ts): its id,
// or a hash of its features.

import type { ExampleBatch } from '../metrics/batch.js';
import type { Leakage } from '../report/types.js';
import { hashBytes, hashWords, type Key64 } from './hash64.js';
import { orderSplits } from '../compare/format.js';
import { LeakageTracker } from './leakage.js';
import { ScoreAccumulator } from './scores.js';

/** Longest id kept in a report's leakage examples. */
const ID_MAX = 200;
const UTF8 = new TextDecoder();

export class DiagnosticsCollector {
  private readonly tracker: LeakageTracker;
  private readonly key: Key64 = { hi: 0, lo: 0 };
  private splits = 0;
  /** Splits whose examples had no key (prediction files without ids): no pair with them is told. */
  private readonly unkeyed = new Set<string>();
  private current: { name: string; keyed: number; examples: number; rows: number } | null = null;

  constructor(readonly keyKind: Leakage['key']) {
    this.tracker = new LeakageTracker(keyKind, (a, b) => (a === b ? 0 : orderSplits([a, b])[0] === a ? -1 : 1));
  }

  /** Starts a split; its scores accumulator is the reader's (or runner's) ScoreSink, then goes to the report builder. */
  beginSplit(name: string): ScoreAccumulator {
    this.tracker.beginSplit(name);
    this.splits++;
    this.current = { name, keyed: 0, examples: 0, rows: 0 };
    return new ScoreAccumulator();
  }

  /** A batch of decisions (with its ids when the reader had them). */
  batch(b: ExampleBatch): void {
    const cur = this.current!;
    cur.examples += b.n;
    if (this.keyKind !== 'id' || !b.ids) return;
    const { bytes, ends } = b.ids;
    for (let i = 0, start = 0; i < ends.length; start = ends[i++]) {
      const [s, e] = [start, ends[i]];
      this.tracker.add(hashBytes(bytes, s, e, this.key), () => {
        const id = UTF8.decode(bytes.subarray(s, e));
        return id.length > ID_MAX ? `${id.slice(0, ID_MAX - 1)}…` : id;
      });
    }
    cur.keyed += ends.length;
  }

  /** Model runs: `n` examples' features (row-major float32, `size` per example), keyed by their bits. */
  features(x: Float32Array, n: number, size: number): void {
    const cur = this.current!;
    const split = cur.name;
    const words = new Uint32Array(x.buffer, x.byteOffset, n * size);
    for (let i = 0; i < n; i++) {
      const row = ++cur.rows;
      this.tracker.add(hashWords(words, i * size, size, this.key), () => `${split} row ${row}`);
    }
    cur.keyed += n;
  }

  endSplit(): void {
    const cur = this.current!;
    if (cur.keyed !== cur.examples && this.keyKind === 'id') this.unkeyed.add(cur.name);
    this.tracker.endSplit();
    this.current = null;
  }

  /**
   * Leakage between the pairs of splits whose examples all had keys: a split without ids leaves
   * out its own pairs only (one file without ids turned the check off for every pair, so a head
   * that dropped train's ids hid validation's examples leaked into test); none when no pair is left.
   */
  leakage(): Leakage | undefined {
    if (this.splits < 2) return undefined;
    const r = this.tracker.result();
    const pairs = r.pairs.filter((p) => !this.unkeyed.has(p.splits[0]) && !this.unkeyed.has(p.splits[1]));
    return pairs.length ? { ...r, pairs } : undefined;
  }
}
