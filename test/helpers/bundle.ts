// Bundles a door of the program the way scripts/build.mjs builds dist/ (the same shared options:
// code splitting, externals, ESM banner), into the folder of `outfile` (its chunks next to it),
// so tests run the real bundle without touching dist/.
import { build } from 'esbuild';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function bundleEntry(entry: string, outfile: string): Promise<string> {
  const { BUNDLE_OPTIONS } = (await import(pathToFileURL(path.resolve('scripts/bundle-options.mjs')).href)) as {
    BUNDLE_OPTIONS: Parameters<typeof build>[0];
  };
  const ext = path.extname(outfile);
  await build({
    ...BUNDLE_OPTIONS,
    entryPoints: { [path.basename(outfile, ext)]: entry },
    outdir: path.dirname(outfile),
    outExtension: { '.js': ext || '.js' },
    logLevel: 'error',
  });
  return outfile;
}
