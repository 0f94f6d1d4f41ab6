// The 2-layer ReLU net on the XOR-GMM (BGJ22 §5, docs/MATH.md §2): what the app knows of it.
import { xorBlockJ } from '../../math/models/defaultJ';
import { twoLayerBudgetProblem, type TwoLayerSize } from '../twoLayer/budget';
import { twoLayerBlockIds } from '../twoLayer/blockIds';
import { twoLayerParameters } from '../twoLayer/parameters';
import type { ModelInfo, ModelSettings } from '../types';
import { xorEnsembleLaw } from './ensembleLaw';
import { xorNeurons } from './neurons';
import { xorSummaryNames, xorSummarySchema, type XorSummary } from './summary';

/** xor's sizes for the 2-layer memory budget: a logistic head (one output). */
export function xorTwoLayerSize(s: Pick<ModelSettings, 'd' | 'K' | 'topj' | 'full'>): TwoLayerSize {
  return { d: s.d, K: s.K, outputs: 1, blockJ: xorBlockJ(s.K), topj: s.topj, full: s.full, extraSizes: '' };
}

export const xorInfo: ModelInfo<XorSummary> = {
  name: 'xor',
  doc: '2-layer ReLU net on the XOR-GMM',
  summarySchema: xorSummarySchema,
  summaryNames: xorSummaryNames,
  // four clusters ±μ, ±ν; label 1 on ±μ, 0 on ±ν
  clusters: () => 4,
  labels: () => 2,
  meanNames: () => ['μ', 'ν'],
  clusterNames: ['+μ (y=1)', '−μ (y=1)', '+ν (y=0)', '−ν (y=0)'],
  clusterMeans: () => [
    [0, 1],
    [0, -1],
    [1, 1],
    [1, -1],
  ],
  // label 1 is ±μ, label 0 is ±ν: the sign is read off the sample
  clusterOfSample: {
    of: (label, overlap) => (label === 1 ? (overlap(0) >= 0 ? 0 : 1) : overlap(1) >= 0 ? 2 : 3),
    note: 'the ± of each xor cluster is read off the sign of Y·μ (Y·ν): the file stores labels only',
  },
  weightVectors: 'W_i',
  blockIds: twoLayerBlockIds,
  parameters: twoLayerParameters,
  // μ ⊥ ν by construction
  usesOverlap: false,
  memoryProblem: (s, M) => twoLayerBudgetProblem(xorTwoLayerSize(s), M),
  unusedKeys: { k: 'unused by xor (4 clusters, 2 labels)', overlap: 'unused by xor (μ ⊥ ν)' },
  probeVectors: () => 16,
  stepWork: ({ d, K }) => K * d,
  neurons: xorNeurons,
  ensemble: { law: xorEnsembleLaw },
  diagnosis: true,
};
