// The label fingerprint of a split: sha256 over the true label NAMES of every example in order,
// so two reports over the same examples match whatever their class order. Multi-label: the
// names of one example sorted (by UTF-16 code units) and joined by U+001F. Every example ends
// with "\n".

import { createHash } from 'node:crypto';
import type { SplitExamples } from './types.js';

export function labelFingerprint(ex: SplitExamples, names: readonly string[]): string {
  const h = createHash('sha256');
  let chunk = '';
  const flush = () => {
    h.update(chunk, 'utf8');
    chunk = '';
  };
  if (ex.task === 'multiclass') {
    for (let i = 0; i < ex.n; i++) {
      chunk += names[ex.truth[i]] + '\n';
      if (chunk.length > 65536) flush();
    }
  } else {
    // A row's names in sorted order without sorting strings per row: each class's rank among the
    // sorted names, then the row's few indices sorted by rank (issue 14: this was a tenth of the
    // time of a large multi-label evaluation).
    const rank = new Uint32Array(names.length);
    names
      .map((name, c) => ({ name, c }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .forEach(({ c }, r) => (rank[c] = r));
    let row = new Uint32Array(16);
    for (let i = 0; i < ex.n; i++) {
      const start = ex.truthOffsets[i];
      const m = ex.truthOffsets[i + 1] - start;
      if (m > row.length) row = new Uint32Array(m);
      for (let k = 0; k < m; k++) {
        const c = ex.truthIndices[start + k];
        let j = k - 1;
        for (; j >= 0 && rank[row[j]] > rank[c]; j--) row[j + 1] = row[j];
        row[j + 1] = c;
      }
      for (let k = 0; k < m; k++) chunk += k ? '\u001f' + names[row[k]] : names[row[k]];
      chunk += '\n';
      if (chunk.length > 65536) flush();
    }
  }
  flush();
  return h.digest('hex');
}
