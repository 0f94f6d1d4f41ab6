// A cheap lower spectral bound for problems whose `lower` is unknown (indefinite matrices): a short
// Lanczos chain that rides along the solver's own batched calls (one extra row per call, no extra
// calls). Lanczos finds extreme eigenvalues first; its smallest Ritz value minus a safety margin is
// used as the shift σ (power / subspace: iterate with A − σI, which makes "largest algebraic" the
// dominant part) and as the lower end a of the Chebyshev damping interval.
//
// It is an estimate, not a certificate: margin = max(|β_m s_m| (there is an eigenvalue that close),
// 5% of the Ritz spread). If it is slightly too high, eigenvalues below it are amplified only mildly
// (|T_m| near −1 grows slowly), far less than the wanted end. Until it is ready the solvers take
// plain steps shifted by the conservative `provisional` value.
import { LanczosChain } from './lanczos';
import { fillNormal, makeRng } from './random';

export const DEFAULT_LOWER_BOUND_STEPS = 10;

export class LowerBoundEstimate {
  private readonly chain: LanczosChain;
  private bound: number | undefined;

  constructor(dim: number, seed: number, steps = DEFAULT_LOWER_BOUND_STEPS) {
    const start = new Float64Array(dim);
    fillNormal(makeRng(seed, 0x10b0), start);
    this.chain = new LanczosChain(dim, start, steps);
  }

  /** row to append to this call's request, or null when the estimate is ready */
  pending(): Float64Array | null {
    return this.chain.pending();
  }

  consume(product: Float64Array): void {
    this.chain.consume(product);
    if (this.chain.finished) {
      const { value, residual, spread } = this.chain.smallestRitz();
      this.bound = value - Math.max(residual, 0.05 * spread, 1e-12 * Math.abs(value));
    }
  }

  /**
   * Before the chain finishes: a deliberately conservative bound, θ_min − (θ_max − θ_min) from the steps
   * so far (needs 2 steps). Too low only slows the shifted iteration; too high would favour the wrong
   * end of an indefinite spectrum, which is what an unshifted step does when |λ_min| > λ_max.
   */
  get provisional(): number | undefined {
    if (this.bound !== undefined) return this.bound;
    if (this.chain.steps < 2) return undefined;
    const { value, spread } = this.chain.smallestRitz();
    return value - spread;
  }

  /** the estimated lower bound, once the chain has finished */
  get value(): number | undefined {
    return this.bound;
  }
}
