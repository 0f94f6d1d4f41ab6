// XOR summary statistics (docs/MATH.md §6): m^μ_i = W_i·μ, m^ν_i = W_i·ν, v_i, R⊥ (K×K) = W_i⊥·W_l⊥.
import * as v from 'valibot';

const vector = v.array(v.number());

export const xorSummarySchema = v.object({ mmu: vector, mnu: vector, v: vector, Rperp: v.array(vector) });

export type XorSummary = v.InferOutput<typeof xorSummarySchema>;

export const xorSummaryNames: Record<keyof XorSummary, string> = {
  mmu: 'm^μ_i = W_i·μ',
  mnu: 'm^ν_i = W_i·ν',
  v: 'v_i (second-layer weights)',
  Rperp: 'R⊥ = W_i⊥·W_l⊥ (first-layer weights off the (μ, ν) plane)',
};
