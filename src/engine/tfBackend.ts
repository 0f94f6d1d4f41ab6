// Starting a tfjs backend, with no backend registered here: the caller imports (or loads on demand) the
// backends it offers. Node's are cpu and wasm (backend.ts); the browser Worker's are loaded by
// worker/configureTf.ts.
import * as tf from '@tensorflow/tfjs-core';

/** prod mode: no per-op NaN checks (we check at checkpoints) and no "install tfjs-node" nag. */
export function quietTf(): void {
  tf.enableProdMode();
}

/** Tries to make `name` the active backend; false (with the error) if it does not start. */
export async function tryBackend(name: string): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return { ok: false, error: 'setBackend returned false' };
    await tf.ready();
    // A tiny op proves the backend computes (webgpu adapters can "start" and then fail).
    const probe = tf.tidy(() => tf.sum(tf.matMul(tf.ones([2, 2]), tf.ones([2, 2]))));
    const value = (await probe.data())[0];
    probe.dispose();
    if (value !== 8) return { ok: false, error: `probe computed ${value} instead of 8` };
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
