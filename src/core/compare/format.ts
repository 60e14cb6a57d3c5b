// Plain-words formatting for comparison reasons. Renderers escape; here we only keep names on one line.

/** A class name in quotes, control characters flattened, long names shortened. */
export function quoteName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = name.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return `'${flat.length > 60 ? `${flat.slice(0, 57)}...` : flat}'`;
}

/** A fraction as points with one decimal: 0.041 -> "4.1". */
export function pts(x: number): string {
  const v = Math.round(x * 1000) / 10;
  return (Object.is(v, -0) ? 0 : v).toFixed(1);
}

export function fmtQ(q: number): string {
  if (q >= 0.001) return q.toFixed(3);
  if (q === 0) return '0';
  return q.toExponential(1);
}
