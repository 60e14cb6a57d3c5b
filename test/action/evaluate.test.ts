// baseline: evaluate hands the base commit to git: only a commit id may get there.
import { describe, expect, it } from '@jest/globals';
import { modelAtCommit } from '../../src/action/evaluate.js';
import { readInputs } from '../../src/action/inputs.js';

const inputs = readInputs(
  (name) => ({ model: 'models/m', data: 'test=data/test.csv', baseline: 'evaluate' })[name] ?? '',
);

describe('modelAtCommit', () => {
  it.each(['--output=/tmp/x', 'HEAD~1', 'main', 'abc123\n', '../x'])(
    'refuses the ref %j before running git',
    async (ref) => {
      await expect(modelAtCommit(inputs, {}, ref).load()).rejects.toThrow(/baseline: evaluate: expected a commit id/);
    },
  );
});
