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
var FLOAT32_INTEGERS = 2 ** 23 - 1;
var GRAPH_INTEGERS = {
  DT_UINT8: { name: "uint8", min: 0, max: 255 },
  DT_INT8: { name: "int8", min: -128, max: 127 },
  DT_INT32: { name: "int32", min: -FLOAT32_INTEGERS, max: FLOAT32_INTEGERS },
  DT_INT64: { name: "int64", min: -FLOAT32_INTEGERS, max: FLOAT32_INTEGERS }
};
function inputOf(label, dtype, declared) {
  const named = declared ? ` (${declared})` : "";
  if (dtype === void 0 || dtype === "float32") return { dtype: "float32" };
  if (dtype === "int32") {
    const ints = declared && GRAPH_INTEGERS[declared] || GRAPH_INTEGERS.DT_INT32;
    return { dtype: "int32", ints };
  }
  const what = dtype === null ? `of a type TensorFlow.js has no dtype for${named}` : `${dtype}${named}`;
  throw new InputError(label, null, `the model's input is ${what}; modelgate feeds float32 or integer features`);
}
function declaredInputType(topology) {
  const nodes = topology?.node;
  if (!Array.isArray(nodes)) return void 0;
  const p = nodes.find((n) => n?.op === "Placeholder");
  const t = p?.attr?.dtype?.type;
  return typeof t === "string" ? t : void 0;
}
function checkIntegers(x, featureSize, row, file, ints, rowName) {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isInteger(v) && v >= ints.min && v <= ints.max) continue;
    const r = row(Math.floor(i / featureSize));
    const name = rowName ? ` (${rowName(r)})` : "";
    const where = `example ${r + 1}${name}, feature ${i % featureSize + 1} is ${v} after reading and preprocessing`;
    const range = `${ints.min.toLocaleString("en-US")} to ${ints.max.toLocaleString("en-US")}`;
    throw new InputError(
      file,
      null,
      Number.isInteger(v) ? `${where}, but the model's input is ${ints.name} (${range}${ints.name === "int32" || ints.name === "int64" ? ": what a float32 feature holds exactly" : ""})` : `${where}, but the model's input is ${ints.name}: give it the integers as they are (ids, counts, raw pixels), with no scale, mean, std, resize or channel conversion`
    );
  }
}
function inputTensor(tf, x, n, shape, dtype) {
  return dtype === "int32" ? tf.tensor(Int32Array.from(x), [n, ...shape], "int32") : tf.tensor(x, [n, ...shape], "float32");
}

export {
  inputOf,
  declaredInputType,
  checkIntegers,
  inputTensor
};
