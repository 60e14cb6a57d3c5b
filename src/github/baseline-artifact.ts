// Baselines kept as workflow artifacts: a push to the base branch uploads its report as
// `modelgate-report-<key>`; a pull request finds the one made at its base commit (or at the
// nearest ancestor that has one) through the REST API, downloads and validates it. Artifacts
// are read as untrusted: only from runs of this repository (not a fork's) on a baseline branch,
// with size limits, schema and consistency checks (parseReport).

import { UsageError } from '../core/errors.js';
import { normalizeKey } from '../core/render/marker.js';
import { parseReport } from '../io/report-file.js';
import { InputError } from '../io/types.js';
import { BaselineUnusable, type BaselineSource, type LoadedBaseline } from '../pipeline/gate.js';
import { downloadArtifactZip, listArtifactsNamed, readZipText, type ArtifactInfo, type RepoRef } from './artifacts.js';
import type { GitHubClient, Limits } from './client.js';
import { listAncestors } from './commits.js';
import { GitHubCallError } from './errors.js';

/** The report's name inside the artifact. */
export const BASELINE_FILE = 'modelgate-report.json';
/** Largest baseline report read out of an artifact. */
export const MAX_BASELINE_BYTES = 256 * 1024 * 1024;
/** Broken candidates tried before giving up (each costs a download). */
const MAX_TRIES = 5;

/** `modelgate-report-<key>` (the HTML report's artifact is `modelgate-html-<key>`): artifact names may not hold '/', so key segments are joined by '-'. */
export function baselineArtifactName(key: string): string {
  return `modelgate-report-${normalizeKey(key).replace(/\//g, '-')}`;
}

export interface AutoBaselineOptions extends RepoRef {
  key: string;
  baseSha: string;
  /** Ancestors of the base commit looked at when the base commit has none. */
  maxDistance: number;
  /** Only artifacts of runs on these branches count (empty: any branch of this repository). */
  branches: string[];
  limits: Pick<Limits, 'maxPages'>;
  log: (line: string) => void;
}

interface Candidate {
  artifact: ArtifactInfo;
  sha: string;
  distance: number;
}

/** Stored artifacts (expired ones too: they are named if nothing nearer works) at the base commit or its ancestors, nearest first. */
async function candidates(gh: GitHubClient, o: AutoBaselineOptions): Promise<Candidate[]> {
  const name = baselineArtifactName(o.key);
  const ancestors = await listAncestors(gh, { ...o, sha: o.baseSha, max: o.maxDistance, maxPages: o.limits.maxPages });
  const distance = new Map(ancestors.map((sha, i) => [sha, i]));
  // The base commit's own artifact ends the search early; otherwise read up to the page cap.
  const atBase = (page: ArtifactInfo[]) => page.some((a) => a.run?.headSha === o.baseSha && !a.expired);
  const listed = await listArtifactsNamed(gh, { ...o, name }, { ...o.limits, warn: o.log }, atBase);
  const out: Candidate[] = [];
  for (const a of listed) {
    const run = a.run;
    const d = run ? distance.get(run.headSha) : undefined;
    if (!run || d === undefined || run.fromFork) continue;
    if (o.branches.length && !o.branches.includes(run.headBranch)) continue;
    out.push({ artifact: a, sha: run.headSha, distance: d });
  }
  return out.sort((x, y) => x.distance - y.distance);
}

async function loadCandidate(gh: GitHubClient, o: AutoBaselineOptions, c: Candidate): Promise<LoadedBaseline> {
  const origin = `artifact ${c.artifact.name} of run ${c.artifact.run?.id} (commit ${c.sha.slice(0, 12)})`;
  const zip = await downloadArtifactZip(gh, { ...o, artifact: c.artifact });
  const report = parseReport(readZipText(zip, BASELINE_FILE, origin, MAX_BASELINE_BYTES), origin);
  return { report, commit: c.sha, distance: c.distance, source: origin };
}

/** The baseline stored as an artifact at the base commit or its nearest ancestor that has one. */
export function artifactBaselineSource(gh: GitHubClient, o: AutoBaselineOptions): BaselineSource {
  const base = o.baseSha.slice(0, 12);
  return {
    describe: () => `artifact ${baselineArtifactName(o.key)} at ${base} or up to ${o.maxDistance} commits before`,
    async load() {
      const skipped: string[] = [];
      let found: Candidate[];
      try {
        found = await candidates(gh, o);
      } catch (e) {
        // A refused or failing listing must not pass as "no baseline": that would wave regressions through.
        if (e instanceof GitHubCallError) throw new UsageError(`baseline: ${e.message}`);
        throw e;
      }
      for (const c of found.slice(0, MAX_TRIES)) {
        try {
          const b = await loadCandidate(gh, o, c);
          return skipped.length ? { ...b, notes: [`Newer stored baselines were unusable: ${skipped.join('; ')}.`] } : b;
        } catch (e) {
          if (!(e instanceof UsageError || e instanceof InputError)) throw e;
          o.log(`baseline: skipped: ${e.message}`);
          skipped.push(e.message);
        }
      }
      if (skipped.length) throw new BaselineUnusable(skipped.join('; '));
      return null;
    },
  };
}
