import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// src/core/report/types.ts
var REPORT_SCHEMA = "modelgate/report@3";
var OLDER_REPORT_SCHEMAS = ["modelgate/report@2", "modelgate/report@1"];
var GAP_PAIRS = [
  { name: "train-validation", minuend: "train", subtrahend: "validation" },
  { name: "validation-test", minuend: "validation", subtrahend: "test" }
];
var METRIC_NAMES = [
  "accuracy",
  "subset_accuracy",
  "hamming_loss",
  "precision_micro",
  "recall_micro",
  "f1_micro",
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "precision_weighted",
  "recall_weighted",
  "f1_weighted"
];
var LOWER_IS_BETTER = /* @__PURE__ */ new Set(["hamming_loss"]);

export {
  REPORT_SCHEMA,
  OLDER_REPORT_SCHEMAS,
  GAP_PAIRS,
  METRIC_NAMES,
  LOWER_IS_BETTER
};
