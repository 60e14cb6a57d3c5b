import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selectBackend, type BackendName } from '../../src/model/backend.js';
import { loadModel } from '../../src/model/load.js';
import { InputError } from '../../src/io/types.js';

const MODELS = path.resolve('examples/digits/models');
const HAS_TFJS_NODE = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();
const csvRows = readFileSync('examples/digits/data/validation.csv', 'utf8').trim().split('\n').slice(1, 41);
const X = Float32Array.from(
  csvRows.flatMap((l) =>
    l
      .split(',')
      .slice(0, 64)
      .map((v) => Number(v) / 16),
  ),
);

async function predictOn(backend: BackendName, dir: string): Promise<Float32Array> {
  const b = await selectBackend(backend);
  expect(b.name).toBe(backend);
  const m = await loadModel(b.tf, dir);
  const y = m.predict(b.tf.tensor(X, [40, 64]));
  const out = (await y.data()) as Float32Array;
  y.dispose();
  m.dispose();
  return out;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** The same MLP computed by hand in float64 from the weight file: the oracle for both formats. */
function reference(): Float64Array {
  const json = JSON.parse(readFileSync(path.join(MODELS, 'base/model.json'), 'utf8'));
  const bin = readFileSync(path.join(MODELS, 'base', json.weightsManifest[0].paths[0]));
  const all = new Float32Array(bin.buffer, bin.byteOffset, bin.length / 4);
  const specs = json.weightsManifest[0].weights as { shape: number[] }[];
  let off = 0;
  const w = specs.map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const v = all.subarray(off, off + n);
    off += n;
    return { v, shape: s.shape };
  });
  const out = new Float64Array(40 * 10);
  for (let i = 0; i < 40; i++) {
    let h: number[] = Array.from(X.subarray(i * 64, i * 64 + 64));
    for (let k = 0; k < 2; k++) {
      const [kin, kout] = w[2 * k].shape;
      const z = new Array(kout).fill(0).map((_, j) => {
        let s = w[2 * k + 1].v[j];
        for (let q = 0; q < kin; q++) s += h[q] * w[2 * k].v[q * kout + j];
        return s;
      });
      if (k === 0) h = z.map((v) => Math.max(0, v));
      else {
        const m = Math.max(...z);
        const e = z.map((v) => Math.exp(v - m));
        const t = e.reduce((a, b) => a + b, 0);
        h = e.map((v) => v / t);
      }
    }
    out.set(h, i * 10);
  }
  return out;
}

describe('loading TensorFlow.js models from the file system', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('a layers model and a graph model predict the same on wasm and cpu, matching a float64 reference', async () => {
    const ref = reference();
    const results: Record<string, Float32Array> = {};
    for (const backend of ['wasm', 'cpu'] as const)
      for (const kind of ['base', 'base-graph'])
        results[`${backend}/${kind}`] = await predictOn(backend, path.join(MODELS, kind));
    expect(Object.keys(results)).toHaveLength(4);
    for (const v of Object.values(results)) {
      expect(maxAbsDiff(v, Float32Array.from(ref))).toBeLessThan(1e-5);
    }
  });

  it('without tfjs-node, auto falls back to wasm and names why; a request for tensorflow is an error', async () => {
    const b = await selectBackend('auto');
    if (b.name === 'tensorflow') return void expect(HAS_TFJS_NODE).toBe(true);
    expect(b.skipped[0].name).toBe('tensorflow');
    expect(b.name).toBe('wasm');
    expect(b.why).toBe(`backend: wasm (SIMD) (auto); skipped tensorflow: ${b.skipped[0].reason}`);
    await expect(selectBackend('tensorflow')).rejects.toThrow(
      `backend tensorflow is not available: ${b.skipped[0].reason}`,
    );
    await expect(selectBackend('gpu' as never)).rejects.toThrow(
      'backend must be one of auto, tensorflow, wasm, cpu, got "gpu"',
    );
  });

  // Skipped (and counted as skipped) where @tensorflow/tfjs-node is not installed.
  (HAS_TFJS_NODE ? it : it.skip)('through tfjs-node where installed', async () => {
    const b = await selectBackend('tensorflow');
    expect(b.name).toBe('tensorflow');
    const m = await loadModel(b.tf, path.join(MODELS, 'base'));
    const y = m.predict(b.tf.tensor(X, [40, 64]));
    expect(maxAbsDiff((await y.data()) as Float32Array, Float32Array.from(reference()))).toBeLessThan(1e-5);
  });

  it('a SavedModel directory goes to tf.node.loadSavedModel (a stand-in here), with the same output checks', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mg-saved-'));
    writeFileSync(path.join(dir, 'saved_model.pb'), 'stand-in');
    const { tf: t } = await selectBackend('cpu');
    const loaded: string[] = [];
    const standIn = (outputs: number[][]) => ({
      ...t,
      node: {
        loadSavedModel: async (d: string) => {
          loaded.push(d);
          return {
            inputs: [{ shape: [-1, 64] }],
            outputs: outputs.map((shape) => ({ shape })),
            predict: (x: tf.Tensor) => t.softmax(t.ones([x.shape[0], 10])),
            dispose: () => {},
          };
        },
      },
    });
    const m = await loadModel(standIn([[-1, 10]]) as never, dir);
    expect([m.kind, m.label, m.inputShape, m.outputSize, loaded]).toEqual(['saved-model', dir, [64], 10, [dir]]);
    const y = m.predict(t.zeros([3, 64]));
    expect(y.shape).toEqual([3, 10]);
    y.dispose();
    await expect(
      loadModel(
        standIn([
          [-1, 10],
          [-1, 2],
        ]) as never,
        dir,
      ),
    ).rejects.toThrow(`${dir}: model has 2 outputs ([batch?, 10], [batch?, 2]); expected one output`);
    await expect(loadModel(t, dir)).rejects.toThrow(`${dir}: is a TensorFlow SavedModel`);
  });

  it('reports the kind, the input shape, the output size and the last activation', async () => {
    const { tf: t } = await selectBackend('cpu');
    const layers = await loadModel(t, path.join(MODELS, 'pr/model.json'));
    expect([layers.kind, layers.inputShape, layers.outputSize, layers.activation]).toEqual([
      'layers',
      [64],
      10,
      'softmax',
    ]);
    const graph = await loadModel(t, path.join(MODELS, 'base-graph'));
    expect([graph.kind, graph.inputShape, graph.activation]).toEqual(['graph', [64], 'softmax']);
    layers.dispose();
    graph.dispose();
  });
});

describe('untrusted model.json', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mg-model-'));
  const base = JSON.parse(readFileSync(path.join(MODELS, 'base/model.json'), 'utf8'));
  const write = (name: string, patch: (j: typeof base) => void) => {
    const d = path.join(dir, name);
    mkdirSync(d, { recursive: true });
    const j = structuredClone(base);
    patch(j);
    writeFileSync(path.join(d, 'model.json'), JSON.stringify(j));
    copyFileSync(path.join(MODELS, 'base/group1-shard1of1.bin'), path.join(d, 'group1-shard1of1.bin'));
    return d;
  };

  it.each([
    ['../escape.bin', 'escapes the model directory'],
    ['a/../../escape.bin', 'escapes the model directory'],
    ['/etc/passwd', 'is absolute'],
    ['http://example.com/w.bin', 'is a URL'],
    ['file:///etc/passwd', 'is a URL'],
  ])('refuses the weight path %s', async (p, why) => {
    const d = write(`bad${Math.random()}`, (j) => (j.weightsManifest[0].paths = [p]));
    const { tf: t } = await selectBackend('cpu');
    const err = await loadModel(t, d).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain(why);
    expect(err.message).toContain('weightsManifest[0].paths[0]');
  });

  it('refuses weights whose size does not match the manifest', async () => {
    const d = write('short', (j) => (j.weightsManifest[0].weights[0].shape = [64, 65]));
    const { tf: t } = await selectBackend('cpu');
    await expect(loadModel(t, d)).rejects.toThrow(/weights declare 19496 bytes but the weight files hold 19240 bytes/);
  });

  it('refuses a weight file listed twice before reading it again', async () => {
    const d = write('twice', (j) => j.weightsManifest[0].paths.push(j.weightsManifest[0].paths[0]));
    const { tf: t } = await selectBackend('cpu');
    const err = await loadModel(t, d).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/weightsManifest\[0\]\.paths\[1\]: lists \S+ again; expected each weight file once$/);
  });

  it('names a missing model', async () => {
    const { tf: t } = await selectBackend('cpu');
    await expect(loadModel(t, path.join(dir, 'nothing'))).rejects.toThrow(/model not found/);
  });
});

describe('wrong shapes', () => {
  it('a model with two outputs is refused naming both shapes', async () => {
    const { tf: t } = await selectBackend('cpu');
    const input = t.input({ shape: [4] });
    const a = t.layers.dense({ units: 3 }).apply(input) as tf.SymbolicTensor;
    const b = t.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor;
    const m = t.model({ inputs: input, outputs: [a, b] });
    const d = mkdtempSync(path.join(tmpdir(), 'mg-two-'));
    await m.save(
      t.io.withSaveHandler(async (art) => {
        writeFileSync(path.join(d, 'w.bin'), Buffer.from(art.weightData as ArrayBuffer));
        writeFileSync(
          path.join(d, 'model.json'),
          JSON.stringify({
            modelTopology: art.modelTopology,
            format: 'layers-model',
            weightsManifest: [{ paths: ['w.bin'], weights: art.weightSpecs }],
          }),
        );
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    await expect(loadModel(t, d)).rejects.toThrow(
      'model has 2 outputs ([batch?, 3], [batch?, 2]); expected one output',
    );
  });

  it("the model's own failure on a batch is a bad input of the model's, not an internal error", async () => {
    const { tf: t } = await selectBackend('cpu');
    const m = await loadModel(t, path.join(MODELS, 'base'));
    // A matMul of mismatched shapes inside the model: the input has 3 features where it takes 64.
    const x = t.zeros([2, 3]);
    let caught: unknown;
    try {
      m.predict(x).dispose();
    } catch (e) {
      caught = e;
    } finally {
      x.dispose();
      m.dispose();
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toMatch(/model\.json: the model failed on a batch of shape \[2, 3\]: \S/);
    expect((caught as Error).message).not.toMatch(/\n/);
  });

  it('an output of rank 3 is refused naming the shape', async () => {
    const { tf: t } = await selectBackend('cpu');
    const m = t.sequential({ layers: [t.layers.reshape({ inputShape: [6], targetShape: [2, 3] })] });
    const d = mkdtempSync(path.join(tmpdir(), 'mg-r3-'));
    await m.save(
      t.io.withSaveHandler(async (art) => {
        writeFileSync(
          path.join(d, 'model.json'),
          JSON.stringify({ modelTopology: art.modelTopology, format: 'layers-model', weightsManifest: [] }),
        );
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    await expect(loadModel(t, d)).rejects.toThrow(
      'model output has shape [batch?, 2, 3]; expected [batch, classes] (rank 2)',
    );
  });
});
