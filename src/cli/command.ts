// One CLI command: a name, its help text, and a function from argv to an exit code.
export interface Command {
  name: string;
  /** One line for `modelgate --help`. */
  summary: string;
  /** Full text for `modelgate <name> --help`. */
  help: string;
  run(argv: string[]): Promise<number>;
}
