// Runs numeric specs on every tfjs backend that starts in Node (cpu, wasm). Lives beside the math it
// tests; specs above math import it through src/testing/backends.ts.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// tf.grad, which specs compare the models' closed forms against (the app itself never differentiates)
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export const NODE_BACKENDS = ['cpu', 'wasm'] as const;

export async function useBackend(name: string): Promise<void> {
  tf.enableProdMode();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`backend ${name} did not start`);
  await tf.ready();
}
