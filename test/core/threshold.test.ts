// The multi-label decision threshold has one default and one check (src/core/threshold.ts): every
// door (CLI evaluate and thresholds, the action's inputs, the per-class thresholds file, the two
// pipelines) refuses the same values with the same words. Keys of a per-class thresholds file must
// name a class, exactly (issue 13, item 2).

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from '@jest/globals';
import { evaluateHead, readSetup } from '../../src/action/evaluate.js';
import { readInputs } from '../../src/action/inputs.js';
import { runEvaluate } from '../../src/cli/commands/evaluate.js';
import { runThresholds } from '../../src/cli/commands/thresholds.js';
import { UsageError } from '../../src/core/errors.js';
import { checkThresholdKeys, DEFAULT_THRESHOLD, parseThreshold } from '../../src/core/threshold.js';
import { readThresholds } from '../../src/io/thresholds.js';
import { evaluateModel } from '../../src/pipeline/evaluate-model.js';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';
import { tempDir } from '../io/tmp.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** The words every door uses after naming itself. */
const refusal = (shown: string) => `is ${shown}; expected a number from 0 to 1`;

async function messageOf(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (e) {
    return (e as Error).message;
  }
  return '(accepted)';
}

const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('one threshold check for every door', () => {
  const BAD_TEXT = ['1.5', '-0.1', '-0', 'abc', 'NaN', 'Infinity', '0x1', '1e1', '.', '1,5', '0.5.1'];

  test.each(BAD_TEXT)('text %j is refused the same way by the CLI, the action and the thresholds file', async (v) => {
    const words = refusal(JSON.stringify(v));
    const doors: [string, () => unknown][] = [
      [
        'evaluate: --threshold',
        () => runEvaluate(['--split', 'a=x.csv', `--threshold=${v}`, '--out', tmp.path('o.json')]),
      ],
      [
        'thresholds: --threshold',
        () =>
          runThresholds([
            '--split',
            'validation=v.csv',
            '--split',
            'test=t.csv',
            '--out',
            'x.json',
            `--threshold=${v}`,
          ]),
      ],
      ['input threshold', () => readInputs(getter({ splits: 'x.csv', threshold: v }))],
      [`${tmp.path('t.json')}:key "cat":`, () => readThresholds(tmp.write('t.json', JSON.stringify({ cat: v })))],
    ];
    for (const [door, work] of doors) expect(await messageOf(work)).toBe(`${door} ${words}`);
  });

  test.each([1.5, -0.1, NaN, Infinity, -Infinity])(
    'number %p is refused the same way by both pipelines and the file',
    async (n) => {
      const words = refusal(String(n));
      expect(await messageOf(() => evaluatePredictionFiles([{ name: 'a', path: 'x.csv' }], { threshold: n }))).toBe(
        `threshold ${words}`,
      );
      expect(
        await messageOf(() => evaluateModel({ model: 'm/model.json', data: [{ name: 'a', path: 'x' }], threshold: n })),
      ).toBe(`threshold ${words}`);
      if (Number.isFinite(n))
        expect(await messageOf(() => readThresholds(tmp.write('n.json', `{"cat": ${n}}`)))).toBe(
          `${tmp.path('n.json')}:key "cat": ${words}`,
        );
    },
  );

  test('the same values are accepted everywhere text is read', async () => {
    for (const [text, n] of [
      ['0', 0],
      ['1', 1],
      ['0.25', 0.25],
      ['.5', 0.5],
      ['5e-1', 0.5],
      [' 0.3 ', 0.3],
    ] as const) {
      expect(parseThreshold(text, 'x')).toBe(n);
      expect(readInputs(getter({ splits: 'x.csv', threshold: text })).threshold).toBe(n);
    }
    // A JSON file holds numbers: the text "0.5" is a string there, not a threshold.
    expect(await messageOf(() => readThresholds(tmp.write('s.json', '{"cat": "0.5"}')))).toMatch(
      /is "0\.5"; expected a number/,
    );
    expect(() => parseThreshold('2', 'input threshold')).toThrow(UsageError);
  });

  test('the default is the one constant, and action.yml states it', () => {
    expect(DEFAULT_THRESHOLD).toBe(0.5);
    const yml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');
    expect(yml).toMatch(new RegExp(`threshold:\\n\\s+description: .*Default ${DEFAULT_THRESHOLD}\\.`));
  });
});

describe('per-class threshold keys must name a class', () => {
  test('a key differing only by case names its near match; an unknown key lists the classes', () => {
    expect(() => checkThresholdKeys({ Cat: 0.3 }, ['cat', 'dog'], 't.json')).toThrow(
      `t.json: key "Cat": class 'Cat' differs only by case from the class 'cat'; names are case-sensitive (did you mean 'cat'?)`,
    );
    expect(() => checkThresholdKeys({ cat: 0.3, cow: 0.2 }, ['cat', 'dog'], 't.json')).toThrow(
      `t.json: key "cow": no class 'cow' among the classes evaluated; the classes are 'cat', 'dog'`,
    );
    expect(() => checkThresholdKeys({ cat: 0.3, Cat: 0.4 }, ['cat', 'Cat'], 't.json')).not.toThrow();
  });

  const predictions = () =>
    tmp.write('ml.csv', 'labels,score:cat,score:dog\ncat,0.9,0.1\ndog,0.2,0.8\ncat|dog,0.6,0.7\n');

  test('CLI evaluate --thresholds refuses a key that names no class, classes found in the data', async () => {
    const file = tmp.write('bad-keys.json', '{"cat": 0.4, "Dog": 0.6}');
    const msg = await messageOf(() =>
      runEvaluate(['--split', `test=${predictions()}`, '--thresholds', file, '--out', tmp.path('r.json')]),
    );
    expect(msg).toBe(
      `${file}: key "Dog": class 'Dog' differs only by case from the class 'dog'; names are case-sensitive (did you mean 'dog'?)`,
    );
    // The same file with the key spelled right evaluates, and the report keeps it.
    tmp.write('good-keys.json', '{"cat": 0.4, "dog": 0.6}');
    const out = tmp.path('good.json');
    await runEvaluate(['--split', `test=${predictions()}`, '--thresholds', tmp.path('good-keys.json'), '--out', out], {
      stdout: { write: () => true },
      stderr: { write: () => true },
    });
    expect(JSON.parse(readFileSync(out, 'utf8')).thresholds).toEqual({
      default: 0.5,
      perClass: { cat: 0.4, dog: 0.6 },
    });
  });

  test('the action input per-class-threshold refuses it too, naming the file', async () => {
    const file = tmp.write('typo.json', '{"cta": 0.4}');
    const inputs = readInputs(getter({ splits: `test=${predictions()}`, 'per-class-threshold': file }));
    const msg = await messageOf(async () => evaluateHead(inputs, await readSetup(inputs, undefined), ''));
    expect(msg).toBe(`${file}: key "cta": no class 'cta' among the classes evaluated; the classes are 'cat', 'dog'`);
  });
});
