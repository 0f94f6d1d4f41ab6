// The parameter budget of the 2-layer models: K·d first-layer weights and a head counted k wide (mlp's
// V is k×K; xor's v is K, so its count is an upper bound). A repair lowers the hidden width K.
import type { ParameterBudget } from '../types';

export const twoLayerParameters: ParameterBudget = {
  count: ({ d, k, K }) => K * d + K * Math.max(k, 1),
  key: 'K',
  largest: ({ d, k }, max) => Math.max(1, Math.floor(max / (d + k))),
};
