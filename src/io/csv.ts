// Predictions as CSV: a header naming the truth column ('label' or 'labels'), the prediction
// ('pred'/'preds' class names, or one 'score:<class>' column per class), optional 'id' and
// any other columns (ignored). Streams records; numbers are parsed from the bytes in place.

import type { Task } from '../core/report/types.js';
import { DEFAULT_BATCH_SIZE, MulticlassBatcher, MultilabelBatcher } from './batcher.js';
import { CsvRecords, type FastRow, type Fields, type OnRecord } from './csv-records.js';
import { decimalEnd, describeBadNumber, parseDecimal, parseDecimalPrefix, parseDecimalText } from './decimal.js';
import { classIndexOf, listNames, quoteName, thresholdFor } from './names.js';
import { checkFile, Digest, textChunks } from './source.js';
import { InputError, PROGRESS_EVERY, type ExampleBatch, type PredictionStream, type ReadOptions } from './types.js';

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
}

export async function openCsv(path: string, opts: ReadOptions): Promise<PredictionStream> {
  await checkFile(path);
  const digest = new Digest(path);
  const it = textChunks(path, digest.hasher, 'CSV')[Symbol.asyncIterator]();
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
    await it.return?.(undefined);
    throw e;
  }
  if (!header) {
    await it.return?.(undefined);
    throw new InputError(path, null, 'has no header line; expected a CSV header such as "label,pred"');
  }
  let plan: Plan;
  try {
    plan = planColumns(path, header, opts);
  } catch (e) {
    await it.return?.(undefined);
    throw e;
  }

  async function* batches(): AsyncGenerator<ExampleBatch> {
    const ready: ExampleBatch[] = [];
    const onRecord = rowHandler(path, plan, opts, ready);
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
      digest.finish();
    } finally {
      await it.return?.(undefined);
    }
  }
  return { task: plan.task, batches: batches(), fingerprint: () => digest.fingerprint() };
}

function planColumns(path: string, header: string[], opts: ReadOptions): Plan {
  const at = (name: string) => header.indexOf(name);
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h) && (h === 'label' || h === 'labels' || h === 'pred' || h === 'preds' || h.startsWith(SCORE_PREFIX)))
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
  };
}

type RowHandler = OnRecord & { fast?: FastRow; finish(): void };

function rowHandler(path: string, plan: Plan, opts: ReadOptions, ready: ExampleBatch[]): RowHandler {
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const classes = opts.classes;
  const fromScores = plan.predCol < 0;
  const { scoreCols, scoreClass, thresholds, columns } = plan;
  const nScores = scoreCols.length;
  let rows = 0;

  const where = (line: number) => `line ${line}`;
  const score = (buf: Buffer, f: Fields, k: number, line: number): number => {
    const col = scoreCols[k];
    const v = f.flags[col] === 0 ? parseDecimal(buf, f.start[col], f.end[col]) : parseDecimalText(f.text(buf, col));
    if (v - v !== 0)
      throw new InputError(
        path,
        where(line),
        `${plan.scoreNames[k]} ${describeBadNumber(f.text(buf, col))}; expected a finite number`,
      );
    return v;
  };
  /** The class index of a truth name; with score columns and no fixed list, it must have a score column. */
  const truthIndex = (name: string, line: number): number => {
    if (fromScores && !classes.fixed) {
      const idx = classes.has(name) ? classes.indexOf(name) : -1;
      if (idx < 0 || !plan.isScoreClass[idx])
        throw new InputError(
          path,
          where(line),
          `${plan.truthName} ${quoteName(name)} has no score column; expected one of ${listNames(plan.scoreNames.map((s) => s.slice(6)))}`,
        );
      return idx;
    }
    return classIndexOf(classes, name, path, where(line), plan.truthName);
  };
  const single = (text: string, split: boolean, column: string, line: number): string => {
    if (split) {
      const parts = text.split('|').filter((p) => p !== '');
      if (parts.length !== 1)
        throw new InputError(
          path,
          where(line),
          `${column} holds ${parts.length} classes; expected exactly one for a multiclass task`,
        );
      return parts[0];
    }
    if (text === '') throw new InputError(path, where(line), `${column} is empty; expected a class name`);
    return text;
  };
  const progress = () => {
    rows++;
    if (opts.onProgress && rows % PROGRESS_EVERY === 0) opts.onProgress(rows);
  };
  const checkWidth = (f: Fields, line: number) => {
    if (f.n !== columns)
      throw new InputError(path, where(line), `found ${f.n} fields; expected ${columns} as in the header`);
  };

  let handler: OnRecord;
  let batcher: MulticlassBatcher | MultilabelBatcher;

  /**
   * One pass over a plain score row: numbers are parsed where they stand instead of being
   * delimited first. Anything unusual (quotes, bad numbers, wrong width) returns -1 before any
   * state changes, and the general path then handles the row (and reports its error).
   */
  const fastRow = (): FastRow => {
    const slot = new Int32Array(columns).fill(-1);
    scoreCols.forEach((col, k) => (slot[col] = k));
    const last = columns - 1;
    const truthCol = plan.truthCol;
    const hits = new Uint32Array(nScores);
    const mc = batcher instanceof MulticlassBatcher ? batcher : null;
    const ml = batcher instanceof MultilabelBatcher ? batcher : null;
    return (buf, pos, len, line) => {
      let i = pos;
      let best = 0;
      let bi = -1;
      let nHits = 0;
      let ts = 0;
      let te = 0;
      for (let col = 0; col <= last; col++) {
        const k = slot[col];
        let c: number;
        if (k >= 0) {
          const v = parseDecimalPrefix(buf, i, len);
          i = decimalEnd();
          if (v - v !== 0 || i >= len) return -1;
          c = buf[i];
          if (mc) {
            if (bi < 0 || v > best) {
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
      const truth = buf.toString('utf8', ts, te);
      if (mc) {
        const t = truthIndex(single(truth, plan.truthSplit, plan.truthName, line), line);
        if (mc.push(t, scoreClass[bi])) ready.push(mc.flush()!);
      } else if (ml) {
        addNames(truth, plan.truthSplit, (n) => ml.truth.add(truthIndex(n, line)));
        for (let j = 0; j < nHits; j++) ml.pred.add(hits[j]);
        if (ml.end()) ready.push(ml.flush()!);
      }
      progress();
      return i;
    };
  };
  const addNames = (text: string, split: boolean, add: (name: string) => void) => {
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
  };
  if (plan.task === 'multiclass') {
    const b = new MulticlassBatcher(size);
    batcher = b;
    handler = (buf, f, line) => {
      checkWidth(f, line);
      const t = truthIndex(single(f.text(buf, plan.truthCol), plan.truthSplit, plan.truthName, line), line);
      let p: number;
      if (fromScores) {
        let best = score(buf, f, 0, line);
        let bi = 0;
        for (let k = 1; k < nScores; k++) {
          const v = score(buf, f, k, line);
          if (v > best) {
            best = v;
            bi = k;
          }
        }
        p = scoreClass[bi];
      } else {
        const name = single(f.text(buf, plan.predCol), plan.predSplit, plan.predName, line);
        p = classIndexOf(classes, name, path, where(line), plan.predName);
      }
      if (b.push(t, p)) ready.push(b.flush()!);
      progress();
      return true;
    };
  } else {
    const b = new MultilabelBatcher(size);
    batcher = b;
    handler = (buf, f, line) => {
      checkWidth(f, line);
      addNames(f.text(buf, plan.truthCol), plan.truthSplit, (n) => b.truth.add(truthIndex(n, line)));
      if (fromScores) {
        for (let k = 0; k < nScores; k++) if (score(buf, f, k, line) >= thresholds[k]) b.pred.add(scoreClass[k]);
      } else {
        addNames(f.text(buf, plan.predCol), plan.predSplit, (n) =>
          b.pred.add(classIndexOf(classes, n, path, where(line), plan.predName)),
        );
      }
      if (b.end()) ready.push(b.flush()!);
      progress();
      return true;
    };
  }
  return Object.assign(handler, {
    fast: fromScores ? fastRow() : undefined,
    finish() {
      const last = batcher.flush();
      if (last) ready.push(last);
      if (rows === 0) throw new InputError(path, null, 'has a header but no rows; expected at least one example');
      opts.onProgress?.(rows);
    },
  });
}
