// The batch-1 softmax SGD step's two loops (logits x_c·Y, rank-1 update) in WebAssembly: see
// softmaxStep.wat, bit-identical to the JS loops of softmax.ts, about 2× faster at d 1000, k 10.
//
// WebAssembly cannot read JS ArrayBuffers, so the parameters LIVE in the kernel's memory: `x` is a
// Float32Array view on it (one fixed-size WebAssembly.Memory per kernel, never grown, so the view never
// detaches), handed out by the model's init(). The input row is copied in each step (d float32). The
// softmax itself stays in JS (softmax.ts), on the logits / coefficients views here.
import { lazySimdModule } from '../../wasmModule';
import { SOFTMAX_STEP_WASM_BASE64 } from './softmaxStepWasm';

export interface SoftmaxStepKernel {
  /** the parameters, k rows of d float32 (zeroed), a view on this kernel's memory */
  readonly x: Float32Array;
  /** logits[c] = x_c · Y after computeLogits */
  readonly logits: Float64Array;
  /** the step of every class, s_c (set by the caller before update) */
  readonly coefs: Float64Array;
  /** logits of the input row Y = input[0, d) at the current x */
  computeLogits(input: Float32Array): void;
  /** x_c ← f32(decay·x_c − coefs[c]·Y), Y the row of the last computeLogits */
  update(decay: number): void;
}

interface Exports {
  widen(src: number, dst: number, d: number): void;
  logits(x: number, v: number, k: number, d: number, out: number): void;
  update(x: number, v: number, k: number, d: number, s: number, decay: number): void;
}

/** compiled once (under 1 KB); null without wasm SIMD */
const stepModule = lazySimdModule(SOFTMAX_STEP_WASM_BASE64);

const PAGE = 65536;
const align16 = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** A kernel for k classes of dimension d, or null where WebAssembly SIMD (or its memory) is missing. */
export function createSoftmaxStepKernel(k: number, d: number): SoftmaxStepKernel | null {
  const module = stepModule();
  if (!module || k < 1 || d < 1) return null;
  const xAt = 0;
  const inAt = align16(xAt + 4 * k * d);
  const vAt = align16(inAt + 4 * d);
  const logitsAt = align16(vAt + 8 * d);
  const coefsAt = logitsAt + 8 * k;
  const bytes = coefsAt + 8 * k;
  let ex: Exports;
  let buffer: ArrayBuffer;
  try {
    const pages = Math.max(1, Math.ceil(bytes / PAGE));
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    ex = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
    buffer = memory.buffer;
  } catch {
    return null; // no address space for one more memory: the JS step still works
  }
  const input = new Float32Array(buffer, inAt, d);
  const v = new Float64Array(buffer, vAt, d);
  return {
    x: new Float32Array(buffer, xAt, k * d),
    logits: new Float64Array(buffer, logitsAt, k),
    coefs: new Float64Array(buffer, coefsAt, k),
    computeLogits(row: Float32Array) {
      if (row.length === d) {
        input.set(row);
        ex.widen(inAt, vAt, d);
      } else {
        for (let i = 0; i < d; i++) v[i] = row[i];
      }
      ex.logits(xAt, vAt, k, d, logitsAt);
    },
    update(decay: number) {
      ex.update(xAt, vAt, k, d, coefsAt, decay);
    },
  };
}
