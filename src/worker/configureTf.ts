// tfjs in a browser Worker: prod mode and the bundled wasm binaries. Registers cpu and wasm (through
// engine/backend) and nothing else, so a share Worker, which runs its parent's wasm or cpu, loads no
// GPU backend.
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { quietTf, tryBackend } from '../engine/backend';

let configured = false;
export function configureTfOnce(): void {
  if (configured) return;
  configured = true;
  quietTf();
  // Bundled binaries (relative URLs: the static build runs offline from a sub-path). Threads are off:
  // threaded wasm hangs without cross-origin isolation and gave no speed-up (ARCHITECTURE.md).
  // setWasmPaths insists on all three entries even though the threaded one is never loaded here.
  setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

/** Starts the named backend (a share Worker runs on its parent's: wasm or cpu); throws if it does not start. */
export async function startNamedBackend(name: string): Promise<void> {
  configureTfOnce();
  const started = await tryBackend(name);
  if (!started.ok) throw new Error(`backend ${name} did not start: ${started.error}`);
}
