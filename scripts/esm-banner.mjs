// The first lines of every ESM bundle (scripts/build.mjs, and the tests that bundle the model
// worker): CommonJS code inside the bundle (the wasm backend's emscripten glue, some
// dependencies) reads `require`, `__filename` and `__dirname`, which ES modules lack.
export const ESM_BANNER = [
  "import { createRequire as __mgCreateRequire } from 'node:module';",
  "import { fileURLToPath as __mgFileURLToPath } from 'node:url';",
  "import { dirname as __mgDirname } from 'node:path';",
  // `var`, not `const`: a bundled ES module may declare its own top-level `var __filename`
  // (@azure/storage-common does), which is legal next to a `var` and a SyntaxError next to a `const`.
  'var require = __mgCreateRequire(import.meta.url);',
  'var __filename = __mgFileURLToPath(import.meta.url);',
  'var __dirname = __mgDirname(__filename);',
].join('\n');
