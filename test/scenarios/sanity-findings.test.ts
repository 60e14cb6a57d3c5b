// Sanity findings, split findings and cause hints on real models and real data
// (fixtures/scenarios/sanity-*, trained by fixtures/scenarios/sanity-source/make_sanity.py), each
// asserting the verdict and the words a reviewer sees outside <details>, with clean controls.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runScenario, SCENARIOS, type ScenarioResult } from '../helpers/scenario.js';

/** The visible comment as a reader sees it rendered: character references decoded. */
function seen(r: ScenarioResult): string {
  return r.visible
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** label,pred rows of a scenario's prediction file, read here independently of modelgate. */
function rows(scenario: string, side: 'base' | 'head', split: string): [string, string][] {
  const text = readFileSync(path.join(SCENARIOS, scenario, side, `${split}.csv`), 'utf8');
  return text
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(',') as [string, string]);
}

const codes = (r: ScenarioResult) => r.comparison.sanity.map((f) => `${f.split ?? '*'}:${f.code}`);

describe('first run, a model that predicts one class for everything (breast cancer)', () => {
  it('says "every prediction is \'benign\'" outside <details> and fails, even without a baseline', async () => {
    const r = await runScenario('sanity-first-run-constant');
    expect(r.base).toBeNull();
    expect(r.comparison.verdict).toBe('fail');
    expect(codes(r)).toEqual([
      'train:constant-prediction',
      'validation:constant-prediction',
      'test:constant-prediction',
    ]);
    for (const split of ['train', 'validation', 'test']) {
      const data = rows('sanity-first-run-constant', 'head', split);
      expect(new Set(data.map(([, p]) => p))).toEqual(new Set(['benign'])); // the premise
      const other = data.filter(([t]) => t !== 'benign').length;
      expect(seen(r)).toContain(
        `${split}: every prediction is 'benign', though ${other} of ${data.length} examples (${((100 * other) / data.length).toFixed(1)}%) are of other classes`,
      );
    }
    expect(r.comparison.reasons[0]).toMatch(/^head model \(train\): every prediction is 'benign'/);
  });

  it('control: a healthy model on the same data has no finding and no verdict', async () => {
    const r = await runScenario('sanity-first-run-healthy');
    expect(r.comparison.verdict).toBe('no-baseline');
    expect(r.comparison.sanity).toEqual([]);
    expect(seen(r)).not.toContain('Sanity checks');
  });
});

describe('an unshuffled split: class_0 has no example in validation (wine)', () => {
  const shares = (split: string) => {
    const data = rows('sanity-unshuffled-wine', 'head', split);
    return ['class_0', 'class_1', 'class_2'].map((c) => data.filter(([t]) => t === c).length / data.length);
  };

  it('names the class and the split outside <details>, with the class shares and their skew', async () => {
    const r = await runScenario('sanity-unshuffled-wine');
    expect(shares('validation')[0]).toBe(0); // the premise
    expect(r.comparison.verdict).toBe('warn');
    expect(codes(r)).toEqual(['validation:class-absent', '*:class-shares']);
    const text = seen(r);
    expect(text).toContain("validation: class 'class_0' has no example in validation");
    expect(r.comparison.reasons[0]).toMatch(/class 'class_0' has no example in validation/);
    // Total variation distance between train and validation, computed here from the files.
    const [a, b] = [shares('train'), shares('validation')];
    const tv = a.reduce((s, x, k) => s + Math.abs(x - b[k]), 0) / 2;
    expect(text).toContain(
      `class shares differ between train and validation beyond a random split (total variation ${tv.toFixed(2)}`,
    );
    expect(text).toContain(`'class_0' ${(100 * a[0]).toFixed(1)}% train, 0.0% validation`);
  });

  it('control: the same models on a shuffled, stratified split have no split finding and pass', async () => {
    const r = await runScenario('sanity-shuffled-wine');
    expect(r.comparison.sanity).toEqual([]);
    expect(r.comparison.verdict).toBe('pass');
    expect(seen(r)).not.toMatch(/has no example in|class shares differ/);
  });
});

describe("the PR's model with its output columns permuted (digits)", () => {
  it('names a likely class-order mismatch with the mapping, not "within noise of chance"', async () => {
    const r = await runScenario('sanity-permuted-digits');
    expect(r.comparison.verdict).toBe('fail');
    expect(r.comparison.sanity.map((f) => f.code)).toEqual(['below-chance', 'below-chance', 'below-chance']);
    const text = seen(r);
    expect(text).not.toContain('within noise of chance');
    expect(r.comparison.reasons[0]).toMatch(/far below chance .*likely a class-order mismatch/);
    // The mapping, read here from the head's test predictions: each digit's most frequent prediction.
    const data = rows('sanity-permuted-digits', 'head', 'test');
    const top = (d: string) => {
      const counts = new Map<string, number>();
      for (const [t, p] of data) if (t === d) counts.set(p, (counts.get(p) ?? 0) + 1);
      return [...counts].sort((x, y) => y[1] - x[1])[0][0];
    };
    const mapping = ['0', '1', '2']
      .map((d, i) => `'${d}' ${i === 0 ? 'is predicted as' : 'as'} '${top(d)}'`)
      .join(', ');
    expect(text).toContain('**Likely causes**');
    expect(text).toContain(`likely a class-order mismatch (train, validation, test): ${mapping}, `);
    // The class-order mismatch explains every regression: no per-class confusion hints beside it.
    expect(r.comparison.hints?.map((h) => h.kind)).toEqual(['class-order']);
  });

  it('control: two healthy digit models (same code, another seed) have neither finding nor hint', async () => {
    const r = await runScenario('headline-seed');
    expect(r.comparison.sanity).toEqual([]);
    expect(r.comparison.hints).toBeUndefined();
    expect(seen(r)).not.toMatch(/chance|class-order|Likely causes/);
  });
});

describe('a regressed class: where its examples go now (digits)', () => {
  const oracle = JSON.parse(
    readFileSync(path.join(SCENARIOS, 'sanity-regressed-class', 'confusion.json'), 'utf8'),
  ) as Record<'base' | 'head', Record<string, number[][]>>;

  it("the reports' confusion matrices equal scikit-learn's confusion_matrix", async () => {
    const r = await runScenario('sanity-regressed-class');
    for (const side of ['base', 'head'] as const)
      for (const split of ['validation', 'test']) {
        const report = r[side]!;
        expect(report.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        expect(report.splits[split].confusion?.counts).toEqual(oracle[side][split].flat());
      }
  });

  it("names the regressed class's top confusions, base → head, outside <details>", async () => {
    const r = await runScenario('sanity-regressed-class');
    expect(r.comparison.verdict).toBe('fail');
    const eight = r.comparison.classes.filter((c) => c.name === '8' && c.status === 'regression');
    expect(eight.map((c) => c.split).sort()).toEqual(['test', 'validation']);
    const text = seen(r);
    for (const split of ['validation', 'test']) {
      // The cell that grew most, from scikit-learn's matrices: row '8', off the diagonal.
      const [b, h] = [oracle.base[split][8], oracle.head[split][8]];
      const grew = h
        .map((v, p) => ({ p, v, d: p === 8 ? -Infinity : v - b[p] }))
        .sort((x, y) => y.d - x.d || y.v - x.v)[0];
      const support = h.reduce((s, v) => s + v, 0);
      expect(text).toContain(
        `'8' (${split}): ${grew.v} of ${support} now predicted as '${grew.p}' (base: ${b[grew.p]})`,
      );
    }
    expect(r.comparison.hints?.every((h) => h.kind === 'confusions' && h.className === '8')).toBe(true);
  });
});
