// Reader-level bad input: compressed/binary files, invalid UTF-8 (anywhere, also beyond the
// first chunk), blank class names, inconsistent JSONL scores, empty data files, and output
// files written all or nothing.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { ClassIndex } from '../../src/core/classes.js';
import { openFeatures } from '../../src/io/data/index.js';
import { openPredictions } from '../../src/io/predictions.js';
import { writeOutputs } from '../../src/io/output-file.js';
import { READ_BYTES, firstInvalidUtf8 } from '../../src/io/source.js';
import { collect } from './collect.js';
import { expectInputError, tempDir } from './tmp.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
const read = (path: string, classes = new ClassIndex()) => openPredictions(path, { classes }).then(collect);

describe('firstInvalidUtf8', () => {
  it.each<[string, number[]]>([
    ['ASCII', [0x61, 0x62]],
    ['2-byte', [0xc3, 0xa9]],
    ['3-byte', [0xe2, 0x82, 0xac]],
    ['4-byte', [0xf0, 0x9f, 0x98, 0x80]],
    ['overlong 2-byte', [0x61, 0xc0, 0xaf]],
    ['overlong 3-byte', [0xe0, 0x80, 0xaf]],
    ['surrogate', [0x61, 0x61, 0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['lone continuation', [0x61, 0x80]],
    ['cut short', [0x61, 0x62, 0xe2, 0x82]],
    ['latin-1', [0x63, 0x61, 0x66, 0xe9]],
  ])('%s agrees with a fatal TextDecoder', (_name, bytes) => {
    const buf = Uint8Array.from(bytes);
    const bad = firstInvalidUtf8(buf);
    let valid = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      valid = false;
    }
    expect(bad < 0).toBe(valid);
    // the bytes before the reported offset decode cleanly
    if (bad >= 0) expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, bad))).not.toThrow();
  });
});

describe('text predictions files', () => {
  it('accepts a multi-byte character cut by the chunk boundary', async () => {
    const head = 'label,pred,note\n';
    const row = 'a,a,x\n';
    // "€" (3 bytes) starts 1 byte before the end of the first chunk
    const filler = Math.floor((READ_BYTES - head.length - 1) / row.length);
    let text = head + row.repeat(filler);
    text += 'b,b,' + 'y'.repeat(READ_BYTES - Buffer.byteLength(text) - 5) + '€\n';
    expect(Buffer.byteLength(text.slice(0, text.indexOf('€')))).toBe(READ_BYTES - 1);
    const got = await read(tmp.write('euro.csv', text));
    expect(got.truth).toHaveLength(filler + 1);
  });

  it('names the line of an invalid byte beyond the first chunk', async () => {
    const rows = Math.ceil(READ_BYTES / 4) + 10; // "a,a\n" is 4 bytes: past the first chunk
    const body = Buffer.from('label,pred\n' + 'a,a\n'.repeat(rows));
    const bad = Buffer.concat([body, Buffer.from([0x62, 0xff, 0x2c, 0x62, 0x0a])]);
    await expectInputError(read(tmp.write('late.csv', bad)), `late.csv:line ${rows + 2}:`, 'not valid UTF-8');
  });

  it('refuses gzip, zip and NUL-holding files by their first bytes', async () => {
    await expectInputError(read(tmp.write('g.csv', gzipSync(Buffer.from('label,pred\n')))), 'gzip-compressed');
    await expectInputError(
      read(tmp.write('z.jsonl', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))),
      'a zip archive',
      'expected a JSON lines file',
    );
    await expectInputError(read(tmp.write('n.csv', 'label,pred\na,\0\n')), 'n.csv:line 2:', 'NUL byte');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('label,pred\na,a\n', 'utf16le')]);
    await expectInputError(read(tmp.write('w.csv', utf16)), 'w.csv: is UTF-16 text');
  });

  it('refuses blank class names in score columns and in rows', async () => {
    await expectInputError(read(tmp.write('s.csv', 'label,score:\t,score:a\na,1,2\n')), 'line 1', 'names no class');
    await expectInputError(
      read(tmp.write('l.jsonl', '{"label":"a","pred":"a"}\n{"label":" ","pred":"a"}\n')),
      'line 2',
      'blank',
    );
    // a fixed class list that holds the name is the user's explicit choice: no check there
    const fixed = new ClassIndex(['a'], true);
    await expectInputError(read(tmp.write('u.csv', 'label,pred\n ,a\n'), fixed), 'line 2', 'not a known class');
  });

  it('holds every JSONL row to the classes of the first "scores" object', async () => {
    const classes = new ClassIndex();
    const text = '{"label":"b","scores":{"a":0.1,"b":0.9}}\n{"label":"a","scores":{"b":0.2,"a":0.8}}\n';
    const ok = await read(tmp.write('ok.jsonl', text), classes);
    expect(ok.pred.map((i) => classes.names[i as number])).toEqual(['b', 'a']);
    await expectInputError(
      read(tmp.write('x.jsonl', '{"label":"a","scores":{"a":0.1}}\n{"label":"a","scores":{"a":0.1,"b":0.9}}\n')),
      'x.jsonl:line 2:',
      'has class "b"',
    );
  });
});

describe('data readers', () => {
  it('refuses a CSV with a header but no rows', async () => {
    const s = await openFeatures(tmp.write('h.csv', 'f1,f2,label\n'), { classes: new ClassIndex() });
    await expectInputError(
      (async () => {
        for await (const _ of s.batches);
      })(),
      'h.csv:',
      'no data rows',
    );
  });

  it('refuses a label that is not valid UTF-8', async () => {
    const data = Buffer.concat([Buffer.from('f1,label\n1,caf'), Buffer.from([0xe9, 0x0a])]);
    // The whole chunk is checked before its first record is parsed: refused when opened.
    await expectInputError(
      (async () => {
        const s = await openFeatures(tmp.write('u.csv', data), { classes: new ClassIndex() });
        for await (const _ of s.batches);
      })(),
      'u.csv:line 2:',
      'holds bytes that are not valid UTF-8 (at byte 14); expected a UTF-8 CSV file',
    );
  });
});

describe('writeOutputs', () => {
  it('writes every file, or none when one cannot be written', async () => {
    const dir = tmp.path('outs');
    mkdirSync(`${dir}/taken`, { recursive: true });
    await expectInputError(
      writeOutputs([
        { path: `${dir}/a.json`, text: 'A' },
        { path: `${dir}/taken`, text: 'B' },
      ]),
      'taken: is a directory',
    );
    expect(existsSync(`${dir}/a.json`)).toBe(false);
    await writeOutputs([
      { path: `${dir}/a.json`, text: 'A' },
      { path: `${dir}/sub/b.md`, text: 'B' },
    ]);
    expect(readFileSync(`${dir}/a.json`, 'utf8')).toBe('A');
    expect(readFileSync(`${dir}/sub/b.md`, 'utf8')).toBe('B');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'sub', 'taken']); // no temporary files left
  });
});
