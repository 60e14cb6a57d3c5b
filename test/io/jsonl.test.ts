// The JSON lines reader: keys, task choice and errors.
import { ClassIndex } from '../../src/core/classes.js';
import { openPredictions } from '../../src/io/predictions.js';
import { READ_BYTES } from '../../src/io/source.js';
import type { ReadOptions } from '../../src/io/types.js';
import { collect } from './collect.js';
import { expectInputError, tempDir } from './tmp.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
let counter = 0;
const read = async (lines: string[], opts: Partial<ReadOptions> = {}) => {
  const classes = opts.classes ?? new ClassIndex();
  const path = tmp.write(`t${counter++}.jsonl`, lines.join('\n'));
  const got = await collect(await openPredictions(path, { ...opts, classes }));
  const name = (i: number) => classes.names[i];
  return {
    ...got,
    classes,
    names: (xs: (number | number[])[]) => xs.map((x) => (Array.isArray(x) ? x.map(name) : name(x))),
  };
};

describe('JSON lines', () => {
  it('reads label/pred, turns numbers into names, skips blank lines', async () => {
    const r = await read([
      '{"id": 1, "label": "cat", "pred": "dog"}',
      '',
      '  ',
      '{"id": "b", "label": 3, "pred": "3"}',
    ]);
    expect(r.task).toBe('multiclass');
    expect(r.names(r.truth)).toEqual(['cat', '3']);
    expect(r.names(r.pred)).toEqual(['dog', '3']);
  });

  it('takes the argmax of a scores object (first key on ties) and of an array with a class list', async () => {
    const r = await read(['{"label": "a", "scores": {"b": 0.4, "a": 0.4, "c": 0.2}}']);
    expect(r.names(r.pred)).toEqual(['b']);
    const classes = new ClassIndex(['x', 'y'], true);
    const r2 = await read(['{"label": "x", "scores": [0.1, 0.9]}', '{"label": "y", "scores": [2, -1]}'], { classes });
    expect(r2.pred).toEqual([1, 0]);
  });

  it('multi-label: arrays, duplicates merged, thresholds on scores', async () => {
    const classes = new ClassIndex(['a', 'b', 'c'], true);
    const r = await read(
      ['{"labels": ["c", "a", "c"], "preds": []}', '{"labels": [], "scores": {"a": 0.5, "b": 0.2, "c": 0.7}}'],
      {
        classes,
        perClassThreshold: { c: 0.8 },
      },
    );
    expect(r.task).toBe('multilabel');
    expect(r.truth).toEqual([[0, 2], []]);
    expect(r.pred).toEqual([[], [0]]);
  });

  it.each([
    ['multiclass', (i: number) => `"label": "c${i % 50}", "pred": "c${(i * 7) % 50}"`],
    [
      'multilabel',
      (i: number) =>
        `"labels": ${JSON.stringify([[`c${i % 50}`, `c${(i * 3) % 50}`], [], [`c${i % 3}`]][i % 3])}, "preds": ["c${i % 7}"]`,
    ],
  ])('%s: batches handed back lend their arrays to later ones, each holding its own examples', async (_, fields) => {
    // 20,000 lines of 300-byte ids: 6 MB, so batches of 500 span the reader's 1 MB reads, as a real file's do.
    const pad = 'x'.repeat(300);
    const lines = Array.from({ length: 20_000 }, (_, i) => `{"id": "r${i}${pad}", ${fields(i)}}`);
    const path = tmp.write(`recycle${counter++}.jsonl`, lines.join('\n'));
    const names = Array.from({ length: 50 }, (_, c) => `c${c}`);
    const open = () => openPredictions(path, { batchSize: 500, classes: new ClassIndex(names, true) });
    const { reused: none, ...plain } = await collect(await open());
    const { reused, ...recycled } = await collect(await open(), true);
    expect(none).toBe(0);
    expect(reused).toBeGreaterThan(3);
    expect(recycled).toEqual(plain);
    expect(plain.truth).toHaveLength(20_000);
  });

  it('reads lines that straddle the reader chunks', async () => {
    const classes = new ClassIndex(['a', 'b', 'c', 'd', 'e'], true);
    const rows = Math.ceil((2.5 * READ_BYTES) / 200); // ~200 bytes a line: two chunk ends and more
    const names = classes.names;
    const lines = Array.from(
      { length: rows },
      (_, i) =>
        `{"id": "r${i}", "label": "${names[i % 5]}", "pred": "${names[(i * 3) % 5]}", "note": "${'x'.repeat(140 + (i % 23))}"}`,
    );
    const r = await read(lines, { classes });
    expect(r.truth).toEqual(Array.from({ length: rows }, (_, i) => i % 5));
    expect(r.pred).toEqual(Array.from({ length: rows }, (_, i) => (i * 3) % 5));
  });

  it('errors name the file, the line and what was expected', async () => {
    await expectInputError(
      read(['{"label": "a", "pred": "a"}', '{"label": "a", pred: 1}']),
      '.jsonl:line 2:',
      'invalid JSON',
      'one JSON object per line',
    );
    await expectInputError(read(['{"labels": "a", "preds": []}']), ':line 1:', '"labels" is "a"; expected an array');
    await expectInputError(read(['[1, 2]']), ':line 1:', 'expected a JSON object');
    await expectInputError(read(['{"label": "a"}']), ':line 1:', 'expected a "pred", "preds" or "scores" key');
    await expectInputError(read(['{"pred": "a"}']), ':line 1:', 'expected a "label" or "labels" key');
    await expectInputError(
      read(['{"label": "a", "pred": "a"}', '{"pred": "a"}']),
      ':line 2:',
      'expected a "label" key',
    );
    await expectInputError(read(['{"label": "a", "scores": [0.1, 0.9]}']), ':line 1:', 'no class list was given');
    await expectInputError(
      read(['{"label": "x", "scores": [0.1]}'], { classes: new ClassIndex(['x', 'y'], true) }),
      'has 1 entries; expected 2',
    );
    await expectInputError(
      read(['{"label": "a", "scores": {"a": "high"}}']),
      'score of "a" is "high"; expected a finite number',
    );
    await expectInputError(read(['{"label": {"x": 1}, "pred": "a"}']), 'expected a class name');
    await expectInputError(read(['', '   ']), 'only blank lines');
    await expectInputError(read(['{"label": "", "pred": "a"}']), ':line 1:', '"label" holds ""; expected a class name');
    await expectInputError(
      read(['{"label": "cow", "pred": "cat"}'], { classes: new ClassIndex(['cat'], true) }),
      ':line 1:',
      '"cow" is not a known class',
    );
  });
});

describe('JSON lines ids: on every line or on none', () => {
  const line = (id: string) => `{${id}"label": "a", "pred": "a"}`;
  it.each([
    [[line('"id": "r1", '), line('')], ':line 2:', 'has no "id" but line 1 has one'],
    [['', line(''), line('"id": "r2", ')], ':line 3:', 'has an "id" but line 2 has none'],
    [[line('"id": "r1", '), line('"id": null, ')], ':line 2:', '"id" holds null; expected a string or a number'],
    [[line('"id": "r1", '), line('"id": [2], ')], ':line 2:', '"id" holds [2]; expected a string or a number'],
    [[line('"id": "r1", '), line('"id": "", ')], ':line 2:', 'the id is empty; expected one for every example'],
  ])('%j is refused: leakage would be unknown or wrong', async (lines, where, message) => {
    await expectInputError(read(lines), where, message);
  });

  it('ids on every line reach the batches; none on any line is fine', async () => {
    const idsOf = async (lines: string[]) => {
      const path = tmp.write(`ids${counter++}.jsonl`, lines.join('\n'));
      const out: string[] = [];
      for await (const b of (await openPredictions(path, { classes: new ClassIndex() })).batches) {
        if (!b.ids) continue;
        const { bytes, ends } = b.ids;
        ends.forEach((end, i) => out.push(Buffer.from(bytes.subarray(i ? ends[i - 1] : 0, end)).toString()));
      }
      return out;
    };
    expect(await idsOf([line('"id": 7, '), '', line('"id": "x", ')])).toEqual(['7', 'x']);
    expect(await idsOf([line(''), line('')])).toEqual([]);
  });
});

describe('JSON lines scores: the classes they name', () => {
  it('a true class without a score is refused, as a CSV label without a score column is', async () => {
    const lines = ['{"label": "a", "scores": {"a": 0.9, "b": 0.1}}', '{"label": "c", "scores": {"a": 0.2, "b": 0.8}}'];
    await expectInputError(read(lines), ':line 2:', '"label" "c" has no score; expected one of "a", "b"');
    await expectInputError(
      read(['{"labels": ["a", "c"], "scores": {"a": 0.9, "b": 0.1}}'], { task: 'multilabel' }),
      ':line 1:',
      '"labels" "c" has no score; expected one of "a", "b"',
    );
    // A fixed class list scores every class (array form): nothing to refuse.
    const r = await read(['{"label": "c", "scores": [0.2, 0.3, 0.5]}'], {
      classes: new ClassIndex(['a', 'b', 'c'], true),
    });
    expect(r.names(r.pred)).toEqual(['c']);
  });

  it("exact ties go to the same class on every line: the first line's order, or the class list's", async () => {
    const lines = ['{"label": "a", "scores": {"a": 0.5, "b": 0.5}}', '{"label": "a", "scores": {"b": 0.5, "a": 0.5}}'];
    const r = await read(lines);
    expect(r.names(r.pred)).toEqual(['a', 'a']);
    const fixed = await read(lines.slice().reverse(), { classes: new ClassIndex(['a', 'b'], true) });
    expect(fixed.names(fixed.pred)).toEqual(['a', 'a']);
    // The first line's order decides without a list: b first there, b on every line.
    const bFirst = await read(lines.slice().reverse());
    expect(bFirst.names(bFirst.pred)).toEqual(['b', 'b']);
  });

  it('a number too large for a double is named as such, not as null', async () => {
    await expectInputError(
      read(['{"label": "a", "scores": {"a": 1e400, "b": 0.1}}']),
      ':line 1:',
      'score of "a" is Infinity (a number beyond a double\'s range, such as 1e400); expected a finite number',
    );
    await expectInputError(
      read(['{"label": "a", "scores": {"a": null, "b": 0.1}}']),
      ':line 1:',
      'score of "a" is null',
    );
  });
});

describe('JSON lines numbers as class names and ids (JSON.parse rounds them to doubles)', () => {
  it('refuses integers beyond 2^53, which would merge two classes, naming the line and field', async () => {
    await expectInputError(
      read(['{"label": 1, "pred": 1}', '{"label": 1234567890123456789, "pred": 1234567890123456788}']),
      ':line 2:',
      '"label" holds an integer beyond ±2^53 (read as 1234567890123456800)',
      'write it in quotes',
    );
    await expectInputError(
      read(['{"labels": [1, 9007199254740992], "preds": [1]}'], { task: 'multilabel' }),
      ':line 1:',
      '"labels" holds an integer beyond ±2^53',
    );
    await expectInputError(read(['{"label": "a", "pred": -9007199254740993}']), ':line 1:', '"pred" holds an integer');
  });

  it('refuses ids beyond 2^53, which would fake a shared example', async () => {
    const lines = [
      '{"id": 9007199254740993, "label": "a", "pred": "a"}',
      '{"id": 9007199254740992, "label": "a", "pred": "a"}',
    ];
    await expectInputError(read(lines), ':line 1:', '"id" holds an integer beyond ±2^53 (read as 9007199254740992)');
  });

  it('refuses fractional class names and ids', async () => {
    await expectInputError(
      read(['{"label": 1.5, "pred": "a"}']),
      ':line 1:',
      '"label" holds the fractional number 1.5',
    );
    await expectInputError(
      read(['{"id": 0.1, "label": "a", "pred": "a"}']),
      ':line 1:',
      '"id" holds the fractional number 0.1',
    );
  });

  it('keeps small integers, strings of big ones, and the largest safe integer', async () => {
    const r = await read([
      '{"id": 9007199254740991, "label": 3, "pred": -2}',
      '{"id": "9007199254740993", "label": "1234567890123456789", "pred": "1234567890123456788"}',
    ]);
    expect(r.names(r.truth)).toEqual(['3', '1234567890123456789']);
    expect(r.names(r.pred)).toEqual(['-2', '1234567890123456788']);
  });
});

describe('JSON lines with a repeated key (JSON.parse keeps the last value)', () => {
  it.each([
    ['{"label": "a", "pred": "a", "label": "b"}', 'has the key "label" twice'],
    ['{"label": "a", "pred": "a", "pred": "b"}', 'has the key "pred" twice'],
    ['{"label": "a", "scores": {"a": 0.1}, "scores": {"a": 0.9}}', 'has the key "scores" twice'],
    ['{"label": "a", "pred": "a", "\\u006c\\u0061bel": "b"}', 'has the key "label" twice'],
  ])('refuses %s', async (text, message) => {
    await expectInputError(read(['{"label": "a", "pred": "a"}', text]), ':line 2:', message);
  });

  it('refuses a class repeated inside "scores", on the first line or a later one', async () => {
    const twice = '"scores" has the class "a" twice; expected each class once';
    await expectInputError(read(['{"label": "a", "scores": {"a": 0.1, "b": 0.2, "a": 0.9}}']), ':line 1:', twice);
    await expectInputError(
      read([
        '{"label": "a", "scores": {"a": 0.1, "b": 0.2}}',
        '{"label": "a", "scores": {"a": 0.1, "b": 0.2, "a": 0.9}}',
      ]),
      ':line 2:',
      twice,
    );
  });

  it('accepts key texts in values, colons in strings and repeats outside the keys it reads', async () => {
    const r = await read([
      '{"id": "x:1", "label": "label", "scores": {"label": 0.9, "a:b": 0.1}, "meta": {"k": 1, "k": 2}}',
      '{"id": "x:2", "label": "a:b", "scores": {"label": 0.2, "a:b": 0.8}, "note": "\\"label\\": 1"}',
    ]);
    expect(r.names(r.truth)).toEqual(['label', 'a:b']);
    expect(r.names(r.pred)).toEqual(['label', 'a:b']);
  });
});
