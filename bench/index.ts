// Every benchmark module, run in order by `npm run bench` (scripts/bench.mjs bundles this file).
// To add one: write bench/<area>.bench.ts exporting `run(): Promise<void>` (it prints its own
// lines) and append it to BENCHES. A bench that must measure in a fresh process (peak RSS) may
// export `child(args)`: it runs when this bundle is started with MODELGATE_BENCH_CHILD=<name>.
import * as diagnostics from './diagnostics.bench.js';
import * as io from './io.bench.js';
import * as judgement from './judgement.bench.js';
import * as metrics from './metrics.bench.js';
import * as model from './model.bench.js';
import * as render from './render.bench.js';
import * as speed from './speed.bench.js';
import * as stats from './stats.bench.js';

interface BenchModule {
  run(): Promise<void>;
  child?(args: string[]): Promise<void>;
}

export const BENCHES: [name: string, bench: BenchModule][] = [
  ['io', io],
  ['metrics', metrics],
  ['stats', stats],
  ['render', render],
  ['model', model],
  ['judgement', judgement],
  ['diagnostics', diagnostics],
  ['speed', speed],
];

async function main(): Promise<void> {
  const child = process.env.MODELGATE_BENCH_CHILD;
  if (child) {
    const b = BENCHES.find(([n]) => n === child)?.[1];
    if (!b?.child) throw new Error(`no bench child ${child}`);
    await b.child(process.argv.slice(2));
    return;
  }
  const only = process.argv.slice(2);
  for (const [name, b] of BENCHES) {
    if (only.length > 0 && !only.includes(name)) continue;
    console.log(`== ${name}`);
    await b.run();
  }
}

await main();
