import * as tf from '@tensorflow/tfjs';
import type { FeatureStream } from '../../src/io/data/types.js';
import type { ExampleBatch } from '../../src/io/types.js';
import { selectBackend } from '../../src/model/backend.js';
import type { LoadedModel, OutputActivation } from '../../src/model/load.js';
import { parsePreprocess, Preprocess } from '../../src/model/preprocess.js';
import { defaultBatchSize, inputShapeFor, runModel } from '../../src/model/run.js';

/** A model from a function of the input tensor. */
function fake(
  outputs: number,
  activation: OutputActivation,
  f: (x: tf.Tensor) => tf.Tensor,
  inputShape: (number | null)[] | null = [2],
): LoadedModel {
  return {
    kind: 'layers',
    label: 'fake/model.json',
    inputShape,
    inputDtype: 'float32',
    outputSize: outputs,
    activation,
    predict: (x) => tf.tidy(() => f(x)),
    dispose: () => {},
  };
}

/** A multiclass stream of rows and labels, in batches of `bs`. */
function stream(rows: number[][], labels: number[], bs = 3): FeatureStream {
  const f = rows[0].length;
  return {
    featureShape: [f],
    task: 'multiclass',
    count: rows.length,
    batches: (async function* () {
      for (let s = 0; s < rows.length; s += bs) {
        const r = rows.slice(s, s + bs);
        yield { n: r.length, x: Float32Array.from(r.flat()), truth: Uint32Array.from(labels.slice(s, s + bs)) };
      }
    })(),
    close: async () => {},
    fingerprints: () => [],
  };
}

async function run(model: LoadedModel, s: FeatureStream, classes: number, extra = {}) {
  const out: ExampleBatch[] = [];
  const r = await runModel(
    tf,
    model,
    s,
    { split: 'validation', file: 'v.csv', classes, preprocess: new Preprocess(), batchSize: 4, ...extra },
    (b) => out.push(b),
  );
  return { ...r, batches: out };
}

const rows = Array.from({ length: 40 }, (_, i) => [i % 4, (i * 7) % 5]);
const labels = rows.map((r) => r[0] % 3);

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('runModel', () => {
  it('argmax predictions, cut to the batch size, truth passed through', async () => {
    // Scores: class k gets -(x0 - k)^2, so the prediction is x0 clamped to 0..2.
    const m = fake(3, 'other', (x) => {
      const x0 = x.slice([0, 0], [-1, 1]);
      return tf.neg(tf.square(tf.sub(x0, tf.tensor2d([[0, 1, 2]]))));
    });
    const r = await run(m, stream(rows, labels, 10), 3);
    // Reader batches of 10 cut into model calls of at most 4.
    expect(r.batches.map((b) => b.n)).toEqual([4, 4, 2, 4, 4, 2, 4, 4, 2, 4, 4, 2]);
    const pred = r.batches.flatMap((b) => (b.task === 'multiclass' ? Array.from(b.pred) : []));
    const truth = r.batches.flatMap((b) => (b.task === 'multiclass' ? Array.from(b.truth) : []));
    expect(pred).toEqual(rows.map((x) => Math.min(x[0], 2)));
    expect(truth).toEqual(labels);
    expect(r.examples).toBe(40);
  });

  it('multi-label: score >= threshold per class; binary single sigmoid: class 1 when >= threshold', async () => {
    const m = fake(2, 'sigmoid', (x) => tf.div(x, 10));
    const s: FeatureStream = {
      featureShape: [2],
      task: 'multilabel',
      count: 3,
      batches: (async function* () {
        yield {
          n: 3,
          x: Float32Array.from([5, 1, 3, 9, 7, 7]),
          truthOffsets: Uint32Array.from([0, 1, 1, 3]),
          truthIndices: Uint32Array.from([0, 0, 1]),
        };
      })(),
      close: async () => {},
      fingerprints: () => [],
    };
    const r = await run(m, s, 2, { thresholds: Float32Array.from([0.5, 0.8]) });
    const b = r.batches[0];
    if (b.task !== 'multilabel') throw new Error('multilabel expected');
    expect(Array.from(b.predOffsets)).toEqual([0, 1, 2, 3]);
    expect(Array.from(b.predIndices)).toEqual([0, 1, 0]);
    expect(Array.from(b.truthIndices)).toEqual([0, 0, 1]);

    const bin = fake(1, 'sigmoid', (x) => tf.sigmoid(x.slice([0, 0], [-1, 1])), [2]);
    const rb = await run(
      bin,
      stream(
        [
          [-1, 0],
          [0, 0],
          [2, 0],
        ],
        [0, 1, 1],
      ),
      2,
    );
    const pb = rb.batches[0];
    expect(pb.task === 'multiclass' && Array.from(pb.pred)).toEqual([0, 1, 1]);
    // Per-class thresholds: the one output is class 1's probability, so class 1's threshold decides
    // (sigmoid 0 = 0.5 and sigmoid 2 = 0.88 are below 0.9; class 0's 0.1 would have called all three 1).
    const rt = await run(
      bin,
      stream(
        [
          [-1, 0],
          [0, 0],
          [2, 0],
          [3, 0],
        ],
        [0, 1, 1, 1],
        4,
      ),
      2,
      { thresholds: Float32Array.from([0.1, 0.9]) },
    );
    const pt = rt.batches[0];
    expect(pt.task === 'multiclass' && Array.from(pt.pred)).toEqual([0, 0, 0, 1]);
  });

  it('a threshold never decides on logits: outputs outside [0, 1] of a model without a sigmoid stop the run', async () => {
    // A stream is read once: a fresh one for each run.
    const data = () =>
      stream(
        [
          [0.3, 0],
          [-1, 0],
          [2, 0],
          [0.7, 0],
        ],
        [1, 0, 1, 1],
      );
    // One linear output (a logit): 0.3 is a probability of 0.57, which 0.5 would have called class 0.
    const logit = fake(1, 'other', (x) => x.slice([0, 0], [-1, 1]));
    await expect(run(logit, data(), 2)).rejects.toThrow(
      /^fake\/model\.json: output -1 \(example 2\) is not a probability, and a threshold decides on probabilities; the model does not end in a sigmoid or softmax/,
    );
    // Multi-label, every output thresholded: the same.
    const ml: FeatureStream = {
      featureShape: [2],
      task: 'multilabel',
      count: 1,
      batches: (async function* () {
        yield {
          n: 1,
          x: Float32Array.from([0.2, 1.5]),
          truthOffsets: Uint32Array.from([0, 1]),
          truthIndices: Uint32Array.from([1]),
        };
      })(),
      close: async () => {},
      fingerprints: () => [],
    };
    await expect(
      run(
        fake(2, 'other', (x) => x),
        ml,
        2,
      ),
    ).rejects.toThrow(/output 1\.5 \(example 1\) is not a probability/);
    // Control: outputs in [0, 1] are taken as probabilities; a multiclass arg-max never needs them to be.
    const inRange = await run(
      fake(1, 'other', (x) => tf.clipByValue(x.slice([0, 0], [-1, 1]), 0, 1)),
      data(),
      2,
    );
    expect(inRange.batches.flatMap((b) => (b.task === 'multiclass' ? Array.from(b.pred) : []))).toEqual([0, 0, 1, 1]);
    const argmax = await run(
      fake(2, 'other', (x) => tf.mul(x, 10)),
      data(),
      2,
    );
    expect(argmax.batches.length).toBeGreaterThan(0);
  });

  it('default batch: 256 examples, fewer when one call would pass 64 MB of input', async () => {
    expect(defaultBatchSize(784)).toBe(256);
    expect(defaultBatchSize(224 * 224 * 3)).toBe(111); // 67,108,864 / 602,112 bytes
    expect(defaultBatchSize(64 * 2 ** 20)).toBe(1);
    const big = Array.from({ length: 600 }, (_, i) => [i % 4, 1]);
    const out: ExampleBatch[] = [];
    const m = fake(3, 'other', (x) => tf.matMul(x, tf.ones([2, 3])));
    const opts = { split: 's', file: 'v.csv', classes: 3, preprocess: new Preprocess() };
    await runModel(
      tf,
      m,
      stream(
        big,
        big.map(() => 0),
        600,
      ),
      opts,
      (b) => out.push(b),
    );
    expect(out.map((b) => b.n)).toEqual([256, 256, 88]);
  });

  it('keeps the tensor count flat', async () => {
    const m = fake(3, 'softmax', (x) => tf.softmax(tf.matMul(x, tf.ones([2, 3]))));
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    await run(m, stream(rows, labels, 10), 3, { onProgress: () => counts.push(tf.memory().numTensors) });
    expect(counts.length).toBe(12);
    expect(new Set(counts)).toEqual(new Set([before]));
  });

  it('progress reports done, total, rate and time left', async () => {
    const m = fake(3, 'other', (x) => tf.matMul(x, tf.ones([2, 3])));
    const seen: { done: number; total: number | null; eta: number | null }[] = [];
    await run(m, stream(rows, labels, 40), 3, {
      batchSize: 16,
      onProgress: (p: { done: number; total: number | null; etaSeconds: number | null; perSecond: number }) => {
        expect(p.perSecond).toBeGreaterThan(0);
        seen.push({ done: p.done, total: p.total, eta: p.etaSeconds });
      },
    });
    expect(seen.map((s) => s.done)).toEqual([16, 32, 40]);
    expect(seen.every((s) => s.total === 40 && s.eta !== null)).toBe(true);
    expect(seen[2].eta).toBe(0);
  });
});

describe('sanity findings', () => {
  const codes = (r: { sanity: { code: string; level: string }[] }) =>
    r.sanity.map((f) => `${f.level}:${f.code}`).sort();

  it('a sound model has none', async () => {
    // Predicts the label itself (x0 % 3) with softmax-ed one-hot scores.
    const m = fake(3, 'softmax', (x) =>
      tf.softmax(tf.mul(tf.oneHot(tf.mod(x.slice([0, 0], [-1, 1]).squeeze([1]), 3).toInt(), 3).toFloat(), 5)),
    );
    expect(codes(await run(m, stream(rows, labels), 3))).toEqual([]);
  });

  it('constant output', async () => {
    const m = fake(3, 'softmax', (x) => tf.softmax(tf.zeros([x.shape[0], 3])));
    // What the predictions say (every one is the same class, chance level) is judged from the report (test/core/report/sanity.test.ts).
    expect(codes(await run(m, stream(rows, labels), 3))).toEqual(['fail:constant-output']);
  });

  it('NaN and infinite outputs', async () => {
    const m = fake(3, 'other', (x) => tf.div(tf.matMul(x, tf.ones([2, 3])), tf.zeros([1, 3])));
    const r = await run(m, stream(rows, labels), 3);
    const nf = r.sanity.find((f) => f.code === 'non-finite')!;
    expect(nf.level).toBe('fail');
    // x . [1,1] = 0 only for rows (0, 0): 0/0 = NaN; every other row gives +inf. All 120 outputs are non-finite.
    expect(nf.message).toBe('120 model outputs are NaN or infinite (first in example 1)');
  });

  it('scores that are not probabilities although the model ends in softmax', async () => {
    const m = fake(3, 'softmax', (x) =>
      tf.mul(
        tf.softmax(
          tf.matMul(
            x,
            tf.tensor2d([
              [1, 0, 0],
              [0, 1, 0],
            ]),
          ),
        ),
        2,
      ),
    );
    const r = await run(m, stream(rows, labels), 3);
    expect(codes(r)).toContain('warn:not-probabilities');
    // Logits from a linear last layer are not checked unless asked for.
    const logits = fake(3, 'other', (x) =>
      tf.matMul(
        x,
        tf.tensor2d([
          [1, 0, 0],
          [0, 1, 0],
        ]),
      ),
    );
    expect(codes(await run(logits, stream(rows, labels), 3))).not.toContain('warn:not-probabilities');
    expect(codes(await run(logits, stream(rows, labels), 3, { expectProbabilities: true }))).toContain(
      'warn:not-probabilities',
    );
  });
});

describe('input shapes and preprocessing', () => {
  const m = (shape: (number | null)[] | null) => fake(10, 'softmax', (x) => x, shape);
  it('feeds the model its own layout when only the layout differs', () => {
    expect(inputShapeFor(m([8, 8, 1]), [64], 'd.csv')).toEqual([8, 8, 1]);
    expect(inputShapeFor(m([null]), [64], 'd.csv')).toEqual([64]);
    // A graph model without an input shape takes the data's as it is (it said "expects [batch]").
    expect(inputShapeFor(m(null), [8, 8, 1], 'imgs')).toEqual([8, 8, 1]);
    expect(() => inputShapeFor(m([784]), [64], 'd.csv')).toThrow(
      'd.csv: examples have shape [64] but the model expects input [batch, 784]',
    );
    // Images: flat models and size-1 axes take them; another order of the same size would scramble them.
    expect(inputShapeFor(m([48]), [4, 4, 3], 'imgs')).toEqual([48]);
    expect(inputShapeFor(m([8, 8]), [8, 8, 1], 'imgs')).toEqual([8, 8]);
    expect(() => inputShapeFor(m([3, 4, 4]), [4, 4, 3], 'imgs')).toThrow(
      'imgs: examples have shape [4, 4, 3] but the model expects input [batch, 3, 4, 4]: the same size in another order',
    );
    expect(() => inputShapeFor(m([64, 32, 3]), [32, 64, 3], 'imgs')).toThrow(/the same size in another order/);
  });

  it('scale, then mean and std per feature or per channel', () => {
    const p = new Preprocess({ scale: 0.5, mean: [1, 2, 3], std: [1, 2, 4] });
    const x = Float32Array.from([2, 4, 6, 8, 10, 12]); // two pixels of 3 channels
    p.bind([1, 2, 3])(x);
    expect(Array.from(x)).toEqual([(1 - 1) / 1, (2 - 2) / 2, (3 - 3) / 4, (4 - 1) / 1, (5 - 2) / 2, (6 - 3) / 4]);
    expect(() => new Preprocess({ mean: [1, 2] }).bind([5])).toThrow(
      'preprocess.mean has 2 values; expected 1, one per feature (5) or one per channel (5)',
    );
  });

  it('parses configuration and refuses what it cannot use', () => {
    expect(
      parsePreprocess({ scale: '1/255', mean: '0.5, 0.4, 0.3', std: 0.2, resize: [28, 28], channels: '1' }),
    ).toEqual({
      scale: 1 / 255,
      mean: [0.5, 0.4, 0.3],
      std: 0.2,
      resize: [28, 28],
      channels: 1,
    });
    expect(() => parsePreprocess({ std: [1, 0] })).toThrow('preprocess.std must not contain 0');
    expect(() => parsePreprocess({ resize: [28] })).toThrow('preprocess.resize must be [height, width]');
    expect(() => parsePreprocess({ resize: [50000, 50000] })).toThrow(
      'preprocess.resize [50000, 50000] is 2500000000 pixels; expected at most 67108864 (8192x8192)',
    );
    expect(parsePreprocess({ resize: [8192, 8192] }).resize).toEqual([8192, 8192]);
    expect(() => parsePreprocess({ channels: 4 })).toThrow('preprocess.channels must be 1 or 3');
    expect(() => parsePreprocess({ scael: 1 })).toThrow('preprocess.scael is not a known option');
  });
});
