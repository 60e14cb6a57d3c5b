// The commands' argv parser: node:util's parseArgs (strict), with its errors turned into one
// UsageError that names the command and points at its --help, and a flag given twice refused
// (parseArgs would keep the last value silently), so typos never pass.

import { parseArgs as nodeParseArgs } from 'node:util';
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
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, f]) => [
      name,
      f.type === 'boolean'
        ? { type: 'boolean' as const, default: false }
        : f.multiple
          ? { type: 'string' as const, multiple: true, default: [] as string[] }
          : { type: 'string' as const },
    ]),
  );
  let parsed;
  try {
    parsed = nodeParseArgs({ args: argv, options, strict: true, allowPositionals: !!opts.positionals, tokens: true });
  } catch (e) {
    throw usageError(command, e);
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    const f = spec[t.name];
    if (f.type === 'boolean' || f.multiple) continue;
    if (seen.has(t.name)) throw new UsageError(`${command}: --${t.name} is given twice; it takes one value`);
    seen.add(t.name);
  }
  return { flags: { ...parsed.values } as Parsed<S>['flags'], positionals: parsed.positionals };
}

/** parseArgs' messages (ERR_PARSE_ARGS_*) in the CLI's words. */
function usageError(command: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  const message = e instanceof Error ? e.message : String(e);
  const quoted = /'([^' ]+)/.exec(message)?.[1] ?? '';
  const help = `(see 'modelgate ${command} --help')`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`${command}: unknown option ${quoted} ${help}`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(
        `${command}: unexpected argument ${JSON.stringify(/^Unexpected argument '(.*)'\. This command/s.exec(message)?.[1] ?? quoted)} ${help}`,
      );
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(
        /does not take an argument/.test(message)
          ? `${command}: ${quoted} takes no value`
          : `${command}: ${quoted} needs a value ${help} (a value starting with '-' is written ${quoted}=-VALUE)`,
      );
    default:
      return e;
  }
}
