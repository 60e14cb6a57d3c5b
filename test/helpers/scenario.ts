// Scenarios: real prediction files for a base and a head model, evaluated and compared the way
// the CLI does, and the comment a reviewer would read. Layout of a scenario folder:
//   fixtures/scenarios/<name>/{base,head}/<split>.<csv|jsonl|npy|npz>   one file per split
//   fixtures/scenarios/<name>/modelgate.yml                           optional rules
//   fixtures/scenarios/<name>/PROVENANCE.md                           how the models were made
// `visible` is the comment with every <details> block removed: what a reviewer sees without a click.

import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseRules } from '../../src/core/compare/rules.js';
import type { Comparison } from '../../src/core/compare/types.js';
import type { Report } from '../../src/core/report/types.js';
import { readConfig, rulesOf } from '../../src/io/config.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { runGate } from '../../src/pipeline/gate.js';

export const SCENARIOS = path.resolve('fixtures/scenarios');

export interface ScenarioResult {
  base: Report | null;
  head: Report;
  comparison: Comparison;
  /** The whole Markdown comment. */
  comment: string;
  /** The comment without its <details> blocks: what a reviewer reads first. */
  visible: string;
}

/** Removes every <details>...</details> block (nested ones too). */
export function outsideDetails(md: string): string {
  let out = md;
  for (;;) {
    const next = out.replace(/<details>(?:(?!<details>)[\s\S])*?<\/details>/g, '');
    if (next === out) return out;
    out = next;
  }
}

function splitFiles(dir: string): { name: string; path: string }[] {
  return readdirSync(dir)
    .filter((f) => /\.(csv|jsonl|npy|npz)$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/\.[^.]+$/, ''), path: path.join(dir, f) }));
}

export interface ScenarioOptions {
  classes?: string[];
  /** Rules (as in .modelgate.yml) instead of the scenario's modelgate.yml. */
  rules?: unknown;
  /** The head's folder, when a scenario holds more than one (default 'head'). */
  head?: string;
}

/**
 * Evaluates `<name>/base` (when present) and `<name>/head`, compares them under the scenario's
 * rules through the gate every door uses (src/pipeline/gate.ts), so a bad rule fails as it would.
 */
export async function runScenario(name: string, opts: ScenarioOptions = {}): Promise<ScenarioResult> {
  const dir = path.join(SCENARIOS, name);
  const createdAt = '2026-01-01T00:00:00.000Z';
  const head = await evaluatePredictionFiles(splitFiles(path.join(dir, opts.head ?? 'head')), {
    classes: opts.classes,
    commit: 'b'.repeat(40),
    createdAt,
  });
  const base = existsSync(path.join(dir, 'base'))
    ? await evaluatePredictionFiles(splitFiles(path.join(dir, 'base')), {
        classes: opts.classes,
        commit: 'a'.repeat(40),
        createdAt,
      })
    : null;
  const rulesPath = path.join(dir, 'modelgate.yml');
  const config = await readConfig(rulesPath);
  const given = opts.rules !== undefined;
  const { comparison, comment } = runGate({
    head,
    headSide: {},
    baseline: base ? { report: base, source: `${name}/base` } : null,
    rules: given ? parseRules(opts.rules, 'rules', head.task) : rulesOf(config, head.task),
    rulesOrigin: given ? 'rules' : rulesPath,
    render: { key: name },
  });
  return { base, head, comparison, comment, visible: outsideDetails(comment) };
}
