// The gate, whatever door runs it: find the baseline, compare it with the head report, and
// render what the door publishes (comment, job summary, status line). No GitHub calls here:
// the action publishes the outcome; a baseline source may fetch (see BaselineSource).

import { access } from 'node:fs/promises';
import { compareReports } from '../core/compare/compare.js';
import { checkRuleNames } from '../core/compare/rule-names.js';
import type { GateRules } from '../core/compare/rules.js';
import type { Comparison, SideInfo } from '../core/compare/types.js';
import { renderComment, renderSummary, type RenderContext } from '../core/render/comment.js';
import { renderStatus } from '../core/render/status.js';
import { UsageError } from '../core/errors.js';
import type { Report } from '../core/report/types.js';
import { readReport } from '../io/report-file.js';

/** A baseline that was found, and where it came from. */
export interface LoadedBaseline {
  report: Report;
  /** The commit the baseline describes (the PR's base commit for a committed report). */
  commit?: string;
  /** Human-readable origin: a path, "ref:<sha>:<path>", ... */
  source: string;
}

/**
 * Where a baseline report may come from. `load` answers null when this source has none (the
 * file does not exist yet) and throws when it has a broken one. New kinds (artifact storage,
 * a re-evaluation of the base model) implement this and join the list.
 */
export interface BaselineSource {
  describe(): string;
  load(): Promise<LoadedBaseline | null>;
}

/** A report file in the workspace (e.g. committed on the base branch, or downloaded). */
export function fileBaseline(path: string, commit?: string): BaselineSource {
  return {
    describe: () => `report file ${path}`,
    async load() {
      try {
        await access(path);
      } catch {
        return null;
      }
      const report = await readReport(path);
      return { report, commit: commit ?? report.commit, source: path };
    },
  };
}

/** The first source that has a baseline; `log` hears about each one tried. */
export async function findBaseline(
  sources: BaselineSource[],
  log: (line: string) => void = () => {},
): Promise<LoadedBaseline | null> {
  for (const s of sources) {
    const b = await s.load();
    log(
      b
        ? `baseline: ${s.describe()}${b.commit ? ` (commit ${b.commit.slice(0, 12)})` : ''}`
        : `baseline: ${s.describe()}: not found`,
    );
    if (b) return b;
  }
  return null;
}

export interface GateInput {
  head: Report;
  headSide: SideInfo;
  baseline: LoadedBaseline | null;
  rules: GateRules;
  /** Where the rules came from (".modelgate.yml", "defaults", ...), named in errors. */
  rulesOrigin?: string;
  render: RenderContext;
}

export interface GateOutcome {
  comparison: Comparison;
  comment: string;
  summary: string;
  status: ReturnType<typeof renderStatus>;
  /** Judged changes at level fail: headline metrics, gaps and classes. */
  regressions: number;
}

export function countRegressions(cmp: Comparison): number {
  const failed = (xs: { level: string }[]) => xs.filter((x) => x.level === 'fail').length;
  return failed(cmp.headline) + failed(cmp.gaps) + failed(cmp.classes);
}

/** A partial report would be judged on a fraction of the examples (and never pair with a whole one). */
function refuseShard(report: Report, what: string): void {
  if (!report.shard) return;
  const { index, count } = report.shard;
  throw new UsageError(
    `${what} is shard ${index}/${count} of a sharded evaluation; merge all ${count} shards first (modelgate merge, or the action's merge-artifacts input)`,
  );
}

/** What a door publishes, rendered from the comparison (again, when a link such as the HTML report's arrives later). */
export function renderOutcome(comparison: Comparison, render: RenderContext): GateOutcome {
  return {
    comparison,
    comment: renderComment(comparison, render),
    summary: renderSummary(comparison, render),
    status: renderStatus(comparison),
    regressions: countRegressions(comparison),
  };
}

export function runGate(input: GateInput): GateOutcome {
  const b = input.baseline;
  refuseShard(input.head, `the head report${input.render.reportPath ? ` ${input.render.reportPath}` : ''}`);
  if (b) refuseShard(b.report, `the baseline ${b.source}`);
  // A rule naming a split, class or metric the reports do not have would silently judge nothing.
  checkRuleNames(input.rules, b?.report ?? null, input.head, input.rulesOrigin ?? 'rules');
  const baseSide: SideInfo | undefined = b
    ? {
        commit: b.commit ?? b.report.commit,
        source: b.source,
        toolVersion: b.report.tool?.version,
        createdAt: b.report.createdAt,
      }
    : undefined;
  const comparison = compareReports(b?.report ?? null, input.head, input.rules, {
    base: baseSide,
    head: input.headSide,
  });
  return renderOutcome(comparison, input.render);
}
