// Writes models/base-graph/: the base MLP of models/base as a TensorFlow.js GRAPH model, the
// format tensorflowjs_converter produces from a SavedModel (a GraphDef of Placeholder, Const,
// MatMul, BiasAdd, Relu, Softmax nodes plus a weightsManifest naming the Const nodes). It is
// hand-written from the layers model's weights so the graph loader can be tested without
// TensorFlow; both must predict the same.
// And models/base-graph-int/: the same graph taking the raw pixels as int32 and scaling them in
// the graph (Cast, then Mul by 1/16), as SavedModels that take uint8 or int32 images and
// normalize inside do: on the unscaled data it predicts what the others predict on scaled data.
//
//   node examples/digits/make-graph-model.mjs                (after train.mjs; no dependencies)
//   node examples/digits/make-graph-model.mjs --int-input

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, 'models/base');
const layers = JSON.parse(readFileSync(path.join(src, 'model.json'), 'utf8'));
const specs = layers.weightsManifest.flatMap((g) => g.weights);
const dense = layers.modelTopology.config.layers.filter((l) => l.class_name === 'Dense');
if (specs.length !== 2 * dense.length) throw new Error('expected a kernel and a bias per Dense layer');

const F = { type: 'DT_FLOAT' };
const I = { type: 'DT_INT32' };
const dims = (shape) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const intInput = process.argv.includes('--int-input');
const out = path.join(here, intInput ? 'models/base-graph-int' : 'models/base-graph');
const input = { name: 'x', op: 'Placeholder', attr: { dtype: intInput ? I : F, shape: { shape: dims([-1, specs[0].shape[0]]) } } };
const nodes = [input];
const weights = [];
let prev = 'x';
if (intInput) {
  nodes.push({ name: 'pixels/Cast', op: 'Cast', input: ['x'], attr: { SrcT: I, DstT: F, Truncate: { b: false } } });
  nodes.push({ name: 'pixels/scale', op: 'Const', attr: { dtype: F, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims([]) } } } });
  nodes.push({ name: 'pixels/Mul', op: 'Mul', input: ['pixels/Cast', 'pixels/scale'], attr: { T: F } });
  prev = 'pixels/Mul';
}
dense.forEach((layer, k) => {
  const [kernel, bias] = [specs[2 * k], specs[2 * k + 1]];
  const w = `dense${k}/kernel`;
  const b = `dense${k}/bias`;
  for (const [name, spec] of [[w, kernel], [b, bias]]) {
    nodes.push({ name, op: 'Const', attr: { dtype: F, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(spec.shape) } } } });
    weights.push({ name, shape: spec.shape, dtype: 'float32' });
  }
  nodes.push({ name: `dense${k}/MatMul`, op: 'MatMul', input: [prev, w], attr: { T: F, transpose_a: { b: false }, transpose_b: { b: false } } });
  nodes.push({ name: `dense${k}/BiasAdd`, op: 'BiasAdd', input: [`dense${k}/MatMul`, b], attr: { T: F, data_format: { s: Buffer.from('NHWC').toString('base64') } } });
  const act = layer.config.activation;
  const op = { relu: 'Relu', softmax: 'Softmax', sigmoid: 'Sigmoid' }[act];
  if (!op) throw new Error(`activation ${act} not handled`);
  nodes.push({ name: `dense${k}/${op}`, op, input: [`dense${k}/BiasAdd`], attr: { T: F } });
  prev = `dense${k}/${op}`;
});
nodes.push({ name: 'probabilities', op: 'Identity', input: [prev], attr: { T: F } });

mkdirSync(out, { recursive: true });
// Weight order is kernel, bias per layer in both formats, so the bytes are the same file (the
// int32 graph's scale, 1/16 as float32, after them).
const shard = path.join(out, 'group1-shard1of1.bin');
copyFileSync(path.join(src, layers.weightsManifest[0].paths[0]), shard);
if (intInput) {
  weights.push({ name: 'pixels/scale', shape: [], dtype: 'float32' });
  writeFileSync(shard, Buffer.concat([readFileSync(shard), Buffer.from(new Float32Array([1 / 16]).buffer)]));
}
const model = {
  format: 'graph-model',
  generatedBy: 'examples/digits/make-graph-model.mjs',
  convertedBy: null,
  modelTopology: { node: nodes, library: {}, versions: { producer: 1 } },
  weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights }],
};
writeFileSync(path.join(out, 'model.json'), JSON.stringify(model, null, 1));
console.log(`wrote ${out}: ${nodes.length} nodes, ${weights.length} weights`);
