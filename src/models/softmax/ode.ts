// The softmax effective dynamics of (m, R) (BGJ22 Thm 2.2; odeSoftmax.ts: Stein terms and the c_δ/λ
// corrector), advanced checkpoint by checkpoint with a step and a point count fixed once per run.
import { integrateSoftmaxOde, softmaxOdeField } from '../../math/theory/odeSoftmax';
import { rows } from '../rows';
import type { OdeLaw, TheoryContext } from '../types';
import type { SoftmaxSummary } from './summary';

/**
 * RK4 step of the softmax ODE: SOFTMAX_ODE_DT_MAX, or less where the field's rates are large.
 * Measured: dt = 0.2 and dt = 0.025 agree to 2.4e-8 (k = 4, λ = 50, T = 5), and over T = 25 (k = 4 and
 * 10, λ = 5 and 50) the step's error is invisible beside the 512-point Gaussian quadrature's own error
 * against 4096 points (2e-7 at k = 10, λ = 50; 6.6e-6 at k = 4, λ = 50; 2e-4 at k = 4, λ = 5) — the
 * field is smooth with O(1) rates, so RK4's O((r·dt)⁵) local error is negligible —
 * and the cost is 16× less than at 0.0125 (k = 10: each field evaluation is 10 classes × 512 points).
 * Rates: the m and R equations have linear parts of size ≤ 2β (ridge) + ‖R‖/λ (Stein terms, the softmax
 * Jacobian has norm ≤ ½) + O(1) (the mean residual A): r = 1 + 2β + ‖R₀‖∞/λ. Keeping r·dt ≤ ¼ keeps
 * RK4 stable (its limit is r·dt ≈ 2.8) and accurate also at small λ or large β. theory.test.ts re-checks
 * the step against dt/8. One step per run (from the t = 0 state), so that the piecewise integration
 * equals one integration over [0, T].
 */
export const SOFTMAX_ODE_DT_MAX = 0.2;

export function softmaxOdeDt(lambda: number, beta: number, R0: number[][]): number {
  const norm = Math.max(1, ...R0.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
  return Math.min(SOFTMAX_ODE_DT_MAX, 0.25 / (1 + 2 * beta + norm / lambda));
}
/**
 * Gaussian points per class and RK4 stage (gaussianPoints.ts), chosen once per run from λ/‖R₀‖∞.
 * The quadrature error grows like (‖R‖/λ)² (the logits' covariance R/λ enters at 4th order) and falls
 * roughly like 1/S. Measured over T = 25 against S = 8192 (max error in m and R; ms for the whole run):
 *   k = 4,  λ = 50:  S = 128 → 1.5e-5 (58 ms),  S = 512 → 7.4e-6 (225 ms)
 *   k = 10, λ = 50:  S = 128 → 4.4e-7 (313 ms), S = 512 → 2.7e-7 (1231 ms)
 *   k = 4,  λ = 5:   S = 128 → 6.3e-4,          S = 512 → 2.4e-4
 * Target: ≤ 1e-4, a hundred times below the smallest SGD fluctuation the ODE is compared with
 * (d^{-1/2} ≥ 0.011 at d ≤ 8000). S = 128 meets it for λ/‖R₀‖ ≥ 20 ((50/20)² × 1.5e-5 ≈ 1e-4) at a
 * quarter of the cost; below that S = 512 (the best this cost allows; small λ is noisy anyway).
 */
export function softmaxOdePoints(lambda: number, R0: number[][]): number {
  const norm = Math.max(1, ...R0.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
  return lambda / norm >= 20 ? 128 : 512;
}

export function softmaxOde({ lambda, beta, cdelta, mixture }: TheoryContext): OdeLaw<SoftmaxSummary> {
  const k = mixture.meanCount;
  let dt = SOFTMAX_ODE_DT_MAX;
  let points = 512;
  // one field per run (its constants are the run's; the step and point count are fixed at t = 0)
  let field: ((state: Float64Array, out: Float64Array) => void) | undefined;
  return {
    begin(initial, fallback) {
      const R0 = (initial.R as number[][] | undefined) ?? fallback.R;
      dt = softmaxOdeDt(lambda, beta, R0);
      points = softmaxOdePoints(lambda, R0);
      field = undefined;
    },
    step(s, span) {
      field ??= softmaxOdeField(k, mixture.priors, lambda, beta, cdelta, points);
      const trajectory = integrateSoftmaxOde({
        field,
        m0: s.m.flat(),
        R0: s.R.flat(),
        priors: mixture.priors,
        lambda,
        beta,
        cdelta,
        T: span,
        dt,
        points,
        outputTimes: [span],
      });
      return { m: rows(trajectory.m[0], k), R: rows(trajectory.R[0], k) };
    },
    copy: (s) => ({ m: s.m.map((r) => r.slice()), R: s.R.map((r) => r.slice()) }),
  };
}
