// What the bot writes for a pull request's evaluation: the sticky comment (with an "Accepted"
// section and its hidden record when a regression was accepted for this head), the check run
// `modelgate` (verdict, summary, per-class annotations) and the commit status of the same name.

import {
  acceptedDescription,
  acceptedSection,
  renderAcceptedComment,
  renderUncoveredComment,
  type Acceptance,
} from '../github/acceptance.js';
import { publishCheckRun, MAX_CHECK_TEXT, type CheckAnnotation, type CheckConclusion } from '../github/check-runs.js';
import type { GitHubClient } from '../github/client.js';
import { upsertStickyComment } from '../github/comments.js';
import type { Identity } from '../github/identity.js';
import { setCommitStatus } from '../github/statuses.js';
import type { RepoRef } from '../github/evaluation-artifact.js';
import type { ClassDelta } from '../core/compare/types.js';
import { renderComment } from '../core/render/comment.js';
import { normalizeKey } from '../core/render/marker.js';
import { sanitizeText } from '../core/render/escape.js';
import { pct } from '../core/render/format.js';
import type { Report } from '../core/report/types.js';
import type { PullGate } from './evaluation.js';

/** The check and status name: `modelgate`, or `modelgate/<key>` for a keyed evaluation. */
export function checkName(key: string): string {
  return key === 'modelgate' ? 'modelgate' : `modelgate/${normalizeKey(key)}`;
}

/** A repository path an annotation may point at: the split's prediction file when it is a plain relative path. */
function annotationPath(report: Report, split: string): string {
  const p = report.splits[split]?.fingerprints.files[0]?.path ?? '';
  const ok = p && !p.startsWith('/') && !/(^|\/)\.\.(\/|$)/.test(p) && sanitizeText(p) === p && p.length < 300;
  return ok ? p.replace(/^\.\//, '') : '.modelgate.yml';
}

export function classAnnotations(report: Report, classes: ClassDelta[]): CheckAnnotation[] {
  return classes
    .filter((c) => c.level !== 'ok')
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'fail' ? -1 : 1))
    .map((c) => {
      const recall = (s: { found: number; support: number } | null) =>
        s && s.support ? pct(s.found / s.support) : '—';
      const q = c.test?.q ?? c.precision?.test?.q;
      return {
        path: annotationPath(report, c.split),
        start_line: 1,
        end_line: 1,
        annotation_level: c.level === 'fail' ? 'failure' : 'warning',
        title: sanitizeText(`${c.split}: class ${c.name} (${c.status})`),
        message: sanitizeText(
          `recall ${recall(c.base)} -> ${recall(c.head)} (${c.base?.found ?? '-'}/${c.base?.support ?? '-'} -> ${c.head?.found ?? '-'}/${c.head?.support ?? '-'})` +
            (q !== undefined ? `, q = ${q.toPrecision(2)}` : '') +
            (c.precision?.level === 'fail' ? ', precision regressed' : ''),
        ),
      };
    });
}

export interface PublishInput {
  repo: RepoRef;
  pg: PullGate;
  acceptance: Acceptance | null;
  identity: Identity;
  /** An acceptance of this head that does not cover its regressions: its record, kept, and the note why. */
  uncovered?: { record: Acceptance; note: string } | null;
}

/** The sticky comment: the rendered comparison, with the acceptance right under the marker. */
export function stickyBody(pg: PullGate, acceptance: Acceptance | null, uncovered?: PublishInput['uncovered']): string {
  const ctx = {
    key: pg.found.evaluation.key,
    runUrl: pg.found.runUrl,
    headCommit: pg.pull.headSha,
    baseCommit: pg.baseline?.commit,
  };
  const cmp = pg.gate.comparison;
  if (acceptance) return renderAcceptedComment(cmp, ctx, acceptance);
  return uncovered ? renderUncoveredComment(cmp, ctx, uncovered.record, uncovered.note) : renderComment(cmp, ctx);
}

export async function publishPullGate(
  gh: GitHubClient,
  p: PublishInput,
): Promise<{ commentUrl?: string; checkRunId: number }> {
  const { pg, acceptance } = p;
  const cmp = pg.gate.comparison;
  const key = pg.found.evaluation.key;
  const accepted = cmp.verdict === 'fail' && acceptance !== null;
  const comment = await upsertStickyComment(
    gh,
    { ...p.repo, issueNumber: pg.pull.number },
    key,
    stickyBody(pg, accepted ? acceptance : null, p.uncovered),
    { mode: 'update', skipUnchanged: true, identity: p.identity },
  );
  const conclusion: CheckConclusion =
    cmp.verdict !== 'fail' || accepted ? 'success' : pg.failOnRegression ? 'failure' : 'neutral';
  const description = accepted ? acceptedDescription(acceptance!) : pg.gate.status.description;
  const summaryCtx = {
    key,
    runUrl: pg.found.runUrl,
    headCommit: pg.pull.headSha,
    baseCommit: pg.baseline?.commit,
    gateNotes: p.uncovered ? [p.uncovered.note] : [],
  };
  const checkRunId = await publishCheckRun(gh, {
    ...p.repo,
    headSha: pg.pull.headSha,
    name: checkName(key),
    conclusion,
    title: description,
    summary: renderComment(cmp, { ...summaryCtx, maxLength: MAX_CHECK_TEXT }),
    text: accepted ? acceptedSection(acceptance!) : undefined,
    annotations: classAnnotations(pg.found.evaluation.report, cmp.classes),
    detailsUrl: comment.url,
  });
  await setCommitStatus(gh, {
    ...p.repo,
    sha: pg.pull.headSha,
    context: checkName(key),
    state: conclusion === 'failure' ? 'failure' : 'success',
    description,
    targetUrl: comment.url ?? pg.found.runUrl,
  });
  return { commentUrl: comment.url, checkRunId };
}
