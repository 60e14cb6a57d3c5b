import { UsageError } from '../../../src/core/errors.js';
import {
  defaultRules,
  gapThreshold,
  headlineThreshold,
  parseRules,
  rulesToSettings,
} from '../../../src/core/compare/rules.js';

const err = (obj: unknown, task: 'multiclass' | 'multilabel' = 'multiclass') => {
  try {
    parseRules(obj, '.modelgate.yml', task);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('rules', () => {
  it('defaults depend on the task', () => {
    expect(defaultRules('multiclass').headline.metrics).toEqual([
      'accuracy',
      'recall_macro',
      'recall_micro',
      'f1_macro',
    ]);
    expect(defaultRules('multilabel').headline.metrics).toEqual([
      'subset_accuracy',
      'recall_macro',
      'recall_micro',
      'f1_macro',
    ]);
    expect(parseRules(undefined, 'x', 'multiclass')).toEqual(defaultRules('multiclass'));
    expect(parseRules({}, 'x', 'multiclass')).toEqual(defaultRules('multiclass'));
  });

  it('parses every key, in points and percentages, with the most specific threshold winning', () => {
    const r = parseRules(
      {
        headline: {
          metrics: ['accuracy', 'f1_macro'],
          splits: ['test'],
          'max-drop': {
            default: { warn: 0.5, fail: '1.5pt' },
            f1_macro: { fail: '5%' },
            'test.accuracy': { warn: 'off', fail: 3 },
          },
        },
        gaps: {
          metrics: 'accuracy',
          'max-increase': {
            default: { warn: 1, fail: 4 },
            'train-validation': { fail: 6 },
            'validation-test.accuracy': 2,
          },
        },
        classes: {
          splits: 'validation, test',
          'min-drop': 10,
          'min-support': '20',
          ignore: ['other'],
          precision: 'true',
          catastrophic: { 'min-found': 8, level: 'warn' },
          bands: { edges: [5, 50], 'max-drop': { warn: 3, fail: '20%' } },
        },
        fdr: { level: 0.1, method: 'by' },
        bootstrap: { resamples: 2000, seed: 7, confidence: 0.9 },
      },
      'x',
      'multiclass',
    );
    expect(r.headline.metrics).toEqual(['accuracy', 'f1_macro']);
    expect(r.headline.splits).toEqual(['test']);
    expect(headlineThreshold(r, 'validation', 'accuracy')).toEqual({
      warn: { value: 0.005, relative: false },
      fail: { value: 0.015, relative: false },
    });
    expect(headlineThreshold(r, 'test', 'f1_macro')).toEqual({
      warn: { value: 0.005, relative: false },
      fail: { value: 0.05, relative: true },
    });
    expect(headlineThreshold(r, 'test', 'accuracy')).toEqual({ warn: null, fail: { value: 0.03, relative: false } });
    expect(gapThreshold(r, 'train-validation', 'accuracy').fail).toEqual({ value: 0.06, relative: false });
    expect(gapThreshold(r, 'validation-test', 'accuracy')).toEqual({
      warn: { value: 0.01, relative: false },
      fail: { value: 0.02, relative: false },
    });
    expect(gapThreshold(r, 'validation-test', 'f1_macro').fail).toEqual({ value: 0.04, relative: false });
    expect(r.gaps.metrics).toEqual(['accuracy']);
    expect(r.classes).toEqual({
      splits: ['validation', 'test'],
      minDrop: 0.1,
      minSupport: 20,
      ignore: ['other'],
      precision: true,
      catastrophic: { minFound: 8, level: 'warn' },
      bands: {
        edges: [5, 50],
        maxDrop: { warn: { value: 0.03, relative: false }, fail: { value: 0.2, relative: true } },
      },
    });
    expect(r.fdr).toEqual({ level: 0.1, method: 'by' });
    expect(r.bootstrap).toEqual({ resamples: 2000, seed: 7, confidence: 0.9 });
    expect(rulesToSettings(r)).toMatchObject({
      headline: { 'max-drop': { f1_macro: { fail: '5%' } } },
      classes: { 'min-drop': 10, bands: { edges: [5, 50], 'max-drop': { warn: 3, fail: '20%' } } },
    });
  });

  it('the gaps follow the headline metrics unless gaps.metrics names its own (as docs/rules.md says)', () => {
    expect(parseRules({ headline: ['f1_macro'] }, 'x', 'multiclass').gaps.metrics).toEqual(['f1_macro']);
    expect(parseRules({ headline: { metrics: ['accuracy', 'f1_macro'] } }, 'x', 'multiclass').gaps.metrics).toEqual([
      'accuracy',
      'f1_macro',
    ]);
    const own = parseRules({ headline: ['f1_macro'], gaps: { metrics: ['accuracy'] } }, 'x', 'multiclass');
    expect(own.gaps.metrics).toEqual(['accuracy']);
    expect(parseRules({ gaps: { metrics: [] } }, 'x', 'multiclass').gaps.metrics).toEqual([]);
  });

  it('support bands: defaults, a fail limit alone, off', () => {
    expect(defaultRules('multilabel').classes.bands).toEqual({
      edges: [10, 100, 1000],
      maxDrop: { warn: { value: 0.02, relative: false }, fail: { value: 0.05, relative: false } },
    });
    const failOnly = parseRules({ classes: { bands: { 'max-drop': 8 } } }, 'x', 'multiclass').classes.bands;
    expect(failOnly).toEqual({
      edges: [10, 100, 1000],
      maxDrop: { warn: { value: 0.02, relative: false }, fail: { value: 0.08, relative: false } },
    });
    expect(parseRules({ classes: { bands: { edges: '20, 200' } } }, 'x', 'multiclass').classes.bands?.edges).toEqual([
      20, 200,
    ]);
    for (const off of ['off', false, null])
      expect(parseRules({ classes: { bands: off } }, 'x', 'multiclass').classes.bands).toBeNull();
    expect(rulesToSettings(parseRules({ classes: { bands: 'off' } }, 'x', 'multiclass'))).toMatchObject({
      classes: { bands: 'off' },
    });
  });

  it('support bands: a bad key, edge or limit is named with what was expected', () => {
    expect(err({ classes: { bands: { edge: [10] } } })).toBe(
      ".modelgate.yml: classes.bands.edge: unknown key 'edge'; expected one of edges, max-drop",
    );
    expect(err({ classes: { bands: { edges: [10, 100, 50] } } })).toBe(
      '.modelgate.yml: classes.bands.edges[2]: edges must increase: 50 does not come after 100 (e.g. [10, 100, 1000])',
    );
    expect(err({ classes: { bands: { edges: [0, 10] } } })).toMatch(
      /^\.modelgate\.yml: classes\.bands\.edges\[0\]: expected an integer from 1 to/,
    );
    expect(err({ classes: { bands: { edges: [] } } })).toMatch(/classes\.bands\.edges: expected 1 to 12 support edges/);
    expect(err({ classes: { bands: { 'max-drop': { fail: 'big' } } } })).toMatch(
      /classes\.bands\.max-drop\.fail: expected points/,
    );
    expect(err({ classes: { bands: 5 } })).toMatch(/classes\.bands: expected a mapping with keys edges, max-drop/);
  });

  it('shorthands: a bare headline list, fdr as a number, catastrophic as a number or off', () => {
    const r = parseRules({ headline: ['recall_macro'], fdr: '0.01', classes: { catastrophic: 3 } }, 'x', 'multiclass');
    expect(r.headline.metrics).toEqual(['recall_macro']);
    expect(r.fdr.level).toBe(0.01);
    expect(r.classes.catastrophic).toEqual({ minFound: 3, level: 'fail' });
    expect(parseRules({ classes: { catastrophic: 'off' } }, 'x', 'multiclass').classes.catastrophic.level).toBe('off');
    expect(parseRules({ classes: { catastrophic: 0 } }, 'x', 'multiclass').classes.catastrophic.level).toBe('off');
    const bare = parseRules({ headline: { 'max-drop': '3%' }, gaps: { 'max-increase': 4 } }, 'x', 'multiclass');
    expect(headlineThreshold(bare, 'test', 'accuracy')).toEqual({
      warn: { value: 0.01, relative: false },
      fail: { value: 0.03, relative: true },
    });
    expect(gapThreshold(bare, 'train-validation', 'accuracy').fail).toEqual({ value: 0.04, relative: false });
  });

  it('names the origin, the key and what was expected', () => {
    expect(err({ headline: ['accuracy', 'f1_macro', 'recal_macro'] })).toMatch(
      /^\.modelgate\.yml: headline\[2\]: unknown metric 'recal_macro' for a multiclass report; expected one of accuracy, precision_micro/,
    );
    expect(err({ headline: { metrics: ['accuracy'] } }, 'multilabel')).toMatch(
      /headline\.metrics\[0\]: unknown metric 'accuracy' for a multilabel report/,
    );
    expect(err({ headlines: [] })).toBe(
      ".modelgate.yml: headlines: unknown key 'headlines'; expected one of headline, gaps, classes, fdr, bootstrap, leakage",
    );
    expect(err({ classes: { 'min-drop': -1 } })).toMatch(
      /^\.modelgate\.yml: classes\.min-drop: expected a number from 0 to 100, got -1$/,
    );
    expect(err({ fdr: { method: 'holm' } })).toMatch(/fdr\.method: expected bh or by, got 'holm'/);
    expect(err({ fdr: 0.9 })).toMatch(/^\.modelgate\.yml: fdr: expected a number from 0.000001 to 0.5/);
    expect(err({ headline: { 'max-drop': { accuracy: { warn: 'lots' } } } })).toMatch(
      /headline\.max-drop\.accuracy\.warn: expected points/,
    );
    expect(err({ headline: { 'max-drop': { 'test.acc': 1 } } })).toMatch(
      /headline\.max-drop\.test\.acc: unknown metric 'acc'/,
    );
    expect(err({ gaps: { 'max-increase': { 'train-test': 1 } } })).toMatch(
      /gaps\.max-increase\.train-test: unknown gap or metric/,
    );
    expect(err({ bootstrap: { resamples: 1.5 } })).toMatch(/bootstrap\.resamples: expected an integer/);
    expect(err({ classes: { precision: 'yes' } })).toMatch(/classes\.precision: expected true or false, got 'yes'/);
    expect(err([1, 2])).toMatch(/^\.modelgate\.yml: expected a mapping with keys headline, gaps/);
  });
});
