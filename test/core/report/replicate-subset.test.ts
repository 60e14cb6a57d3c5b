// Multi-label subset accuracy of a seed run (a default gate) cannot be recomputed from the counts a
// run keeps, but the counts bound it: an edit past the bounds is refused, so a hand-widened seed
// spread cannot hide a subset-accuracy regression. Three seeds of a multi-label model written as
// CSV, evaluated and merged as `modelgate merge --replicates` does.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mergeReplicates } from '../../../src/core/report/replicates.js';
import type { Report } from '../../../src/core/report/types.js';
import { validateReport } from '../../../src/core/report/validate.js';
import { evaluatePredictionFiles } from '../../../src/pipeline/evaluate.js';

const CLASSES = ['a', 'b', 'c'];
const N = 200;

/** Seed `s` (odd): examples are truly {a, b} (odd i) or {c}; the model misses b where i % 10 = s and adds c where i % 25 = s. */
async function seed(s: number): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'mg-subset-'));
  const rows = Array.from({ length: N }, (_, i) => {
    const truth = i % 2 ? ['a', 'b'] : ['c'];
    const pred = truth.filter((c) => !(c === 'b' && i % 10 === s));
    if (i % 25 === s && !pred.includes('c')) pred.push('c');
    return `${truth.join('|')},${pred.join('|')}`;
  });
  const path = join(dir, 'test.csv');
  writeFileSync(path, `labels,preds\n${rows.join('\n')}\n`);
  return evaluatePredictionFiles([{ name: 'test', path }], { classes: CLASSES, task: 'multilabel', createdAt: 'now' });
}

let merged: Report;
beforeAll(async () => {
  const runs = [await seed(1), await seed(3), await seed(5)];
  merged = validateReport(JSON.parse(JSON.stringify(mergeReplicates(runs, ['s1', 's3', 's5']))), 'merged.json');
});

const edited = (edit: (x: Report) => void) => {
  const copy = JSON.parse(JSON.stringify(merged)) as Report;
  edit(copy);
  return () => validateReport(copy, 'x.json');
};

describe("a seed run's multi-label subset accuracy", () => {
  it('is within the bounds its counts give (the control: the merged report reads back)', () => {
    // Seed 3 misses b on the 20 examples with i % 10 = 3 (all {a, b}) and adds c on 4 of them
    // (i = 3, 53, 103, 153): 20 examples wrong, 24 errors, 20 misses of b: bounds [0.88, 0.90].
    expect(merged.replicates![1].splits.test.metrics.subset_accuracy).toBeCloseTo(1 - 20 / 200, 12);
    expect(edited(() => undefined)).not.toThrow();
  });

  it('edited below what its counts allow (more wrong examples than errors) or above (fewer than one class misses) is refused', () => {
    expect(edited((x) => (x.replicates![1].splits.test.metrics.subset_accuracy = 0.5))).toThrow(
      "x.json: /replicates/1/splits/test/metrics/subset_accuracy is 0.5 but the run's counts bound it to [0.88, 0.9]: the report was edited or damaged",
    );
    expect(edited((x) => (x.replicates![2].splits.test.metrics.subset_accuracy = 0.99))).toThrow(
      '/replicates/2/splits/test/metrics/subset_accuracy is 0.99',
    );
  });

  it('without `predicted`, only the misses bound it (from above)', () => {
    const noPredicted = (v: number) =>
      edited((x) => {
        for (const rep of x.replicates!) delete rep.splits.test.perClass!.predicted;
        x.replicates![1].splits.test.metrics.subset_accuracy = v;
      });
    expect(noPredicted(0.5)).not.toThrow();
    expect(noPredicted(0.99)).toThrow("is 0.99 but the run's counts bound it to [0, 0.9]");
  });
});
