// The softmax theory (docs/THEORY.md): λ → ∞ outliers of the class blocks, p_a π_{c|a}(1 − π_{c|a}) + β (H)
// and p_a(π_{c|a} − δ_ca)² (G) along each mean μ_a, and of the full block (orthonormal means:
// fullBlockLimits.ts); the effective dynamics of (m, R) (ode.ts), whose equations assume orthonormal means.
import { softmaxLimitOutliers } from '../../math/theory/outliers';
import { symmetricEigenvalues } from '../../math/eigen/dense';
import { ODE_NOISE_LIMIT, softmaxRelativeNoise } from '../../math/theory/odeNoise';
import type { ModelTheory, OdeFlag, TheoryContext } from '../types';
import { fullBlockLimits } from './fullBlockLimits';
import { softmaxOde } from './ode';
import type { SoftmaxSummary } from './summary';

export function softmaxTheory(context: TheoryContext): ModelTheory<SoftmaxSummary> {
  const { mixture, beta, d, testFractions } = context;
  const k = mixture.meanCount;
  const orthonormal = context.overlap === 0;
  /** Gram matrix μ_a·μ_b of the means (k×k), for overlapping means */
  let gram: Float64Array | undefined;
  if (!orthonormal) {
    gram = new Float64Array(k * k);
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) {
        let s = 0;
        for (let i = 0; i < d; i++) s += mixture.means[a * d + i] * mixture.means[b * d + i];
        gram[a * k + b] = s;
      }
  }

  /**
   * Non-zero eigenvalues of Σ_a c_a μ_a μ_aᵀ (+ shift), descending. Orthonormal means: the c_a
   * themselves; overlapping means: the eigenvalues of C^{1/2} Gram C^{1/2} (same non-zero spectrum).
   */
  const alongMeans = (coefs: number[], meanIndex: number[], shift: number): number[] => {
    if (orthonormal || !gram) return coefs.map((c) => c + shift);
    const c = new Float64Array(k);
    meanIndex.forEach((a, i) => (c[a] = Math.max(0, coefs[i])));
    const mat = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) mat[a * k + b] = Math.sqrt(c[a] * c[b]) * gram[a * k + b];
    return Array.from(symmetricEigenvalues(mat, k)).map((v) => Math.max(0, v) + shift);
  };

  return {
    limitOutliers(summary, notes) {
      const out = new Map<string, number[]>();
      const m = summary.m.flat();
      const { H, G } = softmaxLimitOutliers(m, k, testFractions, beta);
      for (let c = 0; c < k; c++) {
        out.set(
          `H:class:${c}`,
          alongMeans(
            H[c].values.map((v) => v - beta),
            H[c].meanIndex,
            beta,
          ),
        );
        out.set(`G:class:${c}`, alongMeans(G[c].values, G[c].meanIndex, 0));
      }
      if (orthonormal) {
        const full = fullBlockLimits(m, k, testFractions, beta);
        out.set('H:full', full.H);
        out.set('G:full', full.G);
      } else notes.push('softmax full block: λ → ∞ outliers predicted for orthonormal means only (overlap = 0)');
      return out;
    },
    ode: orthonormal
      ? softmaxOde(context)
      : { unavailable: 'softmax ODE: its equations assume orthonormal means (overlap = 0); not integrated' },
    notes: [
      'the full block’s edge is that of the matrix-weighted law (per-sample k×k weights; docs/THEORY.md), not the largest class-block edge',
    ],
    odeFlags: ({ time, state }) => softmaxOdeFlags(time, state.R, context),
  };
}

/**
 * Classes whose ‖x^c‖² = R_cc SGD moves by more than ODE_NOISE_LIMIT of its value about the ODE
 * (odeNoise.ts): there the (m, R) ODE, whose m equations read R through the logit noise, is no prediction.
 */
export function softmaxOdeFlags(time: number, R: number[][], context: TheoryContext): OdeFlag[] {
  const { d, lambda, beta, cdelta } = context;
  const scale = Math.sqrt(cdelta / (lambda * d));
  const noises = R.map((row, c) => softmaxRelativeNoise(row[c], time, { cdelta, d, lambda, beta }));
  const over = noises.map((noise, c) => ({ noise, c })).filter(({ noise }) => noise > ODE_NOISE_LIMIT);
  if (!over.length) return [];
  const worst = Math.max(...over.map(({ noise }) => noise));
  const classes =
    over.length === R.length
      ? 'every class'
      : `class${over.length > 1 ? 'es' : ''} ${over.map(({ c }) => c).join(', ')}`;
  // one sentence for the checkpoint, shared by its flags (the notes keep it once)
  const note = `softmax ODE not predictive at t = ${time.toFixed(2)}: SGD moves ‖x^c‖² = R_cc about it by up to ${percent(worst)} of its value (${classes}; noise scale √(c_δ/(λd)) = ${scale.toPrecision(2)}; limit ${percent(ODE_NOISE_LIMIT)}), and m, which reads R through the logit noise, with it`;
  return over.map(({ noise, c }) => ({ statistic: 'R', class: c, noise, note }));
}

const percent = (x: number) => `${Math.round(100 * x)} %`;
