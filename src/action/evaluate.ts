// Evaluating the head (prediction files, or a model on data) and, for `baseline: evaluate`, the
// base commit's model on the head's data. The model code (TensorFlow.js) is imported only when
// a model is given, so prediction-only runs start fast.

import { execFile } from 'node:child_process';
import { isAbsolute } from 'node:path';
import * as log from './log.js';
import { UsageError } from '../core/errors.js';
import type { Report } from '../core/report/types.js';
import { readClassList } from '../io/class-list.js';
import { readThresholds } from '../io/thresholds.js';
import type { PreprocessSpec } from '../model/preprocess.js';
import type { ModelSource } from '../model/source.js';
import type { ShardSpec } from '../core/shard.js';
import { evaluatePredictionFiles } from '../pipeline/evaluate.js';
import type { BaselineSource } from '../pipeline/gate.js';
import { describePreprocess } from '../model/describe-preprocess.js';
import { parseConfig } from '../io/config.js';
import { COMMIT_ID } from './context.js';
import type { ActionInputs } from './inputs.js';

/** Class list and thresholds, read once for head and baseline. */
export interface EvaluationSetup {
  classes?: string[];
  perClassThreshold?: Record<string, number>;
  preprocess?: PreprocessSpec;
}

export async function readSetup(
  inputs: ActionInputs,
  preprocess: PreprocessSpec | undefined,
): Promise<EvaluationSetup> {
  return {
    classes: inputs.classes ? await readClassList(inputs.classes) : undefined,
    perClassThreshold: inputs.perClassThreshold ? await readThresholds(inputs.perClassThreshold) : undefined,
    preprocess,
  };
}

/** A progress line every 10 s at most, so big evaluations show life without flooding the log. */
function progressLogger(): (line: string) => void {
  let last = 0;
  return (line) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    log.info(line);
  };
}

async function evaluateModelAt(
  model: ModelSource,
  inputs: ActionInputs,
  setup: EvaluationSetup,
  commit: string | undefined,
  source?: string,
  shard?: ShardSpec,
): Promise<Report> {
  const { evaluateModelSplits, formatProgress } = await import('../pipeline/evaluate-model.js');
  const progress = progressLogger();
  return evaluateModelSplits({
    model,
    data: inputs.data,
    backend: inputs.backend,
    batchSize: inputs.batchSize,
    preprocess: setup.preprocess,
    task: inputs.task,
    classes: setup.classes,
    threshold: inputs.threshold,
    perClassThreshold: setup.perClassThreshold,
    perClassThresholdFile: inputs.perClassThreshold,
    commit,
    source,
    shard,
    log: log.info,
    onProgress: (p) => progress(formatProgress(p)),
  });
}

export async function evaluateHead(inputs: ActionInputs, setup: EvaluationSetup, commit: string): Promise<Report> {
  if (inputs.model) {
    log.info(`model ${inputs.model} on ${inputs.data.map((d) => `${d.name}=${d.path}`).join(', ')}`);
    return evaluateModelAt(inputs.model, inputs, setup, commit || undefined, undefined, inputs.shard);
  }
  for (const s of inputs.splits) log.info(`split ${s.name}: ${s.path}`);
  return evaluatePredictionFiles(inputs.splits, {
    classes: setup.classes,
    task: inputs.task,
    threshold: inputs.threshold,
    perClassThreshold: setup.perClassThreshold,
    perClassThresholdFile: inputs.perClassThreshold,
    commit: commit || undefined,
    source: 'predictions',
    shard: inputs.shard,
  });
}

function git(args: string[]): Promise<boolean> {
  return new Promise((resolve) => execFile('git', args, (err) => resolve(!err)));
}

/** A file's text at a commit; null when the commit does not hold it. Bounded by a timeout and a size cap. */
function gitShow(ref: string, path: string): Promise<string | null> {
  return new Promise((resolve) =>
    execFile(
      'git',
      ['show', `${ref}:./${path.replace(/^\.\//, '')}`],
      { timeout: 30_000, maxBuffer: 1 << 20 },
      (err, out) => resolve(err ? null : out),
    ),
  );
}

/**
 * The preprocessing the base model is evaluated with: the `preprocess` input when given (it sets
 * both), else the base commit's own .modelgate.yml, so a PR that changes the preprocessing
 * together with the model is judged with each model's own; the head's when that commit has no
 * config file (or the config is outside the repository).
 */
async function preprocessAtCommit(
  inputs: ActionInputs,
  setup: EvaluationSetup,
  ref: string,
): Promise<PreprocessSpec | undefined> {
  if (inputs.preprocess || isAbsolute(inputs.config)) return setup.preprocess;
  const text = await gitShow(ref, inputs.config);
  const where = `${inputs.config} at ${ref.slice(0, 12)}`;
  if (text === null) {
    log.info(`baseline: no ${where}: the base model is evaluated with this run's preprocessing`);
    return setup.preprocess;
  }
  const spec = parseConfig(text, where).preprocess;
  log.info(`baseline: preprocessing from ${where}: ${describePreprocess(spec ?? {})}`);
  return spec;
}

/**
 * `baseline: evaluate`: the model as committed at `ref` (the PR's base), run on the head's data,
 * so both sides see exactly the same examples. Needs that commit in the checkout; a model that
 * did not exist there yet means no baseline.
 */
export function modelAtCommit(inputs: ActionInputs, setup: EvaluationSetup, ref: string): BaselineSource {
  const path = inputs.model!;
  const short = ref.slice(0, 12);
  return {
    describe: () => `${path} as committed at ${short}, evaluated on this run's data`,
    async load() {
      // Only a commit id reaches git's argument list (never an option or a revision expression).
      if (!COMMIT_ID.test(ref))
        throw new UsageError(`baseline: evaluate: expected a commit id, got ${JSON.stringify(ref)}`);
      if (!(await git(['cat-file', '-e', `${ref}^{commit}`])))
        throw new UsageError(
          `baseline: evaluate needs the base commit ${short} in the checkout; use actions/checkout with fetch-depth: 0 (or run git fetch origin ${ref})`,
        );
      if (!(await git(['cat-file', '-e', `${ref}:./${path.replace(/^\.\//, '')}`]))) return null;
      const preprocess = await preprocessAtCommit(inputs, setup, ref);
      const report = await evaluateModelAt(
        { gitRef: ref, path },
        inputs,
        { ...setup, preprocess },
        ref,
        `model:${short}:${path}`,
      );
      return { report, commit: ref, source: `model ${path} at ${ref}` };
    },
  };
}
