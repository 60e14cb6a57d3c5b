// Bundles the doors (action, CLI, bot) and the model worker into dist/ as ESM files.
// The output is committed; .ci/run rebuilds and fails when dist/ differs.
import { build } from 'esbuild';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';
import { licenseNotices } from './licenses.mjs';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });

// model-worker: the inference worker thread (src/model/parallel.ts starts it from next to the bundle);
// score-worker: the thread that counts a large file's scores (src/pipeline/score-thread.ts).
const entries = {
  index: 'src/action/index.ts',
  cli: 'src/cli/main.ts',
  'model-worker': 'src/model/worker.ts',
  'score-worker': 'src/pipeline/score-worker.ts',
  bot: 'src/bot/main.ts',
};
const { metafile } = await build({
  ...BUNDLE_OPTIONS,
  entryPoints: entries,
  outdir: 'dist',
  // The bundled packages' licenses go to dist/licenses.txt instead (scripts/licenses.mjs).
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
// The CLI is run as a program (package.json bin): a shebang before the banner.
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${readFileSync('dist/cli.js', 'utf8')}`);
writeFileSync('dist/licenses.txt', licenseNotices([metafile]));
// The wasm backend loads its binaries from next to the bundle.
for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
  cpSync(`node_modules/@tensorflow/tfjs-backend-wasm/dist/${f}`, `dist/${f}`);
}
chmodSync('dist/cli.js', 0o755);
