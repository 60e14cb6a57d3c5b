// Reading and writing report files. Reading turns every way a file can be wrong (missing,
// not JSON, cut short, not a report) into one line for the user; writing goes through
// ./output-file.ts (never over an input, never half a file).

import { readFile } from 'node:fs/promises';
import { DeflatedData } from '../core/report/deflated-data.js';
import type { Report } from '../core/report/types.js';
import { validateReport } from '../core/report/validate.js';
import { writeOutputs } from './output-file.js';
import { InputError } from './types.js';

export async function readReport(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError(path, null, 'no such file (expected a modelgate report written by `modelgate evaluate`)');
    if (code === 'EISDIR') throw new InputError(path, null, 'is a directory; expected a report file');
    throw new InputError(path, null, `cannot be read (${code ?? (e as Error).message})`);
  }
  return parseReport(text, path);
}

/** Parses and validates report text; `origin` names it in messages. */
export function parseReport(text: string, origin: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw jsonError(text, origin, e as Error);
  }
  return validateReport(data, origin);
}

function jsonError(text: string, origin: string, e: Error): InputError {
  if (text.trim() === '') return new InputError(origin, null, 'is empty; expected a modelgate report (JSON)');
  // V8 names a position ("... in JSON at position 123"); the end of input means a cut-short file.
  const pos = /at position (\d+)/.exec(e.message);
  const end = text.trimEnd().length;
  const p = pos ? Number(pos[1]) : /end of JSON input/.test(e.message) ? end : null;
  const where = p === null ? null : lineColumn(text, p);
  if (p !== null && p >= end)
    return new InputError(origin, where, 'the JSON ends early: the file is truncated (was it written completely?)');
  // Python's json.dump writes bare NaN / Infinity, which no JSON parser accepts.
  const bare = /[:,[]\s*-?(?:NaN|Infinity)\b/.exec(text);
  if (bare)
    return new InputError(
      origin,
      lineColumn(text, bare.index + bare[0].search(/[-NI]/)),
      'holds NaN or Infinity, which JSON does not allow; expected a number',
    );
  // Never echo file contents beyond one character: V8 quotes a window of the text.
  const token = /^Unexpected token '(.)'/.exec(e.message);
  const detail = token
    ? `unexpected ${JSON.stringify(token[1])}`
    : e.message.replace(/ in JSON at position \d+.*$/, '').replace(/,? ".*$/, '');
  return new InputError(origin, where, `not valid JSON (${detail.slice(0, 80)})`);
}

function lineColumn(text: string, p: number): string {
  const before = text.slice(0, p);
  const line = before.split('\n').length;
  return `${line}:${p - before.lastIndexOf('\n')}`;
}

export async function writeReport(path: string, report: Report, inputs: readonly string[] = []): Promise<void> {
  await writeOutputs([{ path, text: reportPieces(report) }], inputs);
}

/**
 * JSON with two-space indentation, but arrays of numbers (per-class figures, confusion counts)
 * on one line each: a 1024-class confusion matrix is a million numbers.
 */
export function formatReport(report: Report): string {
  return [...reportPieces(report)].join('');
}

/** Long strings (per-example predictions) go out in slices of this many characters, never copied whole. */
const SLICE = 1 << 20;
/** The characters JSON.stringify escapes in a string. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * formatReport's text in pieces of about SLICE characters, made as they are taken: a report
 * holding megabytes of per-example predictions is written without building it as one string,
 * which the nested joins copied once per level (issue 14: 100 MB of heap for 1M multi-label
 * examples), and predictions built in this process go out as the base64 of their deflated pieces,
 * slice by slice (DeflatedData), never whole.
 */
export function* reportPieces(report: Report): Generator<string> {
  let current = '';
  for (const s of format(report, '')) {
    current += s;
    if (current.length >= SLICE) {
      yield current;
      current = '';
    }
  }
  yield current + '\n';
}

function* format(v: unknown, indent: string): Generator<string> {
  if (v instanceof DeflatedData) {
    // base64 needs no escaping.
    yield '"';
    yield* v.base64(SLICE);
    return yield '"';
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return yield '[]';
    if (
      v.every((x) => x === null || typeof x !== 'object' || (Array.isArray(x) && x.every((y) => typeof y !== 'object')))
    )
      return yield JSON.stringify(v);
    const inner = indent + '  ';
    yield '[\n';
    for (let i = 0; i < v.length; i++) {
      yield i ? ',\n' + inner : inner;
      yield* format(v[i], inner);
    }
    return yield `\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return yield '{}';
    const inner = indent + '  ';
    yield '{\n';
    for (let i = 0; i < entries.length; i++) {
      yield `${i ? ',\n' : ''}${inner}${JSON.stringify(entries[i][0])}: `;
      yield* format(entries[i][1], inner);
    }
    return yield `\n${indent}}`;
  }
  if (typeof v === 'string' && v.length > SLICE && !NEEDS_ESCAPE.test(v)) {
    // A long string as slices (views of it in V8, not copies).
    yield '"';
    for (let i = 0; i < v.length; i += SLICE) yield v.slice(i, i + SLICE);
    return yield '"';
  }
  yield JSON.stringify(v);
}
