// The preprocessing in one line, for the report (report.model.preprocess), the log, and the
// comparison's "the preprocessing changed: base …, head …". No model code: the action imports it
// without loading TensorFlow.js.

import type { PreprocessSpec } from './preprocess.js';

function numberText(x: number): string {
  const inverse = 1 / x;
  // 0.0625 reads as 1/16, 0.00392... as 1/255.
  if (x > 0 && x < 1 && Math.abs(inverse - Math.round(inverse)) < 1e-6 * inverse) return `1/${Math.round(inverse)}`;
  return String(Number(x.toPrecision(6)));
}

function numbersText(v: number | number[]): string {
  return Array.isArray(v) ? `[${v.slice(0, 8).map(numberText).join(', ')}${v.length > 8 ? ', …' : ''}]` : numberText(v);
}

/** The preprocessing in one line, for the report and for "the preprocessing changed: base …, head …". */
export function describePreprocess(spec: PreprocessSpec): string {
  const parts: string[] = [];
  if (spec.scale !== undefined) parts.push(`scale ${numberText(spec.scale)}`);
  if (spec.mean !== undefined) parts.push(`mean ${numbersText(spec.mean)}`);
  if (spec.std !== undefined) parts.push(`std ${numbersText(spec.std)}`);
  if (spec.resize) parts.push(`resize ${spec.resize[0]}x${spec.resize[1]}`);
  if (spec.channels !== undefined) parts.push(`channels ${spec.channels}`);
  return parts.length ? parts.join(', ') : 'none';
}
