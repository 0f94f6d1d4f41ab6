// The Krylov basis kernels (crossDots, accumulateRows, dotRows) in WebAssembly SIMD, with the JS
// kernels of blas.ts as the fallback where SIMD is unavailable.
//
// WebAssembly cannot read JS ArrayBuffers, so the arrays the kernels work on must LIVE in its memory:
// createBasisArena carves them from one WebAssembly.Memory per arena (sized once, never grown, so the
// Float64Array views never detach) with its own instance of the one compiled module. Nothing is freed
// by hand: the memory goes with the arena when it is garbage-collected. Both kinds of arena hand out
// plain Float64Arrays and kernels with the blas.ts signatures, so the solver code is the same for both.
//
// Numerics: accumulateRows is bit-identical to blas.ts (same evaluation order); the dots differ only
// by summation order (two lanes of even/odd elements).
import { accumulateRows, crossDots, dotRows } from '../blas';
import { lazySimdModule } from '../../wasmModule';
import { KERNELS_WASM_BASE64 } from './kernelsWasm';

export interface BasisKernels {
  /** true when these are the WebAssembly SIMD kernels */
  readonly simd: boolean;
  /** out[outOff + r·ldo + l] = X_r · Y_l (see blas.ts crossDots) */
  crossDots(
    x: Float64Array,
    xOff: number,
    nx: number,
    y: Float64Array,
    yOff: number,
    ny: number,
    dim: number,
    out: Float64Array,
    outOff: number,
    ldo: number,
  ): void;
  /** out_r += scale · Σ_l C[r·ldc + l] · Y_l (see blas.ts accumulateRows; C at offset 0 of c) */
  accumulateRows(
    c: Float64Array,
    ldc: number,
    nout: number,
    y: Float64Array,
    yOff: number,
    ny: number,
    dim: number,
    out: Float64Array,
    outOff: number,
    scale: number,
  ): void;
  /** x_row · y_row */
  dotRows(x: Float64Array, xOff: number, y: Float64Array, yOff: number, dim: number): number;
}

export interface BasisArena {
  /** one zeroed array per requested length, in request order */
  arrays: Float64Array[];
  kernels: BasisKernels;
}

/** 'wasm' uses the SIMD kernels when this engine supports them (else JS); 'js' always uses blas.ts */
export type BasisKernelKind = 'wasm' | 'js';

interface KernelExports {
  crossDots(x: number, nx: number, y: number, ny: number, dim: number, out: number, ldo: number): void;
  accumulateRows(
    c: number,
    ldc: number,
    nout: number,
    y: number,
    ny: number,
    dim: number,
    out: number,
    scale: number,
  ): void;
  dotRows(x: number, y: number, dim: number): number;
}

const JS_KERNELS: BasisKernels = { simd: false, crossDots, accumulateRows, dotRows };

/**
 * The kernel module, compiled once; null where WebAssembly or its SIMD is missing (validate fails).
 */
const kernelModule = lazySimdModule(KERNELS_WASM_BASE64);

export function simdKernelsAvailable(): boolean {
  return kernelModule() !== null;
}

class WasmKernels implements BasisKernels {
  readonly simd = true;

  constructor(
    private readonly buffer: ArrayBuffer,
    private readonly ex: KernelExports,
  ) {}

  /** byte address of element off of a; a must be a view on this arena's memory */
  private at(a: Float64Array, off: number): number {
    if (a.buffer !== this.buffer) throw new Error('basis kernels: array does not live in this arena');
    return a.byteOffset + 8 * off;
  }

  crossDots(
    x: Float64Array,
    xOff: number,
    nx: number,
    y: Float64Array,
    yOff: number,
    ny: number,
    dim: number,
    out: Float64Array,
    outOff: number,
    ldo: number,
  ): void {
    // empty shapes: the JS kernel (it works on these views too) defines what they mean
    if (nx <= 0 || ny <= 0 || dim <= 0) return crossDots(x, xOff, nx, y, yOff, ny, dim, out, outOff, ldo);
    this.ex.crossDots(this.at(x, xOff), nx, this.at(y, yOff), ny, dim, this.at(out, outOff), ldo);
  }

  accumulateRows(
    c: Float64Array,
    ldc: number,
    nout: number,
    y: Float64Array,
    yOff: number,
    ny: number,
    dim: number,
    out: Float64Array,
    outOff: number,
    scale: number,
  ): void {
    if (nout <= 0 || ny <= 0 || dim <= 0) return;
    this.ex.accumulateRows(this.at(c, 0), ldc, nout, this.at(y, yOff), ny, dim, this.at(out, outOff), scale);
  }

  dotRows(x: Float64Array, xOff: number, y: Float64Array, yOff: number, dim: number): number {
    if (dim <= 0) return 0;
    return this.ex.dotRows(this.at(x, xOff), this.at(y, yOff), dim);
  }
}

const PAGE = 65536;

function wasmArena(module: WebAssembly.Module, lengths: number[]): BasisArena {
  // 16-byte aligned starts (v128 loads need no alignment, but aligned rows are faster)
  const starts: number[] = [];
  let bytes = 0;
  for (const n of lengths) {
    starts.push(bytes);
    bytes += Math.ceil((8 * n) / 16) * 16;
  }
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const buffer = memory.buffer;
  return {
    arrays: lengths.map((n, i) => new Float64Array(buffer, starts[i], n)),
    kernels: new WasmKernels(buffer, instance.exports as unknown as KernelExports),
  };
}

/** Zeroed arrays of the given lengths and the kernels that work on them (SIMD unless kind is 'js'). */
export function createBasisArena(lengths: number[], kind: BasisKernelKind = 'wasm'): BasisArena {
  const module = kind === 'wasm' ? kernelModule() : null;
  if (module) {
    try {
      return wasmArena(module, lengths);
    } catch {
      // no memory for one more WebAssembly.Memory (address space): the JS kernels still work
    }
  }
  return { arrays: lengths.map((n) => new Float64Array(n)), kernels: JS_KERNELS };
}
