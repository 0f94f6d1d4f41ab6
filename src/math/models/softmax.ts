// Softmax regression on the k-GMM (docs/MATH.md §2): parameters x = (x^1..x^k), logits z_c = x^c·Y,
// ℓ = −log π_y, ∇_{x^c} ℓ = (π_c − 1[c=y]) Y. Layout: x^c = params[c·d, (c+1)·d).
import type { Mixture } from '../mixture';
import type { Stream } from '../rng';
import type { TestSet } from '../testSet';
import type { BlockSpec, Curvature, Model } from './model';
import { softmaxCurvature } from './softmaxCurvature';
import { createSoftmaxStepKernel, type SoftmaxStepKernel } from './wasm/softmaxStepKernel';

export interface SoftmaxShape {
  d: number;
  k: number;
  /** top-j for every block */
  j: number;
}

/** Numerically stable softmax of z (length k) into out; returns log-sum-exp. */
export function softmaxInto(z: ArrayLike<number>, out: Float64Array, k: number): number {
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (z[c] > max) max = z[c];
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(z[c] - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) out[c] /= sum;
  return max + Math.log(sum);
}

export function softmaxModel({ d, k, j }: SoftmaxShape): Model {
  const blocks: BlockSpec[] = [];
  for (let c = 0; c < k; c++) {
    blocks.push({
      id: `class:${c}`,
      dim: d,
      j,
      params: (x) => Float64Array.from(x.subarray(c * d, (c + 1) * d)),
      hPsd: true,
      weighted: true,
    });
  }
  blocks.push({ id: 'full', dim: k * d, j, params: (x) => Float64Array.from(x), hPsd: true, weighted: false });

  // Scratch for SGD, allocated once.
  const logits = new Float64Array(k);
  const probs = new Float64Array(k);
  // The WebAssembly batch-1 step of the parameters of the last init() (they live in its memory); any
  // other array (a copy, the parameters of an earlier init) takes the JS loops, the reference.
  let kernel: SoftmaxStepKernel | null = null;

  return {
    name: 'softmax',
    nParams: k * d,
    blocks,
    init(rng: Stream) {
      kernel = createSoftmaxStepKernel(k, d);
      const x = kernel ? kernel.x : new Float32Array(k * d);
      rng.fillNormal(x, 1 / Math.sqrt(d));
      return x;
    },
    sgdStep(x, inputs, labels, batch, delta, beta) {
      // x ← (1 − δβ) x − δ · (1/B) Σ_b (π_b − e_{y_b}) ⊗ Y_b. Decay first, then rank-1 updates
      // computed from the pre-update x (logits of all B samples taken before any update).
      if (batch === 1 && kernel !== null && x === kernel.x) {
        // the same numbers as the JS loops below, bit for bit (softmaxStep.wat)
        kernel.computeLogits(inputs);
        softmaxInto(kernel.logits, probs, k);
        const y = labels[0];
        const coefs = kernel.coefs;
        for (let c = 0; c < k; c++) coefs[c] = delta * (probs[c] - (c === y ? 1 : 0));
        kernel.update(1 - delta * beta);
        return;
      }
      if (batch === 1) {
        // Five (then two) classes per sweep over Y: each Y element loaded once for several logits /
        // updates. Every class keeps its own sequential sum, so the numbers are those of one class at
        // a time. Measured at d 1000, k 10: logits 15 → 8 µs, update 19 → 11 µs per step.
        let c = 0;
        for (; c + 4 < k; c += 5) {
          const r0 = c * d,
            r1 = r0 + d,
            r2 = r1 + d,
            r3 = r2 + d,
            r4 = r3 + d;
          let z0 = 0,
            z1 = 0,
            z2 = 0,
            z3 = 0,
            z4 = 0;
          for (let i = 0; i < d; i++) {
            const v = inputs[i];
            z0 += x[r0 + i] * v;
            z1 += x[r1 + i] * v;
            z2 += x[r2 + i] * v;
            z3 += x[r3 + i] * v;
            z4 += x[r4 + i] * v;
          }
          logits[c] = z0;
          logits[c + 1] = z1;
          logits[c + 2] = z2;
          logits[c + 3] = z3;
          logits[c + 4] = z4;
        }
        for (; c + 1 < k; c += 2) {
          const r0 = c * d,
            r1 = r0 + d;
          let z0 = 0,
            z1 = 0;
          for (let i = 0; i < d; i++) {
            const v = inputs[i];
            z0 += x[r0 + i] * v;
            z1 += x[r1 + i] * v;
          }
          logits[c] = z0;
          logits[c + 1] = z1;
        }
        for (; c < k; c++) {
          let z = 0;
          const row = c * d;
          for (let i = 0; i < d; i++) z += x[row + i] * inputs[i];
          logits[c] = z;
        }
        softmaxInto(logits, probs, k);
        const decay = 1 - delta * beta;
        const y = labels[0];
        // the step of every class: s_c = δ(π_c − 1[c = y]), kept in probs
        for (c = 0; c < k; c++) probs[c] = delta * (probs[c] - (c === y ? 1 : 0));
        c = 0;
        for (; c + 4 < k; c += 5) {
          const s0 = probs[c],
            s1 = probs[c + 1],
            s2 = probs[c + 2],
            s3 = probs[c + 3],
            s4 = probs[c + 4];
          const r0 = c * d,
            r1 = r0 + d,
            r2 = r1 + d,
            r3 = r2 + d,
            r4 = r3 + d;
          for (let i = 0; i < d; i++) {
            const v = inputs[i];
            x[r0 + i] = decay * x[r0 + i] - s0 * v;
            x[r1 + i] = decay * x[r1 + i] - s1 * v;
            x[r2 + i] = decay * x[r2 + i] - s2 * v;
            x[r3 + i] = decay * x[r3 + i] - s3 * v;
            x[r4 + i] = decay * x[r4 + i] - s4 * v;
          }
        }
        for (; c + 1 < k; c += 2) {
          const s0 = probs[c],
            s1 = probs[c + 1];
          const r0 = c * d,
            r1 = r0 + d;
          for (let i = 0; i < d; i++) {
            const v = inputs[i];
            x[r0 + i] = decay * x[r0 + i] - s0 * v;
            x[r1 + i] = decay * x[r1 + i] - s1 * v;
          }
        }
        for (; c < k; c++) {
          const s = probs[c];
          const row = c * d;
          for (let i = 0; i < d; i++) x[row + i] = decay * x[row + i] - s * inputs[i];
        }
        return;
      }
      const coefs = new Float64Array(batch * k);
      for (let b = 0; b < batch; b++) {
        const yOff = b * d;
        for (let c = 0; c < k; c++) {
          let z = 0;
          const row = c * d;
          for (let i = 0; i < d; i++) z += x[row + i] * inputs[yOff + i];
          logits[c] = z;
        }
        softmaxInto(logits, probs, k);
        for (let c = 0; c < k; c++) coefs[b * k + c] = (delta / batch) * (probs[c] - (c === labels[b] ? 1 : 0));
      }
      const decay = 1 - delta * beta;
      for (let i = 0; i < k * d; i++) x[i] *= decay;
      for (let b = 0; b < batch; b++) {
        const yOff = b * d;
        for (let c = 0; c < k; c++) {
          const s = coefs[b * k + c];
          const row = c * d;
          for (let i = 0; i < d; i++) x[row + i] -= s * inputs[yOff + i];
        }
      }
    },
    summary(x, mix: Mixture) {
      const m: number[][] = [];
      const R: number[][] = [];
      for (let a = 0; a < k; a++) {
        const mRow: number[] = [];
        const rRow: number[] = [];
        for (let b = 0; b < mix.meanCount; b++) {
          let s = 0;
          for (let i = 0; i < d; i++) s += x[a * d + i] * mix.means[b * d + i];
          mRow.push(s);
        }
        for (let b = 0; b < k; b++) {
          let s = 0;
          for (let i = 0; i < d; i++) s += x[a * d + i] * x[b * d + i];
          rRow.push(s);
        }
        m.push(mRow);
        R.push(rRow);
      }
      return { m, R };
    },
    paramRecord(x) {
      const rows: number[][] = [];
      for (let c = 0; c < k; c++) rows.push(Array.from(x.subarray(c * d, (c + 1) * d)));
      return { x: rows };
    },
    curvature(test: TestSet, x: Float32Array, beta: number): Promise<Curvature> {
      return softmaxCurvature(test, x, k, beta);
    },
  };
}
