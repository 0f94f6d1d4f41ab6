// H and G of softmax regression on the fixed test set, matrix-free (docs/MATH.md §4):
//   H V = (1/M) [Π∘A − Π∘rowsum(Π∘A)]ᵀ Ŷ + β V,   G V = (1/M) [R∘rowsum(R∘A)]ᵀ Ŷ,   A = Ŷ Vᵀ
//   class block c: H_cc = (1/M) Ŷᵀ diag(π_c(1−π_c)) Ŷ + βI,   G_cc = (1/M) Ŷᵀ diag(r_c²) Ŷ
// Every request of one apply() — all class blocks and the full block, of H and of G — shares ONE
// matmul Ŷ·U and ONE matmul Ŷᵀ·(…): the vectors are packed as columns of U.
import * as tf from '@tensorflow/tfjs-core';
import type { MatrixKind } from '../matrices';
import type { TestSet } from '../testSet';
import { gatherColumns } from './gatherColumns';
import { rankOneFactors, softmaxCurvatureFactors } from './sampleFactors';
import type { ApplyRequest, Curvature } from './model';

export interface SoftmaxTestState {
  /** softmax probabilities Π (M×k, row-major, float64) */
  probs: Float64Array;
  /** residuals R = Π − onehot(ŷ) */
  resid: Float64Array;
  loss: number;
  accuracy: number;
  clusterAccuracy: number[];
}

/** Π, R, loss and accuracy from the test logits (M×k). */
export function softmaxTestState(logits: Float32Array, labels: Int32Array, M: number, k: number): SoftmaxTestState {
  const probs = new Float64Array(M * k);
  const resid = new Float64Array(M * k);
  let loss = 0;
  let correct = 0;
  const hits = new Array<number>(k).fill(0);
  const counts = new Array<number>(k).fill(0);
  for (let m = 0; m < M; m++) {
    let max = -Infinity;
    let arg = 0;
    for (let c = 0; c < k; c++) {
      const z = logits[m * k + c];
      if (z > max) {
        max = z;
        arg = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logits[m * k + c] - max);
    const y = labels[m];
    for (let c = 0; c < k; c++) {
      const p = Math.exp(logits[m * k + c] - max) / sum;
      probs[m * k + c] = p;
      resid[m * k + c] = p - (c === y ? 1 : 0);
    }
    loss += max + Math.log(sum) - logits[m * k + y];
    counts[y]++;
    if (arg === y) {
      correct++;
      hits[y]++;
    }
  }
  return {
    probs,
    resid,
    loss: loss / M,
    accuracy: correct / M,
    clusterAccuracy: hits.map((h, c) => (counts[c] > 0 ? h / counts[c] : 0)),
  };
}

/**
 * Row r of `rows` (n rows of length d) into column col0 + r of the d × total matrix u. Module-level (as
 * unpackColumns) so that its compiled code serves every checkpoint's operator: a loop inside the
 * per-checkpoint apply closure starts cold in the JIT at each checkpoint.
 */
function packColumns(rows: Float64Array, n: number, d: number, u: Float32Array, total: number, col0: number): void {
  for (let r = 0; r < n; r++) {
    const src = r * d;
    const col = col0 + r;
    for (let i = 0; i < d; i++) u[i * total + col] = rows[src + i];
  }
}

/** Columns col0.. col0 + n − 1 of the d × total product, as n rows: scale·column + shift·vectors row. */
function unpackColumns(
  result: Float32Array,
  total: number,
  col0: number,
  n: number,
  d: number,
  scale: number,
  shift: number,
  vectors: Float64Array,
): Float64Array {
  const res = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    const dst = r * d;
    const col = col0 + r;
    for (let i = 0; i < d; i++) res[dst + i] = result[i * total + col] * scale + shift * vectors[dst + i];
  }
  return res;
}

/** ∇_{x^c} of the mean loss: (1/M) Σ_m r_mc Ŷ_m, in float64. */
export function softmaxMeanGradient(
  resid: Float64Array,
  inputs: Float32Array,
  M: number,
  d: number,
  k: number,
): Float64Array {
  const g = new Float64Array(k * d);
  for (let m = 0; m < M; m++) {
    const row = m * d;
    for (let c = 0; c < k; c++) {
      const r = resid[m * k + c] / M;
      const out = c * d;
      for (let i = 0; i < d; i++) g[out + i] += r * inputs[row + i];
    }
  }
  return g;
}

export async function softmaxCurvature(test: TestSet, x: Float32Array, k: number, beta: number): Promise<Curvature> {
  const { M, d } = test;
  // Logits Ŷ·Xᵀ with X pre-transposed in JS (d×k): no transposeB on the hot path.
  const xt = new Float32Array(d * k);
  for (let c = 0; c < k; c++) for (let i = 0; i < d; i++) xt[i * k + c] = x[c * d + i];
  const logitsTensor = tf.tidy(() => tf.matMul(test.Y, tf.tensor2d(xt, [d, k])));
  const logits = (await logitsTensor.data()) as Float32Array;
  logitsTensor.dispose();
  const state = softmaxTestState(logits, test.samples.labels, M, k);

  // Per-sample weights of the class blocks, columns [H_0..H_{k−1}, G_0..G_{k−1}].
  const weightCols: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    const w = new Float64Array(M);
    for (let m = 0; m < M; m++) {
      const p = state.probs[m * k + c];
      w[m] = p * (1 - p);
    }
    weightCols.push(w);
  }
  for (let c = 0; c < k; c++) {
    const w = new Float64Array(M);
    for (let m = 0; m < M; m++) {
      const r = state.resid[m * k + c];
      w[m] = r * r;
    }
    weightCols.push(w);
  }
  const packed = new Float32Array(M * 2 * k);
  for (let m = 0; m < M; m++) for (let col = 0; col < 2 * k; col++) packed[m * 2 * k + col] = weightCols[col][m];
  const probs = tf.tensor3d(Float32Array.from(state.probs), [M, 1, k]);
  const resid = tf.tensor3d(Float32Array.from(state.resid), [M, 1, k]);

  const classIndex = (block: string): number => {
    const c = Number(block.slice('class:'.length));
    if (!block.startsWith('class:') || !Number.isInteger(c) || c < 0 || c >= k)
      throw new Error(`softmax has no block ${block}`);
    return c;
  };

  let packBuffer = new Float32Array(0);
  let weightBuffer = new Float32Array(0);
  async function apply(requests: ApplyRequest[]): Promise<Float64Array[]> {
    // Column layout of U (d × N): [class columns | full-H columns | full-G columns].
    interface Placement {
      request: ApplyRequest;
      group: 0 | 1 | 2;
      /** first column inside its group */
      start: number;
      weightCol: number;
    }
    const placements: Placement[] = [];
    const groupSize = [0, 0, 0];
    for (const request of requests) {
      if (request.count === 0) {
        placements.push({ request, group: 0, start: 0, weightCol: -1 });
        continue;
      }
      if (request.block === 'full') {
        const group = request.matrix === 'H' ? 1 : 2;
        placements.push({ request, group, start: groupSize[group], weightCol: -1 });
        groupSize[group] += request.count * k;
      } else {
        const c = classIndex(request.block);
        placements.push({ request, group: 0, start: groupSize[0], weightCol: (request.matrix === 'H' ? 0 : k) + c });
        groupSize[0] += request.count;
      }
    }
    const total = groupSize[0] + groupSize[1] + groupSize[2];
    if (total === 0) return requests.map(() => new Float64Array(0));
    const groupOffset = [0, groupSize[0], groupSize[0] + groupSize[1]];
    const columnOf = (p: Placement) => groupOffset[p.group] + p.start;

    // reused across the calls of this operator (a solve makes 10–40): less garbage per call
    if (packBuffer.length < d * total) packBuffer = new Float32Array(d * total);
    const u = packBuffer.subarray(0, d * total); // every entry is written below (each column belongs to one request)
    const classWeightIndex = new Int32Array(groupSize[0]);
    for (const p of placements) {
      const { vectors, count } = p.request;
      if (count === 0) continue;
      const col0 = columnOf(p);
      if (p.group === 0) {
        for (let v = 0; v < count; v++) classWeightIndex[p.start + v] = p.weightCol;
        packColumns(vectors, count, d, u, total, col0);
      } else {
        // Full vector v = (V^0..V^{k−1}); V^c goes to column col0 + v·k + c: count·k rows of length d.
        packColumns(vectors, count * k, d, u, total, col0);
      }
    }

    const out = tf.tidy(() => {
      const A = tf.matMul(test.Y, tf.tensor2d(u, [d, total])); // M × N
      const sizes = groupSize.filter((s) => s > 0);
      // one group (the usual case: class blocks only): A itself, not a copy of it
      const parts = sizes.length === 1 ? [A] : tf.split(A, sizes, 1);
      let next = 0;
      const weighted: tf.Tensor2D[] = [];
      if (groupSize[0] > 0) {
        if (weightBuffer.length < M * groupSize[0]) weightBuffer = new Float32Array(M * groupSize[0]);
        const w = tf.tensor2d(gatherColumns(packed, M, 2 * k, classWeightIndex, weightBuffer), [M, groupSize[0]]);
        weighted.push(tf.mul(parts[next++], w));
      }
      if (groupSize[1] > 0) {
        const a = tf.reshape(parts[next++], [M, groupSize[1] / k, k]);
        const pa = tf.mul(probs, a);
        weighted.push(tf.reshape(tf.sub(pa, tf.mul(probs, tf.sum(pa, 2, true))), [M, groupSize[1]]));
      }
      if (groupSize[2] > 0) {
        const a = tf.reshape(parts[next], [M, groupSize[2] / k, k]);
        const ra = tf.sum(tf.mul(resid, a), 2, true);
        weighted.push(tf.reshape(tf.mul(resid, ra), [M, groupSize[2]]));
      }
      const B = weighted.length === 1 ? weighted[0] : tf.concat(weighted, 1);
      return tf.matMul(test.Yt, B); // d × N
    });
    const result = (await out.data()) as Float32Array;
    out.dispose();

    const invM = 1 / M;
    return placements.map((p) => {
      const { vectors, count, matrix } = p.request;
      const shift = matrix === 'H' ? beta : 0;
      if (count === 0) return new Float64Array(0);
      const col0 = columnOf(p);
      const rows = p.group === 0 ? count : count * k;
      return unpackColumns(result, total, col0, rows, d, invM, shift, vectors);
    });
  }

  let gradient: Float64Array | undefined;
  return {
    loss: state.loss,
    accuracy: state.accuracy,
    clusterAccuracy: state.clusterAccuracy,
    meanGradient() {
      gradient ??= softmaxMeanGradient(state.resid, test.samples.inputs, M, d, k);
      return gradient;
    },
    weights(matrix: MatrixKind, block: string) {
      if (block === 'full') return undefined;
      return weightCols[(matrix === 'H' ? 0 : k) + classIndex(block)];
    },
    sampleFactors(matrix: MatrixKind, block: string) {
      if (block !== 'full') return undefined;
      return matrix === 'H' ? softmaxCurvatureFactors(state.probs, M, k) : rankOneFactors(state.resid, M, k);
    },
    apply,
    dispose() {
      probs.dispose();
      resid.dispose();
    },
  };
}
