// What a model's input takes, and the tensor of a batch for it. The readers give float32
// features; a model whose input is int32 (token ids, counts, raw uint8-style pixels scaled inside
// the graph, as SavedModels often do) gets them as int32, once each is checked to be an integer
// a float32 holds exactly. Other input dtypes are refused when the model is loaded.

import type * as tfjs from '@tensorflow/tfjs';
import { InputError } from '../io/types.js';

export type InputDtype = 'float32' | 'int32';

/** Integers up to this magnitude are exact in a float32 (the readers' feature type). */
const FLOAT32_EXACT = 2 ** 24;

/** The dtype of a model's input (undefined: the model does not say, taken as float32), or a clear error. */
export function inputDtypeOf(label: string, dtype: string | undefined): InputDtype {
  if (dtype === undefined || dtype === 'float32') return 'float32';
  if (dtype === 'int32') return 'int32';
  throw new InputError(label, null, `the model's input is ${dtype}; modelgate feeds float32 or int32 features`);
}

/**
 * For an int32 input: every feature of the batch `x` (examples of `featureSize` features, the
 * first of them example `first` of the split, 0-based) after preprocessing must be an integer
 * within ±2^24; names the first that is not.
 */
export function checkIntegers(x: Float32Array, featureSize: number, first: number, file: string): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isInteger(v) && Math.abs(v) <= FLOAT32_EXACT) continue;
    const example = first + Math.floor(i / featureSize) + 1;
    throw new InputError(
      file,
      null,
      `example ${example}, feature ${(i % featureSize) + 1} is ${v} after preprocessing, but the model's input is int32: give it integers (ids, counts or raw pixels, without preprocess scaling), at most ${FLOAT32_EXACT} in size`,
    );
  }
}

/** A batch of n examples of `shape` as the model's input tensor (int32: the values are integers, checked before). */
export function inputTensor(tf: typeof tfjs, x: Float32Array, n: number, shape: number[], dtype: InputDtype): tfjs.Tensor {
  return dtype === 'int32' ? tf.tensor(Int32Array.from(x), [n, ...shape], 'int32') : tf.tensor(x, [n, ...shape], 'float32');
}
