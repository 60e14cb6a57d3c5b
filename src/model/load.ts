// Loads a TensorFlow.js model (layers or graph, as tensorflowjs_converter writes them) from
// memory: model.json and its weight shards are read by us (paths checked), concatenated in
// manifest order and handed to tf.io.fromMemory. With tfjs-node, a SavedModel directory too.
// The model must have one input and one output of shape [batch, classes].

import { declaredInputType, inputOf, type InputDtype, type IntegerInput } from './input.js';
import type * as tfjs from '@tensorflow/tfjs';
import { InputError } from '../io/types.js';
import type { TF } from './backend.js';
import { openModelFiles, safeRelativePath, type ModelFiles, type ModelSource } from './source.js';

export type OutputActivation = 'softmax' | 'sigmoid' | 'other' | 'unknown';

export interface LoadedModel {
  kind: 'layers' | 'graph' | 'saved-model';
  /** For messages and report.source. */
  label: string;
  /**
   * Input shape without the batch dimension; entries may be null (unknown); null altogether when
   * the model does not say (a graph model without a shape): the data's shape is fed as it is.
   */
  inputShape: (number | null)[] | null;
  /** What the input takes: float32, or int32 (integer features, checked; src/model/input.ts). */
  inputDtype: InputDtype;
  /** An integer input's declared type and range (features outside it are refused). */
  inputInts?: IntegerInput;
  /** Number of outputs per example (classes), or null when the model does not say. */
  outputSize: number | null;
  /** What the last op does: decides whether outputs are checked to be probabilities. */
  activation: OutputActivation;
  /** What the model was loaded from (layers and graph models): worker threads load their copies from it. */
  artifacts?: tfjs.io.ModelArtifacts;
  /** Parameters (weights) in the model, when known. */
  parameters?: number;
  /** Runs the model on a batch; the caller disposes the result. Throws a clear error on a wrong shape. */
  predict(x: tfjs.Tensor): tfjs.Tensor;
  dispose(): void;
}

interface WeightGroup {
  paths: unknown;
  weights: tfjs.io.WeightsManifestEntry[];
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

function shapeText(s: readonly (number | null | undefined)[] | undefined): string {
  return s ? `[${s.map((d) => (d == null || d < 0 ? 'batch?' : d)).join(', ')}]` : '[unknown]';
}

function parseJson(bytes: Uint8Array, file: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw new InputError(file, null, `not valid JSON (${(e as Error).message})`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new InputError(file, null, 'expected a JSON object with modelTopology and weightsManifest');
  return v as Record<string, unknown>;
}

/** Reads model.json and its weights into ModelArtifacts, checking paths and sizes. */
export async function readArtifacts(files: ModelFiles): Promise<tfjs.io.ModelArtifacts> {
  const file = files.jsonPath;
  const json = parseJson(await files.read(files.jsonName), file);
  if (!json.modelTopology || typeof json.modelTopology !== 'object')
    throw new InputError(file, 'modelTopology', 'missing: not a TensorFlow.js model.json');
  const manifest = json.weightsManifest ?? [];
  if (!Array.isArray(manifest)) throw new InputError(file, 'weightsManifest', 'expected an array of {paths, weights}');
  const weightSpecs: tfjs.io.WeightsManifestEntry[] = [];
  const buffers: Uint8Array[] = [];
  let expected = 0;
  let sizeKnown = true;
  const listed = new Set<string>();
  for (let g = 0; g < manifest.length; g++) {
    const group = manifest[g] as WeightGroup;
    const where = `weightsManifest[${g}]`;
    if (!group || !Array.isArray(group.paths) || !Array.isArray(group.weights))
      throw new InputError(file, where, 'expected {paths: [...], weights: [...]}');
    for (let i = 0; i < group.paths.length; i++) {
      const rel = safeRelativePath(group.paths[i], file, `${where}.paths[${i}]`);
      // Read once each: a shard listed 20,000 times was read 20,000 times before the sizes disagreed.
      if (listed.has(rel))
        throw new InputError(file, `${where}.paths[${i}]`, `lists ${rel} again; expected each weight file once`);
      listed.add(rel);
      buffers.push(await files.read(rel));
    }
    for (const w of group.weights) {
      if (!w || typeof w.name !== 'string' || !Array.isArray(w.shape))
        throw new InputError(file, where, 'each weight needs a name and a shape');
      const bytes = DTYPE_BYTES[w.quantization?.dtype ?? w.dtype];
      if (bytes === undefined) sizeKnown = false;
      else expected += bytes * w.shape.reduce((a: number, b: number) => a * b, 1);
      weightSpecs.push(w);
    }
  }
  const total = buffers.reduce((a, b) => a + b.length, 0);
  if (sizeKnown && total !== expected)
    throw new InputError(
      file,
      'weightsManifest',
      `weights declare ${expected} bytes but the weight files hold ${total} bytes`,
    );
  const data = new Uint8Array(total);
  let off = 0;
  for (const b of buffers) {
    data.set(b, off);
    off += b.length;
  }
  return {
    modelTopology: json.modelTopology as object,
    format: typeof json.format === 'string' ? json.format : undefined,
    generatedBy: typeof json.generatedBy === 'string' ? json.generatedBy : undefined,
    convertedBy: typeof json.convertedBy === 'string' ? json.convertedBy : undefined,
    signature: json.signature as object | undefined,
    userDefinedMetadata: json.userDefinedMetadata as Record<string, object> | undefined,
    modelInitializer: json.modelInitializer as object | undefined,
    weightSpecs,
    weightData: data.buffer,
  };
}

function isGraphTopology(a: tfjs.io.ModelArtifacts): boolean {
  if (a.format === 'graph-model') return true;
  if (a.format === 'layers-model') return false;
  const t = a.modelTopology as Record<string, unknown>;
  return Array.isArray(t.node);
}

function layersActivation(model: tfjs.LayersModel): OutputActivation {
  const last = model.layers[model.layers.length - 1];
  const cfg = last?.getConfig() as { activation?: string } | undefined;
  const cls = last?.getClassName();
  const act = cls === 'Softmax' ? 'softmax' : cls === 'Activation' || cfg?.activation ? cfg?.activation : undefined;
  if (act === 'softmax' || act === 'sigmoid') return act;
  return act ? 'other' : 'unknown';
}

function graphActivation(a: tfjs.io.ModelArtifacts, outputName: string): OutputActivation {
  const nodes = (a.modelTopology as { node?: { name: string; op: string; input?: string[] }[] }).node ?? [];
  const byName = new Map(nodes.map((n) => [n.name, n]));
  let n = byName.get(outputName.replace(/:\d+$/, ''));
  // Look through Identity nodes (SavedModel exports end with them).
  for (let hop = 0; n && n.op === 'Identity' && n.input?.length && hop < 8; hop++)
    n = byName.get(n.input[0].replace(/^\^/, '').replace(/:\d+$/, ''));
  if (!n) return 'unknown';
  if (n.op === 'Softmax') return 'softmax';
  if (n.op === 'Sigmoid') return 'sigmoid';
  return 'other';
}

function singleTensor(out: tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap, label: string): tfjs.Tensor {
  if (Array.isArray(out) || !('shape' in out)) {
    const list = Array.isArray(out) ? out : Object.values(out);
    const shapes = list.map((t) => shapeText(t.shape)).join(', ');
    list.forEach((t) => t.dispose());
    throw new InputError(
      label,
      null,
      `model has ${list.length} outputs (${shapes}); expected one output of shape [batch, classes]`,
    );
  }
  return out as tfjs.Tensor;
}

/** Wraps a model's predict with the output checks every kind shares. */
/**
 * The model's own failure on a batch (a matMul of mismatched shapes, an input dtype it will not
 * take), as a bad input of the model's: its first line, not a modelgate bug.
 */
export function modelFailed(label: string, message: string, shape?: readonly number[]): InputError {
  const on = shape ? ` on a batch of shape ${shapeText(shape)}` : '';
  return new InputError(label, null, `the model failed${on}: ${message.split('\n')[0]}`);
}

function checkedPredict(
  label: string,
  raw: (x: tfjs.Tensor) => tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap,
  outputSize: () => number | null,
) {
  return (x: tfjs.Tensor): tfjs.Tensor => {
    let out: ReturnType<typeof raw>;
    try {
      out = raw(x);
    } catch (e) {
      throw modelFailed(label, (e as Error).message, x.shape);
    }
    const y = singleTensor(out, label);
    const want = outputSize();
    if (y.rank !== 2 || y.shape[0] !== x.shape[0] || (want !== null && y.shape[1] !== want)) {
      const actual = shapeText(y.shape);
      y.dispose();
      throw new InputError(
        label,
        null,
        `model output has shape ${actual}; expected [${x.shape[0]}, ${want ?? 'classes'}] (one row of class scores per example)`,
      );
    }
    return y;
  };
}

function checkSingle(
  label: string,
  what: 'input' | 'output',
  shapes: (readonly (number | null)[] | undefined)[],
): void {
  if (shapes.length !== 1)
    throw new InputError(
      label,
      null,
      `model has ${shapes.length} ${what}s (${shapes.map((s) => shapeText(s)).join(', ')}); expected one ${what}`,
    );
}

function checkOutputShape(label: string, shape: readonly (number | null)[] | undefined): number | null {
  if (!shape) return null;
  if (shape.length !== 2)
    throw new InputError(label, null, `model output has shape ${shapeText(shape)}; expected [batch, classes] (rank 2)`);
  const c = shape[1];
  return c == null || c < 0 ? null : c;
}

/** Loads a model from a path (model.json, its directory, a SavedModel directory) or from git. */
export async function loadModel(tf: TF, source: ModelSource): Promise<LoadedModel> {
  const files = await openModelFiles(source);
  if (files.savedModelDir) return loadSavedModel(tf, files.savedModelDir);
  const artifacts = await readArtifacts(files);
  const label = files.label;
  const handler = tf.io.fromMemory(artifacts);
  if (isGraphTopology(artifacts)) {
    let model: tfjs.GraphModel;
    try {
      model = await tf.loadGraphModel(handler);
    } catch (e) {
      throw new InputError(label, null, `not a loadable graph model: ${(e as Error).message.split('\n')[0]}`);
    }
    const outputSize = checkInputOutput(
      label,
      model.inputs.map((i) => i.shape),
      model.outputs.map((o) => o.shape),
    );
    const inShape = model.inputs[0].shape?.slice(1).map((d) => (d < 0 ? null : d)) ?? null;
    return {
      kind: 'graph',
      label,
      artifacts,
      parameters: countParameters(artifacts),
      inputShape: inShape,
      ...inputFields(inputOf(label, model.inputs[0].dtype, declaredInputType(artifacts.modelTopology))),
      outputSize,
      activation: graphActivation(artifacts, model.outputs[0].name),
      predict: checkedPredict(
        label,
        (x) => model.predict(x),
        () => outputSize,
      ),
      dispose: () => model.dispose(),
    };
  }
  let model: tfjs.LayersModel;
  try {
    model = await tf.loadLayersModel(handler);
  } catch (e) {
    throw new InputError(label, null, `not a loadable layers model: ${(e as Error).message.split('\n')[0]}`);
  }
  return { ...wrapLayersModel(model, label), artifacts, parameters: countParameters(artifacts) };
}

/** One input and one [batch, classes] output, whatever the model kind; returns the number of classes (null: unknown). */
function checkInputOutput(
  label: string,
  inputs: (readonly (number | null)[] | undefined)[],
  outputs: (readonly (number | null)[] | undefined)[],
): number | null {
  checkSingle(label, 'input', inputs);
  checkSingle(label, 'output', outputs);
  return checkOutputShape(label, outputs[0]);
}

function inputFields(i: { dtype: InputDtype; ints?: IntegerInput }): { inputDtype: InputDtype; inputInts?: IntegerInput } {
  return i.ints ? { inputDtype: i.dtype, inputInts: i.ints } : { inputDtype: i.dtype };
}

function countParameters(a: tfjs.io.ModelArtifacts): number {
  return (a.weightSpecs ?? []).reduce((t, w) => t + w.shape.reduce((x, y) => x * y, 1), 0);
}

/** A layers model already in memory (built or loaded elsewhere) behind the runner's interface, with the same checks. */
export function wrapLayersModel(model: tfjs.LayersModel, label: string): LoadedModel {
  const outputSize = checkInputOutput(
    label,
    model.inputs.map((i) => i.shape),
    model.outputs.map((o) => o.shape),
  );
  return {
    kind: 'layers',
    label,
    inputShape: model.inputs[0].shape.slice(1),
    ...inputFields(inputOf(label, model.inputs[0].dtype)),
    outputSize,
    activation: layersActivation(model),
    predict: checkedPredict(
      label,
      // predictOnBatch: predict() would cut every call into batches of 32 and concatenate them
      // again (~25% slower at 128 on wasm, measured in bench/model.bench.ts).
      (x) => model.predictOnBatch(x) as tfjs.Tensor | tfjs.Tensor[],
      () => outputSize,
    ),
    dispose: () => model.dispose(),
  };
}

interface TfNodeSavedModel {
  inputs: { shape?: number[]; dtype?: string }[];
  outputs: { shape?: number[] }[];
  predict(x: tfjs.Tensor): tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap;
  dispose(): void;
}

/** SavedModel directories need native TensorFlow (tfjs-node); the tf namespace must be tfjs-node's. */
async function loadSavedModel(tf: TF, dir: string): Promise<LoadedModel> {
  const node = (tf as unknown as { node?: { loadSavedModel?: (d: string) => Promise<TfNodeSavedModel> } }).node;
  if (!node?.loadSavedModel)
    throw new InputError(
      dir,
      null,
      'is a TensorFlow SavedModel; convert it with tensorflowjs_converter --input_format tf_saved_model (loading it directly needs native TensorFlow, which the action cannot load)',
    );
  let model: TfNodeSavedModel;
  try {
    model = await node.loadSavedModel(dir);
  } catch (e) {
    throw new InputError(dir, null, `cannot load the SavedModel: ${(e as Error).message.split('\n')[0]}`);
  }
  checkSingle(
    dir,
    'input',
    model.inputs.map((i) => i.shape),
  );
  checkSingle(
    dir,
    'output',
    model.outputs.map((o) => o.shape),
  );
  const outputSize = checkOutputShape(dir, model.outputs[0].shape);
  return {
    kind: 'saved-model',
    label: dir,
    inputShape: model.inputs[0].shape?.slice(1).map((d) => (d < 0 ? null : d)) ?? null,
    ...inputFields(inputOf(dir, model.inputs[0].dtype)),
    outputSize,
    activation: 'unknown',
    predict: checkedPredict(
      dir,
      (x) => model.predict(x),
      () => outputSize,
    ),
    dispose: () => model.dispose(),
  };
}
