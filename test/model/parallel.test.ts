import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeExamples } from '../../src/core/report/examples.js';
import { selectBackend } from '../../src/model/backend.js';
import { startWorkerPool } from '../../src/model/parallel.js';
import { evaluateModel } from '../../src/pipeline/evaluate-model.js';

const ROOT = path.resolve('examples/digits');
const SPLITS = ['train', 'validation', 'test'].map((name) => ({ name, path: path.join(ROOT, `data/${name}.csv`) }));

// Workers run JavaScript, not the TypeScript sources: bundle the worker entry as the build does.
let workerFile = '';
beforeAll(async () => {
  workerFile = path.join(mkdtempSync(path.join(tmpdir(), 'mg-worker-')), 'model-worker.js');
  await build({
    entryPoints: ['src/model/worker.ts'],
    outfile: workerFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['@tensorflow/tfjs-node'],
    // The banner of scripts/build.mjs: the wasm backend's CommonJS glue needs require and __dirname.
    banner: {
      js: ((await import(pathToFileURL(path.resolve('scripts/esm-banner.mjs')).href)) as { ESM_BANNER: string })
        .ESM_BANNER,
    },
    nodePaths: [path.resolve('node_modules')],
    logLevel: 'error',
  });
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
      expect(lines).toContain(`inference in 2 worker threads on ${name}`);
      for (const s of ['train', 'validation', 'test']) {
        const a = decodeExamples(one.report.splits[s].predictions!, 10);
        const b = decodeExamples(two.report.splits[s].predictions!, 10);
        expect(b).toEqual(a);
        expect(two.report.splits[s].metrics).toEqual(one.report.splits[s].metrics);
      }
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

  it('a worker that cannot load the model fails the start with its message', async () => {
    await expect(
      startWorkerPool({
        artifacts: { modelTopology: { node: [] }, weightSpecs: [], weightData: new ArrayBuffer(0) },
        graph: false,
        backend: 'cpu',
        workers: 1,
        workerFile,
      }),
    ).rejects.toThrow(/^model worker 0: /);
  });
});
