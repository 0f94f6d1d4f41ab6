// Softmax summary statistics (docs/MATH.md §6): m (k×k) = x^a·μ_b, R (k×k) = x^a·x^b.
import * as v from 'valibot';

const matrix = v.array(v.array(v.number()));

export const softmaxSummarySchema = v.object({ m: matrix, R: matrix });

export type SoftmaxSummary = v.InferOutput<typeof softmaxSummarySchema>;

export const softmaxSummaryNames: Record<keyof SoftmaxSummary, string> = {
  m: 'm = x^a·μ_b (overlap of class weights with the means)',
  R: 'R = x^a·x^b (Gram matrix of the class weights)',
};
