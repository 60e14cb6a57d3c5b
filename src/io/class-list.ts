// A class list file (--classes): one name per line, or a JSON array of strings.

import { decodeText, readSmallFile } from './source.js';
import { classNameProblem, lookAlikeKey, lookAlikeProblem } from '../core/classes.js';
import { InputError } from './types.js';

/** Room for a million long class names; a pipe that never ends is cut there. */
const MAX_BYTES = 256 << 20;

export async function readClassList(path: string): Promise<string[]> {
  const text = decodeText(path, await readSmallFile(path, 'class list', MAX_BYTES), 'class list');
  const first = /\S/.exec(text);
  if (first && text[first.index] === '[') return fromJson(path, text);
  // A JSON object ({"cat": 0, ...}) is a mapping, not a list: read as one line it would become one odd class name.
  if (first && text[first.index] === '{')
    throw new InputError(path, null, 'holds a JSON object; expected a JSON array of class names, or one name per line');
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const check = namesChecker(
    path,
    (i) => `line ${i + 1}`,
    (i) => `on line ${i + 1}`,
  );
  lines.forEach((name, i) => {
    if (name.trim() === '')
      throw new InputError(
        path,
        `line ${i + 1}`,
        `is ${name === '' ? 'empty' : 'blank'}; expected a class name on every line`,
      );
    check(name, i);
  });
  if (lines.length === 0) throw new InputError(path, null, 'holds no class names; expected one name per line');
  return lines;
}

function fromJson(path: string, text: string): string[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new InputError(path, null, `invalid JSON (${(e as Error).message}); expected a JSON array of class names`);
  }
  if (!Array.isArray(v) || v.length === 0)
    throw new InputError(path, null, 'expected a non-empty JSON array of class names');
  const check = namesChecker(
    path,
    (i) => `entry ${i}`,
    (i) => `at entry ${i}`,
  );
  v.forEach((name, i) => {
    if (typeof name !== 'string' || name.trim() === '')
      throw new InputError(path, `entry ${i}`, `is ${JSON.stringify(name)}; expected a non-empty string`);
    check(name, i);
  });
  return v as string[];
}

/**
 * The checks every listed name passes, in either format (`where(i)`: its place in messages,
 * `first(i)`: an earlier one's): a class name on one line, listed once, and unlike the others on
 * screen (lookAlikeKey).
 */
function namesChecker(path: string, where: (i: number) => string, first: (i: number) => string) {
  const seen = new Map<string, number>();
  const looks = new Map<string, string>();
  return (name: string, i: number): void => {
    const problem = classNameProblem(name);
    if (problem) throw new InputError(path, where(i), `${JSON.stringify(name)} ${problem}`);
    const prev = seen.get(name);
    if (prev !== undefined)
      throw new InputError(
        path,
        where(i),
        `repeats class ${JSON.stringify(name)} (first ${first(prev)}); expected unique names`,
      );
    const key = lookAlikeKey(name);
    const lookAlike = lookAlikeProblem(name, looks.get(key));
    if (lookAlike) throw new InputError(path, where(i), lookAlike);
    seen.set(name, i);
    looks.set(key, name);
  };
}
