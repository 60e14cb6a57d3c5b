// Bad input through the real CLI, as a user meets it: every case must exit 2 with one line that
// names the file, the place and what was expected, print no stack trace, and leave no output
// file (not even a temporary one) behind.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { gzipSync, zipSync } from 'fflate';
import { bundleEntry } from '../helpers/bundle.js';

let dir: string;
let cli: string;
const at = (name: string) => join(dir, name);

/** A little-endian .npy file (format 1.0) of `dtype` with `shape`. */
function npy(dtype: '<i8' | '<f8', shape: number[], values: number[]): Uint8Array {
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const body = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => (dtype === '<i8' ? body.writeBigInt64LE(BigInt(v), i * 8) : body.writeDoubleLE(v, i * 8)));
  const pre = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), body]);
}

const REPORT_OK = 'ok.json';
const GOOD = 'label,pred\na,a\nb,a\nb,b\n';
let okText: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mg-robust-'));
  cli = at('cli.mjs');
  await bundleEntry('src/cli/main.ts', cli);
  const w = (name: string, data: string | Uint8Array) => writeFileSync(at(name), data);
  w('good.csv', GOOD);
  w('gzip.csv', gzipSync(Buffer.from('label,pred\na,a\n')));
  w('binary.csv', Buffer.from([0x6c, 0x61, 0x00, 0x01, 0xff, 0x0a, 0x41]));
  w('latin1.csv', Buffer.concat([Buffer.from('label,pred\na,a\ncaf'), Buffer.from([0xe9]), Buffer.from(',a\n')]));
  w(
    'latin1.jsonl',
    Buffer.concat([Buffer.from('{"label":"a","pred":"a"}\n{"label":"caf'), Buffer.from([0xe9, 0x22, 0x7d])]),
  );
  w('score-empty.csv', 'label,score:,score:cat\ncat,0.1,0.9\n');
  w('score-blank.csv', 'label,score: ,score:cat\ncat,0.1,0.9\n');
  w('label-blank.csv', 'label,pred\na,a\n  ,a\n');
  w(
    'scores-extra.jsonl',
    '{"label":"a","scores":{"a":0.1,"b":0.9}}\n{"label":"a","scores":{"a":0.1,"b":0.2,"c":0.7}}\n',
  );
  w('scores-missing.jsonl', '{"label":"a","scores":{"a":0.1,"b":0.9}}\n{"label":"b","scores":{"a":0.8}}\n');
  w('trailing-comma.jsonl', '{"label":"a","pred":"a",}\n');
  w('neg-preds.npz', zipSync({ 'labels.npy': npy('<i8', [2], [0, 1]), 'preds.npy': npy('<i8', [2], [0, -5]) }));
  w('classes-blank.txt', 'a\n   \nb\n');
  w('future.json', JSON.stringify({ schema: 'modelgate/report@4', splits: {} }));
  mkdirSync(at('outdir'));
  // A valid report, then the same with NaN as null / as a bare NaN (Python's json.dump).
  const p = run('evaluate', '--split', `test=${at('good.csv')}`, '--out', at(REPORT_OK));
  expect(p.status).toBe(0);
  const text = (okText = readFileSync(at(REPORT_OK), 'utf8'));
  const nulled = JSON.parse(text);
  nulled.splits.test.metrics.f1_macro = null;
  w('null.json', JSON.stringify(nulled, null, 2));
  const bare = text.replace(/"f1_macro": [^,\n]+/, '"f1_macro": NaN');
  expect(bare).not.toBe(text);
  w('bare-nan.json', bare);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, MODELGATE_DEBUG: '' },
  });
}

const evaluate = (split: string, ...more: string[]) => [
  'evaluate',
  '--split',
  `test=${split}`,
  '--out',
  'out/r.json',
  ...more,
];

describe('bad input: exit 2, one line, no stack trace, no output file', () => {
  it.each<[string, string[], RegExp]>([
    ['gzip named .csv', evaluate('gzip.csv'), /^error: gzip\.csv: is gzip-compressed.*expected a CSV file$/],
    ['binary file', evaluate('binary.csv'), /^error: binary\.csv:line 1: holds a NUL byte.*expected a CSV file$/],
    [
      'invalid UTF-8 in CSV',
      evaluate('latin1.csv'),
      /^error: latin1\.csv:line 3: .*not valid UTF-8.*expected a UTF-8 CSV/,
    ],
    [
      'invalid UTF-8 in JSONL',
      evaluate('latin1.jsonl'),
      /^error: latin1\.jsonl:line 2: .*not valid UTF-8.*expected a UTF-8 JSON lines/,
    ],
    [
      'score: without a class',
      evaluate('score-empty.csv'),
      /^error: score-empty\.csv:line 1: column "score:" names no class/,
    ],
    [
      'score: blank class',
      evaluate('score-blank.csv'),
      /^error: score-blank\.csv:line 1: column "score: " names no class/,
    ],
    [
      'blank label',
      evaluate('label-blank.csv'),
      /^error: label-blank\.csv:line 3: label " {2}" is blank; expected a class/,
    ],
    [
      'JSONL scores with an extra class',
      evaluate('scores-extra.jsonl'),
      /^error: scores-extra\.jsonl:line 2: "scores" has class "c", which line 1 does not score; expected the same classes/,
    ],
    [
      'JSONL scores missing a class',
      evaluate('scores-missing.jsonl'),
      /^error: scores-missing\.jsonl:line 2: "scores" lacks class "b" \(scored on line 1\); expected the same classes/,
    ],
    [
      'JSONL trailing comma',
      evaluate('trailing-comma.jsonl'),
      /^error: trailing-comma\.jsonl:line 1: invalid JSON \(.* at column 25\); expected one JSON object per line$/,
    ],
    [
      'negative int preds',
      evaluate('neg-preds.npz'),
      /^error: neg-preds\.npz:array preds: row 1 holds -5; expected a class index \(an integer from 0\)$/,
    ],
    [
      '--classes with a blank line',
      evaluate('good.csv', '--classes', 'classes-blank.txt'),
      /^error: classes-blank\.txt:line 2: /,
    ],
    [
      '--threshold 0x1',
      evaluate('good.csv', '--threshold', '0x1'),
      /^error: evaluate: --threshold is "0x1"; expected a number/,
    ],
    [
      'split named __proto__ (would vanish from the report)',
      ['evaluate', '--split', '__proto__=good.csv', '--out', 'out/r.json'],
      /^error: split name "__proto__" is reserved/,
    ],
    [
      '--out is an input',
      ['evaluate', '--split', 'test=good.csv', '--out', 'good.csv'],
      /^error: good\.csv: is also an input \(good\.csv\); expected a separate output file$/,
    ],
    [
      'merge --out is a part',
      ['merge', REPORT_OK, '--out', `./${REPORT_OK}`],
      /^error: \.\/ok\.json: is also an input \(ok\.json\)/,
    ],
    [
      'compare --json and --markdown the same file',
      ['compare', '--head', REPORT_OK, '--json', 'out/c.txt', '--markdown', 'out/../out/c.txt'],
      /^error: out\/\.\.\/out\/c\.txt: is named for two outputs/,
    ],
    [
      '--out is a directory',
      ['evaluate', '--split', 'test=good.csv', '--out', 'outdir'],
      /^error: outdir: is a directory/,
    ],
    [
      '--out under a file',
      ['evaluate', '--split', 'test=good.csv', '--out', 'good.csv/r.json'],
      /^error: good\.csv\/r\.json: cannot be written: good\.csv is a file; expected a directory/,
    ],
    ['merge --out is a directory', ['merge', REPORT_OK, '--out', 'outdir'], /^error: outdir: is a directory/],
    [
      'compare --markdown is a directory',
      ['compare', '--head', REPORT_OK, '--json', 'out/c.json', '--markdown', 'outdir'],
      /^error: outdir: is a directory/,
    ],
    [
      'report from a newer modelgate',
      ['compare', '--head', 'future.json'],
      /^error: future\.json: schema is "modelgate\/report@4": written by a newer modelgate/,
    ],
    [
      'report with NaN written as null',
      ['compare', '--head', 'null.json'],
      /^error: null\.json: \/splits\/test\/metrics\/f1_macro is null; expected a number \(a NaN/,
    ],
    [
      'report with a bare NaN',
      ['compare', '--head', 'bare-nan.json'],
      /^error: bare-nan\.json:\d+:\d+: holds NaN or Infinity, which JSON does not allow; expected a number$/,
    ],
  ])('%s', (_name, args, message) => {
    rmSync(at('out'), { recursive: true, force: true });
    mkdirSync(at('out'));
    const p = run(...args);
    expect(p.stdout).toBe('');
    expect(p.stderr.trimEnd()).toMatch(message);
    expect(p.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(p.status).toBe(2);
    expect(readdirSync(at('out'))).toEqual([]);
    expect(readdirSync(at('outdir'))).toEqual([]);
    expect(readFileSync(at('good.csv'), 'utf8')).toBe(GOOD);
    expect(readFileSync(at(REPORT_OK), 'utf8')).toBe(okText);
  });

  it('no command: usage on stderr, exit 2, nothing on stdout', () => {
    const p = run();
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr).toMatch(/^usage: modelgate <command>/);
  });

  it('--help: usage on stdout, exit 0', () => {
    const p = run('--help');
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/^usage: modelgate <command>/);
  });
});

// Issue 13, items 4-7: outputs never destroy an input or a special file, tiny files cannot claim
// unbounded work, and model files cannot be links out of the model folder.
describe('outputs, special files, claimed sizes and links', () => {
  const labels = () => npy('<i8', [3], [0, 1, 1]);
  const scores = () => npy('<f8', [3, 2], [0.9, 0.1, 0.2, 0.8, 0.6, 0.4]);
  beforeAll(() => {
    mkdirSync(at('npdir'));
    writeFileSync(at('npdir/labels.npy'), labels());
    writeFileSync(at('npdir/scores.npy'), scores());
    symlinkSync(at('npdir'), at('npdir-link'));
    symlinkSync(at('good.csv'), at('good-alias.csv'));
    // A header claiming 50 x 10^14 float64 scores (40 PB) in a file of under 2 KB.
    mkdirSync(at('huge'));
    writeFileSync(at('huge/labels.npy'), npy('<i8', [50], Array(50).fill(0)));
    writeFileSync(at('huge/scores.npy'), npy('<f8', [50, 1e14], Array(200).fill(0.5)));
    writeFileSync(
      at('huge.npz'),
      zipSync({
        'labels.npy': npy('<i8', [50], Array(50).fill(0)),
        'scores.npy': npy('<f8', [50, 1e14], Array(200).fill(0.5)),
      }),
    );
  });

  it.each<[string, string[], RegExp]>([
    [
      '--out inside a NumPy split folder',
      ['evaluate', '--split', 'test=npdir', '--out', 'npdir/labels.npy'],
      /^error: npdir\/labels\.npy: is inside the input folder npdir; expected an output outside it$/,
    ],
    [
      '--out inside a NumPy split folder, through a link',
      ['evaluate', '--split', 'test=npdir', '--out', 'npdir-link/labels.npy'],
      /^error: npdir-link\/labels\.npy: is inside the input folder npdir; expected an output outside it$/,
    ],
    [
      '--out a new file inside the split folder (it would become part of the input)',
      ['evaluate', '--split', 'test=npdir-link', '--out', 'npdir/preds.npy'],
      /^error: npdir\/preds\.npy: is inside the input folder npdir-link/,
    ],
    [
      '--out a link to an input',
      ['evaluate', '--split', 'test=good.csv', '--out', 'good-alias.csv'],
      /^error: good-alias\.csv: is also an input \(good\.csv\)/,
    ],
    [
      'an .npy header claiming (50, 10^14) in a folder',
      evaluate('huge'),
      /^error: huge\/scores\.npy:array scores: has shape \(50, 100000000000000\), which needs \d+ bytes, but holds \d+; expected a complete array$/,
    ],
    [
      'an .npy header claiming (50, 10^14) in an .npz',
      evaluate('huge.npz'),
      /^error: huge\.npz:array scores: has shape \(50, 100000000000000\), which needs \d+ bytes, but holds \d+; expected a complete array$/,
    ],
  ])('%s: exit 2, one line, the input intact', (_name, args, message) => {
    rmSync(at('out'), { recursive: true, force: true });
    mkdirSync(at('out'));
    const started = Date.now();
    const p = run(...args);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(p.stderr.trimEnd()).toMatch(message);
    expect(p.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(p.status).toBe(2);
    expect(readdirSync(at('npdir')).sort()).toEqual(['labels.npy', 'scores.npy']);
    expect(readFileSync(at('npdir/labels.npy'))).toEqual(Buffer.from(labels()));
    expect(lstatSync(at('good-alias.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(at('good.csv'), 'utf8')).toBe(GOOD);
  });

  it('--out a FIFO: written in place, the FIFO stays a FIFO', async () => {
    const fifo = at('out.fifo');
    rmSync(fifo, { force: true });
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) {
      console.log('skipped: mkfifo is not available here');
      return;
    }
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let read = '';
    reader.stdout.on('data', (b: Buffer) => (read += b.toString()));
    const readerDone = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const cliRun = spawn(process.execPath, [cli, 'evaluate', '--split', 'test=good.csv', '--out', fifo], { cwd: dir });
    const code = await new Promise<number | null>((resolve) => cliRun.on('close', resolve));
    // Today's rename replaced the FIFO with a plain file: the reader would wait forever.
    const timer = setTimeout(() => reader.kill(), 3000);
    await readerDone;
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(read).schema).toBe('modelgate/report@3');
  });

  it('--out /dev/stdout: the report on stdout, /dev/stdout untouched', () => {
    const before = lstatSync('/dev/stdout');
    const p = run('evaluate', '--split', 'test=good.csv', '--out', '/dev/stdout');
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('"schema": "modelgate/report@3"');
    const after = lstatSync('/dev/stdout');
    expect([after.isSymbolicLink(), after.ino]).toEqual([before.isSymbolicLink(), before.ino]);
  });

  it('--out /dev/full: one line naming the full device, exit 2, the device stays a device', () => {
    const st = statSync('/dev/full', { throwIfNoEntry: false });
    if (!st?.isCharacterDevice()) {
      console.log('skipped: /dev/full is not a character device here');
      return;
    }
    const p = run('evaluate', '--split', 'test=good.csv', '--out', '/dev/full');
    expect(p.stderr.trimEnd()).toBe(
      'error: /dev/full: cannot be written (no space left on device); expected a writable file path',
    );
    expect(p.status).toBe(2);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('demo --out inside the example it reads is refused before any work', () => {
    const p = run('demo', '--examples', EXAMPLES, '--out', join(EXAMPLES, 'models', 'base'));
    expect(p.stderr.trimEnd()).toMatch(
      /^error: .*models\/base\/base-report\.json: is inside the input folder .*models\/base; expected an output outside it$/,
    );
    expect(p.status).toBe(2);
    expect(readdirSync(join(EXAMPLES, 'models', 'base')).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
  });

  it('a weights file that is a link out of the model folder is refused', () => {
    const copy = at('digits');
    cpSync(EXAMPLES, copy, { recursive: true });
    const shard = join(copy, 'models', 'base', 'group1-shard1of1.bin');
    renameSync(shard, at('outside.bin'));
    symlinkSync(at('outside.bin'), shard);
    const p = run('demo', '--examples', copy, '--out', at('demo-out'), '--backend', 'cpu');
    const lines = p.stderr.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe(
      `error: ${join(copy, 'models', 'base', 'model.json')}: weight file "group1-shard1of1.bin" resolves to a file outside the model directory (a link?); expected a file inside it`,
    );
    expect(p.stderr).not.toMatch(/\n\s+at /);
    expect(p.status).toBe(2);
  });

  it('an image claiming 32768 x 32768 pixels in a few bytes is refused before decoding', async () => {
    const images = at('images');
    mkdirSync(join(images, 'cat'), { recursive: true });
    writeFileSync(join(images, 'cat', 'huge.png'), png(32768, 32768));
    const { readImageFolder } = await import('../../src/io/data/images.js');
    const { ClassIndex } = await import('../../src/core/classes.js');
    const started = Date.now();
    const stream = readImageFolder(images, { classes: new ClassIndex() });
    await expect(stream).rejects.toThrow(
      `${join(images, 'cat', 'huge.png')}: image is 32768x32768 (1073741824 pixels); expected at most 67108864 pixels (8192x8192): resize it first`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

const EXAMPLES = join(process.cwd(), 'examples', 'digits');

/** A valid PNG header (8-bit grayscale) of the given size with a tiny image stream. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Data and verdict integrity (issue 13): what would let a report or a rule change the verdict
// without anyone noticing is refused, in one line, with exit 2.
describe('integrity: a hand-edited report or a misnamed rule cannot change the verdict', () => {
  /** n examples of classes a, b, c; the first `wrong` are predicted as the next class. */
  const csv = (n: number, wrong: number) => {
    const names = ['a', 'b', 'c'];
    const rows = Array.from({ length: n }, (_, i) => {
      const t = i % 3;
      return `${names[t]},${names[i < wrong ? (t + 1) % 3 : t]}`;
    });
    return `label,pred\n${rows.join('\n')}\n`;
  };

  beforeAll(() => {
    mkdirSync(at('integrity'), { recursive: true });
    writeFileSync(at('integrity/base.csv'), csv(300, 10));
    writeFileSync(at('integrity/head.csv'), csv(300, 60));
    for (const side of ['base', 'head'])
      expect(run('evaluate', '--split', `test=integrity/${side}.csv`, '--out', `integrity/${side}.json`).status).toBe(
        0,
      );
    for (const side of ['base', 'head'])
      expect(
        run(
          'evaluate',
          '--split',
          `test=integrity/${side}.csv`,
          '--no-predictions',
          '--out',
          `integrity/${side}-bare.json`,
        ).status,
      ).toBe(0);
  });

  const compare = (base: string, head: string, ...more: string[]) =>
    run('compare', '--base', `integrity/${base}`, '--head', `integrity/${head}`, ...more);
  const oneLine = (p: ReturnType<typeof run>, message: RegExp) => {
    expect(p.stdout).toBe('');
    expect(p.stderr.trimEnd()).toMatch(message);
    expect(p.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(p.status).toBe(2);
  };

  it.each(['head.json', 'head-bare.json'])(
    'a fail whose %s metrics were edited to the base values is refused',
    (head) => {
      const base = head.replace('head', 'base');
      expect(compare(base, head).status).toBe(1); // the control: an honest fail
      const edited = JSON.parse(readFileSync(at(`integrity/${head}`), 'utf8'));
      edited.splits.test.metrics = JSON.parse(readFileSync(at(`integrity/${base}`), 'utf8')).splits.test.metrics;
      writeFileSync(at('integrity/edited.json'), JSON.stringify(edited, null, 2));
      oneLine(
        compare(base, 'edited.json'),
        /^error: integrity\/edited\.json: \/splits\/test\/metrics\/accuracy is 0\.966\d* but the report's counts give 0\.8: the report was edited or damaged; re-run modelgate evaluate$/,
      );
    },
  );

  const config = (name: string, text: string) => {
    writeFileSync(at(`integrity/${name}`), text);
    return ['--config', `integrity/${name}`];
  };
  // Ten levels of nine aliases each: 9^10 nodes once expanded ("billion laughs").
  const BOMB =
    ['a: &a [x, x, x, x, x, x, x, x, x]']
      .concat([...'bcdefghij'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`))
      .join('\n') + '\n';

  it.each<[string, string, string, RegExp]>([
    [
      'a misspelt split',
      'tset.yml',
      'headline:\n  splits: [tset]\n',
      /^error: integrity\/tset\.yml: headline\.splits\[0\]: no split 'tset' in the base or head report; the splits are 'test'$/,
    ],
    [
      'a class that differs by case',
      'case.yml',
      'classes:\n  ignore: [A]\n',
      /^error: integrity\/case\.yml: classes\.ignore\[0\]: class 'A' differs only by case from the class 'a'; names are case-sensitive \(did you mean 'a'\?\)$/,
    ],
    [
      'a per-split limit on a missing split',
      'limit.yml',
      'headline:\n  max-drop:\n    validation.accuracy: 5\n',
      /^error: integrity\/limit\.yml: headline\.max-drop\.validation\.accuracy: no split 'validation' /,
    ],
    ['a YAML alias bomb', 'bomb.yml', BOMB, /^error: integrity\/bomb\.yml: not valid YAML \(Excessive alias count/],
  ])('a rules file with %s is refused before comparing', (_name, file, text, message) => {
    oneLine(compare('base.json', 'head.json', ...config(file, text)), message);
  });

  it('reads the documented fail-on-regression key as the action does', () => {
    const p = compare('base.json', 'head.json', ...config('report-only.yml', 'fail-on-regression: false\n'));
    expect(p.stderr).toBe('');
    expect(p.stdout).toMatch(/^verdict: FAIL\n/);
    expect(p.stdout).toMatch(/\nexit 0: fail-on-regression is false in integrity\/report-only\.yml\n$/);
    expect(p.status).toBe(0);
  });

  it('a multiclass base and a multi-label head: warn, and the task change is the first reason', () => {
    const ml = ['labels,preds', ...csv(300, 60).trim().split('\n').slice(1)].join('\n') + '\n';
    writeFileSync(at('integrity/multilabel.csv'), ml);
    expect(run('evaluate', '--split', 'test=integrity/multilabel.csv', '--out', 'integrity/ml.json').status).toBe(0);
    const p = compare('base.json', 'ml.json');
    expect(p.stderr).toBe('');
    expect(p.stdout).toMatch(
      /^verdict: WARN\n {2}the task changed from multiclass \(base\) to multilabel \(head\): nothing to compare/,
    );
    expect(p.status).toBe(0);
  });
});

// Issue 13's GitHub plumbing cases (items 9-14) need a fake GitHub and the built action, so they
// live beside those harnesses; the corpus names them here instead of copying them, and fails
// when one is renamed or removed, so no case drops out of the corpus unnoticed.
describe('GitHub plumbing: shared cases of the corpus', () => {
  const SHARED: [item: string, file: string, title: string][] = [
    [
      '9: a server that never answers',
      'test/github/limits.test.ts',
      'each attempt times out, the retries too, and the failure is one line',
    ],
    [
      '9: one time budget',
      'test/github/limits.test.ts',
      'all calls of a client share one time budget; past it nothing more is sent',
    ],
    [
      '9: the action bounded',
      'test/action/plumbing.test.ts',
      'a GitHub that never answers costs the time budget, not the job: warnings, exit code by verdict',
    ],
    ['9: endless rel=next', 'test/github/limits.test.ts', 'stops after the page cap with a warning'],
    [
      '9: endless rel=next, action',
      'test/action/plumbing.test.ts',
      'a comment list that never ends is read up to the page cap, then our comment is posted',
    ],
    [
      '10: summary and GITHUB_OUTPUT fail',
      'test/action/plumbing.test.ts',
      'a job summary and a GITHUB_OUTPUT that cannot be written: warnings; comment, status and exit code follow the verdict',
    ],
    [
      '10: report file fails',
      'test/action/plumbing.test.ts',
      'a report file that cannot be written: a warning, no report output, the rest goes on',
    ],
    [
      "11: another app's marker",
      'test/github/comments.test.ts',
      "another app's bot comment with our marker: its edit is refused (403), so we post our own and keep it",
    ],
    [
      "11: another app's marker, action",
      'test/action/plumbing.test.ts',
      'is left alone with a warning; we post our own, and the exit code follows the verdict',
    ],
    [
      '11: github-actions[bot] preferred',
      'test/github/comments.test.ts',
      'under the heuristic prefers github-actions[bot] over another bot',
    ],
    [
      '12: proxy and GHES',
      'test/action/plumbing.test.ts',
      'talks to GITHUB_API_URL through HTTP_PROXY, and directly for hosts in NO_PROXY',
    ],
    ['12: API version header', 'test/github/limits.test.ts', 'asks for REST API version 2022-11-28 on every request'],
    [
      '13: unexpanded token',
      'test/action/plumbing.test.ts',
      'an unexpanded ${{ github.token }} is one warning line and no GitHub call',
    ],
    [
      '13: run() export',
      'test/action/plumbing.test.ts',
      'src/action/main.ts exports run() (as @github/local-action needs): importing runs nothing, run() fails through setFailed',
    ],
    [
      '14: byte budget',
      'test/core/render/comment-bytes.test.ts',
      '%s class names: at most 65,536 bytes, so also at most 65,536 characters',
    ],
  ];
  it.each(SHARED)('item %s: %s holds the case', (_item, file, title) => {
    const source = readFileSync(join(process.cwd(), file), 'utf8');
    const quoted = [`'${title}'`, `"${title}"`, `\`${title}\``];
    expect(quoted.some((q) => source.includes(q)) ? title : `missing in ${file}`).toBe(title);
  });
});
