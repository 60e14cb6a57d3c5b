// Runs the benchmarks: bundles bench/index.ts (and the sources it imports) with esbuild into
// .bench/ (gitignored), then runs the bundle with node. Arguments pass through, e.g.
// `npm run bench -- metrics` runs only the metrics bench.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import process from 'node:process';
import { ESM_BANNER } from './esm-banner.mjs';

mkdirSync('.bench', { recursive: true });
await build({
  entryPoints: ['bench/index.ts'],
  outfile: '.bench/index.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@tensorflow/tfjs-node'],
  banner: { js: ESM_BANNER },
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['.bench/index.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
