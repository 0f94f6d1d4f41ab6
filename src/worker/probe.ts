// The size and the cut-off of the backend probe (backends.ts), kept apart from tfjs so that they are
// testable in Node: the probe must stay cheap beside the run it serves.

export interface OperatorSize {
  M: number;
  d: number;
  /** vectors per apply (all blocks' top-j) */
  n: number;
}

/** flops of the largest probe apply: a quarter of the bench's reference-run size (M 500 of 2000, d 1000, 200 vectors), ≈ 17 ms in wasm */
export const PROBE_FLOPS = 4e8;
/** a backend whose first timed apply is over this many times the best so far is not timed again */
export const PROBE_CUTOFF = 2;
/** the fewest rows of Ŷ a probe keeps */
export const PROBE_MIN_ROWS = 64;

/**
 * The probe's size: the run's, with fewer rows of Ŷ where one apply (Ŷ·U then Ŷᵀ·W, 4·M·d·n flops)
 * would exceed PROBE_FLOPS. d and n, the shapes a GPU kernel tiles, are kept.
 */
export function probeSize({ M, d, n }: OperatorSize): OperatorSize {
  const flops = 4 * M * d * n;
  if (flops <= PROBE_FLOPS) return { M, d, n };
  return { M: Math.min(M, Math.max(PROBE_MIN_ROWS, Math.floor((M * PROBE_FLOPS) / flops))), d, n };
}

/** a timing over PROBE_CUTOFF × the best so far: that backend loses, no need to time it again */
export function clearlySlower(ms: number, bestSoFar: number): boolean {
  return ms > PROBE_CUTOFF * bestSoFar;
}

/**
 * A GPU backend's renderer description that names a software rasteriser (SwiftShader, llvmpipe, …):
 * such a "GPU" runs the shaders on the CPU and is never faster than wasm's SIMD matmuls, so `auto`
 * does not time it once wasm runs (measured here: SwiftShader WebGL 7–9× slower than wasm).
 */
export function isSoftwareRenderer(description: string | undefined): boolean {
  return (
    !!description &&
    /swiftshader|llvmpipe|softpipe|lavapipe|microsoft basic render|software rasterizer/i.test(description)
  );
}
