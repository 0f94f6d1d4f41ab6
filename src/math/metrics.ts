// Alignment of a block's parameters with its top-j eigenspace (docs/MATH.md §5):
//   A_b = ‖U_bᵀ x_b‖ / ‖x_b‖, U_b = the j orthonormal eigenvectors (rows of `vectors`).
export function alignment(vectors: Float64Array, j: number, x: Float64Array): number {
  const dim = x.length;
  let normX = 0;
  for (let i = 0; i < dim; i++) normX += x[i] * x[i];
  if (normX === 0) return 0;
  let proj = 0;
  for (let r = 0; r < j; r++) {
    let dot = 0;
    const off = r * dim;
    for (let i = 0; i < dim; i++) dot += vectors[off + i] * x[i];
    proj += dot * dot;
  }
  return Math.min(1, Math.sqrt(proj / normX));
}
