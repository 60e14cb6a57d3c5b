// The sticky PR comment and the job summary: the same sections, fitted under each surface's
// limit. Deterministic (no dates), so the action can skip the edit when nothing changed.

import type { Comparison } from '../compare/types.js';
import { fitSections, utf8Length, type Measure } from './budget.js';
import { markdownLink, escapeMarkdown, truncateMiddle } from './escape.js';
import { commentMarker } from './marker.js';
import { buildSections, verdictLine, type BuildOptions, type RenderContext } from './sections.js';

export type { RenderContext } from './sections.js';

/**
 * GitHub refuses comment bodies over 65,536 characters. The comment is measured in UTF-8 bytes,
 * never fewer than its UTF-16 units or code points, so it fits whichever GitHub counts.
 */
export const COMMENT_MAX_LENGTH = 65536;
/** GitHub refuses step summaries over 1 MiB. */
export const SUMMARY_MAX_BYTES = 1024 * 1024;

/** Kept free under the limit: the margin covers a layer that adds a line of its own. */
function margin(limit: number): number {
  return Math.min(1024, Math.floor(limit * 0.02));
}

const JOINER = '\n\n';

function render(
  cmp: Comparison,
  ctx: RenderContext,
  opts: BuildOptions,
  limit: number,
  measure: Measure,
  marker: string | null,
): string {
  const budget = limit - margin(limit);
  const fitted = fitSections(buildSections(cmp, ctx, opts, marker), JOINER, budget, measure);
  if (fitted.fits) return fitted.text + '\n';
  return minimal(cmp, ctx, opts, budget, measure, marker);
}

/** Last resort when even the essentials do not fit (absurd reasons, tiny limit): verdict and a pointer. */
function minimal(
  cmp: Comparison,
  ctx: RenderContext,
  opts: BuildOptions,
  budget: number,
  measure: Measure,
  marker: string | null,
): string {
  const where =
    opts.target === 'comment'
      ? `the full report is in the ${markdownLink('job summary', ctx.runUrl)}${ctx.reportPath ? ` and in ${escapeMarkdown(truncateMiddle(ctx.reportPath, 120))}` : ''}`
      : ctx.reportPath
        ? `the full report is in ${escapeMarkdown(truncateMiddle(ctx.reportPath, 120))}`
        : 'see the workflow log';
  const note = `The details did not fit here: ${where}.`;
  const head = (verdict: string): string => (marker ? `${marker}\n${verdict}` : verdict);
  for (const reasonMax of [300, 100, 30, 0]) {
    const verdict = reasonMax > 0 ? verdictLine(cmp, reasonMax) : verdictLine({ ...cmp, reasons: [] });
    const text = `${head(verdict)}${JOINER}${note}\n`;
    if (measure(text) <= budget) return text;
  }
  return `${head(verdictLine({ ...cmp, reasons: [] }))}\n`;
}

/** The sticky PR comment: starts with the marker line; at most `ctx.maxLength` (default 65,536) UTF-8 bytes. */
export function renderComment(cmp: Comparison, ctx: RenderContext): string {
  const limit = ctx.maxLength ?? COMMENT_MAX_LENGTH;
  return render(
    cmp,
    ctx,
    { target: 'comment', listNameMax: 200, cellNameMax: 100 },
    limit,
    utf8Length,
    commentMarker(ctx.key),
  );
}

/** The job summary: the same content with full names and untruncated tables, capped at 1 MiB of UTF-8. */
export function renderSummary(cmp: Comparison, ctx: RenderContext): string {
  const limit = ctx.summaryMaxBytes ?? SUMMARY_MAX_BYTES;
  return render(cmp, ctx, { target: 'summary', listNameMax: 2000, cellNameMax: 2000 }, limit, utf8Length, null);
}
