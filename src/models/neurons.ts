// The neuron panel's data (2-layer models): every hidden neuron's first-layer weights W_i projected on
// two mean directions over time, and its second-layer weight now. Each model with hidden neurons says
// which plane and which weight (NeuronView in types.ts: xor/neurons.ts, mlp/neurons.ts);
// charts/neuronChart.ts draws it.

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
  /** theory: the ODE cannot predict this neuron (its cluster is picked by SGD noise: theory.odeFlags) */
  odeNotPredictive?: boolean;
}

export interface NeuronData {
  axes: [string, string];
  weightName: string;
  /** the clusters' directions in this plane: unit vectors with their names */
  clusters: { label: string; x: number; y: number; sign: 1 | -1 }[];
  neurons: NeuronTrajectory[];
  time: number;
}
