// report@3 (standard errors) reads report@2 and report@1 files: a report written by an earlier modelgate is read
// as a current one without the new optional fields, and compares as before.
import { compareReports } from '../../../src/core/compare/compare.js';
import { defaultRules } from '../../../src/core/compare/rules.js';
import { REPORT_SCHEMA } from '../../../src/core/report/types.js';
import { validateReport } from '../../../src/core/report/validate.js';
import { evaluatePredictionFiles } from '../../../src/pipeline/evaluate.js';

it('a report@1 loads as the current version and compares with a new report', async () => {
  const head = await evaluatePredictionFiles([{ name: 'test', path: 'fixtures/predictions/multiclass.pred.csv' }]);
  expect(head.schema).toBe('modelgate/report@3');
  expect(REPORT_SCHEMA).toBe('modelgate/report@3');
  const written = JSON.parse(JSON.stringify(head));
  written.schema = 'modelgate/report@1';
  const old = validateReport(written, 'old.json');
  expect(old.schema).toBe('modelgate/report@3');
  expect(old.replicates).toBeUndefined();
  const c = compareReports(old, head, defaultRules('multiclass'));
  const same = compareReports(head, head, defaultRules('multiclass'));
  expect(c.sameExamples.test).toBe(true);
  expect([c.verdict, c.reasons]).toEqual([same.verdict, same.reasons]);
  expect(c.headline.every((r) => r.delta === 0)).toBe(true);
});

it('an unknown older version is refused in one line', () => {
  expect(() => validateReport({ schema: 'modelgate/report@0' }, 'x.json')).toThrow(
    /^x\.json: not a modelgate report: schema is "modelgate\/report@0", expected 'modelgate\/report@3'$/,
  );
});

it('a report@2 (no standard errors) loads as report@3; its comparison takes the head\'s standard errors for both', async () => {
  const head = await evaluatePredictionFiles([{ name: 'test', path: 'fixtures/diagnostics/digits.csv' }]);
  const written = JSON.parse(JSON.stringify(head));
  written.schema = 'modelgate/report@2';
  for (const k of ['rocAucSe', 'averagePrecisionSe', 'logLossSe', 'eceSe']) delete written.splits.test.scores[k];
  const old = validateReport(written, 'main.json');
  expect(old.schema).toBe(REPORT_SCHEMA);
  expect(old.splits.test.scores!.logLossSe).toBeUndefined();
  const c = compareReports(old, head, defaultRules('multiclass'));
  const row = c.diagnostics!.scores.find((r) => r.split === 'test' && r.metric === 'log_loss')!;
  expect(row.noise).toBeCloseTo(1.959963984540054 * Math.sqrt(2) * head.splits.test.scores!.logLossSe!, 12);
  expect(c.verdict).toBe('pass');
});

it('a report of a newer version is refused with the advice to upgrade', () => {
  expect(() => validateReport({ schema: 'modelgate/report@4' }, 'x.json')).toThrow(
    /x\.json: schema is "modelgate\/report@4": written by a newer modelgate; this one reads 'modelgate\/report@3' \(upgrade modelgate\)/,
  );
});
