// report@2 (replicates) reads report@1 files: a report written by the previous modelgate is read
// as a current one without the new optional fields, and compares as before.
import { compareReports } from '../../../src/core/compare/compare.js';
import { defaultRules } from '../../../src/core/compare/rules.js';
import { REPORT_SCHEMA } from '../../../src/core/report/types.js';
import { validateReport } from '../../../src/core/report/validate.js';
import { evaluatePredictionFiles } from '../../../src/pipeline/evaluate.js';

it('a report@1 loads as report@2 and compares with a new report', async () => {
  const head = await evaluatePredictionFiles([{ name: 'test', path: 'fixtures/predictions/multiclass.pred.csv' }]);
  expect(head.schema).toBe('modelgate/report@2');
  expect(REPORT_SCHEMA).toBe('modelgate/report@2');
  const written = JSON.parse(JSON.stringify(head));
  written.schema = 'modelgate/report@1';
  const old = validateReport(written, 'old.json');
  expect(old.schema).toBe('modelgate/report@2');
  expect(old.replicates).toBeUndefined();
  const c = compareReports(old, head, defaultRules('multiclass'));
  const same = compareReports(head, head, defaultRules('multiclass'));
  expect(c.sameExamples.test).toBe(true);
  expect([c.verdict, c.reasons]).toEqual([same.verdict, same.reasons]);
  expect(c.headline.every((r) => r.delta === 0)).toBe(true);
});

it('an unknown older version is refused in one line', () => {
  expect(() => validateReport({ schema: 'modelgate/report@0' }, 'x.json')).toThrow(
    /^x\.json: not a modelgate report: schema is "modelgate\/report@0", expected 'modelgate\/report@2'$/,
  );
});
