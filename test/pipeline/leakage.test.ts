// Leakage by id through the prediction readers: CSV (plain and quoted ids), JSON lines and the
// `ids` array of NumPy files (fixtures/ids, counts from Python sets), sharded too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluatePredictionFiles } from '../../src/pipeline/evaluate.js';

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'mg-leakage-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

it('CSV ids, plain and quoted, are matched across splits', async () => {
  const train = file('train.csv', 'id,label,pred\na,x,x\n"b,1",y,y\nc,x,y\n');
  const test = file('test.csv', 'id,label,pred\n"b,1",y,y\nd,x,x\nc,x,x\ne,y,y\n');
  const r = await evaluatePredictionFiles([
    { name: 'train', path: train },
    { name: 'test', path: test },
  ]);
  expect(r.leakage).toEqual({
    key: 'id',
    sampled: 1,
    falseMatches: expect.any(Number),
    pairs: [{ splits: ['train', 'test'], count: 2, share: 0.5, examples: ['b,1', 'c'] }],
  });
});

it('JSON lines ids (strings or numbers); a line without one turns leakage off for the report', async () => {
  const a = file('a.jsonl', '{"id": 1, "label": "x", "pred": "x"}\n{"id": "q", "label": "y", "pred": "x"}\n');
  const b = file('b.jsonl', '{"id": "1", "label": "x", "pred": "x"}\n{"id": "r", "label": "y", "pred": "y"}\n');
  const r = await evaluatePredictionFiles([
    { name: 'validation', path: b },
    { name: 'train', path: a },
  ]);
  expect(r.leakage!.pairs).toEqual([{ splits: ['train', 'validation'], count: 1, share: 0.5, examples: ['1'] }]);
  const partial = file('c.jsonl', '{"id": "1", "label": "x", "pred": "x"}\n{"label": "y", "pred": "y"}\n');
  const r2 = await evaluatePredictionFiles([
    { name: 'train', path: a },
    { name: 'test', path: partial },
  ]);
  expect(r2.leakage).toBeUndefined();
});

describe('NumPy ids (fixtures/ids/expected.json)', () => {
  const IDS = path.join(process.cwd(), 'fixtures/ids');
  const expected = JSON.parse(readFileSync(path.join(IDS, 'expected.json'), 'utf8'));
  const splits = (test: string) => [
    { name: 'train', path: path.join(IDS, 'train.npz') },
    { name: 'validation', path: path.join(IDS, 'validation.npz') },
    { name: 'test', path: path.join(IDS, test) },
  ];
  const pairOf = (r: Awaited<ReturnType<typeof evaluatePredictionFiles>>, a: string, b: string) =>
    r.leakage!.pairs.find((p) => p.splits[0] === a && p.splits[1] === b);

  it('a leaked test split: int64 train ids and unicode validation ids found among its byte-string ids', async () => {
    const r = await evaluatePredictionFiles(splits('test-leaked.npz'));
    expect(r.leakage).toMatchObject({ key: 'id', sampled: 1 });
    expect(pairOf(r, 'train', 'test')).toEqual({
      splits: ['train', 'test'],
      ...expected.pairs['train.npz test-leaked.npz'],
    });
    expect(pairOf(r, 'validation', 'test')).toEqual({
      splits: ['validation', 'test'],
      ...expected.pairs['validation.npz test-leaked.npz'],
    });
    expect(pairOf(r, 'train', 'test')!.count).toBe(4);
    expect(pairOf(r, 'train', 'validation')!.count).toBe(0);
  });

  it('the clean control: no pair shares an example', async () => {
    const r = await evaluatePredictionFiles(splits('test-clean.npz'));
    expect(r.leakage!.pairs.map((p) => p.count)).toEqual([0, 0, 0]);
  });

  it('a folder with ids.npy (uint16) against an .npz with int64 ids', async () => {
    const r = await evaluatePredictionFiles([
      { name: 'train', path: path.join(IDS, 'train.npz') },
      { name: 'test', path: path.join(IDS, 'uint.npy') },
    ]);
    expect(pairOf(r, 'train', 'test')).toEqual({ splits: ['train', 'test'], ...expected.pairs['train.npz uint.npy'] });
  });

  it.each([1, 2, 3])('shard %i/3 keys exactly its own rows: leaks between the rows it holds', async (index) => {
    // uint.npy rows 17, 18, 19 repeat train rows 2, 3, 4: one leak inside each shard.
    const owned = (ids: string[]) => ids.filter((_, k) => k % 3 === index - 1);
    const train = new Set(owned(expected['train.npz'].ids));
    const test = owned(expected['uint.npy'].ids);
    const leaked = test.filter((id) => train.has(id));
    expect(leaked).toHaveLength(1);
    const r = await evaluatePredictionFiles(
      [
        { name: 'train', path: path.join(IDS, 'train.npz') },
        { name: 'test', path: path.join(IDS, 'uint.npy') },
      ],
      { shard: { index, count: 3 } },
    );
    expect(r.leakage!.pairs).toEqual([
      { splits: ['train', 'test'], count: 1, share: 1 / test.length, examples: leaked },
    ]);
  });
});
