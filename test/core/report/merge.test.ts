import { ClassIndex } from '../../../src/core/classes.js';
import { UsageError } from '../../../src/core/errors.js';
import { mergeReports } from '../../../src/core/report/merge.js';
import type { Report, Task } from '../../../src/core/report/types.js';
import { validateReport } from '../../../src/core/report/validate.js';
import { cuts, rng } from '../metrics/batches.js';
import { NAMES, randomNamedSplit, reportOf, type NamedSplit } from './helpers.js';

const slice = (s: NamedSplit, a: number, b: number): NamedSplit => ({
  truth: s.truth.slice(a, b),
  pred: s.pred.slice(a, b),
});

/** The parts of a report that do not depend on how it was sharded. */
function essence(r: Report) {
  const splits = Object.fromEntries(
    Object.entries(r.splits).map(([k, s]) => {
      const { fingerprints, ...rest } = s;
      return [k, { ...rest, labels: fingerprints.labels }];
    }),
  );
  return { task: r.task, classes: r.classes, splits, gaps: r.gaps, thresholds: r.thresholds };
}

describe.each<Task>(['multiclass', 'multilabel'])('mergeReports (%s)', (task) => {
  it.each([2, 3, 5])('merging %i shards of every split equals one pass', (k) => {
    const r = rng(k * 31 + (task === 'multiclass' ? 1 : 2));
    const full = {
      train: randomNamedSplit(task, 250, NAMES, 100 + k),
      validation: randomNamedSplit(task, 90, NAMES, 200 + k),
      test: randomNamedSplit(task, 120, NAMES.slice(2), 300 + k),
    };
    const cutsBy = Object.fromEntries(Object.entries(full).map(([name, s]) => [name, cuts(s.truth.length, k, r)]));
    // Each shard discovers its own classes (in its own order, some missing): matching is by name.
    const parts = Array.from({ length: k }, (_, i) =>
      reportOf(
        task,
        new ClassIndex(),
        Object.fromEntries(
          Object.entries(full).map(([name, s]) => [name, slice(s, cutsBy[name][i], cutsBy[name][i + 1])]),
        ),
      ),
    );
    const merged = mergeReports(
      parts,
      parts.map((_, i) => `part${i}.json`),
    );
    const one = reportOf(task, new ClassIndex(), full);
    expect(essence(merged)).toEqual(essence(one));
    expect(merged.splits.test.fingerprints.files).toEqual(parts.flatMap((p) => p.splits.test.fingerprints.files));
    validateReport(JSON.parse(JSON.stringify(merged)), 'merged.json');
  });

  it('keeps a shared fixed class order and concatenates shards in the given order', () => {
    const a = randomNamedSplit(task, 40, NAMES, 1);
    const b = randomNamedSplit(task, 60, NAMES, 2);
    const pa = reportOf(task, new ClassIndex(NAMES, true), { test: a });
    const pb = reportOf(task, new ClassIndex(NAMES, true), { test: b });
    const ab = mergeReports([pa, pb], ['a', 'b']);
    expect(ab.classes).toEqual(NAMES);
    const joined = reportOf(task, new ClassIndex(NAMES, true), {
      test: { truth: [...a.truth, ...b.truth], pred: [...a.pred, ...b.pred] },
    });
    expect(essence(ab)).toEqual(essence(joined));
    const ba = mergeReports([pb, pa], ['b', 'a']);
    expect(ba.splits.test.fingerprints.labels).not.toBe(ab.splits.test.fingerprints.labels);
    expect(ba.splits.test.perClass).toEqual(ab.splits.test.perClass);
  });
});

describe('mergeReports refuses what is not shards of one evaluation', () => {
  const mc = reportOf('multiclass', new ClassIndex(), { test: randomNamedSplit('multiclass', 30, NAMES, 1) });
  const ml = reportOf('multilabel', new ClassIndex(), { test: randomNamedSplit('multilabel', 30, NAMES, 2) });
  const expectUsage = (f: () => unknown, re: RegExp) => {
    expect(f).toThrow(UsageError);
    expect(f).toThrow(re);
  };

  it('different tasks', () => {
    expectUsage(
      () => mergeReports([mc, ml], ['a.json', 'b.json']),
      /^b\.json: task is multilabel but a\.json is multiclass/,
    );
  });

  it('different thresholds', () => {
    const t1 = { ...ml, thresholds: { default: 0.5 } };
    const t2 = { ...ml, thresholds: { default: 0.5, perClass: { cat: 0.4 } } };
    expectUsage(() => mergeReports([t1, t2], ['a.json', 'b.json']), /^b\.json: thresholds .* differ from a\.json's/);
    const other = reportOf('multilabel', new ClassIndex(), {
      validation: randomNamedSplit('multilabel', 30, NAMES, 3),
    });
    expect(mergeReports([t1, { ...other, thresholds: { default: 0.5 } }], ['a', 'b']).thresholds).toEqual({
      default: 0.5,
    });
  });

  it('the same shard twice', () => {
    expectUsage(
      () => mergeReports([mc, mc], ['a.json', 'b.json']),
      /^b\.json: split "test" was evaluated from the same file as in a\.json/,
    );
  });

  it('different commits', () => {
    const other = reportOf('multiclass', new ClassIndex(), {
      validation: randomNamedSplit('multiclass', 30, NAMES, 3),
    });
    expectUsage(
      () =>
        mergeReports(
          [
            { ...mc, commit: 'aaa' },
            { ...other, commit: 'bbb' },
          ],
          ['a.json', 'b.json'],
        ),
      /commit "bbb" differs from a\.json.s "aaa"/,
    );
  });

  it('a split without per-example predictions', () => {
    const lean = reportOf(
      'multiclass',
      new ClassIndex(),
      { test: randomNamedSplit('multiclass', 30, NAMES, 7) },
      { keepPredictions: false },
    );
    expectUsage(
      () => mergeReports([mc, lean], ['a.json', 'b.json']),
      /^b\.json: split "test": the split has no per-example predictions/,
    );
  });

  it('no parts', () => {
    expectUsage(() => mergeReports([], []), /at least one report/);
  });
});
