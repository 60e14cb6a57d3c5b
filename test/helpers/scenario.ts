// Scenarios: real prediction files for a base and a head model, evaluated and compared the way
// the CLI does, and the comment a reviewer would read. Layout of a scenario folder:
//   fixtures/scenarios/<name>/{base,head}/<split>.<csv|jsonl|npy|npz>   one file per split
//   fixtures/scenarios/<name>/modelgate.yml                           optional rules
//   fixtures/scenarios/<name>/PROVENANCE.md                           how the models were made
// `visible` is the comment with every <details> block removed: what a reviewer sees without a click.

import { readdirSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compareReports } from '../../src/core/compare/compare.js';
import { parseRules } from '../../src/core/compare/rules.js';
import type { Comparison } from '../../src/core/compare/types.js';
import { renderComment } from '../../src/core/render/index.js';
import type { Report } from '../../src/core/report/types.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';

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

/** Evaluates `<name>/base` (when present) and `<name>/head`, compares them under the scenario's rules. */
export async function runScenario(name: string, opts: { classes?: string[] } = {}): Promise<ScenarioResult> {
  const dir = path.join(SCENARIOS, name);
  const createdAt = '2026-01-01T00:00:00.000Z';
  const head = await evaluatePredictionFiles(splitFiles(path.join(dir, 'head')), {
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
  const rulesObj = existsSync(rulesPath) ? (parseYaml(readFileSync(rulesPath, 'utf8')) as unknown) : {};
  const rules = parseRules(rulesObj ?? {}, rulesPath, head.task);
  const comparison = compareReports(base, head, rules);
  const comment = renderComment(comparison, { key: name });
  return { base, head, comparison, comment, visible: outsideDetails(comment) };
}
