// The WebAssembly batch-1 softmax step: committed bytes in sync with softmaxStep.wat, and bit for bit
// the parameters of the JS loops of softmax.ts over 20 000 steps from the same init and samples, at
// k 10 and odd k, odd and even d (every remainder of the 4-class sweeps and the 4-float update groups).
import { describe, expect, it } from 'vitest';
import { kGmm, sampleInto, clusterLabel } from '../../mixture';
import { makeStream } from '../../rng';
import { softmaxModel } from '../softmax';
import { assembleSoftmaxStep } from './assemble';
import { createSoftmaxStepKernel } from './softmaxStepKernel';
import { SOFTMAX_STEP_WASM_BASE64 } from './softmaxStepWasm';

/** first index where the two arrays differ as bits, -1 if none */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  if (ua.length !== ub.length) return 0;
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return i;
  return -1;
}

/** runs the wasm step (on init's view) and the JS step (on a plain copy) side by side on the same samples */
function sideBySide(k: number, d: number, steps: number, delta: number, beta: number) {
  const model = softmaxModel({ d, k, j: k });
  const wasmX = model.init(makeStream(7, 'init'));
  const jsX = Float32Array.from(wasmX);
  const mix = kGmm(d, k, 4, 0.2, makeStream(3, 'means'));
  const rng = makeStream(5, 'train');
  const input = new Float32Array(d);
  const label = new Int32Array(1);
  const diffs: { step: number; at: number }[] = [];
  for (let s = 0; s < steps; s++) {
    label[0] = clusterLabel(mix, sampleInto(mix, rng, input));
    model.sgdStep(wasmX, input, label, 1, delta, beta);
    model.sgdStep(jsX, input, label, 1, delta, beta);
    if ((s + 1) % 1000 === 0 || s < 10) {
      const at = firstBitDifference(wasmX, jsX);
      if (at >= 0) diffs.push({ step: s + 1, at });
      if (diffs.length > 0) break;
    }
  }
  return { wasmX, jsX, diffs };
}

describe('wasm batch-1 softmax step', () => {
  it('softmaxStepWasm.ts holds exactly the assembled softmaxStep.wat (run build.ts after editing the .wat)', async () => {
    const assembled = await assembleSoftmaxStep();
    expect(Buffer.from(SOFTMAX_STEP_WASM_BASE64, 'base64').equals(Buffer.from(assembled))).toBe(true);
  });

  it('is available in Node, and init() hands out a view on the kernel memory', () => {
    expect(createSoftmaxStepKernel(10, 1000)).not.toBeNull();
    const x = softmaxModel({ d: 999, k: 3, j: 3 }).init(makeStream(1, 'init'));
    expect(x.length).toBe(3 * 999);
    expect(x.buffer.byteLength).toBeGreaterThan(x.byteLength); // lives in a WebAssembly.Memory
    // the same numbers as a plain array filled by the same stream
    const plain = new Float32Array(3 * 999);
    makeStream(1, 'init').fillNormal(plain, 1 / Math.sqrt(999));
    expect(firstBitDifference(x, plain)).toBe(-1);
  });

  for (const [k, d] of [
    [10, 1000],
    [10, 999],
    [3, 999],
    [7, 1000],
    [7, 9],
    [2, 2],
    [1, 3],
  ] as const)
    it(`wasm and JS steps give bitwise equal parameters over 20 000 steps (k ${k}, d ${d})`, () => {
      const { wasmX, jsX, diffs } = sideBySide(k, d, 20_000, 0.5, 0.01);
      expect(diffs).toEqual([]);
      // the run moved the parameters far from init and kept them finite
      expect(wasmX.every(Number.isFinite)).toBe(true);
      let moved = 0;
      const x0 = softmaxModel({ d, k, j: k }).init(makeStream(7, 'init'));
      for (let i = 0; i < wasmX.length; i++) if (wasmX[i] !== x0[i]) moved++;
      expect(moved).toBeGreaterThan(wasmX.length / 2);
      expect(firstBitDifference(wasmX, jsX)).toBe(-1);
    });

  it('large steps (saturated softmax, decaying weights) stay bit-identical too', () => {
    const { diffs } = sideBySide(10, 999, 3000, 5, 0.15);
    expect(diffs).toEqual([]);
  });

  it('a plain Float32Array (or the parameters of an earlier init) takes the JS path and leaves the view alone', () => {
    const k = 3;
    const d = 11;
    const model = softmaxModel({ d, k, j: k });
    const first = model.init(makeStream(2, 'init'));
    const second = model.init(makeStream(2, 'init'));
    const viewBefore = Float32Array.from(second);
    const plain = Float32Array.from(second);
    const input = Float32Array.from({ length: d }, (_, i) => Math.sin(i + 1));
    const label = Int32Array.of(1);
    model.sgdStep(plain, input, label, 1, 0.3, 0.1);
    model.sgdStep(first, input, label, 1, 0.3, 0.1); // an earlier init's view: JS path, same numbers
    expect(firstBitDifference(second, viewBefore)).toBe(-1); // the kernel's own view untouched
    expect(firstBitDifference(plain, viewBefore)).not.toBe(-1); // the step did move plain
    expect(firstBitDifference(first, plain)).toBe(-1);
    // the reference numbers of the JS loops, written out: x_c ← f32((1 − δβ) x_c − δ(π_c − 1[c=y]) Y)
    const z = [0, 1, 2].map((c) => {
      let s = 0;
      for (let i = 0; i < d; i++) s += viewBefore[c * d + i] * input[i];
      return s;
    });
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const sum = e[0] + e[1] + e[2];
    const expected = new Float32Array(k * d);
    for (let c = 0; c < k; c++) {
      const sc = 0.3 * (e[c] / sum - (c === 1 ? 1 : 0));
      for (let i = 0; i < d; i++) expected[c * d + i] = (1 - 0.3 * 0.1) * viewBefore[c * d + i] - sc * input[i];
    }
    expect(firstBitDifference(plain, expected)).toBe(-1);
    // and the kernel's view, stepped by wasm, lands on the same bits
    model.sgdStep(second, input, label, 1, 0.3, 0.1);
    expect(firstBitDifference(second, expected)).toBe(-1);
  });
});
