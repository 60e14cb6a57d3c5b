// The door-independent gate: baseline sources in order, comparison, rendering, regression count.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRules } from '../../src/core/compare/rules.js';
import { commentMarker } from '../../src/core/render/marker.js';
import type { Report } from '../../src/core/report/types.js';
import { writeReport } from '../../src/io/report-file.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { fileBaseline, findBaseline, runGate, type BaselineSource } from '../../src/pipeline/gate.js';
import { ANIMALS, BIRD_DROPS, workspace, writePredictions, type Scenario } from '../action/scenario.js';

const dir = workspace();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function evaluate(s: Scenario, sub: string, commit: string): Promise<Report> {
  const splits = writePredictions(dir, s, sub)
    .split('\n')
    .map((l) => ({ name: l.split('=')[0], path: join(dir, l.split('=')[1]) }));
  return evaluatePredictionFiles(splits, { commit });
}

let base: Report;
let same: Report;
let worse: Report;
beforeAll(async () => {
  base = await evaluate(ANIMALS, 'base', 'b'.repeat(40));
  same = await evaluate(ANIMALS, 'same', 'c'.repeat(40));
  worse = await evaluate(BIRD_DROPS, 'worse', 'd'.repeat(40));
  await writeReport(join(dir, 'base.json'), base);
});

describe('findBaseline', () => {
  it('takes the first source that has one, and logs each', async () => {
    const lines: string[] = [];
    const never: BaselineSource = {
      describe: () => 'never',
      load: () => Promise.reject(new Error('must not be asked')),
    };
    const b = await findBaseline(
      [fileBaseline(join(dir, 'missing.json')), fileBaseline(join(dir, 'base.json')), never],
      (l) => lines.push(l),
    );
    expect(b?.commit).toBe('b'.repeat(40));
    expect(b?.source).toBe(join(dir, 'base.json'));
    expect(lines).toEqual([
      expect.stringMatching(/missing\.json: not found$/),
      expect.stringMatching(/base\.json \(commit bbbbbbbbbbbb\)$/),
    ]);
  });
  it('is null when no source has one, and throws on a broken file', async () => {
    expect(await findBaseline([fileBaseline(join(dir, 'missing.json'))])).toBeNull();
    writeFileSync(join(dir, 'broken.json'), '{"schema":');
    await expect(findBaseline([fileBaseline(join(dir, 'broken.json'))])).rejects.toThrow(/broken\.json/);
  });
});

describe('runGate', () => {
  const render = { key: 'm', runUrl: 'https://github.com/o/r/actions/runs/1' };
  it('passes an identical model and counts no regression', () => {
    const g = runGate({
      head: same,
      headSide: { commit: same.commit },
      baseline: { report: base, commit: base.commit, source: 'x' },
      rules: defaultRules('multiclass'),
      render,
    });
    expect(g.comparison.verdict).toBe('pass');
    expect(g.regressions).toBe(0);
    expect(g.status.state).toBe('success');
    expect(g.comment.startsWith(commentMarker('m'))).toBe(true);
  });
  it('fails a class whose recall fell from 50/50 to 20/50 and counts every failed item', () => {
    const g = runGate({
      head: worse,
      headSide: { commit: worse.commit },
      baseline: { report: base, commit: base.commit, source: 'x' },
      rules: defaultRules('multiclass'),
      render,
    });
    expect(g.comparison.verdict).toBe('fail');
    const bird = g.comparison.classes.find((c) => c.name === 'bird' && c.split === 'test');
    expect(bird).toMatchObject({ base: { found: 50, support: 50 }, head: { found: 20, support: 50 }, level: 'fail' });
    const failed = [...g.comparison.headline, ...g.comparison.gaps, ...g.comparison.classes].filter(
      (x) => x.level === 'fail',
    ).length;
    expect(g.regressions).toBe(failed);
    expect(g.regressions).toBeGreaterThanOrEqual(2); // bird, plus at least the test accuracy
    expect(g.status.state).toBe('failure');
    expect(g.comparison.base?.commit).toBe('b'.repeat(40));
  });
  it('without a baseline: no-baseline', () => {
    const g = runGate({ head: same, headSide: {}, baseline: null, rules: defaultRules('multiclass'), render });
    expect(g.comparison.verdict).toBe('no-baseline');
    expect(g.regressions).toBe(0);
  });
});
