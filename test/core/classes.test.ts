import { ClassIndex, UnknownClassError, naturalCompare } from '../../src/core/classes.js';

describe('ClassIndex', () => {
  it('adds names as first seen and sorts them naturally at the end', () => {
    const c = new ClassIndex();
    for (const n of ['10', '2', 'b', 'a', '2']) c.indexOf(n);
    expect(c.names).toEqual(['10', '2', 'b', 'a']);
    const perm = c.sortedOrder();
    const sorted: string[] = [];
    c.names.forEach((n, i) => (sorted[perm[i]] = n));
    expect(sorted).toEqual(['2', '10', 'a', 'b']);
  });

  it('rejects unknown names when fixed', () => {
    const c = new ClassIndex(['cat', 'dog'], true);
    expect(c.indexOf('dog')).toBe(1);
    expect(() => c.indexOf('cow')).toThrow(UnknownClassError);
  });

  it('rejects duplicate names in a given list', () => {
    expect(() => new ClassIndex(['a', 'a'], true)).toThrow(/duplicate class name "a"/);
  });

  it('orders names with digits by value and is total', () => {
    expect(naturalCompare('label_9', 'label_10')).toBeLessThan(0);
    expect(naturalCompare('A', 'a')).not.toBe(0);
  });
});
