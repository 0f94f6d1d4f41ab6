// Checkpoint records → the neuron view's data (pure; unit-tested): every hidden neuron's first-layer
// weights W_i projected on two mean directions over time, and its second-layer weight now. Each model
// with hidden neurons says how (models/<name>/neurons.ts): xor on the (μ, ν) plane with v_i, mlp on the
// chosen pair of means (a, b) with V_ai − V_bi.
import type { CheckpointRecord } from '../engine/runFile';
import type { NeuronData } from '../models/neurons';
import { findModelInfo } from '../models/registry';

export type { NeuronData, NeuronTrajectory } from '../models/neurons';

export function neuronData(
  checkpoints: CheckpointRecord[],
  model: string | undefined,
  pa = 0,
  pb = 1,
  withTheory = false,
): NeuronData | undefined {
  return findModelInfo(model)?.neurons?.data(checkpoints, pa, pb, withTheory);
}

/** The neuron panel's one-line "now": how many neurons serve a cluster at the last checkpoint. */
export function servingNow(data: NeuronData | undefined): string {
  if (!data) return '';
  const serving = data.neurons.filter((n) => n.serves !== null && n.serves !== undefined).length;
  return ` Now: ${serving} of ${data.neurons.length} neurons serve a cluster.`;
}
