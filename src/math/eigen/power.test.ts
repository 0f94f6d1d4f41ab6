// Power iteration's acceptance test: a pair found by deflation is accepted only when its TRUE residual
// after Rayleigh–Ritz with the earlier pairs meets tol. The earlier pairs are only accurate to tol·|θ_1|
// and Rayleigh–Ritz mixes their residuals into the later pairs, so the deflated residual alone can
// accept a pair that the final check ‖Au − θu‖ ≤ tol|θ| then rejects.
import { describe, expect, it } from 'vitest';
import { solve } from './index';
import { makeRng } from './random';
import { denseBatchApply, matVec, randomOrthogonal, withSpectrum } from './testMatrices';

const DIM = 40;

/** θ_1 = 3 far above θ_2 = 1, and θ_3 = 0.99 right below it (pair 2 converges slowly), bulk in [0, 0.5). */
function dominantAboveSlowPair(seed: number): Float64Array {
  const rng = makeRng(seed, 7);
  const lambda = Array.from({ length: DIM }, (_, i) =>
    i === 0 ? 3 : i === 1 ? 1 : i === 2 ? 0.99 : 0.5 * rng.uniform(),
  );
  return withSpectrum(lambda, randomOrthogonal(DIM, rng));
}

describe('power: a pair accepted by the convergence tests passes the final true-residual check', () => {
  // instances (tol, seed) on which the deflated-residual test alone accepted pair 2 with a final true
  // residual just above tol·|θ_2|
  it.each([
    [1e-2, 15],
    [5e-3, 64],
    [5e-3, 69],
    [2e-3, 15],
    [2e-3, 21],
    [2e-3, 63],
  ])('tol %d, seed %i', async (tol, seed) => {
    const a = dominantAboveSlowPair(seed);
    const [r] = await solve('power', [{ dim: DIM, j: 2, lower: 0 }], denseBatchApply([a], [DIM]).apply, { tol, seed });
    expect(r.converged).toEqual([true, true]);
    // the reported residuals are the true ones: recompute ‖Au − θu‖ in float64 (the operator rounds to
    // float32, far below tol)
    const au = new Float64Array(DIM);
    for (let i = 0; i < 2; i++) {
      matVec(a, DIM, r.vectors, i * DIM, au, 0);
      let s = 0;
      for (let t = 0; t < DIM; t++) s += (au[t] - r.values[i] * r.vectors[i * DIM + t]) ** 2;
      expect(Math.sqrt(s)).toBeLessThanOrEqual(tol * Math.abs(r.values[i]) * (1 + 1e-4));
    }
  });
});
