// Bundles a door of the program into a temp file the way scripts/build.mjs builds dist/ (same
// format, externals and ESM banner), so tests run the real bundle without touching dist/.
import { build } from 'esbuild';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function bundleEntry(entry: string, outfile: string): Promise<string> {
  const { ESM_BANNER } = (await import(pathToFileURL(path.resolve('scripts/esm-banner.mjs')).href)) as {
    ESM_BANNER: string;
  };
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@tensorflow/tfjs-node'],
    banner: { js: ESM_BANNER },
    logLevel: 'error',
  });
  return outfile;
}
