// The judgement simulation on a few pairs of real models (the bench, `npm run bench --
// judgement`, runs every pair): same code and different seeds rarely warn and never fail; a
// class losing half of what it found fails.
import { datasets, judgeSeedPairs } from '../helpers/judgement.js';

describe('same training code, different seeds (fixtures/judgement)', () => {
  it('5 consecutive seed pairs per data set: no fail, at most one warning in five', async () => {
    const names = datasets();
    expect(names).toEqual(['breast-cancer', 'digits', 'wine']);
    let pairs = 0;
    let warn = 0;
    for (const ds of names) {
      const t = await judgeSeedPairs(ds, { pairs: 5 });
      expect(t.fail).toBe(0);
      pairs += t.pairs;
      warn += t.warn;
    }
    expect(pairs).toBe(15);
    expect(warn / pairs).toBeLessThanOrEqual(0.2);
  }, 120000);

  it('injected damage: the largest class losing half of the examples it found fails every pair', async () => {
    for (const ds of datasets()) {
      const t = await judgeSeedPairs(ds, { pairs: 3, damage: { kind: 'class', share: 0.5 } });
      expect(t).toEqual({ pairs: 3, pass: 0, warn: 0, fail: 3 });
    }
  }, 120000);
});
