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
  /** How many commits before the base commit `commit` is (0 = at the base), when known. */
  distance?: number;
  /** What the reviewer should know about how it was found (e.g. a newer stored one was unusable). */
  notes?: string[];
}

/**
 * A source had a baseline but cannot use it (expired, deleted, corrupt, too large): the verdict
 * is no-baseline and the comment gives this reason. Never a crash, never a silent pass.
 */
export class BaselineUnusable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineUnusable';
  }
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

/**
 * The first source that has a baseline; `log` hears about each one tried, and `unusable`
 * collects why a source that had one could not use it (BaselineUnusable).
 */
export async function findBaseline(
  sources: BaselineSource[],
  log: (line: string) => void = () => {},
  unusable: string[] = [],
): Promise<LoadedBaseline | null> {
  for (const s of sources) {
    let b: LoadedBaseline | null;
    try {
      b = await s.load();
    } catch (e) {
      if (!(e instanceof BaselineUnusable)) throw e;
      log(`baseline: ${s.describe()}: unusable: ${e.message}`);
      unusable.push(e.message);
      continue;
    }
    log(
      b
        ? `baseline: ${s.describe()}${b.commit ? ` (commit ${b.commit.slice(0, 12)})` : ''}`
        : `baseline: ${s.describe()}: not found`,
    );
    if (b) return b;
  }
  return null;
}

const short = (sha: string) => sha.slice(0, 12);
/** Same commit, allowing one side to be abbreviated (7+ hex digits). */
export function sameCommit(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return Math.min(x.length, y.length) >= 7 && (x.startsWith(y) || y.startsWith(x));
}
const commits = (n: number) => `${n} commit${n === 1 ? '' : 's'}`;

/**
 * What the comment must say about the baseline, outside any fold: the commit it was made at
 * when that is not the base commit (how far back, when known; what the report itself claims),
 * how it was found, or why there is none.
 */
export function baselineNotes(
  b: LoadedBaseline | null,
  baseSha: string | undefined,
  unusable: string[] = [],
): string[] {
  if (!b) return unusable.map((why) => `No usable baseline: ${why}.`);
  const notes = [...(b.notes ?? [])];
  if (!baseSha) return notes;
  const claimed = b.report.commit;
  const madeAt = claimed ?? b.commit;
  if (madeAt && !sameCommit(madeAt, baseSha)) {
    const where =
      b.distance !== undefined && b.commit && sameCommit(madeAt, b.commit) && b.distance > 0
        ? `${commits(b.distance)} before the base commit ${short(baseSha)} (the nearest stored baseline)`
        : `not at the base commit ${short(baseSha)}`;
    const stored = b.commit && claimed && !sameCommit(claimed, b.commit) ? `; found in ${b.source}` : '';
    notes.unshift(`The baseline report was made at commit ${short(madeAt)}, ${where}${stored}.`);
  }
  return notes;
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
