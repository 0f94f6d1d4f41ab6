import { describe, expect, it } from 'vitest';
import { makeStream } from '../rng';
import { gaussianPoints, semidefiniteCholesky } from './gaussianPoints';
import { integrateSoftmaxOde, SharedLogitNoise, softmaxMoments } from './odeSoftmax';
import { integrateRk4 } from './rk4';

/**
 * Minimal online SGD for softmax on the k-GMM with means e_1..e_k (docs/MATH.md §2–3): x ∈ R^{k×d},
 * δ = c_δ/d, ridge β, a fresh sample Y = e_y + Z/√λ each step. Records m = x·μ and R = x xᵀ at every
 * unit of time, and the realised quadratic variation Σ (Δm)², Σ (ΔR)² of each entry (an upper bound on
 * the variance of the martingale part: E(Δ)² = Var + mean²). R is tracked incrementally from
 * exact algebra: with g_a = π_a − δ_ay and z = x·Y (the logits), Δx^a = −δ(g_a Y + β x^a), so
 *   ΔR_ab = −δ(g_b z_a + g_a z_b + 2βR_ab) + δ²(g_a g_b ‖Y‖² + β g_a z_b + β g_b z_a + β² R_ab).
 */
function softmaxSgd(
  x0: Float64Array,
  d: number,
  k: number,
  priors: number[],
  lambda: number,
  beta: number,
  cdelta: number,
  T: number,
  seed: number,
) {
  const x = Float64Array.from(x0);
  const rng = makeStream(seed, 'theory-sgd');
  const delta = cdelta / d;
  const perUnit = Math.round(1 / delta);
  const steps = Math.round(T * perUnit);
  const kk = k * k;
  const R = new Float64Array(kk);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += x[a * d + i] * x[b * d + i];
      R[a * k + b] = s;
    }
  const qvM = new Float64Array(kk);
  const qvR = new Float64Array(kk);
  const m = () => Float64Array.from({ length: kk }, (_, i) => x[Math.floor(i / k) * d + (i % k)]);
  const out = { m: [m()], R: [R.slice()], qvM: [qvM.slice()], qvR: [qvR.slice()] };
  const Y = new Float64Array(d);
  const z = new Float64Array(k);
  const g = new Float64Array(k);
  const next = new Float64Array(kk);
  const cumulative = priors.map((_, a) => priors.slice(0, a + 1).reduce((p, q) => p + q, 0));
  const scale = 1 / Math.sqrt(lambda);
  for (let step = 1; step <= steps; step++) {
    const u = rng.uniform();
    let y = cumulative.findIndex((c) => u < c);
    if (y < 0) y = k - 1;
    rng.fillNormal(Y, scale);
    Y[y] += 1;
    let y2 = 0;
    for (let i = 0; i < d; i++) y2 += Y[i] * Y[i];
    let max = -Infinity;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += x[a * d + i] * Y[i];
      z[a] = s;
      max = Math.max(max, s);
    }
    let sum = 0;
    for (let a = 0; a < k; a++) sum += Math.exp(z[a] - max);
    for (let a = 0; a < k; a++) g[a] = Math.exp(z[a] - max) / sum - (a === y ? 1 : 0);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const dR =
          -delta * (g[b] * z[a] + g[a] * z[b] + 2 * beta * R[a * k + b]) +
          delta * delta * (g[a] * g[b] * y2 + beta * g[a] * z[b] + beta * g[b] * z[a] + beta * beta * R[a * k + b]);
        next[a * k + b] = R[a * k + b] + dR;
        qvR[a * k + b] += dR * dR;
        // m_ab = x^a_b (μ_b = e_b): Δm_ab = −δ(g_a Y_b + β m_ab)
        const dM = -delta * (g[a] * Y[b] + beta * x[a * d + b]);
        qvM[a * k + b] += dM * dM;
      }
    }
    R.set(next);
    const shrink = 1 - delta * beta;
    for (let a = 0; a < k; a++) {
      const c = delta * g[a];
      for (let i = 0; i < d; i++) x[a * d + i] = shrink * x[a * d + i] - c * Y[i];
    }
    if (step % perUnit === 0) {
      out.m.push(m());
      out.R.push(R.slice());
      out.qvM.push(qvM.slice());
      out.qvR.push(qvR.slice());
    }
  }
  return out;
}

/** Initial x^c ~ N(0, I_d/d) (docs/MATH.md §2) from a named stream. */
function initialX(d: number, k: number, seed: number): Float64Array {
  const x = new Float64Array(k * d);
  makeStream(seed, 'theory-init').fillNormal(x, 1 / Math.sqrt(d));
  return x;
}

/**
 * Tolerance for |SGD − ODE| of one entry at time t: 4 standard deviations of the martingale part
 * (bounded by √(realised quadratic variation); the ODE's contraction only shrinks it further) plus the
 * O(c_δ t/d) drift terms that the d → ∞ limit drops (δ²‖Y‖² = δ(c_δ/λ + c_δ/d + …)).
 */
const tolerance = (qv: number, t: number, cdelta: number, d: number) => 4 * Math.sqrt(qv) + (cdelta * t) / d;

function maxExcess(
  sgd: ReturnType<typeof softmaxSgd>,
  ode: { m: Float64Array[]; R: Float64Array[] },
  cdelta: number,
  d: number,
) {
  // worst |deviation| / tolerance over entries and unit times, and the worst raw deviations
  let ratio = 0;
  let devM = 0;
  let devR = 0;
  for (let t = 1; t < sgd.m.length; t++) {
    for (let i = 0; i < sgd.m[t].length; i++) {
      const dm = Math.abs(sgd.m[t][i] - ode.m[t][i]);
      const dr = Math.abs(sgd.R[t][i] - ode.R[t][i]);
      devM = Math.max(devM, dm);
      devR = Math.max(devR, dr);
      ratio = Math.max(ratio, dm / tolerance(sgd.qvM[t][i], t, cdelta, d), dr / tolerance(sgd.qvR[t][i], t, cdelta, d));
    }
  }
  return { ratio, devM, devR };
}

describe('Gaussian expectations (fixed point set)', () => {
  it('512 points: softmax moments within 1e-4 of a 65536-point reference for λ ≥ 5', () => {
    // Requirement (gaussianPoints.ts): an error ε in E π moves the ODE by ≲ εT; ε ≤ 1e-4 keeps a T = 10
    // curve within 1e-3, ≪ the SGD fluctuations O(d^{-1/2}) ≈ 0.01–0.03 it is compared with.
    const k = 3;
    const R = [1.2, -0.3, 0.1, -0.3, 0.9, 0.2, 0.1, 0.2, 1.5];
    for (const lambda of [5, 50]) {
      const chol = semidefiniteCholesky(
        R.map((v) => v / lambda),
        k,
      );
      const mean = [1.5, -0.4, 0.2];
      const [f1, s1, f2, s2] = [
        new Float64Array(k),
        new Float64Array(k * k),
        new Float64Array(k),
        new Float64Array(k * k),
      ];
      softmaxMoments(mean, chol, k, gaussianPoints(k, 512), f1, s1);
      softmaxMoments(mean, chol, k, gaussianPoints(k, 65536), f2, s2);
      let worst = 0;
      for (let i = 0; i < k; i++) worst = Math.max(worst, Math.abs(f1[i] - f2[i]));
      for (let i = 0; i < k * k; i++) worst = Math.max(worst, Math.abs(s1[i] - s2[i]));
      expect(worst).toBeLessThan(1e-4);
      // and the point set has exact first and second moments (zero mean, identity covariance)
      const pts = gaussianPoints(k, 512);
      for (let i = 0; i < k; i++) {
        let mean1 = 0;
        for (let s = 0; s < 512; s++) mean1 += pts[s * k + i] / 512;
        expect(Math.abs(mean1)).toBeLessThan(1e-14);
        for (let j = 0; j < k; j++) {
          let c = 0;
          for (let s = 0; s < 512; s++) c += (pts[s * k + i] * pts[s * k + j]) / 512;
          expect(Math.abs(c - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        }
      }
    }
  });
});

describe('softmax effective dynamics', () => {
  it('λ → ∞ (λ = 1e8) reduces to m_ab′ = p_b(δ_ab − softmax_a(m_·b)) − β m_ab, and R − mmᵀ decays as e^{−2βt}', () => {
    const k = 3;
    const priors = [0.5, 0.3, 0.2];
    const beta = 0.1;
    const m0 = [0.1, -0.2, 0.05, 0.3, 0.0, -0.1, -0.05, 0.2, 0.15];
    const R0 = [1, 0.1, -0.05, 0.1, 0.8, 0.02, -0.05, 0.02, 1.2];
    const T = 5;
    const ode = integrateSoftmaxOde({ m0, R0, priors, lambda: 1e8, beta, cdelta: 1, T, dt: 0.01 });
    const limit = integrateRk4(
      (m, out) => {
        for (let b = 0; b < k; b++) {
          let max = -Infinity;
          for (let a = 0; a < k; a++) max = Math.max(max, m[a * k + b]);
          let sum = 0;
          for (let a = 0; a < k; a++) sum += Math.exp(m[a * k + b] - max);
          for (let a = 0; a < k; a++)
            out[a * k + b] = priors[b] * ((a === b ? 1 : 0) - Math.exp(m[a * k + b] - max) / sum) - beta * m[a * k + b];
        }
      },
      m0,
      T,
      0.01,
      [0, 1, 2, 3, 4, 5],
    );
    for (let t = 0; t <= T; t++) {
      // λ = 1e8: the logit spread √(R/λ) ≈ 1e-4 changes E π by O(R/λ) = 1e-8; corrector c_δ/λ = 1e-8.
      for (let i = 0; i < k * k; i++) expect(Math.abs(ode.m[t][i] - limit.states[t][i])).toBeLessThan(1e-6);
      const m = ode.m[t];
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++) {
          let mmT = 0;
          let mmT0 = 0;
          for (let e = 0; e < k; e++) {
            mmT += m[a * k + e] * m[b * k + e];
            mmT0 += m0[a * k + e] * m0[b * k + e];
          }
          const perp = ode.R[t][a * k + b] - mmT;
          expect(Math.abs(perp - (R0[a * k + b] - mmT0) * Math.exp(-2 * beta * t))).toBeLessThan(1e-6);
        }
    }
  });

  it('SGD at d = 2000, k = 3, λ = 50, β = 0.1, c_δ = 1 follows the ODE (m and R) at every unit of time up to T = 5', () => {
    const d = 2000;
    const k = 3;
    const priors = [1 / 3, 1 / 3, 1 / 3];
    const [lambda, beta, cdelta, T] = [50, 0.1, 1, 5];
    const x0 = initialX(d, k, 1);
    for (const seed of [1, 2]) {
      const sgd = softmaxSgd(x0, d, k, priors, lambda, beta, cdelta, T, seed);
      const ode = integrateSoftmaxOde({ m0: sgd.m[0], R0: sgd.R[0], priors, lambda, beta, cdelta, T, dt: 0.01 });
      const { ratio, devM, devR } = maxExcess(sgd, ode, cdelta, d);
      const tolM = tolerance(sgd.qvM[T][0], T, cdelta, d);
      console.log(
        `seed ${seed}: max |Δm| ${devM.toFixed(4)}, max |ΔR| ${devR.toFixed(4)}, worst deviation/tolerance ${ratio.toFixed(3)} (tolerance for m_11 at t = 5: ${tolM.toFixed(4)})`,
      );
      expect(ratio).toBeLessThan(1);
    }
  });

  it('the c_δ/λ corrector is needed: λ = 10, c_δ = 2 — SGD follows the corrected ODE and leaves the uncorrected one', () => {
    const d = 2000;
    const k = 3;
    const priors = [1 / 3, 1 / 3, 1 / 3];
    const [lambda, beta, cdelta, T] = [10, 0.1, 2, 4];
    const x0 = initialX(d, k, 2);
    const sgd = softmaxSgd(x0, d, k, priors, lambda, beta, cdelta, T, 3);
    const withCorrector = integrateSoftmaxOde({
      m0: sgd.m[0],
      R0: sgd.R[0],
      priors,
      lambda,
      beta,
      cdelta,
      T,
      dt: 0.01,
    });
    const without = integrateSoftmaxOde({ m0: sgd.m[0], R0: sgd.R[0], priors, lambda, beta, cdelta: 0, T, dt: 0.01 });
    const a = maxExcess(sgd, withCorrector, cdelta, d);
    const b = maxExcess(sgd, without, cdelta, d);
    console.log(
      `corrected: max |ΔR| ${a.devR.toFixed(4)} (ratio ${a.ratio.toFixed(3)}); uncorrected: max |ΔR| ${b.devR.toFixed(4)} (ratio ${b.ratio.toFixed(3)})`,
    );
    expect(a.ratio).toBeLessThan(1);
    expect(b.ratio).toBeGreaterThan(1);
  });
});

describe('SharedLogitNoise (the field’s factorised softmax moments)', () => {
  it('equals softmaxMoments point set by point set, also where the factorisation underflows', () => {
    const k = 6;
    const points = gaussianPoints(k, 128);
    const shared = new SharedLogitNoise(k, points);
    const cases: { scale: number; mean: number[] }[] = [
      { scale: 0.15, mean: [0.3, -0.2, 1.1, 0, 0.05, -1] },
      { scale: 1.5, mean: [4, -3, 0, 2, 9, -7] },
      // a logit spread of ~1500: e^{m − max}·e^{Lξ − max} underflows at some points → direct fallback
      { scale: 300, mean: [0, 900, -900, 10, 5, 0] },
    ];
    for (const { scale, mean } of cases) {
      const chol = new Float64Array(k * k);
      for (let i = 0; i < k; i++)
        for (let j = 0; j <= i; j++) chol[i * k + j] = scale * (i === j ? 1 : 0.3 / (1 + i - j));
      const f1 = new Float64Array(k);
      const s1 = new Float64Array(k * k);
      const f2 = new Float64Array(k);
      const s2 = new Float64Array(k * k);
      softmaxMoments(mean, chol, k, points, f1, s1);
      shared.setFactor(chol);
      shared.moments(mean, f2, s2);
      for (let i = 0; i < k; i++) expect(Math.abs(f2[i] - f1[i])).toBeLessThan(1e-14);
      for (let i = 0; i < k * k; i++) expect(Math.abs(s2[i] - s1[i])).toBeLessThan(1e-14);
      expect(f2.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(f2.every(Number.isFinite)).toBe(true);
    }
  });
});
