// Builds the digits example: a stratified 60/20/20 split of data/digits.csv.gz and two real
// TensorFlow.js layers models trained on it.
//
//   node examples/digits/train.mjs        (from the repository root, after npm ci; ~1 minute on 2 cores)
//
// The story: a pull request that changes BOTH the training code and the data pipeline.
// - models/base: the base branch. 64-64-10 MLP, L2 regularization (0.03), 60 epochs, trained on
//   data/train.csv. Splits data/train.csv, data/validation.csv, data/test.csv.
// - models/pr: the pull request. (1) Its data pipeline has a filter bug (a condition on the label)
//   that keeps only ~7% of the 8s: its train split, written to data-pr/train.csv, has 8 of the
//   104 training 8s (validation and test are not touched by the PR: it uses data/ for them).
//   (2) Its training code uses a bigger network (64-128-128-10) trained much longer (200 epochs,
//   about 3x the updates) without regularization: it memorizes its train split (100%).
// `modelgate demo` evaluates both models on the PR branch's splits (data-pr/train.csv,
// data/validation.csv, data/test.csv), as the action's `baseline: evaluate` does, so every test is
// paired. The head's train score rises to 100% while validation and test fall, the
// train-validation gap grows by about 5 points, and the 8s are lost on validation and test.
// The figures each model reaches are printed at the end (and evaluated for real by `modelgate demo`).
// Environment overrides (TRAIN_FRAC, BASE_H, BASE_L2, BASE_EPOCHS, BASE_LR, DROP, KEEP, PR_H, PR_EPOCHS, PR_LR,
// NOSAVE, ONLY_BASE, SKIP_BASE) were used to choose these settings; the defaults reproduce the committed models.
// Both models expect pixels scaled by 1/16 (preprocess: scale: 0.0625, as the demo states it).
// Runs on the tfjs cpu backend with seeded initializers and a seeded shuffle, so a rerun gives
// the same weights (as far as float summation order in tfjs allows).
// Afterwards run make-graph-model.mjs to regenerate models/base-graph from models/base.

import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const SEED = 20240611;
const E = (k, d) => (process.env[k] !== undefined ? Number(process.env[k]) : d);
const SCALE = 1 / 16;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle(arr, rnd) {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}

// ---- split ----
const rows = gunzipSync(readFileSync(path.join(here, 'data/digits.csv.gz')))
  .toString('utf8')
  .trim()
  .split('\n')
  .map((l) => l.split(',').map(Number));
const rnd = mulberry32(SEED);
const byClass = new Map();
rows.forEach((r, i) => {
  const y = r[64];
  if (!byClass.has(y)) byClass.set(y, []);
  byClass.get(y).push(i);
});
const split = { train: [], validation: [], test: [] };
for (const y of [...byClass.keys()].sort((a, b) => a - b)) {
  const idx = shuffle(byClass.get(y), rnd);
  const nTrain = Math.round(idx.length * E('TRAIN_FRAC', 0.6));
  const nVal = Math.round(idx.length * ((1 - E('TRAIN_FRAC', 0.6)) / 2));
  split.train.push(...idx.slice(0, nTrain));
  split.validation.push(...idx.slice(nTrain, nTrain + nVal));
  split.test.push(...idx.slice(nTrain + nVal));
}
for (const [name, idx] of Object.entries(split)) {
  shuffle(idx, rnd);
  const header = [...Array(64).keys()].map((i) => `p${i}`).join(',') + ',label';
  writeFileSync(path.join(here, `data/${name}.csv`), header + '\n' + idx.map((i) => rows[i].join(',')).join('\n') + '\n');
  console.log(`data/${name}.csv: ${idx.length} rows`);
}

// ---- training ----
await tf.setBackend('cpu');
tf.backend().firstUse = false; // no advert for tfjs-node

function tensors(idx) {
  const x = tf.tensor2d(idx.map((i) => rows[i].slice(0, 64).map((v) => v * SCALE)));
  const y = tf.oneHot(tf.tensor1d(idx.map((i) => rows[i][64]), 'int32'), 10).toFloat();
  return { x, y };
}

function mlp(hidden, l2, seed) {
  const model = tf.sequential();
  hidden.forEach((units, k) =>
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        inputShape: k === 0 ? [64] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + k }),
        kernelRegularizer: l2 ? tf.regularizers.l2({ l2 }) : undefined,
      }),
    ),
  );
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 99 }) }));
  return model;
}

async function train(model, idx, { epochs, lr, batchSize, seed }) {
  model.compile({ optimizer: tf.train.adam(lr), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const r = mulberry32(seed);
  for (let e = 0; e < epochs; e++) {
    const { x, y } = tensors(shuffle([...idx], r));
    await model.fit(x, y, { epochs: 1, batchSize, shuffle: false, verbose: 0 });
    x.dispose();
    y.dispose();
  }
}

function accuracy(model, idx) {
  const { x, y } = tensors(idx);
  const p = model.predict(x).argMax(1).dataSync();
  const t = y.argMax(1).dataSync();
  const perClass = Array(10).fill(0).map(() => [0, 0]);
  let ok = 0;
  p.forEach((v, i) => {
    perClass[t[i]][1]++;
    if (v === t[i]) {
      ok++;
      perClass[t[i]][0]++;
    }
  });
  return { acc: ok / p.length, recall: perClass.map(([a, b]) => (a / b).toFixed(2)).join(' ') };
}

async function save(model, dir) {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const bin = 'group1-shard1of1.bin';
      writeFileSync(path.join(dir, bin), Buffer.from(a.weightData));
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: [bin], weights: a.weightSpecs }],
      };
      writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

function report(name, model) {
  for (const s of ['train', 'prTrain', 'validation', 'test']) {
    if (!split[s]) continue;
    const { acc, recall } = accuracy(model, split[s]);
    console.log(`${name} ${s.padEnd(10)} accuracy ${(100 * acc).toFixed(1)}%  recall by digit ${recall}`);
  }
}

const base = mlp([E('BASE_H', 64)], E('BASE_L2', 3e-2), SEED);
if (!process.env.SKIP_BASE) {
  await train(base, split.train, { epochs: E('BASE_EPOCHS', 60), lr: E('BASE_LR', 0.003), batchSize: 32, seed: SEED + 1 });
  if (!process.env.NOSAVE) await save(base, path.join(here, 'models/base'));
  if (process.env.ONLY_BASE) {
    report('base', base);
    process.exit(0);
  }
}

// The pipeline "bug": keeps only ~7% of the 8s (8 of 104). The PR branch's train split is written to
// data-pr/train.csv (validation and test are untouched by the PR, so they are not duplicated).
const bugRnd = mulberry32(SEED + 2);
const DROP = (process.env.DROP ?? '8').split(',').map(Number);
const prTrain = split.train.filter((i) => !DROP.includes(rows[i][64]) || bugRnd() < E('KEEP', 0.07));
const count = (idx) => idx.filter((i) => DROP.includes(rows[i][64])).length;
console.log(
  `pr training set: ${prTrain.length} of ${split.train.length} rows (${count(prTrain)} of ${count(split.train)} ${DROP.join(' and ')}s kept)`,
);
if (!process.env.NOSAVE) {
  mkdirSync(path.join(here, 'data-pr'), { recursive: true });
  const header = [...Array(64).keys()].map((i) => `p${i}`).join(',') + ',label';
  writeFileSync(path.join(here, 'data-pr/train.csv'), header + '\n' + prTrain.map((i) => rows[i].join(',')).join('\n') + '\n');
  console.log(`data-pr/train.csv: ${prTrain.length} rows`);
}
split.prTrain = prTrain;
const pr = mlp([E('PR_H', 128), E('PR_H', 128)], 0, SEED + 10);
await train(pr, prTrain, { epochs: E('PR_EPOCHS', 200), lr: E('PR_LR', 0.003), batchSize: 32, seed: SEED + 3 });
if (!process.env.SKIP_BASE) report('base', base);
report('pr  ', pr);
if (!process.env.NOSAVE) await save(pr, path.join(here, 'models/pr'));
