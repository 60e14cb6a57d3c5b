// How every door (CLI, action, bot) reports a failure: bad input is the user's to fix and gets
// one clear line and exit code 2; anything else is our bug and gets a short line plus a hint.

import { UsageError } from './core/errors.js';
import { InputError } from './io/types.js';

export const EXIT_OK = 0;
export const EXIT_FAIL_VERDICT = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;

export function isUserError(e: unknown): e is InputError | UsageError {
  return e instanceof InputError || e instanceof UsageError;
}

/** One line for the user; a stack trace only when MODELGATE_DEBUG is set. */
export function describeError(e: unknown): { message: string; exitCode: number } {
  if (isUserError(e)) return { message: `error: ${e.message}`, exitCode: EXIT_BAD_INPUT };
  const msg = e instanceof Error ? e.message : String(e);
  const debug = process.env.MODELGATE_DEBUG && e instanceof Error ? `\n${e.stack}` : '';
  return {
    message: `internal error: ${msg} (this is a modelgate bug; set MODELGATE_DEBUG=1 for details)${debug}`,
    exitCode: EXIT_INTERNAL,
  };
}
