// Bundles the doors (action, CLI; the bot joins when it is built) into dist/ as self-contained ESM files.
// The output is committed; .ci/run rebuilds and fails when dist/ differs.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });

const entries = { index: 'src/action/main.ts', cli: 'src/cli/main.ts' };
for (const [name, entry] of Object.entries(entries)) {
  await build({
    entryPoints: [entry],
    outfile: `dist/${name}.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    // tfjs-node is optional and native: load it at run time when present, never bundle it.
    external: ['@tensorflow/tfjs-node'],
    banner: {
      js: [
        name === 'cli' ? '#!/usr/bin/env node' : '',
        "import { createRequire as __mgCreateRequire } from 'node:module';",
        'const require = __mgCreateRequire(import.meta.url);',
      ].filter(Boolean).join('\n'),
    },
    logLevel: 'warning',
  });
}
// The wasm backend loads its binaries from next to the bundle.
for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
  cpSync(`node_modules/@tensorflow/tfjs-backend-wasm/dist/${f}`, `dist/${f}`);
}
