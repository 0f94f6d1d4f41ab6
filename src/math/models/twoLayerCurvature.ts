// H and G of a 2-layer net on the fixed test set, matrix-free (docs/MATH.md §4). With J the Jacobian of z:
//   ∂z_a/∂W_i = V_ai 1_i Ŷ,   ∂z_a/∂V_bj = δ_ab h_j,   ∂²z_a/∂W_i∂V_bj = δ_ab δ_ij 1_i Ŷ (W–W: 0, ReLU)
//   H = (1/M) Σ_m [Jᵀ P J + Σ_a r_a ∇²z_a] + βI,      G = (1/M) Σ_m (Jᵀ r)(Jᵀ r)ᵀ.
// For a direction U = (U_W, U_V), with a_i = U_W,i·Ŷ, dz = V(1∘a) + U_V h (the change of z), t = P dz:
//   (H U)_{W_i} = (1/M) Σ Ŷ 1_i [(Vᵀ t)_i + (U_Vᵀ r)_i] + β U_W,i
//   (H U)_{V_bj} = (1/M) Σ [t_b h_j + r_b 1_j a_j] + β U_V,bj
//   (G U)_{W_i} = (1/M) Σ Ŷ e back_i,  (G U)_{V_bj} = (1/M) Σ e r_b h_j,  e = r·dz, back = 1 ∘ (Vᵀ r).
// The r-terms are the cross terms (xor: s 1_i δ_ij Ŷ) that make the full H indefinite. layer1 drops U_V
// and the V rows, layer1:i is the diagonal form (1/M) Ŷᵀ diag(w) Ŷ, layer2 (no Ŷ) is done in JS.
// Every request of one apply() shares ONE matmul Ŷ·U and ONE matmul Ŷᵀ·(…): W-parts are columns of U.
import * as tf from '@tensorflow/tfjs-core';
import type { MatrixKind } from '../matrices';
import type { SampleFactors } from '../theory/matrixWishart';
import type { TestSet } from '../testSet';
import { gatherColumns } from './gatherColumns';
import { rankOneFactors } from './sampleFactors';
import type { ApplyRequest, Curvature } from './model';
import type { TwoLayerShape } from './twoLayer';
import { layer2Apply, type Layer2Samples } from './twoLayerLayer2';
import { layer1CurvatureFactors, neuronWeights, twoLayerTestState, type TwoLayerTestState } from './twoLayerState';

export interface TwoLayerCurvature extends Curvature {
  state: TwoLayerTestState;
  /** the test set as layer-2 samples (weight 1/M each) */
  layer2Samples: Layer2Samples;
}

type BlockKind = { kind: 'neuron'; neuron: number } | { kind: 'layer1' } | { kind: 'layer2' } | { kind: 'full' };

export function parseBlock(block: string, K: number): BlockKind {
  if (block === 'layer1' || block === 'layer2' || block === 'full') return { kind: block };
  const i = Number(block.slice('layer1:'.length));
  if (block.startsWith('layer1:') && Number.isInteger(i) && i >= 0 && i < K) return { kind: 'neuron', neuron: i };
  throw new Error(`2-layer model has no block ${block}`);
}

/** Column groups of U: neuron columns, layer1 of H, layer1 of G, full of H, full of G. */
const NEURON = 0;
const LAYER1_H = 1;
const LAYER1_G = 2;
const FULL_H = 3;
const FULL_G = 4;

interface Placement {
  request: ApplyRequest;
  /** -1: no Ŷ columns (layer2 or empty) */
  group: number;
  /** first vector of this request inside its group */
  first: number;
  weightCol: number;
}

/** The mean loss gradient: ∇_{W_i} = (1/M) Σ_m back_mi Ŷ_m, ∇_{V_bj} = (1/M) Σ_m r_mb h_mj (float64). */
export function twoLayerMeanGradient(
  state: TwoLayerTestState,
  inputs: Float32Array,
  d: number,
  K: number,
  o: number,
): Float64Array {
  const { M, back, resid, hidden } = state;
  const n1 = K * d;
  const g = new Float64Array(n1 + o * K);
  for (let m = 0; m < M; m++) {
    const row = m * d;
    for (let i = 0; i < K; i++) {
      const b = back[m * K + i] / M;
      if (b === 0) continue;
      const out = i * d;
      for (let q = 0; q < d; q++) g[out + q] += b * inputs[row + q];
    }
    for (let b = 0; b < o; b++)
      for (let j = 0; j < K; j++) g[n1 + b * K + j] += (resid[m * o + b] * hidden[m * K + j]) / M;
  }
  return g;
}

export async function twoLayerCurvature(
  shape: TwoLayerShape,
  test: TestSet,
  x: Float32Array,
  beta: number,
  clusters: number,
): Promise<TwoLayerCurvature> {
  const { d, K } = shape;
  const o = shape.head.outputs;
  const { M } = test;
  const n1 = K * d;
  const n2 = o * K;
  const state = await twoLayerTestState(shape, test, x, clusters);

  // Neuron-block weights, columns [H_0..H_{K−1}, G_0..G_{K−1}].
  const weightCols: Float64Array[] = [];
  const perNeuron = Array.from({ length: K }, (_, i) => neuronWeights(state, K, o, i));
  for (const w of perNeuron) weightCols.push(w.H);
  for (const w of perNeuron) weightCols.push(w.G);
  const packed = new Float32Array(M * 2 * K);
  for (let m = 0; m < M; m++) for (let c = 0; c < 2 * K; c++) packed[m * 2 * K + c] = weightCols[c][m];
  const rh = new Float32Array(M * o * K);
  for (let m = 0; m < M; m++)
    for (let b = 0; b < o; b++)
      for (let j = 0; j < K; j++) rh[m * o * K + b * K + j] = state.resid[m * o + b] * state.hidden[m * K + j];
  const vt = new Float32Array(K * o);
  for (let a = 0; a < o; a++) for (let i = 0; i < K; i++) vt[i * o + a] = state.V[a * K + i];

  const t = {
    mask: tf.tensor3d(Float32Array.from(state.mask), [M, 1, K]),
    back: tf.tensor3d(Float32Array.from(state.back), [M, 1, K]),
    hidden: tf.tensor2d(Float32Array.from(state.hidden), [M, K]),
    resid: tf.tensor2d(Float32Array.from(state.resid), [M, o]),
    curv: tf.tensor3d(Float32Array.from(state.curv), [M, o, o]),
    rh: tf.tensor2d(rh, [M, o * K]),
    V: tf.tensor2d(Float32Array.from(state.V), [o, K]),
    Vt: tf.tensor2d(vt, [K, o]),
  };
  const layer2Samples: Layer2Samples = {
    count: M,
    weight: new Float64Array(M).fill(1 / M),
    hidden: state.hidden,
    resid: state.resid,
    curv: state.curv,
  };

  /** t = P·dz with dz = V(1∘a) (+ extra), all as [M, n, o]. */
  const curvTimes = (masked: tf.Tensor3D, n: number, extra?: tf.Tensor3D): tf.Tensor3D => {
    let dz = tf.reshape(tf.matMul(tf.reshape(masked, [M * n, K]), t.Vt), [M, n, o]) as tf.Tensor3D;
    if (extra) dz = tf.add(dz, extra);
    return tf.matMul(dz, t.curv); // P symmetric: Σ_a dz_a P_ab = (P dz)_b
  };
  /** 1 ∘ (Vᵀ t) as [M, n, K]. */
  const backProject = (tt: tf.Tensor3D, n: number): tf.Tensor3D =>
    tf.mul(tf.reshape(tf.matMul(tf.reshape(tt, [M * n, o]), t.V), [M, n, K]), t.mask) as tf.Tensor3D;

  async function apply(requests: ApplyRequest[]): Promise<Float64Array[]> {
    const placements: Placement[] = [];
    const vectorsIn = [0, 0, 0, 0, 0];
    for (const request of requests) {
      const block = parseBlock(request.block, K);
      const H = request.matrix === 'H';
      let group = -1;
      let weightCol = -1;
      if (request.count > 0) {
        if (block.kind === 'neuron') {
          group = NEURON;
          weightCol = (H ? 0 : K) + block.neuron;
        } else if (block.kind === 'layer1') group = H ? LAYER1_H : LAYER1_G;
        else if (block.kind === 'full') group = H ? FULL_H : FULL_G;
      }
      placements.push({ request, group, first: group >= 0 ? vectorsIn[group] : 0, weightCol });
      if (group >= 0) vectorsIn[group] += request.count;
    }
    const width = vectorsIn.map((n, g) => (g === NEURON ? n : n * K));
    const colStart = [0];
    for (let g = 1; g < 5; g++) colStart.push(colStart[g - 1] + width[g - 1]);
    const total = colStart[4] + width[4];

    const u = new Float32Array(d * total);
    const neuronWeightIndex = new Int32Array(vectorsIn[NEURON]);
    // U_V of the full requests: for h·U_Vᵀ (H), r·U_V (H) and rh·U_V (G).
    const uvHidden = new Float32Array(K * vectorsIn[FULL_H] * o); // [K, n·o]
    const uvResid = new Float32Array(o * vectorsIn[FULL_H] * K); // [o, n·K]
    const uvFlat = new Float32Array(o * K * vectorsIn[FULL_G]); // [oK, n]
    for (const p of placements) {
      if (p.group < 0) continue;
      const { vectors, count } = p.request;
      const dim = p.group === NEURON ? d : p.group <= LAYER1_G ? n1 : n1 + n2;
      for (let v = 0; v < count; v++) {
        const src = v * dim;
        const vec = p.first + v;
        if (p.group === NEURON) {
          neuronWeightIndex[vec] = p.weightCol;
          const col = colStart[NEURON] + vec;
          for (let q = 0; q < d; q++) u[q * total + col] = vectors[src + q];
          continue;
        }
        for (let i = 0; i < K; i++) {
          const col = colStart[p.group] + vec * K + i;
          for (let q = 0; q < d; q++) u[q * total + col] = vectors[src + i * d + q];
        }
        if (p.group === FULL_H) {
          const nH = vectorsIn[FULL_H];
          for (let a = 0; a < o; a++)
            for (let i = 0; i < K; i++) {
              const val = vectors[src + n1 + a * K + i];
              uvHidden[i * nH * o + vec * o + a] = val;
              uvResid[a * nH * K + vec * K + i] = val;
            }
        } else if (p.group === FULL_G) {
          const nG = vectorsIn[FULL_G];
          for (let q = 0; q < n2; q++) uvFlat[q * nG + vec] = vectors[src + n1 + q];
        }
      }
    }

    let yOut: Float32Array | undefined;
    let vOutH: Float32Array | undefined;
    let vOutG: Float32Array | undefined;
    if (total > 0) {
      const outs = tf.tidy(() => {
        const A = tf.matMul(test.Y, tf.tensor2d(u, [d, total])); // M × N
        const sizes = width.filter((w) => w > 0);
        const parts = sizes.length === 1 ? [A] : tf.split(A, sizes, 1); // one group: no copy
        const partOf: (tf.Tensor2D | undefined)[] = [];
        let next = 0;
        for (let g = 0; g < 5; g++) partOf.push(width[g] > 0 ? (parts[next++] as tf.Tensor2D) : undefined);
        const weighted: tf.Tensor[] = [];
        const result: tf.Tensor[] = [];
        if (partOf[NEURON]) {
          const w = tf.tensor2d(gatherColumns(packed, M, 2 * K, neuronWeightIndex), [M, neuronWeightIndex.length]);
          weighted.push(tf.mul(partOf[NEURON], w));
        }
        if (partOf[LAYER1_H]) {
          const n = vectorsIn[LAYER1_H];
          const masked = tf.mul(tf.reshape(partOf[LAYER1_H], [M, n, K]), t.mask) as tf.Tensor3D;
          weighted.push(tf.reshape(backProject(curvTimes(masked, n), n), [M, n * K]));
        }
        if (partOf[LAYER1_G]) {
          const n = vectorsIn[LAYER1_G];
          const e = tf.sum(tf.mul(tf.reshape(partOf[LAYER1_G], [M, n, K]), t.back), 2, true);
          weighted.push(tf.reshape(tf.mul(e, t.back), [M, n * K]));
        }
        if (partOf[FULL_H]) {
          const n = vectorsIn[FULL_H];
          const masked = tf.mul(tf.reshape(partOf[FULL_H], [M, n, K]), t.mask) as tf.Tensor3D;
          const hU = tf.reshape(tf.matMul(t.hidden, tf.tensor2d(uvHidden, [K, n * o])), [M, n, o]) as tf.Tensor3D;
          const tt = curvTimes(masked, n, hU);
          const rU = tf.reshape(tf.matMul(t.resid, tf.tensor2d(uvResid, [o, n * K])), [M, n, K]);
          weighted.push(tf.reshape(tf.add(backProject(tt, n), tf.mul(rU, t.mask)), [M, n * K]));
          // V rows: Σ_m t_b h_j  +  Σ_m r_b (1∘a)_j, as [n, o, K]
          const th = tf.reshape(tf.matMul(tf.reshape(tt, [M, n * o]), t.hidden, true, false), [n, o, K]);
          const ra = tf.transpose(
            tf.reshape(tf.matMul(t.resid, tf.reshape(masked, [M, n * K]), true, false), [o, n, K]),
            [1, 0, 2],
          );
          result.push(tf.add(th, ra));
        }
        if (partOf[FULL_G]) {
          const n = vectorsIn[FULL_G];
          const eW = tf.sum(tf.mul(tf.reshape(partOf[FULL_G], [M, n, K]), t.back), 2);
          const e = tf.add(eW, tf.matMul(t.rh, tf.tensor2d(uvFlat, [o * K, n]))); // M × n
          weighted.push(tf.reshape(tf.mul(tf.expandDims(e, 2), t.back), [M, n * K]));
          result.push(tf.matMul(e, t.rh, true, false)); // n × oK
        }
        const B = weighted.length === 1 ? weighted[0] : tf.concat(weighted, 1);
        return [tf.matMul(test.Yt, B as tf.Tensor2D), ...result];
      });
      const datas = await Promise.all(outs.map((o2) => o2.data() as Promise<Float32Array>));
      outs.forEach((o2) => o2.dispose());
      yOut = datas[0];
      let next = 1;
      if (vectorsIn[FULL_H] > 0) vOutH = datas[next++];
      if (vectorsIn[FULL_G] > 0) vOutG = datas[next];
    }

    const invM = 1 / M;
    return placements.map((p) => {
      const { vectors, count, matrix } = p.request;
      const shift = matrix === 'H' ? beta : 0;
      const block = parseBlock(p.request.block, K);
      if (count === 0) return new Float64Array(0);
      if (block.kind === 'layer2') {
        const res = layer2Apply(layer2Samples, K, o, matrix, vectors, count);
        for (let q = 0; q < res.length; q++) res[q] += shift * vectors[q];
        return res;
      }
      const out = yOut!;
      if (p.group === NEURON) {
        const res = new Float64Array(count * d);
        for (let v = 0; v < count; v++) {
          const col = colStart[NEURON] + p.first + v;
          for (let q = 0; q < d; q++) res[v * d + q] = out[q * total + col] * invM + shift * vectors[v * d + q];
        }
        return res;
      }
      const dim = block.kind === 'layer1' ? n1 : n1 + n2;
      const res = new Float64Array(count * dim);
      for (let v = 0; v < count; v++) {
        const vec = p.first + v;
        for (let i = 0; i < K; i++) {
          const col = colStart[p.group] + vec * K + i;
          for (let q = 0; q < d; q++)
            res[v * dim + i * d + q] = out[q * total + col] * invM + shift * vectors[v * dim + i * d + q];
        }
        if (block.kind === 'full') {
          const vOut = matrix === 'H' ? vOutH! : vOutG!;
          for (let q = 0; q < n2; q++)
            res[v * dim + n1 + q] = vOut[vec * n2 + q] * invM + shift * vectors[v * dim + n1 + q];
        }
      }
      return res;
    });
  }

  let gradient: Float64Array | undefined;
  const factors: Partial<Record<MatrixKind, SampleFactors>> = {};
  return {
    state,
    layer2Samples,
    meanGradient() {
      gradient ??= twoLayerMeanGradient(state, test.samples.inputs, d, K, o);
      return gradient;
    },
    loss: state.loss,
    accuracy: state.accuracy,
    clusterAccuracy: state.clusterAccuracy,
    weights(matrix: MatrixKind, block: string) {
      const b = parseBlock(block, K);
      if (b.kind !== 'neuron') return undefined;
      return weightCols[(matrix === 'H' ? 0 : K) + b.neuron];
    },
    sampleFactors(matrix: MatrixKind, block: string) {
      const b = parseBlock(block, K);
      if (b.kind !== 'layer1' && b.kind !== 'full') return undefined;
      // layer1 and full share them (full's bulk is its layer-1 part's): built once per matrix
      return (factors[matrix] ??=
        matrix === 'H' ? layer1CurvatureFactors(state, K, o) : rankOneFactors(state.back, M, K));
    },
    apply,
    dispose() {
      tf.dispose(Object.values(t));
    },
  };
}
