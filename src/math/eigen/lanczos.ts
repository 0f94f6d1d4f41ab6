// Lanczos with full re-orthogonalisation, and stochastic Lanczos quadrature (SLQ) for the spectral
// density of a block. A LanczosChain is a step-at-a-time state machine so several chains (probes,
// problems, or a lower-bound estimate riding along a block solver) can share one batched call.
import { axpy, dot, norm, scale } from './blas';
import { symmetricTridiagonalEigen, symmetricTridiagonalEigenFull } from './dense';
import { drive, singleProblemApply, type BatchedWorker } from './driver';
import { fillNormal, fillRademacher, makeRng } from './random';
import type { BatchApply } from './types';

export class LanczosChain {
  readonly alpha: number[] = [];
  /** beta[i] couples steps i and i+1; after the last step, beta has `steps` entries (last = residual norm) */
  readonly beta: number[] = [];
  /** orthonormal Lanczos basis, one row per step taken (+ the pending one) */
  private readonly basis: Float64Array;
  private done = false;

  constructor(
    readonly dim: number,
    start: Float64Array,
    readonly maxSteps: number,
  ) {
    const m = Math.min(maxSteps, dim);
    this.maxSteps = m;
    this.basis = new Float64Array(m * dim);
    const s = norm(start, 0, dim);
    if (!(s > 0)) throw new Error('LanczosChain: zero start vector');
    for (let i = 0; i < dim; i++) this.basis[i] = start[i] / s;
  }

  get steps(): number {
    return this.alpha.length;
  }

  get finished(): boolean {
    return this.done;
  }

  /** the vector to multiply next (a view), or null when the chain is complete */
  pending(): Float64Array | null {
    if (this.done) return null;
    const k = this.steps;
    return this.basis.subarray(k * this.dim, (k + 1) * this.dim);
  }

  /** consumes A·q_k (a view of length dim) */
  consume(aq: Float64Array): void {
    const { dim } = this;
    const k = this.steps;
    const w = Float64Array.from(aq.subarray(0, dim));
    const a = dot(this.basis, k * dim, w, 0, dim);
    this.alpha.push(a);
    // Full re-orthogonalisation, twice: the float32 operator makes plain three-term Lanczos lose
    // orthogonality after a handful of steps (ghost eigenvalues would corrupt SLQ weights).
    for (let pass = 0; pass < 2; pass++)
      for (let i = 0; i <= k; i++) axpy(-dot(this.basis, i * dim, w, 0, dim), this.basis, i * dim, w, 0, dim);
    const b = norm(w, 0, dim);
    this.beta.push(b);
    const scaleRef = Math.max(Math.abs(a), ...this.beta.slice(0, k).map(Math.abs), 1e-300);
    if (k + 1 >= this.maxSteps || b <= 1e-12 * scaleRef) {
      // Out of steps, or an invariant subspace was found (then the quadrature is exact).
      this.done = true;
      return;
    }
    scale(1 / b, w, 0, dim);
    this.basis.set(w, (k + 1) * dim);
  }

  /** Ritz values (descending) of the tridiagonal built so far */
  ritzValues(): Float64Array {
    return symmetricTridiagonalEigen(this.alpha, this.beta).values;
  }

  /**
   * Smallest Ritz value and its residual bound |β_m s_m| (there is an eigenvalue within that distance).
   */
  smallestRitz(): { value: number; residual: number; spread: number } {
    const m = this.steps;
    const { values, vectors } = symmetricTridiagonalEigenFull(this.alpha, this.beta.slice(0, m - 1));
    const last = vectors[(m - 1) * m + (m - 1)];
    return { value: values[m - 1], residual: Math.abs(this.beta[m - 1] * last), spread: values[0] - values[m - 1] };
  }
}

export interface LanczosResult {
  alpha: number[];
  /** off-diagonal (length steps−1) */
  beta: number[];
  /** Ritz values, descending */
  ritzValues: number[];
  /** operator applications spent (= steps taken) */
  applications: number;
}

export interface LanczosOptions {
  steps: number;
  seed?: number;
  /** start vector (otherwise a seeded Gaussian vector) */
  start?: Float64Array;
}

export type ApplyOne = (v: Float64Array) => Float64Array | Promise<Float64Array>;

/** m-step Lanczos with full re-orthogonalisation on one problem. */
export async function lanczos(applyOne: ApplyOne, dim: number, opts: LanczosOptions): Promise<LanczosResult> {
  let start = opts.start;
  if (!start) {
    start = new Float64Array(dim);
    fillNormal(makeRng(opts.seed ?? 0, 0x1a2c), start);
  }
  const chain = new LanczosChain(dim, start, opts.steps);
  const worker: BatchedWorker = {
    dim,
    request: () => chain.pending(),
    receive: (p) => chain.consume(p),
  };
  await drive([worker], singleProblemApply(applyOne, dim));
  return {
    alpha: [...chain.alpha],
    beta: chain.beta.slice(0, chain.steps - 1),
    ritzValues: Array.from(chain.ritzValues()),
    applications: chain.steps,
  };
}

export interface SlqOptions {
  /** Lanczos steps per probe */
  steps: number;
  /** number of random probes */
  probes: number;
  seed?: number;
  /** 'rademacher' (default: lowest-variance trace estimate) or 'gaussian' */
  probe?: 'rademacher' | 'gaussian';
}

export interface SlqResult {
  /** quadrature nodes (Ritz values of every probe, concatenated) */
  nodes: Float64Array;
  /** weights: squared first eigenvector components divided by the number of probes (sum to 1) */
  weights: Float64Array;
  applications: number;
}

/** Stochastic Lanczos quadrature for one problem: ∫ f dμ ≈ Σ weights·f(nodes), μ = spectral measure / dim. */
export async function slqDensity(applyOne: ApplyOne, dim: number, opts: SlqOptions): Promise<SlqResult> {
  const [res] = await slqDensityBatched([dim], singleProblemApply(applyOne, dim), opts);
  return res;
}

/**
 * SLQ for many problems at once: all probes of all problems advance one Lanczos step per batched call
 * (count = number of still-running probes of that problem).
 */
export async function slqDensityBatched(dims: number[], apply: BatchApply, opts: SlqOptions): Promise<SlqResult[]> {
  const chains = dims.map((dim, p) =>
    Array.from({ length: opts.probes }, (_, r) => {
      const z = new Float64Array(dim);
      const rng = makeRng(opts.seed ?? 0, 0x51a0 + 7919 * p + r);
      if (opts.probe === 'gaussian') fillNormal(rng, z);
      else fillRademacher(rng, z);
      return new LanczosChain(dim, z, opts.steps);
    }),
  );
  const workers: BatchedWorker[] = dims.map((dim, p) => {
    let sent: LanczosChain[] = [];
    return {
      dim,
      request() {
        sent = chains[p].filter((c) => !c.finished);
        if (sent.length === 0) return null;
        const rows = new Float64Array(sent.length * dim);
        sent.forEach((c, i) => rows.set(c.pending()!, i * dim));
        return rows;
      },
      receive(products) {
        sent.forEach((c, i) => c.consume(products.subarray(i * dim, (i + 1) * dim)));
      },
    };
  });
  await drive(workers, apply);
  return chains.map((list) => {
    const nodes: number[] = [];
    const weights: number[] = [];
    let applications = 0;
    for (const c of list) {
      const { values, firstComponents } = symmetricTridiagonalEigen(c.alpha, c.beta.slice(0, c.steps - 1));
      for (let i = 0; i < values.length; i++) {
        nodes.push(values[i]);
        weights.push((firstComponents[i] * firstComponents[i]) / list.length);
      }
      applications += c.steps;
    }
    return { nodes: Float64Array.from(nodes), weights: Float64Array.from(weights), applications };
  });
}

/**
 * Smoothed density on a grid: Σ w_i N(x; node_i, width²). Integrates to Σw = 1 when the grid covers the
 * nodes ± a few widths.
 */
export function smoothDensity(
  nodes: ArrayLike<number>,
  weights: ArrayLike<number>,
  grid: ArrayLike<number>,
  width: number,
): Float64Array {
  const out = new Float64Array(grid.length);
  const c = 1 / (width * Math.sqrt(2 * Math.PI));
  for (let g = 0; g < grid.length; g++) {
    let s = 0;
    for (let i = 0; i < nodes.length; i++) {
      const z = (grid[g] - nodes[i]) / width;
      if (z < 8 && z > -8) s += weights[i] * Math.exp(-0.5 * z * z);
    }
    out[g] = c * s;
  }
  return out;
}

/** n evenly spaced points covering [min node − pad, max node + pad] (pad = 4 widths by default). */
export function densityGrid(nodes: ArrayLike<number>, width: number, n = 400, pad = 4 * width): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < nodes.length; i++) {
    lo = Math.min(lo, nodes[i]);
    hi = Math.max(hi, nodes[i]);
  }
  lo -= pad;
  hi += pad;
  const grid = new Float64Array(n);
  for (let i = 0; i < n; i++) grid[i] = lo + ((hi - lo) * i) / (n - 1);
  return grid;
}
