#!/usr/bin/env node
import { createRequire as __mgCreateRequire } from 'node:module';
const require = __mgCreateRequire(import.meta.url);

// src/core/errors.ts
var UsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};

// src/io/types.ts
var InputError = class extends Error {
  constructor(file, where, expected) {
    super(`${file}${where ? `:${where}` : ""}: ${expected}`);
    this.file = file;
    this.where = where;
    this.expected = expected;
    this.name = "InputError";
  }
  file;
  where;
  expected;
};

// src/shell/errors.ts
var EXIT_BAD_INPUT = 2;
var EXIT_INTERNAL = 3;
function isUserError(e) {
  return e instanceof InputError || e instanceof UsageError;
}
function describeError(e) {
  if (isUserError(e)) return { message: `error: ${e.message}`, exitCode: EXIT_BAD_INPUT };
  const msg = e instanceof Error ? e.message : String(e);
  const debug = process.env.MODELGATE_DEBUG && e instanceof Error ? `
${e.stack}` : "";
  return {
    message: `internal error: ${msg} (this is a modelgate bug; set MODELGATE_DEBUG=1 for details)${debug}`,
    exitCode: EXIT_INTERNAL
  };
}

// src/cli/commands/compare.ts
var compare = {
  name: "compare",
  summary: "(not built yet)",
  help: "modelgate compare: not built yet",
  async run() {
    throw new UsageError("compare is not built yet");
  }
};

// src/cli/commands/demo.ts
var demo = {
  name: "demo",
  summary: "(not built yet)",
  help: "modelgate demo: not built yet",
  async run() {
    throw new UsageError("demo is not built yet");
  }
};

// src/cli/commands/evaluate.ts
var evaluate = {
  name: "evaluate",
  summary: "(not built yet)",
  help: "modelgate evaluate: not built yet",
  async run() {
    throw new UsageError("evaluate is not built yet");
  }
};

// src/cli/commands/merge.ts
var merge = {
  name: "merge",
  summary: "(not built yet)",
  help: "modelgate merge: not built yet",
  async run() {
    throw new UsageError("merge is not built yet");
  }
};

// src/cli/commands/index.ts
var commands = [evaluate, compare, merge, demo];

// src/cli/main.ts
function usage() {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: modelgate <command> [options]",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run 'modelgate <command> --help' for a command's options."
  ].join("\n");
}
async function main(argv) {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage() + "\n");
    return name ? 0 : EXIT_BAD_INPUT;
  }
  if (name === "--version") {
    process.stdout.write(`${process.env.MODELGATE_VERSION ?? "0.1.0"}
`);
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`error: unknown command '${name}'

${usage()}
`);
    return EXIT_BAD_INPUT;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(cmd.help.trimEnd() + "\n");
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (e) {
    const { message, exitCode } = describeError(e);
    process.stderr.write(message + "\n");
    return exitCode;
  }
}
main(process.argv.slice(2)).then(
  (code) => process.exitCode = code,
  (e) => {
    const { message, exitCode } = describeError(e);
    process.stderr.write(message + "\n");
    process.exitCode = exitCode;
  }
);
export {
  main
};
