// The report's stylesheet, inline (the page loads nothing). System fonts only.

export const PAGE_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212121; margin: 0 auto; max-width: 1180px; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #e0e0e0; padding-bottom: 4px; }
.verdict-fail { color: #c62828; } .verdict-warn { color: #ef6c00; } .verdict-pass { color: #2e7d32; }
.reasons { margin: 4px 0; } .sides { color: #616161; font-size: 13px; margin: 4px 0; }
section { clear: both; }
.chart-figure { display: inline-block; vertical-align: top; margin: 8px 24px 16px 0; max-width: 100%; }
.chart-figure figcaption { font-weight: 600; margin-bottom: 4px; max-width: 440px; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 11px; }
svg .grid { stroke: #eeeeee; } svg .domain { stroke: #9e9e9e; } svg .tick { fill: #616161; }
svg .axis-title { fill: #424242; font-size: 12px; } svg .legend-text { fill: #424242; }
svg .diagonal, svg .zero { stroke: #9e9e9e; stroke-dasharray: 4 3; }
svg .pt { fill-opacity: 0.75; stroke: #fff; stroke-width: 0.6; } svg .pt:hover { stroke: #000; stroke-width: 1.5; }
svg .whisker line { stroke: #212121; stroke-width: 1.4; } svg .fp-ci { stroke-width: 2; } svg .fp-label { fill: #424242; }
svg .cell { stroke: #fff; stroke-width: 0.5; } svg .cell.diag { stroke: #9e9e9e; } svg .cell-count { font-size: 10px; pointer-events: none; }
.note { color: #616161; font-size: 12px; max-width: 440px; margin: 4px 0; }
details.data summary { cursor: pointer; color: #1565c0; font-size: 13px; }
.data-table { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
.data-table th, .data-table td { border-bottom: 1px solid #eeeeee; padding: 3px 8px; text-align: left; }
.data-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.data-table caption { text-align: left; color: #616161; padding: 4px 0; }
.sortable th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
.sortable th[aria-sort="ascending"] button::after { content: " ▲"; } .sortable th[aria-sort="descending"] button::after { content: " ▼"; }
.sortable tr[data-status="regression"] td, .sortable tr[data-status="catastrophic"] td { background: #ffebee; }
.sortable tr[data-status="improvement"] td { background: #e8f5e9; }
.controls { margin: 8px 0; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
bdi { unicode-bidi: isolate; } td { max-width: 420px; overflow-wrap: anywhere; }
footer { margin-top: 32px; color: #757575; font-size: 12px; }
`;
