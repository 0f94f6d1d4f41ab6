// Principal angles between a block's top eigenspace and the span of the class means lifted to the
// block's coordinates (docs/MATH.md §5, "Angle to span{μ}"). A block whose coordinates are `copies`
// stacked input-space vectors (a softmax class block or a neuron's weights: 1; softmax `full`: k;
// 2-layer `layer1`: K) has the mean span { e_c ⊗ μ_a }: every mean in every slot. With Q the r
// orthonormal eigenvectors and P an orthonormal basis of that span, the cosines of the principal
// angles are the singular values of QᵀP.
import { symmetricEigenvalues } from './eigen/dense';

/**
 * An orthonormal basis of span{μ_a} (rows, d wide) by modified Gram–Schmidt in float64; directions
 * that are numerically dependent on the earlier ones are dropped.
 */
export function orthonormalMeans(means: ArrayLike<number>, count: number, d: number): Float64Array[] {
  const basis: Float64Array[] = [];
  for (let a = 0; a < count; a++) {
    const u = Float64Array.from(Array.prototype.slice.call(means, a * d, (a + 1) * d) as number[]);
    const norm0 = Math.hypot(...u);
    for (let pass = 0; pass < 2; pass++)
      for (const b of basis) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += u[i] * b[i];
        for (let i = 0; i < d; i++) u[i] -= dot * b[i];
      }
    const norm = Math.hypot(...u);
    if (norm <= 1e-10 * Math.max(norm0, 1)) continue;
    for (let i = 0; i < d; i++) u[i] /= norm;
    basis.push(u);
  }
  return basis;
}

/**
 * Principal angles (degrees, ascending; min(r, copies·m) of them) between the span of the first r rows
 * of `vectors` (orthonormal, each copies·d wide) and { e_c ⊗ b : c < copies, b ∈ basis } (basis:
 * orthonormal rows, d wide). QᵀP is never formed as a dense lift: its entry (q, (c, b)) is the dot of
 * q's slot c with b.
 */
export function principalAnglesToMeanSpan(
  vectors: Float64Array,
  r: number,
  basis: Float64Array[],
  copies: number,
): number[] {
  const m = basis.length;
  if (r <= 0 || m === 0) return [];
  const d = basis[0].length;
  const dim = copies * d;
  const n = copies * m;
  const qp = new Float64Array(r * n);
  for (let q = 0; q < r; q++)
    for (let c = 0; c < copies; c++) {
      const off = q * dim + c * d;
      for (let a = 0; a < m; a++) {
        const b = basis[a];
        let dot = 0;
        for (let i = 0; i < d; i++) dot += vectors[off + i] * b[i];
        qp[q * n + c * m + a] = dot;
      }
    }
  // squared singular values: the eigenvalues of the smaller Gram matrix of QᵀP
  const small = Math.min(r, n);
  const gram = new Float64Array(small * small);
  for (let i = 0; i < small; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      if (r <= n) for (let t = 0; t < n; t++) s += qp[i * n + t] * qp[j * n + t];
      else for (let t = 0; t < r; t++) s += qp[t * n + i] * qp[t * n + j];
      gram[i * small + j] = s;
      gram[j * small + i] = s;
    }
  const squares = symmetricEigenvalues(gram, small);
  return Array.from(squares, (s2) => (Math.acos(Math.sqrt(Math.min(1, Math.max(0, s2)))) * 180) / Math.PI);
}
