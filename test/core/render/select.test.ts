import { differentExampleSplits, gapWidened, groupClasses } from '../../../src/core/render/select.js';
import { classDelta, multiclassFail, structuralChanges } from '../../helpers/comparisons.js';

describe('gapWidened', () => {
  // higherIsBetter is the direction of the gap value, as the comparison engine sets it.
  it('an accuracy gap (higher is worse) widens when it grows', () => {
    expect(gapWidened(0.04, false)).toBe(true);
    expect(gapWidened(-0.04, false)).toBe(false);
  });
  it('a Hamming-loss gap (train - validation falls as the model overfits) widens when it falls', () => {
    expect(gapWidened(-0.002, true)).toBe(true);
    expect(gapWidened(0.002, true)).toBe(false);
  });
  it('no change, no widening', () => {
    expect(gapWidened(null, false)).toBe(false);
    expect(gapWidened(0, false)).toBe(false);
  });
});

describe('groupClasses', () => {
  it('puts catastrophic losses first, then failures by q, then warnings', () => {
    const cmp = multiclassFail();
    cmp.classes = [
      classDelta('warned', 'test', [40, 50], [30, 50], 'regression', 'warn', { kind: 'mcnemar', q: 0.0001 }),
      classDelta('late', 'test', [40, 50], [30, 50], 'regression', 'fail', { kind: 'mcnemar', q: 0.04 }),
      classDelta('early', 'test', [40, 50], [35, 50], 'regression', 'fail', { kind: 'mcnemar', q: 0.001 }),
      classDelta('gone', 'test', [6, 50], [0, 50], 'catastrophic', 'fail', { kind: 'mcnemar', q: 0.03 }),
      classDelta('up', 'test', [30, 50], [45, 50], 'improvement'),
      classDelta('up more', 'test', [20, 50], [45, 50], 'improvement'),
    ];
    const g = groupClasses(cmp);
    expect(g.regressions.map((c) => c.name)).toEqual(['gone', 'early', 'late', 'warned']);
    expect(g.improvements.map((c) => c.name)).toEqual(['up more', 'up']);
    expect(g.multiSplit).toBe(false);
    expect(g.all[0].name).toBe('gone');
  });

  it('orders the full table by split, as the comparison lists splits', () => {
    const g = groupClasses(structuralChanges());
    expect(g.multiSplit).toBe(true);
    const splits = g.all.map((c) => c.split);
    expect(splits.indexOf('test')).toBe(splits.lastIndexOf('validation') + 1);
  });
});

describe('differentExampleSplits', () => {
  it('names only the splits whose examples differ', () => {
    expect(differentExampleSplits(structuralChanges())).toEqual(['test']);
    expect(differentExampleSplits(multiclassFail())).toEqual([]);
  });
});
