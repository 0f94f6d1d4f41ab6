// Softmax regression on the k-GMM (docs/MATH.md §2): what the app knows of it.
import { sub } from '../subscript';
import type { ModelInfo } from '../types';
import { softmaxSummaryNames, softmaxSummarySchema, type SoftmaxSummary } from './summary';

export const softmaxInfo: ModelInfo<SoftmaxSummary> = {
  name: 'softmax',
  doc: '1-layer softmax regression on a k-GMM',
  summarySchema: softmaxSummarySchema,
  summaryNames: softmaxSummaryNames,
  clusters: ({ k }) => k,
  labels: ({ k }) => k,
  meanNames: ({ k }) => Array.from({ length: k }, (_, i) => `μ${sub(i)}`),
  clusterMeans: ({ k }) => Array.from({ length: k }, (_, r) => [r, 1]),
  weightVectors: 'x^c',
  blockIds: ({ k, full }) => [
    ...Array.from({ length: k }, (_, c) => `class:${c}`),
    ...(full === false ? [] : ['full']),
  ],
  parameters: {
    count: ({ d, k }) => k * d,
    key: 'k',
    largest: ({ d }, max) => Math.max(2, Math.floor(max / d)),
  },
  usesOverlap: true,
  // k·d parameters within MAX_PARAMS: its class blocks are d×d, no per-sample working set to bound
  memoryProblem: () => undefined,
  unusedKeys: { K: 'unused by softmax' },
  // both matrices' k class blocks, each with max(k, topj) vectors
  probeVectors: ({ k, topj }) => 2 * k * Math.max(k, topj),
  stepWork: ({ d, k }) => k * d,
  diagnosis: false,
};
