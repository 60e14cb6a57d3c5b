// Prediction files for the action tests, written as the user's evaluate.py would: one CSV per
// split with the true label and the predicted label. Every class has `perClass` examples per
// split; `found[split][class]` of them are predicted right (the first ones), the rest are
// predicted as the next class in the list. Same order on both sides, so comparisons are paired.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SPLITS = ['train', 'validation', 'test'] as const;

export interface Scenario {
  classes: string[];
  perClass: number;
  /** split -> class -> examples predicted right; default all. */
  found?: Record<string, Record<string, number>>;
}

const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Writes predictions/<split>.csv under `dir`; returns the `splits` input text. */
export function writePredictions(dir: string, s: Scenario, sub = 'predictions'): string {
  mkdirSync(join(dir, sub), { recursive: true });
  const lines: string[] = [];
  for (const split of SPLITS) {
    const rows = ['label,pred'];
    s.classes.forEach((c, ci) => {
      const ok = s.found?.[split]?.[c] ?? s.perClass;
      const wrong = s.classes[(ci + 1) % s.classes.length];
      for (let i = 0; i < s.perClass; i++) rows.push(`${cell(c)},${cell(i < ok ? c : wrong)}`);
    });
    writeFileSync(join(dir, sub, `${split}.csv`), rows.join('\n') + '\n');
    lines.push(`${split}=${sub}/${split}.csv`);
  }
  return lines.join('\n');
}

export function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'modelgate-ws-'));
}

export const ANIMALS: Scenario = { classes: ['bird', 'cat', 'dog'], perClass: 50 };
/** bird's test recall drops from 50/50 to 20/50. */
export const BIRD_DROPS: Scenario = { ...ANIMALS, found: { test: { bird: 20 } } };
