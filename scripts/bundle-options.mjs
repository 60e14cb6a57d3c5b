// The esbuild options every bundle of the doors shares: scripts/build.mjs (dist/), scripts/bench.mjs
// and test/helpers/bundle.ts, so tests and benchmarks run what ships.
import { ESM_BANNER } from './esm-banner.mjs';

/**
 * @actions/core imports @actions/http-client (and with it undici, 770 KB) for OIDC tokens and
 * @actions/exec for platform details; we use neither. Declaring those packages free of side
 * effects (wherever they are imported from: the same module must not be side-effectful for one
 * importer) lets esbuild drop an import of them when nothing imported is used, so the action's
 * first log line does not wait for undici to load (issue 14). Used exports are still bundled.
 */
const unusedCoreImports = {
  name: 'unused-core-imports',
  setup(build) {
    // The packages, and @actions/core's own modules that import them.
    const unused = /^(@actions\/(http-client|exec)(\/|$)|\.\/(oidc-utils|platform)\.js$)/;
    build.onResolve({ filter: unused }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      if (args.path.startsWith('./') && !/[\\/]@actions[\\/]core[\\/]/.test(args.importer)) return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true },
      });
      return r.errors.length ? undefined : { path: r.path, external: r.external, sideEffects: false };
    });
  },
};

/**
 * Code splitting: what several entries share, and what an entry loads only when needed (TensorFlow.js,
 * octokit, the readers, behind dynamic import()), goes to chunk-<hash>.js files next to the entries
 * (they find the model worker and the wasm files from import.meta.url), so start-up compiles only
 * what it runs. Chunk names are content hashes: the build stays deterministic.
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // tfjs-node is optional and native: load it at run time when present, never bundle it.
  external: ['@tensorflow/tfjs-node'],
  banner: { js: ESM_BANNER },
  plugins: [unusedCoreImports],
};
