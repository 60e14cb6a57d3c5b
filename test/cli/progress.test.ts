import { createProgress } from '../../src/cli/progress.js';

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
}

describe('progress line', () => {
  it('on a terminal rewrites one line at most every 200 ms with rows and rows/s, then clears it', () => {
    const { out, stream } = sink(true);
    let t = 0;
    const p = createProgress({ stream, now: () => t });
    p.update('train', 0);
    t = 100;
    p.update('train', 1000);
    expect(out).toEqual([]);
    t = 1000;
    p.update('train', 50_000);
    expect(out).toEqual(['\r\x1b[Kreading train: 50,000 rows (50,000 rows/s)']);
    p.finish();
    expect(out.at(-1)).toBe('\r\x1b[K');
  });

  it('in a log prints nothing for short inputs and one line every 5 s for long ones', () => {
    const { out, stream } = sink(false);
    let t = 0;
    const p = createProgress({ stream, now: () => t });
    p.update('test', 0);
    for (t = 500; t < 4900; t += 500) p.update('test', t * 10);
    expect(out).toEqual([]);
    for (t = 5000; t <= 12000; t += 500) p.update('test', t * 10);
    expect(out).toEqual([
      'reading test: 50,000 rows (10,000 rows/s)\n',
      'reading test: 100,000 rows (10,000 rows/s)\n',
    ]);
    p.finish();
    expect(out.length).toBe(2);
  });

  it('keeps control characters of split names out of the terminal', () => {
    const { out, stream } = sink(false);
    let t = 0;
    const p = createProgress({ stream, now: () => t });
    p.update('a\x1b[2Jb', 0);
    t = 6000;
    p.update('a\x1b[2Jb', 6);
    expect(out[0]).toBe('reading a?[2Jb: 6 rows (1 rows/s)\n');
  });
});
