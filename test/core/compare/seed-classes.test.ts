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

describe('per-class precision (classes.precision on)', () => {
  // A drop of 2 points or more counts (the seeds move "common"'s precision by up to 4.7).
  const withPrecision = parseRules({ classes: { precision: true, 'min-drop': 2 } }, 'seed classes test', 'multiclass');
  // "common" is predicted for the 300 - found rare examples a seed misses, besides its own 855.
  const commonPrecision = (found: number) => 855 / (855 + RARE - found);
  const commonRow = (c: Comparison) => c.classes.find((r) => r.name === 'common' && r.split === 'test')!;

  it('the seed jitter alone fails "common"\'s precision when each side has one run', () => {
    const row = commonRow(compareReports(base[0], head[0], withPrecision));
    expect(row.precision!.delta).toBeCloseTo(commonPrecision(225) - commonPrecision(270), 12);
    expect(row.precision!.level).toBe('fail');
  });

  it('same code, different seeds, 3 runs a side: no precision fails, judged on the means and spread', () => {
    const c = compareReports(merged(base), merged(head), withPrecision);
    const p = commonRow(c).precision!;
    expect(p.level).toBe('ok');
    const mean = (seeds: [number, number][]) => seeds.reduce((a, [f]) => a + commonPrecision(f), 0) / seeds.length;
    expect(p.test!.seeds).toMatchObject({ base: 3, head: 3 });
    expect(p.test!.seeds!.delta).toBeCloseTo(mean(HEAD) - mean(BASE), 12);
    expect(c.classes.filter((r) => r.level !== 'ok')).toEqual([]);
    expect(c.verdict).not.toBe('fail');
  });

  it('a real precision drop larger than the spread still fails: every head run loses 40% of the rare ones it found', async () => {
    const p = commonRow(compareReports(merged(base), merged(await side(HEAD, 0.4)), withPrecision)).precision!;
    expect(p.test!.seeds!.ci.hi).toBeLessThan(0);
    expect(p.level).toBe('fail');
  });

  it('replicates merged before predictions were kept: precision is judged on the own runs, as before', () => {
    const old = (r: Report): Report => ({
      ...r,
      replicates: r.replicates!.map((rep) => ({
        ...rep,
        splits: Object.fromEntries(
          Object.entries(rep.splits).map(([n, sp]) => [n, { ...sp, perClass: { tp: sp.perClass!.tp } }]),
        ),
      })),
    });
    const p = commonRow(compareReports(old(merged(base)), old(merged(head)), withPrecision)).precision!;
    expect(p.test!.seeds).toBeUndefined();
    expect(p.level).toBe('fail');
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
    // How often each class was predicted: the 45 "common" examples called rare, and the rare ones found.
    expect(r.replicates!.map((x) => x.splits.test.perClass!.predicted)).toEqual(
      BASE.map(([found]) => [855 + RARE - found, 45 + found]),
    );
    expect(bad((x) => x.replicates![1].splits.test.perClass!.predicted!.pop())).toThrow(
      'x.json: /replicates/1/splits/test/perClass/predicted has 1 entries; expected 2 (one per class)',
    );
    expect(bad((x) => (x.replicates![2].splits.test.perClass!.predicted![1] = 100))).toThrow(
      "x.json: /replicates/2/splits/test/perClass/predicted/1 is 100; expected at least the class's found (tp) 255",
    );
    expect(bad((x) => (x.replicates![2].splits.test.perClass!.predicted![0] = 1201))).toThrow(
      "x.json: /replicates/2/splits/test/perClass/predicted/0 is 1201; expected at most the split's 1200 examples",
    );
    expect(bad((x) => (x.replicates![0].splits.test.perClass!.predicted![0] += 1))).toThrow(
      "/replicates/0/splits/test/perClass/predicted differs from the split's perClass.predicted; expected the report's own run first",
    );
    expect(bad((x) => ((x.replicates![1].splits.test.perClass!.predicted as unknown[])[0] = -1))).toThrow(
      '/replicates/1/splits/test/perClass/predicted/0',
    );
  });

  it("a run's metrics must be what its own counts give: an edited seed run cannot move the mean", () => {
    const r = merged(base);
    const edited = (edit: (x: Report) => void) => {
      const copy = JSON.parse(JSON.stringify(r)) as Report;
      edit(copy);
      return () => validateReport(copy, 'x.json');
    };
    // Run 1 found 1,110 of 1,200 (855 + 255): accuracy 0.925.
    expect(r.replicates![1].splits.test.metrics.accuracy).toBeCloseTo((855 + BASE[1][0]) / 1200, 12);
    expect(edited((x) => (x.replicates![1].splits.test.metrics.accuracy = 0.99))).toThrow(
      `x.json: /replicates/1/splits/test/metrics/accuracy is 0.99 but the run's counts give ${(855 + BASE[1][0]) / 1200}: the report was edited or damaged`,
    );
    expect(edited((x) => (x.replicates![2].splits.test.metrics.f1_macro += 0.01))).toThrow(
      '/replicates/2/splits/test/metrics/f1_macro is',
    );
    expect(edited((x) => (x.replicates![2].splits.test.metrics.recall_macro += 0.01))).toThrow(
      '/replicates/2/splits/test/metrics/recall_macro is',
    );
    // Without `predicted` a run's precision is not fixed by its counts; its recalls still are.
    const noPredicted = (edit: (x: Report) => void) =>
      edited((x) => {
        for (const rep of x.replicates!) delete rep.splits.test.perClass!.predicted;
        edit(x);
      });
    expect(noPredicted((x) => (x.replicates![1].splits.test.metrics.precision_macro = 0.5))).not.toThrow();
    expect(noPredicted((x) => (x.replicates![1].splits.test.metrics.recall_macro = 0.5))).toThrow(
      '/replicates/1/splits/test/metrics/recall_macro is 0.5',
    );
    expect(edited(() => undefined)).not.toThrow();
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
