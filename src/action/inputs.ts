// The action's inputs, read and checked once. Names match action.yml; a bad value is a
// UsageError naming the input and what it takes.

import { UsageError } from '../core/errors.js';
import { parseThreshold } from '../core/threshold.js';
import { COMMENT_MODES, type CommentMode } from '../github/comment-mode.js';
import { normalizeKey } from '../core/render/marker.js';
import type { BackendRequest } from '../model/backend.js';
import { parseShard, type ShardSpec } from '../core/shard.js';

/**
 * full: evaluate, compare, comment. evaluate-only: evaluate and upload the evaluation artifact
 * (the unprivileged pull_request workflow of a fork). comment: compare and comment what the
 * triggering run's artifact holds (a workflow_run workflow, with a write token).
 */
export const MODES = ['full', 'evaluate-only', 'comment'] as const;
export type Mode = (typeof MODES)[number];

/**
 * The backends the action can use (src/model/backend.ts has them all; restated so reading inputs
 * does not load TensorFlow.js). Not 'tensorflow': @tensorflow/tfjs-node cannot be resolved from a
 * published action's dist/, as action.yml says.
 */
const ACTION_BACKENDS: readonly BackendRequest[] = ['auto', 'wasm', 'cpu'];

export interface SplitInput {
  name: string;
  path: string;
}

export interface ActionInputs {
  token: string;
  splits: SplitInput[];
  classes?: string;
  task?: 'multiclass' | 'multilabel';
  threshold?: number;
  perClassThreshold?: string;
  model?: string;
  data: SplitInput[];
  backend?: BackendRequest;
  /** Inline YAML/JSON mapping (scale, mean, std, resize, channels); over .modelgate.yml's preprocess. */
  preprocess?: string;
  batchSize?: number;
  baseline: 'report' | 'evaluate';
  baselineReport?: string;
  baselineRefPath?: string;
  /** Where pushes store the baseline and pull requests find it. */
  baselineStore: BaselineStore;
  /** Branches whose pushes store the baseline; empty = the repository's default branch. */
  baselineBranches: string[];
  /** Undefined: the repository's retention setting. */
  baselineRetentionDays?: number;
  baselineMaxDistance: number;
  config: string;
  /** Rule inputs that were given (see RULE_INPUTS), raw text. */
  rules: Partial<Record<RuleInput, string>>;
  /** Undefined when not given: .modelgate.yml may set it; default true. */
  failOnRegression?: boolean;
  commentMode: CommentMode;
  /** Explicitly given (otherwise the job name is used). */
  commentKey?: string;
  commentSkipUnchanged: boolean;
  commitStatus: boolean;
  reportPath?: string;
  mode: Mode;
  /** Evaluate this shard only and stop at the partial report. */
  shard?: ShardSpec;
  /** Name pattern of this run's artifacts holding the shard reports to merge (instead of evaluating). */
  mergeArtifacts?: string;
  /** Where the HTML report goes; undefined when html-report is false. */
  htmlReport?: string;
}

export type GetInput = (name: string) => string;

export const BASELINE_STORES = ['artifact', 'branch', 'none'] as const;
export type BaselineStore = (typeof BASELINE_STORES)[number];

/** Inputs that override a rule of .modelgate.yml (see ./config.ts for where each goes). */
export const RULE_INPUTS = ['max-drop', 'min-drop', 'min-support', 'ignore-classes', 'fdr'] as const;
export type RuleInput = (typeof RULE_INPUTS)[number];

function bool<D extends boolean | undefined>(get: GetInput, name: string, dflt: D): boolean | D {
  const v = get(name).trim().toLowerCase();
  if (v === '') return dflt;
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new UsageError(`input ${name}: expected true or false, got ${JSON.stringify(get(name))}`);
}

function num(get: GetInput, name: string, check: (n: number) => boolean, what: string): number | undefined {
  const v = get(name).trim();
  if (v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || !check(n))
    throw new UsageError(`input ${name}: expected ${what}, got ${JSON.stringify(v)}`);
  return n;
}

/** `name=path` lines (blank lines and # comments skipped); a single bare path is the split `test`. */
export function parseSplits(text: string, input = 'splits'): SplitInput[] {
  const out: SplitInput[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  lines.forEach((line, i) => {
    const eq = line.indexOf('=');
    if (eq < 0) {
      if (lines.length === 1) return out.push({ name: 'test', path: line });
      throw new UsageError(
        `input ${input}, line ${i + 1}: expected name=path (e.g. test=predictions/test.csv), got ${JSON.stringify(line)}`,
      );
    }
    const name = line.slice(0, eq).trim();
    const path = line.slice(eq + 1).trim();
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name))
      throw new UsageError(
        `input ${input}, line ${i + 1}: split name ${JSON.stringify(name)} must be 1-64 letters, digits, '_', '-' or '.'`,
      );
    if (!path) throw new UsageError(`input ${input}, line ${i + 1}: split ${name} has no path`);
    if (out.some((s) => s.name === name))
      throw new UsageError(`input ${input}, line ${i + 1}: split ${name} is given twice`);
    out.push({ name, path });
  });
  return out;
}

/** The default HTML report file name, per comment key so that matrix jobs do not collide. */
export function htmlReportName(explicitKey: string | undefined): string {
  return explicitKey ? `modelgate-report-${normalizeKey(explicitKey)}` : 'modelgate-report';
}

/**
 * The HTML report's artifact name. Not `modelgate-report-<key>`: that is the stored baseline's
 * (src/github/baseline-artifact.ts), and one run may upload both.
 */
export function htmlArtifactName(explicitKey: string | undefined): string {
  return explicitKey ? `modelgate-html-${normalizeKey(explicitKey).replace(/\//g, '-')}` : 'modelgate-html';
}

/** html-report: true (the default name for the key), false (none) or a path. */
function htmlReport(get: GetInput, commentKey: string | undefined): string | undefined {
  const v = get('html-report').trim();
  const lower = v.toLowerCase();
  if (['false', 'no', 'off', '0'].includes(lower)) return undefined;
  if (v === '' || ['true', 'yes', 'on', '1'].includes(lower)) return `${htmlReportName(commentKey)}.html`;
  return v;
}

export function readInputs(get: GetInput): ActionInputs {
  const opt = (name: string) => get(name).trim() || undefined;
  const task = opt('task');
  if (task && task !== 'multiclass' && task !== 'multilabel')
    throw new UsageError(`input task: expected multiclass or multilabel, got ${JSON.stringify(task)}`);
  const mode = (opt('comment-mode') ?? 'update') as CommentMode;
  if (!COMMENT_MODES.includes(mode))
    throw new UsageError(`input comment-mode: expected ${COMMENT_MODES.join(', ')}, got ${JSON.stringify(mode)}`);
  const baseline = opt('baseline') ?? 'report';
  if (baseline !== 'report' && baseline !== 'evaluate')
    throw new UsageError(`input baseline: expected report or evaluate, got ${JSON.stringify(baseline)}`);

  const store = (opt('baseline-store') ?? 'artifact') as BaselineStore;
  if (!BASELINE_STORES.includes(store))
    throw new UsageError(`input baseline-store: expected ${BASELINE_STORES.join(', ')}, got ${JSON.stringify(store)}`);
  const branches = get('baseline-branches')
    .split(/[\n,]/)
    .map((b) => b.trim().replace(/^refs\/heads\//, ''))
    .filter(Boolean);

  // Rule inputs are checked by parseRules (see ./config.ts), which knows their syntax.
  const rules: Record<string, string> = {};
  for (const name of RULE_INPUTS) {
    const v = get(name).trim();
    if (v) rules[name] = v;
  }

  const backend = opt('backend');
  if (backend === 'tensorflow')
    throw new UsageError(
      'input backend: tensorflow (native TensorFlow, @tensorflow/tfjs-node) cannot load in the action; use auto, wasm or cpu (convert SavedModels with tensorflowjs_converter), or run the modelgate CLI where @tensorflow/tfjs-node is installed',
    );
  if (backend && !ACTION_BACKENDS.includes(backend as BackendRequest))
    throw new UsageError(`input backend: expected ${ACTION_BACKENDS.join(', ')}, got ${JSON.stringify(backend)}`);

  const splits = parseSplits(get('splits'));
  const model = opt('model');
  const data = parseSplits(get('data'), 'data');
  const how = readHow(get, baseline);
  // The head report of comment mode comes from an artifact, and a merge builds it from shards.
  const evaluates = how.mode !== 'comment' && !how.mergeArtifacts;
  if (evaluates && !splits.length && !model)
    throw new UsageError(
      'input splits: give the prediction files (name=path, one a line), or a model with the model and data inputs',
    );
  if (splits.length && model)
    throw new UsageError(
      'inputs splits and model: give one of them (predictions to score, or a model to run), not both',
    );
  if (evaluates && model && !data.length)
    throw new UsageError('input data: a model needs the data to run on (name=path, one a line)');
  if (baseline === 'evaluate' && !model)
    throw new UsageError('input baseline: evaluate re-runs the base branch model and needs the model input');

  return {
    token: get('github-token').trim(),
    splits,
    classes: opt('classes'),
    task: task as ActionInputs['task'],
    threshold: opt('threshold') === undefined ? undefined : parseThreshold(get('threshold'), 'input threshold'),
    perClassThreshold: opt('per-class-threshold'),
    model,
    data,
    backend: backend as BackendRequest | undefined,
    preprocess: opt('preprocess'),
    batchSize: num(get, 'batch-size', (n) => Number.isInteger(n) && n > 0, 'a positive whole number'),
    baseline,
    baselineReport: opt('baseline-report'),
    baselineRefPath: opt('baseline-ref-path'),
    baselineStore: store,
    baselineBranches: branches,
    baselineRetentionDays: num(
      get,
      'baseline-retention-days',
      (n) => Number.isInteger(n) && n >= 1 && n <= 90,
      'a whole number of days from 1 to 90',
    ),
    baselineMaxDistance:
      num(
        get,
        'baseline-max-distance',
        (n) => Number.isInteger(n) && n >= 0 && n <= 1000,
        'a whole number from 0 to 1000',
      ) ?? 50,
    config: opt('config') ?? '.modelgate.yml',
    rules,
    failOnRegression: bool(get, 'fail-on-regression', undefined),
    commentMode: mode,
    commentKey: opt('comment-key'),
    commentSkipUnchanged: bool(get, 'comment-skip-unchanged', true),
    commitStatus: bool(get, 'commit-status', true),
    reportPath: opt('report-path'),
    ...how,
    htmlReport: htmlReport(get, opt('comment-key')),
  };
}

/** mode, shard and merge-artifacts, checked against each other. */
function readHow(get: GetInput, baseline: string): Pick<ActionInputs, 'mode' | 'shard' | 'mergeArtifacts'> {
  const mode = (get('mode').trim() || 'full') as Mode;
  if (!MODES.includes(mode))
    throw new UsageError(`input mode: expected ${MODES.join(', ')}, got ${JSON.stringify(get('mode').trim())}`);
  const shardText = get('shard').trim();
  const shard = shardText ? parseShard(shardText, 'input shard') : undefined;
  const mergeArtifacts = get('merge-artifacts').trim() || undefined;
  if (mergeArtifacts !== undefined && !/^[\w.*?-]{1,200}$/.test(mergeArtifacts))
    throw new UsageError(
      `input merge-artifacts: expected an artifact name pattern of letters, digits, '_', '-', '.', '*' and '?' (e.g. modelgate-shard-*), got ${JSON.stringify(mergeArtifacts)}`,
    );
  if (shard && mergeArtifacts)
    throw new UsageError(
      'inputs shard and merge-artifacts: a shard job evaluates its shard, the merge job merges; not both',
    );
  if (mode === 'comment' && (shard || mergeArtifacts))
    throw new UsageError(
      `input ${shard ? 'shard' : 'merge-artifacts'}: not used with mode comment (the report comes from the evaluation artifact)`,
    );
  if (baseline === 'evaluate' && (mode === 'comment' || mergeArtifacts))
    throw new UsageError(
      `input baseline: evaluate runs the base model on this job's data, which ${mode === 'comment' ? 'mode comment does not have' : 'a merge of shards does not read'}; use a baseline report`,
    );
  return { mode, shard, mergeArtifacts };
}
