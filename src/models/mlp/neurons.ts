// mlp neurons on the plane of two means: (W_i·μ_a, W_i·μ_b) for the chosen pair (a, b), with V_ai − V_bi
// (> 0: the neuron votes for a).
import type { NeuronCheckpoint, NeuronView } from '../types';
import { sub } from '../subscript';

export const mlpNeurons: NeuronView = {
  caption:
    'Each hidden neuron’s first-layer weights W_i on the plane of the two means chosen in the projection panel, over time, coloured by the sign of V_ai − V_bi (which of the two classes it votes for) and sized by its size.',
  countsServing: false,
  data(checkpoints: NeuronCheckpoint[], pa: number, pb: number) {
    const last = checkpoints[checkpoints.length - 1];
    if (!last) return undefined;
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
  },
};
