// Seed replicates on real runs: MLPs of the same training code with different seeds
// (fixtures/judgement/digits, scikit-learn). Seeds 4 and 5 alone warn (a different seed moves
// validation macro recall 1.7 points); as three seeds a side they pass, with means and the
// pooled between-seed SD equal to sklearn/numpy (fixtures/replicates/make_oracle.py); a real
// held-out drop injected into every head run still fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMerge } from '../../../src/cli/commands/merge.js';
import { compareReports } from '../../../src/core/compare/compare.js';
import { parseRules } from '../../../src/core/compare/rules.js';
import { UsageError } from '../../../src/core/errors.js';
import { mergeReplicates } from '../../../src/core/report/replicates.js';
import type { Report } from '../../../src/core/report/types.js';
import { validateReport } from '../../../src/core/report/validate.js';
import { readReport } from '../../../src/io/report-file.js';
import { injectDamage, readSeeds, reportOf, type SeedRun } from '../../helpers/judgement.js';

interface Figures {
  base: number[];
  head: number[];
  baseMean: number;
  headMean: number;
  sd: number;
}
const ORACLE = JSON.parse(readFileSync('fixtures/replicates/oracle.json', 'utf8')) as {
  base: number[];
  head: number[];
  splits: Record<string, Record<string, Figures>>;
};

let runs: SeedRun[];
let classes: string[];
const reports = new Map<number, Report>();
const rules = parseRules({}, 'seeds test', 'multiclass');
/** Through JSON and the reader's checks, as a report file would be. */
const roundTrip = (r: Report) => validateReport(JSON.parse(JSON.stringify(r)), 'replicates.json');
const merged = (seeds: number[]) =>
  roundTrip(
    mergeReplicates(
      seeds.map((s) => reports.get(s)!),
      seeds.map((s) => `seed-${s}.json`),
    ),
  );

beforeAll(async () => {
  runs = readSeeds('digits');
  classes = [...new Set(runs[0].splits.train.labels)].sort();
  for (const s of [...ORACLE.base, ...ORACLE.head]) reports.set(s, await reportOf(runs[s], classes));
}, 60000);

describe('same code, different seeds', () => {
  it('one run a side warns on real seed noise; three a side pass', () => {
    const alone = compareReports(reports.get(4)!, reports.get(5)!, rules);
    expect(alone.verdict).toBe('warn');
    const c = compareReports(merged(ORACLE.base), merged(ORACLE.head), rules);
    expect(c.verdict).toBe('pass');
    expect((c.notes ?? []).map((n) => n.text).join('\n')).toMatch(
      /^Seeds: base 3 runs, head 3 runs; the figures are means/m,
    );
  });

  it('judges means over the seeds with the pooled between-seed SD of sklearn and numpy', () => {
    const c = compareReports(merged(ORACLE.base), merged(ORACLE.head), rules);
    let checked = 0;
    for (const [split, metrics] of Object.entries(ORACLE.splits))
      for (const [metric, f] of Object.entries(metrics)) {
        const row = c.headline.find((r) => r.split === split && r.metric === metric);
        if (!row) continue;
        expect(row.seeds).toEqual({ base: 3, head: 3, sd: expect.closeTo(f.sd, 12) });
        expect(row.base).toBeCloseTo(f.baseMean, 12);
        expect(row.head).toBeCloseTo(f.headMean, 12);
        expect(row.delta).toBeCloseTo(f.headMean - f.baseMean, 12);
        // The interval is wider than the runs' own bootstrap interval, around the mean change.
        expect(row.ci!.lo).toBeLessThan(row.delta!);
        expect(row.ci!.hi).toBeGreaterThan(row.delta!);
        checked++;
      }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('replicates on one side only still use their spread (the single run varies by it too)', () => {
    const c = compareReports(merged(ORACLE.base), reports.get(5)!, rules);
    const row = c.headline.find((r) => r.split === 'test' && r.metric === 'accuracy')!;
    const f = ORACLE.splits.test.accuracy;
    expect(row.seeds?.base).toBe(3);
    expect(row.seeds?.head).toBe(1);
    expect(row.delta).toBeCloseTo(f.head[0] - f.baseMean, 12);
  });
});

describe('a real drop still fails', () => {
  it.each([
    ['6% of the right held-out answers turned wrong', { kind: 'heldout' as const, share: 0.06 }],
    ['the largest class loses half of what it found', { kind: 'class' as const, share: 0.5 }],
  ])('%s in every head run', async (_, damage) => {
    const damaged = [];
    for (const s of ORACLE.head) damaged.push(await reportOf(injectDamage(runs[s], damage, classes), classes));
    const head = roundTrip(mergeReplicates(damaged, ['a', 'b', 'c']));
    expect(compareReports(merged(ORACLE.base), head, rules).verdict).toBe('fail');
  });
});

describe('bad replicates', () => {
  it('refuses runs of other examples, a merged report and a single run, in one line', async () => {
    const wine = readSeeds('wine')[0];
    const other = await reportOf(wine, [...new Set(wine.splits.train.labels)].sort());
    const two = merged([4, 0]);
    const cases: [Report[], RegExp][] = [
      [[reports.get(4)!, other], /^b: has other classes than a; replicates are runs of one experiment/],
      [[reports.get(4)!, two], /^b: already holds replicates; expected the single runs/],
      [[reports.get(4)!], /at least two reports/],
    ];
    for (const [parts, re] of cases) {
      const e = (() => {
        try {
          mergeReplicates(parts, ['a', 'b'].slice(0, parts.length));
        } catch (err) {
          return err as Error;
        }
      })();
      expect(e).toBeInstanceOf(UsageError);
      expect(e!.message).toMatch(re);
    }
  });

  it('the reader refuses replicates whose first run is not the report', () => {
    const r = JSON.parse(JSON.stringify(merged([4, 0]))) as Report;
    r.replicates = [r.replicates![1], r.replicates![0]];
    expect(() => validateReport(r, 'x.json')).toThrow(
      /^x\.json: \/replicates\/0\/splits\/\w+\/metrics differ from the split's; expected the report's own run first$/,
    );
  });
});

it('modelgate merge --replicates writes the report with every run', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-seeds-'));
  try {
    const files = ORACLE.head.map((s) => {
      const f = path.join(dir, `seed-${s}.json`);
      writeFileSync(f, JSON.stringify(reports.get(s)));
      return f;
    });
    const out = path.join(dir, 'head.json');
    expect(await runMerge(['--replicates', ...files, '--out', out], { stdout: { write: () => true } })).toBe(0);
    const r = await readReport(out);
    expect(r.replicates?.length).toBe(3);
    expect(r.splits.test.metrics).toEqual(reports.get(ORACLE.head[0])!.splits.test.metrics);
    expect(r.replicates!.map((x) => x.splits.test.metrics.accuracy)).toEqual(
      ORACLE.splits.test.accuracy.head.map((v) => expect.closeTo(v, 12)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
