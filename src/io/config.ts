// `.modelgate.yml`, read by one loader for every door (CLI, action), so a file means the same
// everywhere and is refused with the same one-line error and exit code 2. The file holds the
// gate rules (checked by parseRules) plus two keys that belong to the door, taken out and
// checked here: `fail-on-regression` (the exit code on a fail) and `preprocess` (model runs).

import { readFile, stat } from 'node:fs/promises';
import { parse as parseYamlText, parseDocument } from 'yaml';
import { parseRules, type GateRules } from '../core/compare/rules.js';
import { UsageError } from '../core/errors.js';
import type { Task } from '../core/report/types.js';
import { parsePreprocess, type PreprocessSpec } from '../model/preprocess.js';
import { InputError } from './types.js';

export const DEFAULT_CONFIG = '.modelgate.yml';
/** A rules file is a few lines; anything this big is not one. */
const MAX_CONFIG_BYTES = 1 << 20;
/** YAML aliases may expand exponentially ("billion laughs"); a rules file needs few. */
const MAX_ALIASES = 100;

type Obj = Record<string, unknown>;

/** Keys of .modelgate.yml that are not rules. */
export const DOOR_KEYS = ['fail-on-regression', 'preprocess'] as const;

export interface ConfigFile {
  path: string;
  /** False when the file does not exist (default rules). */
  found: boolean;
  /** The rules part (door keys taken out), as written. */
  rules: Obj;
  failOnRegression?: boolean;
  /** The file's `preprocess`, checked. */
  preprocess?: PreprocessSpec;
}

/**
 * Reads and checks the whole file: YAML, the door keys and the rules (for either task; the task
 * specific metric names are checked again once the task is known). A missing file is the
 * defaults unless `required` (the user named it).
 */
export async function readConfig(path: string, required = false): Promise<ConfigFile> {
  const text = await readText(path, required);
  return text === null ? { path, found: false, rules: {} } : parseConfig(text, path);
}

/** A config file's text (e.g. fetched at a commit) checked as readConfig does; `origin` names it. */
export function parseConfig(text: string, origin: string): ConfigFile {
  const cfg: ConfigFile = { path: origin, found: true, rules: { ...parseYaml(text, origin) } };
  if ('fail-on-regression' in cfg.rules) {
    const v = cfg.rules['fail-on-regression'];
    if (typeof v !== 'boolean')
      throw new UsageError(`${origin}: fail-on-regression: expected true or false, got ${JSON.stringify(v)}`);
    cfg.failOnRegression = v;
  }
  if (cfg.rules.preprocess !== undefined && cfg.rules.preprocess !== null) {
    try {
      cfg.preprocess = parsePreprocess(cfg.rules.preprocess);
    } catch (e) {
      throw new UsageError(`${origin}: preprocess: ${(e as Error).message}`);
    }
  }
  for (const k of DOOR_KEYS) delete cfg.rules[k];
  checkRulesEarly(cfg.rules, origin);
  return cfg;
}

/**
 * An inline preprocessing mapping (the action's `preprocess` input, the CLI's --preprocess), YAML
 * or JSON, e.g. "{ scale: 1/255 }"; `origin` names it in errors. Empty: undefined.
 */
export function parsePreprocessText(text: string, origin: string): PreprocessSpec | undefined {
  let raw: unknown;
  try {
    raw = parseYamlText(text, { maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new UsageError(
      `${origin}: expected a mapping such as "{ scale: 1/255 }": ${(e as Error).message.split('\n')[0]}`,
    );
  }
  if (raw === undefined || raw === null) return undefined;
  try {
    return parsePreprocess(raw);
  } catch (e) {
    throw new UsageError(`${origin}: ${(e as Error).message}`);
  }
}

/**
 * Checks rules before the task is known: they must parse for at least one task (a metric of the
 * other task is refused later, when the reports say which task it is).
 */
export function checkRulesEarly(rules: Obj, origin: string, task?: Task): void {
  if (task) {
    parseRules(rules, origin, task);
    return;
  }
  try {
    parseRules(rules, origin, 'multiclass');
  } catch (e) {
    try {
      parseRules(rules, origin, 'multilabel');
    } catch {
      throw e;
    }
  }
}

/** The rules of a config file for a report of `task`. */
export function rulesOf(cfg: ConfigFile, task: Task): GateRules {
  return parseRules(cfg.rules, cfg.path, task);
}

/** The file's text; null when it does not exist and is not required. */
async function readText(path: string, required: boolean): Promise<string | null> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, null, 'is a directory; expected a YAML rules file');
    if (st.size > MAX_CONFIG_BYTES)
      throw new InputError(path, null, `is ${st.size} bytes; expected a YAML rules file (at most 1 MB)`);
    return await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return null;
    throw new InputError(
      path,
      null,
      code === 'ENOENT'
        ? 'no such file (expected a YAML rules file)'
        : `cannot be read (${code ?? (e as Error).message})`,
    );
  }
}

function parseYaml(text: string, path: string): Obj {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const where = e.linePos?.[0] ? `${e.linePos[0].line}:${e.linePos[0].col}` : null;
    // Only the first line: the rest quotes the file's text.
    const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(path, where, `not valid YAML (${msg.slice(0, 100)})`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // The yaml package refuses an alias bomb with a ReferenceError ("Excessive alias count").
    throw new InputError(path, null, `not valid YAML (${(e as Error).message.split('\n')[0].slice(0, 100)})`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new InputError(
      path,
      null,
      `expected a mapping of rules (key: value), got ${Array.isArray(data) ? 'a list' : typeof data}`,
    );
  return data as Obj;
}
