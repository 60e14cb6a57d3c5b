import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassIndex } from '../../src/core/classes.js';
import { UsageError } from '../../src/core/errors.js';
import { DeflatedData } from '../../src/core/report/deflated-data.js';
import { formatReport, readReport, reportPieces, writeReport } from '../../src/io/report-file.js';
import { InputError } from '../../src/io/types.js';
import type { Report } from '../../src/core/report/types.js';
import { NAMES, randomNamedSplit, reportOf } from '../core/report/helpers.js';

const report = reportOf('multiclass', new ClassIndex(NAMES, true), {
  test: randomNamedSplit('multiclass', 50, NAMES, 4),
});
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mg-report-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function readError(path: string): Promise<Error> {
  try {
    await readReport(path);
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected readReport to fail');
}

describe('report files', () => {
  it('round-trips through a new directory, atomically, numbers of an array on one line', async () => {
    const path = join(dir, 'deep', 'er', 'report.json');
    await writeReport(path, report);
    // As a file holds it: predictions built here go out as their base64.
    const written = JSON.parse(JSON.stringify(report));
    expect(written.splits.test.predictions.data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await readReport(path)).toEqual(written);
    expect(readdirSync(join(dir, 'deep', 'er'))).toEqual(['report.json']); // no temp file left
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toEqual(written);
    expect(text).toContain(`"support": ${JSON.stringify(report.splits.test.perClass.support)}`);
    await writeReport(path, { ...report, commit: 'second' });
    expect((await readReport(path)).commit).toBe('second');
  });

  it('writes megabytes of per-example data in slices, the same text as one string', async () => {
    // The formatter before reports were written in pieces: the oracle for the layout.
    const earlier = (v: unknown, indent: string): string => {
      if (Array.isArray(v)) {
        if (v.length === 0) return '[]';
        if (
          v.every(
            (x) => x === null || typeof x !== 'object' || (Array.isArray(x) && x.every((y) => typeof y !== 'object')),
          )
        )
          return JSON.stringify(v);
        const inner = indent + '  ';
        return `[\n${v.map((x) => inner + earlier(x, inner)).join(',\n')}\n${indent}]`;
      }
      if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v).filter(([, x]) => x !== undefined);
        if (entries.length === 0) return '{}';
        const inner = indent + '  ';
        return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${earlier(x, inner)}`).join(',\n')}\n${indent}}`;
      }
      return JSON.stringify(v);
    };
    const big: Report = structuredClone(report);
    big.splits.test.predictions!.data = Buffer.alloc(2_500_000, 7).toString('base64');
    big.source = 'a "quoted"\n\u2028 source '.repeat(60_000); // over a slice, and escaped
    const pieces = [...reportPieces(big)];
    expect(pieces.length).toBeGreaterThan(3);
    // The base64 data goes out in slices; a string that needs escaping goes through JSON.stringify.
    const data = big.splits.test.predictions!.data;
    expect(pieces.every((p) => p.length < data.length)).toBe(true);
    const text = earlier(big, '') + '\n';
    expect(pieces.join('')).toBe(text);
    expect(formatReport(big)).toBe(text);
    const path = join(dir, 'big.json');
    await writeReport(path, big);
    expect(readFileSync(path, 'utf8') === text).toBe(true);

    // Built in this process: the deflated pieces (odd sizes, 3 MB) go out as the base64 of the whole.
    const parts = [1, 2, 1_000_001, 3, 2_000_000].map((n, k) => Buffer.alloc(n, k + 1));
    big.splits.test.predictions!.data = new DeflatedData(parts);
    const sliced = [...reportPieces(big)];
    expect(sliced.length).toBeGreaterThan(4);
    big.splits.test.predictions!.data = Buffer.concat(parts).toString('base64');
    const whole = earlier(big, '') + '\n';
    expect(sliced.join('') === whole).toBe(true);
    big.splits.test.predictions!.data = new DeflatedData(parts);
    await writeReport(path, big);
    expect(readFileSync(path, 'utf8') === whole).toBe(true);
  });

  it('names a missing file', async () => {
    const e = await readError(join(dir, 'nope.json'));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe(
      `${join(dir, 'nope.json')}: no such file (expected a modelgate report written by \`modelgate evaluate\`)`,
    );
  });

  it('says a cut-short file is truncated, with the line and column', async () => {
    const path = join(dir, 'cut.json');
    await writeReport(path, report);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const e = await readError(path);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: the JSON ends early: the file is truncated`,
      ),
    );
  });

  it('points at the position of invalid JSON without echoing the file', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{\n  "schema": "modelgate/report@1",,\n}');
    const e = await readError(path);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/bad\.json:2:\d+: not valid JSON \(/);
    writeFileSync(path, '');
    expect((await readError(path)).message).toMatch(/bad\.json: is empty/);
  });

  it('passes schema problems on as one-line usage errors', async () => {
    const path = join(dir, 'old.json');
    writeFileSync(path, JSON.stringify({ ...report, schema: 'modelgate/report@0' }));
    const e = await readError(path);
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toBe(
      `${path}: not a modelgate report: schema is "modelgate/report@0", expected 'modelgate/report@3'`,
    );
  });
});
