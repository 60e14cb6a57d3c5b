// Predictions as CSV: a header naming the truth column ('label' or 'labels'), the prediction
// ('pred'/'preds' class names, or one 'score:<class>' column per class), optional 'id' and
// any other columns (ignored). Streams records; numbers are parsed from the bytes in place.

import type { Task } from '../core/report/types.js';
import { DEFAULT_BATCH_SIZE, EMPTY_ID, MulticlassBatcher, MultilabelBatcher } from './batcher.js';
import { CsvRecords, type FastRow, type Fields, type OnRecord } from './csv-records.js';
import { decimalEnd, describeBadNumber, parseDecimal, parseDecimalPrefix, parseDecimalText } from './decimal.js';
import { classIndexOf, listNames, quoteName } from './names.js';
import { thresholdFor } from '../core/threshold.js';
import { checkFile, Digest, hashLargeInWorker, textChunks } from './source.js';
import { InputError, PROGRESS_EVERY, type ExampleBatch, type PredictionStream, type ReadOptions } from './types.js';
import type { FileFingerprint } from '../core/report/types.js';

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

export const SCORE_PREFIX = 'score:';

/** Which columns hold what, and how they are read for the task. */
interface Plan {
  task: Task;
  columns: number;
  truthCol: number;
  truthName: string;
  /** Split the truth cell on '|' (a 'labels' column). */
  truthSplit: boolean;
  predCol: number; // -1: predictions come from score columns
  predName: string;
  predSplit: boolean;
  scoreCols: Int32Array;
  /** Class index of each score column. */
  scoreClass: Uint32Array;
  scoreNames: string[];
  thresholds: Float64Array;
  /** By class index: true when the class has a score column (truth must be one of them). */
  isScoreClass: Uint8Array;
  /** The 'id' column (leakage between splits), or -1. */
  idCol: number;
}

export async function openCsv(path: string, opts: ReadOptions): Promise<PredictionStream> {
  const size = await checkFile(path);
  // A large file is hashed in a worker thread alongside the parsing (issue 14), else inline.
  const hashing = hashLargeInWorker(path, size);
  const digest = new Digest(path);
  const it = textChunks(path, hashing ? undefined : digest.hasher, 'CSV')[Symbol.asyncIterator]();
  const abandon = async () => {
    hashing?.stop();
    await it.return?.(undefined);
  };
  const rec = new CsvRecords(path);
  let header: string[] | null = null;
  let ended = false;
  const takeHeader: OnRecord = (buf, f) => {
    header = Array.from({ length: f.n }, (_, i) => f.text(buf, i));
    return false;
  };
  try {
    while (!header && !ended) {
      const r = await it.next();
      ended = !!r.done;
      rec.push(r.done ? null : r.value, takeHeader);
    }
  } catch (e) {
    await abandon();
    throw e;
  }
  if (!header) {
    await abandon();
    throw new InputError(path, null, 'has no header line; expected a CSV header such as "label,pred"');
  }
  let plan: Plan;
  try {
    plan = planColumns(path, header, opts);
  } catch (e) {
    await abandon();
    throw e;
  }
  let done: FileFingerprint | undefined;

  let onRecord: RowHandler | undefined;
  async function* batches(): AsyncGenerator<ExampleBatch> {
    const ready: ExampleBatch[] = [];
    onRecord = rowHandler(path, plan, opts, ready);
    try {
      if (rec.pending) rec.push(ended ? null : Buffer.alloc(0), onRecord, onRecord.fast);
      yield* ready.splice(0);
      while (!ended) {
        const r = await it.next();
        ended = !!r.done;
        rec.push(r.done ? null : r.value, onRecord, onRecord.fast);
        yield* ready.splice(0);
      }
      onRecord.finish();
      yield* ready.splice(0);
      if (hashing) done = await hashing.fingerprint();
      else {
        digest.finish();
        done = digest.fingerprint();
      }
    } finally {
      await abandon();
    }
  }
  const fingerprint = (): FileFingerprint => {
    if (!done) throw new Error(`fingerprint of ${path} requested before the last batch was read`);
    return done;
  };
  // A batch handed back lends its arrays to a later one (the pipeline copies what it keeps).
  return { task: plan.task, batches: batches(), fingerprint, recycle: (b) => onRecord?.recycle(b) };
}

/** The named columns read; a repeated one would be read from its first copy only, silently. */
const READ_COLUMNS = new Set(['label', 'labels', 'pred', 'preds', 'id']);

function planColumns(path: string, header: string[], opts: ReadOptions): Plan {
  const at = (name: string) => header.indexOf(name);
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h) && (READ_COLUMNS.has(h) || h.startsWith(SCORE_PREFIX)))
      throw new InputError(path, 'line 1', `column ${quoteName(h)} appears twice; expected each column once`);
    seen.add(h);
  }
  const label = at('label');
  const labels = at('labels');
  const pred = at('pred');
  const preds = at('preds');
  const scoreCols: number[] = [];
  header.forEach((h, i) => h.startsWith(SCORE_PREFIX) && scoreCols.push(i));
  if ((label < 0 && labels < 0) || (pred < 0 && preds < 0 && scoreCols.length === 0)) {
    const found = header.length ? header.map(quoteName).join(', ') : '(nothing)';
    throw new InputError(
      path,
      'line 1',
      `expected a 'label' or 'labels' column and either 'pred'/'preds' or 'score:<class>' columns; found: ${found}`,
    );
  }
  const task: Task = opts.task ?? (labels >= 0 ? 'multilabel' : 'multiclass');
  const ml = task === 'multilabel';
  const truthCol = ml ? (labels >= 0 ? labels : label) : label >= 0 ? label : labels;
  const predCol = ml ? (preds >= 0 ? preds : pred) : pred >= 0 ? pred : preds;
  const classes = opts.classes;
  const scoreClass = new Uint32Array(predCol >= 0 ? 0 : scoreCols.length);
  const scoreNames: string[] = [];
  const thresholds = new Float64Array(scoreClass.length);
  if (predCol < 0) {
    scoreCols.forEach((col, k) => {
      const name = header[col].slice(SCORE_PREFIX.length);
      if (name.trim() === '')
        throw new InputError(
          path,
          'line 1',
          `column ${quoteName(header[col])} names no class; expected 'score:<class>' with a class name`,
        );
      scoreClass[k] = classIndexOf(classes, name, path, 'line 1', 'score column for class');
      scoreNames.push(header[col]);
      thresholds[k] = thresholdFor(name, opts.threshold, opts.perClassThreshold);
    });
  }
  const isScoreClass = new Uint8Array(classes.size);
  for (const c of scoreClass) isScoreClass[c] = 1;
  return {
    task,
    columns: header.length,
    truthCol,
    truthName: header[truthCol],
    truthSplit: truthCol === labels,
    predCol,
    predName: predCol >= 0 ? header[predCol] : 'score',
    predSplit: predCol >= 0 && predCol === preds,
    scoreCols: predCol >= 0 ? new Int32Array(0) : Int32Array.from(scoreCols),
    scoreClass,
    scoreNames,
    thresholds,
    isScoreClass,
    idCol: at('id'),
  };
}

type RowHandler = OnRecord & { fast?: FastRow; finish(): void; recycle(b: ExampleBatch): void };

/** What every row of one file is read with: the plan, the batcher, and the checks shared by both paths. */
class Rows {
  count = 0;
  readonly fromScores: boolean;
  constructor(
    readonly path: string,
    readonly plan: Plan,
    readonly opts: ReadOptions,
    readonly ready: ExampleBatch[],
    readonly batcher: MulticlassBatcher | MultilabelBatcher,
  ) {
    this.fromScores = plan.predCol < 0;
  }

  where(line: number): string {
    return `line ${line}`;
  }

  /** Score column k of the record, a finite number. */
  score(buf: Buffer, f: Fields, k: number, line: number): number {
    const col = this.plan.scoreCols[k];
    const v = f.flags[col] === 0 ? parseDecimal(buf, f.start[col], f.end[col]) : parseDecimalText(f.text(buf, col));
    if (v - v !== 0)
      throw new InputError(
        this.path,
        this.where(line),
        `${this.plan.scoreNames[k]} ${describeBadNumber(f.text(buf, col))}; expected a finite number`,
      );
    return v;
  }

  /** The class index of a truth name; with score columns and no fixed list, it must have a score column. */
  truthIndex(name: string, line: number): number {
    const { classes } = this.opts;
    const plan = this.plan;
    if (this.fromScores && !classes.fixed) {
      const idx = classes.has(name) ? classes.indexOf(name) : -1;
      if (idx < 0 || !plan.isScoreClass[idx])
        throw new InputError(
          this.path,
          this.where(line),
          `${plan.truthName} ${quoteName(name)} has no score column; expected one of ${listNames(plan.scoreNames.map((s) => s.slice(6)))}`,
        );
      return idx;
    }
    return classIndexOf(classes, name, this.path, this.where(line), plan.truthName);
  }

  predIndex(name: string, line: number): number {
    return classIndexOf(this.opts.classes, name, this.path, this.where(line), this.plan.predName);
  }

  /** The one class of a multiclass cell ('a', or 'a' from a labels column 'a|'). */
  single(text: string, split: boolean, column: string, line: number): string {
    if (split) {
      const parts = text.split('|').filter((p) => p !== '');
      if (parts.length !== 1)
        throw new InputError(
          this.path,
          this.where(line),
          `${column} holds ${parts.length} classes; expected exactly one for a multiclass task`,
        );
      return parts[0];
    }
    if (text === '') throw new InputError(this.path, this.where(line), `${column} is empty; expected a class name`);
    return text;
  }

  /** The example's id (a CSV `id` column), refused when empty (EMPTY_ID). */
  id(b: MulticlassBatcher | MultilabelBatcher, text: string, line: number): void {
    if (!b.ids.addText(text)) throw new InputError(this.path, this.where(line), EMPTY_ID);
  }

  progress(): void {
    this.count++;
    if (this.opts.onProgress && this.count % PROGRESS_EVERY === 0) this.opts.onProgress(this.count);
  }

  checkWidth(f: Fields, line: number): void {
    if (f.n !== this.plan.columns)
      throw new InputError(
        this.path,
        this.where(line),
        `found ${f.n} fields; expected ${this.plan.columns} as in the header`,
      );
  }
}

/** The names of a cell: one, or the '|'-separated parts of a labels cell (empty parts skipped). */
function addNames(text: string, split: boolean, add: (name: string) => void): void {
  if (!split) {
    if (text !== '') add(text);
    return;
  }
  let s = 0;
  for (;;) {
    const bar = text.indexOf('|', s);
    const part = bar < 0 ? text.slice(s) : text.slice(s, bar);
    if (part !== '') add(part);
    if (bar < 0) break;
    s = bar + 1;
  }
}

function rowHandler(path: string, plan: Plan, opts: ReadOptions, ready: ExampleBatch[]): RowHandler {
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const batcher =
    plan.task === 'multiclass' ? new MulticlassBatcher(size, opts.scores) : new MultilabelBatcher(size, opts.scores);
  const rows = new Rows(path, plan, opts, ready, batcher);
  batcher.ids.on = plan.idCol >= 0;
  const handler = batcher instanceof MulticlassBatcher ? multiclassRow(rows, batcher) : multilabelRow(rows, batcher);
  return Object.assign(handler, {
    fast: rows.fromScores ? fastRow(rows) : undefined,
    recycle: (b: ExampleBatch) => batcher.recycle(b),
    finish() {
      const last = batcher.flush();
      if (last) ready.push(last);
      if (rows.count === 0) throw new InputError(path, null, 'has a header but no rows; expected at least one example');
      opts.onProgress?.(rows.count);
    },
  });
}

/** A multiclass record: the truth, and the prediction by name or by the arg-max of the scores. */
function multiclassRow(rows: Rows, b: MulticlassBatcher): OnRecord {
  const { plan, ready } = rows;
  const nScores = plan.scoreCols.length;
  const sink = rows.opts.scores;
  /** The record's scores, for the sink (read by it until the example ends). */
  const row = new Float64Array(nScores);
  /** Exact ties go to the first class: of the class list when given (--classes), else the first column. */
  const tieByClass = rows.opts.classes.fixed;
  return (buf, f, line) => {
    rows.checkWidth(f, line);
    const t = rows.truthIndex(rows.single(f.text(buf, plan.truthCol), plan.truthSplit, plan.truthName, line), line);
    let p: number;
    if (rows.fromScores) {
      let best = (row[0] = rows.score(buf, f, 0, line));
      let bi = 0;
      for (let k = 1; k < nScores; k++) {
        const v = (row[k] = rows.score(buf, f, k, line));
        if (v > best || (v === best && tieByClass && plan.scoreClass[k] < plan.scoreClass[bi])) {
          best = v;
          bi = k;
        }
      }
      sink?.scores(row, 0, nScores, plan.scoreClass);
      p = plan.scoreClass[bi];
    } else p = rows.predIndex(rows.single(f.text(buf, plan.predCol), plan.predSplit, plan.predName, line), line);
    if (plan.idCol >= 0) rows.id(b, f.text(buf, plan.idCol), line);
    if (b.push(t, p)) ready.push(b.flush()!);
    rows.progress();
    return true;
  };
}

/** A multi-label record: the truth set, and the predicted set by names or by score >= threshold. */
function multilabelRow(rows: Rows, b: MultilabelBatcher): OnRecord {
  const { plan, ready } = rows;
  const nScores = plan.scoreCols.length;
  const sink = rows.opts.scores;
  /** The record's scores, for the sink (read by it until the example ends). */
  const row = new Float64Array(nScores);
  return (buf, f, line) => {
    rows.checkWidth(f, line);
    addNames(f.text(buf, plan.truthCol), plan.truthSplit, (n) => b.truth.add(rows.truthIndex(n, line)));
    if (rows.fromScores) {
      for (let k = 0; k < nScores; k++) {
        const v = (row[k] = rows.score(buf, f, k, line));
        if (v >= plan.thresholds[k]) b.pred.add(plan.scoreClass[k]);
      }
      sink?.scores(row, 0, nScores, plan.scoreClass);
    } else addNames(f.text(buf, plan.predCol), plan.predSplit, (n) => b.pred.add(rows.predIndex(n, line)));
    if (plan.idCol >= 0) rows.id(b, f.text(buf, plan.idCol), line);
    if (b.end()) ready.push(b.flush()!);
    rows.progress();
    return true;
  };
}

/**
 * One pass over a plain score row: numbers are parsed where they stand instead of being
 * delimited first. Anything unusual (quotes, bad numbers, wrong width) returns -1 before any
 * state changes, and the general path then handles the row (and reports its error). One long
 * function on purpose: it is the hot path of CSV predictions (`npm run bench -- io`).
 */
function fastRow(rows: Rows): FastRow {
  const { plan, ready, batcher } = rows;
  const { scoreCols, scoreClass, thresholds, columns } = plan;
  const slot = new Int32Array(columns).fill(-1);
  scoreCols.forEach((col, k) => (slot[col] = k));
  const last = columns - 1;
  const truthCol = plan.truthCol;
  const idCol = plan.idCol;
  const hits = new Uint32Array(scoreCols.length);
  // Scores reach the sink only once the row is known to be plain (a -1 hands it to the general path).
  const sink = rows.opts.scores;
  const values = new Float64Array(sink ? scoreCols.length : 0);
  const mc = batcher instanceof MulticlassBatcher ? batcher : null;
  const ml = batcher instanceof MultilabelBatcher ? batcher : null;
  const tieByClass = rows.opts.classes.fixed;
  return (buf, pos, len, line) => {
    // The sink's own room when it has some (a worker thread's block): the scores are parsed into it.
    const into = sink?.room?.(values.length) ?? values;
    let i = pos;
    let best = 0;
    let bi = -1;
    let nHits = 0;
    let ts = 0;
    let te = 0;
    let is = 0;
    let ie = 0;
    for (let col = 0; col <= last; col++) {
      const k = slot[col];
      let c: number;
      if (k >= 0) {
        const v = parseDecimalPrefix(buf, i, len);
        i = decimalEnd();
        if (v - v !== 0 || i >= len) return -1;
        c = buf[i];
        if (sink) into[k] = v;
        if (mc) {
          if (bi < 0 || v > best || (v === best && tieByClass && scoreClass[k] < scoreClass[bi])) {
            best = v;
            bi = k;
          }
        } else if (v >= thresholds[k]) hits[nHits++] = scoreClass[k];
      } else {
        const s = i;
        for (;;) {
          if (i >= len) return -1;
          c = buf[i];
          if (c <= COMMA && (c === COMMA || c === LF || c === CR || c === QUOTE)) break;
          i++;
        }
        if (c === QUOTE) return -1;
        if (col === truthCol) {
          ts = s;
          te = i;
        } else if (col === idCol) {
          is = s;
          ie = i;
        }
      }
      if (col < last) {
        if (c !== COMMA) return -1;
        i++;
      } else if (c === LF) i++;
      else if (c === CR) {
        if (i + 1 >= len) return -1;
        i += buf[i + 1] === LF ? 2 : 1;
      } else return -1;
    }
    // An empty id is the general path's to refuse.
    if (idCol >= 0 && ie === is) return -1;
    const truth = buf.toString('utf8', ts, te);
    if (idCol >= 0) batcher.ids.add(buf, is, ie);
    if (sink) sink.scores(into, 0, values.length, scoreClass);
    if (mc) {
      const t = rows.truthIndex(rows.single(truth, plan.truthSplit, plan.truthName, line), line);
      if (mc.push(t, scoreClass[bi])) ready.push(mc.flush()!);
    } else if (ml) {
      addNames(truth, plan.truthSplit, (n) => ml.truth.add(rows.truthIndex(n, line)));
      for (let j = 0; j < nHits; j++) ml.pred.add(hits[j]);
      if (ml.end()) ready.push(ml.flush()!);
    }
    rows.progress();
    return i;
  };
}
