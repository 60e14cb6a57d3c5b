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
    for (let i = 0; i < ex.n; i++) {
      const row: string[] = [];
      for (let j = ex.truthOffsets[i]; j < ex.truthOffsets[i + 1]; j++) row.push(names[ex.truthIndices[j]]);
      row.sort();
      chunk += row.join('\u001f') + '\n';
      if (chunk.length > 65536) flush();
    }
  }
  flush();
  return h.digest('hex');
}
