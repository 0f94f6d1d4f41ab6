// The 2-layer ReLU net on the k-GMM: what a run computes with it.
import { kGmm } from '../../math/mixture';
import { mlpModel } from '../../math/models/mlp';
import type { ModelEngine } from '../types';
import { mlpTheory } from './theory';
import type { MlpSummary } from './summary';
import { twoLayerStepLimit } from '../twoLayer/stepLimit';

export const mlpEngine: ModelEngine<MlpSummary> = {
  mixture: ({ d, k, lambda, overlap }, rng) => kGmm(d, k, lambda, overlap, rng),
  create: ({ d, k, K }) => mlpModel({ d, k, K }),
  stepLimit: twoLayerStepLimit,
  theory: mlpTheory,
};
