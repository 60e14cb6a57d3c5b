// Rendering time and size of the PR comment, job summary and terminal text for large
// comparisons: 485 and 5,000 labels with ~200-character names on two splits (the comment must
// be cut to GitHub's 65,536-character limit, the summary to 1 MiB).

import { renderComment, renderSummary, renderText } from '../src/core/render/index.js';
import { bigComparison, longLabel } from '../test/helpers/comparisons.js';

function time<T>(f: () => T, repeat: number): { ms: number; out: T } {
  let out = f(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) out = f();
  return { ms: (performance.now() - t0) / repeat, out };
}

export async function run(): Promise<void> {
  const ctx = {
    key: 'bench',
    runUrl: 'https://github.com/acme/ml/actions/runs/1',
    reportPath: 'modelgate-output/report.json',
  };
  for (const n of [485, 5000]) {
    const cmp = bigComparison(n, longLabel, ['validation', 'test']);
    const c = time(() => renderComment(cmp, ctx), 5);
    const s = time(() => renderSummary(cmp, ctx), 3);
    const t = time(() => renderText(cmp), 5);
    console.log(
      `render ${n} labels x 2 splits: comment ${c.ms.toFixed(1)} ms (${c.out.length} UTF-16 units), ` +
        `summary ${s.ms.toFixed(1)} ms (${Buffer.byteLength(s.out)} bytes), text ${t.ms.toFixed(1)} ms (${t.out.split('\n').length} lines)`,
    );
  }
}
