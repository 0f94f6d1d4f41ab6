// The shared core of the 2-layer ReLU nets (docs/MATH.md §2): hidden h = ReLU(W Y) (W: K×d), outputs
// z = V h (V: o×K), and a "head" turning z and the label into the loss ℓ, its residual r = ∂ℓ/∂z and
// its curvature P = ∂²ℓ/∂z². xor is the head o = 1 (logistic: r = σ(f) − y, P = σ'(f)); mlp is o = k
// (softmax: r = π − e_y, P = diag π − ππᵀ). Everything else — SGD, blocks, H and G — is written once.
// Parameter layout: W row-major (W_i = params[i·d, (i+1)·d)), then V row-major (V_ai at K·d + a·K + i).
import type { Stream } from '../rng';
import type { BlockSpec } from './model';

export interface Head {
  /** number of outputs o */
  outputs: number;
  /**
   * Loss of outputs z (length o) for label y; writes r = ∂ℓ/∂z into `resid` and, when `curv` is given,
   * P = ∂²ℓ/∂z² (o×o row-major) into it.
   */
  evaluate(z: Float64Array, y: number, resid: Float64Array, curv: Float64Array | null): number;
  /** predicted label */
  predict(z: Float64Array): number;
}

export interface TwoLayerShape {
  d: number;
  K: number;
  head: Head;
}

/** top-j per block kind */
export interface TwoLayerJ {
  neuron: number;
  layer1: number;
  layer2: number;
  full: number;
}

export function twoLayerParamCount({ d, K, head }: TwoLayerShape): number {
  return K * d + head.outputs * K;
}

/** The blocks of docs/MATH.md §5 in the order layer1:0..K−1, layer1, layer2, full. */
export function twoLayerBlocks({ d, K, head }: TwoLayerShape, j: TwoLayerJ): BlockSpec[] {
  const o = head.outputs;
  const n1 = K * d;
  const n = n1 + o * K;
  const cap = (want: number, dim: number) => Math.max(1, Math.min(want, dim));
  const blocks: BlockSpec[] = [];
  for (let i = 0; i < K; i++) {
    blocks.push({
      id: `layer1:${i}`,
      dim: d,
      j: cap(j.neuron, d),
      params: (x) => Float64Array.from(x.subarray(i * d, (i + 1) * d)),
      // ReLU has g'' = 0, so the W–W block is exactly Gauss–Newton: PSD.
      hPsd: true,
      weighted: true,
    });
  }
  blocks.push({
    id: 'layer1',
    dim: n1,
    j: cap(j.layer1, n1),
    params: (x) => Float64Array.from(x.subarray(0, n1)),
    hPsd: true,
    weighted: false,
  });
  // z is linear in V: the V–V block is Gauss–Newton too.
  blocks.push({
    id: 'layer2',
    dim: o * K,
    j: cap(j.layer2, o * K),
    params: (x) => Float64Array.from(x.subarray(n1, n)),
    hPsd: true,
    weighted: false,
  });
  // The W–V cross terms carry the residual r (not only P): the full H is indefinite in general.
  blocks.push({
    id: 'full',
    dim: n,
    j: cap(j.full, n),
    params: (x) => Float64Array.from(x.subarray(0, n)),
    hPsd: false,
    weighted: false,
  });
  return blocks;
}

/** W_i ~ N(0, I/d), then V_ai ~ N(0, 1) (docs/MATH.md §2), from one stream. */
export function twoLayerInit({ d, K, head }: TwoLayerShape, rng: Stream): Float32Array {
  const x = new Float32Array(K * d + head.outputs * K);
  rng.fillNormal(x.subarray(0, K * d), 1 / Math.sqrt(d));
  rng.fillNormal(x.subarray(K * d));
  return x;
}

/**
 * Forward pass of one input (offset yOff in `inputs`): pre-activations into `pre` (K), h into `hidden`,
 * z into `z`. Returns nothing; the caller evaluates the head.
 */
export function forward(
  shape: TwoLayerShape,
  x: Float32Array,
  inputs: Float32Array,
  yOff: number,
  pre: Float64Array,
  hidden: Float64Array,
  z: Float64Array,
): void {
  const { d, K } = shape;
  const o = shape.head.outputs;
  for (let i = 0; i < K; i++) {
    let s = 0;
    const row = i * d;
    for (let t = 0; t < d; t++) s += x[row + t] * inputs[yOff + t];
    pre[i] = s;
    hidden[i] = s > 0 ? s : 0;
  }
  const vOff = K * d;
  for (let a = 0; a < o; a++) {
    let s = 0;
    for (let i = 0; i < K; i++) s += x[vOff + a * K + i] * hidden[i];
    z[a] = s;
  }
}

/**
 * SGD on a minibatch: x ← (1 − δβ) x − δ (1/B) Σ_b ∇ℓ(x; Y_b, y_b), with
 *   ∇_{V_a} ℓ = r_a h,   ∇_{W_i} ℓ = (Vᵀ r)_i 1[W_i·Y > 0] Y.
 * All B gradients are taken at the pre-update x. Scratch is allocated once per model.
 */
export function twoLayerSgd(shape: TwoLayerShape) {
  const { d, K, head } = shape;
  const o = head.outputs;
  const pre = new Float64Array(K);
  const hidden = new Float64Array(K);
  const z = new Float64Array(o);
  const resid = new Float64Array(o);
  let coefW = new Float64Array(K);
  let coefV = new Float64Array(o * K);
  return (
    x: Float32Array,
    inputs: Float32Array,
    labels: Int32Array,
    batch: number,
    delta: number,
    beta: number,
  ): void => {
    if (coefW.length < batch * K) {
      coefW = new Float64Array(batch * K);
      coefV = new Float64Array(batch * o * K);
    }
    const scale = delta / batch;
    for (let b = 0; b < batch; b++) {
      forward(shape, x, inputs, b * d, pre, hidden, z);
      head.evaluate(z, labels[b], resid, null);
      for (let i = 0; i < K; i++) {
        let back = 0;
        if (pre[i] > 0) for (let a = 0; a < o; a++) back += x[K * d + a * K + i] * resid[a];
        coefW[b * K + i] = scale * back;
        for (let a = 0; a < o; a++) coefV[b * o * K + a * K + i] = scale * resid[a] * hidden[i];
      }
    }
    const decay = 1 - delta * beta;
    for (let p = 0; p < x.length; p++) x[p] *= decay;
    for (let b = 0; b < batch; b++) {
      const yOff = b * d;
      for (let i = 0; i < K; i++) {
        const c = coefW[b * K + i];
        if (c === 0) continue;
        const row = i * d;
        for (let t = 0; t < d; t++) x[row + t] -= c * inputs[yOff + t];
      }
      for (let p = 0; p < o * K; p++) x[K * d + p] -= coefV[b * o * K + p];
    }
  };
}

/** W as K rows of d numbers (run-file form). */
export function rowsOf(x: Float32Array, offset: number, rows: number, width: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(x.subarray(offset + r * width, offset + (r + 1) * width)));
}
