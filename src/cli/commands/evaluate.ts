// `modelgate evaluate`: prediction files of one or more splits -> a report file.
import { UsageError } from '../../core/errors.js';
import type { Task } from '../../core/report/types.js';
import { readClassList } from '../../io/class-list.js';
import { checkOutputPath } from '../../io/output-file.js';
import { readThresholds } from '../../io/thresholds.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { createProgress, type ProgressSink } from '../progress.js';
import { summarizeReport } from '../summary.js';

const HELP = `usage: modelgate evaluate --split NAME=PATH [--split NAME=PATH ...] --out FILE [options]

Evaluates prediction files (one per split) and writes a modelgate report.

options:
  --split NAME=PATH   a split and its predictions file (.csv, .jsonl, .npz or a folder of .npy);
                      repeat for every split (train, validation, test, ...)
  --out FILE          where to write the report (JSON; directories are created)
  --classes FILE      the class list (one name per line or a JSON array); fixes the class
                      order and makes an unknown class an error. Default: classes as found,
                      sorted naturally
  --task TASK         multiclass or multilabel (default: detected from the files)
  --threshold X       multi-label decision threshold, score >= X (default 0.5)
  --thresholds FILE   per-class multi-label thresholds, a JSON object {"class": X}
  --commit SHA        the commit the predictions belong to (recorded in the report)
  --no-predictions    leave per-example predictions out of the report (smaller, but no
                      paired tests in compare and no merge)

example:
  modelgate evaluate --split train=preds/train.csv --split validation=preds/val.csv \\
    --split test=preds/test.csv --classes classes.txt --out reports/head.json
`;

const SPEC = {
  split: { type: 'string', multiple: true },
  out: { type: 'string' },
  classes: { type: 'string' },
  task: { type: 'string' },
  threshold: { type: 'string' },
  thresholds: { type: 'string' },
  commit: { type: 'string' },
  'no-predictions': { type: 'boolean' },
} as const;

export function parseSplit(arg: string): { name: string; path: string } {
  const eq = arg.indexOf('=');
  if (eq <= 0 || eq === arg.length - 1)
    throw new UsageError(
      `evaluate: --split ${JSON.stringify(arg)} must be NAME=PATH, e.g. --split test=preds/test.csv`,
    );
  return { name: arg.slice(0, eq), path: arg.slice(eq + 1) };
}

export async function runEvaluate(
  argv: string[],
  io: { stdout?: ProgressSink; stderr?: ProgressSink } = {},
): Promise<number> {
  const { flags } = parseArgs('evaluate', argv, SPEC);
  if (flags.split.length === 0)
    throw new UsageError("evaluate: give at least one --split NAME=PATH (see 'modelgate evaluate --help')");
  if (!flags.out) throw new UsageError("evaluate: --out FILE is required (see 'modelgate evaluate --help')");
  const splits = flags.split.map(parseSplit);
  let task: Task | undefined;
  if (flags.task !== undefined) {
    if (flags.task !== 'multiclass' && flags.task !== 'multilabel')
      throw new UsageError(`evaluate: --task is ${JSON.stringify(flags.task)}; expected multiclass or multilabel`);
    task = flags.task;
  }
  let threshold: number | undefined;
  if (flags.threshold !== undefined) {
    threshold = Number(flags.threshold);
    if (!/^\s*(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(flags.threshold) || !(threshold >= 0 && threshold <= 1))
      throw new UsageError(
        `evaluate: --threshold is ${JSON.stringify(flags.threshold)}; expected a number from 0 to 1`,
      );
  }
  const inputs = [...splits.map((s) => s.path), flags.classes, flags.thresholds].filter((p) => p !== undefined);
  await checkOutputPath(flags.out, inputs);
  const classes = flags.classes !== undefined ? await readClassList(flags.classes) : undefined;
  const perClassThreshold = flags.thresholds !== undefined ? await readThresholds(flags.thresholds) : undefined;
  // Loaded here, not at start-up: `modelgate --help` compiles none of the readers (issue 14).
  const { evaluatePredictionFiles } = await import('../../pipeline/evaluate.js');
  const { writeReport } = await import('../../io/report-file.js');
  const progress = createProgress({ stream: io.stderr ?? process.stderr });
  let report;
  try {
    report = await evaluatePredictionFiles(splits, {
      classes,
      task,
      threshold,
      perClassThreshold,
      commit: flags.commit,
      keepPredictions: !flags['no-predictions'],
      onProgress: (split, rows) => progress.update(split, rows),
    });
  } finally {
    progress.finish();
  }
  await writeReport(flags.out, report, inputs);
  (io.stdout ?? process.stdout).write(summarizeReport(report, flags.out));
  return 0;
}

export const evaluate: Command = {
  name: 'evaluate',
  summary: 'evaluate prediction files of one or more splits into a report',
  help: HELP,
  run: (argv) => runEvaluate(argv),
};
