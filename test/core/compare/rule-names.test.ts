import { describe, expect, it } from '@jest/globals';
import { checkRuleNames, ruleReferences } from '../../../src/core/compare/rule-names.js';
import { defaultRules, parseRules } from '../../../src/core/compare/rules.js';
import { makeReport, mc } from '../../helpers/stats-reports.js';

const t = [0, 1, 2, 0, 1, 2];
const base = makeReport('multiclass', ['cat', 'dog', 'a'], { test: mc(t, t), 'my.split': mc(t, t) });
const head = makeReport('multiclass', ['cat', 'dog', 'a', 'A '], { test: mc(t, t) });
const check =
  (rules: unknown, b = base) =>
  () =>
    checkRuleNames(parseRules(rules, '.modelgate.yml', 'multiclass'), b, head, '.modelgate.yml');

describe('checkRuleNames', () => {
  it('accepts the defaults and names that exist in either report', () => {
    expect(check({})).not.toThrow();
    expect(
      check({ classes: { ignore: ['A ', 'cat'] }, headline: { 'max-drop': { 'my.split.accuracy': 3 } } }),
    ).not.toThrow();
    // Rules parsed for another task name metrics these reports do not have.
    expect(() => checkRuleNames(defaultRules('multilabel'), base, head, 'defaults')).toThrow(
      /^defaults: headline\.metrics\[0\]: no metric 'subset_accuracy' in the base or head report; the metrics are 'accuracy', /,
    );
  });

  it('refuses a class differing only by case, saying which one was meant', () => {
    expect(check({ classes: { ignore: ['Cat'] } })).toThrow(
      ".modelgate.yml: classes.ignore[0]: class 'Cat' differs only by case from the class 'cat'; names are case-sensitive (did you mean 'cat'?)",
    );
  });

  it('checks against the head alone when there is no base', () => {
    expect(check({ classes: { splits: ['my.split'] } }, null as never)).toThrow(
      /^\.modelgate\.yml: classes\.splits\[0\]: no split 'my\.split' in the head report; the splits are 'test'$/,
    );
    expect(check({ classes: { splits: ['my.split'] } })).not.toThrow();
  });

  it('lists every name a rule holds, with its path', () => {
    const refs = ruleReferences(
      parseRules({ gaps: { 'max-increase': { 'train-validation.f1_macro': 3, recall_macro: 2 } } }, 'x', 'multiclass'),
    );
    expect(refs).toContainEqual({
      path: 'gaps.max-increase.train-validation.f1_macro',
      kind: 'metric',
      name: 'f1_macro',
    });
    expect(refs).toContainEqual({ path: 'gaps.max-increase.recall_macro', kind: 'metric', name: 'recall_macro' });
  });
});
