// Node's tfjs backends (CLI, bench, tests): cpu and wasm, registered by importing them here. The
// browser Worker registers its own, on demand (worker/configureTf.ts), and starts them with the same
// tryBackend (tfBackend.ts).
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { quietTf, tryBackend } from './tfBackend';

export { quietTf, tryBackend };

export interface BackendChoice {
  /** the backend that runs */
  name: string;
  /** why it was chosen, for the UI and the CLI ("wasm (default in Node)", "cpu — wasm failed: …") */
  reason: string;
  /** backends that failed to start, with the error */
  failures: { name: string; error: string }[];
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
