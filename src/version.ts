// The tool version, from package.json at build time (esbuild inlines the JSON import).
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
