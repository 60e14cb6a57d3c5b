// The label fingerprint of a split: sha256 over the true label NAMES of every example in order,
// so two reports over the same examples match whatever their class order. Multi-label: the
// names of one example sorted (by UTF-16 code units) and joined by U+001F. Every example ends
// with "\n". Read from consecutive pieces of the examples (a split's store, ./example-store.ts).

import { createHash } from 'node:crypto';
import type { SplitExamples } from './types.js';

export function labelFingerprint(pieces: Iterable<SplitExamples>, names: readonly string[]): string {
  const out = new HashBuffer();
  // UTF-8 bytes of each name once, copied into a reused buffer: no string per example, whose
  // garbage grew the heap by 12 MB at 1M examples (issue 14).
  const utf8 = names.map((name) => Buffer.from(name, 'utf8'));
  // A row's names in sorted order without sorting strings per row: each class's rank among the
  // sorted names, then the row's few indices sorted by rank (issue 14: this was a tenth of the
  // time of a large multi-label evaluation).
  let rank: Uint32Array | undefined;
  let row = new Uint32Array(16);
  for (const ex of pieces) {
    if (ex.task === 'multiclass') {
      for (let i = 0; i < ex.n; i++) {
        out.put(utf8[ex.truth[i]]);
        out.byte(NEWLINE);
      }
      continue;
    }
    const rk = (rank ??= ranks(names));
    for (let i = 0; i < ex.n; i++) {
      const start = ex.truthOffsets[i];
      const m = ex.truthOffsets[i + 1] - start;
      if (m > row.length) row = new Uint32Array(m);
      for (let k = 0; k < m; k++) {
        const c = ex.truthIndices[start + k];
        let j = k - 1;
        for (; j >= 0 && rk[row[j]] > rk[c]; j--) row[j + 1] = row[j];
        row[j + 1] = c;
      }
      for (let k = 0; k < m; k++) {
        if (k) out.byte(UNIT_SEPARATOR);
        out.put(utf8[row[k]]);
      }
      out.byte(NEWLINE);
    }
  }
  return out.digest();
}

const NEWLINE = 0x0a;
const UNIT_SEPARATOR = 0x1f;

/** sha256 fed through a 64 KB buffer. */
class HashBuffer {
  private readonly hash = createHash('sha256');
  private readonly buf = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  put(bytes: Uint8Array): void {
    if (this.at + bytes.length > this.buf.length) {
      this.flush();
      if (bytes.length > this.buf.length) return void this.hash.update(bytes);
    }
    this.buf.set(bytes, this.at);
    this.at += bytes.length;
  }

  byte(b: number): void {
    if (this.at === this.buf.length) this.flush();
    this.buf[this.at++] = b;
  }

  private flush(): void {
    this.hash.update(this.buf.subarray(0, this.at));
    this.at = 0;
  }

  digest(): string {
    this.flush();
    return this.hash.digest('hex');
  }
}

/** Each class's rank among the names sorted by UTF-16 code units. */
function ranks(names: readonly string[]): Uint32Array {
  const rank = new Uint32Array(names.length);
  names
    .map((name, c) => ({ name, c }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .forEach(({ c }, r) => (rank[c] = r));
  return rank;
}
