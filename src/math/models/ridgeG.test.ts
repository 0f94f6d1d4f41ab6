// G with ridge, every model and every block, against a dense float64 reference built from per-sample
// gradients taken by central differences of each sample's loss (no tfjs, no closed form):
//   G_β = (1/M) Σ_m (g_m + βx)(g_m + βx)ᵀ.
// Also: the mean gradient each curvature reports equals (1/M) Σ_m g_m, and β = 0 gives G back.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useBackend } from '../testing/backends';
import { kGmm, sampleMany, xorGmm, type Samples } from '../mixture';
import { makeStream } from '../rng';
import { makeTestSet, type TestSet } from '../testSet';
import type { Curvature, Model } from './model';
import { mlpModel, softmaxHead } from './mlp';
import { withRidgeG } from './ridgeG';
import { softmaxModel, softmaxInto } from './softmax';
import type { Head } from './twoLayer';
import { kinkFreeSamples } from './twoLayerSuite';
import { relErr } from './twoLayerReference';
import { logisticHead, xorModel } from './xor';

const d = 6;
const beta = 0.3;
/** float64 central differences: truncation ~ε² ≈ 1e-10, round-off ~1e-16/ε ≈ 1e-11 */
const EPS = 1e-5;

interface RidgeCase {
  name: string;
  model: Model;
  x: Float32Array;
  samples: Samples;
  /** the loss of one sample at parameters x, in float64 */
  sampleLoss(x: Float64Array, m: number): number;
}

function softmaxCase(): RidgeCase {
  const k = 3;
  const M = 25;
  const mix = kGmm(d, k, 4, 0, makeStream(3, 'means'));
  const samples = sampleMany(mix, makeStream(3, 'test'), M);
  const x = new Float32Array(k * d);
  makeStream(3, 'x').fillNormal(x, 0.8);
  const z = new Float64Array(k);
  const p = new Float64Array(k);
  return {
    name: 'softmax',
    model: softmaxModel({ d, k, j: 2 }),
    x,
    samples,
    sampleLoss(theta, m) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let i = 0; i < d; i++) s += theta[c * d + i] * samples.inputs[m * d + i];
        z[c] = s;
      }
      return softmaxInto(z, p, k) - z[samples.labels[m]];
    },
  };
}

function twoLayerLoss(K: number, head: Head, samples: Samples) {
  const o = head.outputs;
  const h = new Float64Array(K);
  const z = new Float64Array(o);
  const r = new Float64Array(o);
  return (theta: Float64Array, m: number) => {
    for (let i = 0; i < K; i++) {
      let a = 0;
      for (let q = 0; q < d; q++) a += theta[i * d + q] * samples.inputs[m * d + q];
      h[i] = Math.max(a, 0);
    }
    for (let a = 0; a < o; a++) {
      let s = 0;
      for (let i = 0; i < K; i++) s += theta[K * d + a * K + i] * h[i];
      z[a] = s;
    }
    return head.evaluate(z, samples.labels[m], r, null);
  };
}

function xorCase(): RidgeCase {
  const K = 3;
  const x = new Float32Array(K * d + K);
  makeStream(4, 'x').fillNormal(x.subarray(0, K * d), 0.8);
  makeStream(4, 'v').fillNormal(x.subarray(K * d));
  const mixture = xorGmm(d, 4, makeStream(3, 'means'));
  // away from ReLU kinks (margin 0.15 ≫ the perturbation ε·|Y|)
  const samples = kinkFreeSamples({ d, K, M: 40, mixture, x }, 3);
  return { name: 'xor', model: xorModel({ d, K }), x, samples, sampleLoss: twoLayerLoss(K, logisticHead, samples) };
}

function mlpCase(): RidgeCase {
  const K = 3;
  const k = 3;
  const x = new Float32Array(K * d + k * K);
  makeStream(4, 'x').fillNormal(x.subarray(0, K * d), 0.8);
  makeStream(4, 'v').fillNormal(x.subarray(K * d), 1.5);
  const mixture = kGmm(d, k, 4, 0, makeStream(3, 'means'));
  const samples = kinkFreeSamples({ d, K, M: 40, mixture, x }, 3);
  return {
    name: 'mlp',
    model: mlpModel({ d, k, K }),
    x,
    samples,
    sampleLoss: twoLayerLoss(K, softmaxHead(k), samples),
  };
}

/** Per-sample gradients (M × n) by central differences of each sample's float64 loss. */
function perSampleGradients(c: RidgeCase): Float64Array {
  const n = c.x.length;
  const M = c.samples.n;
  const theta = Float64Array.from(c.x);
  const g = new Float64Array(M * n);
  for (let p = 0; p < n; p++) {
    const base = theta[p];
    for (let m = 0; m < M; m++) {
      theta[p] = base + EPS;
      const up = c.sampleLoss(theta, m);
      theta[p] = base - EPS;
      const down = c.sampleLoss(theta, m);
      g[m * n + p] = (up - down) / (2 * EPS);
    }
    theta[p] = base;
  }
  return g;
}

/** Dense (1/M) Σ (g_m + s·x)(g_m + s·x)ᵀ restricted to the parameter indices `idx`, applied to u. */
function denseApply(
  grads: Float64Array,
  x: Float32Array,
  shift: number,
  idx: Int32Array,
  u: Float64Array,
): Float64Array {
  const n = x.length;
  const M = grads.length / n;
  const out = new Float64Array(idx.length);
  for (let m = 0; m < M; m++) {
    let dot = 0;
    for (let a = 0; a < idx.length; a++) dot += (grads[m * n + idx[a]] + shift * x[idx[a]]) * u[a];
    for (let a = 0; a < idx.length; a++) out[a] += ((grads[m * n + idx[a]] + shift * x[idx[a]]) * dot) / M;
  }
  return out;
}

describe.each(NODE_BACKENDS)('G with ridge on %s', (backend) => {
  for (const make of [softmaxCase, xorCase, mlpCase]) {
    describe(make.name.replace(/Case$/, ''), () => {
      let c: RidgeCase;
      let test: TestSet;
      let curvature: Curvature;
      let grads: Float64Array;

      beforeAll(async () => {
        await useBackend(backend);
        c = make();
        test = makeTestSet(c.samples, d);
        curvature = await c.model.curvature(test, c.x, beta);
        grads = perSampleGradients(c);
      });

      it('meanGradient() is (1/M) Σ_m ∇ℓ_m (central differences), in the parameter layout', () => {
        const n = c.x.length;
        const M = c.samples.n;
        const want = new Float64Array(n);
        for (let m = 0; m < M; m++) for (let p = 0; p < n; p++) want[p] += grads[m * n + p] / M;
        expect(relErr(curvature.meanGradient(), want)).toBeLessThan(1e-6);
      });

      it('G_β·V equals (1/M) Σ (g_m + βx)(g_m + βx)ᵀ V for every block, in one batched call with H', async () => {
        const ridge = withRidgeG(curvature, c.model.blocks, c.x, beta);
        const n = c.x.length;
        const index = Float64Array.from({ length: n }, (_, p) => p);
        const rng = makeStream(7, 'v');
        const requests = c.model.blocks.flatMap((b) => {
          const vectors = new Float64Array(2 * b.dim);
          rng.fillNormal(vectors);
          return [
            { matrix: 'G' as const, block: b.id, count: 2, vectors },
            { matrix: 'H' as const, block: b.id, count: 1, vectors: vectors.slice(0, b.dim) },
          ];
        });
        const [withRidge, plain] = await Promise.all([ridge.apply(requests), curvature.apply(requests)]);
        let worst = 0;
        requests.forEach((request, r) => {
          const block = c.model.blocks.find((b) => b.id === request.block)!;
          if (request.matrix === 'H') {
            // H is untouched
            expect(Array.from(withRidge[r])).toEqual(Array.from(plain[r]));
            return;
          }
          const idx = Int32Array.from(block.params(index));
          for (let v = 0; v < request.count; v++) {
            const u = request.vectors.subarray(v * block.dim, (v + 1) * block.dim);
            const got = withRidge[r].subarray(v * block.dim, (v + 1) * block.dim);
            const err = relErr(got, denseApply(grads, c.x, beta, idx, u));
            worst = Math.max(worst, err);
            // float32 matmuls inside G's apply: ~1e-7 relative
            expect(err, `${request.block}`).toBeLessThan(1e-5);
            // and it is a different matrix from G: the ridge terms are not negligible here
            expect(relErr(plain[r].subarray(v * block.dim, (v + 1) * block.dim), got), block.id).toBeGreaterThan(1e-3);
          }
        });
        console.info(
          `[${c.name} ${backend}] G with ridge vs dense central differences: max rel err ${worst.toExponential(2)}`,
        );
      });

      it('β = 0 gives G itself; weights and loss pass through', async () => {
        const zero = withRidgeG(curvature, c.model.blocks, c.x, 0);
        const b = c.model.blocks[0];
        const vectors = new Float64Array(b.dim).fill(1);
        const [a] = await zero.apply([{ matrix: 'G', block: b.id, count: 1, vectors }]);
        const [want] = await curvature.apply([{ matrix: 'G', block: b.id, count: 1, vectors }]);
        expect(Array.from(a)).toEqual(Array.from(want));
        expect(zero.loss).toBe(curvature.loss);
        expect(zero.weights('G', b.id)).toBe(curvature.weights('G', b.id));
      });
    });
  }
});
