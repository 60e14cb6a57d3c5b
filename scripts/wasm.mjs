// Compiles the WebAssembly kernels (src/**/*.wat) into TypeScript modules next to them
// (X.wat -> X.wasm.ts, the binary as base64), committed like dist/: building and testing need no
// WebAssembly toolchain. `npm run wasm` after editing a .wat; a test fails while the two differ.
import wabtInit from 'wabt';
import { readFileSync, writeFileSync } from 'node:fs';

export const KERNELS = ['src/core/diagnostics/score-kernel.wat', 'src/core/threshold-kernel.wat'];

/** The module's binary (wabt, no debug names: the same bytes on every machine). */
export async function compileWat(path) {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat(path, readFileSync(path, 'utf8'), { simd: true });
  try {
    parsed.validate();
    return parsed.toBinary({ write_debug_names: false }).buffer;
  } finally {
    parsed.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const path of KERNELS) {
    const bytes = await compileWat(path).catch((e) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    });
    const name = path.replace(/^.*\//, '');
    writeFileSync(
      path.replace(/\.wat$/, '.wasm.ts'),
      `// Generated from ${name} by \`npm run wasm\` (scripts/wasm.mjs): do not edit.\n` +
        `export const WASM_BASE64 =\n  '${Buffer.from(bytes).toString('base64')}';\n`,
    );
    console.log(`${path}: ${bytes.length} bytes`);
  }
}
