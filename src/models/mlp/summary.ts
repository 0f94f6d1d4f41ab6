// 2-layer k-GMM summary statistics (docs/MATH.md §6): m (K×k) = W_i·μ_a, R (K×K) = W_i·W_l, V (k×K).
import * as v from 'valibot';

const matrix = v.array(v.array(v.number()));

export const mlpSummarySchema = v.object({ m: matrix, R: matrix, V: matrix });

export type MlpSummary = v.InferOutput<typeof mlpSummarySchema>;

export const mlpSummaryNames: Record<keyof MlpSummary, string> = {
  m: 'm = W_i·μ_a (overlap of the neurons with the means)',
  R: 'R = W_i·W_l (Gram matrix of the first-layer weights)',
  V: 'V (second-layer weights, k×K)',
};
