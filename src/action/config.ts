// .modelgate.yml (optional) with the action's inputs laid over it. The file holds the gate
// rules (checked by parseRules) plus two keys that belong to the door, taken out here before
// the rules are parsed: `fail-on-regression` (the exit code) and `preprocess` (model runs).

import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../core/errors.js';
import { parseRules, type GateRules } from '../core/compare/rules.js';
import type { Task } from '../core/report/types.js';
import { parsePreprocess, type PreprocessSpec } from '../model/preprocess.js';
import type { RuleInput } from './inputs.js';

export interface LoadedRules {
  rules: GateRules;
  failOnRegression: boolean;
  /** "defaults", ".modelgate.yml", ".modelgate.yml + inputs", ... */
  origin: string;
}

/** The config file as an object; null when it does not exist. */
export async function readConfigFile(path: string): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(`${path}: cannot read the config file (${(e as Error).message})`);
  }
  return parseConfigText(text, path);
}

/** A config file's text as an object; `path` names it in errors (a file, or "path at <commit>"). */
export function parseConfigText(text: string, path: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    const err = e as Error & { linePos?: { line: number; col: number }[] };
    const at = err.linePos?.[0] ? `:${err.linePos[0].line}:${err.linePos[0].col}` : '';
    throw new UsageError(`${path}${at}: expected YAML rules: ${err.message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(
      `${path}: expected a mapping of rules (key: value), got ${Array.isArray(data) ? 'a list' : typeof data}`,
    );
  return data as Record<string, unknown>;
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

/** Keys of .modelgate.yml that are not rules. */
export const DOOR_KEYS = ['fail-on-regression', 'preprocess'] as const;

export interface ActionConfig {
  path: string;
  /** null when the file does not exist. */
  file: Obj | null;
}

/** Reads the config file once, early (a broken file fails before any evaluation). */
export async function readActionConfig(path: string): Promise<ActionConfig> {
  return { path, file: await readConfigFile(path) };
}

/** The preprocessing for model runs: the input (YAML/JSON mapping) over the file's `preprocess`. */
export function preprocessOf(config: ActionConfig, input: string | undefined): PreprocessSpec | undefined {
  let raw: unknown = config.file?.preprocess;
  let origin = `${config.path}: preprocess`;
  if (input) {
    origin = 'input preprocess';
    try {
      raw = parseYaml(input);
    } catch (e) {
      throw new UsageError(
        `input preprocess: expected a mapping such as "{ scale: 1/255 }": ${(e as Error).message.split('\n')[0]}`,
      );
    }
  }
  if (raw === undefined || raw === null) return undefined;
  try {
    return parsePreprocess(raw);
  } catch (e) {
    throw new UsageError(`${origin}: ${(e as Error).message}`);
  }
}

export async function loadRules(opts: {
  config: ActionConfig;
  inputRules: Partial<Record<RuleInput, string>>;
  failOnRegression?: boolean;
  task: Task;
}): Promise<LoadedRules> {
  const file = opts.config.file;
  const configPath = opts.config.path;
  let merged: Obj = { ...(file ?? {}) };
  delete merged.preprocess;
  for (const [name, value] of Object.entries(opts.inputRules) as [RuleInput, string][]) {
    const part = ruleInputToRules(name, value);
    parseRules(part, `input ${name}`, opts.task); // names the input when its value is bad
    merged = deepMerge(merged, part);
  }
  let fail = opts.failOnRegression;
  if ('fail-on-regression' in merged) {
    const v = merged['fail-on-regression'];
    delete merged['fail-on-regression'];
    if (fail === undefined) {
      if (typeof v !== 'boolean')
        throw new UsageError(`${configPath}: fail-on-regression: expected true or false, got ${JSON.stringify(v)}`);
      fail = v;
    }
  }
  const parts = [file ? configPath : null, Object.keys(opts.inputRules).length ? 'action inputs' : null].filter(
    Boolean,
  );
  const origin = parts.length ? parts.join(' + ') : 'defaults';
  return { rules: parseRules(merged, origin, opts.task), failOnRegression: fail ?? true, origin };
}
