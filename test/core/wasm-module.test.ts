// Every WebAssembly kernel under src/ (X.wat) against its committed binary (X.wasm.ts, which
// building and testing use): a .wat edited without `npm run wasm`, or missing from the script's
// list, fails here. And the loader compiles a binary once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit from 'wabt';
import { wasmModule } from '../../src/core/wasm-module.js';

const kernels = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.wat'))
  .map((f) => join('src', f));

describe('the WebAssembly kernels', () => {
  it('are the two there are (score diagnostics, threshold decisions)', () => {
    expect(kernels.sort()).toEqual(['src/core/diagnostics/score-kernel.wat', 'src/core/threshold-kernel.wat']);
  });

  it.each(kernels)('%s is what its .wasm.ts holds (run `npm run wasm` after editing it)', async (path) => {
    const wabt = await wabtInit();
    const parsed = wabt.parseWat(path, readFileSync(path, 'utf8'));
    parsed.validate();
    const bytes = parsed.toBinary({ write_debug_names: false }).buffer;
    parsed.destroy();
    const { WASM_BASE64 } = (await import(`../../${path.replace(/\.wat$/, '.wasm.js')}`)) as { WASM_BASE64: string };
    expect(Buffer.from(bytes).toString('base64')).toBe(WASM_BASE64);
  });

  it('wasmModule compiles a binary at the first call, and once', () => {
    // The smallest module: the magic number and version 1.
    const load = wasmModule(Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]).toString('base64'));
    const first = load();
    expect(first).toBeInstanceOf(WebAssembly.Module);
    expect(load()).toBe(first);
  });
});
