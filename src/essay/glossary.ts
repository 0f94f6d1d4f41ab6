// The essay's terms: one plain definition each, shown where a term first appears (a button that opens
// it inline) and listed in the glossary at the end.
export const TERMS = {
  gmm: {
    term: 'Gaussian mixture',
    text: 'Data drawn by first picking a class a with probability p_a, then adding Gaussian noise to that class’s mean: Y = μ_a + Z/√λ. Here the means are k orthogonal unit vectors in d dimensions.',
  },
  snr: {
    term: 'signal-to-noise ratio λ',
    text: 'How strong the means are against the noise: each coordinate of the noise Z/√λ has variance 1/λ. Large λ: the classes stand out; small λ: they drown.',
  },
  sgd: {
    term: 'online SGD',
    text: 'Stochastic gradient descent that takes one fresh sample per step and never reuses it; the step size is δ = c_δ/d, and training time is t = step·δ, so d steps make one unit of time.',
  },
  spectrum: {
    term: 'spectrum',
    text: 'The list of eigenvalues of a symmetric matrix. An eigenvector with a large eigenvalue is a direction along which the matrix is large.',
  },
  bulk: {
    term: 'bulk',
    text: 'The continuum of eigenvalues produced by the noise alone. For a sample covariance of pure noise it fills the Marchenko–Pastur interval [(1 − √γ)², (1 + √γ)²] (in noise units), where γ = d/M.',
  },
  outlier: {
    term: 'outlier',
    text: 'An eigenvalue that sits clearly above the bulk’s upper edge. Its eigenvector carries structure (here: the class means) rather than noise.',
  },
  bbp: {
    term: 'BBP transition',
    text: 'Baik, Ben Arous and Péché (2005): a rank-one signal of strength ℓ added to a noise matrix produces an outlier only when ℓ exceeds a threshold (√γ here). Below it, the signal is swallowed by the bulk.',
  },
  hessian: {
    term: 'Hessian H',
    text: 'The matrix of second derivatives of the test loss with respect to the parameters: the curvature of the loss landscape at the current weights.',
  },
  gradient: {
    term: 'G-matrix',
    text: 'The second moment of the per-sample gradients, G = E[∇L ∇Lᵀ] (the empirical Fisher-type matrix): how the gradient noise is shaped.',
  },
  block: {
    term: 'block',
    text: 'The part of H or G that involves only one group of parameters, e.g. class c’s weight vector x^c (block “class c”): a d × d matrix.',
  },
  alignment: {
    term: 'alignment',
    text: 'How much of a block’s parameter vector lies in that block’s outlier eigenspace (the span of its top n eigenvectors, n = its outlier count): ‖P_out x‖/‖x‖, between 0 (orthogonal) and 1 (inside the outlier space); undefined where there are no outliers or their space is not separated from the rest of the spectrum.',
  },
  slq: {
    term: 'SLQ',
    text: 'Stochastic Lanczos quadrature: an estimate of a large matrix’s eigenvalue density from a few Lanczos runs with random start vectors, without forming the matrix. The sandbox draws its density panels with it.',
  },
  summary: {
    term: 'summary statistics',
    text: 'A few numbers that describe the state of a high-dimensional run, such as the μ-overlaps m_ab = x^a·μ_b between class a’s weights and mean b.',
  },
  effective: {
    term: 'effective dynamics',
    text: 'The ordinary differential equation that the summary statistics follow in the limit d → ∞ with step size c_δ/d: the randomness of SGD averages out and a deterministic path remains.',
  },
  rank: {
    term: 'rank deficiency',
    text: 'A layer’s outlier space with fewer dimensions than the task needs: in the XOR net, fewer than 4 outliers in the layer-2 block of H means some cluster is not served by any neuron.',
  },
} as const;

export type TermId = keyof typeof TERMS;
