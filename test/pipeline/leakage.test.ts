// Leakage by id through the prediction readers: CSV (plain and quoted ids) and JSON lines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
