// Runs the benchmarks: bundles bench/index.ts (and the sources it imports) with esbuild into
// .bench/ (gitignored), then runs the bundle with node. Arguments pass through, e.g.
// `npm run bench -- metrics` runs only the metrics bench; `npm run bench -- speed` only the goals of issue 14.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import process from 'node:process';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

// Chunk names are content hashes: clear the old ones.
rmSync('.bench', { recursive: true, force: true });
mkdirSync('.bench', { recursive: true });
await build({
  ...BUNDLE_OPTIONS,
  // The CLI and the action as they ship, for the start-up and end-to-end figures (bench/speed.bench.ts).
  entryPoints: {
    index: 'bench/index.ts',
    cli: 'src/cli/main.ts',
    action: 'src/action/index.ts',
    'score-worker': 'src/pipeline/score-worker.ts',
  },
  outdir: '.bench',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['.bench/index.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
