// A float64 forward pass of a Dense-only TensorFlow.js layers model (relu/softmax/sigmoid/linear),
// computed from model.json and its weight file without TensorFlow.js: the oracle that model
// tests compare the runner's predictions with. Also reads the digits example's CSV splits.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Mlp {
  layers: { w: Float32Array; b: Float32Array; nin: number; nout: number; act: string }[];
}

export function readMlp(dir: string): Mlp {
  const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const bin = readFileSync(path.join(dir, json.weightsManifest[0].paths[0]));
  const all = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length));
  const specs = json.weightsManifest[0].weights as { shape: number[] }[];
  const dense = (json.modelTopology.config.layers as { class_name: string; config: { activation: string } }[]).filter(
    (l) => l.class_name === 'Dense',
  );
  let off = 0;
  const take = (n: number) => all.subarray(off, (off += n));
  return {
    layers: dense.map((l, k) => {
      const [nin, nout] = specs[2 * k].shape;
      return { w: take(nin * nout), b: take(nout), nin, nout, act: l.config.activation };
    }),
  };
}

export function forward(m: Mlp, x: ArrayLike<number>): number[] {
  let h = Array.from(x);
  for (const L of m.layers) {
    const z = new Array<number>(L.nout);
    for (let j = 0; j < L.nout; j++) {
      let s = L.b[j];
      for (let q = 0; q < L.nin; q++) s += h[q] * L.w[q * L.nout + j];
      z[j] = s;
    }
    if (L.act === 'relu') h = z.map((v) => Math.max(0, v));
    else if (L.act === 'softmax') {
      const mx = Math.max(...z);
      const e = z.map((v) => Math.exp(v - mx));
      const t = e.reduce((a, b) => a + b, 0);
      h = e.map((v) => v / t);
    } else if (L.act === 'sigmoid') h = z.map((v) => 1 / (1 + Math.exp(-v)));
    else h = z;
  }
  return h;
}

export function argmax(v: number[]): number {
  let best = 0;
  for (let j = 1; j < v.length; j++) if (v[j] > v[best]) best = j;
  return best;
}

/** A digits split: pixel rows (0..16) and labels. */
export function readDigitsCsv(file: string): { x: number[][]; y: number[] } {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => r.slice(0, 64)), y: rows.map((r) => r[64]) };
}

/** Predicted classes of a digits MLP on a split, with the 1/16 scaling the models were trained with. */
export function predictDigits(m: Mlp, x: number[][]): number[] {
  return x.map((r) =>
    argmax(
      forward(
        m,
        r.map((v) => v / 16),
      ),
    ),
  );
}
