// Leakage by id through the prediction readers: CSV (plain and quoted ids), JSON lines and the
// `ids` array of NumPy files (fixtures/ids, counts from Python sets), sharded and merged too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mergeReports } from '../../src/core/report/merge.js';
import type { Report } from '../../src/core/report/types.js';
import { validateReport } from '../../src/core/report/validate.js';
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

it('JSON lines ids (strings or numbers); a line without one is refused, a split without any turns leakage off', async () => {
  const a = file('a.jsonl', '{"id": 1, "label": "x", "pred": "x"}\n{"id": "q", "label": "y", "pred": "x"}\n');
  const b = file('b.jsonl', '{"id": "1", "label": "x", "pred": "x"}\n{"id": "r", "label": "y", "pred": "y"}\n');
  const r = await evaluatePredictionFiles([
    { name: 'validation', path: b },
    { name: 'train', path: a },
  ]);
  expect(r.leakage!.pairs).toEqual([{ splits: ['train', 'validation'], count: 1, share: 0.5, examples: ['1'] }]);
  // A line without an id would hide the train example "1" in test: refused, by line.
  const partial = file('c.jsonl', '{"id": "1", "label": "x", "pred": "x"}\n{"label": "y", "pred": "y"}\n');
  await expect(
    evaluatePredictionFiles([
      { name: 'train', path: a },
      { name: 'test', path: partial },
    ]),
  ).rejects.toThrow('c.jsonl:line 2: has no "id" but line 1 has one');
  const none = file('d.jsonl', '{"label": "x", "pred": "x"}\n{"label": "y", "pred": "y"}\n');
  const r2 = await evaluatePredictionFiles([
    { name: 'train', path: a },
    { name: 'test', path: none },
  ]);
  expect(r2.leakage).toBeUndefined();
});

it('a split without ids leaves out its own pairs only: validation leaked into test is still found', async () => {
  const train = file('t-noid.csv', 'label,pred\nx,x\ny,y\n');
  const val = file('v-id.csv', 'id,label,pred\nv1,x,x\nv2,y,y\nv3,x,y\n');
  const test = file('te-id.csv', 'id,label,pred\nv2,y,y\nt1,x,x\nt2,y,x\nv3,x,x\n');
  const r = await evaluatePredictionFiles([
    { name: 'train', path: train },
    { name: 'validation', path: val },
    { name: 'test', path: test },
  ]);
  // No pair with train (it has no ids): neither "0 shared" nor anything else is claimed of it.
  expect(r.leakage!.pairs).toEqual([{ splits: ['validation', 'test'], count: 2, share: 0.5, examples: ['v2', 'v3'] }]);
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

  it('every shard keys every row (not only its own): each finds the whole leakage, and their merge keeps it', async () => {
    const files = splits('test-leaked.npz');
    const one = await evaluatePredictionFiles(files);
    expect(one.leakage!.pairs.some((p) => p.count > 0)).toBe(true);
    const shards = [1, 2, 3].map((index) => ({ index, count: 3 }));
    const parts = await Promise.all(shards.map((shard) => evaluatePredictionFiles(files, { shard })));
    for (const p of parts) expect(p.leakage).toEqual(one.leakage);
    const origins = ['s1.json', 's2.json', 's3.json'];
    const read = (r: Report, origin: string) => validateReport(JSON.parse(JSON.stringify(r)), origin);
    const written = parts.map((p, k) => read(p, origins[k]));
    expect(mergeReports(written, origins).leakage).toEqual(one.leakage);
    // A shard whose leakage was edited, or dropped, is refused by name: leakage can fail the gate.
    const edited = written.map((p) => structuredClone(p));
    edited[1].leakage!.pairs[0].count += 1;
    expect(() => mergeReports(edited, origins)).toThrow(
      's2.json (shard 2/3): its leakage differs from s1.json (shard 1/3); every shard of one evaluation finds the same leakage between its splits (shards of different modelgate versions, or an edited report?)',
    );
    const dropped = written.map((p) => structuredClone(p));
    delete dropped[2].leakage;
    expect(() => mergeReports(dropped, origins)).toThrow(
      's3.json (shard 3/3): its leakage is missing but is in s1.json',
    );
    delete dropped[0].leakage;
    expect(() => mergeReports(dropped, origins)).toThrow(
      's2.json (shard 2/3): its leakage is there but not in s1.json',
    );
  });
});
