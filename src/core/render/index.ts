// Rendering a Comparison for people: the sticky PR comment, the job summary, the commit
// status line and the terminal text. Pure functions of their inputs.

export { renderComment, renderSummary, COMMENT_MAX_LENGTH, SUMMARY_MAX_BYTES, type RenderContext } from './comment.js';
export { renderStatus, STATUS_MAX, type StatusLine } from './status.js';
export { renderText } from './text.js';
export {
  escapeMarkdown,
  escapePlain,
  escapeHtml,
  escapeMermaid,
  sanitizeText,
  safeUrl,
  markdownLink,
  truncateEnd,
  truncateMiddle,
} from './escape.js';
export { commentMarker, hasMarker, normalizeKey } from './marker.js';
