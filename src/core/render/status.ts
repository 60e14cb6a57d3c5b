// The commit status: a state and one plain-text line of at most 140 characters (GitHub's limit).

import type { Comparison } from '../compare/types.js';
import { escapePlain, truncateEnd } from './escape.js';
import { VERDICT_WORD } from './sections.js';

export const STATUS_MAX = 140;

export interface StatusLine {
  state: 'success' | 'failure' | 'error';
  description: string;
}

const FALLBACK: Record<string, string> = {
  pass: 'no significant change for the worse',
  warn: 'changes worth a look',
  fail: 'regressions found',
  'no-baseline': 'no baseline to compare with; head evaluated',
};

/**
 * Only a failing verdict fails the status; warn and no-baseline are informative.
 * ('error' is for the action when no comparison could be made at all.)
 */
export function renderStatus(cmp: Comparison): StatusLine {
  const state = cmp.verdict === 'fail' ? 'failure' : 'success';
  const word = VERDICT_WORD[cmp.verdict] ?? String(cmp.verdict);
  const reasons = cmp.reasons.map((r) => escapePlain(r).replace(/ {2,}/g, ' ').trim()).filter((r) => r !== '');
  let description = `${word}: ${reasons[0] ?? FALLBACK[cmp.verdict] ?? ''}`;
  if (reasons.length > 1) {
    const two = `${description}; ${reasons[1]}`;
    if (two.length <= STATUS_MAX) description = two;
  }
  return { state, description: fitUtf16(description, STATUS_MAX) };
}

/**
 * A push to a baseline branch is never failed (pull requests are gated), so its commit status
 * must not be a red cross on the branch either: it stays informative and says what it would be.
 */
export function baselinePushStatus(status: StatusLine): StatusLine {
  if (status.state !== 'failure') return status;
  return { state: 'success', description: fitUtf16(`not gated (baseline push); ${status.description}`, STATUS_MAX) };
}

/** Truncates by code points until the UTF-16 length fits (never splits a surrogate pair). */
function fitUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  let cps = Math.min(Array.from(text).length, max);
  let out = truncateEnd(text, cps);
  while (out.length > max && cps > 1) out = truncateEnd(text, --cps);
  return out;
}
