// The short summary the evaluate and merge commands print: per split, examples and headline metrics.
import type { MetricName, Report } from '../core/report/types.js';
import { printable as clean } from './progress.js';

const HEADLINE: Record<Report['task'], MetricName[]> = {
  multiclass: ['accuracy', 'f1_macro', 'f1_weighted'],
  multilabel: ['subset_accuracy', 'hamming_loss', 'f1_micro', 'f1_macro'],
};

export function summarizeReport(report: Report, path: string): string {
  const splits = Object.entries(report.splits);
  const width = Math.max(5, ...splits.map(([n]) => clean(n).length));
  const lines = [
    `wrote ${clean(path)} (${report.shard ? `shard ${report.shard.index}/${report.shard.count}, ` : ''}${report.task}, ${report.classes.length} classes, ${splits.length} split${splits.length === 1 ? '' : 's'})`,
  ];
  for (const [name, s] of splits) {
    const figures = HEADLINE[report.task].map((m) => `${m} ${(s.metrics[m] ?? NaN).toFixed(4)}`).join('  ');
    lines.push(
      `  ${clean(name).padEnd(width)}  ${s.examples.toLocaleString('en-US').padStart(9)} examples  ${figures}`,
    );
  }
  return lines.join('\n') + '\n';
}
