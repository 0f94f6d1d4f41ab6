// xor neurons on the (μ, ν) plane: (m^μ_i, m^ν_i) = (W_i·μ, W_i·ν) with v_i; a neuron recruited to +μ sits
// on the +x axis with v_i > 0.
import type { NeuronCheckpoint, NeuronView } from '../types';
import type { NeuronData } from '../neurons';

/** The four cluster centres on the (μ, ν) plane, with the sign of v_i of a neuron that serves each. */
export const XOR_NEURON_CLUSTERS: NeuronData['clusters'] = [
  { label: '+μ (y=1)', x: 1, y: 0, sign: 1 },
  { label: '−μ (y=1)', x: -1, y: 0, sign: 1 },
  { label: '+ν (y=0)', x: 0, y: 1, sign: -1 },
  { label: '−ν (y=0)', x: 0, y: -1, sign: -1 },
];

export const xorNeurons: NeuronView = {
  caption:
    'Each hidden neuron’s first-layer weights W_i on the (μ, ν) plane over time (line: its path since t = 0), coloured by the sign of its second-layer weight v_i and sized by |v_i|. A neuron serving ±μ (label 1) moves out along the μ axis with v_i > 0, one serving ±ν (label 0) along the ν axis with v_i < 0; a dying one shrinks to 0.',
  countsServing: true,
  data(checkpoints: NeuronCheckpoint[], _pa: number, _pb: number, withTheory: boolean) {
    const last = checkpoints[checkpoints.length - 1];
    if (!last) return undefined;
    const v = last.summary.v as number[] | undefined;
    if (!v) return undefined;
    const serves = (last.diagnosis as { neuronServes?: (string | null)[] } | undefined)?.neuronServes;
    return {
      axes: ['m^μ = W_i·μ', 'm^ν = W_i·ν'],
      weightName: 'v_i',
      clusters: XOR_NEURON_CLUSTERS,
      neurons: v.map((w, i) => ({
        neuron: i,
        points: checkpoints.map((c) => [(c.summary.mmu as number[])[i], (c.summary.mnu as number[])[i]]),
        weight: w,
        serves: serves?.[i] ?? null,
        ...(withTheory && checkpoints.some((c) => c.theory?.ode)
          ? {
              ode: checkpoints
                .filter((c) => c.theory?.ode)
                .map((c): [number, number] => [
                  (c.theory!.ode!.mmu as number[])[i],
                  (c.theory!.ode!.mnu as number[])[i],
                ]),
              odeNotPredictive: checkpoints.some((c) => c.theory?.odeFlags?.some((f) => f.neuron === i)),
            }
          : {}),
      })),
      time: last.time,
    };
  },
};
