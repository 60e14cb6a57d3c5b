// Inference throughput of the model runner: the digits example models (whole evaluations) per
// backend, and a 784-512-512-10 MLP on random input at several batch sizes, single-threaded and
// across worker threads, against numpy running the same network (/usr/bin/python3).
// What each side includes: numpy times the forward pass, softmax and argmax of data already in
// memory (best of 5 runs at each of 3 batch sizes, no interpreter start). The tfjs lines time the
// runner on data already in memory: copy + preprocess + forward + argmax + sanity checks; the
// parallel lines also include spawning the workers, their model load and their termination.
// `npm run bench -- model`

import * as tfjs from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureStream } from '../src/io/data/types.js';
import { selectBackend, type BackendName, type TF } from '../src/model/backend.js';
import { wrapLayersModel } from '../src/model/load.js';
import { spawnWorkerPool } from '../src/model/parallel.js';
import { Preprocess } from '../src/model/preprocess.js';
import { defaultBatchSize, runModel } from '../src/model/run.js';
import { evaluateModel } from '../src/pipeline/evaluate-model.js';

const N = 30_000;

/**
 * The worker bundle of the sources being benchmarked (not a possibly stale dist/): bundled like
 * scripts/build.mjs does, into .bench/, unless MODELGATE_MODEL_WORKER names one.
 */
function benchWorkerFile(): string | null {
  if (process.env.MODELGATE_MODEL_WORKER) return process.env.MODELGATE_MODEL_WORKER;
  const out = path.resolve('.bench', 'model-worker.js');
  const script = `
    import { build } from 'esbuild';
    import { pathToFileURL } from 'node:url';
    const { ESM_BANNER } = await import(pathToFileURL('scripts/esm-banner.mjs').href);
    await build({ entryPoints: ['src/model/worker.ts'], outfile: ${JSON.stringify(out)}, bundle: true,
      platform: 'node', format: 'esm', target: 'node20', external: ['@tensorflow/tfjs-node'],
      banner: { js: ESM_BANNER }, logLevel: 'error' });`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(r.stderr.trim());
    return null;
  }
  return out;
}
const LAYERS = [784, 512, 512, 10];
const FLOP_PER_EXAMPLE = 2 * LAYERS.slice(1).reduce((a, u, i) => a + LAYERS[i] * u, 0);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInput(n: number): Float32Array {
  const r = mulberry32(1);
  return Float32Array.from({ length: n * LAYERS[0] }, r);
}

function streamOf(x: Float32Array, n: number, readBatch = 4096): FeatureStream {
  const f = LAYERS[0];
  return {
    featureShape: [f],
    task: 'multiclass',
    count: n,
    batches: (async function* () {
      for (let s = 0; s < n; s += readBatch) {
        const m = Math.min(readBatch, n - s);
        yield { n: m, x: x.subarray(s * f, (s + m) * f), truth: new Uint32Array(m) };
      }
    })(),
    close: async () => {},
    fingerprints: () => [],
  };
}

function mlp(tf: TF): tfjs.LayersModel {
  tf.setBackend(tf.getBackend());
  const m = tf.sequential();
  LAYERS.slice(1).forEach((units, i) =>
    m.add(
      tf.layers.dense({
        units,
        inputShape: i === 0 ? [LAYERS[0]] : undefined,
        activation: i === LAYERS.length - 2 ? 'softmax' : 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 7 + i }),
      }),
    ),
  );
  return m;
}

function line(label: string, n: number, seconds: number): string {
  const rate = n / seconds;
  return `${label.padEnd(44)} ${String(n).padStart(6)} ex  ${seconds.toFixed(2).padStart(6)} s  ${Math.round(rate).toString().padStart(7)} ex/s  ${((rate * FLOP_PER_EXAMPLE) / 1e9).toFixed(1).padStart(5)} GFLOP/s`;
}

async function mlpSingle(tf: TF, backend: BackendName, n: number, batchSize: number, x: Float32Array): Promise<number> {
  const model = wrapLayersModel(mlp(tf), 'mlp');
  // Warm-up: the first call compiles kernels / allocates.
  await runModel(
    tf,
    model,
    streamOf(x, Math.min(n, 512), 512),
    { split: 'w', file: 'mlp', classes: 10, preprocess: new Preprocess(), batchSize },
    () => {},
  );
  const runs: number[] = [];
  for (let rep = 0; rep < (backend === 'cpu' ? 1 : 3); rep++) {
    const t = performance.now();
    await runModel(
      tf,
      model,
      streamOf(x, n),
      { split: 'b', file: 'mlp', classes: 10, preprocess: new Preprocess(), batchSize },
      () => {},
    );
    runs.push((performance.now() - t) / 1000);
  }
  model.dispose();
  const s = Math.min(...runs);
  console.log(
    line(`mlp 784-512-512-10 ${backend} batch ${batchSize}`, n, s) + (runs.length > 1 ? '  (best of 3)' : ''),
  );
  return s;
}

function numpy(n: number): number | null {
  const code = `
import time, numpy as np
r = np.random.default_rng(0)
L = ${JSON.stringify(LAYERS)}
W = [r.standard_normal((L[i], L[i+1]), dtype=np.float32) * 0.05 for i in range(len(L)-1)]
b = [np.zeros(L[i+1], dtype=np.float32) for i in range(len(L)-1)]
X = r.random((${n}, L[0]), dtype=np.float32)
best = 1e9
for bs in (256, 1000, 10000):
    for rep in range(5):
        t = time.perf_counter()
        for s in range(0, X.shape[0], bs):
            h = X[s:s+bs]
            for i in range(len(W)):
                h = h @ W[i] + b[i]
                if i < len(W) - 1: np.maximum(h, 0, out=h)
            e = np.exp(h - h.max(1, keepdims=True)); p = e / e.sum(1, keepdims=True); a = p.argmax(1)
        best = min(best, time.perf_counter() - t)
print(best)
`;
  if (!existsSync('/usr/bin/python3')) return null;
  const r = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return Number(r.stdout.trim());
}

export async function run(): Promise<void> {
  console.log(`${os.cpus().length} cores, node ${process.version}`);
  const backends: BackendName[] = [];
  for (const b of ['tensorflow', 'wasm', 'cpu'] as const) {
    try {
      await selectBackend(b);
      backends.push(b);
    } catch (e) {
      console.log(`${b}: not available (${(e as Error).message})`);
    }
  }

  // The digits example: whole evaluations (read CSV, preprocess, predict, metrics, report).
  const root = path.resolve('examples/digits');
  const data = ['train', 'validation', 'test'].map((name) => ({ name, path: path.join(root, 'data', `${name}.csv`) }));
  for (const b of backends)
    for (const m of ['base', 'pr']) {
      const backend = await selectBackend(b);
      await evaluateModel({
        model: path.join(root, 'models', m),
        data,
        backendHandle: backend,
        preprocess: { scale: 1 / 16 },
      });
      const r = await evaluateModel({
        model: path.join(root, 'models', m),
        data,
        backendHandle: backend,
        preprocess: { scale: 1 / 16 },
      });
      console.log(
        `digits ${m.padEnd(4)} on ${b.padEnd(10)} whole evaluation: ${r.examples} examples in ${r.seconds.toFixed(3)} s = ${Math.round(r.examples / r.seconds)} ex/s`,
      );
    }

  // The 784-512-512-10 MLP.
  const x = randomInput(N);
  const times: Record<string, number> = {};
  for (const b of backends) {
    const { tf } = await selectBackend(b);
    const n = b === 'cpu' ? 2000 : N;
    const sizes = b === 'wasm' ? [64, 128, 256, 512, 1024, 10000] : [256];
    for (const bs of sizes) times[`${b}/${bs}`] = ((await mlpSingle(tf, b, n, bs, x)) * N) / n;
  }
  const workerFile = benchWorkerFile();
  const threads = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  if (!workerFile) console.log('parallel: skipped (could not bundle src/model/worker.ts)');
  else {
    const { tf } = await selectBackend('wasm');
    // Each run end to end: spawn the workers (they load the model from memory), score all of x
    // (copy + preprocess + predict + argmax + sanity), terminate the workers. The main-thread
    // model is fresh each run, so its first call's set-up is included too.
    const configs = [
      { label: `${threads} workers, main thread idle`, workers: threads, mainComputes: false },
      { label: `main + ${threads - 1} worker${threads > 2 ? 's' : ''}`, workers: threads - 1, mainComputes: true },
    ].filter((c) => c.workers >= 1);
    for (const c of configs)
      for (const bs of [128, 256, 512]) {
        const runs: number[] = [];
        let readyAt = 0;
        for (let rep = 0; rep < 3; rep++) {
          const model = mlp(tf);
          let artifacts: tfjs.io.ModelArtifacts | null = null;
          await model.save(
            tf.io.withSaveHandler(
              async (a) => (
                (artifacts = a),
                { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
              ),
            ),
          );
          const loaded = wrapLayersModel(model, 'mlp');
          const t0 = performance.now();
          const pool = spawnWorkerPool({
            label: 'model.json',
            artifacts: artifacts!,
            backend: 'wasm',
            workers: c.workers,
            workerFile,
            mainComputes: c.mainComputes,
          });
          void pool.ready.then(() => (readyAt = (performance.now() - t0) / 1000));
          await runModel(
            tf,
            loaded,
            streamOf(x, N),
            { split: 'b', file: 'mlp', classes: 10, preprocess: new Preprocess(), batchSize: bs },
            () => {},
            pool,
          );
          await pool.close();
          runs.push((performance.now() - t0) / 1000);
          loaded.dispose();
        }
        runs.sort((a, b) => a - b);
        times[`wasm ${c.mainComputes ? 'main+' + c.workers : 'x' + c.workers}/${bs}`] = runs[0];
        console.log(
          line(`mlp wasm ${c.label} batch ${bs}`, N, runs[0]) +
            `  (best of 3, start included; median ${runs[1].toFixed(2)} s; workers ready after ${readyAt.toFixed(2)} s)`,
        );
      }
  }
  const np = numpy(N);
  if (np === null) console.log('numpy: not available');
  else {
    console.log(line('numpy (best of batch 256/1000/10000)', N, np));
    const best = Object.entries(times).sort((a, b) => a[1] - b[1])[0];
    console.log(
      `best tfjs: ${best[0]} at ${best[1].toFixed(2)} s for ${N} (worker start included) = ${(best[1] / np).toFixed(1)}x numpy's time`,
    );
    const dflt = times[`wasm main+${threads - 1}/${defaultBatchSize(LAYERS[0])}`];
    if (dflt !== undefined)
      console.log(
        `defaults (main + ${threads - 1} worker, batch ${defaultBatchSize(LAYERS[0])}): ${dflt.toFixed(2)} s = ${(dflt / np).toFixed(1)}x numpy's time`,
      );
    for (const [k, v] of Object.entries(times))
      if (k.startsWith('wasm')) console.log(`  ${k.padEnd(16)} ${(v / np).toFixed(1)}x numpy`);
  }
}
