// Bundles the doors (action, CLI, bot) into dist/ as self-contained ESM files.
// The output is committed; .ci/run rebuilds and fails when dist/ differs.
import { build } from 'esbuild';
import { chmodSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ESM_BANNER } from './esm-banner.mjs';
import { licenseNotices } from './licenses.mjs';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });

// model-worker: the inference worker thread (src/model/parallel.ts starts it from next to the bundle).
const entries = {
  index: 'src/action/index.ts',
  cli: 'src/cli/main.ts',
  'model-worker': 'src/model/worker.ts',
  bot: 'src/bot/main.ts',
};
const metafiles = [];
for (const [name, entry] of Object.entries(entries)) {
  const { metafile } = await build({
    entryPoints: [entry],
    outfile: `dist/${name}.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The bundled packages' licenses go to dist/licenses.txt instead (scripts/licenses.mjs).
    legalComments: 'none',
    metafile: true,
    // tfjs-node is optional and native: load it at run time when present, never bundle it.
    external: ['@tensorflow/tfjs-node'],
    banner: { js: [name === 'cli' ? '#!/usr/bin/env node' : '', ESM_BANNER].filter(Boolean).join('\n') },
    logLevel: 'warning',
  });
  metafiles.push(metafile);
}
writeFileSync('dist/licenses.txt', licenseNotices(metafiles));
// The wasm backend loads its binaries from next to the bundle.
for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
  cpSync(`node_modules/@tensorflow/tfjs-backend-wasm/dist/${f}`, `dist/${f}`);
}
chmodSync('dist/cli.js', 0o755);
