// Seed replicates beyond the headline: per-class recall and the generalization gaps take the
// between-seed spread too. Built runs of one model, 3 seeds a side: class "rare" (300 examples
// in validation and test) is found 225 to 270 times depending on the seed, far more than its
// sampling interval (a binomial SD of about 2 points); train is learned whole by every seed.
import { compareReports } from '../../../src/core/compare/compare.js';
import { parseRules } from '../../../src/core/compare/rules.js';
import type { Comparison } from '../../../src/core/compare/types.js';
import { mergeReplicates } from '../../../src/core/report/replicates.js';
import type { Report } from '../../../src/core/report/types.js';
import { validateReport } from '../../../src/core/report/validate.js';
import { reportOf, type SeedRun } from '../../helpers/judgement.js';

const COMMON = 900;
const RARE = 300;
const CLASSES = ['common', 'rare'];
const rules = parseRules({}, 'seed classes test', 'multiclass');

/** One seed: "rare" examples offset .. offset + found - 1 (mod 300) found; "common" 95% right. */
function seedRun(name: string, found: number, offset: number): SeedRun {
  const split = (f: number) => {
    const labels = [...Array<string>(COMMON).fill('common'), ...Array<string>(RARE).fill('rare')];
    const preds = labels.map((l, i) =>
      l === 'common' ? (i % 20 === 0 ? 'rare' : 'common') : (i - COMMON - offset + RARE) % RARE < f ? 'rare' : 'common',
    );
    return { labels, preds };
  };
  return { name, splits: { train: split(RARE), validation: split(found), test: split(found) } };
}

/** Found and offset of each seed; the first is the report's own run. */
const BASE: [number, number][] = [
  [270, 0],
  [225, 40],
  [255, 80],
];
const HEAD: [number, number][] = [
  [225, 120],
  [265, 160],
  [250, 200],
];

const roundTrip = (r: Report) => validateReport(JSON.parse(JSON.stringify(r)), 'replicates.json');
async function side(seeds: [number, number][], lose = 0): Promise<Report[]> {
  return Promise.all(
    seeds.map(([found, offset], i) => reportOf(seedRun(`seed-${i}`, Math.round(found * (1 - lose)), offset), CLASSES)),
  );
}
const merged = (runs: Report[]) =>
  roundTrip(
    mergeReplicates(
      runs,
      runs.map((_, i) => `seed-${i}.json`),
    ),
  );
const rareRow = (c: Comparison, split: string) => c.classes.find((r) => r.name === 'rare' && r.split === split)!;

let base: Report[];
let head: Report[];
beforeAll(async () => {
  base = await side(BASE);
  head = await side(HEAD);
}, 60000);

describe('per-class recall', () => {
  it('the seed jitter alone fails the class when each side has one run', () => {
    const c = compareReports(base[0], head[0], rules);
    expect(rareRow(c, 'test').status).toBe('regression');
    expect(c.verdict).toBe('fail');
  });

  it('same code, different seeds, 3 runs a side: no class fails, judged on the means and spread', () => {
    const c = compareReports(merged(base), merged(head), rules);
    for (const split of ['validation', 'test']) {
      const row = rareRow(c, split);
      expect(row.level).toBe('ok');
      const s = row.test!.seeds!;
      expect(s.base).toBe(3);
      expect(s.head).toBe(3);
      // Means over the seeds: (225 + 265 + 250) / 3 - (270 + 225 + 255) / 3 found of 300.
      expect(s.delta).toBeCloseTo((740 - 750) / 3 / RARE, 12);
      // The spread is larger than the own runs' sampling SD (binomial, at the mean recall 0.83).
      // Pooled SD of the recalls, as numpy gives it: sqrt((var(b, ddof=1) * 2 + var(h, ddof=1) * 2) / 4).
      expect(s.sd).toBeCloseTo(0.07200822998230956, 12);
      const sampling = Math.sqrt((0.83 * 0.17) / RARE);
      expect(s.sd).toBeGreaterThan(3 * sampling);
      expect(s.ci.lo).toBeLessThan(0);
      expect(s.ci.hi).toBeGreaterThan(0);
    }
    expect(c.classes.filter((r) => r.level !== 'ok')).toEqual([]);
    expect(c.verdict).not.toBe('fail');
  });

  it('replicates on one side only still widen the class (the single run varies by the spread too)', () => {
    const c = compareReports(merged(base), head[0], rules);
    const row = rareRow(c, 'test');
    expect(row.test!.seeds).toMatchObject({ base: 3, head: 1 });
    expect(row.level).toBe('ok');
  });

  it('a real drop larger than the spread still fails: every head run loses 40% of what it found', async () => {
    const c = compareReports(merged(base), merged(await side(HEAD, 0.4)), rules);
    const row = rareRow(c, 'test');
    expect(row.status).toBe('regression');
    expect(row.test!.seeds!.ci.hi).toBeLessThan(0);
    expect(row.level).toBe('fail');
    expect(c.verdict).toBe('fail');
  });
});

describe('generalization gaps', () => {
  const gap = (c: Comparison) => c.gaps.find((g) => g.gap === 'train-validation' && g.metric === 'accuracy')!;

  it('the train − validation gap moves with the seeds: flagged for one run a side, not for three', () => {
    expect(gap(compareReports(base[0], head[0], rules)).level).not.toBe('ok');
    const row = gap(compareReports(merged(base), merged(head), rules));
    expect(row.seeds).toMatchObject({ base: 3, head: 3 });
    expect(row.delta).toBeCloseTo(((750 - 740) / 3 / 1200) * 1, 12);
    expect(row.level).toBe('ok');
  });
});

describe('replicates in the report file', () => {
  it("carry what each class found, in the report's class order; the reader checks it", () => {
    const r = merged(base);
    expect(r.replicates!.map((x) => x.splits.test.perClass!.tp)).toEqual(BASE.map(([found]) => [855, found]));
    const bad = (edit: (x: Report) => void) => {
      const copy = JSON.parse(JSON.stringify(r)) as Report;
      edit(copy);
      return () => validateReport(copy, 'x.json');
    };
    expect(bad((x) => x.replicates![1].splits.test.perClass!.tp.pop())).toThrow(
      'x.json: /replicates/1/splits/test/perClass/tp has 1 entries; expected 2 (one per class)',
    );
    expect(bad((x) => (x.replicates![2].splits.test.perClass!.tp[1] = 301))).toThrow(
      "x.json: /replicates/2/splits/test/perClass/tp/1 is 301; expected at most the class's support 300",
    );
    expect(bad((x) => (x.replicates![0].splits.test.perClass!.tp[1] = 10))).toThrow(
      "/replicates/0/splits/test/perClass/tp differs from the split's perClass.tp; expected the report's own run first",
    );
  });

  it("replicates merged before per-class counts were kept: classes keep their own runs' test", () => {
    const strip = (r: Report) => {
      const copy = JSON.parse(JSON.stringify(r)) as Report;
      for (const rep of copy.replicates!) for (const s of Object.values(rep.splits)) delete s.perClass;
      return validateReport(copy, 'old.json');
    };
    const c = compareReports(strip(merged(base)), strip(merged(head)), rules);
    expect(rareRow(c, 'test').test!.seeds).toBeUndefined();
    expect(rareRow(c, 'test').status).toBe('regression');
  });
});
