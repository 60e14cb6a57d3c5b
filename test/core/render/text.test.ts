import { renderText } from '../../../src/core/render/index.js';
import { bigComparison, longLabel, multiclassFail, noBaseline, structuralChanges } from '../../helpers/comparisons.js';

describe('renderText', () => {
  const text = renderText(multiclassFail());
  const lines = text.split('\n');

  it('starts with the verdict and reasons in ASCII', () => {
    expect(lines[0]).toBe(
      'modelgate: FAIL - test recall_macro fell 4.1 pts [-6.0, -2.2]; 3 classes regressed (horse no longer found)',
    );
  });

  it('has no Markdown or HTML', () => {
    expect(text).not.toMatch(/\*\*|<\/?[a-z]+>|&#|\||\u2212/);
  });

  it('aligns the headline table, numbers right-aligned', () => {
    const row = lines.find((l) => l.startsWith('test ') && l.includes('recall_macro'))!;
    expect(row).toMatch(/^test\s+recall_macro\s+72\.4%\s+68\.3%\s+-4\.1 pts \[-6\.0, -2\.2\]\s+FAIL$/);
    const header = lines.find((l) => l.startsWith('split'))!;
    const train = lines.find((l) => l.startsWith('train'))!;
    // right-aligned: the change column ends at the same place on every row
    expect(train.length).toBe(header.length);
    expect(train.endsWith('+3.1 pts')).toBe(true);
  });

  it('explains the gap and lists regressions, worst first', () => {
    expect(text).toContain(
      'train-validation gap widened (accuracy): the model fits train better and generalizes worse.',
    );
    const reg = lines.filter((l) => l.startsWith('  FAIL '));
    expect(reg.map((l) => l.split(':')[0].trim())).toEqual(['FAIL horse', 'FAIL cat', 'FAIL bird']);
    expect(reg[1]).toBe('  FAIL cat: found 41/52 -> 30/52 (-21.2 pts, q = 0.0031)');
  });

  it('warns about different examples and lists structural changes', () => {
    const t = renderText(structuralChanges());
    expect(t).toContain('WARNING: base and head were not evaluated on the same examples (test)');
    expect(t).toContain('Classes added (1): wolf');
    expect(t).toContain('Classes removed (1): fox');
    expect(t).toContain('Splits not compared: only in head: train; only in base: holdout');
    expect(t).toContain('  FAIL test: model outputs one class (dog) for 97% of test examples (collapsed)');
  });

  it('tells how to get a baseline when there is none', () => {
    const t = renderText(noBaseline());
    expect(t.split('\n')[0]).toBe('modelgate: NO BASELINE - no baseline report for the base branch');
    expect(t).toContain('--out reports/main.json');
    expect(t).toContain('baseline-ref-path');
  });

  it('stays compact with 5,000 long class names', () => {
    const t = renderText(bigComparison(5000, longLabel));
    expect(t.split('\n').length).toBeLessThan(80);
    expect(t).toMatch(/\.\.\. [\d,]+ more in the report/);
    expect(Math.max(...t.split('\n').map((l) => l.length))).toBeLessThan(400);
  });
});
