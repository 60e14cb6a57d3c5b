import { renderStatus } from '../../../src/core/render/index.js';
import { baselinePushStatus } from '../../../src/core/render/status.js';
import { multiclassFail, multilabel485, noBaseline, passing } from '../../helpers/comparisons.js';

describe('renderStatus', () => {
  it('fails the status on a failing verdict, with both reasons when they fit', () => {
    expect(renderStatus(multiclassFail())).toEqual({
      state: 'failure',
      description:
        'fail: test recall_macro fell 4.1 pts [\u22126.0, \u22122.2]; 3 classes regressed (horse no longer found)',
    });
  });

  it('passes the status on warn, pass and no-baseline, saying which', () => {
    expect(renderStatus(multilabel485())).toEqual({
      state: 'success',
      description: 'warn: 6 labels regressed on test, 1 no longer predicted; test hamming_loss rose 0.04 pts',
    });
    expect(renderStatus(passing())).toEqual({
      state: 'success',
      description: 'pass: no significant regression on test',
    });
    expect(renderStatus(noBaseline())).toEqual({
      state: 'success',
      description: 'no baseline: no baseline report for the base branch',
    });
  });

  it('drops the second reason rather than cutting it, and cuts a long first reason at 140', () => {
    const cmp = multiclassFail();
    cmp.reasons = ['a'.repeat(100), 'b'.repeat(100)];
    expect(renderStatus(cmp).description).toBe('fail: ' + 'a'.repeat(100));
    cmp.reasons = ['🐈'.repeat(200)];
    const d = renderStatus(cmp).description;
    expect(d.length).toBeLessThanOrEqual(140);
    expect(d.endsWith('…')).toBe(true);
    expect(d).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half of a surrogate pair
  });

  it('says something useful without reasons, on one line', () => {
    const cmp = multiclassFail();
    cmp.reasons = [];
    expect(renderStatus(cmp).description).toBe('fail: regressions found');
    cmp.reasons = ['line\nbreak\r\u001b[2J'];
    expect(renderStatus(cmp).description).toBe('fail: line break \uFFFD[2J');
  });

  it('a baseline push turns a failing status into an informative one that still says why, within 140', () => {
    const failing = renderStatus(multiclassFail());
    const pushed = baselinePushStatus(failing);
    expect(pushed.state).toBe('success');
    expect(pushed.description.startsWith('not gated (baseline push); fail: test recall_macro fell')).toBe(true);
    expect(pushed.description.length).toBeLessThanOrEqual(140);
    expect(baselinePushStatus(renderStatus(passing()))).toEqual(renderStatus(passing()));
  });
});
