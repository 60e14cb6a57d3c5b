// `modelgate thresholds`: per-class multi-label thresholds chosen on validation scores, checked on
// test scores, written as the JSON `evaluate --thresholds` and the action's per-class-threshold read.
import { UsageError } from '../../core/errors.js';
import { DEFAULT_MIN_POSITIVES, DEFAULT_MIN_PRECISION, type Objective } from '../../core/metrics/tune-thresholds.js';
import type { Task } from '../../core/report/types.js';
import { DEFAULT_THRESHOLD, parseThreshold } from '../../core/threshold.js';
import { readClassList } from '../../io/class-list.js';
import { checkOutputPath, writeOutputs } from '../../io/output-file.js';
import type { TuneResult } from '../../pipeline/tune-thresholds.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import type { ProgressSink } from '../progress.js';
import { printable } from '../progress.js';
import { parseSplit } from './evaluate.js';

const HELP = `usage: modelgate thresholds --split validation=PATH --split test=PATH --out FILE [options]

Chooses a decision threshold per class on the validation split's multi-label scores and reports
the macro recall (and precision) they give on the test split against the one global threshold.
Writes the JSON object {"class": threshold} that 'evaluate --thresholds' and the action's
per-class-threshold input read; classes left out of it keep the global threshold.

Both files are streamed into per-class score histograms of 1000 bins, so memory stays
O(classes x 1000) for any number of examples. Thresholds are multiples of 0.001 and the search
is exhaustive over them: exact for scores with at most 3 decimals; otherwise a threshold between
two multiples would count only the examples of one bin differently.

options:
  --split NAME=PATH     the validation and the test predictions, with scores (.csv score:<class>
                        columns, .jsonl "scores", .npz/.npy scores)
  --out FILE            where to write the thresholds (JSON); never one of the inputs
  --objective NAME      recall-at-precision (default): the highest recall whose validation
                        precision is at least --min-precision; or f1: the highest F1
  --min-precision X     precision floor of recall-at-precision (default ${DEFAULT_MIN_PRECISION})
  --min-positives N     classes with fewer validation positives keep the global threshold
                        (default ${DEFAULT_MIN_POSITIVES})
  --threshold X         the current global threshold (default ${DEFAULT_THRESHOLD})
  --classes FILE        the class list (needed for .jsonl "scores" arrays)
  --task multilabel     read one-label-per-row files as multi-label (one yes/no per class)

example:
  modelgate thresholds --split validation=preds/val.csv --split test=preds/test.csv --out thresholds.json
`;

const SPEC = {
  split: { type: 'string', multiple: true },
  out: { type: 'string' },
  objective: { type: 'string' },
  'min-precision': { type: 'string' },
  'min-positives': { type: 'string' },
  threshold: { type: 'string' },
  classes: { type: 'string' },
  task: { type: 'string' },
} as const;

/** A flag holding a number from 0 to 1 (a threshold, or a precision floor): the threshold's one check. */
function fraction(flag: string, v: string | undefined, dflt: number): number {
  return v === undefined ? dflt : parseThreshold(v, `thresholds: --${flag}`);
}

function objectiveOf(flags: { objective?: string; 'min-precision'?: string }): Objective {
  const kind = flags.objective ?? 'recall-at-precision';
  if (kind === 'f1') {
    if (flags['min-precision'] !== undefined)
      throw new UsageError('thresholds: --min-precision belongs to --objective recall-at-precision, not f1');
    return { kind };
  }
  if (kind !== 'recall-at-precision')
    throw new UsageError(`thresholds: --objective is ${JSON.stringify(kind)}; expected recall-at-precision or f1`);
  return { kind, minPrecision: fraction('min-precision', flags['min-precision'], DEFAULT_MIN_PRECISION) };
}

function splitsOf(args: string[]): { validation: string; test: string } {
  const splits = args.map((a) => parseSplit(a, 'thresholds'));
  const names = splits.map((s) => s.name).sort();
  if (names.join(',') !== 'test,validation')
    throw new UsageError(
      `thresholds: give --split validation=PATH and --split test=PATH (got ${names.length ? names.map((n) => JSON.stringify(n)).join(', ') : 'none'})`,
    );
  const path = (n: string) => splits.find((s) => s.name === n)!.path;
  return { validation: path('validation'), test: path('test') };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} points`;

/** A few class names, printable, and how many more. */
function some(names: string[], max = 8): string {
  const shown = names.slice(0, max).map((n) => JSON.stringify(printable(n)));
  return shown.join(', ') + (names.length > max ? `, and ${names.length - max} more` : '');
}

export function summarizeTuning(
  r: TuneResult,
  o: { objective: Objective; threshold: number; minPositives: number; out: string },
): string {
  const tuned = r.perClass.filter((p) => p.tuned).length;
  const kept = (why: string) => r.classes.filter((_, c) => r.perClass[c].kept === why);
  const few = kept('few-positives');
  const unreachable = kept('unreachable');
  const goal =
    o.objective.kind === 'f1' ? 'the highest F1' : `the highest recall at precision >= ${o.objective.minPrecision}`;
  const lines = [
    `thresholds chosen on validation (${r.examples.validation} examples) for ${goal}: ${tuned} of ${r.classes.length} classes tuned`,
  ];
  if (few.length)
    lines.push(
      `  keep the global threshold ${o.threshold}: ${few.length} with fewer than ${o.minPositives} validation positives (${some(few)})`,
    );
  if (unreachable.length)
    lines.push(
      `  keep the global threshold ${o.threshold}: ${unreachable.length} where no threshold reaches the precision floor on validation (${some(unreachable)})`,
    );
  lines.push(
    `test (${r.examples.test} examples, ${r.tuned.classes} classes with positives):`,
    `  macro recall     ${pct(r.current.recall)} at the global threshold -> ${pct(r.tuned.recall)} tuned (${signed(r.tuned.recall - r.current.recall)})`,
    `  macro precision  ${pct(r.current.precision)} at the global threshold -> ${pct(r.tuned.precision)} tuned (${signed(r.tuned.precision - r.current.precision)})`,
    `thresholds are multiples of ${1 / r.bins} (score histograms of ${r.bins} bins per class)`,
    `wrote ${printable(o.out)}: ${tuned} per-class thresholds; use it with evaluate --thresholds or the action's per-class-threshold input`,
  );
  return lines.join('\n') + '\n';
}

export async function runThresholds(argv: string[], io: { stdout?: ProgressSink } = {}): Promise<number> {
  const { flags } = parseArgs('thresholds', argv, SPEC);
  const splits = splitsOf(flags.split);
  if (!flags.out) throw new UsageError("thresholds: --out FILE is required (see 'modelgate thresholds --help')");
  const objective = objectiveOf(flags);
  const threshold = fraction('threshold', flags.threshold, DEFAULT_THRESHOLD);
  const minPositives = flags['min-positives'] === undefined ? DEFAULT_MIN_POSITIVES : Number(flags['min-positives']);
  if (!/^\d+$/.test(flags['min-positives'] ?? '0'))
    throw new UsageError(
      `thresholds: --min-positives is ${JSON.stringify(flags['min-positives'])}; expected a whole number`,
    );
  let task: Task | undefined;
  if (flags.task !== undefined) {
    if (flags.task !== 'multilabel')
      throw new UsageError(`thresholds: --task is ${JSON.stringify(flags.task)}; per-class thresholds need multilabel`);
    task = flags.task;
  }
  const inputs = [splits.validation, splits.test, flags.classes].filter((p) => p !== undefined);
  await checkOutputPath(flags.out, inputs);
  const classes = flags.classes !== undefined ? await readClassList(flags.classes) : undefined;
  // Loaded here, not at start-up (issue 14).
  const { thresholdsFileOf, tuneThresholdFiles } = await import('../../pipeline/tune-thresholds.js');
  const r = await tuneThresholdFiles(splits, { objective, minPositives, threshold, classes, task });
  await writeOutputs([{ path: flags.out, text: JSON.stringify(thresholdsFileOf(r), null, 2) + '\n' }], inputs);
  (io.stdout ?? process.stdout).write(summarizeTuning(r, { objective, threshold, minPositives, out: flags.out }));
  return 0;
}

export const thresholds: Command = {
  name: 'thresholds',
  summary: 'choose per-class multi-label thresholds on validation scores, checked on test',
  help: HELP,
  run: (argv) => runThresholds(argv),
};
