// The CSV reader: RFC 4180 details, task choice, batching, and every error a user can make.
import { ClassIndex } from '../../src/core/classes.js';
import { openPredictions } from '../../src/io/predictions.js';
import type { ReadOptions } from '../../src/io/types.js';
import { collect, remap } from './collect.js';
import { expectInputError, tempDir } from './tmp.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
let counter = 0;
const csv = (text: string | Uint8Array) => tmp.write(`t${counter++}.csv`, text);
const read = async (text: string | Uint8Array, opts: Partial<ReadOptions> = {}) => {
  const classes = opts.classes ?? new ClassIndex();
  const got = await collect(await openPredictions(csv(text), { ...opts, classes }));
  return {
    ...got,
    classes,
    names: (xs: (number | number[])[]) =>
      xs.map((x) => (Array.isArray(x) ? x.map((i) => classes.names[i]) : classes.names[x])),
  };
};

describe('RFC 4180', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside fields, CRLF and a BOM', async () => {
    const text =
      '\uFEFFid,label,pred\r\n' +
      '1,"a,b","say ""hi"""\r\n' +
      '"two\r\nlines",b,"a,b"\r\n' +
      '3,Zürich ✓,<img src=x onerror=alert(1)>\r\n';
    const r = await read(text);
    expect(r.names(r.truth)).toEqual(['a,b', 'b', 'Zürich ✓']);
    expect(r.names(r.pred)).toEqual(['say "hi"', 'a,b', '<img src=x onerror=alert(1)>']);
    // The id with a line break inside its quotes was one field: the row kept its label and prediction.
  });

  it('refuses a class name with nothing visible (it would show as an empty name)', async () => {
    await expectInputError(read('label,pred\na,a\n\u200b\u2060,a\n'), ':line 3:', 'has no visible character');
  });

  it('refuses a class name holding a line break (it would make two label sequences fingerprint alike)', async () => {
    await expectInputError(
      read('id,label,pred\n1,a,a\n2,"two\nlines",a\n'),
      ':line 3:',
      'label "two\\nlines" contains the control character U+000A',
    );
  });

  it('accepts a last line without a line break and skips blank lines', async () => {
    const r = await read('label,pred\n\na,b\n\nb,b');
    expect(r.names(r.truth)).toEqual(['a', 'b']);
    expect(r.names(r.pred)).toEqual(['b', 'b']);
  });

  it('reports the physical line where a bad record starts, counting line breaks inside quotes', async () => {
    await expectInputError(
      read('id,label,pred\n"x\ny\nz",a,a\nb\n'),
      ':line 5:',
      'found 1 fields; expected 3 as in the header',
    );
    await expectInputError(read('label,pred\na,b,c\n'), ':line 2:', 'found 3 fields; expected 2');
  });

  it('rejects an unclosed quote and text after a closing quote', async () => {
    await expectInputError(read('label,pred\na,"b\n'), ':line 2:', 'never closed');
    await expectInputError(read('label,pred\n"a"x,b\n'), ':line 2:', 'after a closing quote');
  });
});

describe('columns and tasks', () => {
  it('ignores id and unknown columns; a label with | stays multiclass', async () => {
    const r = await read('id,label,extra,pred\n7,a|b,zzz,c\n');
    expect(r.task).toBe('multiclass');
    expect(r.names(r.truth)).toEqual(['a|b']);
  });

  it('splits labels/preds on |, merges duplicates, sorts indices, allows empty sets', async () => {
    const classes = new ClassIndex(['a', 'b', 'c'], true);
    const r = await read('labels,preds\nc|a|c,b|b\n,\n"a|b",\n', { classes });
    expect(r.task).toBe('multilabel');
    expect(r.truth).toEqual([[0, 2], [], [0, 1]]);
    expect(r.pred).toEqual([[1], [], []]);
  });

  it('forcing multilabel on a label column gives one-element sets', async () => {
    const r = await read('label,pred\na|b,a\n', { task: 'multilabel' });
    expect(r.task).toBe('multilabel');
    expect(r.names(r.truth)).toEqual([['a|b']]);
  });

  it('forcing multiclass on a labels column needs exactly one label', async () => {
    const r = await read('labels,pred\na,a\n', { task: 'multiclass' });
    expect(r.names(r.truth)).toEqual(['a']);
    await expectInputError(
      read('labels,pred\na|b,a\n', { task: 'multiclass' }),
      ':line 2:',
      'holds 2 classes; expected exactly one',
    );
  });

  it('multiclass from scores: argmax, ties go to the first column, logits welcome', async () => {
    const r = await read('label,score:x,score:y,score:z\nx,-1.5,3e0,2.999\ny,0.2,0.7,0.7\nz,-0,0,1E-300\n');
    expect(r.names(r.pred)).toEqual(['y', 'y', 'z']);
    expect(r.classes.names).toEqual(['x', 'y', 'z']);
  });

  it('ties go to the first class of the class list when one is given, not to the first column', async () => {
    const text = 'label,score:b,score:a\na,0.5,0.5\nb,0.2,0.7\n';
    const fixed = await read(text, { classes: new ClassIndex(['a', 'b'], true) });
    expect(fixed.names(fixed.pred)).toEqual(['a', 'a']);
    // Quoted rows take the general path: the same rule.
    const quoted = await read(text.replace('a,0.5,0.5', '"a",0.5,0.5'), { classes: new ClassIndex(['a', 'b'], true) });
    expect(quoted.names(quoted.pred)).toEqual(['a', 'a']);
    // Without a list, the first column: b.
    const found = await read(text);
    expect(found.names(found.pred)).toEqual(['b', 'a']);
  });

  it('multi-label from scores: score >= threshold, per-class thresholds by name', async () => {
    const text = 'labels,score:x,score:y\nx,0.5,0.49\n,0.2,0.9\n';
    const r1 = await read(text);
    expect(r1.names(r1.pred)).toEqual([['x'], ['y']]);
    const r2 = await read(text, { threshold: 0.1, perClassThreshold: { y: 0.95 } });
    expect(r2.names(r2.pred)).toEqual([['x'], ['x']]);
  });

  it('plain rows (single pass) and quoted rows (general scanner) give the same results', async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const names = ['a', 'b', 'c', 'd'];
    const scores: string[][] = [];
    const sets: string[] = [];
    const singles: string[] = [];
    for (let r = 0; r < 300; r++) {
      scores.push(names.map(() => (rnd() < 0.1 ? '0.25' : (rnd() * 2 - 0.5).toPrecision(1 + Math.floor(rnd() * 17)))));
      sets.push(names.filter(() => rnd() < 0.4).join('|'));
      singles.push(names[Math.floor(rnd() * 4)]);
    }
    for (const task of ['multiclass', 'multilabel'] as const) {
      const truth = task === 'multiclass' ? singles : sets;
      const header = `id,${task === 'multiclass' ? 'label' : 'labels'},${names.map((n) => `score:${n}`).join(',')}`;
      const rows = scores.map((cells, r) => [`id${r}`, truth[r], ...cells]);
      const plain = [header, ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
      const quoted = [header, ...rows.map((r) => r.map((c) => `"${c}"`).join(','))].join('\n') + '\n';
      const opts = { threshold: 0.3, perClassThreshold: { c: 0.9 } };
      const p = await read(plain, { ...opts, classes: new ClassIndex(names, true) });
      const q = await read(quoted, { ...opts, classes: new ClassIndex(names, true) });
      expect(p.task).toBe(task);
      expect(p.truth).toEqual(q.truth);
      expect(p.pred).toEqual(q.pred);
      // and both agree with a direct computation
      const want = scores.map((cells) => {
        const v = cells.map(Number);
        if (task === 'multilabel') return names.flatMap((n, j) => (v[j] >= (n === 'c' ? 0.9 : 0.3) ? [j] : []));
        return v.indexOf(Math.max(...v));
      });
      expect(p.pred).toEqual(want);
      expect(p.names(p.truth)).toEqual(task === 'multiclass' ? singles : sets.map((x) => (x ? x.split('|') : [])));
    }
  });

  it('prefers an explicit pred column over score columns', async () => {
    const r = await read('label,pred,score:a,score:b\na,b,0.9,0.1\n');
    expect(r.names(r.pred)).toEqual(['b']);
  });

  it('emits batches of batchSize examples and reports progress', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `c${i % 4},c${(i + 1) % 4}`).join('\n');
    const seen: number[] = [];
    const r = await read(`label,pred\n${rows}\n`, { batchSize: 3, onProgress: (n) => seen.push(n) });
    expect(r.batchSizes).toEqual([3, 3, 3, 1]);
    expect(r.names(r.truth)).toEqual(Array.from({ length: 10 }, (_, i) => `c${i % 4}`));
    expect(r.names(r.pred)).toEqual(Array.from({ length: 10 }, (_, i) => `c${(i + 1) % 4}`));
    expect(seen[seen.length - 1]).toBe(10);
  });

  it.each([
    ['multiclass', 'label', (i: number) => `c${i % 100}`],
    ['multilabel', 'labels', (i: number) => [`c${i % 100}|c${(i * 7) % 100}`, '', `c${i % 3}`][i % 3]],
  ])('%s: batches handed back lend their arrays to later ones, each holding its own examples', async (_, truth, of) => {
    // 100 score columns, 12,000 rows: batches of 1,500 span the reader's 1 MB reads, as a real file's do.
    const names = Array.from({ length: 100 }, (_, c) => `c${c}`);
    const rows = Array.from(
      { length: 12_000 },
      (_, i) => `${of(i)},${names.map((_, c) => ((i * c) % 997) / 1000).join(',')}`,
    );
    const text = `${truth},${names.map((n) => `score:${n}`).join(',')}\n${rows.join('\n')}\n`;
    const path = csv(text);
    const open = () => openPredictions(path, { batchSize: 1500, classes: new ClassIndex(names, true) });
    const { reused: none, ...plain } = await collect(await open());
    const { reused, ...recycled } = await collect(await open(), true);
    expect(none).toBe(0);
    expect(reused).toBeGreaterThan(3);
    expect(recycled).toEqual(plain);
  });

  it('keeps a shared class index across splits', async () => {
    const classes = new ClassIndex();
    await read('label,pred\nb,a\n', { classes });
    const r = await read('label,pred\na,c\n', { classes });
    expect(classes.names).toEqual(['b', 'a', 'c']);
    expect(remap(r.truth, classes, ['a', 'b', 'c'])).toEqual([0]);
  });
});

describe('errors', () => {
  it.each([
    ['a pred column', 'id,label,pred\nr1,a,a\n,b,b\n'],
    ['score columns (the fast path)', 'id,label,score:a,score:b\nr1,a,0.9,0.1\n,b,0.2,0.8\n'],
    ['a quoted empty id', 'id,label,score:a,score:b\nr1,a,0.9,0.1\n"",b,0.2,0.8\n'],
    ['multi-label', 'id,labels,preds\nr1,a|b,a\n,b,b\n'],
  ])('an empty id is refused by line, with %s: every empty id would be one example in every split', async (_, text) => {
    await expectInputError(read(text), '.csv:line 3:', 'the id is empty; expected one for every example');
  });

  it('names a missing or empty file', async () => {
    await expectInputError(
      openPredictions(tmp.path('nope.csv'), { classes: new ClassIndex() }),
      'nope.csv',
      'not found',
    );
    await expectInputError(read(''), '.csv', 'is empty');
    await expectInputError(read('\n\n'), 'no header line');
    await expectInputError(read('label,pred\n'), 'no rows');
  });

  it('lists the columns found when the needed ones are missing', async () => {
    const e = await expectInputError(
      read('a,b,c\n1,2,3\n'),
      ":line 1: expected a 'label' or 'labels' column and either 'pred'/'preds' or 'score:<class>' columns; found: \"a\", \"b\", \"c\"",
    );
    expect(e.where).toBe('line 1');
    await expectInputError(read('label,score:a,score:a\nx,1,2\n'), 'appears twice');
  });

  it('refuses a repeated id column (only its first copy would be read)', async () => {
    const e = await expectInputError(
      read('id,label,pred,id\nr1,a,a,r2\n'),
      ':line 1: column "id" appears twice; expected each column once',
    );
    expect(e.where).toBe('line 1');
  });

  it('rejects unknown classes of a fixed list with file and line', async () => {
    const classes = new ClassIndex(['cat', 'dog'], true);
    await expectInputError(
      read('label,pred\ncat,dog\ncow,cat\n', { classes }),
      ':line 3:',
      '"cow" is not a known class',
      '"cat", "dog"',
    );
    await expectInputError(read('label,score:cat,score:cow\ncat,1,0\n', { classes }), ':line 1:', '"cow"');
  });

  it('rejects a truth class without a score column', async () => {
    await expectInputError(read('label,score:a,score:b\na,1,0\nc,0,1\n'), ':line 3:', '"c" has no score column');
  });

  it('rejects an empty multiclass label', async () => {
    await expectInputError(read('label,pred\n,a\n'), ':line 2:', 'label is empty');
  });

  it.each([
    ['nan', 'is NaN'],
    ['NaN', 'is NaN'],
    ['inf', 'is infinite'],
    ['-Infinity', 'is infinite'],
    ['1e999', 'is infinite'],
    ['', 'is empty'],
    ['0x10', 'is not a number ("0x10")'],
    ['1.2.3', 'is not a number ("1.2.3")'],
  ])('rejects the score %j', async (cell, why) => {
    const rows = ['a,0.1,0.2', 'b,0.3,0.4', 'a,0.5,0.6', 'b,0.7,0.8', 'a,0.9,1', `b,0.5,${cell}`].join('\n');
    await expectInputError(
      read(`label,score:a,score:b\n${rows}\n`),
      ':line 7:',
      `score:b ${why}; expected a finite number`,
    );
  });

  it('parses quoted scores too', async () => {
    const r = await read('label,score:a,score:b\na,"0.25","2.5e-1"\nb,"0.1","0.2"\n');
    expect(r.names(r.pred)).toEqual(['a', 'b']);
  });
});
