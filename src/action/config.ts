// The action's configuration: .modelgate.yml (read by the loader every door shares,
// src/io/config.ts) with the action's rule inputs laid over it. Checked whole before anything
// is evaluated; the rules are parsed for the head's task once it is known.

import { parseRules, type GateRules } from '../core/compare/rules.js';
import type { Task } from '../core/report/types.js';
import { checkRulesEarly, parsePreprocessText, readConfig, type ConfigFile } from '../io/config.js';
import type { PreprocessSpec } from '../model/preprocess.js';
import type { RuleInput } from './inputs.js';

export interface LoadedRules {
  rules: GateRules;
  failOnRegression: boolean;
  /** "defaults", ".modelgate.yml", ".modelgate.yml + inputs", ... */
  origin: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where each rule input lands in the rules object (docs/rules.md). */
export function ruleInputToRules(name: RuleInput, value: string): Obj {
  switch (name) {
    case 'max-drop':
      return { headline: { 'max-drop': { default: { fail: value } } } };
    case 'min-drop':
      return { classes: { 'min-drop': value } };
    case 'min-support':
      return { classes: { 'min-support': value } };
    case 'ignore-classes':
      // One a line; a single line may be comma-separated.
      return {
        classes: {
          ignore: value.includes('\n')
            ? value
                .split(/\r?\n/)
                .map((s) => s.trim())
                .filter(Boolean)
            : value,
        },
      };
    case 'fdr':
      return { fdr: { level: value } };
  }
}

/** Lays `over` onto `base`, mapping by mapping (lists and values are replaced). */
export function deepMerge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    let b = out[k];
    // `headline: [metrics]` is shorthand for `headline: { metrics: [...] }`.
    if (k === 'headline' && (Array.isArray(b) || typeof b === 'string')) b = { metrics: b };
    out[k] = isObj(v) && isObj(b) ? deepMerge(b, v) : v;
  }
  return out;
}

export type ActionConfig = ConfigFile;

/** Reads the config file once, early (a broken file fails before any evaluation). */
export async function readActionConfig(path: string): Promise<ActionConfig> {
  return readConfig(path);
}

/** The preprocessing for model runs: the input (YAML/JSON mapping) over the file's `preprocess`. */
export function preprocessOf(config: ActionConfig, input: string | undefined): PreprocessSpec | undefined {
  return input ? parsePreprocessText(input, 'input preprocess') : config.preprocess;
}

/** The file's rules with the rule inputs laid over them; each input is checked on its own first. */
function mergedRules(
  config: ActionConfig,
  inputRules: Partial<Record<RuleInput, string>>,
): { rules: Obj; origin: string } {
  let merged: Obj = { ...config.rules };
  for (const [name, value] of Object.entries(inputRules) as [RuleInput, string][]) {
    const part = ruleInputToRules(name, value);
    checkRulesEarly(part, `input ${name}`); // names the input when its value is bad
    merged = deepMerge(merged, part);
  }
  const parts = [config.found ? config.path : null, Object.keys(inputRules).length ? 'action inputs' : null];
  const origin = parts.filter(Boolean).join(' + ') || 'defaults';
  return { rules: merged, origin };
}

/**
 * The whole configuration checked before evaluating anything: file and inputs, merged, for the
 * task when the inputs state it (else for either task).
 */
export function checkActionConfig(
  config: ActionConfig,
  inputRules: Partial<Record<RuleInput, string>>,
  task?: Task,
): void {
  const { rules, origin } = mergedRules(config, inputRules);
  checkRulesEarly(rules, origin, task);
}

export function loadRules(opts: {
  config: ActionConfig;
  inputRules: Partial<Record<RuleInput, string>>;
  failOnRegression?: boolean;
  task: Task;
}): LoadedRules {
  const { rules, origin } = mergedRules(opts.config, opts.inputRules);
  return {
    rules: parseRules(rules, origin, opts.task),
    failOnRegression: opts.failOnRegression ?? opts.config.failOnRegression ?? true,
    origin,
  };
}
