// G with ridge (config gRidge): G built on the regularised per-sample gradients g_m + βx, the gradients
// of the loss SGD descends (ℓ + β/2‖x‖²), instead of the cross-entropy gradients g_m alone:
//   G_β = (1/M) Σ_m (g_m + βx)(g_m + βx)ᵀ = G + β(ḡxᵀ + xḡᵀ) + β²xxᵀ,   ḡ = (1/M) Σ_m g_m,
// exactly, block by block: the block b of G_β is G_bb + β(ḡ_b x_bᵀ + x_b ḡ_bᵀ) + β² x_b x_bᵀ. A rank-two
// update of any block's G apply, in float64. Near a stationary point of the regularised loss ḡ ≈ −βx and
// G_β ≈ the covariance of the gradients, which loses the direction of x (docs/MATH.md §4).
// The bulk of a diagonal-form block is that of G (a finite-rank update moves no bulk edge as d, M → ∞),
// so `weights` still gives G's per-sample weights for the bulk law.
import type { BlockSpec, Curvature } from './model';

export function withRidgeG(
  curvature: Curvature,
  blocks: readonly BlockSpec[],
  params: Float32Array,
  beta: number,
): Curvature {
  const x = Float32Array.from(params); // the solve may overlap SGD steps that move `params`
  const parts = new Map<string, { x: Float64Array; g: Float64Array }>();
  const partOf = (id: string) => {
    let part = parts.get(id);
    if (!part) {
      const block = blocks.find((b) => b.id === id);
      if (!block) throw new Error(`G with ridge: no block ${id}`);
      part = { x: block.params(x), g: block.params(curvature.meanGradient()) };
      parts.set(id, part);
    }
    return part;
  };
  return {
    get loss() {
      return curvature.loss;
    },
    get accuracy() {
      return curvature.accuracy;
    },
    get clusterAccuracy() {
      return curvature.clusterAccuracy;
    },
    meanGradient: () => curvature.meanGradient(),
    weights: (matrix, block) => curvature.weights(matrix, block),
    sampleFactors: (matrix, block) => curvature.sampleFactors(matrix, block),
    outlierRule: curvature.outlierRule ? (matrix, block) => curvature.outlierRule!(matrix, block) : undefined,
    async apply(requests) {
      const out = await curvature.apply(requests);
      requests.forEach((request, r) => {
        if (request.matrix !== 'G' || request.count === 0) return;
        const { x: xb, g } = partOf(request.block);
        const dim = xb.length;
        const res = out[r];
        for (let v = 0; v < request.count; v++) {
          const base = v * dim;
          let xu = 0;
          let gu = 0;
          for (let i = 0; i < dim; i++) {
            xu += xb[i] * request.vectors[base + i];
            gu += g[i] * request.vectors[base + i];
          }
          const onG = beta * xu;
          const onX = beta * gu + beta * beta * xu;
          for (let i = 0; i < dim; i++) res[base + i] += onG * g[i] + onX * xb[i];
        }
      });
      return out;
    },
    dispose: () => curvature.dispose(),
  };
}
