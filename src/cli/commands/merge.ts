// `modelgate merge`: reports of shards of one evaluation -> one report, as if evaluated in one pass.
import { UsageError } from '../../core/errors.js';
import { checkOutputPath } from '../../io/output-file.js';
import { VERSION } from '../../version.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import type { ProgressSink } from '../progress.js';
import { summarizeReport } from '../summary.js';

const HELP = `usage: modelgate merge PART.json PART.json ... --out FILE
       modelgate merge --replicates RUN.json RUN.json ... --out FILE

Merges reports of shards of the same evaluation (the same model and splits, evaluated in
pieces, e.g. by parallel CI jobs) into one report. Classes are matched by name; every count
is added exactly and per-example predictions are concatenated in the order the parts are
given, so the result equals evaluating all shards in one pass. The parts must share the task,
thresholds and commit, and carry per-example predictions.

Partial reports of 'modelgate evaluate --shard I/N' (or the action's shard input) are merged
in shard order whatever the order given: every shard 1/N to N/N exactly once, all read from
the same files (same fingerprints); their examples are interleaved back into file order.

With --replicates, the reports are runs of the same code on the same data with different seeds
(e.g. a CI matrix over seeds): the first run stays the report and every run's headline metrics
are kept in its "replicates", so compare judges means over the seeds and adds their spread to
each interval: what a different seed does cannot fail the gate (docs/rules.md).

options:
  --out FILE      where to write the merged report
  --replicates    the reports are seed runs of one experiment, not shards

examples:
  modelgate merge shards/report-0.json shards/report-1.json shards/report-2.json --out reports/head.json
  modelgate merge --replicates seeds/seed-1.json seeds/seed-2.json seeds/seed-3.json --out reports/head.json
`;

export async function runMerge(argv: string[], io: { stdout?: ProgressSink } = {}): Promise<number> {
  const { flags, positionals } = parseArgs(
    'merge',
    argv,
    { out: { type: 'string' }, replicates: { type: 'boolean' } },
    { positionals: true },
  );
  if (positionals.length === 0)
    throw new UsageError("merge: give the report files to merge (see 'modelgate merge --help')");
  if (!flags.out) throw new UsageError("merge: --out FILE is required (see 'modelgate merge --help')");
  await checkOutputPath(flags.out, positionals);
  // Loaded here, not at start-up (issue 14).
  const { mergeReports } = await import('../../core/report/merge.js');
  const { mergeReplicates } = await import('../../core/report/replicates.js');
  const { readReport, writeReport } = await import('../../io/report-file.js');
  const parts = [];
  for (const p of positionals) parts.push(await readReport(p));
  const merged = flags.replicates
    ? mergeReplicates(parts, positionals)
    : mergeReports(parts, positionals, { createdAt: new Date().toISOString(), toolVersion: VERSION });
  await writeReport(flags.out, merged, positionals);
  (io.stdout ?? process.stdout).write(summarizeReport(merged, flags.out));
  return 0;
}

export const merge: Command = {
  name: 'merge',
  summary: 'merge reports of shards of one evaluation (or seed replicates) into one report',
  help: HELP,
  run: (argv) => runMerge(argv),
};
