// What a model's input takes, and the tensor of a batch for it. The readers give float32
// features; a model whose input is an integer type (token ids, counts, raw uint8-style pixels
// scaled inside the graph, as SavedModels often do) gets them as int32, once each is checked to
// be an integer within the type's range and within what a float32 holds exactly. Other input
// types are refused when the model is loaded.

import type * as tfjs from '@tensorflow/tfjs';
import { InputError } from '../io/types.js';

export type InputDtype = 'float32' | 'int32';

/** An integer input: the range its declared type holds, and that type's name. */
export interface IntegerInput {
  name: string;
  min: number;
  max: number;
}

/**
 * Integers below this magnitude are exact in a float32 with their neighbours apart: from 2^23 on a
 * float32 has no fractions left (10000000.5 is read as 10000000), from 2^24 it rounds integers.
 */
const FLOAT32_INTEGERS = 2 ** 23 - 1;

/** Graph placeholders' integer types that TensorFlow.js feeds as int32, with their ranges. */
const GRAPH_INTEGERS: Record<string, IntegerInput> = {
  DT_UINT8: { name: 'uint8', min: 0, max: 255 },
  DT_INT8: { name: 'int8', min: -128, max: 127 },
  DT_INT32: { name: 'int32', min: -FLOAT32_INTEGERS, max: FLOAT32_INTEGERS },
  DT_INT64: { name: 'int64', min: -FLOAT32_INTEGERS, max: FLOAT32_INTEGERS },
};

/**
 * The dtype TensorFlow.js gives a model's input (undefined: not said, taken as float32) and, for
 * a graph model, the type its placeholder declares (DT_UINT8, ...): what the features are fed as,
 * and for an integer input its range; a clear error for a type modelgate cannot feed.
 */
export function inputOf(
  label: string,
  dtype: string | null | undefined,
  declared?: string,
): { dtype: InputDtype; ints?: IntegerInput } {
  const named = declared ? ` (${declared})` : '';
  if (dtype === undefined || dtype === 'float32') return { dtype: 'float32' };
  if (dtype === 'int32') {
    const ints = (declared && GRAPH_INTEGERS[declared]) || GRAPH_INTEGERS.DT_INT32;
    return { dtype: 'int32', ints };
  }
  const what = dtype === null ? `of a type TensorFlow.js has no dtype for${named}` : `${dtype}${named}`;
  throw new InputError(label, null, `the model's input is ${what}; modelgate feeds float32 or integer features`);
}

/** A graph model's placeholder type (DT_FLOAT, DT_UINT8, ...), when its topology says; the first placeholder's. */
export function declaredInputType(topology: unknown): string | undefined {
  const nodes = (topology as { node?: unknown } | null)?.node;
  if (!Array.isArray(nodes)) return undefined;
  const p = nodes.find((n) => (n as { op?: unknown })?.op === 'Placeholder') as
    | { attr?: { dtype?: { type?: unknown } } }
    | undefined;
  const t = p?.attr?.dtype?.type;
  return typeof t === 'string' ? t : undefined;
}

/**
 * For an integer input: every feature of the batch `x` (examples of `featureSize` features; the
 * k-th of the batch is the file's row `row(k)`, 0-based) after reading and preprocessing must be
 * an integer within the input's range; names the first that is not.
 */
export function checkIntegers(
  x: Float32Array,
  featureSize: number,
  row: (k: number) => number,
  file: string,
  ints: IntegerInput,
  rowName?: (row: number) => string,
): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isInteger(v) && v >= ints.min && v <= ints.max) continue;
    const r = row(Math.floor(i / featureSize));
    const name = rowName ? ` (${rowName(r)})` : '';
    const where = `example ${r + 1}${name}, feature ${(i % featureSize) + 1} is ${v} after reading and preprocessing`;
    const range = `${ints.min.toLocaleString('en-US')} to ${ints.max.toLocaleString('en-US')}`;
    throw new InputError(
      file,
      null,
      Number.isInteger(v)
        ? `${where}, but the model's input is ${ints.name} (${range}${ints.name === 'int32' || ints.name === 'int64' ? ': what a float32 feature holds exactly' : ''})`
        : `${where}, but the model's input is ${ints.name}: give it the integers as they are (ids, counts, raw pixels), with no scale, mean, std, resize or channel conversion`,
    );
  }
}

/** A batch of n examples of `shape` as the model's input tensor (int32: the values are integers, checked before). */
export function inputTensor(tf: typeof tfjs, x: Float32Array, n: number, shape: number[], dtype: InputDtype): tfjs.Tensor {
  return dtype === 'int32' ? tf.tensor(Int32Array.from(x), [n, ...shape], 'int32') : tf.tensor(x, [n, ...shape], 'float32');
}
