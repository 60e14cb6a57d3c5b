// A tiny argv parser shared by the commands: `--flag value`, `--flag=value`, repeatable flags,
// boolean switches, positionals, `--` to end options. Anything unexpected is a UsageError that
// names the command, so typos never pass silently.

import { UsageError } from '../core/errors.js';

export type FlagSpec = { type: 'string'; multiple?: boolean } | { type: 'boolean' };
export type Spec = Record<string, FlagSpec>;

type ValueOf<F extends FlagSpec> = F extends { type: 'boolean' }
  ? boolean
  : F extends { multiple: true }
    ? string[]
    : string | undefined;

export interface Parsed<S extends Spec> {
  flags: { [K in keyof S]: ValueOf<S[K]> };
  positionals: string[];
}

export function parseArgs<S extends Spec>(
  command: string,
  argv: string[],
  spec: S,
  opts: { positionals?: boolean } = {},
): Parsed<S> {
  const flags: Record<string, string | string[] | boolean | undefined> = {};
  for (const [name, f] of Object.entries(spec))
    flags[name] = f.type === 'boolean' ? false : 'multiple' in f && f.multiple ? [] : undefined;
  const positionals: string[] = [];
  const help = `(see 'modelgate ${command} --help')`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg.length > 1) throw new UsageError(`${command}: unknown option ${arg} ${help}`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const f = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!f) throw new UsageError(`${command}: unknown option --${name} ${help}`);
    if (f.type === 'boolean') {
      if (eq >= 0) throw new UsageError(`${command}: --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--'))
        throw new UsageError(`${command}: --${name} needs a value ${help}`);
      value = argv[++i];
    }
    if (f.multiple) (flags[name] as string[]).push(value);
    else if (flags[name] !== undefined)
      throw new UsageError(`${command}: --${name} is given twice; it takes one value`);
    else flags[name] = value;
  }
  if (!opts.positionals && positionals.length > 0)
    throw new UsageError(`${command}: unexpected argument ${JSON.stringify(positionals[0])} ${help}`);
  return { flags: flags as Parsed<S>['flags'], positionals };
}
