// CSV features: numeric feature columns plus one label column (by header name or index; default
// the column named `label`, else the last). A header is recognised by a non-numeric feature cell
// in the first line. Multi-label truth is a `|`-separated labels column. `.gz` is inflated on the
// fly; the file is streamed line by line and hashed as it is read.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Task } from '../../core/report/types.js';
import { InputError } from '../types.js';
import { labelIndexOf, CsrBuilder, labelSetOf } from './labels.js';
import type { DataOptions, FeatureBatch, FeatureStream } from './types.js';

/** Splits one CSV line; double-quoted fields may hold the delimiter and doubled quotes. */
export function splitCsvLine(line: string, delim: string): string[] {
  if (!line.includes('"')) return line.split(delim);
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === delim) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

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
  const hash = createHash('sha256');
  let bytes = 0;
  const open = (): Readable => {
    const raw = createReadStream(file);
    raw.on('data', (b) => {
      hash.update(b as Buffer);
      bytes += (b as Buffer).length;
    });
    return /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
  };
  // Peek at the first two lines to settle header, label column and task before streaming.
  const input = open();
  const rl = createInterface({ input, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (): Promise<string | null> => {
    for (;;) {
      let r;
      try {
        r = await lines.next();
      } catch (e) {
        throw new InputError(file, `line ${lineNo + 1}`, `cannot read: ${(e as Error).message}`);
      }
      if (r.done) return null;
      lineNo++;
      if (r.value.trim() !== '') return r.value;
    }
  };
  const first = await next();
  if (first === null) throw new InputError(file, null, 'empty file: expected feature columns and a label column');
  if (first.includes('\0'))
    throw new InputError(file, `line ${lineNo}`, 'holds a NUL byte: a binary file? expected a CSV text file');
  const firstCells = splitCsvLine(first, delim);
  const width = firstCells.length;
  if (width < 2) throw new InputError(file, 'line 1', 'expected at least one feature column and a label column');
  const looksHeader = (label: number) => firstCells.some((c, i) => i !== label && !NUMBER.test(c));
  let header: string[] | null = null;
  let labelCol: number;
  if (opts.labelColumn !== undefined) {
    const numeric = typeof opts.labelColumn === 'number' || /^-?\d+$/.test(String(opts.labelColumn));
    if (!numeric || looksHeader(-1)) header = firstCells.map((c) => c.trim());
    labelCol = resolveColumn(opts.labelColumn, header, width, file, 'label');
    if (numeric && header && !looksHeader(labelCol)) header = null;
  } else {
    const named = firstCells.map((c) => c.trim()).indexOf('label');
    labelCol = named >= 0 ? named : width - 1;
    if (named >= 0 || looksHeader(labelCol)) header = firstCells.map((c) => c.trim());
  }
  const drop = new Set<number>([labelCol]);
  for (const d of opts.dropColumns ?? []) drop.add(resolveColumn(d, header, width, file, 'dropped'));
  const featureCols = [...Array(width).keys()].filter((i) => !drop.has(i));
  const f = featureCols.length;
  if (f === 0) throw new InputError(file, 'line 1', 'no feature columns left besides the label');

  let pending: string | null = header ? await next() : first;
  let pendingLine = header ? lineNo : 1;
  let task: Task = opts.task ?? 'multiclass';
  if (!opts.task && pending !== null) {
    const cells = splitCsvLine(pending, delim);
    if (cells[labelCol]?.includes('|')) task = 'multilabel';
  }
  const batchSize = Math.max(1, opts.batchSize ?? 256);

  async function* batches(): AsyncGenerator<FeatureBatch> {
    let x = new Float32Array(batchSize * f);
    let truth = new Uint32Array(batchSize);
    const csr = new CsrBuilder();
    let n = 0;
    let rows = 0;
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
    while (pending !== null) {
      const where = `line ${pendingLine}`;
      const cells = splitCsvLine(pending, delim);
      if (cells.length !== width) throw new InputError(file, where, `expected ${width} columns, found ${cells.length}`);
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
      rows++;
      if (n === batchSize) yield flush();
      pending = await next();
      pendingLine = lineNo;
    }
    if (n > 0) yield flush();
    else if (rows === 0) throw new InputError(file, null, 'has no data rows; expected at least one example');
  }

  let digest: string | null = null;
  return {
    featureShape: [f],
    task,
    count: null,
    batches: batches(),
    async close() {
      rl.close();
      input.destroy();
    },
    fingerprints() {
      digest ??= hash.digest('hex');
      return [{ path: file, sha256: digest, bytes }];
    },
  };
}
