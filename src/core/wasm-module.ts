// The committed WebAssembly kernels (X.wat, compiled by `npm run wasm` into X.wasm.ts as base64).

/** The module of a kernel's base64 binary, compiled at the first call and once a process. */
export function wasmModule(base64: string): () => WebAssembly.Module {
  let compiled: WebAssembly.Module | null = null;
  return () => (compiled ??= new WebAssembly.Module(Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))));
}
