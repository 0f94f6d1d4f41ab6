// The 2-layer ReLU net on the k-GMM (docs/MATH.md §2): what the app knows of it.
import { mlpBlockJ } from '../../math/models/defaultJ';
import { sub } from '../subscript';
import { twoLayerBudgetProblem, type TwoLayerSize } from '../twoLayer/budget';
import { twoLayerBlockIds } from '../twoLayer/blockIds';
import { twoLayerParameters } from '../twoLayer/parameters';
import type { ModelInfo, ModelSettings } from '../types';
import { mlpNeurons } from './neurons';
import { mlpSummaryNames, mlpSummarySchema, type MlpSummary } from './summary';

/** mlp's sizes for the 2-layer memory budget: a softmax head (k outputs). */
export function mlpTwoLayerSize(s: Pick<ModelSettings, 'd' | 'k' | 'K' | 'topj' | 'full'>): TwoLayerSize {
  return {
    d: s.d,
    K: s.K,
    outputs: s.k,
    blockJ: mlpBlockJ(s.k, s.K),
    topj: s.topj,
    full: s.full,
    extraSizes: `, k = ${s.k}`,
  };
}

export const mlpInfo: ModelInfo<MlpSummary> = {
  name: 'mlp',
  doc: '2-layer ReLU net on a k-GMM',
  summarySchema: mlpSummarySchema,
  summaryNames: mlpSummaryNames,
  clusters: ({ k }) => k,
  labels: ({ k }) => k,
  meanNames: ({ k }) => Array.from({ length: k }, (_, i) => `μ${sub(i)}`),
  clusterMeans: ({ k }) => Array.from({ length: k }, (_, r) => [r, 1]),
  weightVectors: 'W_i',
  blockIds: twoLayerBlockIds,
  parameters: twoLayerParameters,
  usesOverlap: true,
  memoryProblem: (s, M) => twoLayerBudgetProblem(mlpTwoLayerSize(s), M),
  unusedKeys: {},
  probeVectors: () => 16,
  stepWork: ({ d, k, K }) => K * d * k,
  neurons: mlpNeurons,
  ensemble: {},
  diagnosis: false,
};
