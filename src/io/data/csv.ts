// CSV features: numeric feature columns plus one label column (by header name or index; default
// the column named `label`, else the last). A header is recognised by a non-numeric feature cell
// in the first line. Multi-label truth is a `|`-separated labels column. `.gz` is inflated on the
// fly; the file is streamed record by record (quoted fields may hold line breaks) and hashed as
// it is read.

import type { Task } from '../../core/report/types.js';
import { csvRows } from '../csv-records.js';
import { checkFile, Digest, textChunks } from '../source.js';
import { InputError } from '../types.js';
import { labelIndexOf, CsrBuilder, labelSetOf } from './labels.js';
import { readBatchRows, type DataOptions, type FeatureBatch, type FeatureStream } from './types.js';

const NUMBER = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|nan|NaN|inf|Infinity|-inf)\s*$/;

function resolveColumn(
  spec: string | number,
  header: string[] | null,
  width: number,
  file: string,
  what: string,
): number {
  if (typeof spec === 'number' || /^-?\d+$/.test(String(spec))) {
    const i = Number(spec);
    const j = i < 0 ? width + i : i;
    if (j < 0 || j >= width)
      throw new InputError(file, 'line 1', `${what} column index ${i} is outside the ${width} columns`);
    return j;
  }
  const j = header ? header.indexOf(spec) : -1;
  if (j < 0)
    throw new InputError(
      file,
      'line 1',
      header
        ? `no ${what} column named ${JSON.stringify(spec)} in the header`
        : `${what} column ${JSON.stringify(spec)} named but the file has no header`,
    );
  return j;
}

export async function readCsvFeatures(file: string, opts: DataOptions): Promise<FeatureStream> {
  const delim = /\.tsv(\.gz)?$/i.test(file) ? '\t' : ',';
  await checkFile(file, 'CSV file');
  const digest = new Digest(file);
  const gzip = /\.gz$/i.test(file);
  const format = delim === '\t' ? 'TSV' : 'CSV';
  // The one CSV parser (../csv-records.ts), over UTF-8-checked text (inflated on the fly for .gz).
  const rows = csvRows(file, textChunks(file, digest.hasher, format, { gzip }), delim.charCodeAt(0));
  let lineNo = 0;
  const next = async (): Promise<string[] | null> => {
    const r = await rows.next();
    if (r.done) return null;
    lineNo = r.value.line;
    return r.value.cells;
  };
  let firstCells: string[] | null;
  try {
    firstCells = await next();
  } catch (e) {
    await rows.return(undefined);
    throw e;
  }
  if (firstCells === null) {
    await rows.return(undefined);
    throw new InputError(file, null, 'empty file: expected feature columns and a label column');
  }
  const first = firstCells;
  const width = first.length;
  if (width < 2) throw new InputError(file, 'line 1', 'expected at least one feature column and a label column');
  const looksHeader = (label: number) => first.some((c, i) => i !== label && !NUMBER.test(c));
  let header: string[] | null = null;
  let labelCol: number;
  if (opts.labelColumn !== undefined) {
    const numeric = typeof opts.labelColumn === 'number' || /^-?\d+$/.test(String(opts.labelColumn));
    if (!numeric || looksHeader(-1)) header = first.map((c) => c.trim());
    labelCol = resolveColumn(opts.labelColumn, header, width, file, 'label');
    if (numeric && header && !looksHeader(labelCol)) header = null;
  } else {
    const named = first.map((c) => c.trim()).indexOf('label');
    labelCol = named >= 0 ? named : width - 1;
    if (named >= 0 || looksHeader(labelCol)) header = first.map((c) => c.trim());
  }
  const drop = new Set<number>([labelCol]);
  for (const d of opts.dropColumns ?? []) drop.add(resolveColumn(d, header, width, file, 'dropped'));
  const featureCols = [...Array(width).keys()].filter((i) => !drop.has(i));
  const f = featureCols.length;
  if (f === 0) throw new InputError(file, 'line 1', 'no feature columns left besides the label');

  let pending: string[] | null = header ? await next() : first;
  let pendingLine = lineNo;
  let task: Task = opts.task ?? 'multiclass';
  if (!opts.task && pending?.[labelCol]?.includes('|')) task = 'multilabel';
  const batchSize = readBatchRows(opts.batchSize, f);

  async function* batches(): AsyncGenerator<FeatureBatch> {
    let x = new Float32Array(batchSize * f);
    let truth = new Uint32Array(batchSize);
    const csr = new CsrBuilder();
    let n = 0;
    let seen = 0;
    const flush = (): FeatureBatch => {
      const b: FeatureBatch =
        task === 'multiclass'
          ? { n, x: x.subarray(0, n * f), truth: truth.subarray(0, n) }
          : { n, x: x.subarray(0, n * f), ...csr.take() };
      x = new Float32Array(batchSize * f);
      truth = new Uint32Array(batchSize);
      n = 0;
      return b;
    };
    try {
      while (pending !== null) {
        const where = `line ${pendingLine}`;
        const cells = pending;
        if (cells.length !== width)
          throw new InputError(file, where, `expected ${width} columns, found ${cells.length}`);
        const base = n * f;
        for (let k = 0; k < f; k++) {
          const c = cells[featureCols[k]];
          const v = Number(c);
          if (c.trim() === '' || (Number.isNaN(v) && !/nan/i.test(c))) {
            const col = header ? JSON.stringify(header[featureCols[k]]) : String(featureCols[k] + 1);
            throw new InputError(file, where, `column ${col} should be a number, found ${JSON.stringify(c)}`);
          }
          x[base + k] = v;
        }
        const lab = cells[labelCol];
        if (task === 'multiclass') truth[n] = labelIndexOf(opts.classes, lab, file, where);
        else csr.push(labelSetOf(opts.classes, lab, file, where));
        n++;
        seen++;
        if (n === batchSize) yield flush();
        pending = await next();
        pendingLine = lineNo;
      }
      if (n > 0) yield flush();
      else if (seen === 0) throw new InputError(file, null, 'has no data rows; expected at least one example');
      digest.finish();
    } finally {
      await rows.return(undefined);
    }
  }

  return {
    featureShape: [f],
    task,
    count: null,
    batches: batches(),
    async close() {
      await rows.return(undefined);
    },
    fingerprints: () => [digest.fingerprint()],
  };
}
