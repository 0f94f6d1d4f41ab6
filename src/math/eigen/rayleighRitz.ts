// Rayleigh–Ritz on an orthonormal block Q with known products AQ: the best approximations to
// eigenpairs available in span(Q), with their residuals — and, because AU = (AQ)S, without any
// extra operator application.
import { combineRows, crossGram } from './blas';
import { symmetricEigen } from './dense';

export interface RitzPairs {
  /** Ritz values, descending (p) */
  values: Float64Array;
  /** Ritz vectors U = SQ as rows (p×dim) */
  vectors: Float64Array;
  /** A·U = S·(AQ), rows (p×dim) */
  products: Float64Array;
  /** ‖A u_i − θ_i u_i‖ (p) */
  residuals: Float64Array;
}

export function rayleighRitz(q: Float64Array, aq: Float64Array, p: number, dim: number): RitzPairs {
  const t = crossGram(q, aq, p, dim);
  // AQ is computed in float32: symmetrise so the projected matrix is exactly symmetric.
  for (let i = 0; i < p; i++)
    for (let k = i + 1; k < p; k++) {
      const m = 0.5 * (t[i * p + k] + t[k * p + i]);
      t[i * p + k] = m;
      t[k * p + i] = m;
    }
  const { values, vectors: s } = symmetricEigen(t, p);
  const vectors = combineRows(s, p, q, p, dim);
  const products = combineRows(s, p, aq, p, dim);
  return { values, vectors, products, residuals: residualNorms(vectors, products, values, p, dim) };
}

export function residualNorms(
  u: Float64Array,
  au: Float64Array,
  theta: ArrayLike<number>,
  n: number,
  dim: number,
): Float64Array {
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const off = i * dim;
    const th = theta[i];
    for (let k = 0; k < dim; k++) {
      const x = au[off + k] - th * u[off + k];
      s += x * x;
    }
    r[i] = Math.sqrt(s);
  }
  return r;
}
