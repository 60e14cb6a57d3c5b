// The runner reads every stdout line of the action as a possible workflow command: a line that
// starts with `::` (after blanks) is one (set-output, add-mask, stop-commands, error file=...),
// and so is a line holding the legacy `##[command]` form. @actions/core escapes the data of the
// commands it issues (warning, error, notice, setFailed), but core.info prints text as is. Every
// line we log may quote untrusted text (class names with newlines from quoted CSV fields, a
// report file's fields, paths from inputs), so all of it goes through here: one line, inert.

import * as core from '@actions/core';
import { sanitizeText } from '../core/render/escape.js';

/** U+2060 WORD JOINER: invisible, and not whitespace to the runner's TrimStart. */
const WJ = '\u2060';

/**
 * One inert log line: line breaks (CR, LF, NEL, U+2028/9) become spaces and other control
 * characters U+FFFD (sanitizeText), a leading `::` is broken, and so is every `##[`.
 */
export function logLine(text: string): string {
  return sanitizeText(text)
    .replace(/^(\s*):(?=:)/, `$1:${WJ}`)
    .replace(/##\[/g, `##${WJ}[`);
}

export function info(text: string): void {
  core.info(logLine(text));
}

/** Annotations: core escapes their data already; one line keeps them readable. */
export function warning(text: string): void {
  core.warning(logLine(text));
}

export function notice(text: string): void {
  core.notice(logLine(text));
}

export function setFailed(text: string): void {
  core.setFailed(logLine(text));
}

export function debug(text: string): void {
  core.debug(logLine(text));
}
