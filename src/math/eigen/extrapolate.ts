// Warm starts that follow a moving subspace: the rows of the last two solves (previous U₀, current U₁,
// p orthonormal rows each) predict the next as U₁ + (U₁ − Q·U₀), with Q the orthogonal p×p matrix that
// best maps U₀ onto U₁ (orthogonal Procrustes: the polar factor of C = U₁U₀ᵀ). Aligning first matters:
// eigenvectors inside a cluster rotate among themselves and flip signs between solves, and only the
// subspace's motion, not that bookkeeping, should be extrapolated.
// It pays on the hard G blocks whose edge eigenvectors drift between checkpoints; H blocks barely move.
// The solver orthonormalises the rows it is given.
import { accumulateRows, crossDots } from './blas';
import { symmetricEigen } from './dense';

/** below this smallest singular value of U₁U₀ᵀ the two subspaces are too far apart to extrapolate */
export const MIN_ALIGNMENT = 0.5;

/**
 * 2U₁ − Q·U₀ (rows × dim, row-major), or undefined when the inputs do not describe the same-sized
 * subspace or the smallest cosine between them is below MIN_ALIGNMENT.
 */
export function extrapolateRows(
  current: Float64Array,
  previous: Float64Array,
  rows: number,
  dim: number,
): Float64Array | undefined {
  if (rows <= 0 || current.length !== rows * dim || previous.length !== rows * dim) return undefined;
  // C = U₁U₀ᵀ (p×p), then Q = C (CᵀC)^{-1/2} through the eigendecomposition CᵀC = V Σ² Vᵀ
  const c = new Float64Array(rows * rows);
  crossDots(current, 0, rows, previous, 0, rows, dim, c, 0, rows);
  const ctc = new Float64Array(rows * rows);
  for (let a = 0; a < rows; a++)
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      for (let l = 0; l < rows; l++) sum += c[l * rows + a] * c[l * rows + b];
      ctc[a * rows + b] = sum;
      ctc[b * rows + a] = sum;
    }
  const { values, vectors } = symmetricEigen(ctc, rows);
  const smallest = Math.sqrt(Math.max(0, values[rows - 1]));
  if (!(smallest >= MIN_ALIGNMENT)) return undefined;
  // (CᵀC)^{-1/2} = Σ_r v_r v_rᵀ / σ_r, then Q = C · that
  const inverseRoot = new Float64Array(rows * rows);
  for (let r = 0; r < rows; r++) {
    const w = 1 / Math.sqrt(values[r]);
    for (let a = 0; a < rows; a++)
      for (let b = 0; b < rows; b++) inverseRoot[a * rows + b] += w * vectors[r * rows + a] * vectors[r * rows + b];
  }
  const q = new Float64Array(rows * rows);
  for (let a = 0; a < rows; a++)
    for (let b = 0; b < rows; b++) {
      let sum = 0;
      for (let l = 0; l < rows; l++) sum += c[a * rows + l] * inverseRoot[l * rows + b];
      q[a * rows + b] = sum;
    }
  const out = new Float64Array(rows * dim);
  for (let i = 0; i < rows * dim; i++) out[i] = 2 * current[i];
  accumulateRows(q, rows, rows, previous, 0, rows, dim, out, 0, -1);
  return out;
}
