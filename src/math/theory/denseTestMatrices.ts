// Dense matrices for checking the theory against finite samples (used by the theory tests only).
// Everything here is O(d²M): fine at d ≤ 500, M ≤ 2000; the live app never builds these.

/**
 * (1/M) Σ_m w_m y_m y_mᵀ for rows y_m of the M×d row-major `samples`, as a dense d×d row-major matrix,
 * plus shift·I. Only the lower triangle is accumulated, then mirrored.
 */
export function weightedGram(samples: Float64Array, weights: ArrayLike<number>, d: number, shift = 0): Float64Array {
  const count = weights.length;
  if (samples.length !== count * d) throw new Error('samples must be M×d');
  const out = new Float64Array(d * d);
  const scaled = new Float64Array(d);
  for (let m = 0; m < count; m++) {
    const w = weights[m] / count;
    if (w === 0) continue;
    const off = m * d;
    for (let i = 0; i < d; i++) scaled[i] = w * samples[off + i];
    for (let i = 0; i < d; i++) {
      const si = scaled[i];
      const row = i * d;
      for (let j = 0; j <= i; j++) out[row + j] += si * samples[off + j];
    }
  }
  for (let i = 0; i < d; i++) {
    out[i * d + i] += shift;
    for (let j = 0; j < i; j++) out[j * d + i] = out[i * d + j];
  }
  return out;
}

/**
 * Kolmogorov distance sup_x |F(x) − F_n(x)| between a predicted CDF F, given on an increasing grid
 * (linearly interpolated; cdf[0] is the mass of an atom AT grid[0], so F(grid[0]−) = 0; the last value
 * holds right of the grid), and the empirical CDF F_n of `sorted` (ascending). Both one-sided limits
 * are compared at every jump of F_n; equal sample values form one jump. Round the samples that should
 * sit exactly on an atom (e.g. numerically-zero eigenvalues) onto it before calling.
 */
export function kolmogorovDistance(grid: ArrayLike<number>, cdf: ArrayLike<number>, sorted: ArrayLike<number>): number {
  const n = sorted.length;
  const last = grid.length - 1;
  const at = (x: number, left: boolean): number => {
    if (x < grid[0] || (left && x === grid[0])) return 0;
    if (x >= grid[last]) return cdf[last];
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (grid[mid] <= x) lo = mid;
      else hi = mid;
    }
    const t = (x - grid[lo]) / (grid[hi] - grid[lo]);
    return cdf[lo] + t * (cdf[hi] - cdf[lo]);
  };
  let worst = 0;
  for (let i = 0; i < n;) {
    const x = sorted[i];
    let j = i;
    while (j + 1 < n && sorted[j + 1] === x) j++;
    worst = Math.max(worst, Math.abs(at(x, true) - i / n), Math.abs(at(x, false) - (j + 1) / n));
    i = j + 1;
  }
  return worst;
}

/** Trapezoid CDF of a density on a grid, starting from `start` (e.g. an atom's mass left of the grid). */
export function cumulativeTrapezoid(grid: ArrayLike<number>, density: ArrayLike<number>, start = 0): Float64Array {
  const out = new Float64Array(grid.length);
  out[0] = start;
  for (let i = 1; i < grid.length; i++)
    out[i] = out[i - 1] + 0.5 * (density[i] + density[i - 1]) * (grid[i] - grid[i - 1]);
  return out;
}
