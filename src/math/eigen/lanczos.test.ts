import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './dense';
import { densityGrid, lanczos, slqDensity, slqDensityBatched, smoothDensity } from './lanczos';
import { makeRng } from './random';
import { denseBatchApply, matVec, outlierCase, randomOrthogonal, withSpectrum } from './testMatrices';

function applyOneOf(a: Float64Array, n: number) {
  return (v: Float64Array) => {
    const out = new Float64Array(n);
    matVec(a, n, v, 0, out, 0);
    return out;
  };
}

describe('lanczos', () => {
  const c = outlierCase('indefinite'); // isolated top outlier, cluster of 3 negative outliers at the bottom
  const ref = symmetricEigen(c.a, c.dim);
  const lmax = ref.values[0];
  const lmin = ref.values[c.dim - 1];
  const normA = Math.max(Math.abs(lmax), Math.abs(lmin));

  it('extreme Ritz values match the dense extremes; all Ritz values lie in [λmin, λmax]', async () => {
    const r = await lanczos(applyOneOf(c.a, c.dim), c.dim, { steps: 40, seed: 1 });
    expect(r.alpha).toHaveLength(40);
    expect(r.beta).toHaveLength(39);
    expect(r.applications).toBe(40);
    const top = r.ritzValues[0];
    const bottom = r.ritzValues[r.ritzValues.length - 1];
    expect(Math.abs(top - lmax)).toBeLessThan(1e-10 * normA);
    expect(Math.abs(bottom - lmin)).toBeLessThan(1e-10 * normA);
    for (const t of r.ritzValues) {
      expect(t).toBeLessThanOrEqual(lmax + 1e-12 * normA);
      expect(t).toBeGreaterThanOrEqual(lmin - 1e-12 * normA);
    }
    console.log(
      `lanczos 40 steps: |θmax−λmax|/‖A‖=${(Math.abs(top - lmax) / normA).toExponential(1)}, |θmin−λmin|/‖A‖=${(Math.abs(bottom - lmin) / normA).toExponential(1)}`,
    );
  });

  it('stops at an invariant subspace (3 distinct eigenvalues → 3 steps, exact Ritz values)', async () => {
    const n = 30;
    const spectrum = Array.from({ length: n }, (_, i) => [2, -1, 0.5][i % 3]);
    const a = withSpectrum(spectrum, randomOrthogonal(n, makeRng(2, 0)));
    const r = await lanczos(applyOneOf(a, n), n, { steps: 10, seed: 3 });
    expect(r.applications).toBe(3);
    expect(r.ritzValues[0]).toBeCloseTo(2, 10);
    expect(r.ritzValues[1]).toBeCloseTo(0.5, 10);
    expect(r.ritzValues[2]).toBeCloseTo(-1, 10);
  });
});

describe('slqDensity', () => {
  const c = outlierCase('k4');
  const ref = symmetricEigen(c.a, c.dim);
  const lmax = ref.values[0];
  const lmin = ref.values[c.dim - 1];
  let trace = 0;
  let offDiagSq = 0;
  for (let i = 0; i < c.dim; i++)
    for (let k = 0; k < c.dim; k++) {
      if (i === k) trace += c.a[i * c.dim + k];
      else offDiagSq += c.a[i * c.dim + k] ** 2;
    }
  const probes = 20;

  it('weights sum to 1, nodes lie in the spectrum, mean matches trace/dim, smoothed density integrates to 1', async () => {
    const r = await slqDensity(applyOneOf(c.a, c.dim), c.dim, { steps: 30, probes, seed: 7 });
    expect(r.nodes.length).toBe(30 * probes);
    expect(r.applications).toBe(30 * probes);
    const sumW = r.weights.reduce((s, w) => s + w, 0);
    expect(Math.abs(sumW - 1)).toBeLessThan(1e-12);
    for (const x of r.nodes) {
      expect(x).toBeLessThanOrEqual(lmax + 1e-12 * lmax);
      expect(x).toBeGreaterThanOrEqual(lmin - 1e-12 * lmax);
    }
    // Σ wθ = (1/P) Σ_p z_pᵀAz_p / dim: unbiased for trace/dim; Rademacher variance of zᵀAz is
    // 2 Σ_{i≠k} A_ik², so the mean over P probes has std sqrt(2·offDiagSq/P)/dim. Allow 4 std.
    const mean = r.nodes.reduce((s, x, i) => s + x * r.weights[i], 0);
    const std = Math.sqrt((2 * offDiagSq) / probes) / c.dim;
    expect(Math.abs(mean - trace / c.dim)).toBeLessThan(4 * std);
    // std is a meaningful bound: small next to the mean itself
    expect(std).toBeLessThan(0.05 * (trace / c.dim));
    // smoothed density: integral 1 and the same mean (Gaussian smoothing preserves both)
    const width = 0.01 * (lmax - lmin);
    const grid = densityGrid(r.nodes, width, 4000, 8 * width);
    const dens = smoothDensity(r.nodes, r.weights, grid, width);
    let mass = 0;
    let first = 0;
    for (let g = 1; g < grid.length; g++) {
      const h = grid[g] - grid[g - 1];
      mass += 0.5 * h * (dens[g] + dens[g - 1]);
      first += 0.5 * h * (dens[g] * grid[g] + dens[g - 1] * grid[g - 1]);
    }
    expect(Math.abs(mass - 1)).toBeLessThan(1e-6);
    expect(Math.abs(first - mean)).toBeLessThan(1e-6 * lmax);
    // the big outlier carries weight ≈ 1/dim per probe on average: a visible but tiny atom
    console.log(
      `SLQ: mean=${mean.toExponential(4)} trace/dim=${(trace / c.dim).toExponential(4)} (|diff|=${Math.abs(mean - trace / c.dim).toExponential(1)}, 4σ=${(4 * std).toExponential(1)})`,
    );
  });

  it('batched form: every problem advances one step per call, problem 0 matches the single-problem result bit for bit', async () => {
    const other = outlierCase('k10top4');
    const { apply, calls } = denseBatchApply([c.a, other.a], [c.dim, other.dim], false);
    const [r0, r1] = await slqDensityBatched([c.dim, other.dim], apply, { steps: 12, probes: 3, seed: 7 });
    expect(calls).toHaveLength(12);
    expect(calls.every((k) => k[0] === 3 && k[1] === 3)).toBe(true);
    const single = await slqDensity(applyOneOf(c.a, c.dim), c.dim, { steps: 12, probes: 3, seed: 7 });
    expect(Array.from(r0.nodes)).toEqual(Array.from(single.nodes));
    expect(Array.from(r0.weights)).toEqual(Array.from(single.weights));
    expect(Math.abs(r1.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-12);
  });
});
