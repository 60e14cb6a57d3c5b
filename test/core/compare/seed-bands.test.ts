// Seed replicates in the support bands and the catastrophic rule: like the headline, the gaps and
// each class, they judge the means over the runs, so "same code, different seed" fails neither.
// Built runs, 3 seeds a side, on the same data: "small" (50 positives a split, the 10–99 band)
// is found 35 to 45 times depending on the seed; "big" (900, the 100–999 band) 95% of the time.
import { compareReports } from '../../../src/core/compare/compare.js';
import { parseRules } from '../../../src/core/compare/rules.js';
import type { Comparison } from '../../../src/core/compare/types.js';
import { mergeReplicates } from '../../../src/core/report/replicates.js';
import type { Report } from '../../../src/core/report/types.js';
import { validateReport } from '../../../src/core/report/validate.js';
import { reportOf, type SeedRun } from '../../helpers/judgement.js';

const BIG = 900;
const SMALL = 50;
const CLASSES = ['big', 'small'];
const rules = parseRules({}, 'seed bands test', 'multiclass');

/** One seed: "small" examples offset .. offset + found - 1 (mod 50) found; "big" 95% right. */
function seedRun(name: string, found: number, offset: number): SeedRun {
  const split = (f: number) => {
    const labels = [...Array<string>(BIG).fill('big'), ...Array<string>(SMALL).fill('small')];
    const preds = labels.map((l, i) =>
      l === 'big' ? (i % 20 === 0 ? 'small' : 'big') : (i - BIG - offset + SMALL) % SMALL < f ? 'small' : 'big',
    );
    return { labels, preds };
  };
  return { name, splits: { train: split(SMALL), validation: split(found), test: split(found) } };
}

async function side(seeds: [number, number][]): Promise<Report> {
  const runs = await Promise.all(seeds.map(([f, o], i) => reportOf(seedRun(`seed-${i}`, f, o), CLASSES)));
  const merged = mergeReplicates(
    runs,
    runs.map((_, i) => `seed-${i}.json`),
  );
  return validateReport(JSON.parse(JSON.stringify(merged)), 'replicates.json');
}

const smallBand = (c: Comparison, split: string) =>
  c.classAggregates!.find((a) => a.split === split)!.bands.find((b) => b.max === 100)!;
const row = (c: Comparison, name: string, split: string) =>
  c.classes.find((r) => r.name === name && r.split === split)!;

describe('support bands over the seeds', () => {
  it('same code, different seeds: the band is judged on the means (equal here), not on the first runs (45 → 35)', async () => {
    const base = await side([
      [45, 0],
      [35, 10],
      [40, 20],
    ]);
    const head = await side([
      [35, 30],
      [45, 40],
      [40, 5],
    ]);
    const cmp = compareReports(base, head, rules);
    for (const split of ['validation', 'test']) {
      const band = smallBand(cmp, split);
      expect(band.base).toBeCloseTo(0.8, 12);
      expect(band.head).toBeCloseTo(0.8, 12);
      expect(band.delta).toBeCloseTo(0, 12);
      expect(band.level).toBe('ok');
    }
    expect(cmp.verdict).not.toBe('fail');
    expect(cmp.reasons.join('\n')).not.toMatch(/positives/);
  });

  it('a real drop beyond the spread still fails the band: every head run finds 20 fewer', async () => {
    const base = await side([
      [45, 0],
      [35, 10],
      [40, 20],
    ]);
    const head = await side([
      [25, 30],
      [15, 40],
      [20, 5],
    ]);
    const cmp = compareReports(base, head, rules);
    const band = smallBand(cmp, 'validation');
    expect(band.delta).toBeCloseTo(-0.4, 12);
    expect(band.ci!.hi).toBeLessThan(0);
    expect(band.level).toBe('fail');
  });
});

describe('the catastrophic rule over the seeds', () => {
  it('one head seed that found none, beside seeds that found 45, is not "none found now"', async () => {
    const base = await side([
      [45, 0],
      [0, 10],
      [45, 20],
    ]);
    const head = await side([
      [0, 30],
      [45, 40],
      [45, 5],
    ]);
    const cmp = compareReports(base, head, rules);
    for (const split of ['validation', 'test']) expect(row(cmp, 'small', split).status).not.toBe('catastrophic');
    expect(cmp.reasons.join('\n')).not.toMatch(/none found now/);
  });

  it('every head run finding none is catastrophic', async () => {
    const base = await side([
      [45, 0],
      [35, 10],
      [40, 20],
    ]);
    const head = await side([
      [0, 30],
      [0, 40],
      [0, 5],
    ]);
    const cmp = compareReports(base, head, rules);
    expect(row(cmp, 'small', 'validation').status).toBe('catastrophic');
    expect(cmp.verdict).toBe('fail');
    expect(cmp.reasons[0]).toMatch(/^class 'small' \((validation|test)\): found 45\/50 → 0\/50, none found now$/);
  });
});
