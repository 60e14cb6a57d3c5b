import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);
import {
  InputError
} from "./chunk-R7VUTDUK.js";

// src/model/input.ts
var FLOAT32_EXACT = 2 ** 24;
function inputDtypeOf(label, dtype) {
  if (dtype === void 0 || dtype === "float32") return "float32";
  if (dtype === "int32") return "int32";
  throw new InputError(label, null, `the model's input is ${dtype}; modelgate feeds float32 or int32 features`);
}
function checkIntegers(x, featureSize, first, file) {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isInteger(v) && Math.abs(v) <= FLOAT32_EXACT) continue;
    const example = first + Math.floor(i / featureSize) + 1;
    throw new InputError(
      file,
      null,
      `example ${example}, feature ${i % featureSize + 1} is ${v} after preprocessing, but the model's input is int32: give it integers (ids, counts or raw pixels, without preprocess scaling), at most ${FLOAT32_EXACT} in size`
    );
  }
}
function inputTensor(tf, x, n, shape, dtype) {
  return dtype === "int32" ? tf.tensor(Int32Array.from(x), [n, ...shape], "int32") : tf.tensor(x, [n, ...shape], "float32");
}

export {
  inputDtypeOf,
  checkIntegers,
  inputTensor
};
