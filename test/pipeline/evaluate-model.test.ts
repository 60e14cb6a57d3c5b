import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeExamples } from '../../src/core/report/examples.js';
import type { Report } from '../../src/core/report/types.js';
import { selectBackend } from '../../src/model/backend.js';
import { evaluateModel, formatProgress } from '../../src/pipeline/evaluate-model.js';
import { argmax, forward, predictDigits, readDigitsCsv, readMlp } from '../helpers/mlp-reference.js';

const ROOT = path.resolve('examples/digits');
const SPLITS = ['train', 'validation', 'test'].map((name) => ({ name, path: path.join(ROOT, `data/${name}.csv`) }));
const PRE = { scale: 1 / 16 };

function predsOf(r: Report, split: string): { truth: number[]; pred: number[] } {
  const ex = decodeExamples(r.splits[split].predictions!, r.classes.length);
  if (ex.task !== 'multiclass') throw new Error('multiclass expected');
  return {
    truth: Array.from(ex.truth, (i) => Number(r.classes[i])),
    pred: Array.from(ex.pred, (i) => Number(r.classes[i])),
  };
}

describe('evaluateModel on the digits example', () => {
  it('gives the predictions of an independent float64 forward pass, and accuracy from them', async () => {
    const progress: number[] = [];
    const tensors: number[] = [];
    const backend = await selectBackend('wasm');
    const before = backend.tf.memory().numTensors;
    const { report, examples } = await evaluateModel({
      model: path.join(ROOT, 'models/base'),
      data: SPLITS,
      backendHandle: backend,
      batchSize: 50,
      preprocess: PRE,
      onProgress: (p) => {
        progress.push(p.done);
        tensors.push(backend.tf.memory().numTensors);
        expect(formatProgress(p)).toMatch(/^\w+: \d+ examples, \d+ examples\/s$/);
      },
    });
    // Tensor count is flat across the whole evaluation and back to where it started.
    expect(new Set(tensors).size).toBe(1);
    expect(backend.tf.memory().numTensors).toBe(before);
    expect(progress.length).toBeGreaterThan(20);

    const mlp = readMlp(path.join(ROOT, 'models/base'));
    let n = 0;
    for (const s of SPLITS) {
      const { x, y } = readDigitsCsv(s.path);
      const ref = predictDigits(mlp, x);
      const got = predsOf(report, s.name);
      expect(got.truth).toEqual(y);
      expect(got.pred).toEqual(ref);
      const acc = ref.filter((p, i) => p === y[i]).length / y.length;
      expect(report.splits[s.name].metrics.accuracy).toBeCloseTo(acc, 12);
      n += y.length;
    }
    expect(examples).toBe(n);
    expect(report.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(report.source).toBe(`model:${path.join(ROOT, 'models/base/model.json')}`);
    expect(report.sanity).toBeUndefined();
    // What a comparison names when it changes: the weights (counted from the layers read here) and the preprocessing.
    const weights = mlp.layers.reduce((a, l) => a + l.w.length + l.b.length, 0);
    expect(report.model).toEqual({ parameters: weights, preprocess: 'scale 1/16' });
  });

  it('the graph model gives the same report figures as the layers model on cpu', async () => {
    const backend = await selectBackend('cpu');
    const run = (m: string) =>
      evaluateModel({ model: path.join(ROOT, m), data: SPLITS.slice(1), backendHandle: backend, preprocess: PRE });
    const [a, b] = [await run('models/base'), await run('models/base-graph')];
    for (const s of ['validation', 'test']) {
      expect(predsOf(b.report, s)).toEqual(predsOf(a.report, s));
      expect(b.report.splits[s].metrics).toEqual(a.report.splits[s].metrics);
    }
  });

  it('applies scale, mean and std exactly as stated, to every split', async () => {
    const backend = await selectBackend('cpu');
    const pre = { scale: 0.125, mean: [0.5], std: 3 };
    const { report } = await evaluateModel({
      model: path.join(ROOT, 'models/base'),
      data: SPLITS.slice(1),
      backendHandle: backend,
      preprocess: pre,
    });
    const mlp = readMlp(path.join(ROOT, 'models/base'));
    for (const s of SPLITS.slice(1)) {
      const { x } = readDigitsCsv(s.path);
      const ref = x.map((r) =>
        argmax(
          forward(
            mlp,
            r.map((v) => (v * 0.125 - 0.5) / 3),
          ),
        ),
      );
      const plain = predictDigits(mlp, x);
      expect(predsOf(report, s.name).pred).toEqual(ref);
      expect(ref).not.toEqual(plain); // the check can fail: this preprocessing changes predictions
    }
  });

  it('reads the model of a commit through git without touching the work tree, same figures', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'mg-git-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 't');
    cpSync(path.join(ROOT, 'models/base'), path.join(repo, 'models/m'), { recursive: true });
    git('add', '.');
    git('commit', '-qm', 'base model');
    const sha = git('rev-parse', 'HEAD').trim();
    // The work tree now holds another model (the "head"), plus an untracked file.
    rmSync(path.join(repo, 'models/m'), { recursive: true });
    cpSync(path.join(ROOT, 'models/pr'), path.join(repo, 'models/m'), { recursive: true });
    const statusBefore = git('status', '--porcelain');
    const backend = await selectBackend('cpu');
    const fromGit = await evaluateModel({
      model: { gitRef: sha, path: 'models/m', cwd: repo },
      data: SPLITS.slice(1),
      backendHandle: backend,
      preprocess: PRE,
      commit: sha,
    });
    const fromFs = await evaluateModel({
      model: path.join(ROOT, 'models/base'),
      data: SPLITS.slice(1),
      backendHandle: backend,
      preprocess: PRE,
    });
    expect(git('status', '--porcelain')).toBe(statusBefore);
    expect(fromGit.report.source).toBe(`model:${sha}:models/m/model.json`);
    expect(fromGit.report.commit).toBe(sha);
    for (const s of ['validation', 'test']) expect(predsOf(fromGit.report, s)).toEqual(predsOf(fromFs.report, s));
    await expect(
      evaluateModel({
        model: { gitRef: sha, path: 'models/none', cwd: repo },
        data: SPLITS.slice(1),
        backendHandle: backend,
      }),
    ).rejects.toThrow(/models\/none\/model.json: cannot read the model from git/);
  });

  it('a split whose features do not fit the model is an InputError naming both shapes', async () => {
    const backend = await selectBackend('cpu');
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-shape-'));
    const f = path.join(dir, 'bad.csv');
    writeFileSync(f, 'a,b,label\n1,2,3\n');
    await expect(
      evaluateModel({ model: path.join(ROOT, 'models/base'), data: [{ name: 'x', path: f }], backendHandle: backend }),
    ).rejects.toThrow(`${f}: examples have shape [2] but the model expects input [batch, 64]`);
  });

  it('a leaked shard: test rows copied from train are found by their features; probabilities give threshold-free metrics', async () => {
    const backend = await selectBackend('cpu');
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-leak-'));
    const lines = (f: string) => readFileSync(f, 'utf8').trim().split('\n');
    const train = lines(SPLITS[0].path);
    const validation = lines(SPLITS[1].path);
    // The test split: the validation rows, then 25 training rows (every 40th).
    const leaked = train
      .slice(1)
      .filter((_, i) => i % 40 === 0)
      .slice(0, 25);
    const test = path.join(dir, 'test.csv');
    writeFileSync(test, [...validation, ...leaked].join('\n') + '\n');
    const { report } = await evaluateModel({
      model: path.join(ROOT, 'models/base'),
      data: [SPLITS[0], { name: 'test', path: test }],
      backendHandle: backend,
      preprocess: PRE,
    });
    // Oracle: test rows whose 64 feature values (the label dropped) are those of a training row.
    const features = (line: string) => line.slice(0, line.lastIndexOf(','));
    const seen = new Set(train.slice(1).map(features));
    const expected = [...validation.slice(1), ...leaked].filter((l) => seen.has(features(l))).length;
    expect(expected).toBeGreaterThanOrEqual(25);
    const pair = report.leakage!.pairs[0];
    expect(report.leakage!.key).toBe('features');
    expect(pair.splits).toEqual(['train', 'test']);
    expect(pair.count).toBe(expected);
    expect(pair.examples[0]).toMatch(/^test row \d+$/);
    expect(report.splits.test.scores!.rocAucMacro).toBeGreaterThan(0.9);
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await tf.setBackend('cpu');
  });
});

/** Saves a tfjs layers model into a fresh directory as model.json + one weight file. */
async function saveModel(m: import('@tensorflow/tfjs').LayersModel): Promise<string> {
  const d = mkdtempSync(path.join(tmpdir(), 'mg-save-'));
  await m.save(
    tf.io.withSaveHandler(async (a) => {
      writeFileSync(path.join(d, 'w.bin'), Buffer.from(a.weightData as ArrayBuffer));
      writeFileSync(
        path.join(d, 'model.json'),
        JSON.stringify({
          format: 'layers-model',
          modelTopology: a.modelTopology,
          weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs }],
        }),
      );
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return d;
}

describe('evaluateModel on other data forms', () => {
  it('multi-label: a sigmoid model, thresholds, classes from the configuration', async () => {
    const backend = await selectBackend('cpu');
    const t = backend.tf;
    const m = t.sequential({
      layers: [
        t.layers.dense({
          inputShape: [6],
          units: 3,
          activation: 'sigmoid',
          kernelInitializer: t.initializers.glorotUniform({ seed: 3 }),
          biasInitializer: 'zeros',
        }),
      ],
    });
    const dir = await saveModel(m);
    const file = path.resolve('fixtures/model-data/multilabel.csv');
    const { report } = await evaluateModel({
      model: dir,
      data: [{ name: 'test', path: file }],
      backendHandle: backend,
      classes: ['cat', 'dog', 'eel'],
      task: 'multilabel',
      threshold: 0.5,
      perClassThreshold: { eel: 0.3 },
    });
    expect(report.task).toBe('multilabel');
    expect(report.thresholds).toEqual({ default: 0.5, perClass: { eel: 0.3 } });
    const mlp = readMlp(dir);
    const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
    const want = rows.map((l: string) => {
      const s = forward(mlp, l.split(',').slice(0, 6).map(Number));
      return [0, 1, 2].filter((j) => s[j] >= [0.5, 0.5, 0.3][j]);
    });
    const ex = decodeExamples(report.splits.test.predictions!, 3);
    if (ex.task !== 'multilabel') throw new Error('multilabel expected');
    const got = Array.from({ length: ex.n }, (_, i) =>
      Array.from(ex.predIndices.subarray(ex.predOffsets[i], ex.predOffsets[i + 1])),
    );
    expect(got).toEqual(want);
  });

  it('image folders: classes are the folder names, images flattened in HWC order', async () => {
    const { PNG } = await import('pngjs');
    const root = mkdtempSync(path.join(tmpdir(), 'mg-imgs-'));
    const pixels: Record<string, number[][]> = {};
    for (const [c, k] of [
      ['cat', 1],
      ['dog', 2],
    ] as const) {
      mkdirSync(path.join(root, c));
      pixels[c] = [];
      for (let i = 0; i < 3; i++) {
        const p = new PNG({ width: 3, height: 2 });
        const v: number[] = [];
        for (let q = 0; q < 6; q++) {
          const rgb = [(q * 40 + i * 7 * k) % 256, (q * 13 * k) % 256, (i * 50) % 256];
          p.data.set([...rgb, 255], q * 4);
          v.push(...rgb);
        }
        writeFileSync(path.join(root, c, `${i}.png`), PNG.sync.write(p));
        pixels[c].push(v);
      }
    }
    const backend = await selectBackend('cpu');
    const t = backend.tf;
    const m = t.sequential({
      layers: [
        t.layers.flatten({ inputShape: [2, 3, 3] }),
        t.layers.dense({
          units: 2,
          activation: 'softmax',
          kernelInitializer: t.initializers.glorotUniform({ seed: 5 }),
        }),
      ],
    });
    const dir = await saveModel(m);
    const { report } = await evaluateModel({
      model: dir,
      data: [{ name: 'validation', path: root }],
      backendHandle: backend,
      preprocess: { scale: 1 / 255 },
    });
    expect(report.classes).toEqual(['cat', 'dog']);
    const mlp = readMlp(dir);
    const want = [...pixels.cat, ...pixels.dog].map((v) =>
      argmax(
        forward(
          mlp,
          v.map((p) => p / 255),
        ),
      ),
    );
    const ex = decodeExamples(report.splits.validation.predictions!, 2);
    if (ex.task !== 'multiclass') throw new Error('multiclass expected');
    expect(Array.from(ex.truth)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(ex.pred)).toEqual(want);
  });
});
