// Starting a tfjs backend. Node (CLI, tests) has cpu and wasm; the Worker adds webgl and webgpu
// (registered by importing their packages there) and calls the same functions.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export interface BackendChoice {
  /** the backend that runs */
  name: string;
  /** why it was chosen, for the UI and the CLI ("wasm (default in Node)", "cpu — wasm failed: …") */
  reason: string;
  /** backends that failed to start, with the error */
  failures: { name: string; error: string }[];
}

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

/**
 * Node: `auto` means wasm with a cpu fallback (printed by the caller). An explicit backend that
 * fails to start falls back the same way, and says so.
 */
export async function startNodeBackend(requested: string): Promise<BackendChoice> {
  quietTf();
  const failures: { name: string; error: string }[] = [];
  const order = requested === 'auto' ? ['wasm', 'cpu'] : [requested, ...['wasm', 'cpu'].filter((b) => b !== requested)];
  for (const name of order) {
    if (name === 'webgl' || name === 'webgpu') {
      failures.push({ name, error: 'not available in Node (browser only)' });
      continue;
    }
    const started = await tryBackend(name);
    if (started.ok) {
      const reason =
        failures.length === 0
          ? requested === 'auto'
            ? `${name} (default in Node)`
            : `${name} (requested)`
          : `${name} — ${failures.map((f) => `${f.name} failed: ${f.error}`).join('; ')}`;
      return { name, reason, failures };
    }
    failures.push({ name, error: started.error });
  }
  throw new Error(`no tfjs backend starts: ${failures.map((f) => `${f.name}: ${f.error}`).join('; ')}`);
}
