import { describe, expect, it } from 'vitest';
import { makeStream } from '../rng';
import { cumulativeTrapezoid, kolmogorovDistance, weightedGram } from './denseTestMatrices';
import { symmetricEigenvalues } from '../eigen/dense';
import {
  bulkAtomMass,
  bulkDensity,
  bulkEdge,
  compressWeights,
  marchenkoPasturDensity,
  marchenkoPasturSupport,
} from './weightedWishart';

// Pure-noise samples y_m ~ N(0, I/λ): the block (1/M) Σ w_m y_m y_mᵀ + shift is exactly the bulk model.
function noiseSpectrum(d: number, count: number, lambda: number, weights: Float64Array, shift: number, seed: number) {
  const samples = new Float64Array(count * d);
  makeStream(seed, 'theory-noise').fillNormal(samples, 1 / Math.sqrt(lambda));
  const eigenvalues = symmetricEigenvalues(weightedGram(samples, weights, d, shift), d).reverse(); // ascending
  // Eigenvalues of the null space (γ > 1) are shift ± rounding: put them exactly on the atom.
  const tiny = 1e-9 * Math.abs(eigenvalues[d - 1] - shift);
  return eigenvalues.map((e) => (Math.abs(e - shift) < tiny ? shift : e));
}

function predictedCdf(weights: Float64Array, gamma: number, lambda: number, shift: number) {
  const top = bulkEdge(weights, gamma, lambda, shift);
  const n = 2001;
  // The grid starts at the shift: everything below it is the atom (γ > 1) — cdf[0] = atom mass.
  const grid = Float64Array.from({ length: n }, (_, i) => shift + ((top - shift) * 1.02 * i) / (n - 1));
  const density = bulkDensity(weights, gamma, lambda, shift, grid);
  return { grid, cdf: cumulativeTrapezoid(grid, density, bulkAtomMass(weights, gamma)), top };
}

describe('weighted Wishart bulk: closed forms', () => {
  it('constant weights reproduce Marchenko–Pastur (edge and density), γ < 1 and γ > 1', () => {
    for (const gamma of [0.25, 0.5, 2]) {
      const w = new Float64Array(1000).fill(0.2);
      const lambda = 3;
      const shift = 0.1;
      const [, upper] = marchenkoPasturSupport(0.2, gamma, lambda, shift);
      expect(Math.abs(bulkEdge(w, gamma, lambda, shift) - upper)).toBeLessThan(1e-10 * upper);
      const grid = Float64Array.from({ length: 300 }, (_, i) => shift + ((upper - shift) * 1.1 * (i + 0.5)) / 300);
      const density = bulkDensity(w, gamma, lambda, shift, grid);
      let peak = 0;
      let worst = 0;
      for (let i = 0; i < grid.length; i++) {
        const exact = marchenkoPasturDensity(grid[i], 0.2, gamma, lambda, shift);
        peak = Math.max(peak, exact);
        worst = Math.max(worst, Math.abs(density[i] - exact));
      }
      // η = 1e-7·edge smoothing only matters within ~1e-7 of the edges: 1e-3 of the peak is generous.
      expect(worst).toBeLessThan(1e-3 * peak);
      expect(bulkAtomMass(w, gamma)).toBeCloseTo(Math.max(0, 1 - 1 / gamma), 12);
    }
  });

  it('is fast: edge + 200-point density for M = 2000 weights in a few ms', () => {
    const rng = makeStream(7, 'theory-speed');
    const w = Float64Array.from({ length: 2000 }, () => 0.05 + 0.2 * rng.uniform());
    const grid = Float64Array.from({ length: 200 }, (_, i) => (0.4 * i) / 199);
    bulkDensity(w, 0.25, 1, 0, grid); // warm the JIT
    // Best of 10: the minimum is what the code costs; the other runs measure the machine's other load
    // (tests run in parallel on shared cores).
    let best = Infinity;
    for (let r = 0; r < 10; r++) {
      const t0 = performance.now();
      bulkEdge(w, 0.25, 1, 0);
      bulkDensity(w, 0.25, 1, 0, grid);
      best = Math.min(best, performance.now() - t0);
    }
    console.log(`bulkEdge + bulkDensity (M = 2000, 200 points): ${best.toFixed(2)} ms`);
    expect(best).toBeLessThan(10);
    expect(compressWeights(w).values.length).toBeLessThanOrEqual(200);
  });
});

describe('weighted Wishart bulk vs dense random matrices (d = 500)', () => {
  // Tolerances:
  //  • edge: the largest eigenvalue sits at edge·(1 + s·TW₁), TW₁ ~ Tracy–Widom (mean ≈ −1.2, sd ≈ 1.3),
  //    with relative scale s = (√M + √d)(1/√d + 1/√M)^{1/3} / (M (1+√γ)²) (Johnstone 2001; exact for
  //    constant weights, the same order for the generalised edge — checked with numpy over seeds:
  //    U(0.05, 0.25) weights, d = 500: mean −1.1% sd 0.5% at M = 1000, mean −1.2% sd 0.7% at M = 2000).
  //    s ≈ 0.6% (M = 2000), 0.8% (M = 1000), 1.25% (M = 250); we allow 4.5 s = the mean shift + 3.3 sd.
  //  • density: eigenvalues are rigid (|λ_i − γ_i| ≲ d^{-2/3} in the bulk), so the Kolmogorov distance
  //    is O(log d/d) ≈ 0.01 plus O(1/d) finite-size bias; we require ≤ 0.02.
  const tracyWidomScale = (d: number, count: number) =>
    ((Math.sqrt(count) + Math.sqrt(d)) * (1 / Math.sqrt(d) + 1 / Math.sqrt(count)) ** (1 / 3)) /
    (count * (1 + Math.sqrt(d / count)) ** 2);
  const d = 500;
  const lambda = 4;
  const cases: {
    name: string;
    count: number;
    weights: (rng: ReturnType<typeof makeStream>, n: number) => Float64Array;
    shift: number;
  }[] = [
    { name: 'constant w = 0.2, M = 1000', count: 1000, weights: (_r, n) => new Float64Array(n).fill(0.2), shift: 0 },
    {
      name: 'constant w = 0.2, M = 2000, shift β = 0.1',
      count: 2000,
      weights: (_r, n) => new Float64Array(n).fill(0.2),
      shift: 0.1,
    },
    {
      name: 'w ~ U(0.05, 0.25), M = 1000',
      count: 1000,
      weights: (r, n) => Float64Array.from({ length: n }, () => 0.05 + 0.2 * r.uniform()),
      shift: 0,
    },
    {
      name: 'w ~ U(0.05, 0.25), M = 2000, shift β = 0.1',
      count: 2000,
      weights: (r, n) => Float64Array.from({ length: n }, () => 0.05 + 0.2 * r.uniform()),
      shift: 0.1,
    },
    {
      name: 'constant w = 0.2, M = 250 (γ = 2: atom 1/2 at the shift)',
      count: 250,
      weights: (_r, n) => new Float64Array(n).fill(0.2),
      shift: 0,
    },
  ];
  for (const [index, c] of cases.entries()) {
    it(c.name, () => {
      const w = c.weights(makeStream(index, 'theory-weights'), c.count);
      const gamma = d / c.count;
      const eigenvalues = noiseSpectrum(d, c.count, lambda, w, c.shift, 100 + index);
      const { grid, cdf, top } = predictedCdf(w, gamma, lambda, c.shift);
      const largest = eigenvalues[d - 1];
      const edgeError = Math.abs(largest - top) / (top - c.shift);
      const ks = kolmogorovDistance(grid, cdf, eigenvalues);
      console.log(
        `${c.name}: edge ${top.toFixed(5)} vs λ_max ${largest.toFixed(5)} (${(100 * edgeError).toFixed(2)}%, allowed ${(450 * tracyWidomScale(d, c.count)).toFixed(2)}%), KS ${ks.toFixed(4)}`,
      );
      expect(edgeError).toBeLessThan(4.5 * tracyWidomScale(d, c.count));
      expect(ks).toBeLessThan(0.02);
      // The predicted CDF must reach 1 (density + atom): a wrong normalisation would show here.
      expect(Math.abs(cdf[cdf.length - 1] - 1)).toBeLessThan(2e-3);
    });
  }
});
