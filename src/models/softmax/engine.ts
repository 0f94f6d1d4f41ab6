// Softmax regression on the k-GMM: what a run computes with it.
import { kGmm } from '../../math/mixture';
import { softmaxModel } from '../../math/models/softmax';
import type { ModelEngine } from '../types';
import type { SoftmaxSummary } from './summary';
import { softmaxTheory } from './theory';

export const softmaxEngine: ModelEngine<SoftmaxSummary> = {
  mixture: ({ d, k, lambda, overlap }, rng) => kGmm(d, k, lambda, overlap, rng),
  // the class blocks track k eigenpairs each: the span of the means
  create: ({ d, k }) => softmaxModel({ d, k, j: k }),
  theory: softmaxTheory,
};
