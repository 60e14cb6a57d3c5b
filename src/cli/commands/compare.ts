// `modelgate compare`: base report + head report (+ rules) -> verdict, Comparison JSON and the
// Markdown comment. Exit 1 when the verdict is fail, 0 otherwise; bad input exits 2 (main.ts).
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { compareReports } from '../../core/compare/compare.js';
import { parseRules } from '../../core/compare/rules.js';
import type { Comparison } from '../../core/compare/types.js';
import { UsageError } from '../../core/errors.js';
import { renderComment } from '../../core/render/comment.js';
import { writeOutputs } from '../../io/output-file.js';
import { readReport } from '../../io/report-file.js';
import { InputError } from '../../io/types.js';
import { EXIT_FAIL_VERDICT, EXIT_OK } from '../../exit.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import type { ProgressSink } from '../progress.js';
import { printable } from '../progress.js';

const HELP = `usage: modelgate compare --head HEAD.json [--base BASE.json] [options]

Compares the head model's report with the base branch's report and gives a verdict: pass,
warn, fail (or no-baseline without --base). Per class, an exact paired McNemar test when both
reports saw the same examples (Newcombe otherwise), Benjamini-Hochberg across classes and a
minimum drop; headline metrics and generalization gaps get paired-bootstrap intervals.
Rules: docs/rules.md.

options:
  --base FILE       the base report (omit when there is none yet: verdict no-baseline)
  --head FILE       the head report
  --config FILE     rules in YAML (default: .modelgate.yml when it exists)
  --markdown FILE   write the Markdown comment here
  --json FILE       write the comparison (JSON) here

exit status: 1 when the verdict is fail, 0 otherwise, 2 on bad input.

example:
  modelgate compare --base reports/base.json --head reports/head.json --markdown comment.md
`;

/** Reads a YAML rules file into a plain object; YAML errors name the file, line and column. */
async function readConfig(path: string, explicit: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return undefined;
    throw new InputError(
      path,
      null,
      code === 'ENOENT'
        ? 'no such file (expected a YAML rules file)'
        : `cannot be read (${code ?? (e as Error).message})`,
    );
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const where = e.linePos?.[0] ? `${e.linePos[0].line}:${e.linePos[0].col}` : null;
    // Only the first line: the rest quotes the file's text.
    const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(path, where, `not valid YAML (${msg.slice(0, 100)})`);
  }
  return doc.toJS() ?? undefined;
}

/** The few lines printed to stdout: verdict, reasons, class counts, files written. */
export function verdictText(cmp: Comparison, written: string[]): string {
  const lines = [`verdict: ${cmp.verdict.toUpperCase()}`];
  for (const r of cmp.reasons) lines.push(`  ${printable(r)}`);
  const count = (s: string) => cmp.classes.filter((c) => c.status === s).length;
  const parts = [
    [count('regression'), 'regressed'],
    [count('catastrophic'), 'catastrophic'],
    [count('improvement'), 'improved'],
    [count('noise'), 'within noise'],
    [count('too-few'), 'too few to judge'],
  ].filter(([n]) => n) as [number, string][];
  const methods = Object.entries(cmp.methods)
    .map(([s, m]) => `${printable(s)}: ${m.classTest}`)
    .join(', ');
  if (cmp.classes.length)
    lines.push(
      `classes: ${parts.length ? parts.map(([n, w]) => `${n} ${w}`).join(', ') : 'no change'}${methods ? ` (${methods})` : ''}`,
    );
  if (cmp.classesAdded.length || cmp.classesRemoved.length)
    lines.push(`class list: ${cmp.classesAdded.length} added, ${cmp.classesRemoved.length} removed`);
  if (written.length) lines.push(`wrote ${written.map(printable).join(', ')}`);
  return lines.join('\n') + '\n';
}

export async function runCompare(argv: string[], io: { stdout?: ProgressSink } = {}): Promise<number> {
  const { flags } = parseArgs('compare', argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    config: { type: 'string' },
    markdown: { type: 'string' },
    json: { type: 'string' },
  });
  if (!flags.head) throw new UsageError("compare: --head FILE is required (see 'modelgate compare --help')");
  const head = await readReport(flags.head);
  const base = flags.base ? await readReport(flags.base) : null;
  const configPath = flags.config ?? '.modelgate.yml';
  const rules = parseRules(await readConfig(configPath, flags.config !== undefined), configPath, head.task);
  const cmp = compareReports(base, head, rules, {
    base: base && flags.base ? { source: flags.base } : undefined,
    head: { source: flags.head },
  });
  const outputs: { path: string; text: string }[] = [];
  if (flags.json) outputs.push({ path: flags.json, text: JSON.stringify(cmp, null, 2) + '\n' });
  if (flags.markdown)
    outputs.push({ path: flags.markdown, text: renderComment(cmp, { key: 'cli', reportPath: flags.head }) });
  const inputs = [flags.head, flags.base, configPath].filter((p) => p !== undefined);
  await writeOutputs(outputs, inputs);
  const written = outputs.map((o) => o.path);
  (io.stdout ?? process.stdout).write(verdictText(cmp, written));
  return cmp.verdict === 'fail' ? EXIT_FAIL_VERDICT : EXIT_OK;
}

export const compare: Command = {
  name: 'compare',
  summary: 'compare a head report with a base report and give a verdict',
  help: HELP,
  run: (argv) => runCompare(argv),
};
