// symmetricEigenTop's work arrays in WebAssembly memory, with the SIMD kernels of denseKernels.wat that
// work on them (null where WebAssembly or its SIMD is missing: dense.ts then runs its JS loops, which
// give the same bits). One arena per thread (module state), reused by every call and replaced by a
// larger one when a call needs more room; a memory is never grown, so its views never detach.
import { lazySimdModule } from '../../wasmModule';
import { DENSE_KERNELS_WASM_BASE64 } from './denseKernelsWasm';

/** byte offsets into the arena's memory; see denseKernels.wat for what each kernel does */
export interface DenseKernelExports {
  tredMatvec(w: number, n: number, i: number, d: number, e: number): void;
  tredUpdate(w: number, n: number, i: number, d: number, e: number): void;
  rotReplay(y: number, count: number, rows: number, cos: number, sin: number, len: number): void;
  reflReplay(w: number, n: number, h: number, y: number, count: number, g: number): void;
}

export interface DenseArena {
  /** capacities: matrix order, wanted vectors, logged rotations */
  n: number;
  count: number;
  logCap: number;
  /** n×n work matrix (row stride = the order of the current problem, not the capacity) */
  w: Float64Array;
  d: Float64Array;
  e: Float64Array;
  h: Float64Array;
  /** count + 2 scratch elements (reflReplay's sums) */
  g: Float64Array;
  /** n·count (+ 2 spare) */
  y: Float64Array;
  rows: Int32Array;
  cos: Float64Array;
  sin: Float64Array;
  ex: DenseKernelExports;
}

const denseModule = lazySimdModule(DENSE_KERNELS_WASM_BASE64);

let current: DenseArena | null = null;
/** set by tests: force the JS loops */
let disabled = false;

/** Tests only: run symmetricEigenTop on its JS loops (true) or on the kernels where available (false). */
export function disableDenseKernels(off: boolean): void {
  disabled = off;
}

/**
 * An arena with room for order n, count wanted vectors and logLen rotations (the thread's current one
 * when it is large enough), or null when the kernels are unavailable. A new arena does not keep the
 * old one's contents.
 */
export function denseArena(n: number, count: number, logLen: number): DenseArena | null {
  if (disabled) return null;
  const c = current;
  if (c && c.n >= n && c.count >= count && c.logCap >= logLen) return c;
  const module = denseModule();
  if (!module) return null;
  const cap = Math.max(n, c?.n ?? 0, 32);
  const cnt = Math.max(count, c?.count ?? 0, 16);
  const logCap = Math.max(logLen, c?.logCap ?? 0, 2 * cap * cap);
  const lengths = [cap * cap, cap, cap, cap, cnt + 2, cap * cnt + 2, logCap, logCap];
  const rowsBytes = Math.ceil((4 * logCap) / 16) * 16;
  let bytes = rowsBytes;
  const starts: number[] = [];
  for (const len of lengths) {
    starts.push(bytes);
    bytes += Math.ceil((8 * len) / 16) * 16;
  }
  try {
    const pages = Math.max(1, Math.ceil(bytes / 65536));
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const buf = memory.buffer;
    const v = lengths.map((len, i) => new Float64Array(buf, starts[i], len));
    current = {
      n: cap,
      count: cnt,
      logCap,
      w: v[0],
      d: v[1],
      e: v[2],
      h: v[3],
      g: v[4],
      y: v[5],
      rows: new Int32Array(buf, 0, logCap),
      cos: v[6],
      sin: v[7],
      ex: instance.exports as unknown as DenseKernelExports,
    };
    return current;
  } catch {
    return null; // no address space for one more memory: the JS loops still work
  }
}
