// Predictions as JSON lines (.jsonl/.ndjson): one object per line with the truth ("label" or
// "labels") and the prediction ("pred", "preds" or "scores"). Blank lines are skipped.

import type { Task } from '../core/report/types.js';
import { DEFAULT_BATCH_SIZE, EMPTY_ID, MulticlassBatcher, MultilabelBatcher } from './batcher.js';
import { MAX_RECORD_BYTES } from './csv-records.js';
import { repeatedKey } from './json-keys.js';
import { classIndexOf, listNames, quoteName } from './names.js';
import { thresholdFor } from '../core/threshold.js';
import { checkFile, Digest, textChunks } from './source.js';
import { InputError, PROGRESS_EVERY, type ExampleBatch, type PredictionStream, type ReadOptions } from './types.js';

type Row = Record<string, unknown>;
/** A line's "scores" object as entries, taken once (they also count its keys), or null. */
type ScoreEntries = [string, unknown][] | null;
type OnRow = (row: Row, line: number, scores: ScoreEntries) => void;
const LF = 10;

/** Splits byte chunks into lines and parses each non-blank one as a JSON object. */
class JsonLines {
  line = 0;
  private carry: Buffer | null = null;
  constructor(private readonly file: string) {}

  push(chunk: Buffer | null, onRow: OnRow): void {
    let buf = this.carry && chunk ? Buffer.concat([this.carry, chunk]) : (chunk ?? this.carry);
    this.carry = null;
    if (!buf) return;
    if (this.line === 0 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
      buf = buf.subarray(3);
    let pos = 0;
    for (;;) {
      let nl = buf.indexOf(LF, pos);
      if (nl < 0) {
        if (chunk !== null) break;
        if (pos >= buf.length) break;
        nl = buf.length;
      }
      this.line++;
      this.row(buf, pos, nl, onRow);
      pos = nl + 1;
    }
    // A copy: the reader reuses its chunk buffers (./source.ts fileChunks).
    if (pos < buf.length) this.carry = Buffer.from(buf.subarray(pos));
    if (this.carry && this.carry.length > MAX_RECORD_BYTES)
      throw new InputError(
        this.file,
        `line ${this.line + 1}`,
        `is longer than ${MAX_RECORD_BYTES >> 20} MB; expected one JSON object per line`,
      );
  }

  private row(buf: Buffer, s: number, e: number, onRow: OnRow): void {
    let blank = true;
    for (let i = s; i < e; i++) {
      const c = buf[i];
      if (c !== 32 && c !== 9 && c !== 13) {
        blank = false;
        break;
      }
    }
    if (blank) return;
    let value: unknown;
    try {
      value = JSON.parse(buf.toString('utf8', s, e));
    } catch (err) {
      throw new InputError(
        this.file,
        `line ${this.line}`,
        `invalid JSON (${jsonProblem((err as Error).message)}); expected one JSON object per line`,
      );
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new InputError(
        this.file,
        `line ${this.line}`,
        `found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}; expected a JSON object`,
      );
    const row = value as Row;
    const sc = row.scores;
    const scores = sc !== null && typeof sc === 'object' && !Array.isArray(sc) ? Object.entries(sc) : null;
    const repeated = repeatedKey(buf, s, e, Object.keys(row).length + (scores?.length ?? 0));
    if (repeated)
      throw new InputError(
        this.file,
        `line ${this.line}`,
        repeated.inScores
          ? `"scores" has the class ${quoteName(repeated.key)} twice; expected each class once`
          : `has the key "${repeated.key}" twice; expected each key once (JSON keeps only the last value)`,
      );
    onRow(row, this.line, scores);
  }
}

/** A JSON value in a message: a number too large for a double (1e400 parses to Infinity) is not "null", as JSON.stringify would write it. */
function shown(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return `${v} (a number beyond a double's range, such as 1e400)`;
  return JSON.stringify(v) ?? String(v);
}

export async function openJsonl(path: string, opts: ReadOptions): Promise<PredictionStream> {
  await checkFile(path);
  const digest = new Digest(path);
  const it = textChunks(path, digest.hasher, 'JSON lines')[Symbol.asyncIterator]();
  const lines = new JsonLines(path);
  // Rows read while looking for the first one (to detect the task) are replayed afterwards.
  const early: [Row, number, ScoreEntries][] = [];
  let ended = false;
  try {
    while (early.length === 0 && !ended) {
      const r = await it.next();
      ended = !!r.done;
      lines.push(r.done ? null : r.value, (...parsed) => early.push(parsed));
    }
  } catch (e) {
    await it.return?.(undefined);
    throw e;
  }
  if (early.length === 0) {
    await it.return?.(undefined);
    throw new InputError(path, null, 'has only blank lines; expected one JSON object per line');
  }
  const [first, firstLine] = early[0];
  let task: Task;
  if (opts.task) task = opts.task;
  else if ('labels' in first) task = 'multilabel';
  else if ('label' in first) task = 'multiclass';
  else {
    await it.return?.(undefined);
    throw new InputError(path, `line ${firstLine}`, `found keys ${keysOf(first)}; expected a "label" or "labels" key`);
  }

  const ready: ExampleBatch[] = [];
  const handle = rowHandler(path, task, opts, ready, { line: firstLine, ids: 'id' in first });
  async function* batches(): AsyncGenerator<ExampleBatch> {
    try {
      for (const [row, line, scores] of early) handle(row, line, scores);
      early.length = 0;
      yield* ready.splice(0);
      while (!ended) {
        const r = await it.next();
        ended = !!r.done;
        lines.push(r.done ? null : r.value, handle);
        yield* ready.splice(0);
      }
      handle.finish();
      yield* ready.splice(0);
      digest.finish();
    } finally {
      await it.return?.(undefined);
    }
  }
  return { task, batches: batches(), fingerprint: () => digest.fingerprint(), recycle: (b) => handle.recycle(b) };
}

/** V8's JSON.parse message without the quoted text, its position given as a column. */
function jsonProblem(message: string): string {
  const pos = /at position (\d+)/.exec(message);
  const what = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/,? ".*$/s, '')
    .slice(0, 80);
  return pos ? `${what} at column ${Number(pos[1]) + 1}` : what;
}

/**
 * A numeric class name or id as text. JSON.parse rounds every number to a double, so beyond 2^53
 * two different integers can read alike (merging two classes, or faking a shared id), and a
 * fraction's digits may not survive: both are refused, to be written as strings.
 */
function integerText(v: number, key: string, file: string, where: string): string {
  if (Number.isSafeInteger(v)) return String(v);
  const what = Number.isInteger(v)
    ? `an integer beyond ±2^53 (read as ${String(v)}), which a JSON number does not hold exactly`
    : `the fractional number ${String(v)}`;
  throw new InputError(
    file,
    where,
    `"${key}" holds ${what}; expected an integer within ±${Number.MAX_SAFE_INTEGER}, or a string: write it in quotes`,
  );
}

function keysOf(row: Row): string {
  const k = Object.keys(row);
  return k.length ? k.map((x) => JSON.stringify(x)).join(', ') : '(none)';
}

/** `first`: the first line's number, and whether it has an "id" (then every line must; else none may). */
function rowHandler(
  path: string,
  task: Task,
  opts: ReadOptions,
  ready: ExampleBatch[],
  first: { line: number; ids: boolean },
) {
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const classes = opts.classes;
  let rows = 0;
  const at = (line: number) => `line ${line}`;

  const nameOf = (v: unknown, key: string, line: number): string => {
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return integerText(v, key, path, at(line));
    throw new InputError(path, at(line), `"${key}" holds ${shown(v)}; expected a class name (string)`);
  };
  const index = (v: unknown, key: string, line: number): number =>
    classIndexOf(classes, nameOf(v, key, line), path, at(line), `"${key}"`);
  const list = (v: unknown, key: string, line: number): unknown[] => {
    if (!Array.isArray(v))
      throw new InputError(path, at(line), `"${key}" is ${JSON.stringify(v)}; expected an array of class names`);
    return v;
  };
  const single = (row: Row, one: string, many: string, line: number): number => {
    if (one in row) return index(row[one], one, line);
    const v = list(row[many], many, line);
    if (v.length !== 1)
      throw new InputError(
        path,
        at(line),
        `"${many}" holds ${v.length} classes; expected exactly one for a multiclass task`,
      );
    return index(v[0], many, line);
  };
  // The classes of the first "scores" object: every row must score the same ones, or argmax
  // and thresholds would silently compare different candidates from row to row.
  let scored: { line: number; names: string[]; has: boolean[]; cls: Uint32Array; at: number[] } | null = null;
  /** A row's scores for the sink, in class order (array form) or the first row's order (object form). */
  let sinkRow = new Float64Array(0);
  /** Scores of one row as (class index, finite value) pairs in their order in the file. */
  const scoresOf = (
    row: Row,
    line: number,
    objectEntries: ScoreEntries,
    each: (cls: number, v: number, name: string) => void,
  ): void => {
    const s = row.scores;
    const check = (v: unknown, name: string): number => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InputError(
          path,
          at(line),
          `score of ${JSON.stringify(name)} is ${shown(v)}; expected a finite number`,
        );
      return v;
    };
    if (Array.isArray(s)) {
      if (!classes.fixed)
        throw new InputError(
          path,
          at(line),
          '"scores" is an array but no class list was given; expected --classes, or "scores" as an object {"class": score}',
        );
      if (s.length !== classes.size)
        throw new InputError(
          path,
          at(line),
          `"scores" has ${s.length} entries; expected ${classes.size}, one per class of the class list`,
        );
      if (sinkRow.length < s.length) sinkRow = new Float64Array(s.length);
      for (let j = 0; j < s.length; j++) {
        const value = check(s[j], classes.names[j]);
        sinkRow[j] = value;
        each(j, value, classes.names[j]);
      }
      opts.scores?.scores(sinkRow, 0, s.length);
    } else if (objectEntries) {
      const entries = objectEntries;
      const first = scored === null;
      if (first) {
        const cls = new Uint32Array(entries.length);
        scored = { line, names: entries.map(([name]) => name), has: [], cls, at: [] };
        if (sinkRow.length < entries.length) sinkRow = new Float64Array(entries.length);
      }
      const ref = scored!;
      for (const [k, [name, v]] of entries.entries()) {
        const c = classIndexOf(classes, name, path, at(line), '"scores" key');
        if (first) {
          ref.has[c] = true;
          ref.at[c] = k;
          ref.cls[k] = c;
        } else if (!ref.has[c])
          throw new InputError(
            path,
            at(line),
            `"scores" has class ${quoteName(name)}, which line ${ref.line} does not score; expected the same classes on every line`,
          );
        const value = check(v, name);
        sinkRow[ref.at[c]] = value;
        each(c, value, name);
      }
      if (entries.length < ref.names.length) {
        const missing = ref.names.find((n) => !entries.some(([k]) => k === n))!;
        throw new InputError(
          path,
          at(line),
          `"scores" lacks class ${quoteName(missing)} (scored on line ${ref.line}); expected the same classes on every line`,
        );
      }
      opts.scores?.scores(sinkRow, 0, ref.names.length, ref.cls);
    } else
      throw new InputError(
        path,
        at(line),
        `"scores" is ${JSON.stringify(s)}; expected an object {"class": score} or an array`,
      );
  };
  /**
   * With "scores" objects and no class list, a true class must be one of the scored ones (as a
   * CSV label needs a score column): unscored, its examples would enter the log-loss as p = 0.
   */
  const requireScored = (t: number, key: string, line: number): void => {
    if (classes.fixed || !scored || scored.has[t]) return;
    throw new InputError(
      path,
      at(line),
      `"${key}" ${quoteName(classes.names[t])} has no score; expected one of ${listNames(scored.names)}`,
    );
  };
  /** Exact ties go to the first class: of the class list when given, else in the first line's "scores" order (every line's, not each line's own). */
  const rank = (c: number): number => (classes.fixed || !scored ? c : scored.at[c]);
  const noPred = (row: Row, line: number) =>
    new InputError(path, at(line), `found keys ${keysOf(row)}; expected a "pred", "preds" or "scores" key`);
  const noTruth = (row: Row, line: number) =>
    new InputError(
      path,
      at(line),
      `found keys ${keysOf(row)}; expected a "${task === 'multilabel' ? 'labels' : 'label'}" key`,
    );
  const progress = () => {
    rows++;
    if (opts.onProgress && rows % PROGRESS_EVERY === 0) opts.onProgress(rows);
  };

  /**
   * The example's id (leakage between splits): on every line or on none, as the first line says.
   * A line without one would leave leakage unknown for the whole file, silently.
   */
  const withIds = first.ids;
  const keepId = (b: MulticlassBatcher | MultilabelBatcher, row: Row, line: number) => {
    const why = 'ids find the examples shared between splits: give every line an "id", or none';
    if (!('id' in row)) {
      if (withIds) throw new InputError(path, at(line), `has no "id" but line ${first.line} has one (${why})`);
      return;
    }
    if (!withIds) throw new InputError(path, at(line), `has an "id" but line ${first.line} has none (${why})`);
    const v = row.id;
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)))
      throw new InputError(path, at(line), `"id" holds ${shown(v)}; expected a string or a number`);
    const text = typeof v === 'string' ? v : integerText(v, 'id', path, at(line));
    if (!b.ids.addText(text)) throw new InputError(path, at(line), EMPTY_ID);
  };
  let handle: OnRow;
  let flush: () => ExampleBatch | null;
  let batcher: MulticlassBatcher | MultilabelBatcher;
  if (task === 'multiclass') {
    const b = (batcher = new MulticlassBatcher(size, opts.scores));
    b.ids.on = withIds;
    flush = () => b.flush();
    handle = (row, line, entries) => {
      if (!('label' in row) && !('labels' in row)) throw noTruth(row, line);
      const t = single(row, 'label', 'labels', line);
      let p = -1;
      if ('pred' in row || 'preds' in row) p = single(row, 'pred', 'preds', line);
      else if ('scores' in row) {
        let best = -Infinity;
        scoresOf(row, line, entries, (c, v) => {
          if (p < 0 || v > best || (v === best && rank(c) < rank(p))) {
            best = v;
            p = c;
          }
        });
        requireScored(t, 'label' in row ? 'label' : 'labels', line);
        if (p < 0) throw new InputError(path, at(line), '"scores" is empty; expected one score per class');
      } else throw noPred(row, line);
      keepId(b, row, line);
      if (b.push(t, p)) ready.push(b.flush()!);
      progress();
    };
  } else {
    const b = (batcher = new MultilabelBatcher(size, opts.scores));
    b.ids.on = withIds;
    flush = () => b.flush();
    const thresholds = new Map<string, number>();
    const threshold = (name: string) => {
      let t = thresholds.get(name);
      if (t === undefined) thresholds.set(name, (t = thresholdFor(name, opts.threshold, opts.perClassThreshold)));
      return t;
    };
    handle = (row, line, entries) => {
      if ('labels' in row) for (const v of list(row.labels, 'labels', line)) b.truth.add(index(v, 'labels', line));
      else if ('label' in row) {
        if (row.label !== '') b.truth.add(index(row.label, 'label', line));
      } else throw noTruth(row, line);
      if ('preds' in row) for (const v of list(row.preds, 'preds', line)) b.pred.add(index(v, 'preds', line));
      else if ('pred' in row) {
        if (row.pred !== '') b.pred.add(index(row.pred, 'pred', line));
      } else if ('scores' in row) {
        scoresOf(row, line, entries, (c, v, name) => v >= threshold(name) && b.pred.add(c));
        for (const t of b.truth.current()) requireScored(t, 'labels' in row ? 'labels' : 'label', line);
      } else throw noPred(row, line);
      keepId(b, row, line);
      if (b.end()) ready.push(b.flush()!);
      progress();
    };
  }
  return Object.assign(handle, {
    finish() {
      const last = flush();
      if (last) ready.push(last);
      opts.onProgress?.(rows);
    },
    /** A batch read through: its arrays hold a later batch (batcher.ts). */
    recycle: (b: ExampleBatch) => batcher.recycle(b),
  });
}
