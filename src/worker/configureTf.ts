// tfjs in a browser Worker: prod mode, the bundled wasm binaries, and the backends loaded on demand.
// wasm is registered by importing its package here (it is the probe's yardstick and a share Worker's
// usual backend); cpu and webgl are fetched and registered only when a backend start asks for them, and
// WebGPU's backend only where the browser offers an adapter (backends.ts).
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { quietTf, tryBackend } from '../engine/tfBackend';

let configured = false;
export function configureTfOnce(): void {
  if (configured) return;
  configured = true;
  quietTf();
  // Bundled binaries (relative URLs: the static build runs offline from a sub-path). Threads are off:
  // threaded wasm hangs without cross-origin isolation and gave no speed-up (ARCHITECTURE.md).
  // setWasmPaths insists on all three entries even though the threaded one is never loaded here.
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

/** backends whose packages are fetched on first use; importing a package registers its backend with tfjs */
const onDemand: Record<string, () => Promise<unknown>> = {
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
};
const loads = new Map<string, Promise<string | undefined>>();

/** Registers the backend `name` (fetching its package where it is loaded on demand); the reason where it could not be loaded. */
export function loadBackend(name: string): Promise<string | undefined> {
  const load = onDemand[name];
  if (!load) return Promise.resolve(undefined);
  let loading = loads.get(name);
  if (!loading) {
    loading = load().then(
      () => undefined,
      (err: unknown) => `its module did not load: ${err instanceof Error ? err.message : String(err)}`,
    );
    loads.set(name, loading);
  }
  return loading;
}

/** Starts the named backend (a share Worker runs on its parent's: wasm or cpu); throws if it does not start. */
export async function startNamedBackend(name: string): Promise<void> {
  configureTfOnce();
  const loadError = await loadBackend(name);
  const started = loadError ? { ok: false as const, error: loadError } : await tryBackend(name);
  if (!started.ok) throw new Error(`backend ${name} did not start: ${started.error}`);
}
