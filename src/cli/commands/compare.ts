// `modelgate compare`: base report + head report (+ rules) -> verdict, Comparison JSON and the
// Markdown comment. Exit 1 when the verdict is fail, 0 otherwise; bad input exits 2 (main.ts).
import type { Comparison } from '../../core/compare/types.js';
import { UsageError } from '../../core/errors.js';
import { writeOutputs } from '../../io/output-file.js';
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
  --html FILE       write the HTML report here: charts and the per-class table in one
                    self-contained page (no network; open it in any browser)

exit status: 1 when the verdict is fail (0 with fail-on-regression: false in the config),
0 otherwise, 2 on bad input (also a rule naming a split, class or metric the reports lack).

example:
  modelgate compare --base reports/base.json --head reports/head.json --markdown comment.md
`;

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
    html: { type: 'string' },
  });
  if (!flags.head) throw new UsageError("compare: --head FILE is required (see 'modelgate compare --help')");
  // Loaded here, not at start-up (issue 14).
  const { DEFAULT_CONFIG, readConfig, rulesOf } = await import('../../io/config.js');
  const { readReport } = await import('../../io/report-file.js');
  const { runGate } = await import('../../pipeline/gate.js');
  const { renderHtmlReport } = await import('../../core/render/html/index.js');
  const configPath = flags.config ?? DEFAULT_CONFIG;
  const config = await readConfig(configPath, flags.config !== undefined);
  const head = await readReport(flags.head);
  const base = flags.base ? await readReport(flags.base) : null;
  const { comparison: cmp, comment } = runGate({
    head,
    headSide: { source: flags.head },
    baseline: base && flags.base ? { report: base, source: flags.base } : null,
    rules: rulesOf(config, head.task),
    rulesOrigin: config.found ? configPath : 'defaults',
    render: { key: 'cli', reportPath: flags.head },
  });
  const outputs: { path: string; text: string }[] = [];
  if (flags.json) outputs.push({ path: flags.json, text: JSON.stringify(cmp, null, 2) + '\n' });
  if (flags.markdown) outputs.push({ path: flags.markdown, text: comment });
  if (flags.html) outputs.push({ path: flags.html, text: renderHtmlReport({ comparison: cmp, head }) });
  const inputs = [flags.head, flags.base, configPath].filter((p) => p !== undefined);
  await writeOutputs(outputs, inputs);
  const written = outputs.map((o) => o.path);
  const failJob = config.failOnRegression ?? true;
  (io.stdout ?? process.stdout).write(
    verdictText(cmp, written) +
      (cmp.verdict === 'fail' && !failJob ? `exit 0: fail-on-regression is false in ${configPath}\n` : ''),
  );
  return cmp.verdict === 'fail' && failJob ? EXIT_FAIL_VERDICT : EXIT_OK;
}

export const compare: Command = {
  name: 'compare',
  summary: 'compare a head report with a base report and give a verdict',
  help: HELP,
  run: (argv) => runCompare(argv),
};
