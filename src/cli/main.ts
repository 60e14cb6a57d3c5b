// The CLI door: `modelgate <command> ...`. Each command lives in ./commands/<name>.ts.
import { describeError, EXIT_BAD_INPUT } from '../exit.js';
import { VERSION } from '../version.js';
import type { Command } from './command.js';
import { commands } from './commands/index.js';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: modelgate <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'modelgate <command> --help' for a command's options.",
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // Asked for: stdout and success; missing: it is an error, so stderr.
    (name ? process.stdout : process.stderr).write(usage() + '\n');
    return name ? 0 : EXIT_BAD_INPUT;
  }
  if (name === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const cmd: Command | undefined = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`error: unknown command '${name}'\n\n${usage()}\n`);
    return EXIT_BAD_INPUT;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(cmd.help.trimEnd() + '\n');
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    const { message, exitCode } = describeError(e);
    process.stderr.write(message + '\n');
    return exitCode;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    const { message, exitCode } = describeError(e);
    process.stderr.write(message + '\n');
    process.exitCode = exitCode;
  },
);
