// A rule that names nothing, or a base and head of different tasks, must not hide a real
// regression: real digit classifiers (fixtures/scenarios/integrity-digits, a 5-6 point drop).
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { UsageError } from '../../src/core/errors.js';
import { runScenario, SCENARIOS } from '../helpers/scenario.js';

const NAME = 'integrity-digits';
const present = existsSync(`${SCENARIOS}/${NAME}/head`);
const scenario = present ? describe : describe.skip;
if (!present) console.warn(`SKIPPED: fixtures/scenarios/${NAME} is missing`);

async function refusal(rules: unknown): Promise<string> {
  const err = await runScenario(NAME, { rules }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  const msg = (err as Error).message;
  expect(msg).not.toContain('\n');
  return msg;
}

scenario('integrity-digits: the rules name what the reports hold', () => {
  it('the control: the head model is a real regression, and fails', async () => {
    const r = await runScenario(NAME, { rules: { headline: { splits: ['test'] } } });
    expect(r.comparison.verdict).toBe('fail');
    expect(r.comparison.headline.find((m) => m.metric === 'accuracy')?.level).toBe('fail');
  });

  it('a misspelt split in headline.splits is an error naming it and the splits there are', async () => {
    expect(await refusal({ headline: { splits: ['tset'] } })).toMatch(
      /^rules: headline\.splits\[0\]: no split 'tset' in the base or head report; the splits are ('(test|train|validation)'(, )?){3}$/,
    );
    expect(await refusal({ classes: { splits: ['validation', 'Test'] } })).toBe(
      "rules: classes.splits[1]: split 'Test' differs only by case from the split 'test'; names are case-sensitive (did you mean 'test'?)",
    );
  });

  it('a class or threshold key that names nothing, or differs by case, is an error', async () => {
    expect(await refusal({ classes: { ignore: ['8', 'eight'] } })).toMatch(
      /^rules: classes\.ignore\[1\]: no class 'eight' in the base or head report; the classes are '0', '1', /,
    );
    expect(await refusal({ headline: { 'max-drop': { 'tset.accuracy': 5 } } })).toMatch(
      /^rules: headline\.max-drop\.tset\.accuracy: no split 'tset' /,
    );
    expect(await refusal({ headline: { 'max-drop': { 'Test.accuracy': 5 } } })).toMatch(/did you mean 'test'\?\)$/);
    expect(await refusal({ headline: { 'max-drop': { hamming_loss: 5 } } })).toMatch(
      /^rules: headline\.max-drop\.hamming_loss: no metric 'hamming_loss' in the base or head report; the metrics are 'accuracy', /,
    );
  });

  it('a base and head of different tasks are not compared: the verdict is warn and says so first', async () => {
    const r = await runScenario(NAME, { head: 'headmultilabel' });
    expect(r.base?.task).toBe('multiclass');
    expect(r.head.task).toBe('multilabel');
    expect(r.comparison.verdict).toBe('warn');
    expect(r.comparison.reasons[0]).toMatch(
      /^the task changed from multiclass \(base\) to multilabel \(head\): nothing to compare/,
    );
    expect(r.comparison.headline).toEqual([]);
    expect(r.comparison.classes).toEqual([]);
    const first = r.visible.split('\n').find((l) => l.includes('**modelgate:'));
    expect(first).toMatch(/warn.*the task changed from multiclass \(base\) to multilabel \(head\)/);
  });
});
