// The project's hand-written WebAssembly kernels ship as base64 strings (generated modules beside
// their .wat source): this compiles one once, on first use, and says null where WebAssembly or its
// SIMD is missing, so each caller falls back to its JS loops. Synchronous compilation is fine
// everywhere: every module is under the 4 KB browsers allow to compile synchronously on a main thread.

export function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** a getter of the compiled module (compiled on the first call), null without wasm SIMD */
export function lazySimdModule(base64: string): () => WebAssembly.Module | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled === undefined) {
      compiled = null;
      try {
        if (typeof WebAssembly === 'object') {
          const bytes = decodeBase64(base64);
          if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
        }
      } catch {
        compiled = null;
      }
    }
    return compiled;
  };
}
