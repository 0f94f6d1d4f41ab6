// The cause of a divergence and its fix, in words with the config's numbers (the run's message).
import { modelEngine } from '../models/engines';
import type { Config } from '../state/schema';

/** Names the likely cause of a divergence and the fix, from the step size, the ridge and the data scale. */
export function divergenceCause(config: Config, delta: number): string {
  const { cdelta, beta, lambda, d, model } = config;
  // The ridge part of a step multiplies the weights by (1 − δβ): |1 − δβ| > 1 grows them geometrically.
  if (delta * beta > 2)
    return `c_δ too large for β: c_δ = ${cdelta} gives δβ = ${(delta * beta).toPrecision(3)} > 2, so the ridge factor |1 − δβ| > 1 grows the weights every step (need c_δ < 2d/β = ${((2 * d) / beta).toPrecision(3)})`;
  const limit = modelEngine(model).stepLimit?.(d, lambda);
  if (limit !== undefined) {
    const where = `≈ ${limit.toPrecision(3)} = d/√(1 + d/λ) for d = ${d}, λ = ${lambda}`;
    if (cdelta > limit)
      return `c_δ too large for λ and d: c_δ = ${cdelta} is above ${where}, where one SGD step moves a neuron by more than its own length (δ√(1 + d/λ) = ${(delta * Math.sqrt(1 + d / lambda)).toPrecision(3)} > 1) and the weights of both layers grow; lower c_δ below ${limit.toPrecision(2)} (or raise λ)`;
    return `c_δ = ${cdelta} is below the step-size limit ${where} and δβ = ${(delta * beta).toPrecision(3)} ≤ 2, yet the weights grew; lower c_δ`;
  }
  return `c_δ too large for λ: c_δ = ${cdelta} (δ = ${delta.toPrecision(3)}) is too large for λ = ${lambda}, β = ${beta}; lower c_δ`;
}
