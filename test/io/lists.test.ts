// Class lists and per-class thresholds.
import { spawn, spawnSync } from 'node:child_process';
import { ClassIndex } from '../../src/core/classes.js';
import { readClassList } from '../../src/io/class-list.js';
import { openPredictions } from '../../src/io/predictions.js';
import { readSmallFile } from '../../src/io/source.js';
import { readThresholds } from '../../src/io/thresholds.js';
import { expectInputError, tempDir } from './tmp.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('readClassList', () => {
  it('reads one name per line (CRLF, BOM, trailing empty line) keeping spaces and odd characters', async () => {
    const p = tmp.write('c.txt', '\uFEFFcat\r\n a,b \r\n<img src=x>\r\nZürich ✓\r\n');
    expect(await readClassList(p)).toEqual(['cat', ' a,b ', '<img src=x>', 'Zürich ✓']);
  });

  it('reads a JSON array', async () => {
    expect(await readClassList(tmp.write('c.json', ' ["b", "a"]\n'))).toEqual(['b', 'a']);
  });

  it('names the line of a duplicate, an empty line, and bad JSON entries', async () => {
    await expectInputError(
      readClassList(tmp.write('d.txt', 'a\nb\na\n')),
      'd.txt:line 3: repeats class "a" (first on line 1)',
    );
    await expectInputError(readClassList(tmp.write('e.txt', 'a\n\nb\n')), 'e.txt:line 2: is empty');
    await expectInputError(
      readClassList(tmp.write('f.json', '["a", 3]')),
      'f.json:entry 1: is 3; expected a non-empty string',
    );
    await expectInputError(readClassList(tmp.write('g.json', '["a", "a"]')), 'g.json:entry 1: repeats class "a"');
    await expectInputError(readClassList(tmp.write('h.json', '["a"')), 'h.json: invalid JSON');
    await expectInputError(
      readClassList(tmp.write('l.json', '["a", "\\u2060\\u00ad"]')),
      'l.json:entry 1: "\u2060\u00ad" has no visible character',
    );
    await expectInputError(
      readClassList(tmp.write('k.json', '{"a": 0, "b": 1}')),
      'k.json: holds a JSON object; expected a JSON array of class names',
    );
    await expectInputError(
      readClassList(tmp.write('i.json', '["a\\nb", "c"]')),
      'i.json:entry 0: "a\\nb" contains the control character U+000A',
    );
    await expectInputError(
      readClassList(tmp.write('j.txt', 'a\u001fb\nc\n')),
      'j.txt:line 1: "a\\u001fb" contains the control character U+001F',
    );
    await expectInputError(readClassList(tmp.path('missing.txt')), 'missing.txt: class list not found');
    await expectInputError(readClassList(tmp.write('empty.txt', '')), 'empty.txt: class list is empty');
  });
});

/** A named pipe at `name` that a child process writes `text` into (as `<(printf ...)` would); no writer without text. */
function fifo(name: string, text?: string): string {
  const path = tmp.path(name);
  if (spawnSync('mkfifo', [path]).status !== 0) throw new Error('mkfifo failed');
  if (text !== undefined) spawn('sh', ['-c', 'printf "%s" "$1" > "$2"', 'sh', text, path], { stdio: 'ignore' });
  return path;
}

describe('class lists and thresholds from a pipe (--classes <(...))', () => {
  it('reads them as from a file, and an empty pipe is empty, not a missing file', async () => {
    expect(await readClassList(fifo('classes.fifo', 'cat\ndog\n'))).toEqual(['cat', 'dog']);
    expect(await readThresholds(fifo('t.fifo', '{"cat": 0.3}'))).toEqual({ cat: 0.3 });
    await expectInputError(readClassList(fifo('empty.fifo', '')), 'empty.fifo: class list is empty (0 bytes)');
  });

  it('stops reading past the bound: a device that never ends is refused, not read into memory', async () => {
    await expectInputError(readSmallFile('/dev/zero', 'class list', 1 << 20), 'class list is larger than 1 MB');
    await expectInputError(
      readSmallFile(tmp.write('big.txt', 'x'.repeat(2 << 20)), 'class list', 1 << 20),
      'larger than 1 MB',
    );
  });

  it('predictions from a pipe are refused by name: they are read by size (and an .npz from its end)', async () => {
    await expectInputError(
      openPredictions(fifo('p.csv'), { classes: new ClassIndex() }),
      'p.csv: expected a file, found a pipe; write it to a file first',
    );
  });
});

describe('readThresholds', () => {
  it('reads class -> threshold', async () => {
    expect(await readThresholds(tmp.write('t.json', '{"cat": 0.3, "a,b": 1, "x": 0}'))).toEqual({
      cat: 0.3,
      'a,b': 1,
      x: 0,
    });
  });

  it('rejects values outside [0, 1] and non-objects', async () => {
    await expectInputError(
      readThresholds(tmp.write('u.json', '{"cat": 1.5}')),
      'u.json:key "cat": is 1.5; expected a number from 0 to 1',
    );
    await expectInputError(readThresholds(tmp.write('v.json', '{"cat": "0.5"}')), 'expected a number from 0 to 1');
    await expectInputError(readThresholds(tmp.write('w.json', '[0.5]')), 'w.json: expected a JSON object');
    await expectInputError(readThresholds(tmp.write('x.json', '{')), 'x.json: invalid JSON');
  });
});

describe('class names that look the same (a reviewer could not tell which one regressed)', () => {
  it('a class list: a name with an invisible character, or another normalization, of an earlier one', async () => {
    await expectInputError(
      readClassList(tmp.write('zw.txt', 'cat\ndog\ncat\u200b\n')),
      'zw.txt:line 3: "cat\\u200b" looks the same as class "cat" (they differ only in invisible characters)',
    );
    await expectInputError(
      readClassList(tmp.write('nfc.json', JSON.stringify(['café', 'cafe\u0301']))),
      'nfc.json:entry 1:',
      'they differ only in Unicode normalization (this one is not in NFC)',
    );
  });

  it('names discovered in a predictions file, by line', async () => {
    await expectInputError(
      openPredictions(tmp.write('la.csv', 'label,pred\ncat,cat\ndog,cat\u2060\n'), { classes: new ClassIndex() }).then(
        async (s) => {
          for await (const _ of s.batches);
        },
      ),
      'la.csv:line 3: pred "cat\\u2060" looks the same as class "cat"',
    );
  });

  it('controls: an emoji joined by ZWJ, names differing visibly, and case are fine', async () => {
    const names = ['👩‍⚕️', '👩', 'Cat', 'cat', 'café', 'cafe'];
    expect(await readClassList(tmp.write('ok.json', JSON.stringify(names)))).toEqual(names);
  });
});

it('with a class list: a look-alike of a listed class is named as such, not as unknown', async () => {
  const classes = new ClassIndex(['cat', 'dog'], true);
  await expectInputError(
    openPredictions(tmp.write('fixed.csv', 'label,pred\ncat,cat\u200b\n'), { classes }).then(async (s) => {
      for await (const _ of s.batches);
    }),
    'fixed.csv:line 2: pred "cat\\u200b" looks the same as class "cat"',
  );
});
