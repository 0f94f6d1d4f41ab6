// Checkpoint records → the neuron view's data (pure; unit-tested): every hidden neuron's first-layer
// weights W_i projected on two mean directions over time, and its second-layer weight now.
//   xor: (m^μ_i, m^ν_i) = (W_i·μ, W_i·ν) with v_i; a neuron recruited to +μ sits on the +x axis with v_i > 0.
//   mlp: (W_i·μ_a, W_i·μ_b) for the chosen pair (a, b), with V_ai − V_bi (> 0: the neuron votes for a).
import type { CheckpointRecord } from '../engine/runFile';
import { sub } from './theme';

export interface NeuronTrajectory {
  neuron: number;
  /** (x, y) at every checkpoint, oldest first */
  points: [number, number][];
  /** second-layer weight at the last checkpoint */
  weight: number;
  /** xor: the cluster it serves at the last checkpoint (xorDiagnosis), null: none */
  serves?: string | null;
  /** xor with theory: the effective-dynamics ODE's (m^μ_i, m^ν_i) at every checkpoint that has it (theory layer) */
  ode?: [number, number][];
}

export interface NeuronData {
  axes: [string, string];
  weightName: string;
  /** the clusters' directions in this plane: unit vectors with their names */
  clusters: { label: string; x: number; y: number; sign: 1 | -1 }[];
  neurons: NeuronTrajectory[];
  time: number;
}

export function neuronData(checkpoints: CheckpointRecord[], model: string | undefined, pa = 0, pb = 1, withTheory = false): NeuronData | undefined {
  const last = checkpoints[checkpoints.length - 1];
  if (!last) return undefined;
  if (model === 'xor') {
    const v = last.summary.v as number[] | undefined;
    if (!v) return undefined;
    const serves = (last.diagnosis as { neuronServes?: (string | null)[] } | undefined)?.neuronServes;
    return {
      axes: ['m^μ = W_i·μ', 'm^ν = W_i·ν'],
      weightName: 'v_i',
      clusters: [
        { label: '+μ (y=1)', x: 1, y: 0, sign: 1 },
        { label: '−μ (y=1)', x: -1, y: 0, sign: 1 },
        { label: '+ν (y=0)', x: 0, y: 1, sign: -1 },
        { label: '−ν (y=0)', x: 0, y: -1, sign: -1 },
      ],
      neurons: v.map((w, i) => ({
        neuron: i,
        points: checkpoints.map((c) => [(c.summary.mmu as number[])[i], (c.summary.mnu as number[])[i]]),
        weight: w,
        serves: serves?.[i] ?? null,
        ...(withTheory && checkpoints.some((c) => c.theory?.ode)
          ? { ode: checkpoints.filter((c) => c.theory?.ode).map((c): [number, number] => [(c.theory!.ode!.mmu as number[])[i], (c.theory!.ode!.mnu as number[])[i]]) }
          : {}),
      })),
      time: last.time,
    };
  }
  if (model === 'mlp') {
    const m = last.summary.m as number[][] | undefined;
    const V = last.summary.V as number[][] | undefined;
    if (!m || !V || !m[0] || pa >= m[0].length || pb >= m[0].length) return undefined;
    return {
      axes: [`W_i·μ${sub(pa)}`, `W_i·μ${sub(pb)}`],
      weightName: `V${sub(pa)}ᵢ − V${sub(pb)}ᵢ`,
      clusters: [
        { label: `μ${sub(pa)}`, x: 1, y: 0, sign: 1 },
        { label: `μ${sub(pb)}`, x: 0, y: 1, sign: -1 },
      ],
      neurons: m.map((_, i) => ({
        neuron: i,
        points: checkpoints.map((c) => [(c.summary.m as number[][])[i][pa], (c.summary.m as number[][])[i][pb]]),
        weight: V[pa][i] - V[pb][i],
      })),
      time: last.time,
    };
  }
  return undefined;
}
