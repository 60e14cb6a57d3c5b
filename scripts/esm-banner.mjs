// The first lines of every ESM bundle (scripts/build.mjs, and the tests that bundle the model
// worker): CommonJS code inside the bundle (the wasm backend's emscripten glue, some
// dependencies) reads `require`, `__filename` and `__dirname`, which ES modules lack.
export const ESM_BANNER = [
  "import { createRequire as __mgCreateRequire } from 'node:module';",
  "import { fileURLToPath as __mgFileURLToPath } from 'node:url';",
  "import { dirname as __mgDirname } from 'node:path';",
  'const require = __mgCreateRequire(import.meta.url);',
  'const __filename = __mgFileURLToPath(import.meta.url);',
  'const __dirname = __mgDirname(__filename);',
].join('\n');
