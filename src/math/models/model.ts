// What every model (softmax, xor, mlp) provides to the engine. The parameters live in one flat
// Float32Array updated in place by plain-JS SGD (10× faster than tfjs for batch-1 steps); the test-set
// quantities (loss, H·V, G·V) go through tfjs matmuls.
import type { MatrixKind } from '../matrices';
import type { SampleFactors } from '../theory/matrixWishart';
import type { Mixture } from '../mixture';
import type { Stream } from '../rng';
import type { TestSet } from '../testSet';

export interface BlockSpec {
  /** "class:c", "full", "layer1", "layer1:i", "layer2" */
  id: string;
  /** dimension of the block's square matrix */
  dim: number;
  /** top-j tracked by default for this block */
  j: number;
  /** this block's part of a parameter-layout vector (the parameters x_b, a gradient), length dim */
  params(params: Float32Array | Float64Array): Float64Array;
  /**
   * The data part of this block of H is PSD (softmax blocks; the Gauss–Newton-exact layer-1 blocks),
   * so β is a lower bound of its spectrum. false: the block can be indefinite (2-layer `full`).
   * G is always PSD (lower bound 0).
   */
  hPsd: boolean;
  /** diagonal-form block (1/M) Ŷᵀ diag(w) Ŷ (+βI): its weights are available for the bulk law */
  weighted: boolean;
}

export interface Curvature {
  /** test loss (un-regularised cross-entropy, mean over M) and accuracy */
  loss: number;
  accuracy: number;
  /** per-cluster accuracy (k-GMM: per class; xor: +μ, −μ, +ν, −ν) */
  clusterAccuracy: number[];
  /** per-sample weights w_m of a diagonal-form block (length M), else undefined */
  weights(matrix: MatrixKind, block: string): Float64Array | undefined;
  /**
   * per-sample k×k weights A_m of a block that couples k diagonal-form blocks (softmax `full`, 2-layer
   * `layer1` and the layer-1 part of `full`): its data part is (1/M) Σ_m A_m ⊗ Ŷ_m Ŷ_mᵀ; else undefined
   */
  sampleFactors(matrix: MatrixKind, block: string): SampleFactors | undefined;
  /**
   * the mean un-regularised gradient (1/M) Σ_m ∇ℓ(x; Ŷ_m, ŷ_m) over the set, in the parameter layout,
   * float64 (G with ridge is built from it: ridge.ts)
   */
  meanGradient(): Float64Array;
  /** applies each request's block matrix to its stack of vectors (rows): one batched call */
  apply(requests: ApplyRequest[]): Promise<Float64Array[]>;
  /**
   * A block-specific outlier rule for blocks with no Wishart bulk (the 2-layer `layer2`); undefined
   * means: use the generalised Marchenko–Pastur edge of outliers.ts.
   */
  outlierRule?(matrix: MatrixKind, block: string): OutlierRule | undefined;
  dispose(): void;
}

/** How the engine counts the outliers of a block that has its own rule. */
export interface OutlierRule {
  /** reported as the block's bulk edge */
  edge: number;
  /** number of outliers among a block's measured eigenvalues (shift included) */
  count(values: number[]): number;
  /**
   * the most this rule counts however many eigenvalues are tracked; absent: unbounded (a count equal
   * to the number tracked is then only a lower bound)
   */
  most?: number;
}

export interface ApplyRequest {
  matrix: MatrixKind;
  block: string;
  /** count × dim, row-major */
  vectors: Float64Array;
  count: number;
}

export interface Model {
  /** the registry's name of the model (src/models) */
  name: string;
  nParams: number;
  blocks: BlockSpec[];
  init(rng: Stream): Float32Array;
  /**
   * One SGD step x ← x − δ(mean_b ∇ℓ(x; Y_b, y_b) + βx) on a minibatch (inputs B×d row-major).
   * In place; allocation-free.
   */
  sgdStep(
    params: Float32Array,
    inputs: Float32Array,
    labels: Int32Array,
    batch: number,
    delta: number,
    beta: number,
  ): void;
  /** summary statistics (docs/MATH.md §6) */
  summary(params: Float32Array, mixture: Mixture): Record<string, number[][] | number[]>;
  /** parameters in run-file form (softmax: x; xor: W, v; mlp: W, V) */
  paramRecord(params: Float32Array): Record<string, number[][] | number[]>;
  /**
   * builds the test-set quantities at the current parameters (one tfjs pass); the mixture lets a
   * model build λ = ∞ references (the 2-layer outlier rule)
   */
  curvature(test: TestSet, params: Float32Array, beta: number, mixture?: Mixture): Promise<Curvature>;
}
