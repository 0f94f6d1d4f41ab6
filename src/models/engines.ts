// The engine's half of the registry: name → data law, math model, theory and diagnosis (ModelEngine).
// Apart from registry.ts so that the main thread, which only describes models, loads no tensor code.
import { mlpEngine } from './mlp/engine';
import type { ModelName } from './registry';
import { softmaxEngine } from './softmax/engine';
import type { ModelEngine } from './types';
import { xorEngine } from './xor/engine';

const ENGINES: Record<ModelName, ModelEngine> = { softmax: softmaxEngine, xor: xorEngine, mlp: mlpEngine };

export function modelEngine(name: ModelName): ModelEngine {
  if (!Object.hasOwn(ENGINES, name))
    throw new Error(`unknown model ${String(name)} (one of ${Object.keys(ENGINES).join(', ')})`);
  return ENGINES[name];
}
