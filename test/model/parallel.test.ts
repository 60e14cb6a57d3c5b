import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeExamples } from '../../src/core/report/examples.js';
import { selectBackend } from '../../src/model/backend.js';
import type { FeatureStream } from '../../src/io/data/types.js';
import { InputError, type ExampleBatch } from '../../src/io/types.js';
import { loadModel } from '../../src/model/load.js';
import { startWorkerPool } from '../../src/model/parallel.js';
import { Preprocess } from '../../src/model/preprocess.js';
import { runModel } from '../../src/model/run.js';
import { evaluateModel } from '../../src/pipeline/evaluate-model.js';
import { bundleEntry } from '../helpers/bundle.js';

const ROOT = path.resolve('examples/digits');
const SPLITS = ['train', 'validation', 'test'].map((name) => ({ name, path: path.join(ROOT, `data/${name}.csv`) }));

// Workers run JavaScript, not the TypeScript sources: bundle the worker entry as the build does.
let workerFile = '';
beforeAll(async () => {
  workerFile = path.join(mkdtempSync(path.join(tmpdir(), 'mg-worker-')), 'model-worker.js');
  await bundleEntry('src/model/worker.ts', workerFile);
  process.env.MODELGATE_MODEL_WORKER = workerFile;
});
afterAll(() => {
  delete process.env.MODELGATE_MODEL_WORKER;
});

describe('inference in worker threads', () => {
  it.each(['wasm', 'cpu'] as const)(
    'gives the same report as the main thread (%s), predictions in input order',
    async (name) => {
      const backend = await selectBackend(name);
      const lines: string[] = [];
      const run = (workers: number) =>
        evaluateModel({
          model: path.join(ROOT, 'models/pr'),
          data: SPLITS,
          backendHandle: backend,
          preprocess: { scale: 1 / 16 },
          batchSize: 32,
          workers,
          log: (l) => lines.push(l),
        });
      const one = await run(1);
      const two = await run(2);
      expect(one.workers).toBe(1);
      expect(two.workers).toBe(2);
      expect(lines).toContain(`inference in 2 threads on ${name} (this one and 1 worker)`);
      for (const s of ['train', 'validation', 'test']) {
        const a = decodeExamples(one.report.splits[s].predictions!, 10);
        const b = decodeExamples(two.report.splits[s].predictions!, 10);
        expect(b).toEqual(a);
        expect(two.report.splits[s].metrics).toEqual(one.report.splits[s].metrics);
      }
    },
  );

  // 2,000 pseudo-random digit-like rows (64 features in 0..1): enough for many worker messages.
  const N = 2000;
  const rows = (() => {
    let seed = 7;
    return Float32Array.from(
      { length: N * 64 },
      () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24,
    );
  })();
  const rowStream = (): FeatureStream => ({
    featureShape: [64],
    task: 'multiclass',
    count: N,
    batches: (async function* () {
      for (let s = 0; s < N; s += 300) {
        const m = Math.min(300, N - s);
        yield {
          n: m,
          x: rows.slice(s * 64, (s + m) * 64),
          truth: Uint32Array.from({ length: m }, (_, i) => (s + i) % 10),
        };
      }
    })(),
    close: async () => {},
    fingerprints: () => [],
  });

  it.each([
    ['wasm', false],
    ['wasm', true],
    ['cpu', true],
  ] as const)(
    'runModel with a pool (%s, main thread computes too: %s): same predictions, both sides used, tensors flat',
    async (name, mainComputes) => {
      const { tf } = await selectBackend(name);
      const model = await loadModel(tf, path.join(ROOT, 'models/pr'));
      let mainCalls = 0;
      const predict = model.predict;
      model.predict = (x) => (mainCalls++, predict(x));
      const go = async (pool?: Awaited<ReturnType<typeof startWorkerPool>>) => {
        const out: ExampleBatch[] = [];
        const opts = { split: 's', file: 'rows', classes: 10, preprocess: new Preprocess(), batchSize: 32 };
        await runModel(tf, model, rowStream(), opts, (b) => out.push(b), pool);
        return out.flatMap((b) => (b.task === 'multiclass' ? Array.from(b.pred) : []));
      };
      const alone = await go();
      const pool = await startWorkerPool({
        label: 'model.json',
        artifacts: model.artifacts!,
        backend: name,
        workers: 1,
        workerFile,
        mainComputes,
      });
      let sent = 0;
      const send = pool.send;
      pool.send = (...a) => (sent++, send(...a));
      mainCalls = 0;
      const before = tf.memory().numTensors;
      try {
        const both = await go(pool);
        expect(tf.memory().numTensors).toBe(before);
        expect(both).toEqual(alone);
        expect(new Set(alone).size).toBeGreaterThan(1); // the premise: predictions vary
      } finally {
        await pool.close();
        model.dispose();
      }
      expect(sent).toBeGreaterThan(0);
      if (mainComputes) expect(mainCalls).toBeGreaterThan(0);
      else expect(mainCalls).toBe(0);
    },
  );

  it('auto keeps small models in the main thread and says why', async () => {
    const backend = await selectBackend('cpu');
    const lines: string[] = [];
    const r = await evaluateModel({
      model: path.join(ROOT, 'models/base'),
      data: SPLITS.slice(2),
      backendHandle: backend,
      preprocess: { scale: 1 / 16 },
      log: (l) => lines.push(l),
    });
    expect(r.workers).toBe(1);
    expect(
      lines.some((l) => /^inference in the main thread: (small model \(4810 weights < 100000\)|one core)$/.test(l)),
    ).toBe(true);
  });

  it("a worker's model failing on a batch rejects it as a bad input of the model's", async () => {
    const { tf } = await selectBackend('cpu');
    const model = await loadModel(tf, path.join(ROOT, 'models/base'));
    const pool = await startWorkerPool({
      label: 'models/base/model.json',
      artifacts: model.artifacts!,
      backend: 'cpu',
      workers: 1,
      workerFile,
      mainComputes: false,
    });
    try {
      // 3 features where the model takes 64: its first matMul fails in the worker.
      const sent = pool.send(new Float32Array(6), 2, [3], 2);
      await expect(sent).rejects.toBeInstanceOf(InputError);
      await expect(pool.send(new Float32Array(6), 2, [3], 2)).rejects.toThrow(
        /^models\/base\/model\.json: the model failed: \S[^\n]*$/,
      );
    } finally {
      await pool.close();
      model.dispose();
    }
  });

  it('a worker that cannot load the model fails the start with its message', async () => {
    await expect(
      startWorkerPool({
        label: 'model.json',
        artifacts: { modelTopology: { node: [] }, weightSpecs: [], weightData: new ArrayBuffer(0) },
        graph: false,
        backend: 'cpu',
        workers: 1,
        workerFile,
      }),
    ).rejects.toThrow(/^model worker 0: /);
  });
});

describe('a graph model whose input is int32 (raw pixels, scaled inside the graph)', () => {
  // models/base-graph-int (examples/digits/make-graph-model.mjs --int-input): Cast to float, then
  // Mul by 1/16, then the base MLP: on the raw integer pixels it must predict what the float
  // layers model predicts on pixels scaled by 1/16, in this thread and in a worker.
  it.each([1, 2])('with %i thread(s) gives the layers model\'s report on scaled pixels', async (workers) => {
    const backend = await selectBackend('cpu');
    const [float, int] = await Promise.all([
      evaluateModel({ model: path.join(ROOT, 'models/base'), data: SPLITS, backendHandle: backend, preprocess: { scale: 1 / 16 } }),
      evaluateModel({ model: path.join(ROOT, 'models/base-graph-int'), data: SPLITS, backendHandle: backend, batchSize: 32, workers }),
    ]);
    expect(int.workers).toBe(workers);
    for (const s of ['train', 'validation', 'test']) {
      expect(decodeExamples(int.report.splits[s].predictions!, 10)).toEqual(decodeExamples(float.report.splits[s].predictions!, 10));
      expect(int.report.splits[s].metrics).toEqual(float.report.splits[s].metrics);
    }
    expect(int.report.splits.test.metrics.accuracy).toBeGreaterThan(0.9);
  });

  it('refuses features that are not integers, naming the example and the feature', async () => {
    const backend = await selectBackend('cpu');
    await expect(
      evaluateModel({
        model: path.join(ROOT, 'models/base-graph-int'),
        data: SPLITS.slice(2),
        backendHandle: backend,
        preprocess: { scale: 1 / 16 },
      }),
    ).rejects.toThrow(
      /test\.csv: example 1, feature 2 is 0\.0625 after reading and preprocessing, but the model's input is int32: give it the integers as they are \(ids, counts, raw pixels\), with no scale, mean, std, resize or channel conversion$/,
    );
  });

  /** test.csv with example `row` (1-based), feature 5 set to `value`, in a temporary folder. */
  function withFeature(row: number, value: string): string {
    const lines = readFileSync(SPLITS[2].path, 'utf8').split('\n');
    const cells = lines[row].split(',');
    cells[4] = value;
    lines[row] = cells.join(',');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mg-int-')), 'test.csv');
    writeFileSync(file, lines.join('\n'));
    return file;
  }

  it('an integer past what a float32 holds apart (2^23) is refused: the reader may have rounded it', async () => {
    const backend = await selectBackend('cpu');
    // 16777217 is read as 16777216 (a float32), which an int32 input would take silently.
    const file = withFeature(300, '16777217');
    await expect(
      evaluateModel({ model: path.join(ROOT, 'models/base-graph-int'), data: [{ name: 'test', path: file }], backendHandle: backend }),
    ).rejects.toThrow(/test\.csv: example 300, feature 5 is 16777216 after reading and preprocessing, but the model's input is int32 \(-8,388,607 to 8,388,607: what a float32 feature holds exactly\)$/);
  });

  it('a shard names the example by its row in the file', async () => {
    const backend = await selectBackend('cpu');
    const file = withFeature(300, '2.5');
    await expect(
      evaluateModel({
        model: path.join(ROOT, 'models/base-graph-int'),
        data: [{ name: 'test', path: file }],
        backendHandle: backend,
        shard: { index: 3, count: 3 },
      }),
    ).rejects.toThrow(/test\.csv: example 300, feature 5 is 2\.5 after reading/);
  });

  it('an image folder: integer pixels pass; a refused one is named by its image', async () => {
    const { PNG } = await import('pngjs');
    const root = mkdtempSync(path.join(tmpdir(), 'mg-int-imgs-'));
    // The first 8 test digits as 8x8 grayscale PNGs of their raw 0..16 pixels, by label folder.
    const rows = readFileSync(SPLITS[2].path, 'utf8').trim().split('\n').slice(1, 9).map((l) => l.split(',').map(Number));
    // Every digit's folder, some empty: the model's 10 outputs are the folders' classes.
    for (let d = 0; d < 10; d++) mkdirSync(path.join(root, String(d)));
    rows.forEach((r, i) => {
      const label = String(r[64]);
      mkdirSync(path.join(root, label), { recursive: true });
      const p = new PNG({ width: 8, height: 8 });
      for (let q = 0; q < 64; q++) p.data.set([r[q], r[q], r[q], 255], q * 4);
      writeFileSync(path.join(root, label, `img${i}.png`), PNG.sync.write(p));
    });
    const backend = await selectBackend('cpu');
    const model = path.join(ROOT, 'models/base-graph-int');
    const ok = await evaluateModel({ model, data: [{ name: 'test', path: root }], backendHandle: backend, preprocess: { channels: 1 } });
    expect(ok.report.splits.test.examples).toBe(8);
    // Halved, an odd pixel is a fraction: the first such image, in the folder's order, is named.
    const first = readdirSync(root).sort()[0];
    const img = readdirSync(path.join(root, first)).sort()[0];
    await expect(
      evaluateModel({ model, data: [{ name: 'test', path: root }], backendHandle: backend, preprocess: { channels: 1, scale: 0.5 } }),
    ).rejects.toThrow(new RegExp(`: example 1 \\(${first}/${img}\\), feature \\d+ is \\d+\\.5 after reading and preprocessing`));
  });

  it("a uint8 placeholder's range is checked (TensorFlow.js feeds it as int32)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-u8-'));
    cpSync(path.join(ROOT, 'models/base-graph-int'), dir, { recursive: true });
    const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
    json.modelTopology.node[0].attr.dtype.type = 'DT_UINT8';
    json.modelTopology.node[1].attr.SrcT.type = 'DT_UINT8';
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    const backend = await selectBackend('cpu');
    const ok = await evaluateModel({ model: dir, data: SPLITS.slice(2), backendHandle: backend });
    expect(ok.report.splits.test.metrics.accuracy).toBeGreaterThan(0.9);
    await expect(
      evaluateModel({ model: dir, data: [{ name: 'test', path: withFeature(7, '300') }], backendHandle: backend }),
    ).rejects.toThrow(/example 7, feature 5 is 300 after reading and preprocessing, but the model's input is uint8 \(0 to 255\)$/);
  });

  it('a model whose input is neither float32 nor int32 is refused when loaded', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-bool-'));
    cpSync(path.join(ROOT, 'models/base-graph-int'), dir, { recursive: true });
    const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
    json.modelTopology.node[0].attr.dtype.type = 'DT_BOOL';
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    const { tf } = await selectBackend('cpu');
    const err = await loadModel(tf, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/the model's input is bool \(DT_BOOL\); modelgate feeds float32 or integer features$/);
    // A type TensorFlow.js has no dtype for is named from the graph.
    json.modelTopology.node[0].attr.dtype.type = 'DT_INT16';
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    const int16 = await loadModel(tf, dir).catch((e: unknown) => e);
    expect((int16 as Error).message).toMatch(/the model's input is of a type TensorFlow\.js has no dtype for \(DT_INT16\)/);
  });
});
