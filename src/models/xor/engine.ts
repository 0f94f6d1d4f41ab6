// The 2-layer ReLU net on the XOR-GMM: what a run computes with it.
import { xorGmm } from '../../math/mixture';
import { xorModel } from '../../math/models/xor';
import type { ModelEngine } from '../types';
import { xorCheckpointDiagnosis } from './diagnosis';
import type { XorSummary } from './summary';
import { xorTheory } from './theory';
import { twoLayerStepLimit } from '../twoLayer/stepLimit';

export const xorEngine: ModelEngine<XorSummary> = {
  mixture: ({ d, lambda }, rng) => xorGmm(d, lambda, rng),
  create: ({ d, K }) => xorModel({ d, K }),
  stepLimit: twoLayerStepLimit,
  theory: xorTheory,
  diagnose: xorCheckpointDiagnosis,
};
