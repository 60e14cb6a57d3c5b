// Turning class names read from a file into indices of the shared ClassIndex, with errors that
// name the file and the place.

import { classNameProblem, lookAlikeProblem, UnknownClassError, type ClassIndex } from '../core/classes.js';
import { InputError } from './types.js';

/** Index of `name`, or an InputError naming file and place when a fixed list does not know it. */
export function classIndexOf(classes: ClassIndex, name: string, file: string, where: string, column: string): number {
  try {
    const known = classes.size;
    const i = classes.indexOf(name);
    // A new name is checked once: a look-alike of a known one could not be told apart on screen,
    // and blank names are a formatting slip, never a class.
    const lookAlike = i >= known ? lookAlikeProblem(name, classes.lookAlike(name)) : null;
    if (lookAlike) throw new InputError(file, where, `${column} ${lookAlike}`);
    if (i >= known && name.trim() === '')
      throw new InputError(file, where, `${column} ${quoteName(name)} is blank; expected a class name`);
    const problem = i >= known ? classNameProblem(name) : null;
    if (problem) throw new InputError(file, where, `${column} ${quoteName(name)} ${problem}`);
    return i;
  } catch (e) {
    if (!(e instanceof UnknownClassError)) throw e;
    const lookAlike = lookAlikeProblem(name, classes.lookAlike(name));
    throw lookAlike
      ? new InputError(file, where, `${column} ${lookAlike}`)
      : unknownClass(classes, name, file, where, column);
  }
}

export function unknownClass(
  classes: ClassIndex,
  name: string,
  file: string,
  where: string,
  column: string,
): InputError {
  return new InputError(
    file,
    where,
    `${column} ${quoteName(name)} is not a known class; expected one of ${listNames(classes.names)}`,
  );
}

/** A class name as shown in messages: JSON-quoted and shortened. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 60 ? name.slice(0, 60) + '…' : name);
}

export function listNames(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map(quoteName).join(', ');
  return names.length > max ? `${shown}, … (${names.length} classes)` : shown || '(no classes)';
}
