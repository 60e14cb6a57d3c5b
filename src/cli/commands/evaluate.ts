// `modelgate evaluate`: prediction files of one or more splits -> a report file.
import { UsageError } from '../../core/errors.js';
import type { Report, Task } from '../../core/report/types.js';
import { DEFAULT_THRESHOLD, parseThreshold } from '../../core/threshold.js';
import { parseShard, type ShardSpec } from '../../core/shard.js';
import type { BackendRequest } from '../../model/backend.js';
import { readClassList } from '../../io/class-list.js';
import { checkOutputPath } from '../../io/output-file.js';
import { readThresholds } from '../../io/thresholds.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { createProgress, printable, type ProgressSink } from '../progress.js';
import { summarizeReport } from '../summary.js';

const HELP = `usage: modelgate evaluate --split NAME=PATH [--split NAME=PATH ...] --out FILE [options]
       modelgate evaluate --model PATH --data NAME=PATH [--data NAME=PATH ...] --out FILE [options]

Evaluates prediction files (one per split), or runs a TensorFlow.js model on the features of
each split, and writes a modelgate report. A model run is the action's model/data inputs.

options:
  --split NAME=PATH   a split and its predictions file (.csv, .jsonl, .npz or a folder of .npy);
                      repeat for every split (train, validation, test, ...)
  --model PATH        a model to run instead: model.json, its folder, or a SavedModel folder
                      (needs @tensorflow/tfjs-node); see docs/models.md
  --data NAME=PATH    with --model: a split and its features (.csv with a label column, .npz or
                      a folder of .npy, or an image folder with one sub-folder per class); repeat
  --preprocess MAP    with --model: the preprocessing, as the action's preprocess input, e.g.
                      "{ scale: 1/255 }" or "{ mean: [0.5], std: [0.25] }"
  --backend NAME      with --model: auto (default), tensorflow, wasm or cpu
  --batch-size N      with --model: examples per model call (default 256, fewer for large inputs)
  --out FILE          where to write the report (JSON; directories are created)
  --classes FILE      the class list (one name per line or a JSON array); fixes the class
                      order and makes an unknown class an error. Default: classes as found,
                      sorted naturally (a model: its image folders, else "0".."C-1")
  --task TASK         multiclass or multilabel (default: detected from the files)
  --threshold X       multi-label decision threshold, score >= X (default ${DEFAULT_THRESHOLD})
  --thresholds FILE   per-class multi-label thresholds, a JSON object {"class": X}
                      (modelgate thresholds writes one)
  --commit SHA        the commit the predictions belong to (recorded in the report)
  --no-predictions    leave per-example predictions out of the report (smaller, but no
                      paired tests in compare and no merge)
  --shard I/N         evaluate shard I of N only (examples whose 0-based index k in the
                      file has k mod N = I-1) into a partial report; merge all N with
                      'modelgate merge' before comparing

examples:
  modelgate evaluate --split train=preds/train.csv --split validation=preds/val.csv \\
    --split test=preds/test.csv --classes classes.txt --out reports/head.json
  modelgate evaluate --model examples/digits/models/base --data test=examples/digits/data/test.csv \\
    --preprocess "{ scale: 1/16 }" --out reports/base.json
`;

const SPEC = {
  split: { type: 'string', multiple: true },
  model: { type: 'string' },
  data: { type: 'string', multiple: true },
  preprocess: { type: 'string' },
  backend: { type: 'string' },
  'batch-size': { type: 'string' },
  out: { type: 'string' },
  classes: { type: 'string' },
  task: { type: 'string' },
  threshold: { type: 'string' },
  thresholds: { type: 'string' },
  commit: { type: 'string' },
  'no-predictions': { type: 'boolean' },
  shard: { type: 'string' },
} as const;

type Flags = ReturnType<typeof parseArgs<typeof SPEC>>['flags'];

export function parseSplit(arg: string, command = 'evaluate', flag = 'split'): { name: string; path: string } {
  const eq = arg.indexOf('=');
  if (eq <= 0 || eq === arg.length - 1)
    throw new UsageError(
      `${command}: --${flag} ${JSON.stringify(arg)} must be NAME=PATH, e.g. --${flag} test=${flag === 'data' ? 'data/test.csv' : 'preds/test.csv'}`,
    );
  return { name: arg.slice(0, eq), path: arg.slice(eq + 1) };
}

/** Predictions (--split) or a model on features (--model, --data): one of the two, whole. */
function splitsOf(flags: Flags): { name: string; path: string }[] {
  const help = "(see 'modelgate evaluate --help')";
  if (flags.model === undefined) {
    const modelOnly = (['data', 'preprocess', 'backend', 'batch-size'] as const).find((f) =>
      Array.isArray(flags[f]) ? flags[f].length > 0 : flags[f] !== undefined,
    );
    if (modelOnly)
      throw new UsageError(`evaluate: --${modelOnly} belongs to a model run; give --model PATH too ${help}`);
    if (flags.split.length === 0) throw new UsageError(`evaluate: give at least one --split NAME=PATH ${help}`);
    return flags.split.map((s) => parseSplit(s));
  }
  if (flags.split.length > 0)
    throw new UsageError(
      `evaluate: give --split (predictions to score) or --model with --data (a model to run), not both ${help}`,
    );
  if (flags.data.length === 0)
    throw new UsageError(`evaluate: --model needs the data to run on: --data NAME=PATH, one per split ${help}`);
  return flags.data.map((s) => parseSplit(s, 'evaluate', 'data'));
}

function taskOf(flags: Flags): Task | undefined {
  if (flags.task === undefined) return undefined;
  if (flags.task !== 'multiclass' && flags.task !== 'multilabel')
    throw new UsageError(`evaluate: --task is ${JSON.stringify(flags.task)}; expected multiclass or multilabel`);
  return flags.task;
}

function thresholdOf(flags: Flags): number | undefined {
  return flags.threshold === undefined ? undefined : parseThreshold(flags.threshold, 'evaluate: --threshold');
}

/** The model run: the function the action's model input calls, with the same defaults and checks. */
async function evaluateModelFlags(
  flags: Flags,
  data: { name: string; path: string }[],
  common: {
    classes?: string[];
    task?: Task;
    threshold?: number;
    perClassThreshold?: Record<string, number>;
    perClassThresholdFile?: string;
    shard?: ShardSpec;
  },
  stderr: ProgressSink,
): Promise<Report> {
  // Loaded here, not at start-up (issue 14).
  const { parsePreprocessText } = await import('../../io/config.js');
  const preprocess = flags.preprocess !== undefined ? parsePreprocessText(flags.preprocess, '--preprocess') : undefined;
  const { evaluateModelSplits } = await import('../../pipeline/evaluate-model.js');
  const progress = createProgress({ stream: stderr });
  try {
    return await evaluateModelSplits({
      model: flags.model!,
      data,
      backend: flags.backend as BackendRequest | undefined,
      batchSize: flags['batch-size'] === undefined ? undefined : Number(flags['batch-size']),
      preprocess,
      ...common,
      commit: flags.commit,
      keepPredictions: !flags['no-predictions'],
      log: (line) => stderr.write(`${printable(line)}\n`),
      onProgress: (p) => progress.update(p.split, p.done),
    });
  } finally {
    progress.finish();
  }
}

export async function runEvaluate(
  argv: string[],
  io: { stdout?: ProgressSink; stderr?: ProgressSink } = {},
): Promise<number> {
  const { flags } = parseArgs('evaluate', argv, SPEC);
  const splits = splitsOf(flags);
  if (!flags.out) throw new UsageError("evaluate: --out FILE is required (see 'modelgate evaluate --help')");
  const task = taskOf(flags);
  const threshold = thresholdOf(flags);
  const shard = flags.shard !== undefined ? parseShard(flags.shard, 'evaluate: --shard') : undefined;
  if (shard && flags['no-predictions'])
    throw new UsageError('evaluate: --shard needs the per-example predictions to merge; drop --no-predictions');
  const inputs = [...splits.map((s) => s.path), flags.model, flags.classes, flags.thresholds].filter(
    (p) => p !== undefined,
  );
  await checkOutputPath(flags.out, inputs);
  const classes = flags.classes !== undefined ? await readClassList(flags.classes) : undefined;
  const perClassThreshold = flags.thresholds !== undefined ? await readThresholds(flags.thresholds) : undefined;
  // Loaded here, not at start-up: `modelgate --help` compiles none of the readers (issue 14).
  const { evaluatePredictionFiles } = await import('../../pipeline/evaluate.js');
  const { writeReport } = await import('../../io/report-file.js');
  const stderr = io.stderr ?? process.stderr;
  let report: Report;
  if (flags.model !== undefined)
    report = await evaluateModelFlags(
      flags,
      splits,
      { classes, task, threshold, perClassThreshold, perClassThresholdFile: flags.thresholds, shard },
      stderr,
    );
  else {
    const progress = createProgress({ stream: stderr });
    try {
      report = await evaluatePredictionFiles(splits, {
        classes,
        task,
        threshold,
        perClassThreshold,
        perClassThresholdFile: flags.thresholds,
        commit: flags.commit,
        keepPredictions: !flags['no-predictions'],
        shard,
        onProgress: (split, rows) => progress.update(split, rows),
      });
    } finally {
      progress.finish();
    }
  }
  await writeReport(flags.out, report, inputs);
  (io.stdout ?? process.stdout).write(summarizeReport(report, flags.out));
  return 0;
}

export const evaluate: Command = {
  name: 'evaluate',
  summary: 'evaluate prediction files, or run a model on data, into a report',
  help: HELP,
  run: (argv) => runEvaluate(argv),
};
