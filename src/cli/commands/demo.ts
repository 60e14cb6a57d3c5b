// `modelgate demo`: what the action does on a pull request, on a real example that ships with the
// repository. Evaluates the digits base model and the "pull request" model (examples/digits) on
// the pull request's train/validation/test splits (as `baseline: evaluate` does), compares them
// with the default rules, writes both reports and prints the Markdown comment the action would post.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Comparison } from '../../core/compare/types.js';
import type { Report } from '../../core/report/types.js';
import { checkOutputPath, writeOutputs } from '../../io/output-file.js';
import { BACKEND_REQUESTS, selectBackend, type BackendRequest } from '../../model/backend.js';
import type { Progress } from '../../model/run.js';
import { UsageError } from '../../core/errors.js';
import { EXIT_OK } from '../../exit.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';

const EXAMPLE = path.join('examples', 'digits');
const MARKER = path.join(EXAMPLE, 'models', 'base', 'model.json');

/** The directory of this program: dist/ for the bundle, src/cli/commands/ from the sources. */
function programDir(): string | null {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return null; // not a file URL
  }
}

/**
 * examples/digits in the first of `starts` (or a folder above it) that holds it. By default the
 * program's own location comes first, so the demo works from any working directory; the working
 * directory is the fallback (a bundle copied elsewhere, run from a checkout).
 */
export function findExamplesDir(starts: (string | null)[] = [programDir(), process.cwd()]): string | null {
  for (const start of starts) {
    if (start === null) continue;
    let dir = path.resolve(start);
    for (;;) {
      if (existsSync(path.join(dir, MARKER))) return path.join(dir, EXAMPLE);
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return null;
}

/**
 * The splits of the pull request's branch, as `baseline: evaluate` sees them: the PR's data
 * pipeline wrote a new train split (data-pr/train.csv, most 8s lost to a filter bug); validation
 * and test are untouched by the PR and shared with the base branch (data/).
 */
export function demoSplits(examplesDir: string): { name: string; path: string }[] {
  return [
    { name: 'train', path: path.join(examplesDir, 'data-pr', 'train.csv') },
    { name: 'validation', path: path.join(examplesDir, 'data', 'validation.csv') },
    { name: 'test', path: path.join(examplesDir, 'data', 'test.csv') },
  ];
}

export interface DemoOptions {
  examplesDir: string;
  outDir: string;
  backend?: BackendRequest;
  batchSize?: number;
  log?: (line: string) => void;
}

export interface DemoResult {
  base: Report;
  head: Report;
  comparison: Comparison;
  markdown: string;
  basePath: string;
  headPath: string;
  /** The HTML report of the comparison (charts and the per-class table). */
  htmlPath: string;
  seconds: number;
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  // Both models on the same examples (the PR branch's splits): every comparison is paired.
  const data = demoSplits(o.examplesDir);
  const basePath = path.join(o.outDir, 'base-report.json');
  const headPath = path.join(o.outDir, 'head-report.json');
  const htmlPath = path.join(o.outDir, 'report.html');
  const inputs = [...data.map((d) => d.path), ...['base', 'pr'].map((m) => path.join(o.examplesDir, 'models', m))];
  for (const out of [basePath, headPath, htmlPath]) await checkOutputPath(out, inputs);
  // Loaded here, not at start-up (issue 14); one at a time (jest's ESM loader races on parallel imports).
  const { evaluateModel, formatProgress } = await import('../../pipeline/evaluate-model.js');
  const { writeReport } = await import('../../io/report-file.js');
  const { compareReports } = await import('../../core/compare/compare.js');
  const { defaultRules } = await import('../../core/compare/rules.js');
  const { renderComment } = await import('../../core/render/comment.js');
  const { renderHtmlReport } = await import('../../core/render/html/index.js');
  const backend = await selectBackend(o.backend ?? 'auto', o.log);
  // The models were trained on pixels scaled to [0, 1]; stated once, applied to every split.
  const preprocess = { scale: 1 / 16 };
  let lastLog = 0;
  const onProgress = o.log
    ? (p: Progress) => {
        const now = performance.now();
        if (now - lastLog > 2000) {
          lastLog = now;
          o.log!(formatProgress(p));
        }
      }
    : undefined;
  const evaluate = async (which: 'base' | 'pr') => {
    const r = await evaluateModel({
      model: path.join(o.examplesDir, 'models', which),
      data,
      backendHandle: backend,
      batchSize: o.batchSize,
      preprocess,
      source: `model:${path.join(EXAMPLE, 'models', which)}`,
      onProgress,
      log: o.log,
    });
    o.log?.(`${which}: ${r.examples} examples in ${r.seconds.toFixed(2)} s on ${r.backend}`);
    return r.report;
  };
  const base = await evaluate('base');
  const head = await evaluate('pr');
  await writeReport(basePath, base, inputs);
  await writeReport(headPath, head, inputs);
  const comparison = compareReports(base, head, defaultRules('multiclass'), {
    base: { source: `${EXAMPLE}/models/base` },
    head: { source: `${EXAMPLE}/models/pr` },
  });
  const markdown = renderComment(comparison, { key: 'demo', reportPath: headPath });
  await writeOutputs([{ path: htmlPath, text: renderHtmlReport({ comparison, head }) }], inputs);
  return {
    base,
    head,
    comparison,
    markdown,
    basePath,
    headPath,
    htmlPath,
    seconds: (performance.now() - started) / 1000,
  };
}

export const demo: Command = {
  name: 'demo',
  summary: 'evaluate two real digit classifiers (examples/digits) and print the PR comment',
  help: `usage: modelgate demo [--out DIR] [--backend auto|tensorflow|wasm|cpu] [--batch-size N] [--examples DIR]

Runs what the action does on a pull request, on the example that ships with modelgate:
examples/digits holds a sound base model and a "pull request" that changes both the training
code (a bigger network trained much longer without regularization: it memorizes its train split)
and the data pipeline (a filter bug keeps only 8 of the 104 training 8s: data-pr/train.csv).
Both models are evaluated on the pull request's splits (its train split, the shared validation and
test splits), as the action's \`baseline: evaluate\` does, compared with the default rules, and the
Markdown comment the action would post is printed. Both reports and the HTML report
(report.html: charts and the per-class table) are written to --out.

options:
  --out DIR          where the two reports go (default: demo-output)
  --backend NAME     auto (default), tensorflow (needs @tensorflow/tfjs-node), wasm or cpu
  --batch-size N     examples per model call (default 256, fewer for large inputs)
  --examples DIR     the digits example directory (default: found next to the program, else from the working directory)
`,
  async run(argv) {
    const { flags } = parseArgs('demo', argv, {
      out: { type: 'string' },
      backend: { type: 'string' },
      'batch-size': { type: 'string' },
      examples: { type: 'string' },
    });
    const backend = (flags.backend ?? 'auto') as BackendRequest;
    if (!BACKEND_REQUESTS.includes(backend))
      throw new UsageError(`demo: --backend must be one of ${BACKEND_REQUESTS.join(', ')}`);
    const batchSize = flags['batch-size'] === undefined ? undefined : Number(flags['batch-size']);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))
      throw new UsageError('demo: --batch-size must be a positive integer');
    const examplesDir = flags.examples ?? findExamplesDir();
    if (!examplesDir || !existsSync(path.join(examplesDir, 'models', 'base', 'model.json')))
      throw new UsageError(`demo: cannot find ${MARKER}; run from the modelgate repository or pass --examples DIR`);
    const log = (line: string) => process.stderr.write(line + '\n');
    const r = await runDemo({ examplesDir, outDir: flags.out ?? 'demo-output', backend, batchSize, log });
    process.stdout.write(r.markdown.trimEnd() + '\n\n');
    process.stdout.write(
      `verdict: ${r.comparison.verdict}${r.comparison.verdict === 'fail' ? ' (the action would fail the check and block the merge)' : ''}\n`,
    );
    process.stdout.write(`base report: ${r.basePath}\nhead report: ${r.headPath}\nHTML report: ${r.htmlPath}\n`);
    log(`demo finished in ${r.seconds.toFixed(1)} s`);
    return EXIT_OK;
  },
};
